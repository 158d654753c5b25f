/*
 * care hooks install|uninstall: points git's core.hooksPath at the
 * project's hooks/ folder, so that every commit, from any client, runs
 * hooks/pre-commit. A pre-commit hook the teacher already had keeps
 * running after care's check (hooks/pre-commit chains to it through
 * care.previousHooksPath); other hooks would be switched off by
 * core.hooksPath, so care refuses to install over them and says what to
 * do instead. Nothing is deleted or overwritten.
 */
#include <dirent.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care.h"
#include "git/repo.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char usage[] = "usage: care hooks install|uninstall|status\n";

struct hooks {
	git_repository *repo;
	git_config *cfg;	/* all levels, for reading */
	git_config *local;	/* .git/config, for writing */
	const char *top;	/* the work tree, with a final '/' */
};

static char *get(struct hooks *h, const char *key)
{
	git_buf buf = { 0 };
	char *s = NULL;

	if (!git_config_get_string_buf(&buf, h->cfg, key))
		s = xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	return s;
}

/* The active hooks (not *.sample) in dir, other than pre-commit. */
static void other_hooks(const char *dir, struct strbuf *out, int *has_pre_commit)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	*has_pre_commit = 0;
	if (!d)
		return;
	while ((de = readdir(d))) {
		char *path = xstrfmt("%s/%s", dir, de->d_name);
		size_t n = strlen(de->d_name);
		struct stat st;
		if (de->d_name[0] != '.' && !(n > 7 && !strcmp(de->d_name + n - 7, ".sample")) &&
		    !stat(path, &st) && S_ISREG(st.st_mode) && (st.st_mode & 0111)) {
			if (!strcmp(de->d_name, "pre-commit")) {
				*has_pre_commit = 1;
			} else {
				strbuf_addstr(out, out->len ? ", " : "");
				strbuf_addstr(out, de->d_name);
			}
		}
		free(path);
	}
	closedir(d);
}

/* Where hooks run from now, as an absolute folder. */
static char *current_hooks_dir(struct hooks *h, char **configured)
{
	*configured = get(h, "core.hooksPath");
	if (*configured && (*configured)[0] == '/')
		return xstrdup(*configured);
	if (*configured)
		return xstrfmt("%s%s", h->top, *configured);
	return xstrfmt("%shooks", git_repository_commondir(h->repo));
}

static int install(struct hooks *h)
{
	char *configured = NULL, *dir = current_hooks_dir(h, &configured), *ours;
	struct strbuf others = STRBUF_INIT;
	int has_pre_commit, ret = 1;
	struct stat st;

	ours = xstrfmt("%shooks/pre-commit", h->top);
	if (stat(ours, &st) || !(st.st_mode & 0111)) {
		fprintf(stderr, _("care: %s is missing or not executable; restore it with 'git checkout -- hooks/pre-commit'\n"),
			ours);
		goto out;
	}
	if (configured && !strcmp(configured, "hooks")) {
		printf("%s", _("care: the pre-commit hook is already installed (core.hooksPath = hooks)\n"));
		ret = 0;
		goto out;
	}
	other_hooks(dir, &others, &has_pre_commit);
	if (others.len) {
		fprintf(stderr, _("care: %s holds other hooks (%s) that core.hooksPath would switch off, so nothing was changed.\n"
				  "care: instead, add this line to %s/pre-commit:\n"
				  "    tools/care check --staged || exit 1\n"),
			dir, others.buf, dir);
		goto out;
	}
	if ((configured && git_config_set_string(h->local, "care.savedHooksPath", configured) < 0) ||
	    (has_pre_commit && git_config_set_string(h->local, "care.previousHooksPath", dir) < 0) ||
	    git_config_set_string(h->local, "core.hooksPath", "hooks") < 0) {
		fprintf(stderr, _("care: cannot write git's configuration: %s\n"), gitrepo_error());
		goto out;
	}
	printf("%s", _("care: installed: every commit now runs 'care check --staged' (core.hooksPath = hooks)\n"));
	if (has_pre_commit)
		printf(_("care: your own hook %s/pre-commit still runs after care's check\n"), dir);
	ret = 0;
out:
	strbuf_release(&others);
	free(configured);
	free(dir);
	free(ours);
	return ret;
}

static int uninstall(struct hooks *h)
{
	char *configured = get(h, "core.hooksPath"), *saved = get(h, "care.savedHooksPath");
	int ret = 1;

	if (!configured || strcmp(configured, "hooks")) {
		printf("%s", _("care: the pre-commit hook is not installed\n"));
		ret = 0;
		goto out;
	}
	if ((saved ? git_config_set_string(h->local, "core.hooksPath", saved)
		   : git_config_delete_entry(h->local, "core.hooksPath")) < 0) {
		fprintf(stderr, _("care: cannot write git's configuration: %s\n"), gitrepo_error());
		goto out;
	}
	git_config_delete_entry(h->local, "care.savedHooksPath");
	git_config_delete_entry(h->local, "care.previousHooksPath");
	git_error_clear();
	printf("%s", _("care: uninstalled: commits are no longer checked by care\n"));
	ret = 0;
out:
	free(configured);
	free(saved);
	return ret;
}

static int status(struct hooks *h)
{
	char *configured = get(h, "core.hooksPath");
	int on = configured && !strcmp(configured, "hooks");

	printf("%s", on ? _("care: the pre-commit hook is installed\n")
			: _("care: the pre-commit hook is not installed; run 'make hooks'\n"));
	free(configured);
	return on ? 0 : 1;
}

int cmd_hooks(int argc, char **argv, struct care *ctx)
{
	struct hooks h = { NULL, NULL, NULL, NULL };
	int ret = 2;

	(void)ctx;
	if (argc != 2) {
		fputs(usage, stderr);
		return 2;
	}
	git_libgit2_init();
	if (git_repository_open_ext(&h.repo, ".", 0, NULL) < 0 ||
	    !(h.top = git_repository_workdir(h.repo))) {
		fprintf(stderr, "%s", _("care: not in a git work tree; run this inside the records repository\n"));
		goto out;
	}
	if (git_repository_config(&h.cfg, h.repo) < 0 ||
	    git_config_open_level(&h.local, h.cfg, GIT_CONFIG_LEVEL_LOCAL) < 0) {
		fprintf(stderr, _("care: cannot read git's configuration: %s\n"), gitrepo_error());
		goto out;
	}
	if (!strcmp(argv[1], "install"))
		ret = install(&h);
	else if (!strcmp(argv[1], "uninstall"))
		ret = uninstall(&h);
	else if (!strcmp(argv[1], "status"))
		ret = status(&h);
	else
		fputs(usage, stderr);
out:
	git_config_free(h.local);
	git_config_free(h.cfg);
	git_repository_free(h.repo);
	git_libgit2_shutdown();
	return ret;
}
