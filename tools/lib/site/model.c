/*
 * The records as the values pages are made of. Each record is summarised
 * while it is checked (on the checking threads, into that thread's arena),
 * without its Markdown notes or sensitive fields; then, on one thread,
 * the summaries are linked (a pairing to its child, an activity to its
 * participants), sorted by pinyin and grouped by class, mentor and month,
 * and the programme's figures are counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/manifest.h"
#include "records/repo.h"
#include "schema/schema.h"
#include "site/site_int.h"
#include "site/values.h"
#include "report/facts.h"
#include "yaml/tree.h"
#include "util/calendar.h"
#include "records/enrolment.h"
#include "util/banned.h"

/* 16 hex digits, without printf: a county's records need 90,000. */
static struct mval *hex64(struct marena *a, uint64_t v)
{
	char buf[17];
	int i;

	for (i = 15; i >= 0; i--, v >>= 4)
		buf[i] = "0123456789abcdef"[v & 15];
	buf[16] = '\0';
	return mval_strn(a, buf, 16);
}

void model_keep(void *data, int thread, struct record *rec, const struct ynode *root)
{
	struct site *s = data;
	const struct snode *sch = schema_root(s->r->schemas[rec->kind]);
	struct marena *a;
	struct mval *v;

	if (!s->arenas[thread])
		s->arenas[thread] = marena_new();
	a = s->arenas[thread];
	v = record_to_mval(a, root, sch, 0);
	mval_set_str(a, v, "id", rec->id);
	if (rec->kind == KIND_ACTIVITY) {
		const struct mval *parts = mval_get(v, "participants");
		size_t n = parts && parts->type == MV_LIST ? parts->len : 0;
		/*
		 * Who was counselled is itself sensitive: under the staff
		 * profile such an activity keeps its date, kind and head count.
		 */
		if (privacy_hides_activity(&s->privacy, mval_text(v, "kind"))) {
			/* Its participants go only into the figures' facts. */
			report_keep(s->facts, thread, rec, root);
			v = privacy_activity_stub(a, v, rec->id);
		}
		mval_set(a, v, "count", mval_fmt(a, "%zu", n));
	}
	/* Collating and transliterating are slow: done once, and kept. */
	if (rec->kind == KIND_PAIRING) {
		const char *mentor = mval_text(mval_get(v, "mentor"), "name");
		char *slug = pinyin_slug(mentor), *key = collator_key(s->coll, mentor);
		mval_set(a, v, "mentor_pinyin", mval_str(a, slug));
		mval_set(a, v, "_sort", mval_str(a, key));
		free(slug);
		free(key);
	} else if (rec->kind == KIND_CHILD) {
		char *key = collator_key(s->coll, mval_text(v, "name"));
		privacy_trim_needs(&s->privacy, a, v);
		/* Whether the contact card is whole, not what it says. */
		mval_set_str(a, v, "_dossier", facts_dossier_whole(root) ? "1" : "0");
		mval_set(a, v, "_sort", mval_str(a, key));
		free(key);
	}
	rec->extra = v;
}

/* --- sorting ------------------------------------------------------------- */

struct keyed {
	const char *key, *id;
	struct mval *v;
};

static int cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int r = strcmp(a->key, b->key);
	return r ? r : strcmp(a->id, b->id);
}

/*
 * Sorts items by a string made for each once (a collation key, or class
 * and name together), then by id: lookups out of the comparisons.
 */
static void sort_keyed(struct mval **items, size_t n, char *(*key)(const struct mval *v, void *data),
		       void *data)
{
	struct keyed *k = xcalloc(n + 1, sizeof(*k));
	size_t i;

	for (i = 0; i < n; i++) {
		k[i].key = key(items[i], data);
		k[i].id = mval_text(items[i], "id");
		k[i].v = items[i];
	}
	qsort(k, n, sizeof(*k), cmp_keyed);
	for (i = 0; i < n; i++) {
		items[i] = k[i].v;
		free((char *)k[i].key);
	}
	free(k);
}

static char *sort_key(const struct mval *v, void *data)
{
	(void)data;
	return xstrdup(mval_text(v, "_sort"));
}

