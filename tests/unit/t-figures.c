/*
 * Unit tests for report/figures.c on a small school built by hand, each
 * figure worked out on paper from the definitions the report states
 * (report/words.c). The day is 2026-11-28, a Saturday: the last complete
 * week is 2026-11-16 to 2026-11-22, the last complete month October.
 *
 * The children, by id (cohort; status; class on the day):
 *   a  2021 enrolled                   grade 6, class 1
 *   b  2020 enrolled (not graduated)   grade 7, class 1
 *   c  2023 enrolled from 2026-10-12   grade 4, class 2 (a transfer in)
 *   d  2022 transferred 2026-11-28     left on the day itself
 *   e  2022 dropped_out 2026-11-02     left this school year
 *   f  2020 graduated 2026-07-10       left last school year
 *   g  2027 enrolled                   not at school before 2027-09-01
 *   h  2021 dropped_out 2026-12-15     grade 6, class 1: still at school on the day
 *   i  2024 enrolled                   grade 3, class 1: no activity this year
 */
#include <stdlib.h>
#include <string.h>

#include "report/figures.h"
#include "util/strbuf.h"
#include "tap.h"

#define D "2026-11-28"

/* Arrays, not literals: struct contact_rule's strings are not const. */
static char k_call[] = "family_call", k_contact[] = "parent_contact", k_visit[] = "home_visit";
static char w_head[] = "head_teacher", e_week[] = "week", e_month[] = "month", e_year[] = "year";
static struct contact_rule rules[] = {
	{ k_call, NULL, e_week },
	{ k_contact, w_head, e_month },
	{ k_contact, NULL, e_month },
	{ k_visit, NULL, e_year },
};

static struct programme prog(int month, int day)
{
	struct programme p;

	memset(&p, 0, sizeof(p));
	p.year_month = month;
	p.year_day = day;
	p.review_every_days = 60;
	p.rules = rules;
	p.nrules = sizeof(rules) / sizeof(*rules);
	return p;
}

/* Children are added on two threads, as `care report` collects them. */
static int thread;

static void kid(struct facts *f, const char *id, int cohort, const char *status, const char *status_date,
		int klass, int gender, int away, int dossier, const char *head_teacher)
{
	struct fact_child *c = facts_add_child(f, thread, id);

	thread = !thread;
	c->klass = klass;
	c->dates.cohort = cohort;
	c->dates.status = status_from_name(status);
	if (status_date)
		memcpy(c->dates.status_date, status_date, CAL_DATE_SIZE);
	c->gender = gender;
	c->away = away;
	c->dossier = dossier;
	free(c->head_teacher);
	c->head_teacher = xstrdup(head_teacher);
}

static void pair(struct facts *f, const char *id, const char *child, const char *start, const char *end,
		 const char *review1, const char *review2)
{
	struct fact_pairing *p = facts_add_pairing(f, thread, id, child);

	thread = !thread;
	memcpy(p->start, start, CAL_DATE_SIZE);
	if (end)
		memcpy(p->end, end, CAL_DATE_SIZE);
	/* In the wrong order on purpose: facts_finish() sorts them. */
	if (review2)
		fact_add_review(p, review2);
	if (review1)
		fact_add_review(p, review1);
}

/* An activity with up to five participants (NULL ends the list). */
static void act(struct facts *f, const char *id, const char *kind, const char *with, const char *date,
		const char *p1, const char *p2, const char *p3, const char *p4, const char *p5)
{
	struct fact_activity *a = facts_add_activity(f, thread, id, kind, with, date);
	const char *parts[] = { p1, p2, p3, p4, p5 };
	size_t i;

	thread = !thread;
	for (i = 0; i < 5 && parts[i]; i++)
		fact_add_participant(a, parts[i]);
}

static struct facts *school(const struct programme *p)
{
	struct facts *f = facts_new(p);

