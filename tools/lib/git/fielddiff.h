#ifndef CARE_FIELDDIFF_H
#define CARE_FIELDDIFF_H

#include <stddef.h>

#include "schema/schema.h"
#include "util/strbuf.h"

/*
 * What changed between two versions of a record, field by field, named
 * by the schema's titles ("监护人 › 电话") rather than as lines of text.
 */
struct fchange {
	char *field;		/* key path: "guardian.phone", "parents.2.name" */
	char *label;		/* "监护人 › 电话", "父母（第 2 项） › 姓名" */
	char *old, *new;	/* NULL when the field is absent on that side */
	int sensitive;		/* sensitive as field_changes() says, shown or not */
};

enum {
	FIELDDIFF_FULL = 1,	/* show sensitive values instead of masking them */
	FIELDDIFF_OMIT = 2,	/* leave sensitive fields out altogether */
};

/*
 * What a profile shows is the site's to decide (site/privacy.h), not this
 * floor's. hides(data, "needs", "health"): is that item of a list of
 * plain values left out, as if never written? redact(data, out, text):
 * text as it may be shown, appended to out (identifiers hidden); it is
 * given the whole value, before it is cut to a line, so that no number
 * is cut in two and missed. Either may be NULL.
 */
struct fielddiff_filter {
	int (*hides)(void *data, const char *field, const char *value);
	void (*redact)(void *data, struct strbuf *out, const char *text);
	void *data;
};

/*
 * Compares two versions (text, len bytes; NULL for none) of a record of
 * schema s. Enum values read as their labels; values are compared whole
 * and shown cut to one line of 40 characters.
 *
 * Sensitive is what the schema marks x-sensitive and all below it, a key
 * the schema does not know, and a value of another shape than the
 * schema's (a string or a list where an object belongs, a group where a
 * list of groups belongs) whenever the schema marks anything at or below
 * that place: `guardian: 本村三组，电话 139…` in an old, unchecked
 * version holds what guardian.address and guardian.phone keep apart.
 * Sensitive values keep only their first three characters unless
 * FIELDDIFF_FULL; one of the wrong shape shows nothing ("…"), as what it
 * starts with is not known. FIELDDIFF_OMIT leaves them all out.
 *
 * filter may be NULL. Returns the number of changes in *out (free with
 * fchanges_free), -1 when either side does not parse.
 */
long field_changes(const struct snode *s, const char *old, size_t olen, const char *new, size_t nlen,
		   int flags, const struct fielddiff_filter *filter, struct fchange **out);
void fchanges_free(struct fchange *v, long n);

#endif