/* Newest grade first (cohort descending), then class, then name. */
static char *class_key(const struct mval *v, void *data)
{
	(void)data;
	return xstrfmt("%06d/%06d/%s", 999999 - atoi(mval_text(v, "cohort")), atoi(mval_text(v, "class")),
		       mval_text(v, "_sort"));
}

/* Records by date, newest first, then by id: for qsort. */
int newest_first(const void *x, const void *y)
{
	const struct mval *a = *(struct mval *const *)x, *b = *(struct mval *const *)y;
	int r = strcmp(mval_text(b, "date"), mval_text(a, "date"));
	return r ? r : strcmp(mval_text(a, "id"), mval_text(b, "id"));
}

static struct mval *list_of(struct marena *a, struct mval **items, size_t n)
{
	struct mval *l = mval_list(a);
	size_t i;

	for (i = 0; i < n; i++)
		mval_push(a, l, items[i]);
	return l;
}

/* --- linking ------------------------------------------------------------ */

static const char *const grade_names[] = { "一", "二", "三", "四", "五", "六" };

/*
 * The interest groups by the names programme.yaml gives them, joined with
 * "、": they are codes the programme defines, not an enum of the schema,
 * so the schema cannot label them.
 */
static void interests_text(struct site *s, struct mval *c)
{
	const struct programme *prog = &s->r->prog;
	const struct mval *list = mval_get(c, "interests");
	struct strbuf sb = STRBUF_INIT;
	size_t i, j;

	for (i = 0; list && list->type == MV_LIST && i < list->len; i++) {
		const char *code = list->u.items[i]->type == MV_STR ? list->u.items[i]->u.str : "";
		const char *label = code;
		for (j = 0; j < prog->ninterests; j++)
			if (!strcmp(prog->interests[j], code) && *prog->interest_labels[j])
				label = prog->interest_labels[j];
		strbuf_addstr(&sb, sb.len ? "、" : "");
		strbuf_addstr(&sb, label);
	}
	if (sb.len)
		mval_set(s->main, c, "interests_text", mval_strn(s->main, sb.buf, sb.len));
	strbuf_release(&sb);
}

/* What the child's summary says of its enrolment: docs/design.md, "The programme at a date". */
void child_dates_of(const struct mval *c, struct child_dates *d)
{
	const char *sd = mval_text(c, "status_date");

	memset(d, 0, sizeof(*d));
	d->cohort = atoi(mval_text(c, "cohort"));
	d->status = status_from_name(mval_text(c, "status"));
	if (cal_valid(sd))
		memcpy(d->status_date, sd, CAL_DATE_SIZE);
}

/* "三年级2班": the child's class on day. */
static void class_on(const struct site *s, const struct mval *c, const struct child_dates *d, const char *day,
		     char *buf, size_t size)
{
	int grade = child_grade_on(d, &s->r->prog, day);

	if (grade >= 1 && grade <= 6)
		snprintf(buf, size, "%s年级%s班", grade_names[grade - 1], mval_text(c, "class"));
	else
		snprintf(buf, size, "%d年级%s班", grade, mval_text(c, "class"));
}

static void child_fields(struct site *s, struct mval *c)
{
	struct marena *a = s->main;
	struct child_dates d;
	char day[CAL_DATE_SIZE], buf[96], cls[80];
	int enrolled, grade;

	child_dates_of(c, &d);
	enrolled = child_enrolled_on(&d, &s->r->prog, s->today);
	/* A child not at school today is shown in the class of its last day there, or its first. */
	memcpy(day, s->today, CAL_DATE_SIZE);
	if (!enrolled && d.status != STATUS_ENROLLED && d.status_date[0])
		cal_add_days(d.status_date, -1, day);
	else if (!enrolled)
		child_first_day(&d, &s->r->prog, day);
	grade = child_grade_on(&d, &s->r->prog, day);
	if (grade >= 1 && grade <= 6)
		snprintf(buf, sizeof(buf), "%s年级", grade_names[grade - 1]);
	else
		snprintf(buf, sizeof(buf), "%d年级", grade);
	mval_set_str(a, c, "grade", buf);
	mval_set(a, c, "grade_number", mval_fmt(a, "%d", grade));
	class_on(s, c, &d, day, cls, sizeof(cls));
	if (enrolled)
		mval_set_str(a, c, "class_name", cls);
	else if (d.status != STATUS_ENROLLED)
		mval_set(a, c, "class_name", mval_fmt(a, "%s（离校前）", cls));
	else
		mval_set(a, c, "class_name", mval_fmt(a, "%s（%s 起）", cls, day));
	mval_set(a, c, "enrolled", mval_bool(a, enrolled));
	interests_text(s, c);
	mval_set(a, c, "pairings", mval_list(a));
	mval_set(a, c, "activities", mval_list(a));
}

