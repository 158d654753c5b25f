/*
 * care new child|pairing|activity: a new record to fill in, under a fresh
 * id, never over an existing file. The text comes from the kind's schema
 * and the defaults in templates/new/<kind>.yaml (records/newrec.h); this
 * file picks the id's parts from the options and prints where the record
 * went.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care.h"
#include "records/kinds.h"
#include "records/newrec.h"
#include "records/repo.h"
#include "schema/schema.h"
#include "util/calendar.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/options.h"
#include "util/share.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *const usage[] = {
	N_("care new child --name NAME [--id ID] [KEY=VALUE...]"),
	N_("care new pairing --child ID|NAME [--id ID] [KEY=VALUE...]"),
	N_("care new activity --kind KIND [--date DATE] [--id ID] [KEY=VALUE...]"),
	NULL,
};

static int load_schema(struct schema **s, enum kind kind)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("records/schema/%s.yaml", kind_names[kind]);
	int ret = -1;

	if (strbuf_read_file(&sb, path, 1024 * 1024) < 0)
		fprintf_printable(stderr, _("care: cannot read '%s': %s\n"), path, strerror(errno));
	else if (schema_load(s, path, sb.buf, sb.len, &dl) < 0 || diag_list_count(&dl, DIAG_ERROR))
		print_diags(stderr, &dl, DIAG_TEXT, 0, NULL, NULL, 0, 0);
	else
		ret = 0;
	diag_list_release(&dl);
	strbuf_release(&sb);
	free(path);
	return ret;
}

/* The records' own templates/new/<kind>.yaml, else care's. Absent is no defaults. */
static int load_defaults(struct newrec *r, enum kind kind)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = xstrfmt("templates/new/%s.yaml", kind_names[kind]), *share = NULL;
	struct stat st;
	int ret = 0;

	if (stat(path, &st) < 0 && (share = share_dir("templates"))) {
		free(path);
		path = xstrfmt("%s/new/%s.yaml", share, kind_names[kind]);
	}
	if (!stat(path, &st)) {
		if (strbuf_read_file(&sb, path, 1024 * 1024) < 0)
			ret = error_set(_("care: cannot read '%s': %s\n"), path, strerror(errno));
		else
			ret = newrec_defaults(r, sb.buf, sb.len, path);
	}
	strbuf_release(&sb);
	free(share);
	free(path);
	return ret;
}

/* "2024-10-01-family-call": enum codes use '_', ids may not. */
static char *dashed(const char *s)
{
	char *d = xstrdup(s), *p;

	for (p = d; *p; p++)
		if (*p == '_')
			*p = '-';
	return d;
}

int cmd_new(int argc, char **argv, struct care *ctx)
{
	const char *name = NULL, *child = NULL, *kind_opt = NULL, *date = NULL, *id = NULL, *v;
	char *top = NULL, *cwd = NULL, *child_id = NULL, *stem = NULL, *path = NULL;
	char today[CAL_DATE_SIZE];
	struct schema *schema = NULL;
	struct newrec *r = NULL;
	struct strbuf text = STRBUF_INIT;
	enum kind kind = KIND_NR;
	int i, ret = 2;
	const struct option table[] = {
		OPT_STRING(0, "name", &name, N_("NAME"), N_("child: the child's name")),
		OPT_STRING(0, "child", &child, N_("ID|NAME"), N_("pairing: the child's id or name")),
		OPT_STRING(0, "kind", &kind_opt, N_("KIND"), N_("activity: its kind, such as family_call")),
		OPT_STRING(0, "date", &date, N_("DATE"), N_("activity: its day (default: today)")),
		OPT_STRING(0, "id", &id, N_("ID"), N_("the record's id instead of the one care makes")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("new", usage, table, 0);

	(void)ctx;
	i = options_parse(&opt, argc, argv);
	if (i >= 0 && (i >= argc || (kind = kind_from_name(argv[i])) == KIND_NR))
		i = options_fail(&opt, _("say what to make: child, pairing or activity"));
	else if (i >= 0 && ((kind == KIND_CHILD && !name) || (kind == KIND_PAIRING && !child) ||
			    (kind == KIND_ACTIVITY && !kind_opt)))
		i = options_fail(&opt, _("a new %s needs %s"), kind_names[kind],
				 kind == KIND_CHILD ? "--name" : kind == KIND_PAIRING ? "--child" : "--kind");
	else if (i >= 0 && ((kind != KIND_CHILD && name) || (kind != KIND_PAIRING && child) ||
			    (kind != KIND_ACTIVITY && (kind_opt || date))))
		i = options_fail(&opt, _("that option is not for a new %s"), kind_names[kind]);
	else if (i >= 0 && id && !is_valid_id(id))
		i = options_fail(&opt, _("'%s' is not a record id: use a-z, 0-9 and '-', at most 64"), id);
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	cwd = getcwd(NULL, 0);
	if (cal_today(today) < 0 || repo_find_top(&top) < 0 || chdir(top) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (load_schema(&schema, kind) < 0)
		goto out;
	r = newrec_new(schema, kind);
	if (load_defaults(r, kind) < 0 ||
	    (name && newrec_set(r, "name", name) < 0) ||
	    (child && (newrec_find_child(&child_id, child) < 0 || newrec_set(r, "child", child_id) < 0)) ||
	    (kind_opt && newrec_set(r, "kind", kind_opt) < 0) ||
	    (date && newrec_set(r, "date", date) < 0))
		goto failed;
	for (i++; i < argc; i++)
		if (newrec_assign(r, argv[i]) < 0)
			goto failed;
	/* The id needs a day: today, which the teacher may change. */
	if (kind == KIND_PAIRING && !newrec_get(r, "start") && newrec_set(r, "start", today) < 0)
		goto failed;
	if (kind == KIND_ACTIVITY && !newrec_get(r, "date") && newrec_set(r, "date", today) < 0)
		goto failed;
	v = newrec_get(r, kind == KIND_PAIRING ? "start" : "date");
	if (kind != KIND_CHILD && !cal_valid(v)) {
		error_set(_("care: '%s' is not a date; write a real day as YYYY-MM-DD, such as 2026-05-01\n"), v);
		goto failed;
	}
	if (id) {
		stem = xstrdup(id);
	} else if (kind == KIND_CHILD) {
		stem = newrec_child_stem(newrec_get(r, "name"), newrec_get(r, "birth_date"));
	} else if (kind == KIND_PAIRING) {
		stem = xstrfmt("%.4s-%s", v, newrec_get(r, "child"));
	} else {
		char *k = dashed(newrec_get(r, "kind"));
		stem = xstrfmt("%s-%s", newrec_get(r, "date"), k);
		free(k);
	}
	newrec_format(r, &text);
	if (newrec_write(&path, kind, stem, text.buf) < 0)
		goto failed;
	if (cwd && !strcmp(cwd, top))
		fprintf_printable(stdout, "%s\n", path);
	else
		fprintf_printable(stdout, "%s/%s\n", top, path);
	fputs(_("care: open it and fill in each field marked 必填; care check says what is still missing\n"), stderr);
	ret = fflush(stdout) ? 2 : 0;
	goto out;
failed:
	fprintf_printable(stderr, "%s", error_last());
out:
	strbuf_release(&text);
	newrec_free(r);
	schema_free(schema);
	free(path);
	free(stem);
	free(child_id);
	free(cwd);
	free(top);
	return ret;
}
