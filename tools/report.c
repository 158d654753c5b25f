/*
 * care report: the programme's figures on a day, or the yearly work
 * report. The records are checked first, as for a render: figures from
 * records with errors would be trusted as if they were right, so errors
 * stop it; warnings are shown and the report is made.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "git/head.h"
#include "git/source.h"
#include "records/repo.h"
#include "report/facts.h"
#include "report/figures.h"
#include "report/report.h"
#include "util/calendar.h"
#include "util/diag.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/options.h"
#include "util/banned.h"

static const char *const usage[] = {
	N_("care report [--date YYYY-MM-DD] [--as-of REV|DATE] [--format md|html|json] [-o FILE]"),
	N_("care report --year YYYY-YYYY [--as-of REV|DATE] [--format md|html] [-o FILE]"),
	NULL,
};
static const char *const formats[] = { "md", "html", "json", NULL };

/* The school year labelled "2025-2026": 0 with its first year, or -1. */
static int parse_year(const char *s, int *year)
{
	int a, b;
	char end;

	if (!s || strlen(s) != 9 || sscanf(s, "%4d-%4d%c", &a, &b, &end) != 2 || b != a + 1 ||
	    a < CAL_MIN_YEAR || b > CAL_MAX_YEAR)
		return -1;
	*year = a;
	return 0;
}

/*
 * A child counted on D in a grade outside 1-6: the figures count it as
 * such (by_grade says so), and the reader is told which file to look at.
 * The check's own warning speaks of today; this one of D.
 */
static void grade_warnings(const struct figures *fig, const struct facts *f)
{
	struct diag_list dl = DIAG_LIST_INIT;
	size_t i;

	for (i = 0; i < f->nkids; i++) {
		char *path;
		if (!fig->enrolled_on[i] || (fig->grade_of[i] >= 1 && fig->grade_of[i] <= 6))
			continue;
		path = xstrfmt("records/children/%s.yaml", f->kids[i].id);
		diag_add(&dl, path, f->kids[i].cohort_line, f->kids[i].cohort_col, DIAG_WARNING, "grade-range",
			 _("on %s this child is counted in grade %d (cohort %d), outside grades 1-6; if the child had left primary school by then, set 'status' and 'status_date', otherwise correct the cohort"),
			 fig->date, fig->grade_of[i], f->kids[i].dates.cohort);
		free(path);
	}
	print_diags(stderr, &dl, DIAG_TEXT, 0, NULL, NULL, 0, 0);
	diag_list_release(&dl);
}

/* What git says of the working folder, asked on a thread of its own. */
struct head {
	int state, dirty;
	char head[41];
	char *error;		/* error_last() is per thread: copied here */
};

static void *head_state(void *data)
{
	struct head *h = data;

	h->state = git_head_state(h->head, &h->dirty);
	if (h->state < 0)
		h->error = xstrdup(error_last());
	return NULL;
}

