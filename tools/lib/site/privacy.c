/*
 * What the staff profile hides and the full profile shows (privacy.h).
 * The rest of the site asks here rather than looking at the profile, so
 * that one file holds the promise the README makes.
 */
#include "site/privacy.h"

#include <string.h>

#include "git/fielddiff.h"
#include "records/identifiers.h"
#include "site/values.h"
#include "util/strbuf.h"
#include "yaml/tree.h"
#include "util/banned.h"

void privacy_init(struct privacy *p, int full, const struct programme *prog)
{
	p->full = full;
	p->prog = prog;
}

int privacy_value_flags(const struct privacy *p)
{
	return p->full ? TOMVAL_SENSITIVE : 0;
}

int privacy_diff_flags(const struct privacy *p)
{
	return p->full ? FIELDDIFF_FULL : FIELDDIFF_OMIT;
}

int privacy_hides_activity(const struct privacy *p, const char *kind)
{
	const struct ynode *list = ynode_get(ydoc_root(p->prog->doc), "private_activity_kinds");
	size_t i;

	if (p->full || !kind)
		return 0;
	if (!list)
		return !strcmp(kind, "counselling") || !strcmp(kind, "talk");
	for (i = 0; list->type == YNODE_SEQ && i < list->len; i++)
		if (ynode_text(list->u.kids[i]) && !strcmp(ynode_text(list->u.kids[i]), kind))
			return 1;
	return 0;
}

struct mval *privacy_activity_stub(struct marena *a, const struct mval *v, const char *id)
{
	struct mval *m = mval_map(a);

	mval_set_str(a, m, "id", id);
	mval_set_str(a, m, "date", mval_text(v, "date"));
	mval_set_str(a, m, "kind", mval_text(v, "kind"));
	mval_set_str(a, m, "kind_label", mval_text(v, "kind_label"));
	mval_set(a, m, "private", mval_bool(a, 1));
	return m;
}

struct mval *privacy_redact(const struct privacy *p, struct marena *a, const char *text,
			    struct regex_scratch *scratch)
{
	struct pii_match m;
	struct strbuf sb = STRBUF_INIT;
	struct mval *v;
	size_t at = 0, len = strlen(text);

	if (p->full)
		return mval_str(a, text);
	/* Without the detector nothing is known to be safe: hide it all. */
	if (pii_init() < 0)
		return mval_str(a, "（已隐藏）");
	while (at < len && pii_find(text, len, at, scratch, &m) > 0) {
		strbuf_add(&sb, text + at, m.start - at);
		strbuf_addstr(&sb, "（号码已隐藏）");
		at = m.end;
	}
	strbuf_add(&sb, text + at, len - at);
	v = mval_strn(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return v;
}
