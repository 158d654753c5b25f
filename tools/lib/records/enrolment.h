#ifndef CARE_RECORDS_ENROLMENT_H
#define CARE_RECORDS_ENROLMENT_H

#include "records/programme.h"
#include "util/calendar.h"

/*
 * The programme on a day D: is a child enrolled on D, in which grade and
 * class, is a pairing active. Every page, figure and check asks here, so
 * that none of them shows a child in a grade or class the child was not in
 * on the day it speaks of (docs/design.md, "The programme at a date").
 *
 * A child's file says where the child is now: `status` and the day it
 * last changed. So a child whose status is other than enrolled was
 * enrolled before status_date; a child enrolled with a status_date
 * arrived that day (a transfer in); and no child is enrolled before the
 * first day of the school year of its cohort (grade 1).
 */
enum child_status {
	STATUS_ENROLLED, STATUS_TRANSFERRED, STATUS_GRADUATED, STATUS_DROPPED_OUT, STATUS_NR
};

extern const char *const status_names[STATUS_NR];

struct child_dates {
	int cohort;			/* 0 when unknown */
	enum child_status status;
	char status_date[CAL_DATE_SIZE];	/* "" when absent */
};

/* The status named s (STATUS_ENROLLED for NULL or an unknown name, which the schema reports). */
enum child_status status_from_name(const char *s);

/* Was the child enrolled on day? */
int child_enrolled_on(const struct child_dates *c, const struct programme *p, const char *day);

/* The child's grade on day: the school year of day - cohort + 1 (any number; 0 on a bad day). */
int child_grade_on(const struct child_dates *c, const struct programme *p, const char *day);

/*
 * The first day the child was enrolled, written to first: the cohort's
 * first school day, or a transfer's arrival if later. -1 when unknown.
 */
int child_first_day(const struct child_dates *c, const struct programme *p, char first[CAL_DATE_SIZE]);

/* Did the pairing (start, end or "") run on day? Whether its child was enrolled is the caller's to ask. */
int pairing_runs_on(const char *start, const char *end, const char *day);

#endif