/* Active: running today, and its child at school today. */
static int is_active(const struct site *s, const struct mval *p, const struct mval *child)
{
	return pairing_runs_on(mval_text(p, "start"), mval_text(p, "end"), s->today) &&
	       (!child || mval_get(child, "enrolled")->type == MV_TRUE);
}

static struct mval *child_summary(const struct site *s, const char *id)
{
	const struct record *rec = repo_find(s->r, KIND_CHILD, id);
	return rec ? rec->extra : NULL;
}

static void link_pairing(struct site *s, struct mval *p)
{
	struct marena *a = s->main;
	struct mval *c = child_summary(s, mval_text(p, "child"));
	const struct mval *mentor = mval_get(p, "mentor");

	mval_set(a, p, "active", mval_bool(a, is_active(s, p, c)));
	mval_set_str(a, p, "mentor_name", mval_text(mentor, "name"));
	mval_set_str(a, p, "mentor_role", mval_text(mentor, "role_label"));
	if (!c)
		return;
	mval_set(a, p, "child_info", c);
	mval_push(a, mval_get(c, "pairings"), p);
	if (is_active(s, p, c) && !*mval_text(c, "mentor"))
		mval_set_str(a, c, "mentor", mval_text(mentor, "name"));
}

/*
 * An activity's participants, each with the class the child was in on
 * the activity's day (not today's: a child who has since moved up or
 * left is shown as the page's date saw it).
 */
static void link_activity(struct site *s, struct mval *act)
{
	struct marena *a = s->main;
	const struct mval *parts = mval_get(act, "participants");
	struct mval *info = mval_set_list(a, act, "participants_info");
	const char *day = mval_text(act, "date");
	size_t i;

	mval_set(a, act, "month", mval_fmt(a, "%.7s", day));
	for (i = 0; parts && parts->type == MV_LIST && i < parts->len; i++) {
		struct mval *c = child_summary(s, parts->u.items[i]->u.str), *p;
		struct child_dates d;
		char cls[80];
		if (!c)
			continue;
		child_dates_of(c, &d);
		p = mval_push(a, info, mval_map(a));
		mval_set(a, p, "child", c);
		mval_set(a, p, "id", mval_get(c, "id"));
		mval_set(a, p, "name", mval_get(c, "name"));
		if (child_enrolled_on(&d, &s->r->prog, day)) {
			class_on(s, c, &d, day, cls, sizeof(cls));
			mval_set_str(a, p, "class_name", cls);
		} else {
			mval_set_str(a, p, "class_name", "当天不在校");
		}
		mval_push(a, mval_get(c, "activities"), act);
	}
}

/* --- groups ---------------------------------------------------------------- */

