#ifndef CARE_YAML_HIDDEN_INT_H
#define CARE_YAML_HIDDEN_INT_H

#include <stddef.h>
#include <stdint.h>

#include "yaml/hidden.h"

/*
 * A place in a document's raw text: the byte offset, and the 0-based line
 * and column (in characters) that libyaml's marks give. Zeroed, it is the
 * start of the text.
 */
struct ycursor {
	size_t off;
	size_t line;
	size_t col;
};

/* A scalar's span in libyaml's marks (0-based), and how it was written. */
struct yspan {
	size_t sline, scol, eline, ecol;
	int block;		/* a | or > block, where tabs are text */
	int double_quoted;	/* escapes can write characters */
};

/*
 * Finds where the scalar spanning sp in buf (len bytes) wrote its first
 * hidden character, and fills h with it. Returns 0, or -1 when nothing in
 * the raw text was found, h then untouched. at is the document's cursor:
 * it moves forward to the scalar, so that the walks of one document add
 * up to one pass over its text, however many values need one.
 */
int hidden_locate(struct yhidden *h, const char *buf, size_t len, struct ycursor *at,
		  const struct yspan *sp);

#endif