	kid(f, "i", 2024, "enrolled", NULL, 1, 0, 3, 0, "刘芳");
	kid(f, "h", 2021, "dropped_out", "2026-12-15", 1, -1, -1, 0, "李老师");
	kid(f, "g", 2027, "enrolled", NULL, 1, 1, 0, 1, "王静");
	kid(f, "f", 2020, "graduated", "2026-07-10", 1, 0, 0, 1, "王静");
	kid(f, "e", 2022, "dropped_out", "2026-11-02", 1, 0, 0, 1, "王静");
	kid(f, "d", 2022, "transferred", D, 1, 1, 1, 1, "王静");
	kid(f, "c", 2023, "enrolled", "2026-10-12", 2, 1, 2, 1, "陈红");
	kid(f, "b", 2020, "enrolled", NULL, 1, 1, 1, 0, "赵敏");
	kid(f, "a", 2021, "enrolled", NULL, 1, 0, 0, 1, "张伟");

	/* Last review exactly 60 days before D: not overdue. */
	pair(f, "p1", "a", "2026-09-01", NULL, "2026-09-29", "2026-12-01");
	/* Begun 61 days before D, never reviewed: overdue. */
	pair(f, "p2", "b", "2026-09-28", NULL, NULL, NULL);
	/* Ended the day before D. */
	pair(f, "p3", "c", "2026-10-12", "2026-11-27", NULL, NULL);
	/* Open, but its child is not at school on D. */
	pair(f, "p4", "d", "2026-09-01", NULL, NULL, NULL);
	/* A one-day pairing on D itself. */
	pair(f, "p5", "h", D, D, NULL, NULL);
	pair(f, "p6", "nobody", "2026-09-01", NULL, NULL, NULL);
	/* Last year's pairing, and a second one running for a. */
	pair(f, "p7", "a", "2025-09-01", "2026-06-30", NULL, NULL);
	pair(f, "p8", "a", "2026-10-01", NULL, NULL, NULL);

	act(f, "x01", "birthday", NULL, "2025-10-01", "i", NULL, NULL, NULL, NULL);
	act(f, "x02", "birthday", NULL, "2026-09-01", "a", "b", "d", "e", "nobody");
	act(f, "x03", "parent_contact", "head_teacher", "2026-10-31", "a", NULL, NULL, NULL, NULL);
	act(f, "x04", "parent_contact", "subject_teacher", "2026-10-01", "b", NULL, NULL, NULL, NULL);
	act(f, "x05", "parent_contact", "head_teacher", "2026-11-01", "c", NULL, NULL, NULL, NULL);
	act(f, "x06", "family_call", NULL, "2026-11-16", "a", "d", NULL, NULL, NULL);
	act(f, "x07", "family_call", NULL, "2026-11-22", "h", NULL, NULL, NULL, NULL);
	act(f, "x08", "family_call", NULL, "2026-11-15", "b", NULL, NULL, NULL, NULL);
	act(f, "x09", "family_call", NULL, "2026-11-23", "c", NULL, NULL, NULL, NULL);
	act(f, "x10", "home_visit", NULL, D, "b", NULL, NULL, NULL, NULL);
	act(f, "x11", "home_visit", NULL, "2026-11-29", "c", NULL, NULL, NULL, NULL);
	act(f, "x12", "home_visit", NULL, "2026-10-15", "g", NULL, NULL, NULL, NULL);
	facts_finish(f);
	return f;
}

static void test_rate(void)
{
	ok(figures_rate(0, 0) == -1, "a rate of nothing is -1");
	ok(figures_rate(1, 3) == 0.3333, "1/3 rounds to 0.3333");
	ok(figures_rate(2, 3) == 0.6667, "2/3 rounds to 0.6667");
	ok(figures_rate(5, 5) == 1.0 && figures_rate(0, 7) == 0.0, "all and none");
	ok(figures_round4(1.0 / 7.0) == 0.1429, "1/7 rounds to 0.1429");
}

