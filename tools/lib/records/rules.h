#ifndef CARE_RULES_H
#define CARE_RULES_H

#include "records/programme.h"
#include "records/record.h"
#include "schema/regex.h"
#include "schema/schema.h"
#include "yaml/tree.h"

/*
 * The rules a schema cannot express: dates in order and not in the future,
 * people listed once, statuses that need a date, interests the programme
 * offers, no identifiers in free text (rules_free_text), references to
 * records that exist and an active pairing for every child (rules_across).
 * They see the repository only through this context, so that the rules
 * and the repository do not depend on each other.
 */
struct rules_ctx {
	const char *today;
	const struct programme *prog;
	const struct snode *child_status;	/* the child schema's status field */
	int complete;		/* every record was checked: warnings about all may run */
	/* Is there a record of this kind and id? */
	int (*has)(void *data, enum kind kind, const char *id);
	void *has_data;
	/* A record of this kind and id that was checked here, or NULL. */
	const struct record *(*find)(void *data, enum kind kind, const char *id);
	char *const *deleted;	/* ids of children the commit deletes, sorted */
	size_t ndeleted;
};

void rules_record(const struct rules_ctx *c, struct record *rec, const struct ynode *root);
/*
 * Phone and ID numbers in a record's free-text value (field is its name
 * as messages quote it), reported at their own line and column of the
 * record's text buf (len bytes). scratch is not used: the detector keeps
 * its memory per thread.
 */
void rules_free_text(struct record *rec, const char *buf, size_t len, const char *field,
		     const struct ynode *value, struct regex_scratch *scratch);

struct yplace;

/*
 * The same for a value outside any record (programme.yaml's), reported to
 * dl under path; at keeps the place in buf between values of one file
 * (YPLACE_INIT for its first, yaml/valuepos.h).
 */
void rules_free_text_at(struct diag_list *dl, const char *path, const char *buf, size_t len,
			struct yplace *at, const char *field, const struct ynode *value);

void rules_across(const struct rules_ctx *c, struct record *recs, size_t nr);

#endif
