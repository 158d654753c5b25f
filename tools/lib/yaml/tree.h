#ifndef CARE_YAMLTREE_H
#define CARE_YAMLTREE_H

#include <stddef.h>

#include "util/diag.h"
#include "yaml/hidden.h"

/*
 * A YAML document as a small tree in which every node keeps its position.
 * Scalars keep the text the teacher wrote: the schema, not YAML's type
 * guessing, decides whether `2015-03-14` is a date or `no` a boolean.
 *
 * Only the plain subset a record needs is accepted: one document whose top
 * level is a mapping, no anchors, aliases, tags, merge keys or complex keys,
 * no duplicate keys, at most YDOC_MAX_DEPTH levels and YDOC_MAX_SIZE bytes.
 */
#define YDOC_MAX_DEPTH 64
#define YDOC_MAX_SIZE (1024 * 1024)
/* Nodes (scalars, mappings, lists) in one file; CARE_TEST_MAX_NODES lowers it. */
#define YDOC_MAX_NODES 100000
/*
 * Bytes in one value, the size of a file: a 1 MiB note passes. Checked
 * apart so that it holds whatever the file size allows; CARE_TEST_MAX_SCALAR
 * lowers it.
 */
#define YDOC_MAX_SCALAR YDOC_MAX_SIZE

enum ynode_type { YNODE_SCALAR, YNODE_MAP, YNODE_SEQ };

/* How a scalar was written: its quotes, or a | or > text block. */
enum ynode_style {
	YNODE_PLAIN,
	YNODE_SINGLE_QUOTED,
	YNODE_DOUBLE_QUOTED,
	YNODE_LITERAL,		/* | */
	YNODE_FOLDED,		/* > */
};

struct ynode {
	enum ynode_type type;
	int line;		/* 1-based */
	int col;		/* 1-based, in characters */
	unsigned plain : 1;	/* scalar written without quotes or | > */
	unsigned style : 3;	/* scalar: enum ynode_style */
	unsigned any_hidden : 1;	/* map, seq: some key or value below has `hidden` */
	size_t len;		/* scalar: bytes of text; map: pairs; seq: items */
	union {
		const char *text;		/* scalar, NUL-terminated (a \0 inside ends it early: use len) */
		struct ynode **kids;		/* map: key, value, key, value...; seq: items */
	} u;
	const struct yhidden *hidden;	/* scalar (key or value): NULL for a clean one */
};

struct ydoc;

/*
 * Parses buf (len bytes, which text_scan() has passed). Problems go to dl
 * under the name path. Returns 0 and a document in *out, or -1 with *out
 * NULL when the text is not a usable record. The document owns its nodes.
 */
int ydoc_parse(struct ydoc **out, const char *buf, size_t len, const char *path,
	       struct diag_list *dl);
const struct ynode *ydoc_root(const struct ydoc *doc);
void ydoc_free(struct ydoc *doc);
/* Frees the memory the calling thread keeps for its next document. */
void ydoc_thread_cleanup(void);

/* Value of key in a mapping node, or NULL. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);
/* Key node of the same entry, for positions of key errors. */
const struct ynode *ynode_key(const struct ynode *map, const char *key);
/* A plain scalar with no text, or plain ~ / null: YAML's null. */
int ynode_is_null(const struct ynode *n);
/* Text of a scalar, or NULL for other nodes. */
const char *ynode_text(const struct ynode *n);

#endif
