/*
 * Unit tests for calendar.c: the edges where date code goes wrong (year
 * ends, leap days, ISO week 53, school years and terms, time zones across
 * midnight), plus sweeps over whole centuries against the C library.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "util/calendar.h"

#define UNTOUCHED "untouched!"

static const char *add(const char *date, int64_t n)
{
	static char out[CAL_DATE_SIZE];

	memcpy(out, UNTOUCHED, sizeof(out));
	if (cal_add_days(date, n, out) < 0)
		return "(failed)";
	return out;
}

static const char *week_monday(const char *date)
{
	static char out[CAL_DATE_SIZE];

	return cal_week_monday(date, out) < 0 ? "(failed)" : out;
}

static const char *iso_week(const char *date)
{
	static char out[32];
	int y = 0, w = 0;

	if (cal_iso_week(date, &y, &w) < 0)
		return "(failed)";
	snprintf(out, sizeof(out), "%d-W%02d", y, w);
	return out;
}

static const char *day_of_time(int64_t seconds, int offset)
{
	static char out[CAL_DATE_SIZE];

	return cal_day_of_time(seconds, offset, out) < 0 ? "(failed)" : out;
}

/* "index first" of the term date is in, for a 09-01 school year. */
static const char *term(const char *date, const struct cal_md *terms, size_t n)
{
	static char out[32];
	char first[CAL_DATE_SIZE];
	size_t i;

	if (cal_term(date, (struct cal_md){9, 1}, terms, n, &i, first) < 0)
		return "(failed)";
	snprintf(out, sizeof(out), "%zu %s", i, first);
	return out;
}

static void test_valid(void)
{
	ok(cal_valid("2024-02-29"), "2024-02-29 is a leap day");
	ok(!cal_valid("2025-02-29"), "2025 is a common year");
	ok(!cal_valid("1900-02-29"), "1900 is not a leap year (divisible by 100)");
	ok(cal_valid("2000-02-29"), "2000 is a leap year (divisible by 400)");
	ok(!cal_valid("2100-02-29"), "2100 is not a leap year");
	ok(!cal_valid("2026-04-31") && cal_valid("2026-12-31"), "April has 30 days, December 31");
	ok(!cal_valid("2026-13-01") && !cal_valid("2026-00-10") && !cal_valid("2026-01-00"),
	   "month 13, month 0 and day 0 are rejected");
	ok(!cal_valid("2026-9-01") && !cal_valid("2026-09-01 ") && !cal_valid("2026/09/01") &&
	       !cal_valid("2026-09") && !cal_valid("") && !cal_valid(NULL),
	   "only YYYY-MM-DD with nothing after it");
	ok(!cal_valid("0214-09-01") && cal_valid("1900-01-01"), "years start at 1900");
}

static void test_today(void)
{
	char out[CAL_DATE_SIZE];

	setenv("CARE_TODAY", "2026-11-28", 1);
	ok(!cal_today(out) && !strcmp(out, "2026-11-28"), "CARE_TODAY pins today");
	setenv("CARE_TODAY", "2025-02-29", 1);
	ok(!cal_today(out) && cal_valid(out) && strcmp(out, "2025-02-29"),
	   "an invalid CARE_TODAY gives the real date");
	unsetenv("CARE_TODAY");
}

static void test_daynum(void)
{
	int64_t n = 42, a, b, m;
	char out[CAL_DATE_SIZE], prev[CAL_DATE_SIZE] = "";
	int good = 1;

	ok(!cal_daynum("1970-01-01", &n) && n == 0, "1970-01-01 is day 0");
	ok(!cal_daynum("2026-01-01", &n) && n == 20454, "2026-01-01 is day 20454");
	ok(!cal_daynum("1900-01-01", &n) && n == -25567, "days before 1970 are negative");
	n = 42;
	ok(cal_daynum("2025-02-29", &n) == -1 && n == 42,
	   "a bad date gives -1, the number untouched");
	ok(!cal_from_daynum(19782, out) && !strcmp(out, "2024-02-29"), "day 19782 is a leap day");
	memcpy(out, UNTOUCHED, sizeof(out));
	ok(cal_from_daynum(-25568, out) == -1 && !strcmp(out, UNTOUCHED),
	   "the day before 1900-01-01 is out of range, the output untouched");
	ok(cal_from_daynum(2932897, out) == -1, "the day after 9999-12-31 is out of range");

	/* Every day there is: a round trip, in order as strings. */
	cal_daynum("1900-01-01", &a);
	cal_daynum("9999-12-31", &b);
	for (n = a; n <= b && good; n++) {
		good = !cal_from_daynum(n, out) && cal_valid(out) && !cal_daynum(out, &m) &&
		       m == n && strcmp(prev, out) < 0;
		memcpy(prev, out, sizeof(prev));
	}
	ok(good, "every day from 1900 to 9999 converts both ways and sorts as a string");
	if (!good)
		printf("#   at day %lld: %s\n", (long long)n - 1, out);
}

