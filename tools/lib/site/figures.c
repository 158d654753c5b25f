/*
 * The programme's figures on the home page: how many children, how many
 * paired, the "five ones" contact rules met in the current period, and
 * activities by kind and month. A new figure goes here (or, for the
 * yearly report, in a report floor of its own).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/repo.h"
#include "schema/schema.h"
#include "site/site_int.h"
#include "util/calendar.h"
#include "yaml/tree.h"
#include "util/banned.h"

/* --- dates ------------------------------------------------------------- */

/* The first day of the period a contact rule counts in. */
static void period_start(const struct site *s, const char *every, char out[11])
{
	struct cal_md terms[2] = { { s->r->prog.year_month, s->r->prog.year_day }, { 2, 1 } };
	/*
	 * The spring term starts on 1 February (README.md) when that falls in
	 * the school year's second calendar year; a school year starting by
	 * then has the one term.
	 */
	size_t nterms = terms[0].month > 2 || (terms[0].month == 2 && terms[0].day > 1) ? 2 : 1;

	/* Where the calendar has no answer, the school year is the period. */
	memcpy(out, s->year_start, 11);
	if (!strcmp(every, "week"))
		cal_week_monday(s->today, out);
	else if (!strcmp(every, "month"))
		cal_month_first(s->today, out);
	else if (!strcmp(every, "term"))
		cal_term(s->today, terms[0], terms, nterms, NULL, out);
}

/* --- figures ------------------------------------------------------------- */

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

static struct mval *percent(struct marena *a, size_t part, size_t whole)
{
	return mval_fmt(a, "%zu", whole ? (part * 100 + whole / 2) / whole : 0);
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

static void contact_figures(struct site *s, struct mval *home, struct mval **acts, size_t nacts,
			    size_t enrolled)
{
	struct marena *a = s->main;
	const struct ynode *rules = ynode_get(ydoc_root(s->r->prog.doc), "contact_rules");
	const struct snode *kind_s = snode_property(schema_root(s->r->schemas[KIND_ACTIVITY]), "kind");
	const struct snode *rule_s =
		snode_items(snode_property(schema_root(s->r->programme_schema), "contact_rules"));
	const struct snode *every_s = snode_property(rule_s, "every");
	const struct snode *with_s = snode_property(rule_s, "with");
	struct mval *out = mval_set_list(a, home, "contact_rules");
	char *seen = xcalloc(s->r->nr + 1, 1);
	size_t i, j, k;

	for (i = 0; rules && rules->type == YNODE_SEQ && i < rules->len; i++) {
		const char *kind = ynode_text(ynode_get(rules->u.kids[i], "kind"));
		const char *every = ynode_text(ynode_get(rules->u.kids[i], "every"));
		/* {kind: parent_contact, with: head_teacher}: only contacts with them. */
		const char *with = ynode_text(ynode_get(rules->u.kids[i], "with"));
		const char *label;
		char from[11];
		size_t covered = 0;
		struct mval *row;
		if (!kind || !every)
			continue;
		period_start(s, every, from);
		memset(seen, 0, s->r->nr);
		for (j = 0; j < nacts; j++) {
			const struct mval *parts = mval_get(acts[j], "participants");
			if (strcmp(mval_text(acts[j], "kind"), kind) || strcmp(mval_text(acts[j], "date"), from) < 0 ||
			    strcmp(mval_text(acts[j], "date"), s->today) > 0 || !parts ||
			    (with && strcmp(mval_text(acts[j], "with"), with)))
				continue;
			for (k = 0; k < parts->len; k++) {
				const struct record *c = repo_find(s->r, KIND_CHILD, parts->u.items[k]->u.str);
				const struct mval *cv = c ? c->extra : NULL;
				size_t at = c ? (size_t)(c - s->r->recs) : 0;
				if (!cv || seen[at] || mval_get(cv, "enrolled")->type != MV_TRUE)
					continue;
				seen[at] = 1;
				covered++;
			}
		}
		row = mval_push(a, out, mval_map(a));
		label = snode_label(kind_s, kind) ? snode_label(kind_s, kind) : kind;
		if (with)
			mval_set(a, row, "kind_label", mval_fmt(a, "%s（%s）", label,
				 snode_label(with_s, with) ? snode_label(with_s, with) : with));
		else
			mval_set_str(a, row, "kind_label", label);
		mval_set_str(a, row, "every_label", snode_label(every_s, every) ? snode_label(every_s, every) : every);
		mval_set_str(a, row, "since", from);
		mval_set(a, row, "covered", mval_fmt(a, "%zu", covered));
		mval_set(a, row, "percent", percent(a, covered, enrolled));
	}
	free(seen);
}

void build_home(struct site *s, struct mval **kids, size_t nkids, struct mval **pairs,
		       size_t npairs, struct mval **acts, size_t nacts)
{
	struct marena *a = s->main;
	struct mval *home = mval_map(a), *by_away = mval_set_list(a, home, "by_away");
	struct mval *by_kind = mval_set_list(a, home, "by_kind"), *recent;
	struct mval **events = xcalloc(nacts + npairs * 4 + 1, sizeof(*events));
	size_t i, j, enrolled = 0, paired = 0, year_acts = 0, nev = 0;

	for (i = 0; i < nkids; i++) {
		if (mval_get(kids[i], "enrolled")->type != MV_TRUE)
			continue;
		enrolled++;
		paired += *mval_text(kids[i], "mentor") != '\0';
		count_into(a, by_away, mval_text(mval_get(kids[i], "left_behind"), "away_label"));
	}
	for (i = 0; i < nacts; i++) {
		if (strcmp(mval_text(acts[i], "date"), s->year_start) >= 0) {
			year_acts++;
			count_into(a, by_kind, mval_text(acts[i], "kind_label"));
		}
		if (nev < 10)
			events[nev++] = acts[i];	/* newest first already */
	}
	mval_set(a, home, "enrolled", mval_fmt(a, "%zu", enrolled));
	mval_set(a, home, "children", mval_fmt(a, "%zu", nkids));
	mval_set(a, home, "paired", mval_fmt(a, "%zu", paired));
	mval_set(a, home, "paired_percent", percent(a, paired, enrolled));
	mval_set(a, home, "pairings", mval_fmt(a, "%zu", npairs));
	mval_set(a, home, "mentors", mval_fmt(a, "%zu", (size_t)s->mentors->len));
	mval_set(a, home, "year_activities", mval_fmt(a, "%zu", year_acts));
	mval_set_str(a, home, "year_start", s->year_start);
	contact_figures(s, home, acts, nacts, enrolled);
	mval_set(a, home, "contact_table", table_of(a, mval_get(home, "contact_rules")));
	mval_set(a, home, "kind_table", table_of(a, by_kind));
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
	s->home = home;
}

