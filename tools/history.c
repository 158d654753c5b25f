/*
 * care history: each record's story from git, field by field, newest
 * first; --all, a line per record from one pass over the history (kept
 * in .git/care/ for the next run); --stale, the children whose files
 * nobody has touched for programme.yaml's stale_after_days. Without
 * --full, sensitive values are cut short or hidden and phone and ID
 * numbers in what else is printed (authors, commit subjects, old text)
 * are hidden, as on the site; with or without it, nothing reaches the
 * terminal raw that could move the cursor or reorder the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "care.h"
#include "git/fielddiff.h"
#include "git/source.h"
#include "git/history.h"
#include "util/i18n.h"
#include "util/options.h"
#include "records/newrec.h"
#include "records/repo.h"
#include "schema/regex.h"
#include "site/privacy.h"
#include "util/calendar.h"
#include "util/error.h"
#include "util/printable.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *const usage[] = {
	N_("care history [--full] [--format text|json] [--as-of REV|DATE] ID|PATH..."),
	N_("care history --all [--as-of REV|DATE]"),
	N_("care history --stale"),
	NULL,
};
static const char *const formats[] = { "text", "json", NULL };


/* How values are printed: whole with --full, else with identifiers hidden. */
struct shown {
	int full, json;
	struct regex_scratch *scratch;
	struct strbuf tmp;
	/* Old values: numbers hidden before a long one is cut to a line. */
	struct privacy_filter pf;
	struct fielddiff_filter filter;
};

/* s as printed: for JSON inside its quotes, for the terminal visibly. */
static void add_value(struct shown *o, struct strbuf *sb, const char *s)
{
	const char *t = s;

	if (!o->full) {
		strbuf_reset(&o->tmp);
		privacy_redact_buf(&o->tmp, s, strlen(s), o->pf.notice, o->scratch);
		t = o->tmp.buf;
	}
	if (o->json)
		strbuf_add_json_printable(sb, t);
	else
		strbuf_add_printable(sb, t, strlen(t), 0);
}

/* A path, as it is (the teacher needs it to find the file), but never raw. */
static void add_path(const struct shown *o, struct strbuf *sb, const char *path)
{
	if (o->json)
		strbuf_add_json_printable(sb, path);
	else
		strbuf_add_printable(sb, path, strlen(path), 0);
}

/* "text" as a JSON string, or null. */
static void add_json_or_null(struct shown *o, struct strbuf *sb, const char *s)
{
	if (!s) {
		strbuf_addstr(sb, "null");
		return;
	}
	strbuf_addch(sb, '"');
	add_value(o, sb, s);
	strbuf_addch(sb, '"');
}

/* The kind of record at path; a path outside the folders reads as a child. */
static enum kind kind_of(const char *path)
{
	enum kind k = kind_of_path(path);
	return k == KIND_NR ? KIND_CHILD : k;
}

static const char *event_word(const struct hevent *e)
{
	switch (e->kind) {
	case H_CREATED:
		return _("created");
	case H_DELETED:
		return _("deleted");
	case H_RENAMED:
		return _("renamed");
	default:
		return _("changed");
	}
}

static void json_event(struct shown *o, struct strbuf *j, const struct hevent *e,
		       const struct hcommit *c, const char *day, const struct fchange *ch, long n,
		       int first)
{
	long k;

	strbuf_addf(j, "%s{\"commit\":\"%s\",\"date\":\"%s\",\"author\":\"", first ? "" : ",", c->id, day);
	add_value(o, j, c->author);
	strbuf_addstr(j, "\",\"subject\":\"");
	add_value(o, j, c->subject);
	strbuf_addf(j, "\",\"kind\":\"%s\",\"path\":\"",
		    e->kind == H_CREATED ? "created" : e->kind == H_DELETED ? "deleted" :
		    e->kind == H_RENAMED ? "renamed" : "changed");
	add_path(o, j, e->path);
	strbuf_addstr(j, "\"");
	if (e->old_path) {
		strbuf_addstr(j, ",\"old_path\":\"");
		add_path(o, j, e->old_path);
		strbuf_addstr(j, "\"");
	}
	strbuf_addstr(j, ",\"changes\":[");
	for (k = 0; k < n; k++) {
		strbuf_addf(j, "%s{\"field\":\"", k ? "," : "");
		add_value(o, j, ch[k].field);
		strbuf_addstr(j, "\",\"label\":\"");
		add_value(o, j, ch[k].label);
		strbuf_addstr(j, "\",\"old\":");
		add_json_or_null(o, j, ch[k].old);
		strbuf_addstr(j, ",\"new\":");
		add_json_or_null(o, j, ch[k].new);
		strbuf_addch(j, '}');
	}
	strbuf_addstr(j, "]}");
}

