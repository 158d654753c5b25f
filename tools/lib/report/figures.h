#ifndef CARE_REPORT_FIGURES_H
#define CARE_REPORT_FIGURES_H

#include <stddef.h>

#include "report/facts.h"

/*
 * The programme's figures on a day D, as docs/report.md defines them (and
 * the report itself states, in Chinese): children enrolled, the contact
 * card, retention, pairings, the "five ones", activities. Arrays "per
 * child" are indexed like facts.kids.
 */
struct rule_figures {
	const struct contact_rule *rule;
	/* The last complete period before D's (for a year or term: its start to D). */
	char from[CAL_DATE_SIZE], to[CAL_DATE_SIZE];
	size_t reached, of;
	/* The current period, its first day to D. */
	char cur_from[CAL_DATE_SIZE];
	size_t cur_reached;
	unsigned char *cur_seen;	/* per child: reached in the current period */
	/* Over the school year's complete periods up to D. */
	size_t periods, held;	/* periods, and those with an activity of the kind */
	double mean_rate;	/* mean of reached/of over the held periods; -1 when none */
	size_t year_reached;	/* children enrolled on D reached at least once in the year to D */
};

struct class_figures {
	int grade, klass;
	const char *head_teacher;	/* its first child's, by id */
	size_t enrolled, covered, dossier, without;
	size_t *reached;	/* per rule, in the last complete period */
	double *mean_rate;	/* per rule, over the year's held periods; -1 when none */
};

struct month_figures {
	char month[8];		/* "2025-09" */
	size_t *counts;		/* per kind in figures.kinds */
	size_t total;
};

struct figures {
	char date[CAL_DATE_SIZE], first[CAL_DATE_SIZE];	/* D, and its school year's first day */
	int year;		/* the calendar year the school year starts in */
	char label[CAL_LABEL_SIZE];	/* "2025-2026" */
	size_t enrolled;
	int *grades;		/* the grades that occur, and 1-6, in order */
	size_t *grade_counts, ngrades;
	size_t by_gender[2], by_away[AWAY_NR], left[STATUS_NR];
	size_t dossier;
	size_t retention_start, retention_dropped;
	size_t covered, overdue, active_pairings;
	struct rule_figures *rules;
	size_t nrules;
	char **kinds;		/* activity kinds that occur in the year, sorted */
	size_t nkinds;
	struct month_figures *months;	/* the school year's first month to D's */
	size_t nmonths;
	size_t activities, participations, without;
	struct class_figures *classes;	/* enrolled children's classes on D, by grade and class */
	size_t nclasses;
	/* Per child: enrolled on D, grade on D, class index (or -1), paired on D, in an activity. */
	unsigned char *enrolled_on, *paired, *active;
	int *grade_of;
	long *class_of;
};

/*
 * The day a yearly report counts on: the last day of the school year
 * starting in year, or today when that is earlier. 0, or -1.
 */
int figures_year_day(const struct programme *p, int year, const char *today, char day[CAL_DATE_SIZE]);

/* Counts the figures of f on day. 0, or -1 when day is not a date. */
int figures_at(struct figures *fig, const struct facts *f, const char *day);
void figures_release(struct figures *fig);

/* x rounded to 4 decimals. */
double figures_round4(double x);
/* part / whole rounded to 4 decimals, or -1 when whole is 0. */
double figures_rate(size_t part, size_t whole);

#endif