static void test_facts(const struct facts *f)
{
	is_int(f->nkids, 9, "nine children gathered from two threads");
	is_str(f->kids[0].id, "a", "sorted by id");
	is_int(facts_child(f, "i"), 8, "facts_child() finds the last");
	is_int(facts_child(f, "nobody"), -1, "and not an unknown id");
	is_str(f->pairs[0].reviews[0], "2026-09-29", "reviews sorted by date");
	is_str(f->acts[0].id, "x01", "activities sorted by date");
	is_int(f->acts[1].part_ix[4], -1, "an unknown participant links to -1");
}

static void test_children(const struct figures *fig)
{
	static const int grades[] = { 1, 2, 3, 4, 5, 6, 7 };
	static const size_t counts[] = { 0, 0, 1, 1, 0, 2, 1 };
	size_t i;

	is_str(fig->first, "2026-09-01", "the school year began 2026-09-01");
	is_int(fig->year, 2026, "the school year of 2026");
	is_str(fig->label, "2026-2027", "labelled 2026-2027");
	is_int(fig->enrolled, 5, "enrolled: a, b, c, h, i (d left on D, g not begun)");
	is_int(fig->ngrades, 7, "grades 1-6 and 7");
	for (i = 0; i < 7 && i < fig->ngrades; i++) {
		is_int(fig->grades[i], grades[i], "grade key %zu", i);
		is_int(fig->grade_counts[i], counts[i], "children in grade %d", grades[i]);
	}
	is_int(fig->by_gender[0], 2, "boys: a, i");
	is_int(fig->by_gender[1], 2, "girls: b, c (h not given)");
	is_int(fig->by_away[0] + fig->by_away[1] + fig->by_away[2] + fig->by_away[3], 4,
	       "one child in each away group, h not given");
	is_int(fig->by_away[3], 1, "single parent: i");
	is_int(fig->dossier, 2, "whole contact cards among the enrolled: a, c");
	is_int(fig->left[STATUS_TRANSFERRED], 1, "transferred this year: d, on D itself");
	is_int(fig->left[STATUS_DROPPED_OUT], 1, "dropped out by D: e (h drops out after D)");
	is_int(fig->left[STATUS_GRADUATED], 0, "f graduated last school year");
	is_int(fig->left[STATUS_ENROLLED], 0, "nobody enrolled has left");
	is_int(fig->retention_start, 6, "at school on the year's first day: a, b, d, e, h, i");
	is_int(fig->retention_dropped, 1, "of whom dropped out by D: e");
	ok(fig->enrolled_on[7] && fig->grade_of[7] == 6, "h is enrolled, in grade 6");
	ok(!fig->enrolled_on[6] && fig->grade_of[6] == 0, "g is not enrolled, grade 0");
}

static void test_pairings(const struct figures *fig)
{
	is_int(fig->active_pairings, 4, "active: p1, p2, p5, p8");
	is_int(fig->covered, 3, "covered: a (twice), b, h");
	is_int(fig->overdue, 1, "overdue: p2 at 61 days, not p1 at exactly 60");
	ok(fig->paired[0] && fig->paired[1] && !fig->paired[2] && !fig->paired[3] && fig->paired[7],
	   "paired: a, b, h; not c (ended the day before) nor d (left)");
}

static void check_rule(const struct figures *fig, size_t i, const char *from, const char *to, size_t reached,
		       const char *cur_from, size_t cur_reached, size_t periods, size_t held, double mean)
{
	const struct rule_figures *r = &fig->rules[i];
	const char *what = r->rule->kind;

	is_str(r->from, from, "%s/%s: from", what, r->rule->every);
	is_str(r->to, to, "%s/%s: to", what, r->rule->every);
	is_int(r->of, 5, "%s/%s: of the five enrolled", what, r->rule->every);
	is_int(r->reached, reached, "%s/%s: reached", what, r->rule->every);
	is_str(r->cur_from, cur_from, "%s/%s: current period from", what, r->rule->every);
	is_int(r->cur_reached, cur_reached, "%s/%s: reached so far", what, r->rule->every);
	is_int(r->periods, periods, "%s/%s: complete periods", what, r->rule->every);
	is_int(r->held, held, "%s/%s: periods held", what, r->rule->every);
	if (!ok(r->mean_rate == mean, "%s/%s: mean rate %.4f", what, r->rule->every, mean))
		printf("#   got %.6f\n", r->mean_rate);
}