static void text_event(struct shown *o, struct strbuf *t, const struct hevent *e,
		       const struct hcommit *c, const char *day, const struct fchange *ch, long n)
{
	long k;

	strbuf_addf(t, "%s  ", day);
	add_value(o, t, c->author);
	strbuf_addstr(t, "  ");
	add_value(o, t, c->subject);
	strbuf_addf(t, " (%.7s)\n", c->id);
	if (e->kind == H_RENAMED) {
		struct strbuf p = STRBUF_INIT;
		add_path(o, &p, e->old_path);
		strbuf_addf(t, _("    renamed from %s\n"), p.buf);
		strbuf_release(&p);
	} else if (e->kind != H_CHANGED) {
		strbuf_addf(t, "    %s\n", event_word(e));
	}
	for (k = 0; k < n && e->kind != H_CREATED && e->kind != H_DELETED; k++) {
		strbuf_addstr(t, "    ");
		add_value(o, t, ch[k].label);
		strbuf_addstr(t, ": ");
		add_value(o, t, ch[k].old ? ch[k].old : _("(none)"));
		strbuf_addstr(t, " → ");
		add_value(o, t, ch[k].new ? ch[k].new : _("(none)"));
		strbuf_addch(t, '\n');
	}
}

static void print_record(struct history *h, const struct repo *r, const struct hrecord *rec,
			 struct shown *o, int first)
{
	const struct snode *s = schema_root(r->schemas[kind_of(rec->path)]);
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, out = STRBUF_INIT;
	size_t i;

	if (o->json) {
		strbuf_addf(&out, "%s{\"path\":\"", first ? "" : ",\n");
		add_path(o, &out, rec->path);
		strbuf_addf(&out, "\",\"deleted\":%s,\"events\":[", rec->deleted ? "true" : "false");
	} else {
		strbuf_addstr(&out, first ? "" : "\n");
		add_path(o, &out, rec->path);
		strbuf_addf(&out, "%s\n", rec->deleted ? _(" (deleted)") : "");
	}
	fputs(out.buf, stdout);
	for (i = 0; i < rec->n; i++) {
		const struct hevent *e = &rec->ev[i];
		const struct hcommit *c = history_commit(h, e->commit);
		struct fchange *ch = NULL;
		char day[11];
		long n = 0;
		int have_old = e->kind != H_CREATED, have_new = e->kind != H_DELETED;
		hcommit_day(c, day);
		if ((!have_old || history_blob(h, e->old_blob, &a) == 0) &&
		    (!have_new || history_blob(h, e->new_blob, &b) == 0))
			n = field_changes(s, have_old ? a.buf : NULL, a.len, have_new ? b.buf : NULL, b.len,
					  o->full ? FIELDDIFF_FULL : 0, o->full ? NULL : &o->filter, &ch);
		strbuf_reset(&out);
		if (o->json)
			json_event(o, &out, e, c, day, ch, n, i == 0);
		else
			text_event(o, &out, e, c, day, ch, n);
		fputs(out.buf, stdout);
		fchanges_free(ch, n);
	}
	if (o->json)
		printf("]}");
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&out);
}