static void build_classes(struct site *s, struct mval **kids, size_t n)
{
	struct marena *a = s->main;
	struct mval **v = xcalloc(n + 1, sizeof(*v)), *cls = NULL;
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		if (mval_get(kids[i], "enrolled")->type == MV_TRUE)
			v[m++] = kids[i];
	sort_keyed(v, m, class_key, NULL);
	s->classes = mval_list(a);
	for (i = 0; i < m; i++) {
		if (!cls || strcmp(mval_text(cls, "cohort"), mval_text(v[i], "cohort")) ||
		    strcmp(mval_text(cls, "class"), mval_text(v[i], "class"))) {
			cls = mval_push(a, s->classes, mval_map(a));
			mval_set_str(a, cls, "cohort", mval_text(v[i], "cohort"));
			mval_set_str(a, cls, "class", mval_text(v[i], "class"));
			mval_set_str(a, cls, "name", mval_text(v[i], "class_name"));
			mval_set(a, cls, "id", mval_fmt(a, "%s-%s", mval_text(v[i], "cohort"), mval_text(v[i], "class")));
			mval_set(a, cls, "children", mval_list(a));
			mval_set(a, cls, "rows", mval_get(cls, "children"));
		}
		mval_push(a, mval_get(cls, "children"), v[i]);
		mval_set(a, v[i], "class_id", mval_get(cls, "id"));
	}
	for (i = 0; i < s->classes->len; i++) {
		struct mval *k = s->classes->u.items[i];
		mval_set(a, k, "count", mval_fmt(a, "%zu", (size_t)mval_get(k, "children")->len));
	}
	free(v);
}

static int by_slug(const void *x, const void *y)
{
	const struct mval *a = *(struct mval *const *)x, *b = *(struct mval *const *)y;
	int r = strcmp(mval_text(a, "slug"), mval_text(b, "slug"));
	return r ? r : strcmp(mval_text(a, "order"), mval_text(b, "order"));
}

/* Does any of the n mentors have this page name already? */
static int slug_taken(struct mval **v, size_t n, const char *slug)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(mval_text(v[i], "slug"), slug))
			return 1;
	return 0;
}

/*
 * Mentor pages are named by pinyin, which different names can share
 * (白林, 柏林): the second and later in name order get -2, -3...
 */
static void unique_slugs(struct site *s)
{
	size_t i, n = s->mentors->len, run = 1;
	struct mval **v = xcalloc(n + 1, sizeof(*v));

	for (i = 0; i < n; i++)
		v[i] = s->mentors->u.items[i];
	/* Equal slugs are numbered in name order, which v[] starts in. */
	for (i = 0; i < n; i++)
		mval_set(s->main, v[i], "order", mval_fmt(s->main, "%08zu", i));
	qsort(v, n, sizeof(*v), by_slug);
	for (i = 1; i < n; i++) {
		const char *base = mval_text(v[i - run], "slug");
		struct mval *slug;
		if (strcmp(mval_text(v[i], "slug"), base)) {
			run = 1;
			continue;
		}
		/* "wang-li-2" may be taken already, by 王丽（2）. */
		do
			slug = mval_fmt(s->main, "%s-%zu", base, ++run);
		while (slug_taken(v, n, slug->u.str));
		mval_set(s->main, v[i], "slug", slug);
	}
	free(v);
}

static void build_mentors(struct site *s, struct mval **pairs, size_t n)
{
	struct marena *a = s->main;
	struct mval *m = NULL;
	size_t i;

	sort_keyed(pairs, n, sort_key, NULL);
	s->mentors = mval_list(a);
	for (i = 0; i < n; i++) {
		const char *name = mval_text(pairs[i], "mentor_name");
		if (!m || strcmp(mval_text(m, "name"), name)) {
			m = mval_push(a, s->mentors, mval_map(a));
			mval_set_str(a, m, "name", name);
			mval_set(a, m, "slug", mval_get(pairs[i], "mentor_pinyin") ?
						  mval_get(pairs[i], "mentor_pinyin") : mval_str(a, "x"));
			mval_set(a, m, "pairings", mval_list(a));
			mval_set(a, m, "active_count", mval_str(a, "0"));
		}
		mval_push(a, mval_get(m, "pairings"), pairs[i]);
		mval_set_str(a, m, "role_label", mval_text(pairs[i], "mentor_role"));
		if (mval_get(pairs[i], "active")->type == MV_TRUE)
			mval_set(a, m, "active_count", mval_fmt(a, "%d", atoi(mval_text(m, "active_count")) + 1));
	}
	unique_slugs(s);
	for (i = 0; i < s->mentors->len; i++) {
		struct mval *k = s->mentors->u.items[i];
		const struct mval *ps = mval_get(k, "pairings");
		size_t j;
		mval_set(a, k, "count", mval_fmt(a, "%zu", (size_t)ps->len));
		for (j = 0; j < ps->len; j++)
			mval_set(a, ps->u.items[j], "mentor_slug", mval_get(k, "slug"));
	}
}

