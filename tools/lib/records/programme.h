#ifndef CARE_RECORDS_PROGRAMME_H
#define CARE_RECORDS_PROGRAMME_H

#include <stddef.h>

#include "schema/schema.h"
#include "util/calendar.h"
#include "util/diag.h"
#include "yaml/tree.h"

/* One of contact_rules: every child should have an activity of kind (with whom, or NULL) each period. */
struct contact_rule {
	char *kind, *with, *every;	/* every: week, month, term or year */
};

/*
 * programme.yaml: the school, its school year and the settings every
 * other part reads. The parsed document is kept for what pages show.
 */
struct programme {
	struct ydoc *doc;	/* programme.yaml as parsed */
	char *school;
	int year_month, year_day;	/* school_year_starts */
	long stale_after_days;
	long review_every_days;	/* default 60 */
	struct cal_md terms[8];	/* the month-days terms start on; default 09-01, 02-15 */
	size_t nterms;
	struct contact_rule *rules;	/* contact_rules, the "five ones" */
	size_t nrules;
	char **interests;	/* keys of interest_groups */
	char **interest_labels;
	size_t ninterests;
	/*
	 * private_activity_kinds, or its default (counselling, talk) when the
	 * key is absent. Until a valid list has been read (private_ok is 0,
	 * as in a programme that was never read) every kind counts as
	 * private: a mistake there must hide, never show.
	 */
	char **private_kinds;
	size_t nprivate_kinds;
	int private_ok;
};

/*
 * Reads the settings from doc, which the schema has checked, and takes
 * it over. activity_kind is the activity schema's "kind" node: a private
 * kind must be one of its values. Problems the schema cannot see (a kind
 * only the programme's schema knows, an empty list) go to dl under path;
 * one the schema already reported at the same place is not repeated.
 */
void programme_read(struct programme *p, struct ydoc *doc, const struct snode *activity_kind,
		    const char *path, struct diag_list *dl);
void programme_release(struct programme *p);

/* private_activity_kinds when the key is absent: counselling and talk. */
extern const char *const programme_default_private[2];

/*
 * The school year day falls in: the calendar year it starts in and its
 * first day (either may be NULL). -1 for a day that is not a date.
 */
int programme_school_year(const struct programme *p, const char *day, int *year, char first[CAL_DATE_SIZE]);
/* The first day of the school year starting in year. */
int programme_year_first(const struct programme *p, int year, char first[CAL_DATE_SIZE]);
/* The first day of the term day falls in. */
int programme_term_first(const struct programme *p, const char *day, char first[CAL_DATE_SIZE]);

/* Is an activity of this kind private (shown only as date, kind, count)? */
int programme_kind_private(const struct programme *p, const char *kind);

#endif
