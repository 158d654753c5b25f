/*
 * The values of each page. Pages of one record read that record again,
 * for what the summaries leave out: Markdown notes, plans and reviews, and
 * the contact card under the full profile. Nothing sensitive reaches a
 * page under the staff profile, because record_to_mval() never hands it
 * over without TOMVAL_SENSITIVE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/manifest.h"
#include "records/repo.h"
#include "schema/schema.h"
#include "site/site_int.h"
#include "site/values.h"
#include "yaml/tree.h"
#include "util/banned.h"

const char *page_template(enum page_kind kind)
{
	static const char *const names[] = {
		[PAGE_HOME] = "index", [PAGE_ROSTER] = "roster", [PAGE_CLASS] = "class",
		[PAGE_CHILD] = "child", [PAGE_PAIRING] = "pairing", [PAGE_ACTIVITY] = "activity",
		[PAGE_MENTORS] = "mentors", [PAGE_MENTOR] = "mentor", [PAGE_MONTHS] = "activities",
		[PAGE_REPORT] = "report",
	};
	return names[kind];
}

char *page_name(const struct page *p)
{
	switch (p->kind) {
	case PAGE_CLASS:
		return xstrfmt("class-%s", mval_text(p->v, "id"));
	case PAGE_MENTOR:
		return xstrfmt("mentor-%s", mval_text(p->v, "slug"));
	case PAGE_REPORT:
		return xstrfmt("report-%s", mval_text(p->v, "id"));
	case PAGE_CHILD:
	case PAGE_PAIRING:
	case PAGE_ACTIVITY:
		/* A private activity's "id" is its page id by now (model.c), never its file's. */
		return xstrfmt("%s-%s", page_template(p->kind), mval_text(p->v, "id"));
	default:
		return xstrdup(page_template(p->kind));
	}
}

/* The record at index i read again from its source, as values with its notes. */
static struct mval *reread(const struct site *s, size_t i, struct marena *a, int thread)
{
	const struct record *rec = &s->r->recs[i];
	struct strbuf sb = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	struct mval *v = NULL;
	int read = source_read(s->r->src, thread, rec->path, YDOC_MAX_SIZE, &sb);

	if (read == 0 &&
	    ydoc_parse(&doc, sb.buf, sb.len, rec->path, &dl) == 0)
		v = record_to_mval(a, ydoc_root(doc), schema_root(s->r->schemas[rec->kind]),
				   TOMVAL_MARKDOWN | privacy_value_flags(&s->privacy));
	ydoc_free(doc);
	diag_list_release(&dl);
	strbuf_release(&sb);
	return v;
}

static size_t rec_index(const struct site *s, enum kind kind, const char *id)
{
	const struct record *rec = repo_find(s->r, kind, id);
	return rec ? (size_t)(rec - s->r->recs) : (size_t)-1;
}

/* Copies the summary's derived keys (grade, links...) into the full values. */
static void take(struct marena *a, struct mval *to, const struct mval *from, const char *const *keys)
{
	for (; *keys; keys++) {
		struct mval *v = mval_get(from, *keys);
		if (v)
			mval_set(a, to, *keys, v);
	}
}

/* Groups a child's activities by kind and by month, for its page. */
static void activity_groups(struct marena *a, struct mval *child, const struct mval *acts)
{
	struct mval *kinds = mval_set_list(a, child, "activities_by_kind");
	struct mval *months = mval_set_list(a, child, "activities_by_month");
	size_t i, j;

	for (i = 0; acts && i < acts->len; i++) {
		const struct mval *act = acts->u.items[i];
		struct mval *g = NULL;
		for (j = 0; j < kinds->len && !g; j++)
			if (!strcmp(mval_text(kinds->u.items[j], "label"), mval_text(act, "kind_label")))
				g = kinds->u.items[j];
		if (!g) {
			g = mval_push(a, kinds, mval_map(a));
			mval_set_str(a, g, "label", mval_text(act, "kind_label"));
			mval_set_str(a, g, "count", "0");
		}
		mval_set(a, g, "count", mval_fmt(a, "%d", atoi(mval_text(g, "count")) + 1));
		g = NULL;
		for (j = 0; j < months->len && !g; j++)
			if (!strcmp(mval_text(months->u.items[j], "month"), mval_text(act, "month")))
				g = months->u.items[j];
		if (!g) {
			g = mval_push(a, months, mval_map(a));
			mval_set_str(a, g, "month", mval_text(act, "month"));
			mval_set(a, g, "activities", mval_list(a));
		}
		mval_push(a, mval_get(g, "activities"), (struct mval *)act);
	}
}

