/*
 * The settings of programme.yaml, with the defaults the record format
 * gives when a key is absent.
 */
#include "records/programme.h"

#include <stdlib.h>
#include <string.h>

#include "util/calendar.h"
#include "util/strbuf.h"
#include "util/banned.h"

void programme_read(struct programme *p, struct ydoc *doc)
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

void programme_release(struct programme *p)
{
	size_t i;

	for (i = 0; i < p->ninterests; i++) {
		free(p->interests[i]);
		free(p->interest_labels[i]);
	}
	free(p->interests);
	free(p->interest_labels);
	free(p->school);
	ydoc_free(p->doc);
	memset(p, 0, sizeof(*p));
}