int cmd_report(int argc, char **argv, struct care *ctx)
{
	struct repo repo;
	struct diag_list all = DIAG_LIST_INIT;
	struct source *src = NULL;
	struct facts *facts = NULL;
	struct figures fig;
	struct report_meta meta = { NULL, 0, NULL };
	struct strbuf out = STRBUF_INIT, words = STRBUF_INIT, md = STRBUF_INIT;
	const char *date = NULL, *as_of = NULL, *format = "md", *file = NULL, *year_label = NULL;
	char *top = NULL, *out_path = NULL, day[CAL_DATE_SIZE];
	struct head git = { 0, 0, "", NULL };
	pthread_t git_thread;
	int git_running = 0;
	int i, ret = 2, year = 0, have_fig = 0;
	const struct option table[] = {
		OPT_STRING(0, "date", &date, N_("YYYY-MM-DD"), N_("the day the figures are for (default: today)")),
		OPT_STRING(0, "as-of", &as_of, N_("REV|DATE"),
			   N_("read the records as they were at a commit or a date")),
		OPT_CHOICE(0, "format", &format, formats, N_("md (default), html (a page with charts) or json")),
		OPT_STRING(0, "year", &year_label, N_("YYYY-YYYY"), N_("the yearly work report of that school year")),
		OPT_STRING('o', NULL, &file, N_("FILE"), N_("write to FILE instead of standard output")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("report", usage, table, OPTIONS_NO_ARGS);

	(void)ctx;
	memset(&repo, 0, sizeof(repo));
	memset(&fig, 0, sizeof(fig));
	i = options_parse(&opt, argc, argv);
	if (i < 0) {
		ret = explain_options(&opt, i);
		goto out;
	}
	if (date && !cal_valid(date)) {
		ret = explain_options(&opt, options_fail(&opt, _("--date %s is not a date; write it as YYYY-MM-DD, such as 2025-11-15"), date));
		goto out;
	}
	if (year_label && parse_year(year_label, &year) < 0) {
		ret = explain_options(&opt, options_fail(&opt, _("--year %s is not a school year; write it as 2025-2026"), year_label));
		goto out;
	}
	if (year_label && !strcmp(format, "json")) {
		ret = explain_options(&opt, options_fail(&opt, "%s", _("--year writes a report for people: use --format md or html; the figures as JSON come without --year")));
		goto out;
	}
	/* -o is relative to where care was started, not the records top. */
	if (file && file[0] != '/') {
		if (!(out_path = path_from_start(file)))
			goto out;
		file = out_path;
	}
	if (repo_find_top(&top) < 0 || chdir(top) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (source_open(&src, as_of ? SOURCE_REVISION : SOURCE_FOLDER, as_of) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (as_of) {
		fprintf(stderr, _("care: the records as of commit %.7s (%s), from git; the folder is not read\n"),
			src->commit, src->commit_day);
		meta.commit = src->commit;
	} else if (pthread_create(&git_thread, NULL, head_state, &git) == 0) {
		/* git's status of a county's records takes a while: beside the check. */
		git_running = 1;
	} else {
		head_state(&git);
	}
	repo_init(&repo, src);
	i = repo_load_setup(&repo);
	if (i) {
		repo_collect(&repo, &all);
		print_diags(stderr, &all, DIAG_TEXT, 0, NULL, NULL, 0, 0);
		fputs(_("care: the setup (programme.yaml or a schema) has errors: no report was made; fix them first (care check shows them again)\n"),
		      stderr);
		ret = i < 0 ? 2 : 1;
		goto out;
	}
	facts = facts_new(&repo.prog);
	repo_set_hooks(&repo, &(struct repo_hooks){ report_keep, NULL, facts });
	if (repo_check(&repo, NULL, 0) < 0) {
		fprintf_printable(stderr, "%s", error_last());
		goto out;
	}
	if (git_running) {
		pthread_join(git_thread, NULL);
		git_running = 0;
	}
	if (!as_of && git.state < 0) {
		fprintf_printable(stderr, "%s", git.error);
		goto out;
	}
	if (!as_of) {
		meta.commit = git.state ? git.head : NULL;
		meta.dirty = git.dirty;
	}
	repo_collect(&repo, &all);
	print_diags(stderr, &all, DIAG_TEXT, 0, NULL, NULL, 0, 0);
	if (diag_list_count(&all, DIAG_ERROR)) {
		fprintf(stderr, _("care: %zu error(s) in the records: no report was made, because figures from records with errors would be wrong; fix them (care check shows them again)\n"),
			diag_list_count(&all, DIAG_ERROR));
		ret = 1;
		goto out;
	}
	facts_finish(facts);
	meta.today = repo.today;
	/* D: --date; else an --as-of date; else today (or, for --year, the year's last day). */
	memcpy(day, date ? date : as_of && cal_valid(as_of) ? as_of : repo.today, CAL_DATE_SIZE);
	if (year_label && !date && figures_year_day(&repo.prog, year, repo.today, day) < 0)
		goto out;
	if (figures_at(&fig, facts, day) < 0)
		goto out;
	have_fig = 1;
	grade_warnings(&fig, facts);
	if (year_label && fig.year != year) {
		ret = explain_options(&opt, options_fail(&opt, _("--date %s is not in the school year %s"), day, year_label));
		goto out;
	}
	if (!strcmp(format, "json")) {
		report_json(&out, &fig, &meta);
	} else {
		if (year_label) {
			char *path = xstrfmt("records/report/%s.md", year_label);
			if (src->ops->read(src, 0, path, 1 << 20, &words) < 0)
				strbuf_reset(&words);
			free(path);
			report_year_markdown(&md, &repo, facts, &fig, &meta, words.buf);
		} else {
			report_markdown(&md, &repo, facts, &fig, &meta);
		}
		if (!strcmp(format, "html"))
			report_html(&out, md.buf, &fig, &repo, repo.prog.school);
		else
			strbuf_add(&out, md.buf, md.len);
	}
	if (write_output(file, &out) < 0) {
		fprintf_printable(stderr, _("care: cannot write %s: %s\n"), file ? file : _("standard output"),
				  strerror(errno));
		goto out;
	}
	if (file)
		fprintf_printable(stderr, _("care: wrote the report to %s\n"), file);
	ret = 0;
out:
	if (git_running)
		pthread_join(git_thread, NULL);
	free(git.error);
	if (have_fig)
		figures_release(&fig);
	facts_free(facts);
	strbuf_release(&out);
	strbuf_release(&md);
	strbuf_release(&words);
	diag_list_release(&all);
	repo_release(&repo);
	source_free(src);
	free(top);
	free(out_path);
	return ret;
}
