/*
 * care export: the records of one kind as a spreadsheet that Excel and
 * WPS open with the Chinese intact (UTF-8 with a byte order mark, or
 * GB18030 for old ones), with the headings care import reads back. The
 * records are checked first, as for a report: a sheet missing the rows
 * that have errors would look complete and not be.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "records/export.h"
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
	N_("care export children|pairings|activities [--full] [-o FILE] [--encoding utf-8|gb18030]"),
	NULL,
};
static const char *const encodings[] = { "utf-8", "gb18030", NULL };

int cmd_export(int argc, char **argv, struct care *ctx)
{
	struct repo repo;
	struct diag_list all = DIAG_LIST_INIT;
	struct source *src = NULL;
	struct exporter *ex = NULL;
	struct strbuf csv = STRBUF_INIT, out = STRBUF_INIT;
	const char *file = NULL, *encoding = NULL;
	char *top = NULL, *out_path = NULL;
	int i, k, full = 0, ret = 2;
	const struct option table[] = {
		OPT_FLAG(0, "full", &full, N_("include the sensitive columns: phones, work places, address, health")),
		OPT_STRING('o', NULL, &file, N_("FILE"), N_("write to FILE instead of standard output")),
		OPT_CHOICE(0, "encoding", &encoding, encodings, N_("utf-8 (default, with a byte order mark) or gb18030 for old spreadsheets")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("export", usage, table, 0);

	(void)ctx;
	memset(&repo, 0, sizeof(repo));
	i = options_parse(&opt, argc, argv);
	if (i >= 0 && argc - i != 1)
		i = options_fail(&opt, "%s", _("give what to export: children, pairings or activities"));
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	for (k = 0; k < KIND_NR && strcmp(kind_dirs[k], argv[i]); k++)
		;
	if (k == KIND_NR) {
		ret = explain_options(&opt, options_fail(&opt, _("cannot export '%s'; export children, pairings or activities"), argv[i]));
		goto out;
	}
	/* -o is relative to where care was started, not the records top. */
	if (file && file[0] != '/') {
		if (!(out_path = path_from_start(file)))
			goto out;
		file = out_path;
	}
	if (repo_find_top(&top) < 0 || chdir(top) < 0 || source_open_folder(&src) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	repo_init(&repo, src);
	if ((i = repo_load_setup(&repo)) != 0) {
		repo_collect(&repo, &all);
		print_diags(stderr, &all, DIAG_TEXT, 0, NULL, NULL, 0, 0);
		fputs(_("care: the setup (programme.yaml or a schema) has errors: nothing was exported; fix them first (care check shows them again)\n"),
		      stderr);
		ret = i < 0 ? 2 : 1;
		goto out;
	}
	ex = exporter_new(&repo, (enum kind)k, full);
	repo_set_hooks(&repo, &(struct repo_hooks){ exporter_keep, NULL, ex });
	if (repo_check(&repo, NULL, 0) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	repo_collect(&repo, &all);
	print_diags(stderr, &all, DIAG_TEXT, 0, NULL, NULL, 0, 0);
	if (diag_list_count(&all, DIAG_ERROR)) {
		fprintf(stderr, _("care: %zu error(s) in the records: nothing was exported, because the sheet would leave those records out; fix them (care check shows them again)\n"),
			diag_list_count(&all, DIAG_ERROR));
		ret = 1;
		goto out;
	}
	exporter_finish(ex, &csv);
	if (table_encode(&out, csv.buf, csv.len,
			 encoding ? (enum table_encoding)table_encoding_from_name(encoding) : TABLE_ENC_UTF8) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (write_output(file, &out) < 0) {
		fprintf_printable(stderr, _("care: cannot write %s: %s\n"), file ? file : _("standard output"),
				  strerror(errno));
		goto out;
	}
	ret = 0;
out:
	exporter_free(ex);
	strbuf_release(&csv);
	strbuf_release(&out);
	diag_list_release(&all);
	repo_release(&repo);
	source_free(src);
	free(top);
	free(out_path);
	return ret;
}