/* "wang-xiaoming-2015" or a path, as the history knows it. */
static const struct hrecord *find(const struct history *h, const char *arg, const char *top)
{
	const struct hrecord *rec;
	char *abs, *path;
	int k;

	if (!strchr(arg, '/') && !strstr(arg, ".yaml")) {
		for (k = 0; k < KIND_NR; k++) {
			path = xstrfmt("records/%s/%s.yaml", kind_dirs[k], arg);
			rec = history_find(h, path);
			free(path);
			if (rec)
				return rec;
		}
		return NULL;
	}
	abs = realpath(arg, NULL);
	if (abs && !strncmp(abs, top, strlen(top)) && abs[strlen(top)] == '/')
		rec = history_find(h, abs + strlen(top) + 1);
	else
		rec = history_find(h, arg);
	free(abs);
	return rec;
}

static void print_all(const struct history *h, struct shown *o)
{
	struct strbuf path = STRBUF_INIT, by1 = STRBUF_INIT, by2 = STRBUF_INIT;
	size_t i;

	for (i = 0; i < history_nrecords(h); i++) {
		const struct hrecord *r = history_record(h, i);
		const struct hcommit *first, *last;
		char d1[11], d2[11];
		if (!r->n)
			continue;
		last = history_commit(h, r->ev[0].commit);
		first = history_commit(h, r->ev[r->n - 1].commit);
		hcommit_day(first, d1);
		hcommit_day(last, d2);
		strbuf_reset(&path);
		strbuf_reset(&by1);
		strbuf_reset(&by2);
		add_path(o, &path, r->path);
		add_value(o, &by1, first->author);
		add_value(o, &by2, last->author);
		printf(_("%s%s  created %s by %s  last changed %s by %s  %zu change(s)\n"), path.buf,
		       r->deleted ? _(" (deleted)") : "", d1, by1.buf, d2, by2.buf, r->n);
	}
	strbuf_release(&path);
	strbuf_release(&by1);
	strbuf_release(&by2);
}


static int print_stale(const struct history *h, const struct repo *r, struct shown *o)
{
	struct strbuf path = STRBUF_INIT, by = STRBUF_INIT;
	size_t i;
	int found = 0;

	for (i = 0; i < history_nrecords(h); i++) {
		const struct hrecord *rec = history_record(h, i);
		char day[11];
		int64_t days = 0;
		if (rec->deleted || !rec->n || kind_of(rec->path) != KIND_CHILD)
			continue;
		hcommit_day(history_commit(h, rec->ev[0].commit), day);
		cal_days_between(day, r->today, &days);
		if (days < r->prog.stale_after_days)
			continue;
		strbuf_reset(&path);
		strbuf_reset(&by);
		add_path(o, &path, rec->path);
		add_value(o, &by, history_commit(h, rec->ev[0].commit)->author);
		printf(_("%s  last changed %s (%ld days ago) by %s\n"), path.buf, day, (long)days, by.buf);
		found++;
	}
	if (!found)
		printf(_("care: every child's file changed within %ld days\n"), r->prog.stale_after_days);
	strbuf_release(&path);
	strbuf_release(&by);
	return found;
}

