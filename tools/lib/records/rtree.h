#ifndef CARE_RECORDS_RTREE_H
#define CARE_RECORDS_RTREE_H

#include <stddef.h>

#include "schema/schema.h"
#include "util/strbuf.h"

/*
 * A record being made from a row of a spreadsheet (care import), before
 * it is YAML: a small tree whose every value remembers the sheet column
 * it came from, so that a problem the check finds in the YAML can be
 * reported at the cell. rtree_emit() writes it in the style of the demo
 * records, which a teacher would have written by hand: keys in the order
 * of the schema, phones in quotes, short lists on one line, Markdown
 * notes as | blocks.
 */
enum rtype { RT_SCALAR, RT_MAP, RT_SEQ };

struct rnode {
	char *key;		/* in a map; NULL in a sequence */
	enum rtype type;
	char *text;		/* scalar */
	int col;		/* 1-based sheet column, 0 when made up (a default) */
	int quoted;		/* scalar: always in quotes (a phone) */
	struct rnode **kids;
	size_t n;
};

/* A new empty mapping: the root of a record. Free with rnode_free(). */
struct rnode *rnode_new_map(void);
void rnode_free(struct rnode *n);

/*
 * Sets the value at field, a path of keys separated by dots in which
 * "parents[father]" is the item of the sequence parents whose relation is
 * father (made, relation first, when missing): "guardian.phone",
 * "parents[father].name". Containers on the way are made. Returns the
 * new scalar, or a sequence for rnode_set_list(); NULL when the path runs
 * into a value of another type.
 */
struct rnode *rnode_set(struct rnode *root, const char *field, const char *text, int col);
/* The same for a list of scalars: an empty sequence to rnode_push() onto. */
struct rnode *rnode_set_list(struct rnode *root, const char *field, int col);
/* Appends a scalar (key NULL) or a mapping (type RT_MAP) to a sequence. */
struct rnode *rnode_push(struct rnode *seq, enum rtype type, const char *text, int col);
/* Adds key: text to a mapping. */
struct rnode *rnode_add(struct rnode *map, const char *key, const char *text, int col);

/* The scalar text at field (same paths as rnode_set()), or NULL. */
const char *rnode_get(const struct rnode *root, const char *field);

/*
 * Appends the record as YAML to out, keys ordered by the schema node sn
 * (the record's root; keys it does not list come last). (*cols)[i] is set
 * to the sheet column of output line i + 1 (0 when none), *ncols to the
 * number of lines; the array is the caller's to free.
 */
void rtree_emit(struct strbuf *out, const struct rnode *root, const struct snode *sn, int **cols,
		size_t *ncols);

#endif
