/*
 * Each child's history on its page: created on and by whom, last changed
 * on and by whom, the field-level timeline, and whether the file has gone
 * unchanged longer than programme.yaml's stale_after_days. Read from the
 * history cache in .git/care/ (brought up to date first); records outside
 * git simply have no history section.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "git/fielddiff.h"
#include "git/history.h"
#include "schema/regex.h"
#include "records/repo.h"
#include "site/site_int.h"
#include "util/calendar.h"
#include "util/banned.h"

static const char *kind_label(enum hkind k)
{
	return k == H_CREATED ? "新建档案" : k == H_DELETED ? "删除" : k == H_RENAMED ? "改名" : "修改";
}

static void timeline(struct site *s, struct history *h, const struct hrecord *rec, struct mval *child,
		     struct regex_scratch *scratch)
{
	struct marena *a = s->main;
	const struct snode *sch = schema_root(s->r->schemas[KIND_CHILD]);
	struct mval *list = mval_set_list(a, child, "timeline");
	struct strbuf old = STRBUF_INIT, new = STRBUF_INIT;
	struct privacy_filter pf = { &s->privacy, "（号码已隐藏）", scratch };
	struct fielddiff_filter hidden = { privacy_hides_item, privacy_redact_item, &pf };
	size_t i;

	for (i = 0; i < rec->n; i++) {
		const struct hevent *e = &rec->ev[i];
		const struct hcommit *c = history_commit(h, e->commit);
		struct mval *ev = mval_push(a, list, mval_map(a)), *changes;
		struct fchange *ch = NULL;
		char day[11];
		long n = 0, k;
		hcommit_day(c, day);
		mval_set_str(a, ev, "date", day);
		/* An author's name is whatever git was told: it can be a phone number. */
		mval_set(a, ev, "author", privacy_redact(&s->privacy, a, c->author, scratch));
		mval_set(a, ev, "subject", privacy_redact(&s->privacy, a, c->subject, scratch));
		mval_set_str(a, ev, "kind_label", kind_label(e->kind));
		mval_set(a, ev, "created", mval_bool(a, e->kind == H_CREATED));
		changes = mval_set_list(a, ev, "changes");
		if (e->kind != H_CHANGED && e->kind != H_RENAMED)
			continue;
		if (history_blob(h, e->old_blob, &old) < 0 || history_blob(h, e->new_blob, &new) < 0)
			continue;
		/*
		 * Under the staff profile a sensitive field leaves no trace at all,
		 * not even that it changed, whatever shape an old version gave it;
		 * neither does a need the profile does not show. Old free text
		 * could hold a number a teacher since deleted, so identifiers in
		 * it are hidden, before it is cut to a line.
		 */
		n = field_changes(sch, old.buf, old.len, new.buf, new.len,
				  privacy_diff_flags(&s->privacy), &hidden, &ch);
		for (k = 0; k < n; k++) {
			struct mval *m = mval_push(a, changes, mval_map(a));
			mval_set_str(a, m, "label", ch[k].label);
			mval_set_str(a, m, "old", ch[k].old ? ch[k].old : "（无）");
			mval_set_str(a, m, "new", ch[k].new ? ch[k].new : "（无）");
		}
		fchanges_free(ch, n);
	}
	strbuf_release(&old);
	strbuf_release(&new);
}

void site_history(struct site *s, struct mval **kids, size_t n)
{
	struct history *h = NULL;
	struct marena *a = s->main;
	struct regex_scratch *scratch;
	size_t i;

	if (history_load(&h, s->opts->as_of, (s->opts->as_of ? 0 : HISTORY_CACHE)) < 0) {
		history_free(h);
		return;
	}
	scratch = regex_scratch_new();
	for (i = 0; i < n; i++) {
		const struct record *rec = &s->r->recs[(size_t)atol(mval_get(kids[i], "_index")->u.str)];
		const struct hrecord *hr = history_find(h, rec->path);
		const struct hcommit *first, *last;
		char d1[11], d2[11];
		int64_t days = 0;
		if (!hr || hr->deleted || !hr->n)
			continue;
		last = history_commit(h, hr->ev[0].commit);
		first = history_commit(h, hr->ev[hr->n - 1].commit);
		hcommit_day(first, d1);
		hcommit_day(last, d2);
		cal_days_between(d2, s->today, &days);
		mval_set(a, kids[i], "history", mval_bool(a, 1));
		mval_set_str(a, kids[i], "created_on", d1);
		mval_set(a, kids[i], "created_by", privacy_redact(&s->privacy, a, first->author, scratch));
		mval_set_str(a, kids[i], "changed_on", d2);
		mval_set(a, kids[i], "changed_by", privacy_redact(&s->privacy, a, last->author, scratch));
		mval_set(a, kids[i], "stale", mval_bool(a, days >= s->r->prog.stale_after_days));
		mval_set(a, kids[i], "stale_days", mval_fmt(a, "%ld", days));
		/* A commit changes the page even when the file did not change. */
		mval_set(a, kids[i], "_hist", mval_fmt(a, "%s/%zu/%ld", last->id, hr->n,
						       days >= s->r->prog.stale_after_days ? days : -1L));
		timeline(s, h, hr, kids[i], scratch);
	}
	regex_scratch_free(scratch);
	history_free(h);
}