static struct mval *child_values(const struct site *s, const struct page *p, struct marena *a,
				 int thread)
{
	static const char *const derived[] = { "id", "grade", "grade_number", "class_name", "class_id",
					       "mentor", "enrolled", "history", "created_on", "created_by",
					       "changed_on", "changed_by", "stale", "stale_days", "timeline",
					       "interests_text", NULL };
	struct mval *c = reread(s, p->rec, a, thread), *pairings, *acts;
	const struct mval *sp = mval_get(p->v, "pairings"), *sa = mval_get(p->v, "activities");
	size_t i;

	if (!c)
		return NULL;
	privacy_trim_needs(&s->privacy, a, c);
	take(a, c, p->v, derived);
	pairings = mval_set_list(a, c, "pairings");
	for (i = 0; sp && i < sp->len; i++) {
		size_t at = rec_index(s, KIND_PAIRING, mval_text(sp->u.items[i], "id"));
		struct mval *full = at == (size_t)-1 ? NULL : reread(s, at, a, thread);
		if (!full)
			continue;
		mval_set_str(a, full, "id", mval_text(sp->u.items[i], "id"));
		take(a, full, sp->u.items[i], (const char *const[]){ "active", "mentor_slug", NULL });
		mval_push(a, pairings, full);
	}
	acts = mval_set_list(a, c, "activities");
	for (i = 0; sa && i < sa->len; i++)
		mval_push(a, acts, sa->u.items[i]);
	if (acts->len)
		qsort(acts->u.items, acts->len, sizeof(*acts->u.items), newest_first);
	mval_set(a, c, "activity_table", table_of(a, acts));
	activity_groups(a, c, acts);
	return c;
}

static struct mval *enrolled_or_not(const struct site *s, struct marena *a, int enrolled)
{
	struct mval *l = mval_list(a);
	size_t i;

	for (i = 0; i < s->children->len; i++) {
		struct mval *c = s->children->u.items[i];
		if ((mval_get(c, "enrolled")->type == MV_TRUE) == enrolled)
			mval_push(a, l, c);
	}
	return l;
}

struct mval *page_values(const struct site *s, const struct page *p, struct marena *a,
			 int thread)
{
	struct mval *ctx = mval_map(a), *v = NULL;
	const char *title = mval_text(mval_get(s->common, "site"), "title");

	mval_set(a, ctx, "site", mval_get(s->common, "site"));
	mval_set(a, ctx, "L", mval_get(s->common, "L"));
	switch (p->kind) {
	case PAGE_HOME:
		mval_set(a, ctx, "home", s->home);
		mval_set(a, ctx, "classes", s->classes);
		title = "首页";
		break;
	case PAGE_ROSTER:
		mval_set(a, ctx, "roster", table_of(a, enrolled_or_not(s, a, 1)));
		mval_set(a, ctx, "left", table_of(a, enrolled_or_not(s, a, 0)));
		mval_set(a, ctx, "classes", s->classes);
		title = "花名册";
		break;
	case PAGE_CLASS:
		mval_set(a, ctx, "class", (struct mval *)p->v);
		title = mval_text(p->v, "name");
		break;
	case PAGE_MENTORS:
		mval_set(a, ctx, "mentors", s->mentors);
		title = "帮扶人";
		break;
	case PAGE_MENTOR:
		mval_set(a, ctx, "mentor", (struct mval *)p->v);
		title = mval_text(p->v, "name");
		break;
	case PAGE_MONTHS:
		mval_set(a, ctx, "months", s->months);
		title = "活动记录";
		break;
	case PAGE_REPORT:
		mval_set(a, ctx, "report", (struct mval *)p->v);
		title = "年度工作报告";
		break;
	case PAGE_CHILD:
		if (!(v = child_values(s, p, a, thread)))
			return NULL;
		mval_set(a, ctx, "child", v);
		title = mval_text(v, "name");
		break;
	case PAGE_PAIRING:
		if (!(v = reread(s, p->rec, a, thread)))
			return NULL;
		take(a, v, p->v, (const char *const[]){ "id", "child_info", "active", "mentor_slug", NULL });
		mval_set(a, ctx, "pairing", v);
		title = mval_text(mval_get(p->v, "child_info"), "name");
		break;
	case PAGE_ACTIVITY:
		if (mval_get(p->v, "private")) {
			v = (struct mval *)p->v;
		} else {
			if (!(v = reread(s, p->rec, a, thread)))
				return NULL;
			take(a, v, p->v, (const char *const[]){ "id", "participants_info", "count", NULL });
		}
		mval_set(a, ctx, "activity", v);
		title = *mval_text(v, "title") ? mval_text(v, "title") : mval_text(v, "kind_label");
		break;
	}
	mval_set_str(a, ctx, "page_title", title);
	return ctx;
}

