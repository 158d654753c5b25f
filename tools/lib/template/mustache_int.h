#ifndef CARE_MUSTACHE_INT_H
#define CARE_MUSTACHE_INT_H

/* A compiled template, as mustache.c makes it and mustache_render.c reads it. */
#include <stddef.h>

/* Sections render by recursion; a limit keeps hostile templates off the C stack. */
#define MAX_NESTING 100

enum mkind { MN_TEXT, MN_INDENT, MN_VAR, MN_RAW, MN_SECTION, MN_INVERTED, MN_PARTIAL };

struct mnode {
	enum mkind kind;
	size_t off, len;	/* TEXT: the text; VAR, RAW, sections: the name (in text) */
	size_t end;		/* sections: the node after the body */
	char *name;		/* PARTIAL: the partial's name */
	char *indent;		/* PARTIAL: indentation of a standalone tag, or NULL */
};

struct mtemplate {
	char *text;
	struct mnode *nodes;
	size_t nr, alloc;
};

#endif
