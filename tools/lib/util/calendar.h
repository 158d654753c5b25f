#ifndef CARE_CALENDAR_H
#define CARE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

/*
 * Dates are strings "YYYY-MM-DD" (CAL_DATE_SIZE bytes with the NUL) in the
 * proleptic Gregorian calendar, years CAL_MIN_YEAR to CAL_MAX_YEAR. Two
 * valid dates compare with strcmp() as they do in time. No function here
 * depends on the process time zone except cal_today().
 *
 * Unless said otherwise a function returns 0, or -1 when an input is not a
 * valid date (NULL included) or the answer would fall outside those years;
 * on -1 every output is left untouched. Output buffers are the caller's and
 * may be the same buffer as an input date. Output pointers documented as
 * "may be NULL" are skipped when NULL.
 */
#define CAL_DATE_SIZE 11	/* "2026-09-01" */
#define CAL_LABEL_SIZE 10	/* "2025-2026" */
#define CAL_MIN_YEAR 1900
#define CAL_MAX_YEAR 9999

/* A month and day without a year, as in `school_year_starts: 09-01`. */
struct cal_md {
	int month, day;
};

/*
 * Is s a real calendar date written YYYY-MM-DD, two-digit month and day,
 * nothing after it, year not before 1900? Returns 1 or 0 (0 for NULL).
 */
int cal_valid(const char *s);

/*
 * Today: $CARE_TODAY when it is set and valid (the tests pin it), else the
 * local date. Returns -1 only when the clock cannot be read or gives a
 * year outside the calendar's.
 */
int cal_today(char out[CAL_DATE_SIZE]);

/*
 * Day numbers count days since 1970-01-01 (day 0; earlier days are
 * negative). cal_daynum() stores the number of date in *out.
 * cal_from_daynum() writes the date of day n; -1 when its year is out of
 * range.
 */
int cal_daynum(const char *date, int64_t *out);
int cal_from_daynum(int64_t n, char out[CAL_DATE_SIZE]);

/* Stores to - from in days in *out: positive when to is later. */
int cal_days_between(const char *from, const char *to, int64_t *out);

/* Writes the date n days after date (before it when n is negative). */
int cal_add_days(const char *date, int64_t n, char out[CAL_DATE_SIZE]);

/* The ISO day of the week: 1 for Monday to 7 for Sunday; -1 on bad input. */
int cal_weekday(const char *date);

/* Writes the Monday of date's week (weeks run Monday to Sunday). */
int cal_week_monday(const char *date, char out[CAL_DATE_SIZE]);

/*
 * The ISO 8601 week of date: its week-numbering year and week 1 to 53.
 * Week 1 is the week with the year's first Thursday, so 2024-12-30 is in
 * 2025-W01 and 2027-01-01 in 2026-W53. year and week may be NULL.
 */
int cal_iso_week(const char *date, int *year, int *week);

/*
 * The last complete week before date's week: its Monday and Sunday.
 * Either output may be NULL.
 */
int cal_prev_week(const char *date, char monday[CAL_DATE_SIZE], char sunday[CAL_DATE_SIZE]);

/* Write the first or the last day of date's month. */
int cal_month_first(const char *date, char out[CAL_DATE_SIZE]);
int cal_month_last(const char *date, char out[CAL_DATE_SIZE]);

/*
 * The first and last day of the month before date's month (December of the
 * year before for January). Either output may be NULL.
 */
int cal_prev_month(const char *date, char first[CAL_DATE_SIZE], char last[CAL_DATE_SIZE]);

/*
 * Parses "MM-DD" (two digits each, nothing after) into *out: month 1 to 12,
 * day 1 to 31 whatever the month, as the programme schema's pattern allows.
 * Returns -1, *out untouched, otherwise.
 *
 * Everywhere a month-day becomes a date in some year, a day the month lacks
 * in that year (02-29 in a common year, 04-31) means the first of the next
 * month, the first day that is not before the month-day.
 */
int cal_md_parse(const char *s, struct cal_md *out);

/*
 * The school year date falls in, for school years starting on start: the
 * calendar year it starts in (2026-08-31 is in 2025 and 2026-09-01 in 2026
 * for a 09-01 start) and its first day. -1 also when start is not a
 * month-day cal_md_parse() accepts or the first day is before 1900. year
 * and first may be NULL.
 */
int cal_school_year(const char *date, struct cal_md start, int *year, char first[CAL_DATE_SIZE]);

/* Writes the label "2025-2026" of the school year starting in year. */
int cal_school_label(int year, char out[CAL_LABEL_SIZE]);

/*
 * The term date falls in. terms lists the n month-days terms start on, in
 * any order; NULL or n 0 means the default, 09-01 and 02-15. Each is placed
 * in the school year (see cal_school_year()): a month-day before start is
 * in the school year's second calendar year, any other in its first. A
 * term lasts until the next one starts, so a date before its school year's
 * first term is in the last term of the school year before. Stores the
 * term's position in terms (0-based; for two equal month-days, the first)
 * in *index and writes its first day. -1 also for a bad start or term
 * month-day, or a first day before 1900. index and first may be NULL.
 */
int cal_term(const char *date, struct cal_md start, const struct cal_md *terms, size_t n,
	     size_t *index, char first[CAL_DATE_SIZE]);

/*
 * The calendar day of an instant, seconds since 1970-01-01T00:00Z, seen in
 * a zone offset_minutes east of UTC (git's offset, +08:00 is 480): for a
 * commit, pass the author's time and offset for its author day, the
 * committer's for its committer day. -1 when the day is out of range.
 */
int cal_day_of_time(int64_t seconds, int offset_minutes, char out[CAL_DATE_SIZE]);

#endif
