/*
 * The figures on a day D, counted from the facts. The definitions are
 * docs/report.md's; report/words.c states them to the reader. Each is
 * counted here and nowhere else, for `care report` and the site alike.
 */
#include "report/figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

double figures_round4(double x)
{
	return round(x * 10000.0) / 10000.0;
}

double figures_rate(size_t part, size_t whole)
{
	return whole ? figures_round4((double)part / (double)whole) : -1;
}

/* The first activity dated on or after day (activities are in date order). */
static size_t first_on(const struct facts *f, const char *day)
{
	size_t lo = 0, hi = f->nacts;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(f->acts[mid].date, day) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int rule_counts(const struct contact_rule *rule, const struct fact_activity *a)
{
	return !strcmp(a->kind, rule->kind) && (!rule->with || (a->with && !strcmp(a->with, rule->with)));
}

/*
 * Marks in seen[] the children in an activity the rule counts, dated from
 * from to to. Returns whether there was any such activity.
 */
static int reach(const struct facts *f, const struct contact_rule *rule, const char *from, const char *to,
		 unsigned char *seen)
{
	size_t i, j;
	int held = 0;

	memset(seen, 0, f->nkids);
	for (i = first_on(f, from); i < f->nacts && strcmp(f->acts[i].date, to) <= 0; i++) {
		if (!rule_counts(rule, &f->acts[i]))
			continue;
		held = 1;
		for (j = 0; j < f->acts[i].nparts; j++)
			if (f->acts[i].part_ix[j] >= 0)
				seen[f->acts[i].part_ix[j]] = 1;
	}
	return held;
}

/* The last complete period before day's, and the current one's first day. */
static void periods_of(const struct facts *f, const char *every, const struct figures *fig,
		       char from[CAL_DATE_SIZE], char to[CAL_DATE_SIZE], char cur[CAL_DATE_SIZE])
{
	const char *day = fig->date;

	memcpy(from, fig->first, CAL_DATE_SIZE);
	memcpy(to, day, CAL_DATE_SIZE);
	memcpy(cur, fig->first, CAL_DATE_SIZE);
	if (!strcmp(every, "week")) {
		cal_prev_week(day, from, to);
		cal_week_monday(day, cur);
	} else if (!strcmp(every, "month")) {
		cal_prev_month(day, from, to);
		cal_month_first(day, cur);
	} else if (!strcmp(every, "term")) {
		/* A term, like a year, is counted to date: the last one is in another school year. */
		programme_term_first(f->prog, day, from);
		memcpy(cur, from, CAL_DATE_SIZE);
	}
}

/*
 * The next period after the one starting on start, for the yearly means:
 * writes its first and last day. -1 when every has none (a year).
 */
static int next_period(const struct facts *f, const char *every, const char *start,
		       char first[CAL_DATE_SIZE], char last[CAL_DATE_SIZE])
{
	char d[CAL_DATE_SIZE];

	if (!strcmp(every, "week")) {
		cal_week_monday(start, first);
		cal_add_days(first, 6, last);
		return 0;
	}
	if (!strcmp(every, "month")) {
		cal_month_first(start, first);
		cal_month_last(start, last);
		return 0;
	}
	if (!strcmp(every, "term")) {
		/* Terms end the day before the next begins: step a day at a time to it. */
		programme_term_first(f->prog, start, first);
		memcpy(d, start, CAL_DATE_SIZE);
		for (;;) {
			char t[CAL_DATE_SIZE];
			if (cal_add_days(d, 1, d) < 0 || programme_term_first(f->prog, d, t) < 0)
				return -1;
			if (strcmp(t, first)) {
				cal_add_days(d, -1, last);
				return 0;
			}
		}
	}
	return -1;
}

/*
 * Mean coverage over the complete periods of the year before D's, for all
 * children (into r) and for each class: periods with no activity of the
 * kind (the holidays, a week missed) are counted apart, not as 0.
 */
static void year_means(const struct facts *f, struct figures *fig, size_t rule, unsigned char *seen)
{
	struct rule_figures *r = &fig->rules[rule];
	char first[CAL_DATE_SIZE], last[CAL_DATE_SIZE], at[CAL_DATE_SIZE];
	size_t k, n = fig->nclasses + 1, i;
	size_t *of = xcalloc(n, sizeof(*of)), *got = xcalloc(n, sizeof(*got)), *held = xcalloc(n, sizeof(*held));
	double *sum = xcalloc(n, sizeof(*sum));

	r->mean_rate = -1;
	for (k = 0; k < fig->nclasses; k++)
		fig->classes[k].mean_rate[rule] = -1;
	if (!strcmp(r->rule->every, "year"))
		goto out;
	memcpy(at, fig->first, CAL_DATE_SIZE);
	while (next_period(f, r->rule->every, at, first, last) == 0 && strcmp(last, fig->date) < 0) {
		/* A period begun in the summer before counts from the year's first day. */
		if (strcmp(first, fig->first) < 0)
			memcpy(first, fig->first, CAL_DATE_SIZE);
		r->periods++;
		if (reach(f, r->rule, first, last, seen)) {
			r->held++;
			memset(of, 0, n * sizeof(*of));
			memset(got, 0, n * sizeof(*got));
			for (i = 0; i < f->nkids; i++) {
				/* Class n-1 is the whole school; a child's class is the one on D. */
				if (!fact_enrolled_on(&f->kids[i], last))
					continue;
				of[n - 1]++;
				got[n - 1] += seen[i];
				if (fig->class_of[i] >= 0) {
					of[fig->class_of[i]]++;
					got[fig->class_of[i]] += seen[i];
				}
			}
			for (k = 0; k < n; k++)
				if (of[k]) {
					sum[k] += (double)got[k] / (double)of[k];
					held[k]++;
				}
		}
		if (cal_add_days(last, 1, at) < 0)
			break;
	}
	if (held[n - 1])
		r->mean_rate = figures_round4(sum[n - 1] / (double)held[n - 1]);
	for (k = 0; k < fig->nclasses; k++)
		if (held[k])
			fig->classes[k].mean_rate[rule] = figures_round4(sum[k] / (double)held[k]);
out:
	free(of);
	free(got);
	free(held);
	free(sum);
}

static void count_children(struct figures *fig, const struct facts *f)
{
	size_t i, j;

	for (i = 0; i < f->nkids; i++) {
		const struct fact_child *c = &f->kids[i];
		int g;
		if (c->dates.status != STATUS_ENROLLED && c->dates.status_date[0] &&
		    strcmp(c->dates.status_date, fig->first) >= 0 && strcmp(c->dates.status_date, fig->date) <= 0)
			fig->left[c->dates.status]++;
		if (fact_enrolled_on(c, fig->first)) {
			fig->retention_start++;
			fig->retention_dropped += c->dates.status == STATUS_DROPPED_OUT &&
						  strcmp(c->dates.status_date, fig->date) <= 0;
		}
		fig->grade_of[i] = child_grade_on(&c->dates, f->prog, fig->date);
		if (!(fig->enrolled_on[i] = fact_enrolled_on(c, fig->date)))
			continue;
		fig->enrolled++;
		fig->dossier += c->dossier;
		if (c->gender >= 0)
			fig->by_gender[c->gender]++;
		if (c->away >= 0)
			fig->by_away[c->away]++;
		g = fig->grade_of[i];
		for (j = 0; j < fig->ngrades && fig->grades[j] < g; j++)
			;
		if (j == fig->ngrades || fig->grades[j] != g) {
			fig->grades = xrealloc(fig->grades, (fig->ngrades + 1) * sizeof(*fig->grades));
			fig->grade_counts = xrealloc(fig->grade_counts, (fig->ngrades + 1) * sizeof(*fig->grade_counts));
			memmove(fig->grades + j + 1, fig->grades + j, (fig->ngrades - j) * sizeof(*fig->grades));
			memmove(fig->grade_counts + j + 1, fig->grade_counts + j,
				(fig->ngrades - j) * sizeof(*fig->grade_counts));
			fig->grades[j] = g;
			fig->grade_counts[j] = 0;
			fig->ngrades++;
		}
		fig->grade_counts[j]++;
	}
}

static void count_pairings(struct figures *fig, const struct facts *f)
{
	size_t i;

	for (i = 0; i < f->npairs; i++) {
		const struct fact_pairing *p = &f->pairs[i];
		const char *last = p->start;
		int64_t days;
		size_t j;
		if (p->child_ix < 0 || !fig->enrolled_on[p->child_ix] || !pairing_runs_on(p->start, p->end, fig->date))
			continue;
		fig->active_pairings++;
		fig->paired[p->child_ix] = 1;
		for (j = 0; j < p->nreviews && strcmp(p->reviews[j], fig->date) <= 0; j++)
			last = p->reviews[j];
		if (cal_days_between(last, fig->date, &days) == 0 && days > f->prog->review_every_days)
			fig->overdue++;
	}
	for (i = 0; i < f->nkids; i++)
		fig->covered += fig->enrolled_on[i] && fig->paired[i];
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t kind_index(const struct figures *fig, const char *kind)
{
	char *const *k = fig->nkinds ? bsearch(&kind, fig->kinds, fig->nkinds, sizeof(*fig->kinds), cmp_str) : NULL;
	return (size_t)(k - fig->kinds);
}

static void count_activities(struct figures *fig, const struct facts *f)
{
	size_t i, j, start = first_on(f, fig->first);
	char month[CAL_DATE_SIZE];

	for (i = start; i < f->nacts && strcmp(f->acts[i].date, fig->date) <= 0; i++) {
		const char *kind = f->acts[i].kind;
		if (!fig->nkinds || !bsearch(&kind, fig->kinds, fig->nkinds, sizeof(*fig->kinds), cmp_str)) {
			fig->kinds = xrealloc(fig->kinds, (fig->nkinds + 1) * sizeof(*fig->kinds));
			fig->kinds[fig->nkinds++] = xstrdup(kind);
			qsort(fig->kinds, fig->nkinds, sizeof(*fig->kinds), cmp_str);
		}
	}
	for (memcpy(month, fig->first, CAL_DATE_SIZE); strncmp(month, fig->date, 7) <= 0;) {
		struct month_figures *m;
		fig->months = xrealloc(fig->months, (fig->nmonths + 1) * sizeof(*fig->months));
		m = &fig->months[fig->nmonths++];
		memcpy(m->month, month, 7);
		m->month[7] = '\0';
		m->counts = xcalloc(fig->nkinds + 1, sizeof(*m->counts));
		m->total = 0;
		if (cal_month_last(month, month) < 0 || cal_add_days(month, 1, month) < 0)
			break;
	}
	for (i = start; i < f->nacts && strcmp(f->acts[i].date, fig->date) <= 0; i++) {
		const struct fact_activity *a = &f->acts[i];
		for (j = 0; j < fig->nmonths && strncmp(fig->months[j].month, a->date, 7); j++)
			;
		if (j < fig->nmonths) {
			fig->months[j].counts[kind_index(fig, a->kind)]++;
			fig->months[j].total++;
		}
		fig->activities++;
		fig->participations += a->nparts;
		for (j = 0; j < a->nparts; j++)
			if (a->part_ix[j] >= 0)
				fig->active[a->part_ix[j]] = 1;
	}
	for (i = 0; i < f->nkids; i++)
		fig->without += fig->enrolled_on[i] && !fig->active[i];
}

static int by_grade_class(const void *x, const void *y)
{
	const struct class_figures *a = x, *b = y;
	return a->grade != b->grade ? (a->grade < b->grade ? -1 : 1) : (a->klass > b->klass) - (a->klass < b->klass);
}

static void count_classes(struct figures *fig, const struct facts *f)
{
	size_t i, j;

	for (i = 0; i < f->nkids; i++) {
		if (!fig->enrolled_on[i])
			continue;
		for (j = 0; j < fig->nclasses; j++)
			if (fig->classes[j].grade == fig->grade_of[i] && fig->classes[j].klass == f->kids[i].klass)
				break;
		if (j == fig->nclasses) {
			fig->classes = xrealloc(fig->classes, (fig->nclasses + 1) * sizeof(*fig->classes));
			memset(&fig->classes[j], 0, sizeof(fig->classes[j]));
			fig->classes[j].grade = fig->grade_of[i];
			fig->classes[j].klass = f->kids[i].klass;
			fig->classes[j].head_teacher = f->kids[i].head_teacher;
			fig->nclasses++;
		}
	}
	if (fig->nclasses)
		qsort(fig->classes, fig->nclasses, sizeof(*fig->classes), by_grade_class);
	for (i = 0; i < f->nkids; i++) {
		struct class_figures *c;
		fig->class_of[i] = -1;
		if (!fig->enrolled_on[i])
			continue;
		for (j = 0; j < fig->nclasses; j++)
			if (fig->classes[j].grade == fig->grade_of[i] && fig->classes[j].klass == f->kids[i].klass)
				break;
		c = &fig->classes[j];
		fig->class_of[i] = (long)j;
		c->enrolled++;
		c->covered += fig->paired[i];
		c->dossier += f->kids[i].dossier;
		c->without += !fig->active[i];
	}
}

static void count_rules(struct figures *fig, const struct facts *f)
{
	unsigned char *seen = xcalloc(f->nkids + 1, 1);
	size_t i, j, k;

	fig->nrules = f->prog->nrules;
	fig->rules = xcalloc(fig->nrules + 1, sizeof(*fig->rules));
	for (k = 0; k < fig->nclasses; k++) {
		fig->classes[k].reached = xcalloc(fig->nrules + 1, sizeof(size_t));
		fig->classes[k].mean_rate = xcalloc(fig->nrules + 1, sizeof(double));
	}
	for (i = 0; i < fig->nrules; i++) {
		struct rule_figures *r = &fig->rules[i];
		r->rule = &f->prog->rules[i];
		r->cur_seen = xcalloc(f->nkids + 1, 1);
		periods_of(f, r->rule->every, fig, r->from, r->to, r->cur_from);
		reach(f, r->rule, r->from, r->to, seen);
		for (j = 0; j < f->nkids; j++) {
			if (!fig->enrolled_on[j])
				continue;
			r->of++;
			r->reached += seen[j];
			if (seen[j])
				fig->classes[fig->class_of[j]].reached[i]++;
		}
		reach(f, r->rule, r->cur_from, fig->date, r->cur_seen);
		for (j = 0; j < f->nkids; j++) {
			r->cur_seen[j] &= fig->enrolled_on[j];
			r->cur_reached += r->cur_seen[j];
		}
		year_means(f, fig, i, seen);
		reach(f, r->rule, fig->first, fig->date, seen);
		for (j = 0; j < f->nkids; j++)
			r->year_reached += fig->enrolled_on[j] && seen[j];
	}
	free(seen);
}

int figures_year_day(const struct programme *p, int year, const char *today, char day[CAL_DATE_SIZE])
{
	char next[CAL_DATE_SIZE];

	if (programme_year_first(p, year + 1, next) < 0 || cal_add_days(next, -1, day) < 0)
		return -1;
	if (strcmp(today, day) < 0)
		memcpy(day, today, CAL_DATE_SIZE);
	return 0;
}

int figures_at(struct figures *fig, const struct facts *f, const char *day)
{
	static const int primary[] = { 1, 2, 3, 4, 5, 6 };
	size_t n = f->nkids + 1;

	memset(fig, 0, sizeof(*fig));
	if (!cal_valid(day) || programme_school_year(f->prog, day, &fig->year, fig->first) < 0)
		return -1;
	memcpy(fig->date, day, CAL_DATE_SIZE);
	cal_school_label(fig->year, fig->label);
	fig->ngrades = 6;
	fig->grades = xmalloc(6 * sizeof(*fig->grades));
	memcpy(fig->grades, primary, sizeof(primary));
	fig->grade_counts = xcalloc(6, sizeof(*fig->grade_counts));
	fig->enrolled_on = xcalloc(n, 1);
	fig->paired = xcalloc(n, 1);
	fig->active = xcalloc(n, 1);
	fig->grade_of = xcalloc(n, sizeof(*fig->grade_of));
	fig->class_of = xcalloc(n, sizeof(*fig->class_of));
	count_children(fig, f);
	count_pairings(fig, f);
	count_activities(fig, f);
	count_classes(fig, f);
	count_rules(fig, f);
	return 0;
}

void figures_release(struct figures *fig)
{
	size_t i;

	for (i = 0; i < fig->nrules; i++)
		free(fig->rules[i].cur_seen);
	for (i = 0; i < fig->nclasses; i++) {
		free(fig->classes[i].reached);
		free(fig->classes[i].mean_rate);
	}
	for (i = 0; i < fig->nmonths; i++)
		free(fig->months[i].counts);
	for (i = 0; i < fig->nkinds; i++)
		free(fig->kinds[i]);
	free(fig->rules);
	free(fig->classes);
	free(fig->months);
	free(fig->kinds);
	free(fig->grades);
	free(fig->grade_counts);
	free(fig->enrolled_on);
	free(fig->paired);
	free(fig->active);
	free(fig->grade_of);
	free(fig->class_of);
	memset(fig, 0, sizeof(*fig));
}
