#ifndef CARE_SCHEMA_INT_H
#define CARE_SCHEMA_INT_H

/*
 * The compiled form of a schema, shared by schema.c (loading) and
 * validate.c (checking records). Nothing outside those two files looks
 * inside; everyone else goes through schema.h.
 */
#include "schema/regex.h"
#include "yaml/tree.h"

enum {
	T_STRING = 1, T_INTEGER = 2, T_NUMBER = 4, T_BOOLEAN = 8,
	T_NULL = 16, T_OBJECT = 32, T_ARRAY = 64,
};

struct prop {
	const char *name;
	size_t len;
	struct snode *s;
};

struct snode {
	const struct ynode *src;
	unsigned types;
	const char *title, *description;
	struct prop *props;
	size_t nprops;
	const struct ynode *required;	/* sequence of key scalars */
	int *required_prop;		/* index in props of each, or -1 */
	int addl_false;
	struct snode *addl;
	const struct ynode *enums;	/* sequence of scalars */
	const struct ynode *labels;	/* x-labels mapping */
	const char *const_val;
	struct regex *pattern;
	const char *pattern_src;
	long min_len, max_len, min_items, max_items;
	int has_min, has_max, unique, format_date, sensitive, markdown;
	double minimum, maximum;
	struct snode *items;
	struct snode *ref;
	const char *ref_name;
	const char *xref;
	struct snode *next_alloc;
};

struct def {
	const char *name;
	struct snode *s;
};

struct schema {
	struct ydoc *doc;
	const char *path;
	struct snode *root;
	struct snode *all;	/* every node, for freeing */
	struct def *defs;
	size_t ndefs;
	struct diag_list *dl;
	int errors;
};

#endif
