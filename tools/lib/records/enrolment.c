/*
 * The programme on a day: enrolment, grade, pairings. Small on purpose:
 * every figure and page depends on these few lines meaning one thing.
 */
#include "records/enrolment.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

const char *const status_names[STATUS_NR] = { "enrolled", "transferred", "graduated", "dropped_out" };

enum child_status status_from_name(const char *s)
{
	int i;

	for (i = 0; s && i < STATUS_NR; i++)
		if (!strcmp(s, status_names[i]))
			return (enum child_status)i;
	return STATUS_ENROLLED;
}

int child_first_day(const struct child_dates *c, const struct programme *p, char first[CAL_DATE_SIZE])
{
	char start[CAL_DATE_SIZE];

	if (programme_year_first(p, c->cohort, start) < 0)
		return -1;
	/* A transfer in: enrolled, and dated after the cohort began. */
	if (c->status == STATUS_ENROLLED && c->status_date[0] && strcmp(c->status_date, start) > 0)
		memcpy(start, c->status_date, CAL_DATE_SIZE);
	memcpy(first, start, CAL_DATE_SIZE);
	return 0;
}

int child_enrolled_on(const struct child_dates *c, const struct programme *p, const char *day)
{
	char first[CAL_DATE_SIZE];

	if (!cal_valid(day) || child_first_day(c, p, first) < 0 || strcmp(day, first) < 0)
		return 0;
	if (c->status == STATUS_ENROLLED)
		return 1;
	/* Left on status_date: enrolled until the day before. */
	return c->status_date[0] && strcmp(day, c->status_date) < 0;
}

int child_grade_on(const struct child_dates *c, const struct programme *p, const char *day)
{
	int year;

	if (programme_school_year(p, day, &year, NULL) < 0)
		return 0;
	return year - c->cohort + 1;
}

int pairing_runs_on(const char *start, const char *end, const char *day)
{
	return start[0] && strcmp(start, day) <= 0 && (!end[0] || strcmp(end, day) >= 0);
}
