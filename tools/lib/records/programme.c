/*
 * The settings of programme.yaml, with the defaults the record format
 * gives when a key is absent. private_activity_kinds gets more care than
 * the rest: a mistake in it would put who was counselled on every page,
 * so the list is read failing closed and checked against the activity
 * kinds, which live in another schema than the one programme.yaml has.
 */
#include "records/programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/calendar.h"
#include "util/i18n.h"
#include "util/printable.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define KINDS_KEY "private_activity_kinds"

const char *const programme_default_private[2] = { "counselling", "talk" };

/* Has the schema already said something about this node? Then once is enough. */
static int reported_at(const struct diag_list *dl, const char *path, const struct ynode *n)
{
	size_t i;

	for (i = 0; i < dl->nr; i++)
		if (dl->v[i].level == DIAG_ERROR && dl->v[i].line == n->line &&
		    dl->v[i].col == n->col && !strcmp(dl->v[i].path, path))
			return 1;
	return 0;
}

static void unknown_kind(struct diag_list *dl, const char *path, const struct ynode *n, size_t i)
{
	struct strbuf v = STRBUF_INIT;
	const char *text = ynode_is_null(n) ? NULL : ynode_text(n);

	if (!text) {
		diag_add(dl, path, n->line, n->col, DIAG_ERROR, "private-kinds",
			 _("'private_activity_kinds[%zu]' should be the name of a kind of activity, such as counselling"),
			 i);
		return;
	}
	strbuf_add_printable(&v, text, strlen(text), 0);
	diag_add(dl, path, n->line, n->col, DIAG_ERROR, "private-kinds",
		 _("'private_activity_kinds[%zu]' cannot be '%s': records/schema/activity.yaml has no such kind; write one of the kinds it lists under 'kind'"),
		 i, v.buf);
	strbuf_release(&v);
}

static void private_kinds(struct programme *p, const struct ynode *list,
			  const struct snode *activity_kind, const char *path, struct diag_list *dl)
{
	size_t i;
	int ok = 1;

	if (!list) {
		p->private_kinds = xcalloc(2, sizeof(char *));
		for (i = 0; i < 2; i++)
			p->private_kinds[i] = xstrdup(programme_default_private[i]);
		p->nprivate_kinds = 2;
		p->private_ok = 1;
		return;
	}
	if (list->type != YNODE_SEQ) {
		if (!reported_at(dl, path, list))
			diag_add(dl, path, list->line, list->col, DIAG_ERROR, "private-kinds", "%s",
				 _("'private_activity_kinds' should be a list of activity kinds, such as [counselling, talk]; write [] only if no activity is private"));
		return;
	}
	if (!list->len) {
		diag_add(dl, path, list->line, list->col, DIAG_WARNING, "private-kinds", "%s",
			 _("'private_activity_kinds' is empty: every activity, counselling and talks too, shows who took part and what was said; list the private kinds, or delete the line to keep counselling and talks private"));
		p->private_ok = 1;
		return;
	}
	p->private_kinds = xcalloc(list->len, sizeof(char *));
	for (i = 0; i < list->len; i++) {
		const struct ynode *n = list->u.kids[i];
		const char *kind = ynode_text(n);
		if (!kind || ynode_is_null(n) || !activity_kind || !snode_enum_has(activity_kind, kind)) {
			ok = 0;
			if (!reported_at(dl, path, n))
				unknown_kind(dl, path, n, i + 1);
			continue;
		}
		p->private_kinds[p->nprivate_kinds++] = xstrdup(kind);
	}
	p->private_ok = ok;
}

/* terms, or the record format's default: 09-01 and 02-15. */
static void read_terms(struct programme *p, const struct ynode *list)
{
	size_t i;

	p->nterms = 0;
	for (i = 0; list && list->type == YNODE_SEQ && i < list->len; i++)
		if (p->nterms < sizeof(p->terms) / sizeof(p->terms[0]) &&
		    cal_md_parse(ynode_text(list->u.kids[i]), &p->terms[p->nterms]) == 0)
			p->nterms++;
	if (!p->nterms) {
		p->terms[0] = (struct cal_md){ 9, 1 };
		p->terms[1] = (struct cal_md){ 2, 15 };
		p->nterms = 2;
	}
}