static void test_arithmetic(void)
{
	int64_t n = 42;
	char buf[CAL_DATE_SIZE] = "2026-12-31";

	ok(!cal_days_between("2024-01-01", "2025-01-01", &n) && n == 366, "2024 has 366 days");
	ok(!cal_days_between("2025-01-01", "2026-01-01", &n) && n == 365, "2025 has 365 days");
	ok(!cal_days_between("2026-11-28", "2026-11-01", &n) && n == -27, "backwards is negative");
	ok(!cal_days_between("2100-02-28", "2100-03-01", &n) && n == 1, "2100 has no 29 February");
	n = 42;
	ok(cal_days_between("2026-11-28", "2026-11-31", &n) == -1 && n == 42,
	   "days between with a bad date gives -1, the output untouched");
	is_str(add("2026-12-31", 1), "2027-01-01", "a day after New Year's Eve");
	is_str(add("2027-01-01", -1), "2026-12-31", "a day before New Year's Day");
	is_str(add("2024-02-28", 1), "2024-02-29", "the leap day follows 28 February in 2024");
	is_str(add("2024-03-01", -1), "2024-02-29", "and precedes 1 March");
	is_str(add("2100-02-28", 1), "2100-03-01", "not in 2100");
	is_str(add("2026-11-28", -180), "2026-06-01", "180 days back");
	is_str(add("1900-01-01", -1), "(failed)", "no day before 1900");
	is_str(add("9999-12-31", 1), "(failed)", "no day after 9999");
	is_str(add("2026-01-01", INT64_MAX), "(failed)", "a huge step fails, not overflows");
	ok(!cal_add_days(buf, 1, buf) && !strcmp(buf, "2027-01-01"), "the output may be the input");
}

static void test_weeks(void)
{
	char mon[CAL_DATE_SIZE], sun[CAL_DATE_SIZE];
	struct tm tm;
	char want[32], got[32];
	int64_t n, end;
	int good = 1, y, w;

	is_int(cal_weekday("1970-01-01"), 4, "1970-01-01 was a Thursday");
	is_int(cal_weekday("1900-01-01"), 1, "1900-01-01 was a Monday");
	is_int(cal_weekday("2026-03-01"), 7, "2026-03-01 is a Sunday");
	is_int(cal_weekday("2026-02-30"), -1, "no weekday for a bad date");
	is_str(week_monday("2026-01-01"), "2025-12-29", "a week spans the year end");
	is_str(week_monday("2026-07-01"), "2026-06-29", "a week spans a month end");
	is_str(week_monday("2026-11-23"), "2026-11-23", "a Monday is its week's Monday");
	is_str(week_monday("2026-03-01"), "2026-02-23", "a Sunday belongs to the week before it");
	is_str(iso_week("2026-01-01"), "2026-W01", "2026-01-01, a Thursday, is in week 1");
	is_str(iso_week("2027-01-01"), "2026-W53", "2027-01-01, a Friday, is in 2026's week 53");
	is_str(iso_week("2024-12-30"), "2025-W01", "2024-12-30 is in 2025's week 1");
	is_str(iso_week("2021-01-03"), "2020-W53", "a Sunday ends week 53");
	is_str(iso_week("2021-01-04"), "2021-W01", "and the Monday after starts week 1");
	is_str(iso_week("2026-13-01"), "(failed)", "no week for a bad date");

	ok(!cal_prev_week("2026-01-01", mon, sun) && !strcmp(mon, "2025-12-22") &&
	       !strcmp(sun, "2025-12-28"),
	   "the week before 2026-01-01's is all in 2025");
	ok(!cal_prev_week("2026-11-23", mon, sun) && !strcmp(mon, "2026-11-16") &&
	       !strcmp(sun, "2026-11-22"),
	   "on a Monday, the previous week is the one just ended");
	ok(!cal_prev_week("2026-11-29", mon, NULL) && !strcmp(mon, "2026-11-16"),
	   "on a Sunday, the week before the current one");
	memcpy(mon, UNTOUCHED, sizeof(mon));
	ok(cal_prev_week("1900-01-03", mon, sun) == -1 && !strcmp(mon, UNTOUCHED),
	   "no week before 1900, the outputs untouched");

	/* The C library's %G, %V and %u agree from 1970 to 2200. */
	cal_daynum("2200-12-31", &end);
	for (n = 0; n <= end && good; n++) {
		time_t t = (time_t)(n * 86400);
		cal_from_daynum(n, mon);
		gmtime_r(&t, &tm);
		strftime(want, sizeof(want), "%G-W%V %u", &tm);
		good = !cal_iso_week(mon, &y, &w);
		snprintf(got, sizeof(got), "%d-W%02d %d", y, w, cal_weekday(mon));
		good = good && !strcmp(want, got);
	}
	ok(good, "ISO weeks and weekdays match strftime for 1970 to 2200");
	if (!good)
		printf("#   %s: got %s, want %s\n", mon, got, want);
}