/* --- fingerprints -------------------------------------------------------- */

static uint64_t fold(uint64_t h, const char *s)
{
	return hash_bytes(h, s, strlen(s) + 1);
}

/* A record as pages show it: see record_fingerprint() in model.c. */
static uint64_t fold_rec(uint64_t h, const struct mval *v)
{
	return fold(h, mval_text(v, "_fp"));
}

static uint64_t fold_list(uint64_t h, const struct mval *l, const char *inner)
{
	size_t i;

	for (i = 0; l && l->type == MV_LIST && i < l->len; i++) {
		h = fold_rec(h, l->u.items[i]);
		if (inner)
			h = fold_rec(h, mval_get(l->u.items[i], inner));
	}
	return h;
}

uint64_t page_fingerprint(const struct site *s, const struct page *p, const char *name)
{
	const struct mval *site = mval_get(s->common, "site");
	uint64_t h = HASH_SEED;
	size_t i;

	h = fold(h, name);
	h = fold(h, mval_text(site, "school_year"));
	switch (p->kind) {
	case PAGE_REPORT:
	case PAGE_HOME:
	case PAGE_CLASS:
		/* Figures count everything, as of today (a report, as of its last day), and a report adds the school's words. */
		if (p->kind == PAGE_REPORT)
			h = fold(fold(h, mval_text(p->v, "markdown")), mval_text(p->v, "date"));
		else if (p->kind == PAGE_CLASS)
			h = fold(fold_list(h, mval_get(p->v, "children"), NULL), s->today);
		else
			h = fold(h, s->today);
		for (i = 0; i < s->r->nr; i++)
			if (s->r->recs[i].extra)
				h = fold_rec(h, s->r->recs[i].extra);
		break;
	case PAGE_ROSTER:
		h = fold_list(h, s->children, NULL);
		break;
	case PAGE_MENTORS:
		for (i = 0; i < s->mentors->len; i++)
			h = fold_list(fold(h, mval_text(s->mentors->u.items[i], "slug")),
				      mval_get(s->mentors->u.items[i], "pairings"), NULL);
		break;
	case PAGE_MENTOR:
		h = fold_list(h, mval_get(p->v, "pairings"), "child_info");
		break;
	case PAGE_MONTHS:
		for (i = 0; i < s->months->len; i++)
			h = fold_list(h, mval_get(s->months->u.items[i], "activities"), NULL);
		break;
	case PAGE_CHILD:
		h = fold_rec(h, p->v);
		h = fold_list(h, mval_get(p->v, "pairings"), NULL);
		h = fold_list(h, mval_get(p->v, "activities"), NULL);
		break;
	case PAGE_PAIRING:
		h = fold_rec(fold_rec(h, p->v), mval_get(p->v, "child_info"));
		break;
	case PAGE_ACTIVITY:
		h = fold_list(fold_rec(h, p->v), mval_get(p->v, "participants_info"), "child");
		break;
	}
	return h;
}
