/*
 * Checks within one record that need more than its schema, and checks
 * between records. They run only on values the schema accepted, so a
 * malformed date is reported once, by the schema, not again here.
 */
#include "records/rules.h"

#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "util/calendar.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "yaml/valuepos.h"
#include "util/banned.h"

static const char *date_of(const struct ynode *n)
{
	const char *t = ynode_text(n);
	return t && cal_valid(t) ? t : NULL;
}

static void error_at(struct record *rec, const struct ynode *at, const char *rule,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void error_at(struct record *rec, const struct ynode *at, const char *rule,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(&rec->diags, rec->path, at->line, at->col, DIAG_ERROR, rule, fmt, ap);
	va_end(ap);
}

static void not_in_future(const struct rules_ctx *r, struct record *rec, const struct ynode *n,
			  const char *what)
{
	const char *d = date_of(n);

	if (d && strcmp(d, r->today) > 0)
		error_at(rec, n, "future-date", _("%s %s is in the future (today is %s); check the year and month"),
			 what, d, r->today);
}

/*
 * An enrolled child outside grades 1-6 today: a graduation not yet
 * recorded (the child drops off every class list), or a cohort mistyped.
 */
static void grade_today(const struct rules_ctx *r, struct record *rec, const struct ynode *cohort)
{
	int grade;
	char first[CAL_DATE_SIZE];

	if (!rec->enrolled || !rec->dates.cohort || !cohort)
		return;
	grade = child_grade_on(&rec->dates, r->prog, r->today);
	if (grade > 6)
		diag_add(&rec->diags, rec->path, cohort->line, cohort->col, DIAG_WARNING, "grade-range",
			 _("with 'cohort: %d' this child would be in grade %d today, but primary school ends with grade 6; if the child has finished primary school, set 'status: graduated' and 'status_date' (the day the child left), otherwise correct the cohort (the year the child started grade 1)"),
			 rec->dates.cohort, grade);
	else if (grade < 1 && programme_year_first(r->prog, rec->dates.cohort, first) == 0)
		diag_add(&rec->diags, rec->path, cohort->line, cohort->col, DIAG_WARNING, "grade-range",
			 _("with 'cohort: %d' this child starts grade 1 only on %s, so no page or figure counts the child before then; 'cohort' is the year the child started grade 1: correct it"),
			 rec->dates.cohort, first);
}

static void child_rules(const struct rules_ctx *r, struct record *rec, const struct ynode *root)
{
	const struct ynode *status = ynode_get(root, "status");
	const struct ynode *interests = ynode_get(root, "interests");
	size_t i, j;

	/*
	 * A misspelt status was reported by the schema; asking for a status
	 * date as well would send the teacher after the wrong fix.
	 */
	rec->enrolled = !ynode_text(status) || !strcmp(ynode_text(status), "enrolled") ||
			!snode_enum_has(r->child_status, ynode_text(status));
	rec->dates.status = rec->enrolled ? STATUS_ENROLLED : status_from_name(ynode_text(status));
	rec->dates.cohort = ynode_text(ynode_get(root, "cohort")) ? atoi(ynode_text(ynode_get(root, "cohort"))) : 0;
	if (date_of(ynode_get(root, "status_date")))
		memcpy(rec->dates.status_date, date_of(ynode_get(root, "status_date")), 11);
	grade_today(r, rec, ynode_get(root, "cohort"));
	if (ynode_text(ynode_get(root, "name")))
		rec->name = xstrdup(ynode_text(ynode_get(root, "name")));
	if (date_of(ynode_get(root, "birth_date")))
		memcpy(rec->birth, date_of(ynode_get(root, "birth_date")), 11);
	if (!rec->enrolled && !ynode_get(root, "status_date"))
		error_at(rec, status, "status-date", _("a child who is no longer enrolled needs 'status_date': add the date the status changed, such as 'status_date: 2025-07-10'"));
	not_in_future(r, rec, ynode_get(root, "birth_date"), _("the birth date"));
	not_in_future(r, rec, ynode_get(root, "status_date"), _("the status date"));
	if (!interests || interests->type != YNODE_SEQ)
		return;
	for (i = 0; i < interests->len; i++) {
		const char *t = ynode_text(interests->u.kids[i]);
		struct strbuf all = STRBUF_INIT;
		if (!t)
			continue;
		for (j = 0; j < r->prog->ninterests && strcmp(r->prog->interests[j], t); j++)
			;
		if (j < r->prog->ninterests)
			continue;
		for (j = 0; j < r->prog->ninterests; j++)
			strbuf_addf(&all, "%s%s (%s)", j ? ", " : "", r->prog->interests[j],
				    r->prog->interest_labels[j]);
		error_at(rec, interests->u.kids[i], "unknown-interest",
			 _("'%s' is not an interest group of programme.yaml; use one of: %s"), t,
			 all.len ? all.buf : "-");
		strbuf_release(&all);
	}
}

static void pairing_rules(const struct rules_ctx *r, struct record *rec, const struct ynode *root)
{
	const struct ynode *end = ynode_get(root, "end");
	const struct ynode *reviews = ynode_get(root, "reviews");
	const char *s = date_of(ynode_get(root, "start")), *e = date_of(end), *prev = NULL;
	int prev_line = 0;
	size_t i;

	if (ynode_text(ynode_get(root, "child")))
		rec->child = xstrdup(ynode_text(ynode_get(root, "child")));
	if (s)
		memcpy(rec->start, s, 11);
	if (e) {
		memcpy(rec->end, e, 11);
		rec->end_line = end->line;
		rec->end_col = end->col;
	}
	if (s && e && strcmp(e, s) < 0)
		error_at(rec, end, "date-order", _("the pairing ends (%s) before it starts (%s); correct one of the two dates"),
			 e, s);
	if (!reviews || reviews->type != YNODE_SEQ)
		return;
	for (i = 0; i < reviews->len; i++) {
		const struct ynode *dn = ynode_get(reviews->u.kids[i], "date");
		const char *d = date_of(dn);
		if (!d)
			continue;
		if (s && strcmp(d, s) < 0)
			error_at(rec, dn, "review-date", _("this review (%s) is dated before the pairing starts (%s)"),
				 d, s);
		else if (e && strcmp(d, e) > 0)
			error_at(rec, dn, "review-date", _("this review (%s) is dated after the pairing ends (%s)"),
				 d, e);
		else if (prev && strcmp(d, prev) < 0)
			error_at(rec, dn, "review-order", _("reviews must be in date order, but %s comes after %s (line %d); move this review up"),
				 d, prev, prev_line);
		not_in_future(r, rec, dn, _("the review date"));
		prev = d;
		prev_line = dn->line;
	}
}

static void activity_rules(const struct rules_ctx *r, struct record *rec, const struct ynode *root)
{
	const struct ynode *p = ynode_get(root, "participants");
	const struct ynode *with = ynode_get(root, "with");
	const char *kind = ynode_text(ynode_get(root, "kind"));
	size_t i, j;

	not_in_future(r, rec, ynode_get(root, "date"), _("the activity date"));
	if (date_of(ynode_get(root, "date")))
		memcpy(rec->date, date_of(ynode_get(root, "date")), 11);
	/* Who the parents spoke with means something only for a parent contact. */
	if (with && kind && strcmp(kind, "parent_contact"))
		error_at(rec, with, "with-kind", "%s",
			 _("'with' says whom the parents contacted, so it belongs only to a parent_contact activity; delete it, or set 'kind: parent_contact'"));
	if (!p || p->type != YNODE_SEQ)
		return;
	for (i = 1; i < p->len; i++)
		for (j = 0; j < i; j++)
			if (ynode_text(p->u.kids[i]) && ynode_text(p->u.kids[j]) &&
			    !strcmp(ynode_text(p->u.kids[i]), ynode_text(p->u.kids[j]))) {
				error_at(rec, p->u.kids[i], "duplicate-participant",
					 _("'%s' is listed twice among the participants (also on line %d); delete one"),
					 ynode_text(p->u.kids[i]), p->u.kids[j]->line);
				break;
			}
}

void rules_record(const struct rules_ctx *r, struct record *rec, const struct ynode *root)
{
	if (rec->kind == KIND_CHILD)
		child_rules(r, rec, root);
	else if (rec->kind == KIND_PAIRING)
		pairing_rules(r, rec, root);
	else
		activity_rules(r, rec, root);
}

/*
 * Identifiers in one free-text value, each reported where the file writes
 * it (ynode_locate()): the second copy of a number on its own line, a
 * number inside a block or behind an escape at its own column.
 */
void rules_free_text_at(struct diag_list *dl, const char *path, const char *buf, size_t len,
			struct yplace *at, const char *field, const struct ynode *value)
{
	const struct detect_match *m;
	size_t *offs;
	int *lines, *cols, n, i;

	n = detect_find(detect_thread_scratch(), value->u.text, value->len, &m);
	if (n <= 0)
		return;
	offs = xmalloc((size_t)n * sizeof(*offs));
	lines = xmalloc((size_t)n * sizeof(*lines));
	cols = xmalloc((size_t)n * sizeof(*cols));
	for (i = 0; i < n; i++)
		offs[i] = m[i].start;
	ynode_locate(buf, len, at, value, offs, (size_t)n, lines, cols);
	for (i = 0; i < n; i++) {
		if (m[i].kind == DETECT_ID_NUMBER)
			diag_add(dl, path, lines[i], cols[i], DIAG_ERROR, "pii-in-text",
				 _("%s contains a national ID number (%.6s...); ID numbers must never be written in free text, which every teacher sees and git keeps for ever; delete it"),
				 field, m[i].digits);
		else
			diag_add(dl, path, lines[i], cols[i], DIAG_ERROR, "pii-in-text",
				 _("%s contains a phone number (%.3s...); phone numbers belong only in the phone fields, because free text is shown to every teacher and git keeps it for ever; delete it here"),
				 field, m[i].digits);
	}
	free(offs);
	free(lines);
	free(cols);
}

/*
 * The schema's hook gives a record's free-text values in file order, with
 * nothing to keep between them: each thread remembers where its last
 * look-up in a file stood, so that a record's values cost one pass over
 * its text, and starts again at another record or text.
 */
static _Thread_local struct {
	const struct record *rec;
	const char *buf;
	size_t len;
	struct yplace at;
} last;

void rules_free_text(struct record *rec, const char *buf, size_t len, const char *field,
		     const struct ynode *value, struct regex_scratch *scratch)
{
	(void)scratch;
	if (last.rec != rec || last.buf != buf || last.len != len) {
		last.rec = rec;
		last.buf = buf;
		last.len = len;
		last.at = (struct yplace)YPLACE_INIT;
	}
	rules_free_text_at(&rec->diags, rec->path, buf, len, &last.at, field, value);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Why the child was not at school on a day, as a message says it
 * ("transferred out on 2026-03-02"). Returns 1 when the cause is the
 * cohort (the child had not started grade 1), 0 when it is the status.
 */
static int status_words(struct strbuf *sb, const struct child_dates *c, const struct programme *p)
{
	char first[CAL_DATE_SIZE];

	if (c->status == STATUS_TRANSFERRED)
		strbuf_addf(sb, _("transferred out on %s"), c->status_date);
	else if (c->status == STATUS_GRADUATED)
		strbuf_addf(sb, _("graduated on %s"), c->status_date);
	else if (c->status == STATUS_DROPPED_OUT)
		strbuf_addf(sb, _("dropped out on %s"), c->status_date);
	else if (child_first_day(c, p, first) == 0 && !strcmp(first, c->status_date))
		strbuf_addf(sb, _("transferred in only on %s"), first);
	else if (child_first_day(c, p, first) == 0)
		strbuf_addf(sb, _("in grade 1 only from %s"), first);
	return c->status == STATUS_ENROLLED && strcmp(first, c->status_date);
}

/* An activity or pairing naming a child on a day the child was not at school. */
static void not_enrolled(struct record *rec, const struct ref *f, const char *day, const char *why, int cohort)
{
	struct diag_list *dl = &rec->diags;

	if (rec->kind == KIND_ACTIVITY && cohort)
		diag_add(dl, rec->path, f->line, f->col, DIAG_WARNING, "not-enrolled",
			 _("'%s' was not a pupil of the school on %s, the day of this activity (%s); if the child did not take part, remove it from 'participants', otherwise check 'date' or the child's 'cohort'"),
			 f->id, day, why);
	else if (rec->kind == KIND_ACTIVITY)
		diag_add(dl, rec->path, f->line, f->col, DIAG_WARNING, "not-enrolled",
			 _("'%s' was not a pupil of the school on %s, the day of this activity (%s); if the child did not take part, remove it from 'participants', otherwise check 'date' or the child's 'status_date'"),
			 f->id, day, why);
	else if (cohort)
		diag_add(dl, rec->path, f->line, f->col, DIAG_WARNING, "not-enrolled",
			 _("'%s' was not a pupil of the school on %s, the day this pairing starts (%s); check 'start', or the child's 'cohort'"),
			 f->id, day, why);
	else
		diag_add(dl, rec->path, f->line, f->col, DIAG_WARNING, "not-enrolled",
			 _("'%s' was not a pupil of the school on %s, the day this pairing starts (%s); check 'start', or the child's 'status_date'"),
			 f->id, day, why);
}

/*
 * A record naming a child on a day the child was not at school: records
 * are often entered late or a status date is off, so a warning; and a
 * pairing left open after its child left (ending on the day the child
 * left is fine: that is the date teachers write).
 */
static void enrolment_warnings(const struct rules_ctx *r, struct record *rec)
{
	const char *day = rec->kind == KIND_ACTIVITY ? rec->date : rec->start;
	size_t j;

	for (j = 0; day[0] && j < rec->nrefs; j++) {
		const struct ref *f = &rec->refs[j];
		const struct record *c = f->kind == KIND_CHILD ? r->find(r->has_data, KIND_CHILD, f->id) : NULL;
		const struct child_dates *d;
		struct strbuf why = STRBUF_INIT;
		int cohort;
		/* A status without its date is the child file's error already. */
		if (!c || !c->valid || (c->dates.status != STATUS_ENROLLED && !c->dates.status_date[0]))
			continue;
		d = &c->dates;
		cohort = status_words(&why, d, r->prog);
		if (!child_enrolled_on(d, r->prog, day))
			not_enrolled(rec, f, day, why.buf, cohort);
		else if (rec->kind == KIND_PAIRING && d->status != STATUS_ENROLLED && !rec->end[0])
			diag_add(&rec->diags, rec->path, f->line, f->col, DIAG_WARNING, "pairing-open",
				 _("'%s' left the school (%s), but this pairing has no end; add 'end: %s'"),
				 f->id, why.buf, d->status_date);
		else if (rec->kind == KIND_PAIRING && d->status != STATUS_ENROLLED &&
			 strcmp(rec->end, d->status_date) > 0)
			diag_add(&rec->diags, rec->path, rec->end_line, rec->end_col, DIAG_WARNING, "pairing-open",
				 _("this pairing ends on %s, after '%s' left the school (%s); change it to 'end: %s'"),
				 rec->end, f->id, why.buf, d->status_date);
		strbuf_release(&why);
	}
}

/*
 * A child reference that names no file: teachers write the name (李梅)
 * or slip a digit (li-mei-2017). Appends to hint the child files it may
 * have meant: those of that name, else the ids one or two edits away.
 */
static void child_hint(struct strbuf *hint, const struct record *recs, size_t nr, const char *ref)
{
	size_t i, best = 3, n = 0;

	for (i = 0; i < nr; i++)
		if (recs[i].kind == KIND_CHILD && recs[i].name && !strcmp(recs[i].name, ref))
			strbuf_addf(hint, "%s'%s'", n++ ? ", " : "", recs[i].id);
	if (n)
		return;
	/* A file with a bad name is that file's error, not a name to suggest. */
	for (i = 0; i < nr; i++)
		if (recs[i].kind == KIND_CHILD && is_valid_id(recs[i].id) && edit_distance(recs[i].id, ref) < best)
			best = edit_distance(recs[i].id, ref);
	for (i = 0; best < 3 && i < nr; i++)
		if (recs[i].kind == KIND_CHILD && is_valid_id(recs[i].id) && edit_distance(recs[i].id, ref) == best)
			strbuf_addf(hint, "%s'%s' (%s)", n++ ? ", " : "", recs[i].id, recs[i].name ? recs[i].name : "");
}

static void missing_ref(const struct record *recs, size_t nr, struct record *rec, const struct ref *f)
{
	struct strbuf hint = STRBUF_INIT;

	if (f->kind == KIND_CHILD)
		child_hint(&hint, recs, nr, f->id);
	if (hint.len && !is_valid_id(f->id))
		diag_add(&rec->diags, rec->path, f->line, f->col, DIAG_ERROR, "missing-ref",
			 _("'%s' is a name, not an id: write the child's id, the name of the child's file without .yaml: %s"),
			 f->id, hint.buf);
	else if (hint.len)
		diag_add(&rec->diags, rec->path, f->line, f->col, DIAG_ERROR, "missing-ref",
			 _("there is no child record '%s' (no file records/children/%s.yaml); did you mean %s?"),
			 f->id, f->id, hint.buf);
	else
		diag_add(&rec->diags, rec->path, f->line, f->col, DIAG_ERROR, "missing-ref",
			 _("there is no %s record '%s' (no file records/%s/%s.yaml); check the spelling of the id, or add that record"),
			 _(kind_names[f->kind]), f->id, kind_dirs[f->kind], f->id);
	strbuf_release(&hint);
}

static int by_name_birth(const void *x, const void *y)
{
	const struct record *a = *(const struct record *const *)x, *b = *(const struct record *const *)y;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->birth, b->birth);
}

/* Two child files of one name and birth date: the same child copied under a second id. */
static void twins(struct record *recs, size_t nr)
{
	struct record **v = xcalloc(nr + 1, sizeof(*v));
	size_t i, j, n = 0;

	for (i = 0; i < nr; i++)
		if (recs[i].kind == KIND_CHILD && recs[i].valid && recs[i].name && recs[i].birth[0])
			v[n++] = &recs[i];
	if (n)
		qsort(v, n, sizeof(*v), by_name_birth);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (i != j && !by_name_birth(&v[i], &v[j]))
				diag_add(&v[i]->diags, v[i]->path, 1, 1, DIAG_WARNING, "same-child",
					 _("%s (born %s) has another file, %s: if both are the same child, keep one file and change the other records' ids to it; if they are two children, nothing needs doing"),
					 v[i]->name, v[i]->birth, v[j]->path);
	free(v);
}

void rules_across(const struct rules_ctx *r, struct record *recs, size_t nr)
{
	char **active = NULL;
	size_t i, j, nactive = 0;

	for (i = 0; i < nr; i++) {
		struct record *rec = &recs[i];
		for (j = 0; j < rec->nrefs; j++) {
			const struct ref *f = &rec->refs[j];
			if (r->has(r->has_data, f->kind, f->id))
				continue;
			if (f->kind == KIND_CHILD && r->ndeleted &&
			    bsearch(&f->id, r->deleted, r->ndeleted, sizeof(*r->deleted), cmp_str)) {
				diag_add(&rec->diags, rec->path, f->line, f->col, DIAG_ERROR, "missing-ref",
					 _("this commit deletes the child record '%s' (records/children/%s.yaml), but this record still names it; change the id here too; if the child has left school, keep the file and set 'status' and 'status_date' instead"),
					 f->id, f->id);
				continue;
			}
			missing_ref(recs, nr, rec, f);
		}
	}
	if (!r->complete)
		return;
	for (i = 0; i < nr; i++)
		if (recs[i].valid && recs[i].kind != KIND_CHILD)
			enrolment_warnings(r, &recs[i]);
	twins(recs, nr);
	active = xcalloc(nr + 1, sizeof(*active));
	for (i = 0; i < nr; i++) {
		const struct record *p = &recs[i];
		if (p->kind == KIND_PAIRING && p->child && pairing_runs_on(p->start, p->end, r->today))
			active[nactive++] = p->child;
	}
	qsort(active, nactive, sizeof(*active), cmp_str);
	for (i = 0; i < nr; i++) {
		struct record *c = &recs[i];
		int grade;
		if (c->kind != KIND_CHILD || !c->valid || !child_enrolled_on(&c->dates, r->prog, r->today))
			continue;
		/* A child past grade 6 has probably left: grade-range said so, not this. */
		grade = child_grade_on(&c->dates, r->prog, r->today);
		if (grade < 1 || grade > 6)
			continue;
		if (bsearch(&c->id, active, nactive, sizeof(*active), cmp_str))
			continue;
		diag_add(&c->diags, c->path, 1, 1, DIAG_WARNING, "no-active-pairing",
			 _("this child has no active pairing (结对帮扶); add a file in records/pairings/ with 'child: %s' and no 'end' date"),
			 c->id);
	}
	free(active);
}
