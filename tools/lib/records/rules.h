#ifndef CARE_RULES_H
#define CARE_RULES_H

#include "records/repo.h"
#include "schema/regex.h"
#include "yaml/tree.h"

/*
 * The rules a schema cannot express: dates in order and not in the future,
 * people listed once, statuses that need a date, interests the programme
 * offers, no identifiers in free text (rules_free_text), references to
 * records that exist and an active pairing for every child (rules_across).
 */
void rules_record(const struct repo *r, struct record *rec, const struct ynode *root);
void rules_free_text(struct record *rec, const char *buf, size_t len, const char *field,
		     const struct ynode *value, struct regex_scratch *scratch);
void rules_across(struct repo *r);

#endif
