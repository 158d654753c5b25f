#ifndef CARE_FIELDDIFF_H
#define CARE_FIELDDIFF_H

#include <stddef.h>

#include "schema/schema.h"

/*
 * What changed between two versions of a record, field by field, named
 * by the schema's titles ("监护人 › 电话") rather than as lines of text.
 */
struct fchange {
	char *field;		/* key path: "guardian.phone", "parents.2.name" */
	char *label;		/* "监护人 › 电话", "父母（第 2 项） › 姓名" */
	char *old, *new;	/* NULL when the field is absent on that side */
	int sensitive;		/* x-sensitive, or a key the schema does not know */
};

enum {
	FIELDDIFF_FULL = 1,	/* show sensitive values instead of masking them */
	FIELDDIFF_OMIT = 2,	/* leave sensitive fields out altogether */
};

/*
 * Compares two versions (text, len bytes; NULL for none) of a record of
 * schema s. Enum values read as their labels; sensitive values keep only
 * their first three characters unless FIELDDIFF_FULL. Returns the number
 * of changes in *out (free with fchanges_free), -1 when either side does
 * not parse.
 */
long field_changes(const struct snode *s, const char *old, size_t olen, const char *new, size_t nlen,
		   int flags, struct fchange **out);
void fchanges_free(struct fchange *v, long n);

#endif
