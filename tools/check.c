/*
 * care check: validates records against their schemas and each other, and
 * prints every problem found, sorted, with a summary. The exit code tells
 * a hook or a script what happened: 0 clean (warnings allowed), 1 problems
 * in the records, 2 usage, schema or system failure.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/options.h"
#include "git/source.h"
#include "records/repo.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *const usage[] = {
	N_("care check [--format text|json] [--staged | --as-of REV|DATE | PATH...]"),
	NULL,
};
static const char *const formats[] = { "text", "json", NULL };

struct source_cache {
	char *path;
	struct strbuf text;
};

/* Reads a file again to show the offending line under a diagnostic. */
static const char *read_source(void *data, const char *path, size_t *len)
{
	struct source_cache *c = data;

	if (!c->path || strcmp(c->path, path)) {
		free(c->path);
		c->path = xstrdup(path);
		strbuf_reset(&c->text);
		if (strbuf_read_file(&c->text, path, 1024 * 1024 + 1) < 0)
			return NULL;
	}
	*len = c->text.len;
	return c->text.buf;
}

/*
 * Turns the PATH arguments, given relative to where care was started, into
 * paths relative to the repository top that repo_find_top() moved to.
 */
static int relative_paths(char **in, int n, const char *top, char ***out)
{
	size_t toplen = strlen(top);
	int i;

	*out = xcalloc((size_t)n + 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		char *abs = realpath(in[i], NULL);
		if (!abs) {
			fprintf_printable(stderr, _("care: cannot open '%s': %s\n"), in[i], strerror(errno));
			return -1;
		}
		if (strncmp(abs, top, toplen) || (abs[toplen] && abs[toplen] != '/')) {
			fprintf_printable(stderr, _("care: '%s' is outside the records repository\n"), in[i]);
			free(abs);
			return -1;
		}
		(*out)[i] = xstrdup(abs[toplen] ? abs + toplen + 1 : "");
		free(abs);
	}
	return 0;
}

int cmd_check(int argc, char **argv, struct care *ctx)
{
	struct repo repo;
	struct source *src = NULL;
	struct diag_list all = DIAG_LIST_INIT;
	struct source_cache cache = { NULL, STRBUF_INIT };
	enum diag_format fmt = DIAG_TEXT;
	char **abs = NULL, **paths = NULL, *top = NULL;
	int i, npaths = 0, ret = 2, setup, staged = 0;
	const char *as_of = NULL, *format = NULL;
	const struct option table[] = {
		OPT_CHOICE(0, "format", &format, formats,
			   N_("print the problems as text (the default) or as JSON")),
		OPT_FLAG(0, "staged", &staged, N_("check what git is about to commit, not the folder")),
		OPT_ALIAS("cached"),
		OPT_STRING(0, "as-of", &as_of, N_("REV|DATE"),
			   N_("check the records as they were at a commit or a date")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("check", usage, table, 0);

	(void)ctx;
	memset(&repo, 0, sizeof(repo));
	i = options_parse(&opt, argc, argv);
	if (i >= 0 && staged && as_of)
		i = options_fail(&opt, _("'%s' cannot be used with '%s'"), "--staged", "--as-of");
	else if (i >= 0 && i < argc && (staged || as_of))
		i = options_fail(&opt, _("'%s' cannot be used with a PATH"),
				 staged ? "--staged" : "--as-of");
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	if (format && !strcmp(format, "json"))
		fmt = DIAG_JSON;
	npaths = argc - i;
	abs = xcalloc((size_t)npaths + 1, sizeof(char *));
	for (int k = 0; k < npaths; k++) {
		abs[k] = realpath(argv[i + k], NULL);
		if (!abs[k]) {
			fprintf_printable(stderr, _("care: cannot open '%s': %s\n"), argv[i + k],
					  strerror(errno));
			goto out;
		}
	}
	if (repo_find_top(&top) < 0 || chdir(top) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (npaths && relative_paths(abs, npaths, top, &paths) < 0)
		goto out;
	if (source_open(&src, staged ? SOURCE_INDEX : as_of ? SOURCE_REVISION : SOURCE_FOLDER, as_of) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		if (staged)
			fputs(_("care: nothing was committed.\n"), stderr);
		goto out;
	}
	if (as_of)
		fprintf(stderr, _("care: the records as of commit %.7s (%s), from git; the folder is not read\n"),
			src->commit, src->commit_day);
	repo_init(&repo, src);
	setup = repo_load_setup(&repo);
	if (setup >= 0 && repo_check(&repo, paths, (size_t)npaths) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		setup = -1;
	}
	repo_collect(&repo, &all);
	/* The working tree may differ from what is staged: show no source line then. */
	print_diags(stdout, &all, fmt, fmt == DIAG_TEXT && !staged && !as_of && isatty(1), read_source,
		    &cache, 1, repo.files);
	if (setup < 0)
		ret = 2;
	else
		ret = diag_list_count(&all, DIAG_ERROR) ? 1 : 0;
	if (staged && ret && !fflush(stdout))
		fputs(_("care: nothing was committed. Fix the problems above in the files, 'git add' them, and commit again.\n"),
		      stderr);
out:
	if (fflush(stdout) && ret == 0)
		ret = 2;
	for (i = 0; abs && i < npaths; i++) {
		free(abs[i]);
		free(paths ? paths[i] : NULL);
	}
	free(abs);
	free(paths);
	free(top);
	free(cache.path);
	strbuf_release(&cache.text);
	diag_list_release(&all);
	repo_release(&repo);
	source_free(src);
	return ret;
}