static void test_rules(const struct figures *fig)
{
	is_int(fig->nrules, 4, "four rules");
	/*
	 * Weeks: a and h in the last week (d too, gone by D); b's call was
	 * the Sunday before, c's the Monday after. Of twelve complete weeks
	 * from 2026-09-01, two had a call: 1/6 and 3/6, mean 1/3.
	 */
	check_rule(fig, 0, "2026-11-16", "2026-11-22", 2, "2026-11-23", 1, 12, 2, 0.3333);
	/* October, with the head teacher: a; b's contact was a subject teacher. 1/7 in October. */
	check_rule(fig, 1, "2026-10-01", "2026-10-31", 1, "2026-11-01", 1, 2, 1, 0.1429);
	/* Without `with`, any parent contact: a and b. 2/7 in October. */
	check_rule(fig, 2, "2026-10-01", "2026-10-31", 2, "2026-11-01", 1, 2, 1, 0.2857);
	/* The year so far: b's visit on D; g is not at school, c's is after D. */
	check_rule(fig, 3, "2026-09-01", D, 1, "2026-09-01", 1, 0, 0, -1);
	ok(fig->rules[1].cur_seen[2] && !fig->rules[1].cur_seen[0], "this month's head-teacher contact: c, not a");
}

static void test_activities(const struct figures *fig)
{
	static const char *const kinds[] = { "birthday", "family_call", "home_visit", "parent_contact" };
	static const char *const months[] = { "2026-09", "2026-10", "2026-11" };
	static const size_t totals[] = { 1, 3, 6 };
	size_t i;

	is_int(fig->nkinds, 4, "four kinds this year");
	for (i = 0; i < 4 && i < fig->nkinds; i++)
		is_str(fig->kinds[i], kinds[i], "kind %zu", i);
	is_int(fig->nmonths, 3, "months from September to November");
	for (i = 0; i < 3 && i < fig->nmonths; i++) {
		is_str(fig->months[i].month, months[i], "month %zu", i);
		is_int(fig->months[i].total, totals[i], "activities in %s", months[i]);
	}
	if (fig->nmonths == 3 && fig->nkinds == 4) {
		is_int(fig->months[1].counts[3], 2, "two parent contacts in October");
		is_int(fig->months[1].counts[2], 1, "one home visit in October");
		is_int(fig->months[2].counts[1], 4, "four family calls in November");
		is_int(fig->months[2].counts[2], 1, "one home visit in November (on D; not the one after)");
	}
	is_int(fig->activities, 10, "activities this year to D: not last year's, not the one after D");
	is_int(fig->participations, 15, "participations, the unknown participant included");
	is_int(fig->without, 1, "without an activity this year: i (last year's does not count)");
}

static void test_classes(const struct figures *fig)
{
	const struct class_figures *c = fig->classes;

	is_int(fig->nclasses, 4, "classes 3-1, 4-2, 6-1, 7-1");
	if (fig->nclasses != 4)
		return;
	ok(c[0].grade == 3 && c[0].klass == 1 && c[1].grade == 4 && c[1].klass == 2 && c[2].grade == 6 &&
		   c[2].klass == 1 && c[3].grade == 7 && c[3].klass == 1,
	   "in grade and class order");
	is_str(c[2].head_teacher, "张伟", "a class's head teacher is its first child's by id");
	is_int(c[2].enrolled, 2, "6-1: a and h");
	is_int(c[2].covered, 2, "6-1: both paired");
	is_int(c[2].dossier, 1, "6-1: a's card is whole");
	is_int(c[2].without, 0, "6-1: both in an activity");
	is_int(c[0].without, 1, "3-1: i without");
	is_int(c[1].covered, 0, "4-2: c's pairing ended");
	is_int(c[2].reached[0], 2, "6-1: both called last week");
	is_int(c[2].reached[1], 1, "6-1: a's head-teacher contact in October");
	is_int(c[3].reached[2], 1, "7-1: b's subject-teacher contact counts for the rule without 'with'");
	is_int(c[3].reached[3], 1, "7-1: b's home visit");
	ok(c[2].mean_rate[0] == 0.5 && c[3].mean_rate[0] == 0.5 && c[0].mean_rate[0] == 0.0,
	   "weekly means: 6-1 (0 then 1), 7-1 (1 then 0), 3-1 (0 and 0)");
	ok(c[2].mean_rate[2] == 0.5 && c[3].mean_rate[2] == 1.0, "monthly means: 6-1 1/2, 7-1 1");
	ok(c[0].mean_rate[3] == -1 && c[2].mean_rate[3] == -1, "no mean for a yearly rule");
	is_int(fig->class_of[6], -1, "g has no class on D");
	is_int(fig->class_of[7], 2, "h is in 6-1");
}