/* Rules the schema accepted; a rule missing kind or every is skipped (the schema said so). */
static void read_rules(struct programme *p, const struct ynode *list)
{
	size_t i;

	if (!list || list->type != YNODE_SEQ)
		return;
	p->rules = xcalloc(list->len + 1, sizeof(*p->rules));
	for (i = 0; i < list->len; i++) {
		const char *kind = ynode_text(ynode_get(list->u.kids[i], "kind"));
		const char *every = ynode_text(ynode_get(list->u.kids[i], "every"));
		const char *with = ynode_text(ynode_get(list->u.kids[i], "with"));
		if (!kind || !every)
			continue;
		p->rules[p->nrules].kind = xstrdup(kind);
		p->rules[p->nrules].every = xstrdup(every);
		p->rules[p->nrules++].with = with ? xstrdup(with) : NULL;
	}
}

void programme_read(struct programme *p, struct ydoc *doc, const struct snode *activity_kind,
		    const char *path, struct diag_list *dl)
{
	const struct ynode *root = ydoc_root(doc);
	const struct ynode *groups = ynode_get(root, "interest_groups");
	const char *start = ynode_text(ynode_get(root, "school_year_starts"));
	const char *school = ynode_text(ynode_get(root, "school"));
	const char *stale = ynode_text(ynode_get(root, "stale_after_days"));
	const char *review = ynode_text(ynode_get(root, "review_every_days"));
	struct cal_md md;
	size_t i;

	p->doc = doc;
	p->school = xstrdup(school ? school : "");
	p->year_month = 9;
	p->year_day = 1;
	if (start && cal_md_parse(start, &md) == 0) {
		p->year_month = md.month;
		p->year_day = md.day;
	}
	p->stale_after_days = stale ? atol(stale) : 180;
	p->review_every_days = review ? atol(review) : 60;
	read_terms(p, ynode_get(root, "terms"));
	read_rules(p, ynode_get(root, "contact_rules"));
	private_kinds(p, ynode_get(root, KINDS_KEY), activity_kind, path, dl);
	if (!groups || groups->type != YNODE_MAP)
		return;
	p->interests = xcalloc(groups->len, sizeof(char *));
	p->interest_labels = xcalloc(groups->len, sizeof(char *));
	for (i = 0; i < groups->len; i++) {
		const char *label = ynode_text(groups->u.kids[2 * i + 1]);
		p->interests[i] = xstrdup(groups->u.kids[2 * i]->u.text);
		p->interest_labels[i] = xstrdup(label ? label : "");
	}
	p->ninterests = groups->len;
}

static struct cal_md year_start(const struct programme *p)
{
	return (struct cal_md){ p->year_month, p->year_day };
}

int programme_school_year(const struct programme *p, const char *day, int *year, char first[CAL_DATE_SIZE])
{
	return cal_school_year(day, year_start(p), year, first);
}

int programme_year_first(const struct programme *p, int year, char first[CAL_DATE_SIZE])
{
	char last[CAL_DATE_SIZE];

	/* The last day of a calendar year is in the school year starting in it. */
	if (year < CAL_MIN_YEAR || year > CAL_MAX_YEAR)
		return -1;
	snprintf(last, sizeof(last), "%04d-12-31", year);
	return cal_school_year(last, year_start(p), NULL, first);
}

int programme_term_first(const struct programme *p, const char *day, char first[CAL_DATE_SIZE])
{
	return cal_term(day, year_start(p), p->terms, p->nterms, NULL, first);
}

int programme_kind_private(const struct programme *p, const char *kind)
{
	size_t i;

	if (!p->private_ok)
		return 1;
	for (i = 0; i < p->nprivate_kinds; i++)
		if (!strcmp(p->private_kinds[i], kind))
			return 1;
	return 0;
}

void programme_release(struct programme *p)
{
	size_t i;

	for (i = 0; i < p->ninterests; i++) {
		free(p->interests[i]);
		free(p->interest_labels[i]);
	}
	for (i = 0; i < p->nprivate_kinds; i++)
		free(p->private_kinds[i]);
	for (i = 0; i < p->nrules; i++) {
		free(p->rules[i].kind);
		free(p->rules[i].with);
		free(p->rules[i].every);
	}
	free(p->rules);
	free(p->private_kinds);
	free(p->interests);
	free(p->interest_labels);
	free(p->school);
	ydoc_free(p->doc);
	memset(p, 0, sizeof(*p));
}
