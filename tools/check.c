/*
 * care check: validates records against their schemas and each other, and
 * prints every problem found, sorted, with a summary; with --range, the
 * records of every commit of a range, as the server-side hooks do. The
 * exit code tells a hook or a script what happened: 0 clean (warnings
 * allowed), 1 problems in the records, 2 usage, schema or system failure.
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
#include "git/range.h"
#include "git/source.h"
#include "records/repo.h"
#include "util/error.h"
#include "util/strbuf.h"
#include "util/banned.h"

static const char *const usage[] = {
	N_("care check [--format text|json] [--staged | --as-of REV|DATE | PATH...]"),
	N_("care check --range A..B|REV [--verbose]"),
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

/*
 * The records of one commit, as --as-of reads them: its whole tree. The
 * diagnostics go to dl. 0, or -1 with error_last() when git fails; a
 * broken schema is a problem of that commit, in dl like any other.
 */
static int check_commit(const char *id, struct diag_list *dl, size_t *files)
{
	struct repo repo;
	struct source *src = NULL;
	int ret = -1;

	memset(&repo, 0, sizeof(repo));
	if (source_open(&src, SOURCE_REVISION, id) < 0)
		goto out;
	repo_init(&repo, src);
	if (repo_load_setup(&repo) >= 0 && repo_check(&repo, NULL, 0) < 0)
		goto out;
	repo_collect(&repo, dl);
	*files = repo.files;
	ret = 0;
out:
	repo_release(&repo);
	source_free(src);
	return ret;
}

/*
 * care check --range: every commit of the range by its own records, the
 * first commit of each records/ tree checked and the others known by it.
 * A commit is shown when it has errors (with its warnings), every commit
 * with verbose. Returns the exit code.
 */
static int check_range(const char *spec, int verbose)
{
	struct commit_range *range = NULL;
	size_t *errors = NULL, i, bad = 0;
	int ret = 2;

	if (commit_range_load(&range, spec) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (range->new_only)
		fprintf_printable(stderr, _("care: %zu commits in %s that no branch or tag here has yet, each checked by its own records\n"),
				  range->nr, spec);
	else
		fprintf_printable(stderr, _("care: %zu commits in %s, each checked by its own records\n"),
				  range->nr, spec);
	errors = xcalloc(range->nr + 1, sizeof(*errors));
	for (i = 0; i < range->nr; i++) {
		const struct range_commit *c = &range->v[i];
		struct diag_list dl = DIAG_LIST_INIT;
		size_t files = 0;

		if (c->same_as == i) {
			if (check_commit(c->id, &dl, &files) < 0) {
				fprintf_printable(stderr, "%s", error_last());
				diag_list_release(&dl);
				goto out;
			}
			errors[i] = diag_list_count(&dl, DIAG_ERROR);
		} else {
			errors[i] = errors[c->same_as];
		}
		if (errors[i] || verbose) {
			fprintf_printable(stdout, _("commit %.7s %s\n"), c->id, c->subject);
			if (c->same_as == i)
				print_diags(stdout, &dl, DIAG_TEXT, 0, NULL, NULL, 1, files);
			else
				printf(_("the same records as commit %.7s above, not checked again\n"),
				       range->v[c->same_as].id);
			putchar('\n');
		}
		diag_list_release(&dl);
		bad += errors[i] != 0;
	}
	printf(_("%zu commits checked, %zu with errors; records/ checked %zu time(s)\n"),
	       range->nr, bad, range->distinct);
	ret = bad ? 1 : 0;
out:
	free(errors);
	commit_range_free(range);
	return ret;
}

int cmd_check(int argc, char **argv, struct care *ctx)
{
	struct repo repo;
	struct source *src = NULL;
	struct diag_list all = DIAG_LIST_INIT;
	struct source_cache cache = { NULL, STRBUF_INIT };
	enum diag_format fmt = DIAG_TEXT;
	char **abs = NULL, **paths = NULL, *top = NULL;
	int i, npaths = 0, ret = 2, setup, staged = 0, verbose = 0;
	const char *as_of = NULL, *format = NULL, *range = NULL;
	const struct option table[] = {
		OPT_CHOICE(0, "format", &format, formats,
			   N_("print the problems as text (the default) or as JSON")),
		OPT_FLAG(0, "staged", &staged, N_("check what git is about to commit, not the folder")),
		OPT_ALIAS("cached"),
		OPT_STRING(0, "as-of", &as_of, N_("REV|DATE"),
			   N_("check the records as they were at a commit or a date")),
		OPT_STRING(0, "range", &range, N_("A..B|REV"),
			   N_("check the records of every commit in A..B, or of one commit")),
		OPT_FLAG('v', "verbose", &verbose, N_("with --range, show every commit, not only those with errors")),
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
	else if (i >= 0 && range && (staged || as_of))
		i = options_fail(&opt, _("'%s' cannot be used with '%s'"), "--range",
				 staged ? "--staged" : "--as-of");
	else if (i >= 0 && range && i < argc)
		i = options_fail(&opt, _("'%s' cannot be used with a PATH"), "--range");
	else if (i >= 0 && range && format && !strcmp(format, "json"))
		i = options_fail(&opt, _("'%s' cannot be used with '%s'"), "--range", "--format json");
	else if (i >= 0 && verbose && !range)
		i = options_fail(&opt, _("'%s' goes only with '%s'"), "--verbose", "--range");
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	if (range) {
		/*
		 * No records top is needed: a bare repository has none, and
		 * each commit brings its own records. Found, it says where
		 * records/ lies in the work tree.
		 */
		if (repo_find_top(&top) == 0 && chdir(top) < 0) {
			fprintf_printable(stderr, _("care: cannot change to '%s': %s\n"), top, strerror(errno));
			goto out;
		}
		ret = check_range(range, verbose);
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
