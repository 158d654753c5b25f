/*
 * care render: the static site. Records are checked first: with errors,
 * nothing is written (unless --keep-going, which leaves the failing
 * records out), because a page built from a half-fixed record would be
 * trusted as if it were right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care.h"
#include "util/diag.h"
#include "git/repo.h"
#include "util/i18n.h"
#include "records/repo.h"
#include "site/site.h"
#include "util/banned.h"

#ifndef CARE_TEMPLATE_DIR
#define CARE_TEMPLATE_DIR "/usr/local/share/care/templates"
#endif

static const char usage[] =
	"usage: care render [-o DIR] [--profile staff|full] [--keep-going] [--as-of REV|DATE]\n";

static int profile_of(const struct repo *r, const char *opt)
{
	const char *p = opt ? opt :
			ynode_text(ynode_get(ynode_get(ydoc_root(r->prog.doc), "site"), "profile"));

	return p && !strcmp(p, "full") ? PROFILE_FULL : PROFILE_STAFF;
}

int cmd_render(int argc, char **argv, struct care *ctx)
{
	struct repo repo;
	struct diag_list all = DIAG_LIST_INIT;
	struct render_opts o = { "site", -1, "templates", 0, NULL };
	struct site *site = NULL;
	const char *profile = NULL, *as_of = NULL;
	char *out_dir = NULL, *tpl_dir = NULL;
	struct stat st;
	int i, keep_going = 0, ret = 2, setup, errors;

	(void)ctx;
	repo_init(&repo);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			o.out = argv[++i];
		else if (!strcmp(argv[i], "--profile") && i + 1 < argc)
			profile = argv[++i];
		else if (!strncmp(argv[i], "--profile=", 10))
			profile = argv[i] + 10;
		else if (!strcmp(argv[i], "--keep-going"))
			keep_going = 1;
		else if (!strcmp(argv[i], "--as-of") && i + 1 < argc)
			as_of = argv[++i];
		else
			goto usage;
	}
	if (profile && strcmp(profile, "staff") && strcmp(profile, "full"))
		goto usage;
	/* -o is relative to where care was started, not the records top. */
	if (o.out[0] != '/') {
		char *cwd = getcwd(NULL, 0);
		if (!cwd)
			goto out;
		out_dir = xstrfmt("%s/%s", cwd, o.out);
		free(cwd);
	} else {
		out_dir = xstrdup(o.out);
	}
	o.out = out_dir;
	if (repo_find_top() < 0)
		goto out;
	/*
	 * The records' own templates/, else those installed beside this care
	 * (PREFIX/bin/care -> PREFIX/share/care/templates), else the build's.
	 */
	if (stat(o.templates, &st) < 0) {
		char *exe = realpath("/proc/self/exe", NULL), *slash = exe ? strrchr(exe, '/') : NULL;
		if (slash) {
			*slash = '\0';
			tpl_dir = xstrfmt("%s/../share/care/templates", exe);
		}
		free(exe);
		o.templates = tpl_dir && !stat(tpl_dir, &st) ? tpl_dir : CARE_TEMPLATE_DIR;
	}
	if (as_of) {
		if (gitrepo_open_rev(&repo.git, as_of) < 0 || !(repo.readers[0] = gitrepo_reader(repo.git)))
			goto out;
		fprintf(stderr, _("care: the records as of commit %.7s (%s), from git; the folder is not read\n"),
			gitrepo_commit_id(repo.git), gitrepo_commit_day(repo.git));
		o.as_of = gitrepo_commit_id(repo.git);
	}
	setup = repo_load_setup(&repo);
	if (setup < 0) {
		repo_collect(&repo, &all);
		diag_print(stderr, &all, DIAG_TEXT, 0, NULL, NULL);
		goto out;
	}
	o.profile = profile_of(&repo, profile);
	site = site_new(&repo, &o);
	if ((as_of ? repo_check_staged(&repo) : repo_check(&repo, NULL, 0)) < 0)
		goto out;
	repo_collect(&repo, &all);
	errors = (int)diag_list_count(&all, DIAG_ERROR);
	diag_print(stderr, &all, DIAG_TEXT, 0, NULL, NULL);
	if (errors && !keep_going) {
		fprintf(stderr, _("care: %d error(s) in the records: the site was not rendered. Fix them (care check shows them again), or use --keep-going to leave those records out.\n"),
			errors);
		ret = 1;
		goto out;
	}
	diag_list_release(&all);
	ret = site_render(site, &o, &all);
	diag_print(stderr, &all, DIAG_TEXT, 0, NULL, NULL);
	if (!ret && site_pages(site) == site_total_pages(site))
		printf(_("care: wrote %zu pages (profile: %s) to %s; open %s/index.html\n"), site_pages(site),
		       o.profile == PROFILE_FULL ? "full" : "staff", o.out, o.out);
	else if (!ret)
		printf(_("care: updated %zu of %zu pages (profile: %s) in %s; open %s/index.html\n"),
		       site_pages(site), site_total_pages(site),
		       o.profile == PROFILE_FULL ? "full" : "staff", o.out, o.out);
	else if (ret == 1)
		fputs(_("care: the site was not rendered; the previous one is unchanged\n"), stderr);
	goto out;
usage:
	fputs(usage, stderr);
out:
	site_free(site);
	free(out_dir);
	free(tpl_dir);
	diag_list_release(&all);
	repo_release(&repo);
	return ret;
}
