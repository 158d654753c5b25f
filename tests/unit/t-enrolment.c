/*
 * Unit tests for records/enrolment.c: who was at school on a day, in which
 * grade, and which pairings ran. The cases are the ones a teacher's records
 * produce: a transfer out or in, a graduation, a drop-out, the first day of
 * a cohort, school years that start on other days than 09-01 (02-29 in a
 * common year meaning 03-01), and pairings whose first and last days count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/enrolment.h"
#include "tap.h"

/* A programme as programme_read() leaves it, with only what enrolment reads. */
static struct programme prog(int month, int day)
{
	struct programme p;

	memset(&p, 0, sizeof(p));
	p.year_month = month;
	p.year_day = day;
	p.review_every_days = 60;
	return p;
}

static struct child_dates child(int cohort, enum child_status status, const char *status_date)
{
	struct child_dates c;

	memset(&c, 0, sizeof(c));
	c.cohort = cohort;
	c.status = status;
	if (status_date)
		snprintf(c.status_date, sizeof(c.status_date), "%s", status_date);
	return c;
}

static const char *first_day(const struct child_dates *c, const struct programme *p)
{
	static char out[CAL_DATE_SIZE];

	return child_first_day(c, p, out) < 0 ? "(failed)" : out;
}

static void test_status_names(void)
{
	is_int(status_from_name("enrolled"), STATUS_ENROLLED, "enrolled");
	is_int(status_from_name("transferred"), STATUS_TRANSFERRED, "transferred");
	is_int(status_from_name("graduated"), STATUS_GRADUATED, "graduated");
	is_int(status_from_name("dropped_out"), STATUS_DROPPED_OUT, "dropped_out");
	is_int(status_from_name(NULL), STATUS_ENROLLED, "no status is enrolled");
	is_int(status_from_name("Transferred"), STATUS_ENROLLED,
	       "an unknown name is enrolled (the schema reports it)");
}

static void test_cohort_start(void)
{
	struct programme p = prog(9, 1);
	struct child_dates c = child(2021, STATUS_ENROLLED, NULL);

	is_str(first_day(&c, &p), "2021-09-01", "cohort 2021 starts on 2021-09-01");
	ok(!child_enrolled_on(&c, &p, "2021-08-31"), "not enrolled the day before the cohort's first day");
	ok(child_enrolled_on(&c, &p, "2021-09-01"), "enrolled on the cohort's first day");
	ok(child_enrolled_on(&c, &p, "2026-11-28"), "still enrolled years later");
	ok(child_enrolled_on(&c, &p, "2031-01-01"), "an enrolled child never leaves by itself");
	ok(!child_enrolled_on(&c, &p, "2026-02-30"), "not enrolled on a day that is not a date");
	ok(!child_enrolled_on(&c, &p, ""), "nor on an empty day");

	c = child(0, STATUS_ENROLLED, NULL);
	is_str(first_day(&c, &p), "(failed)", "an unknown cohort (0) has no first day");
	ok(!child_enrolled_on(&c, &p, "2026-11-28"), "and is enrolled on no day");
}

static void test_transfer_out(void)
{
	struct programme p = prog(9, 1);
	struct child_dates c = child(2021, STATUS_TRANSFERRED, "2026-03-02");

	is_str(first_day(&c, &p), "2021-09-01", "a transfer out began with its cohort");
	ok(child_enrolled_on(&c, &p, "2021-09-01"), "enrolled from the cohort's first day");
	ok(child_enrolled_on(&c, &p, "2026-03-01"), "enrolled the day before status_date");
	ok(!child_enrolled_on(&c, &p, "2026-03-02"), "not enrolled on status_date");
	ok(!child_enrolled_on(&c, &p, "2026-11-28"), "nor after it");

	c = child(2021, STATUS_TRANSFERRED, "");
	ok(!child_enrolled_on(&c, &p, "2022-01-10"),
	   "a status other than enrolled without its date counts on no day (the check reports it)");
}