static void build_months(struct site *s, struct mval **acts, size_t n)
{
	struct marena *a = s->main;
	struct mval *m = NULL;
	size_t i;

	qsort(acts, n, sizeof(*acts), newest_first);
	s->months = mval_list(a);
	for (i = 0; i < n; i++) {
		const char *month = mval_text(acts[i], "month");
		if (!m || strcmp(mval_text(m, "month"), month)) {
			m = mval_push(a, s->months, mval_map(a));
			mval_set_str(a, m, "month", month);
			mval_set(a, m, "label", mval_fmt(a, "%.4s年%d月", month, atoi(month + 5)));
			mval_set(a, m, "activities", mval_list(a));
		}
		mval_push(a, mval_get(m, "activities"), acts[i]);
	}
	for (i = 0; i < s->months->len; i++) {
		struct mval *k = s->months->u.items[i];
		mval_set(a, k, "count", mval_fmt(a, "%zu", (size_t)mval_get(k, "activities")->len));
	}
}

/*
 * What a page showing this record takes from it: its file's stamp, and
 * what it got from others (mentor, class, whether a pairing is active).
 * Kept as "_fp", so page fingerprints read one value per record.
 */
static void record_fingerprint(struct site *s, struct mval *v)
{
	/* "id": a private activity's changes with the site's key. */
	static const char *const keys[] = { "_stamp", "id", "active", "mentor", "mentor_slug",
					    "class_name", "class_id", "grade", "_hist", NULL };
	const char *const *k;
	uint64_t h = HASH_SEED;

	for (k = keys; *k; k++) {
		const struct mval *x = mval_get(v, *k);
		const char *t = x && x->type == MV_STR ? x->u.str : x && x->type == MV_TRUE ? "1" : "0";
		h = hash_bytes(h, t, strlen(t) + 1);
	}
	mval_set(s->main, v, "_fp", hex64(s->main, h));
}

/* --- all together ---------------------------------------------------------- */

static void common_values(struct site *s)
{
	struct marena *a = s->main;
	const struct ynode *prog = ydoc_root(s->r->prog.doc);
	const struct snode *profile_s = snode_property(
		snode_property(schema_root(s->r->programme_schema), "site"), "profile");
	struct mval *site = mval_set_map(a, s->common = mval_map(a), "site");
	struct mval *L = mval_set_map(a, s->common, "L");
	const char *title = ynode_text(ynode_get(ynode_get(prog, "site"), "title"));
	const char *profile = s->full ? "full" : "staff";

	mval_set_str(a, site, "title", title ? title : s->r->prog.school);
	mval_set_str(a, site, "school", s->r->prog.school);
	mval_set_str(a, site, "profile", profile);
	mval_set_str(a, site, "profile_label",
		     snode_label(profile_s, profile) ? snode_label(profile_s, profile) : profile);
	mval_set(a, site, "full", mval_bool(a, s->full));
	mval_set_str(a, site, "today", s->today);
	mval_set(a, site, "school_year", mval_fmt(a, "%d—%d", s->school_year, s->school_year + 1));
	mval_set(a, L, "child", schema_titles(a, schema_root(s->r->schemas[KIND_CHILD])));
	mval_set(a, L, "pairing", schema_titles(a, schema_root(s->r->schemas[KIND_PAIRING])));
	mval_set(a, L, "activity", schema_titles(a, schema_root(s->r->schemas[KIND_ACTIVITY])));
}

/*
 * Under the staff profile a private activity's page is not named by its
 * file, which may name a child, but by its id hashed under the site's
 * key, kept beside the site so that the name stays from render to render.
 * Should the key be neither readable nor writable there, this render
 * names them under a key of its own: other names next time, but no names
 * of children.
 */
