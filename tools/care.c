/*
 * The care front end: global options, then one command from the table.
 * Each command lives in its own file and returns the exit code.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "util/diag.h"
#include "util/fault.h"
#include "util/i18n.h"
#include "util/options.h"
#include "util/printable.h"
#include "util/strbuf.h"
#include "util/banned.h"

#ifndef CARE_VERSION
#define CARE_VERSION "0.1"
#endif

struct command {
	const char *name;
	int (*fn)(int argc, char **argv, struct care *ctx);
	const char *help;
};

static const struct command commands[] = {
	{ "check", cmd_check, "check records against the schemas and each other" },
	{ "history", cmd_history, "show each record's changes from git, field by field" },
	{ "export", cmd_export, "write records as a CSV sheet for Excel or WPS" },
	{ "hooks", cmd_hooks, "install or remove the git pre-commit hook" },
	{ "import", cmd_import, "make records from a CSV sheet saved by Excel or WPS" },
	{ "init", cmd_init, "start a new records repository for a school" },
	{ "new", cmd_new, "a new child, pairing or activity record to fill in" },
	{ "render", cmd_render, "write the static site from the records" },
	{ "report", cmd_report, "the programme's figures on a day, or the yearly work report" },
	{ "schema", cmd_schema, "write the schemas as JSON Schema for editors (--json)" },
	{ NULL, NULL, NULL },
};

static const char *const usage_lines[] = { N_("care [-C DIR] COMMAND [ARGS]"), NULL };

/* The table's usage, then the commands, which are not options. */
static void usage(FILE *out, const struct options *opt)
{
	struct strbuf sb = STRBUF_INIT;
	const struct command *c;

	options_usage(&sb, opt);
	strbuf_addstr(&sb, _("\ncommands:\n"));
	for (c = commands; c->name; c++)
		strbuf_addf(&sb, "  %-10s %s\n", c->name, _(c->help));
	strbuf_addstr(&sb, _("\nRun 'man care' or read README.md for details.\n"));
	fputs(sb.buf, out);
	strbuf_release(&sb);
}

/*
 * Git hands a hook paths relative to where it started it; care changes
 * folder (-C, the records top), so they are made absolute first.
 */
static void absolute_git_env(void)
{
	static const char *const vars[] = { "GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE",
					    "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR" };
	char cwd[4096];
	size_t i;

	if (!getcwd(cwd, sizeof(cwd)))
		return;
	for (i = 0; i < sizeof(vars) / sizeof(*vars); i++) {
		const char *v = getenv(vars[i]);
		char *abs;
		if (!v || !*v || v[0] == '/')
			continue;
		abs = xstrfmt("%s/%s", cwd, v);
		setenv(vars[i], abs, 1);
		free(abs);
	}
}

int explain_options(struct options *opt, int code)
{
	struct strbuf text = STRBUF_INIT;
	int ret = options_explain(opt, code, &text);

	fputs(text.buf, ret ? stderr : stdout);
	strbuf_release(&text);
	return ret;
}

int print_diags(FILE *out, const struct diag_list *dl, int fmt, int caret,
		const char *(*source)(void *data, const char *path, size_t *len), void *data,
		int summary, size_t files)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	diag_list_format(&sb, dl, (enum diag_format)fmt, caret, source, data);
	if (summary)
		diag_list_format_summary(&sb, dl, files, (enum diag_format)fmt);
	ret = fwrite(sb.buf, 1, sb.len, out) == sb.len ? 0 : -1;
	strbuf_release(&sb);
	return ret;
}

char *path_from_start(const char *path)
{
	char *cwd, *abs;

	if (path[0] == '/')
		return xstrdup(path);
	if (!(cwd = getcwd(NULL, 0)))
		return NULL;
	abs = xstrfmt("%s/%s", cwd, path);
	free(cwd);
	return abs;
}

int write_output(const char *path, const struct strbuf *sb)
{
	if (!path)
		return fwrite(sb->buf, 1, sb->len, stdout) == sb->len && fflush(stdout) == 0 ? 0 : -1;
	return write_file_replace(path, sb->buf, sb->len, 1);
}

int fprintf_printable(FILE *out, const char *fmt, ...)
{
	struct strbuf raw = STRBUF_INIT, shown = STRBUF_INIT;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	strbuf_vaddf(&raw, fmt, ap);
	va_end(ap);
	strbuf_add_printable(&shown, raw.buf, raw.len, 1);
	ret = fwrite(shown.buf, 1, shown.len, out) == shown.len ? 0 : -1;
	strbuf_release(&raw);
	strbuf_release(&shown);
	return ret;
}

#ifdef CARE_FAULTS
/* CARE_FAULT_COUNT=1: how many calls of each kind a run made, for tests/t0910-faults.sh. */
static void print_fault_counts(void)
{
	int k;

	for (k = 0; k < FAULT_KINDS; k++)
		fprintf(stderr, "care-fault-count: %s %lu\n", fault_name(k), fault_count(k));
}
#endif

int main(int argc, char **argv)
{
	const struct command *c;
	struct care ctx = { NULL };
	const char *dir = NULL;
	int i, version = 0;
	const struct option table[] = {
		OPT_STRING('C', NULL, &dir, N_("DIR"), N_("run as if care was started in DIR")),
		OPT_FLAG(0, "version", &version, N_("print care's version")),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT(NULL, usage_lines, table, OPTIONS_STOP_AT_ARG);

#ifdef CARE_FAULTS
	if (getenv("CARE_FAULT_COUNT"))
		atexit(print_fault_counts);
#endif
	i18n_init();
	absolute_git_env();
	i = options_parse(&opt, argc, argv);
	if (i == OPTIONS_HELP) {
		usage(stdout, &opt);
		return 0;
	}
	if (i < 0) {
		fprintf(stderr, _("care: %s\n"), opt.error);
		usage(stderr, &opt);
		return 2;
	}
	if (version) {
		printf("care %s\n", CARE_VERSION);
		return 0;
	}
	if (dir && chdir(dir) < 0) {
		fprintf(stderr, _("care: cannot change to '%s': %s\n"), dir, strerror(errno));
		return 2;
	}
	if (i >= argc) {
		usage(stderr, &opt);
		return 2;
	}
	if (!strcmp(argv[i], "help") && i + 1 < argc) {
		/* care help check: what care check -h says. */
		char *args[] = { argv[i + 1], (char *)"-h", NULL };
		for (c = commands; c->name; c++)
			if (!strcmp(c->name, argv[i + 1]))
				return c->fn(2, args, &ctx);
		fprintf(stderr, _("care: '%s' is not a care command\n\n"), argv[i + 1]);
		usage(stderr, &opt);
		return 2;
	}
	if (!strcmp(argv[i], "help")) {
		usage(stdout, &opt);
		return 0;
	}
	for (c = commands; c->name; c++)
		if (!strcmp(c->name, argv[i]))
			return c->fn(argc - i, argv + i, &ctx);
	fprintf(stderr, _("care: '%s' is not a care command\n\n"), argv[i]);
	usage(stderr, &opt);
	return 2;
}
