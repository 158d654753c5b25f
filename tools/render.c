/*
 * care render: the static site. Records are checked first: with errors,
 * nothing is written (unless --keep-going, which leaves the failing
 * records out), because a page built from a half-fixed record would be
 * trusted as if it were right. Errors in the setup (programme.yaml, the
 * schemas) always stop it: they decide what every page may show. One
 * render of a folder at a time; a second one waits for the first.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care.h"
#include "util/diag.h"
#include "git/source.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/options.h"
#include "util/share.h"
#include "records/repo.h"
#include "site/site.h"
#include "util/banned.h"

#ifndef CARE_TEMPLATE_DIR
#define CARE_TEMPLATE_DIR "/usr/local/share/care/templates"
#endif

static const char *const usage[] = {
	N_("care render [-o DIR] [--profile staff|full] [--keep-going] [--as-of REV|DATE]"),
	NULL,
};
static const char *const profiles[] = { "staff", "full", NULL };

static int profile_of(const struct repo *r, const char *opt)
{
	const char *p = opt ? opt :
			ynode_text(ynode_get(ynode_get(ydoc_root(r->prog.doc), "site"), "profile"));

	return p && !strcmp(p, "full") ? PROFILE_FULL : PROFILE_STAFF;
}

/* How long a render waits for another one of the same folder: longer than a county's render. */
#define LOCK_WAIT 600

static void on_waiting(const char *out)
{
	fprintf_printable(stderr, _("care: another care render is writing '%s'; waiting for it to finish...\n"), out);
}

static void on_signal(int sig)
{
	(void)sig;
	site_interrupt();
}

struct saved_signals {
	struct sigaction intr, term, hup;
};

/* An interrupted render leaves the previous site as it was. */
static void catch_signals(struct saved_signals *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, &old->intr);
	sigaction(SIGTERM, &sa, &old->term);
	sigaction(SIGHUP, &sa, &old->hup);
}

static void restore_signals(const struct saved_signals *old)
{
	sigaction(SIGINT, &old->intr, NULL);
	sigaction(SIGTERM, &old->term, NULL);
	sigaction(SIGHUP, &old->hup, NULL);
}

int cmd_render(int argc, char **argv, struct care *ctx)
{
	struct repo repo;
	struct diag_list all = DIAG_LIST_INIT;
	struct render_opts o = { NULL, -1, "templates", 0, NULL, LOCK_WAIT, on_waiting };
	struct site *site = NULL;
	struct source *src = NULL;
	struct saved_signals saved;
	const char *profile = NULL, *as_of = NULL, *wait = getenv("CARE_TEST_LOCK_WAIT");
	char *out_dir = NULL, *tpl_dir = NULL, *top = NULL;
	struct stat st;
	int i, keep_going = 0, ret = 2, setup, errors;
	const struct option table[] = {
		OPT_STRING('o', NULL, &o.out, N_("DIR"), N_("write the site into DIR (default: site, or site-full for the full profile)")),
		OPT_CHOICE(0, "profile", &profile, profiles,
			   N_("staff hides sensitive fields; full adds contact cards")),
		OPT_FLAG(0, "keep-going", &keep_going,
			 N_("leave records with errors out instead of stopping")),
		OPT_STRING(0, "as-of", &as_of, N_("REV|DATE"),
			   N_("render the records as they were at a commit or a date")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("render", usage, table, OPTIONS_NO_ARGS);

	(void)ctx;
	memset(&repo, 0, sizeof(repo));
	/* For the tests of a render that waits in vain. */
	if (wait)
		o.lock_wait = atoi(wait);
	i = options_parse(&opt, argc, argv);
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	/* -o is relative to where care was started, not the records top. */
	if (o.out && o.out[0] != '/') {
		if (!(out_dir = path_from_start(o.out)))
			goto out;
		o.out = out_dir;
	}
	if (repo_find_top(&top) < 0 || chdir(top) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	/*
	 * The records' own templates/, else those installed beside this care
	 * (PREFIX/bin/care -> PREFIX/share/care/templates), else those of the
	 * PREFIX it was built for, else the source tree's (util/share.h).
	 */
	if (stat(o.templates, &st) < 0 && (tpl_dir = share_dir("templates")))
		o.templates = tpl_dir;
	else if (stat(o.templates, &st) < 0)
		o.templates = CARE_TEMPLATE_DIR;
	if (source_open(&src, as_of ? SOURCE_REVISION : SOURCE_FOLDER, as_of) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (as_of) {
		fprintf(stderr, _("care: the records as of commit %.7s (%s), from git; the folder is not read\n"),
			src->commit, src->commit_day);
		o.as_of = src->commit;
	}
	repo_init(&repo, src);
	setup = repo_load_setup(&repo);
	if (setup) {
		repo_collect(&repo, &all);
		print_diags(stderr, &all, DIAG_TEXT, 0, NULL, NULL, 0, 0);
		fputs(setup < 0 ? _("care: a schema in records/schema has errors: the site was not rendered, and the previous one is unchanged. Errors in the setup cannot be skipped, not even with --keep-going, which leaves out records, not settings; fix them first (care check shows them again).\n")
				: _("care: records/programme.yaml has errors: the site was not rendered, and the previous one is unchanged. Errors in the setup cannot be skipped, not even with --keep-going, which leaves out records, not settings; fix them first (care check shows them again).\n"),
		      stderr);
		ret = setup < 0 ? 2 : 1;
		goto out;
	}
	o.profile = profile_of(&repo, profile);
	/*
	 * Without -o, each profile has its own folder at the top: contact
	 * cards never land in the staff copy a school shares.
	 */
	if (!o.out)
		o.out = out_dir = xstrfmt("%s/%s", top, o.profile == PROFILE_FULL ? "site-full" : "site");
	if (site_new(&site, &repo, &o) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (repo_check(&repo, NULL, 0) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	repo_collect(&repo, &all);
	errors = (int)diag_list_count(&all, DIAG_ERROR);
	print_diags(stderr, &all, DIAG_TEXT, 0, NULL, NULL, 0, 0);
	if (errors && !keep_going) {
		fprintf(stderr, _("care: %d error(s) in the records: the site was not rendered. Fix them (care check shows them again), or use --keep-going to leave those records out.\n"),
			errors);
		ret = 1;
		goto out;
	}
	diag_list_release(&all);
	catch_signals(&saved);
	ret = site_render(site, &o, &all);
	restore_signals(&saved);
	print_diags(stderr, &all, DIAG_TEXT, 0, NULL, NULL, 0, 0);
	if (ret == 2)
		fprintf_printable(stderr, "%s", error_last());
	if (!ret && site_pages(site) == site_total_pages(site))
		fprintf_printable(stdout, _("care: wrote %zu pages (profile: %s) to %s; open %s/index.html\n"),
				  site_pages(site), o.profile == PROFILE_FULL ? "full" : "staff", o.out, o.out);
	else if (!ret)
		fprintf_printable(stdout, _("care: updated %zu of %zu pages (profile: %s) in %s; open %s/index.html\n"),
				  site_pages(site), site_total_pages(site),
				  o.profile == PROFILE_FULL ? "full" : "staff", o.out, o.out);
	else if (ret == 1)
		fputs(_("care: the site was not rendered; the previous one is unchanged\n"), stderr);
out:
	site_free(site);
	free(out_dir);
	free(tpl_dir);
	diag_list_release(&all);
	repo_release(&repo);
	source_free(src);
	free(top);
	return ret;
}