int cmd_history(int argc, char **argv, struct care *ctx)
{
	struct repo repo;
	struct source *src = NULL;
	struct history *h = NULL;
	const char *as_of = NULL, *format = NULL;
	char *top = NULL, **abs = NULL, *resolved = NULL;
	int i, full = 0, json = 0, all = 0, stale = 0, ret = 2, first = 1, nargs = 0;
	struct shown shown = { 0, 0, NULL, STRBUF_INIT, { NULL, NULL, NULL }, { NULL, NULL, NULL } };
	const struct option table[] = {
		OPT_FLAG(0, "full", &full, N_("show sensitive values whole, and phone and ID numbers in text")),
		OPT_CHOICE(0, "format", &format, formats,
			   N_("print the changes as text (the default) or as JSON")),
		OPT_FLAG(0, "all", &all, N_("one line per record: created, last changed, changes")),
		OPT_FLAG(0, "stale", &stale,
			 N_("children not updated for stale_after_days days")),
		OPT_STRING(0, "as-of", &as_of, N_("REV|DATE"),
			   N_("the history up to a commit or a date")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("history", usage, table, 0);

	(void)ctx;
	memset(&repo, 0, sizeof(repo));
	i = options_parse(&opt, argc, argv);
	if (i >= 0 && all && stale)
		i = options_fail(&opt, _("'%s' cannot be used with '%s'"), "--all", "--stale");
	else if (i >= 0 && i < argc && (all || stale))
		i = options_fail(&opt, _("'%s' cannot be used with an ID or PATH"),
				 all ? "--all" : "--stale");
	else if (i >= 0 && i == argc && !all && !stale)
		i = options_fail(&opt, _("give an ID or PATH, or '--all' or '--stale'"));
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	json = format && !strcmp(format, "json");
	nargs = argc - i;
	/* PATH arguments are relative to where care started. */
	abs = xcalloc((size_t)nargs + 1, sizeof(*abs));
	for (int k = 0; k < nargs; k++)
		abs[k] = strchr(argv[i + k], '/') ? realpath(argv[i + k], NULL) : NULL;
	if (repo_find_top(&top) < 0 || chdir(top) < 0 || source_open(&src, SOURCE_FOLDER, NULL) < 0) {
		fputs(error_last(), stderr);
		goto out;
	}
	repo_init(&repo, src);
	if (repo_load_setup(&repo) < 0) {
		fputs(_("care: a schema has errors; run 'care check' to see them\n"), stderr);
		goto out;
	}
	/* A date names the last commit made on or before it, as for check. */
	if (as_of && strlen(as_of) == 10 && as_of[4] == '-' && as_of[7] == '-') {
		struct source *rev = NULL;
		if (source_open(&rev, SOURCE_REVISION, as_of) < 0) {
			fputs(error_last(), stderr);
			goto out;
		}
		resolved = xstrdup(rev->commit);
		source_free(rev);
		as_of = resolved;
	}
	if (history_load(&h, as_of, as_of ? 0 : HISTORY_CACHE) < 0) {
		fputs(error_last(), stderr);
		goto out;
	}
	if (history_truncated(h))
		fprintf(stderr, _("care: this is a shallow clone: history stops at commit %.7s; changes before it are not known\n"),
			history_truncated(h));
	ret = 0;
	shown.full = full;
	shown.json = json;
	shown.scratch = regex_scratch_new();
	shown.pf.notice = _("(number hidden)");
	shown.pf.scratch = shown.scratch;
	shown.filter.redact = privacy_redact_item;
	shown.filter.data = &shown.pf;
	if (all) {
		print_all(h, &shown);
	} else if (stale) {
		print_stale(h, &repo, &shown);
	} else {
		if (json)
			printf("[");
		for (int k = 0; k < nargs; k++) {
			const struct hrecord *rec = find(h, abs[k] ? abs[k] : argv[i + k], top);
			char *id = NULL;
			/* A child may be named as teachers know it: 李梅, li-mei. */
			if (!rec && !abs[k] && !strchr(argv[i + k], '/')) {
				int found = newrec_find_child(&id, argv[i + k]);
				if (found == 0) {
					rec = find(h, id, top);
				} else if (found == -2) {
					fprintf_printable(stderr, "%s", error_last());
					ret = 1;
					continue;
				}
				free(id);
			}
			if (!rec) {
				fprintf(stderr, _("care: '%s' has no history: no such record was ever committed (check the id, or commit the file first)\n"),
					argv[i + k]);
				ret = 1;
				continue;
			}
			print_record(h, &repo, rec, &shown, first);
			first = 0;
		}
		if (json)
			printf("]\n");
	}
out:
	if (fflush(stdout) && !ret)
		ret = 2;
	for (i = 0; abs && i < nargs; i++)
		free(abs[i]);
	free(abs);
	free(top);
	free(resolved);
	regex_scratch_free(shown.scratch);
	strbuf_release(&shown.tmp);
	history_free(h);
	repo_release(&repo);
	source_free(src);
	return ret;
}
