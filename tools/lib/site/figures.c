/*
 * The programme's figures on the site: the home page's, each class's, and
 * the yearly reports' pages. They are counted by the report floor
 * (report/figures.c), the one place that counts, from facts made here out
 * of the records' summaries; a private activity's participants, which its
 * summary never holds, come from the record itself, read again every
 * render (render.c) and kept only in the facts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git/head.h"
#include "records/repo.h"
#include "report/report.h"
#include "report/words.h"
#include "schema/schema.h"
#include "site/site_int.h"
#include "util/calendar.h"
#include "util/banned.h"

/* --- facts from summaries ------------------------------------------------ */

static int index_of(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

static void child_facts(struct site *s, const struct mval *c)
{
	static const char *const genders[] = { "male", "female" };
	struct fact_child *f = facts_add_child(s->facts, 0, mval_text(c, "id"));

	free(f->name);
	free(f->head_teacher);
	f->name = xstrdup(mval_text(c, "name"));
	f->head_teacher = xstrdup(mval_text(c, "head_teacher"));
	f->klass = atoi(mval_text(c, "class"));
	child_dates_of(c, &f->dates);
	f->gender = index_of(genders, 2, mval_text(c, "gender"));
	f->away = index_of(away_names, AWAY_NR, mval_text(mval_get(c, "left_behind"), "away"));
	f->dossier = !strcmp(mval_text(c, "_dossier"), "1");
}

static void pairing_facts(struct site *s, const struct mval *p)
{
	struct fact_pairing *f = facts_add_pairing(s->facts, 0, mval_text(p, "id"), mval_text(p, "child"));
	const struct mval *rev = mval_get(p, "reviews");
	size_t i;

	if (cal_valid(mval_text(p, "start")))
		memcpy(f->start, mval_text(p, "start"), CAL_DATE_SIZE);
	if (cal_valid(mval_text(p, "end")))
		memcpy(f->end, mval_text(p, "end"), CAL_DATE_SIZE);
	for (i = 0; rev && rev->type == MV_LIST && i < rev->len; i++)
		fact_add_review(f, mval_text(rev->u.items[i], "date"));
}

static void activity_facts(struct site *s, const struct mval *act)
{
	const struct mval *with = mval_get(act, "with"), *parts = mval_get(act, "participants");
	struct fact_activity *f = facts_add_activity(s->facts, 0, mval_text(act, "id"), mval_text(act, "kind"),
						     with ? mval_text(act, "with") : NULL, mval_text(act, "date"));
	size_t i;

	for (i = 0; parts && parts->type == MV_LIST && i < parts->len; i++)
		if (parts->u.items[i]->type == MV_STR)
			fact_add_participant(f, parts->u.items[i]->u.str);
}

/* --- values -------------------------------------------------------------- */

/*
 * A list as {rows, count}, or nothing when it is empty: a template writes
 * a table's header once inside {{#x}}...{{/x}} and a note in {{^x}}.
 */
struct mval *table_of(struct marena *a, struct mval *list)
{
	struct mval *t;

	if (!list || list->type != MV_LIST || !list->len)
		return mval_null(a);
	t = mval_map(a);
	mval_set(a, t, "rows", list);
	mval_set(a, t, "count", mval_fmt(a, "%zu", (size_t)list->len));
	return t;
}

static struct mval *pct(struct marena *a, size_t part, size_t whole)
{
	struct strbuf sb = STRBUF_INIT;
	struct mval *v;

	percent(&sb, part, whole);
	v = mval_strn(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return v;
}

static struct mval *count(struct marena *a, size_t n)
{
	return mval_fmt(a, "%zu", n);
}

static void count_into(struct marena *a, struct mval *list, const char *label)
{
	size_t i;
	struct mval *row;

	for (i = 0; i < list->len; i++)
		if (!strcmp(mval_text(list->u.items[i], "label"), label)) {
			row = list->u.items[i];
			mval_set(a, row, "count", mval_fmt(a, "%d", atoi(mval_text(row, "count")) + 1));
			return;
		}
	row = mval_push(a, list, mval_map(a));
	mval_set_str(a, row, "label", label);
	mval_set_str(a, row, "count", "1");
}

static struct mval *rule_row(struct site *s, const struct rule_figures *rf)
{
	struct marena *a = s->main;
	struct mval *row = mval_map(a);
	struct strbuf label = STRBUF_INIT;

	rule_label(&label, s->r, rf->rule);
	mval_set(a, row, "kind_label", mval_strn(a, label.buf, label.len));
	mval_set_str(a, row, "every_label", every_label(s->r, rf->rule->every));
	mval_set_str(a, row, "from", rf->from);
	mval_set_str(a, row, "to", rf->to);
	mval_set(a, row, "reached", count(a, rf->reached));
	mval_set(a, row, "of", count(a, rf->of));
	mval_set(a, row, "percent", pct(a, rf->reached, rf->of));
	mval_set_str(a, row, "cur_from", rf->cur_from);
	mval_set(a, row, "cur_reached", count(a, rf->cur_reached));
	strbuf_release(&label);
	return row;
}

static void home_values(struct site *s, struct mval *home, const struct figures *fig)
{
	struct marena *a = s->main;
	struct mval *grades = mval_set_list(a, home, "by_grade"), *rules = mval_list(a);
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	mval_set(a, home, "enrolled", count(a, fig->enrolled));
	for (i = 0; i < fig->ngrades; i++) {
		struct mval *row = mval_push(a, grades, mval_map(a));
		strbuf_reset(&sb);
		grade_name(&sb, fig->grades[i]);
		mval_set(a, row, "label", mval_strn(a, sb.buf, sb.len));
		mval_set(a, row, "count", count(a, fig->grade_counts[i]));
	}
	mval_set(a, home, "paired", count(a, fig->covered));
	mval_set(a, home, "paired_percent", pct(a, fig->covered, fig->enrolled));
	mval_set(a, home, "overdue", count(a, fig->overdue));
	mval_set(a, home, "active_pairings", count(a, fig->active_pairings));
	mval_set(a, home, "dossier", count(a, fig->dossier));
	mval_set(a, home, "dossier_percent", pct(a, fig->dossier, fig->enrolled));
	mval_set(a, home, "retention_start", count(a, fig->retention_start));
	mval_set(a, home, "dropped_out", count(a, fig->retention_dropped));
	mval_set(a, home, "retention_percent",
		 pct(a, fig->retention_start - fig->retention_dropped, fig->retention_start));
	mval_set(a, home, "transferred", count(a, fig->left[STATUS_TRANSFERRED]));
	mval_set(a, home, "graduated", count(a, fig->left[STATUS_GRADUATED]));
	mval_set(a, home, "year_activities", count(a, fig->activities));
	mval_set(a, home, "participations", count(a, fig->participations));
	mval_set(a, home, "without", count(a, fig->without));
	mval_set(a, home, "review_days", mval_fmt(a, "%ld", s->r->prog.review_every_days));
	for (i = 0; i < fig->nrules; i++)
		mval_push(a, rules, rule_row(s, &fig->rules[i]));
	mval_set(a, home, "contact_table", table_of(a, rules));
	strbuf_release(&sb);
}

/*
 * Each class page's figures, and the children of the class not yet
 * reached in the current period of each rule: whom to call this week.
 */
static void class_values(struct site *s, const struct figures *fig)
{
	struct marena *a = s->main;
	size_t i, j, k;

	for (i = 0; i < s->classes->len; i++) {
		struct mval *cls = s->classes->u.items[i];
		const struct mval *kids = mval_get(cls, "children");
		struct mval *rules = mval_list(a);
		size_t covered = 0, dossier = 0, n = kids->len;
		long fc = -1;
		for (j = 0; j < n; j++) {
			long ix = facts_child(s->facts, mval_text(kids->u.items[j], "id"));
			if (ix < 0)
				continue;
			fc = fig->class_of[ix] >= 0 ? fig->class_of[ix] : fc;
			covered += fig->paired[ix];
			dossier += s->facts->kids[ix].dossier;
		}
		mval_set(a, cls, "paired", count(a, covered));
		mval_set(a, cls, "paired_percent", pct(a, covered, n));
		mval_set(a, cls, "dossier", count(a, dossier));
		mval_set(a, cls, "dossier_percent", pct(a, dossier, n));
		for (k = 0; fc >= 0 && k < fig->nrules; k++) {
			const struct rule_figures *rf = &fig->rules[k];
			struct mval *row = rule_row(s, rf), *missing = mval_list(a);
			size_t cur = 0;
			for (j = 0; j < n; j++) {
				long ix = facts_child(s->facts, mval_text(kids->u.items[j], "id"));
				if (ix < 0 || rf->cur_seen[ix]) {
					cur += ix >= 0;
					continue;
				}
				mval_push(a, missing, kids->u.items[j]);
			}
			mval_set(a, row, "reached", count(a, fig->classes[fc].reached[k]));
			mval_set(a, row, "of", count(a, n));
			mval_set(a, row, "percent", pct(a, fig->classes[fc].reached[k], n));
			mval_set(a, row, "cur_reached", count(a, cur));
			mval_set(a, row, "missing", table_of(a, missing));
			mval_push(a, rules, row);
		}
		mval_set(a, cls, "contact_table", table_of(a, rules));
	}
}

/* The yearly report pages: this school year's so far, and the last one's. */
static void report_pages(struct site *s)
{
	struct marena *a = s->main;
	struct mval *list = mval_list(a);
	char head[41];
	int dirty = 0, in_git = 0;
	size_t i;

	/* The commit the figures come from, as `care report` names it. */
	if (!s->opts->as_of)
		in_git = git_head_state(head, &dirty) > 0;
	for (i = 0; i < 2; i++) {
		struct site_report *rp = &s->reports[i];
		struct report_meta meta = { NULL, 0, s->today };
		struct strbuf md = STRBUF_INIT, path = STRBUF_INIT;
		char day[CAL_DATE_SIZE];
		int year = s->school_year - (int)i;
		struct mval *v;
		if (figures_year_day(&s->r->prog, year, s->today, day) < 0)
			continue;
		if (figures_at(&rp->fig, s->facts, day) < 0)
			continue;
		rp->have = 1;
		meta.commit = s->opts->as_of ? s->opts->as_of : in_git ? head : NULL;
		meta.dirty = dirty;
		strbuf_addf(&path, "records/report/%s.md", rp->fig.label);
		strbuf_init(&rp->words, 0);
		if (source_read(s->r->src, 0, path.buf, 1 << 20, &rp->words) < 0)
			strbuf_reset(&rp->words);
		report_year_markdown(&md, s->r, s->facts, &rp->fig, &meta, rp->words.buf);
		v = mval_push(a, list, mval_map(a));
		mval_set_str(a, v, "label", rp->fig.label);
		mval_set(a, v, "id", mval_fmt(a, "%s", rp->fig.label));
		mval_set(a, v, "markdown", mval_strn(a, md.buf, md.len));
		mval_set_str(a, v, "date", rp->fig.date);
		rp->v = v;
		strbuf_release(&md);
		strbuf_release(&path);
	}
	mval_set(a, s->home, "reports", list);
}

void build_home(struct site *s, struct mval **kids, size_t nkids, struct mval **pairs,
		size_t npairs, struct mval **acts, size_t nacts)
{
	struct marena *a = s->main;
	struct mval *home = mval_map(a), *by_away = mval_set_list(a, home, "by_away");
	struct mval *by_kind = mval_set_list(a, home, "by_kind"), *recent;
	struct mval **events = xcalloc(nacts + npairs * 4 + 1, sizeof(*events));
	struct figures fig;
	size_t i, j, nev = 0;

	for (i = 0; i < nkids; i++)
		child_facts(s, kids[i]);
	for (i = 0; i < npairs; i++)
		pairing_facts(s, pairs[i]);
	for (i = 0; i < nacts; i++)
		if (!mval_get(acts[i], "private"))
			activity_facts(s, acts[i]);
	facts_finish(s->facts);
	s->home = home;
	figures_at(&fig, s->facts, s->today);
	home_values(s, home, &fig);
	class_values(s, &fig);
	for (i = 0; i < nkids; i++)
		if (mval_get(kids[i], "enrolled")->type == MV_TRUE)
			count_into(a, by_away, mval_text(mval_get(kids[i], "left_behind"), "away_label"));
	for (i = 0; i < nacts; i++) {
		if (strcmp(mval_text(acts[i], "date"), s->year_start) >= 0 && strcmp(mval_text(acts[i], "date"), s->today) <= 0)
			count_into(a, by_kind, mval_text(acts[i], "kind_label"));
		if (nev < 10)
			events[nev++] = acts[i];	/* newest first already */
	}
	figures_release(&fig);
	mval_set(a, home, "children", count(a, nkids));
	mval_set(a, home, "pairings", count(a, npairs));
	mval_set(a, home, "mentors", count(a, (size_t)s->mentors->len));
	mval_set_str(a, home, "year_start", s->year_start);
	mval_set(a, home, "kind_table", table_of(a, by_kind));
	report_pages(s);
	/* Recent: the latest activities and pairing reviews, newest first. */
	for (i = 0; i < nev; i++) {
		struct mval *e = mval_map(a);
		mval_set_str(a, e, "date", mval_text(events[i], "date"));
		mval_set_str(a, e, "id", mval_text(events[i], "id"));
		mval_set(a, e, "activity", events[i]);
		events[i] = e;
	}
	for (i = 0; i < npairs; i++) {
		const struct mval *rev = mval_get(pairs[i], "reviews");
		for (j = 0; rev && rev->type == MV_LIST && j < rev->len; j++) {
			struct mval *e = mval_map(a);
			mval_set_str(a, e, "date", mval_text(rev->u.items[j], "date"));
			mval_set(a, e, "id", mval_fmt(a, "~%s", mval_text(pairs[i], "id")));
			mval_set(a, e, "review", pairs[i]);
			events = xrealloc(events, (nev + 1) * sizeof(*events));
			events[nev++] = e;
		}
	}
	qsort(events, nev, sizeof(*events), newest_first);
	recent = mval_set_list(a, home, "recent");
	for (i = 0; i < nev && i < 10; i++)
		mval_push(a, recent, events[i]);
	free(events);
}