/* The last day of the school year before: a is in grade 5, f still at school. */
static void test_year_before(const struct facts *f)
{
	struct figures fig;

	ok(figures_at(&fig, f, "2026-08-31") == 0, "figures on 2026-08-31");
	is_str(fig.label, "2025-2026", "in the school year 2025-2026");
	is_int(fig.enrolled, 6, "a, b, d, e, h, i; f graduated, c not yet arrived");
	is_int(fig.ngrades, 6, "no grade beyond 6");
	is_int(fig.grade_counts[5], 1, "grade 6: b");
	is_int(fig.grade_counts[4], 2, "grade 5: a, h");
	is_int(fig.left[STATUS_GRADUATED], 1, "f graduated in this school year");
	is_int(fig.nmonths, 12, "twelve months, 2025-09 to 2026-08");
	is_str(fig.nmonths ? fig.months[0].month : "", "2025-09", "from 2025-09");
	is_int(fig.activities, 1, "last year's birthday party");
	is_int(fig.active_pairings, 0, "p7 ended 2026-06-30; nothing else had begun");
	figures_release(&fig);

	ok(figures_at(&fig, f, "2026-09-01") == 0, "figures on 2026-09-01");
	is_int(fig.grade_counts[5], 2, "a and h move up to grade 6 on the first day");
	is_int(fig.nmonths, 1, "one month so far");
	figures_release(&fig);

	ok(figures_at(&fig, f, "2026-02-29") == -1, "-1 for a day that is not a date");
	figures_release(&fig);
}

/* A school year starting 08-25: its months begin with August. */
static void test_august_start(void)
{
	struct programme p = prog(8, 25);
	struct facts *f = facts_new(&p);
	struct figures fig;

	kid(f, "a", 2021, "enrolled", NULL, 1, 0, 0, 1, "张伟");
	act(f, "x1", "letter", NULL, "2026-08-24", "a", NULL, NULL, NULL, NULL);
	act(f, "x2", "letter", NULL, "2026-08-25", "a", NULL, NULL, NULL, NULL);
	facts_finish(f);
	ok(figures_at(&fig, f, "2026-09-10") == 0, "figures on 2026-09-10");
	is_str(fig.first, "2026-08-25", "the year began 2026-08-25");
	is_int(fig.nmonths, 2, "months 2026-08 and 2026-09");
	is_str(fig.nmonths ? fig.months[0].month : "", "2026-08", "from August");
	is_int(fig.nmonths ? fig.months[0].total : 0, 1, "one letter in the school year's August");
	is_int(fig.activities, 1, "the letter of 2026-08-24 was last school year");
	is_int(fig.grade_counts[5], 1, "a is in grade 6 since 2026-08-25");
	figures_release(&fig);
	facts_free(f);
}

int main(void)
{
	struct programme p = prog(9, 1);
	struct facts *f = school(&p);
	struct figures fig;

	test_rate();
	test_facts(f);
	ok(figures_at(&fig, f, D) == 0, "figures on " D);
	test_children(&fig);
	test_pairings(&fig);
	test_rules(&fig);
	test_activities(&fig);
	test_classes(&fig);
	figures_release(&fig);
	test_year_before(f);
	facts_free(f);
	test_august_start();
	return done_testing();
}
