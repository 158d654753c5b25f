#ifndef CARE_TOMVAL_H
#define CARE_TOMVAL_H

#include "template/values.h"
#include "schema/schema.h"
#include "yaml/tree.h"

/*
 * A record as template values, led by its schema: every field by its key,
 * an enum also as <key>_label (its Chinese label), a list of enums also as
 * <key>_labels and <key>_text (the labels joined with "、"). What the schema
 * marks x-sensitive is left out unless TOMVAL_SENSITIVE, so a page that is
 * not meant to show it cannot; x-markdown text only with TOMVAL_MARKDOWN.
 */
enum {
	TOMVAL_SENSITIVE = 1,
	TOMVAL_MARKDOWN = 2,
};

struct mval *record_to_mval(struct marena *a, const struct ynode *n, const struct snode *s,
			    int flags);

/*
 * The titles of a schema's fields, nested as the record is: a field's title
 * under its key; an object's own title under "_" beside its fields'.
 */
struct mval *schema_titles(struct marena *a, const struct snode *s);

#endif
