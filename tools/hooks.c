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
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "care.h"
#include "git/config.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/options.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *const usage[] = { N_("care hooks install|uninstall|status"), NULL };
static const char *const actions[] = { "install", "uninstall", "status", NULL };

struct hooks {
	struct gitconfig *cfg;
	const char *top;	/* the work tree, with a final '/' */
};

static char *get(struct hooks *h, const char *key)
{
	return gitconfig_get(h->cfg, key);
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
	return xstrfmt("%shooks", gitconfig_commondir(h->cfg));
}

static int install(struct hooks *h)
{
	char *configured = NULL, *dir = current_hooks_dir(h, &configured), *ours;
	struct strbuf others = STRBUF_INIT;
	int has_pre_commit, ret = 1;
	struct stat st;

	ours = xstrfmt("%shooks/pre-commit", h->top);
	if (stat(ours, &st) || !(st.st_mode & 0111)) {
		fprintf_printable(stderr, _("care: %s is missing or not executable; restore it with 'git checkout -- hooks/pre-commit'\n"),
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
		fprintf_printable(stderr, _("care: %s holds other hooks (%s) that core.hooksPath would switch off, so nothing was changed.\n"
					    "care: instead, add this line to %s/pre-commit:\n"
					    "    tools/care check --staged || exit 1\n"),
				  dir, others.buf, dir);
		goto out;
	}
	if ((configured && gitconfig_set(h->cfg, "care.savedHooksPath", configured) < 0) ||
	    (has_pre_commit && gitconfig_set(h->cfg, "care.previousHooksPath", dir) < 0) ||
	    gitconfig_set(h->cfg, "core.hooksPath", "hooks") < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	printf("%s", _("care: installed: every commit now runs 'care check --staged' (core.hooksPath = hooks)\n"));
	if (has_pre_commit)
		fprintf_printable(stdout, _("care: your own hook %s/pre-commit still runs after care's check\n"), dir);
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
	if ((saved ? gitconfig_set(h->cfg, "core.hooksPath", saved)
		   : gitconfig_unset(h->cfg, "core.hooksPath")) < 0 ||
	    gitconfig_unset(h->cfg, "care.savedHooksPath") < 0 ||
	    gitconfig_unset(h->cfg, "care.previousHooksPath") < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
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
	struct hooks h = { NULL, NULL };
	const struct option table[] = { OPT_END() };
	struct options opt = OPTIONS_INIT("hooks", usage, table, 0);
	int ret = 2, action;

	(void)ctx;
	action = options_word(&opt, argc, argv, options_parse(&opt, argc, argv), actions);
	if (action < 0) {
		ret = explain_options(&opt, action);
		return ret;
	}
	if (gitconfig_open(&h.cfg) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	h.top = gitconfig_workdir(h.cfg);
	if (!strcmp(actions[action], "install"))
		ret = install(&h);
	else if (!strcmp(actions[action], "uninstall"))
		ret = uninstall(&h);
	else
		ret = status(&h);
out:
	gitconfig_free(h.cfg);
	return ret;
}
