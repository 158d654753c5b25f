/*
 * The settings of programme.yaml, with the defaults the record format
 * gives when a key is absent. private_activity_kinds gets more care than
 * the rest: a mistake in it would put who was counselled on every page,
 * so the list is read failing closed and checked against the activity
 * kinds, which live in another schema than the one programme.yaml has.
 */
#include "records/programme.h"

#include <stdlib.h>
#include <string.h>

#include "util/calendar.h"
#include "util/i18n.h"
#include "util/printable.h"
#include "util/strbuf.h"
#include "util/banned.h"

#define KINDS_KEY "private_activity_kinds"

static const char *const default_private[] = { "counselling", "talk" };

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
			p->private_kinds[i] = xstrdup(default_private[i]);
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

void programme_read(struct programme *p, struct ydoc *doc, const struct snode *activity_kind,
		    const char *path, struct diag_list *dl)
{
	const struct ynode *root = ydoc_root(doc);
	const struct ynode *groups = ynode_get(root, "interest_groups");
	const char *start = ynode_text(ynode_get(root, "school_year_starts"));
	const char *school = ynode_text(ynode_get(root, "school"));
	const char *stale = ynode_text(ynode_get(root, "stale_after_days"));
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
	free(p->private_kinds);
	free(p->interests);
	free(p->interest_labels);
	free(p->school);
	ydoc_free(p->doc);
	memset(p, 0, sizeof(*p));
}
