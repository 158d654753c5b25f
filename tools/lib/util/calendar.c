/*
 * Date arithmetic on "YYYY-MM-DD" strings for the checker, the history and
 * the site's figures: validity, day numbers, weeks, months, school years,
 * terms and a commit's day. Everything goes through a day number counted
 * in 64-bit integers by Howard Hinnant's civil-calendar formulas rather
 * than mktime() and friends, whose answers depend on the process time zone
 * and whose time_t may be 32 bits; only "today" asks the system.
 */
#include "util/calendar.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/banned.h"

static const struct cal_md default_terms[] = { { 9, 1 }, { 2, 15 } };

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int64_t y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return days[m - 1] + (m == 2 && is_leap(y));
}

/*
 * Days since 1970-01-01 of a real date in any year. Counting from March
 * puts the leap day at the end of the counted year, and 400-year eras make
 * the divisions exact for years before zero as well.
 */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int64_t min_day(void)
{
	return days_from_civil(CAL_MIN_YEAR, 1, 1);
}

static int64_t max_day(void)
{
	return days_from_civil(CAL_MAX_YEAR, 12, 31);
}

static int parse(const char *t, int *y, int *m, int *d)
{
	int i;

	if (!t)
		return -1;
	/* Left to right, so a short string stops at its NUL. */
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? t[i] != '-' : (t[i] < '0' || t[i] > '9'))
			return -1;
	if (t[10])
		return -1;
	*y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
	*m = (t[5] - '0') * 10 + (t[6] - '0');
	*d = (t[8] - '0') * 10 + (t[9] - '0');
	/*
	 * A year before 1900 in the records is a typing slip (0214 for
	 * 2014), never a date of the programme or of anyone in it.
	 */
	if (*y < CAL_MIN_YEAR || *m < 1 || *m > 12 || *d < 1 || *d > month_days(*y, *m))
		return -1;
	return 0;
}

static int daynum(const char *date, int64_t *n)
{
	int y, m, d;

	if (parse(date, &y, &m, &d) < 0)
		return -1;
	*n = days_from_civil(y, m, d);
	return 0;
}

