#ifndef CARE_REPORT_FACTS_H
#define CARE_REPORT_FACTS_H

#include <stddef.h>
#include <string.h>

#include "records/enrolment.h"
#include "records/programme.h"
#include "util/threads.h"

/*
 * What the figures are counted from: the few facts of each valid record,
 * without the rest of its text. `care report` collects them while the
 * records are checked (report_keep(), from the ynode tree); the site
 * fills them from its summaries. Either way the counting is the one in
 * figures.c. Strings are the facts' own.
 */
struct fact_child {
	char *id, *name, *head_teacher;
	int klass;
	struct child_dates dates;
	int gender;		/* 0 male, 1 female, -1 not given */
	int away;		/* index in away_names, -1 not given */
	int dossier;		/* a parent's phone, the guardian's phone and address */
	int cohort_line, cohort_col;	/* where the file says it, for a warning; 0 unknown */
	char first_day[CAL_DATE_SIZE];	/* child_first_day(), once: "" when unknown */
};

struct fact_pairing {
	char *id, *child;
	char start[CAL_DATE_SIZE], end[CAL_DATE_SIZE];
	char (*reviews)[CAL_DATE_SIZE];	/* in date order */
	size_t nreviews;
	long child_ix;		/* in facts.kids, -1 when the child is unknown */
};

struct fact_activity {
	char *id, *kind, *with;	/* with: NULL when absent */
	char date[CAL_DATE_SIZE];
	char **parts;		/* participant ids */
	long *part_ix;		/* their indexes in facts.kids, -1 for unknown */
	size_t nparts;
};

#define AWAY_NR 4
extern const char *const away_names[AWAY_NR];

struct facts {
	const struct programme *prog;	/* borrowed */
	struct fact_child *kids;	/* sorted by id once finished */
	struct fact_pairing *pairs;
	struct fact_activity *acts;
	size_t nkids, npairs, nacts;
	struct facts *part[CARE_MAX_THREADS];	/* what each thread collected */
};

struct facts *facts_new(const struct programme *prog);
void facts_free(struct facts *f);

/* Adders take copies; on thread (0..CARE_MAX_THREADS-1) when collecting in parallel. */
struct fact_child *facts_add_child(struct facts *f, int thread, const char *id);
struct fact_pairing *facts_add_pairing(struct facts *f, int thread, const char *id, const char *child);
struct fact_activity *facts_add_activity(struct facts *f, int thread, const char *id, const char *kind,
					 const char *with, const char *date);
void fact_add_review(struct fact_pairing *p, const char *date);
void fact_add_participant(struct fact_activity *a, const char *id);

/* Gathers what the threads collected, sorts, and links ids to children. */
void facts_finish(struct facts *f);

/*
 * child_enrolled_on(), from the first day facts_finish() worked out: the
 * figures ask it for every child and period of a year.
 */
static inline int fact_enrolled_on(const struct fact_child *c, const char *day)
{
	return c->first_day[0] && strcmp(day, c->first_day) >= 0 &&
	       (c->dates.status == STATUS_ENROLLED ||
		(c->dates.status_date[0] && strcmp(day, c->dates.status_date) < 0));
}

/* The child with this id, or -1. */
long facts_child(const struct facts *f, const char *id);

struct record;
struct ynode;

/* Is a child's contact card whole: a parent's phone, the guardian's phone and address? */
int facts_dossier_whole(const struct ynode *root);

/* A repo_hooks on_valid for `care report`: data is the facts. */
void report_keep(void *data, int thread, struct record *rec, const struct ynode *root);

#endif
