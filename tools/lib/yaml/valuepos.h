#ifndef CARE_YAML_VALUEPOS_H
#define CARE_YAML_VALUEPOS_H

#include <stddef.h>

#include "yaml/tree.h"

/*
 * Where a scalar's value was written: a byte of the value (libyaml's,
 * with quotes and escapes undone, lines folded, a block's indentation
 * gone) back to the line and column of the file that wrote it.
 */

/*
 * A line start in a file that the calls for one document share: values
 * looked up in the order they come in the file cost one pass over it.
 * Start it at YPLACE_INIT for each file.
 */
struct yplace {
	size_t off;		/* where line `line` starts, after any byte-order mark */
	int line;
};

#define YPLACE_INIT { 0, 1 }

/*
 * For each offs[i] (ascending byte offsets into n's value), the line and
 * column in buf (len bytes, the text ydoc_parse() read) of the character
 * that wrote it: the character itself, the escape ("\u200b", "\0") inside
 * double quotes, the "''" inside single quotes, the line end that folding
 * made a space. What cannot be found gets the value's own position.
 */
void ynode_locate(const char *buf, size_t len, struct yplace *at, const struct ynode *n,
		  const size_t *offs, size_t nr, int *lines, int *cols);

#endif