static void test_transfer_in(void)
{
	struct programme p = prog(9, 1);
	struct child_dates c = child(2021, STATUS_ENROLLED, "2024-03-04");

	is_str(first_day(&c, &p), "2024-03-04", "a transfer in starts on its status_date");
	ok(!child_enrolled_on(&c, &p, "2021-09-01"), "not enrolled when its cohort began");
	ok(!child_enrolled_on(&c, &p, "2024-03-03"), "not enrolled the day before it arrived");
	ok(child_enrolled_on(&c, &p, "2024-03-04"), "enrolled on the day it arrived");
	ok(child_enrolled_on(&c, &p, "2026-11-28"), "and after");
	is_int(child_grade_on(&c, &p, "2024-03-04"), 3, "in its cohort's grade (3) on arrival");

	c = child(2021, STATUS_ENROLLED, "2021-09-01");
	is_str(first_day(&c, &p), "2021-09-01", "a status_date on the cohort's first day changes nothing");
	c = child(2021, STATUS_ENROLLED, "2021-06-15");
	is_str(first_day(&c, &p), "2021-09-01",
	       "a status_date before the cohort began does not enrol the child early");
	ok(!child_enrolled_on(&c, &p, "2021-07-01"), "not enrolled before its cohort, whatever status_date says");
}

static void test_graduated(void)
{
	struct programme p = prog(9, 1);
	struct child_dates c = child(2020, STATUS_GRADUATED, "2026-07-10");

	ok(child_enrolled_on(&c, &p, "2026-07-09"), "enrolled on the last day of grade 6");
	is_int(child_grade_on(&c, &p, "2026-07-09"), 6, "in grade 6 then");
	ok(!child_enrolled_on(&c, &p, "2026-07-10"), "not enrolled on the graduation's status_date");
	ok(!child_enrolled_on(&c, &p, "2026-09-01"), "nor in the next school year");
	is_int(child_grade_on(&c, &p, "2026-09-01"), 7,
	       "child_grade_on() still counts on (grade 7): enrolment is the caller's to ask");
}

static void test_dropped_out(void)
{
	struct programme p = prog(9, 1);
	struct child_dates c = child(2022, STATUS_DROPPED_OUT, "2025-11-15");

	ok(!child_enrolled_on(&c, &p, "2022-08-31"), "not enrolled before its cohort");
	ok(child_enrolled_on(&c, &p, "2022-09-01"), "enrolled from its cohort's first day");
	ok(child_enrolled_on(&c, &p, "2025-11-14"), "enrolled the day before dropping out");
	ok(!child_enrolled_on(&c, &p, "2025-11-15"), "not enrolled on status_date");

	c = child(2022, STATUS_DROPPED_OUT, "2022-09-01");
	ok(!child_enrolled_on(&c, &p, "2022-09-01"),
	   "left on the cohort's first day: enrolled on no day at all");
}

static void test_grades(void)
{
	struct programme p = prog(9, 1);
	struct child_dates c = child(2021, STATUS_ENROLLED, NULL);

	is_int(child_grade_on(&c, &p, "2021-09-01"), 1, "grade 1 on the cohort's first day");
	is_int(child_grade_on(&c, &p, "2021-08-31"), 0, "grade 0 the day before (not enrolled yet)");
	is_int(child_grade_on(&c, &p, "2019-10-01"), -1, "any number before that");
	is_int(child_grade_on(&c, &p, "2022-08-31"), 1, "still grade 1 on the school year's last day");
	is_int(child_grade_on(&c, &p, "2022-09-01"), 2, "grade 2 on the next school year's first day");
	is_int(child_grade_on(&c, &p, "2026-08-31"), 5, "grade 5 on 2026-08-31");
	is_int(child_grade_on(&c, &p, "2026-09-01"), 6, "grade 6 on 2026-09-01");
	is_int(child_grade_on(&c, &p, "2026-11-28"), 6, "grade 6 on 2026-11-28");
	is_int(child_grade_on(&c, &p, "2027-01-04"), 6, "a January is in the school year begun the September before");
	is_int(child_grade_on(&c, &p, "2027-09-01"), 7, "grade 7 a year later: the check warns of it");
	is_int(child_grade_on(&c, &p, "2026-13-01"), 0, "0 on a day that is not a date");
}