static void test_months(void)
{
	char first[CAL_DATE_SIZE], last[CAL_DATE_SIZE];

	ok(!cal_month_first("2026-11-28", first) && !strcmp(first, "2026-11-01"),
	   "first of November");
	ok(!cal_month_last("2024-02-10", last) && !strcmp(last, "2024-02-29"),
	   "February 2024 has 29 days");
	ok(!cal_month_last("2025-02-10", last) && !strcmp(last, "2025-02-28"),
	   "February 2025 has 28");
	ok(!cal_month_last("2100-02-01", last) && !strcmp(last, "2100-02-28"),
	   "February 2100 has 28");
	ok(!cal_month_last("2026-12-01", last) && !strcmp(last, "2026-12-31"), "December has 31");
	ok(!cal_prev_month("2026-01-15", first, last) && !strcmp(first, "2025-12-01") &&
	       !strcmp(last, "2025-12-31"),
	   "the month before January is the last December");
	ok(!cal_prev_month("2024-03-31", first, last) && !strcmp(first, "2024-02-01") &&
	       !strcmp(last, "2024-02-29"),
	   "the month before March 2024 ends on the leap day");
	memcpy(first, UNTOUCHED, sizeof(first));
	ok(cal_prev_month("1900-01-31", first, last) == -1 && !strcmp(first, UNTOUCHED),
	   "no month before January 1900, the outputs untouched");
	ok(cal_month_last("2026-02-29", last) == -1, "no month for a bad date");
}

static void test_school_year(void)
{
	struct cal_md sep = {9, 1}, md = {0, 0};
	char first[CAL_DATE_SIZE], label[CAL_LABEL_SIZE];
	int y = 0;

	ok(!cal_md_parse("09-01", &md) && md.month == 9 && md.day == 1, "09-01 parses");
	ok(cal_md_parse("9-01", &md) == -1 && cal_md_parse("13-01", &md) == -1 &&
	       cal_md_parse("02-32", &md) == -1 && cal_md_parse("09-01x", &md) == -1 &&
	       md.month == 9,
	   "bad month-days are rejected, the output untouched");
	ok(!cal_school_year("2026-08-31", sep, &y, first) && y == 2025 &&
	       !strcmp(first, "2025-09-01"),
	   "2026-08-31 is in the school year 2025");
	ok(!cal_school_year("2026-09-01", sep, &y, first) && y == 2026 &&
	       !strcmp(first, "2026-09-01"),
	   "2026-09-01 starts the school year 2026");
	ok(!cal_school_year("2027-01-01", sep, &y, NULL) && y == 2026,
	   "New Year's Day is in the school year that began in September");
	ok(!cal_school_label(2025, label) && !strcmp(label, "2025-2026"), "its label");
	ok(cal_school_label(9999, label) == -1, "no label past 9999");
	ok(!cal_school_year("2025-02-28", (struct cal_md){2, 29}, &y, first) && y == 2024 &&
	       !strcmp(first, "2024-02-29"),
	   "a school year can start on a leap day");
	ok(!cal_school_year("2025-03-01", (struct cal_md){2, 29}, &y, first) && y == 2025 &&
	       !strcmp(first, "2025-03-01"),
	   "and then starts on 1 March in a common year");
	ok(!cal_school_year("2026-05-01", (struct cal_md){4, 31}, &y, first) && y == 2026 &&
	       !strcmp(first, "2026-05-01"),
	   "04-31 means 1 May");
	y = 7;
	ok(cal_school_year("2026-05-01", (struct cal_md){13, 1}, &y, NULL) == -1 && y == 7,
	   "a bad start gives -1, the year untouched");
	ok(cal_school_year("1900-06-01", sep, &y, NULL) == -1,
	   "a school year starting before 1900 is out of range");
}

