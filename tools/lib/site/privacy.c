/*
 * What the staff profile hides and the full profile shows (privacy.h).
 * The rest of the site asks here rather than looking at the profile, so
 * that one file holds the promise the README makes.
 */
#include "site/privacy.h"

#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "git/fielddiff.h"
#include "records/identifiers.h"
#include "site/values.h"
#include "util/printable.h"
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
	if (p->full)
		return 0;
	/* The list as programme.c checked it: a setting it could not read hides every kind. */
	return !kind || programme_kind_private(p->prog, kind);
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

/*
 * Old text as a page shows it: numbers cut out unless the profile is full,
 * and control and format characters dropped under every profile.
 */
static void page_text(const struct privacy *p, struct strbuf *out, const char *text,
		      const char *notice, struct regex_scratch *scratch)
{
	struct strbuf sb = STRBUF_INIT;
	char *clean;

	if (p->full)
		strbuf_addstr(&sb, text);
	else
		privacy_redact_buf(&sb, text, strlen(text), notice, scratch);
	clean = strip_hidden_chars(sb.buf, sb.len);
	strbuf_addstr(out, clean);
	free(clean);
	strbuf_release(&sb);
}

struct mval *privacy_redact(const struct privacy *p, struct marena *a, const char *text,
			    struct regex_scratch *scratch)
{
	struct strbuf sb = STRBUF_INIT;
	struct mval *v;

	page_text(p, &sb, text, "（号码已隐藏）", scratch);
	v = mval_strn(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return v;
}

struct mval *privacy_activity_page_id(struct marena *a, const struct site_key *key, const char *id)
{
	return mval_fmt(a, "p_%016llx", (unsigned long long)site_key_hash(key, id, strlen(id)));
}

int privacy_shows_need(const struct privacy *p, const char *code)
{
	return p->full || (strcmp(code, "health") && strcmp(code, "psychological"));
}

void privacy_trim_needs(const struct privacy *p, struct marena *a, struct mval *child)
{
	const struct mval *needs = mval_get(child, "needs"), *labels = mval_get(child, "needs_labels");
	struct mval *kept, *kept_labels;
	struct strbuf text = STRBUF_INIT;
	size_t i;

	if (p->full || !needs || needs->type != MV_LIST)
		return;
	kept = mval_list(a);
	kept_labels = mval_list(a);
	for (i = 0; i < needs->len; i++) {
		const struct mval *code = needs->u.items[i];
		const struct mval *label = labels && labels->type == MV_LIST && i < labels->len ?
					   labels->u.items[i] : code;
		if (code->type != MV_STR || !privacy_shows_need(p, code->u.str))
			continue;
		mval_push(a, kept, needs->u.items[i]);
		mval_push(a, kept_labels, (struct mval *)label);
		strbuf_addstr(&text, text.len ? "、" : "");
		strbuf_addstr(&text, label->type == MV_STR ? label->u.str : "");
	}
	mval_set(a, child, "needs", kept->len ? kept : mval_null(a));
	mval_set(a, child, "needs_labels", kept->len ? kept_labels : mval_null(a));
	mval_set(a, child, "needs_text", kept->len ? mval_strn(a, text.buf, text.len) : mval_null(a));
	strbuf_release(&text);
}

int privacy_hides_item(void *data, const char *field, const char *value)
{
	const struct privacy_filter *f = data;

	return f->p && !strcmp(field, "needs") && !privacy_shows_need(f->p, value);
}

void privacy_redact_item(void *data, struct strbuf *out, const char *text)
{
	const struct privacy_filter *f = data;

	/* The command line shows hidden characters visibly; a page drops them. */
	if (f->p)
		page_text(f->p, out, text, f->notice, f->scratch);
	else
		privacy_redact_buf(out, text, strlen(text), f->notice, f->scratch);
}

void privacy_redact_buf(struct strbuf *out, const char *text, size_t len, const char *notice,
			struct regex_scratch *scratch)
{
	const struct detect_match *m;
	struct strbuf sb = STRBUF_INIT;
	size_t at = 0;
	int i, n;

	(void)scratch;
	/*
	 * The detector reads the text as a reader would (Markdown shown,
	 * references decoded, invisible characters gone) and gives back the
	 * bytes that show each number, which are cut out here in one pass.
	 */
	n = detect_find(detect_thread_scratch(), text, len, &m);
	/* A text the detector cannot read is not known to be safe. */
	if (n < 0) {
		strbuf_addstr(out, notice);
		return;
	}
	for (i = 0; i < n; i++) {
		if (m[i].start < at)
			continue;
		strbuf_add(&sb, text + at, m[i].start - at);
		strbuf_addstr(&sb, notice);
		at = m[i].end;
	}
	strbuf_add(&sb, text + at, len - at);
	strbuf_add(out, sb.buf, sb.len);
	strbuf_release(&sb);
}