static void private_page_id(struct site *s, struct mval *act, const char *id)
{
	if (!s->have_key) {
		char *path = site_beside(s->opts->out, ".care-key");
		if (site_key_load(&s->key, path) < 0)
			site_key_random(&s->key);
		s->have_key = 1;
		free(path);
	}
	mval_set(s->main, act, "id", privacy_activity_page_id(s->main, &s->key, id));
}

static void add_page(struct site *s, enum page_kind kind, const struct mval *v, size_t rec)
{
	s->pages = xrealloc(s->pages, (s->npages + 1) * sizeof(*s->pages));
	s->pages[s->npages].kind = kind;
	s->pages[s->npages].v = v;
	s->pages[s->npages++].rec = rec;
}

void model_build(struct site *s)
{
	struct repo *r = s->r;
	struct mval **kids = xcalloc(r->nr + 1, sizeof(*kids));
	struct mval **pairs = xcalloc(r->nr + 1, sizeof(*pairs));
	struct mval **acts = xcalloc(r->nr + 1, sizeof(*acts));
	size_t i, nk = 0, np = 0, na = 0;
	struct cal_md start = { r->prog.year_month, r->prog.year_day };

	/*
	 * Should the start be no month-day (a programme the check rejects) or
	 * the school year begin before 1900, the calendar year stands in.
	 */
	s->school_year = atoi(s->today);
	memcpy(s->year_start, s->today, 5);
	memcpy(s->year_start + 5, "01-01", 6);
	cal_school_year(s->today, start, &s->school_year, s->year_start);
	common_values(s);
	for (i = 0; i < r->nr; i++) {
		struct mval *v = r->recs[i].extra;
		if (!v)
			continue;
		/* What a page's fingerprint takes from this record. */
		mval_set(s->main, v, "_stamp", hex64(s->main, r->recs[i].stamp));
		if (r->recs[i].kind == KIND_CHILD) {
			child_fields(s, v);
			mval_set(s->main, v, "_index", mval_fmt(s->main, "%zu", i));
			kids[nk++] = v;
		} else if (r->recs[i].kind == KIND_PAIRING) {
			pairs[np++] = v;
		} else {
			if (mval_get(v, "private"))
				private_page_id(s, v, r->recs[i].id);
			acts[na++] = v;
		}
	}
	for (i = 0; i < np; i++)
		link_pairing(s, pairs[i]);
	for (i = 0; i < na; i++)
		if (!mval_get(acts[i], "private"))
			link_activity(s, acts[i]);
		else
			mval_set(s->main, acts[i], "month", mval_fmt(s->main, "%.7s", mval_text(acts[i], "date")));
	sort_keyed(kids, nk, sort_key, NULL);
	s->children = list_of(s->main, kids, nk);
	build_classes(s, kids, nk);
	build_mentors(s, pairs, np);
	build_months(s, acts, na);
	build_home(s, kids, nk, pairs, np, acts, na);
	site_history(s, kids, nk);
	for (i = 0; i < r->nr; i++)
		if (r->recs[i].extra)
			record_fingerprint(s, r->recs[i].extra);

	add_page(s, PAGE_HOME, NULL, 0);
	add_page(s, PAGE_ROSTER, NULL, 0);
	add_page(s, PAGE_MENTORS, NULL, 0);
	add_page(s, PAGE_MONTHS, NULL, 0);
	for (i = 0; i < 2; i++)
		if (s->reports[i].v)
			add_page(s, PAGE_REPORT, s->reports[i].v, i);
	for (i = 0; i < s->classes->len; i++)
		add_page(s, PAGE_CLASS, s->classes->u.items[i], 0);
	for (i = 0; i < s->mentors->len; i++)
		add_page(s, PAGE_MENTOR, s->mentors->u.items[i], 0);
	for (i = 0; i < r->nr; i++) {
		const struct mval *v = r->recs[i].extra;
		if (v)
			add_page(s, r->recs[i].kind == KIND_CHILD ? PAGE_CHILD :
				    r->recs[i].kind == KIND_PAIRING ? PAGE_PAIRING : PAGE_ACTIVITY, v, i);
	}
	free(kids);
	free(pairs);
	free(acts);
}