static void put_digits(char *out, int64_t v, int width)
{
	while (width--) {
		out[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

static int format(int64_t n, char out[CAL_DATE_SIZE])
{
	int64_t y;
	int m, d;

	if (n < min_day() || n > max_day())
		return -1;
	civil_from_days(n, &y, &m, &d);
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
	return 0;
}

/* 1 for Monday to 7 for Sunday; day 0, 1970-01-01, was a Thursday. */
static int weekday(int64_t n)
{
	return (int)(((n + 3) % 7 + 7) % 7) + 1;
}

static int md_ok(struct cal_md md)
{
	return md.month >= 1 && md.month <= 12 && md.day >= 1 && md.day <= 31;
}

static int md_before(struct cal_md a, struct cal_md b)
{
	return a.month < b.month || (a.month == b.month && a.day < b.day);
}

/* The day a month-day falls on in year y, rolling over as the header says. */
static int64_t day_of_md(int64_t y, struct cal_md md)
{
	if (md.day > month_days(y, md.month))
		return days_from_civil(y, md.month + 1, 1);
	return days_from_civil(y, md.month, md.day);
}

/* The school year (its first calendar year) that day n falls in. */
static int64_t school_year_of(int64_t n, struct cal_md start)
{
	int64_t y;
	int m, d;

	civil_from_days(n, &y, &m, &d);
	return n < day_of_md(y, start) ? y - 1 : y;
}

int cal_valid(const char *s)
{
	int y, m, d;

	return parse(s, &y, &m, &d) == 0;
}

int cal_today(char out[CAL_DATE_SIZE])
{
	const char *env = getenv("CARE_TODAY");
	time_t now;
	struct tm tm;

	if (cal_valid(env)) {
		memcpy(out, env, CAL_DATE_SIZE);
		return 0;
	}
	now = time(NULL);
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		return -1;
	if (tm.tm_year + 1900LL < CAL_MIN_YEAR || tm.tm_year + 1900LL > CAL_MAX_YEAR)
		return -1;
	return format(days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1, tm.tm_mday), out);
}

int cal_daynum(const char *date, int64_t *out)
{
	return daynum(date, out);
}

int cal_from_daynum(int64_t n, char out[CAL_DATE_SIZE])
{
	return format(n, out);
}

int cal_days_between(const char *from, const char *to, int64_t *out)
{
	int64_t a, b;

	if (daynum(from, &a) < 0 || daynum(to, &b) < 0)
		return -1;
	*out = b - a;
	return 0;
}

int cal_add_days(const char *date, int64_t n, char out[CAL_DATE_SIZE])
{
	int64_t d;

	/* Any n wider than the calendar misses it, and must not overflow. */
	if (daynum(date, &d) < 0 || n < min_day() - max_day() || n > max_day() - min_day())
		return -1;
	return format(d + n, out);
}

int cal_weekday(const char *date)
{
	int64_t n;

	if (daynum(date, &n) < 0)
		return -1;
	return weekday(n);
}

int cal_week_monday(const char *date, char out[CAL_DATE_SIZE])
{
	int64_t n;

	if (daynum(date, &n) < 0)
		return -1;
	return format(n - weekday(n) + 1, out);
}

int cal_iso_week(const char *date, int *year, int *week)
{
	int64_t n, thursday, y;
	int m, d;

	if (daynum(date, &n) < 0)
		return -1;
	/* A week belongs to the year its Thursday is in. */
	thursday = n - weekday(n) + 4;
	civil_from_days(thursday, &y, &m, &d);
	if (year)
		*year = (int)y;
	if (week)
		*week = (int)((thursday - days_from_civil(y, 1, 1)) / 7 + 1);
	return 0;
}

int cal_prev_week(const char *date, char monday[CAL_DATE_SIZE], char sunday[CAL_DATE_SIZE])
{
	int64_t n, first;
	char mon[CAL_DATE_SIZE], sun[CAL_DATE_SIZE];

	if (daynum(date, &n) < 0)
		return -1;
	first = n - weekday(n) + 1 - 7;
	if (format(first, mon) < 0 || format(first + 6, sun) < 0)
		return -1;
	if (monday)
		memcpy(monday, mon, CAL_DATE_SIZE);
	if (sunday)
		memcpy(sunday, sun, CAL_DATE_SIZE);
	return 0;
}

int cal_month_first(const char *date, char out[CAL_DATE_SIZE])
{
	int y, m, d;

	if (parse(date, &y, &m, &d) < 0)
		return -1;
	return format(days_from_civil(y, m, 1), out);
}

int cal_month_last(const char *date, char out[CAL_DATE_SIZE])
{
	int y, m, d;

	if (parse(date, &y, &m, &d) < 0)
		return -1;
	return format(days_from_civil(y, m, month_days(y, m)), out);
}

int cal_prev_month(const char *date, char first[CAL_DATE_SIZE], char last[CAL_DATE_SIZE])
{
	int y, m, d;
	int64_t this_first;
	char f[CAL_DATE_SIZE], l[CAL_DATE_SIZE];

	if (parse(date, &y, &m, &d) < 0)
		return -1;
	this_first = days_from_civil(y, m, 1);
	if (format(this_first - 1, l) < 0 ||
	    format(m == 1 ? days_from_civil(y - 1, 12, 1) : days_from_civil(y, m - 1, 1), f) < 0)
		return -1;
	if (first)
		memcpy(first, f, CAL_DATE_SIZE);
	if (last)
		memcpy(last, l, CAL_DATE_SIZE);
	return 0;
}

int cal_md_parse(const char *s, struct cal_md *out)
{
	struct cal_md md;
	int i;

	if (!s)
		return -1;
	for (i = 0; i < 5; i++)
		if (i == 2 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return -1;
	if (s[5])
		return -1;
	md.month = (s[0] - '0') * 10 + (s[1] - '0');
	md.day = (s[3] - '0') * 10 + (s[4] - '0');
	if (!md_ok(md))
		return -1;
	*out = md;
	return 0;
}

int cal_school_year(const char *date, struct cal_md start, int *year, char first[CAL_DATE_SIZE])
{
	int64_t n, y;
	char f[CAL_DATE_SIZE];

	if (!md_ok(start) || daynum(date, &n) < 0)
		return -1;
	y = school_year_of(n, start);
	if (format(day_of_md(y, start), f) < 0)
		return -1;
	if (year)
		*year = (int)y;
	if (first)
		memcpy(first, f, CAL_DATE_SIZE);
	return 0;
}

int cal_school_label(int year, char out[CAL_LABEL_SIZE])
{
	if (year < CAL_MIN_YEAR || year >= CAL_MAX_YEAR)
		return -1;
	put_digits(out, year, 4);
	out[4] = '-';
	put_digits(out + 5, year + 1, 4);
	out[9] = '\0';
	return 0;
}

int cal_term(const char *date, struct cal_md start, const struct cal_md *terms, size_t n,
	     size_t *index, char first[CAL_DATE_SIZE])
{
	int64_t day, sy, t, best = INT64_MIN;
	size_t i, at = 0;
	int back;
	char f[CAL_DATE_SIZE];

	if (!terms || !n) {
		terms = default_terms;
		n = sizeof(default_terms) / sizeof(*default_terms);
	}
	for (i = 0; i < n; i++)
		if (!md_ok(terms[i]))
			return -1;
	if (!md_ok(start) || daynum(date, &day) < 0)
		return -1;
	sy = school_year_of(day, start);
	/*
	 * The latest term start on or before the day. This school year's
	 * terms may all be later, and then the last of the year before holds
	 * the day: it always starts before this school year does.
	 */
	for (back = 1; back >= 0; back--)
		for (i = 0; i < n; i++) {
			t = day_of_md(sy - back + md_before(terms[i], start), terms[i]);
			if (t <= day && t > best) {
				best = t;
				at = i;
			}
		}
	if (format(best, f) < 0)
		return -1;
	if (index)
		*index = at;
	if (first)
		memcpy(first, f, CAL_DATE_SIZE);
	return 0;
}

int cal_day_of_time(int64_t seconds, int offset_minutes, char out[CAL_DATE_SIZE])
{
	int64_t local, n;

	/* Far beyond year 9999 either way; keeps the sum from overflowing. */
	if (seconds > ((int64_t)1 << 50) || seconds < -((int64_t)1 << 50))
		return -1;
	local = seconds + (int64_t)offset_minutes * 60;
	/* Round towards the past, so the second before 1970 is 1969-12-31. */
	n = local / 86400 - (local % 86400 < 0);
	return format(n, out);
}
