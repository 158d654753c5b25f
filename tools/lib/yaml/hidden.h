#ifndef CARE_YAML_HIDDEN_H
#define CARE_YAML_HIDDEN_H

#include <stdint.h>

/*
 * The first character of a scalar that no record may hold, as
 * find_hidden_char() finds them (util/printable.h: a tab only in | and >
 * blocks), and where the teacher wrote it: at the character itself, or at
 * the escape that wrote it inside double quotes ("\e", "\u202e"). The
 * tree (tree.h) gives each scalar that holds one a struct yhidden.
 */
struct yhidden {
	uint32_t cp;
	int line;		/* 1-based */
	int col;		/* 1-based, in characters */
	char escape[12];	/* the escape as written, or "" for the character itself */
};

#endif