static void test_other_year_starts(void)
{
	struct programme aug = prog(8, 25), feb = prog(2, 29), sep = prog(9, 1);
	struct child_dates c = child(2021, STATUS_ENROLLED, NULL);
	struct child_dates common = child(2025, STATUS_ENROLLED, NULL), leap = child(2024, STATUS_ENROLLED, NULL);

	is_str(first_day(&c, &aug), "2021-08-25", "school years starting 08-25: cohort 2021 starts 2021-08-25");
	ok(!child_enrolled_on(&c, &aug, "2021-08-24"), "not enrolled on 2021-08-24");
	ok(child_enrolled_on(&c, &aug, "2021-08-25"), "enrolled on 2021-08-25");
	is_int(child_grade_on(&c, &aug, "2021-08-25"), 1, "grade 1 on 2021-08-25");
	is_int(child_grade_on(&c, &aug, "2022-08-24"), 1, "grade 1 on 2022-08-24");
	is_int(child_grade_on(&c, &aug, "2022-08-25"), 2, "grade 2 from 2022-08-25");
	is_int(child_grade_on(&c, &aug, "2022-08-31"), 2, "and on 2022-08-31, a day a 09-01 year would still call grade 1");

	is_str(first_day(&common, &feb), "2025-03-01", "02-29 in a common year means 03-01");
	ok(!child_enrolled_on(&common, &feb, "2025-02-28"), "not enrolled on 2025-02-28");
	ok(child_enrolled_on(&common, &feb, "2025-03-01"), "enrolled on 2025-03-01");
	is_str(first_day(&leap, &feb), "2024-02-29", "and 02-29 itself in a leap year");
	ok(!child_enrolled_on(&leap, &feb, "2024-02-28"), "not enrolled on 2024-02-28");
	ok(child_enrolled_on(&leap, &feb, "2024-02-29"), "enrolled on 2024-02-29");
	is_int(child_grade_on(&leap, &feb, "2025-02-28"), 1, "cohort 2024 is in grade 1 on 2025-02-28");
	is_int(child_grade_on(&leap, &feb, "2025-03-01"), 2, "and grade 2 on 2025-03-01");
	is_int(child_grade_on(&leap, &feb, "2028-02-28"), 4, "grade 4 on 2028-02-28");
	is_int(child_grade_on(&leap, &feb, "2028-02-29"), 5, "grade 5 on the leap day 2028-02-29");

	/* The same record means different days under different year starts. */
	c = child(2021, STATUS_TRANSFERRED, "2021-08-30");
	ok(child_enrolled_on(&c, &aug, "2021-08-29"),
	   "with an 08-25 start, a child leaving on 2021-08-30 was at school on 2021-08-29");
	ok(!child_enrolled_on(&c, &aug, "2021-08-30"), "and not on 2021-08-30");
	ok(!child_enrolled_on(&c, &sep, "2021-08-29"), "with a 09-01 start it was never at school");
}

static void test_pairings(void)
{
	ok(!pairing_runs_on("2025-09-01", "2026-07-10", "2025-08-31"), "not before its start");
	ok(pairing_runs_on("2025-09-01", "2026-07-10", "2025-09-01"), "runs on its start");
	ok(pairing_runs_on("2025-09-01", "2026-07-10", "2026-07-10"), "runs on its end");
	ok(!pairing_runs_on("2025-09-01", "2026-07-10", "2026-07-11"), "not after its end");
	ok(pairing_runs_on("2025-09-01", "", "2031-01-01"), "without an end it runs on");
	ok(!pairing_runs_on("2025-09-01", "", "2025-08-31"), "but not before its start");
	ok(pairing_runs_on("2026-11-28", "2026-11-28", "2026-11-28"), "a one-day pairing runs that day");
	ok(!pairing_runs_on("", "", "2026-11-28"), "a pairing without a start runs on no day");
}

int main(void)
{
	test_status_names();
	test_cohort_start();
	test_transfer_out();
	test_transfer_in();
	test_graduated();
	test_dropped_out();
	test_grades();
	test_other_year_starts();
	test_pairings();
	return done_testing();
}
