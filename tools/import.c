/*
 * care import: records from a spreadsheet a school keeps in Excel or WPS,
 * saved as CSV. Every row is checked as `care check` checks a record
 * before any file is written; problems are shown at the sheet's row and
 * column, and then nothing is imported. The files are written last, with
 * interrupting signals held back, so an import is all or nothing.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "records/import.h"
#include "records/kinds.h"
#include "records/repo.h"
#include "records/source.h"
#include "table/encoding.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/options.h"
#include "util/banned.h"

static const char *const usage[] = {
	N_("care import children|pairings|activities FILE.csv [--map MAP.yaml] [--dry-run] [--encoding utf-8|gb18030]"),
	NULL,
};
static const char *const encodings[] = { "utf-8", "gb18030", NULL };

/* path as given, made absolute: care moves to the records top before reading it. */
static char *absolute(const char *path)
{
	char *abs = path ? path_from_start(path) : NULL;

	return abs || !path ? abs : xstrdup(path);
}

static void print_plan(const struct import *im, int dry_run)
{
	size_t i;

	if (dry_run)
		printf(_("care import: would create %zu record(s) (--dry-run: nothing written):\n"), im->nitems);
	else
		printf(_("care import: created %zu record(s):\n"), im->nitems);
	for (i = 0; i < im->nitems; i++)
		fprintf_printable(stdout, _("  %s  %s (row %d)\n"), im->items[i].path, im->items[i].label,
				  im->items[i].row);
	if (im->skipped)
		printf(_("care import: %zu row(s) already in the repository were skipped\n"), im->skipped);
	/* What a teacher does next: nothing is in the school's history until committed. */
	if (!dry_run && im->nitems)
		printf("%s", _("Next: read the new files, then commit them: git add records && git commit -m \"导入名单\"\n"));
}

int cmd_import(int argc, char **argv, struct care *ctx)
{
	struct repo repo;
	struct import im;
	struct diag_list setup = DIAG_LIST_INIT;
	struct source *src = NULL;
	struct import_opts o;
	const char *map = NULL, *encoding = NULL;
	char *sheet_abs = NULL, *map_abs = NULL, *top = NULL;
	int i, k, dry_run = 0, ret = 2;
	sigset_t hold, old;
	const struct option table[] = {
		OPT_STRING(0, "map", &map, N_("MAP.yaml"), N_("the mapping file for a sheet whose headings care does not know")),
		OPT_FLAG(0, "dry-run", &dry_run, N_("show what would be created, and write nothing")),
		OPT_CHOICE(0, "encoding", &encoding, encodings, N_("the sheet's encoding (default: found from the text)")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("import", usage, table, 0);

	(void)ctx;
	memset(&repo, 0, sizeof(repo));
	import_init(&im, KIND_CHILD);
	i = options_parse(&opt, argc, argv);
	if (i >= 0 && argc - i != 2)
		i = options_fail(&opt, "%s", _("give what to import (children, pairings or activities) and the CSV file"));
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	for (k = 0; k < KIND_NR && strcmp(kind_dirs[k], argv[i]); k++)
		;
	if (k == KIND_NR) {
		ret = explain_options(&opt, options_fail(&opt, _("cannot import '%s'; import children, pairings or activities"), argv[i]));
		goto out;
	}
	im.kind = (enum kind)k;
	sheet_abs = absolute(argv[i + 1]);
	map_abs = absolute(map);
	memset(&o, 0, sizeof(o));
	o.sheet = sheet_abs;
	o.sheet_shown = argv[i + 1];
	o.map = map_abs;
	o.map_shown = map;
	o.encoding = encoding ? (enum table_encoding)table_encoding_from_name(encoding) : TABLE_ENC_AUTO;
	if (repo_find_top(&top) < 0 || chdir(top) < 0 || source_open_folder(&src) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	repo_init(&repo, src);
	if ((k = repo_load_setup(&repo)) != 0) {
		repo_collect(&repo, &setup);
		print_diags(stderr, &setup, DIAG_TEXT, 0, NULL, NULL, 0, 0);
		fputs(_("care: the setup (programme.yaml or a schema) has errors: nothing was imported; fix them first (care check shows them again)\n"),
		      stderr);
		ret = k < 0 ? 2 : 1;
		goto out;
	}
	if (import_prepare(&im, &repo, &o) < 0) {
		print_diags(stderr, &im.diags, DIAG_TEXT, 0, NULL, NULL, 0, 0);
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	print_diags(stderr, &im.diags, DIAG_TEXT, 0, NULL, NULL, 0, 0);
	ret = 1;
	if (im.sample) {
		fprintf_printable(stderr, im.sample_written ?
				  _("care: the sheet has headings care does not know; a mapping file was written to %s: edit it, then run again with --map %s\n") :
				  _("care: the sheet has headings care does not know; %s is already there (not replaced): edit it, then run again with --map %s\n"),
				  im.sample, im.sample);
		goto out;
	}
	if (diag_list_count(&im.diags, DIAG_ERROR)) {
		fprintf(stderr, _("care: %zu error(s) in the sheet: nothing was imported; correct the rows and run again\n"),
			diag_list_count(&im.diags, DIAG_ERROR));
		goto out;
	}
	ret = 2;
	if (!dry_run) {
		/* All or nothing: an interrupt waits until every file is in place, or none is. */
		sigemptyset(&hold);
		sigaddset(&hold, SIGINT);
		sigaddset(&hold, SIGTERM);
		sigaddset(&hold, SIGHUP);
		sigaddset(&hold, SIGQUIT);
		signal(SIGXFSZ, SIG_IGN);	/* a file size limit is a write error, not a death */
		sigprocmask(SIG_BLOCK, &hold, &old);
		k = import_write(&im);
		if (k < 0) {
			fprintf_printable(stderr, "%s", error_last());
			sigprocmask(SIG_SETMASK, &old, NULL);
			goto out;
		}
		print_plan(&im, dry_run);
		if (fflush(stdout))
			k = -1;
		sigprocmask(SIG_SETMASK, &old, NULL);
	} else {
		print_plan(&im, dry_run);
	}
	ret = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
out:
	import_release(&im);
	diag_list_release(&setup);
	repo_release(&repo);
	source_free(src);
	free(sheet_abs);
	free(map_abs);
	free(top);
	return ret;
}