static void test_terms(void)
{
	const struct cal_md spring_first[] = {{2, 15}, {9, 1}};
	const struct cal_md late[] = {{9, 15}, {2, 15}};
	const struct cal_md three[] = {{9, 1}, {1, 5}, {4, 1}};
	const struct cal_md bad[] = {{9, 1}, {2, 0}};
	const struct cal_md feb1[] = {{9, 1}, {2, 1}};
	char first[CAL_DATE_SIZE];
	size_t i = 0;

	is_str(term("2026-01-10", NULL, 0), "0 2025-09-01", "January is in the autumn term");
	is_str(term("2026-03-01", NULL, 0), "1 2026-02-15", "March is in the spring term");
	is_str(term("2026-02-14", NULL, 0), "0 2025-09-01", "the day before spring term");
	is_str(term("2026-02-15", NULL, 0), "1 2026-02-15", "spring term's first day");
	is_str(term("2026-08-31", NULL, 0), "1 2026-02-15", "the summer ends the spring term");
	is_str(term("2026-09-01", NULL, 0), "0 2026-09-01", "a new school year, a new term");
	is_str(term("2026-03-01", spring_first, 2), "0 2026-02-15",
	       "the index follows the list given");
	is_str(term("2025-09-05", late, 2), "1 2025-02-15",
	       "before the first term, still in the last one of the year before");
	is_str(term("2026-04-10", three, 3), "2 2026-04-01", "three terms: the third");
	is_str(term("2026-01-04", three, 3), "0 2025-09-01",
	       "three terms: the day before the second");
	is_str(term("2026-02-01", feb1, 2), "1 2026-02-01", "a 1 February spring term");
	ok(!cal_term("2027-01-20", (struct cal_md){2, 1}, (const struct cal_md[]){{2, 1}, {7, 15}},
		     2, &i, first) &&
	       i == 1 && !strcmp(first, "2026-07-15"),
	   "a month-day after the start is in the school year's first calendar year");
	memcpy(first, UNTOUCHED, sizeof(first));
	ok(cal_term("2026-01-10", (struct cal_md){9, 1}, bad, 2, &i, first) == -1 &&
	       !strcmp(first, UNTOUCHED),
	   "a bad term month-day gives -1, the output untouched");
}

static void test_day_of_time(void)
{
	/* 2026-08-31T20:00:00Z and 2026-12-31T12:00:00Z. */
	const int64_t aug31 = 1788206400, dec31 = 1798718400;

	is_str(day_of_time(aug31, 0), "2026-08-31", "20:00 UTC is still 31 August in UTC");
	is_str(day_of_time(aug31, 480), "2026-09-01", "and already 1 September at +08:00");
	is_str(day_of_time(aug31 + 6 * 3600, -300), "2026-08-31",
	       "02:00 UTC is the day before at -05:00");
	is_str(day_of_time(dec31, 719), "2026-12-31", "a minute before midnight at +11:59");
	is_str(day_of_time(dec31, 720), "2027-01-01", "midnight at +12:00 is the new year");
	is_str(day_of_time(dec31, -720), "2026-12-31", "and 00:00 of New Year's Eve at -12:00");
	is_str(day_of_time(-1, 0), "1969-12-31", "the second before 1970 is in 1969");
	is_str(day_of_time(0, -1), "1969-12-31", "so is 1970 at -00:01");
	is_str(day_of_time(INT64_MAX, 0), "(failed)", "a time past 9999 fails");
}

int main(void)
{
	test_valid();
	test_today();
	test_daynum();
	test_arithmetic();
	test_weeks();
	test_months();
	test_school_year();
	test_terms();
	test_day_of_time();
	return done_testing();
}
