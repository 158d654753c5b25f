/*
 * The care front end: global options, then one command from the table.
 * Each command lives in its own file and returns the exit code.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "care.h"
#include "util/i18n.h"
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
	{ "hooks", cmd_hooks, "install or remove the git pre-commit hook" },
	{ "render", cmd_render, "write the static site from the records" },
	{ NULL, NULL, NULL },
};

static void usage(FILE *out)
{
	const struct command *c;

	fputs(_("usage: care [-C DIR] COMMAND [ARGS]\n\ncommands:\n"), out);
	for (c = commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, _(c->help));
	fputs(_("\nRun 'man care' or read README.md for details.\n"), out);
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

int main(int argc, char **argv)
{
	const struct command *c;
	struct care ctx = { NULL };
	int i = 1;

	i18n_init();
	absolute_git_env();
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-C") && i + 1 < argc) {
			if (chdir(argv[i + 1]) < 0) {
				fprintf(stderr, _("care: cannot change to '%s': %s\n"), argv[i + 1],
					strerror(errno));
				return 2;
			}
			i += 2;
		} else if (!strcmp(argv[i], "--version")) {
			printf("care %s\n", CARE_VERSION);
			return 0;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[i], "help")) {
		usage(stdout);
		return 0;
	}
	for (c = commands; c->name; c++)
		if (!strcmp(c->name, argv[i]))
			return c->fn(argc - i, argv + i, &ctx);
	fprintf(stderr, _("care: '%s' is not a care command\n\n"), argv[i]);
	usage(stderr);
	return 2;
}
