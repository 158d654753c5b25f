#ifndef CARE_OPTIONS_H
#define CARE_OPTIONS_H

#include "util/i18n.h"
#include "util/strbuf.h"

/*
 * Command-line options, declared as a table so that parsing, error
 * messages and the usage text all come from one place (git's
 * parse-options, much smaller). A command writes
 *
 *	static const char *const usage[] = { N_("care check [--format text|json] [PATH...]"), NULL };
 *	const struct option table[] = {
 *		OPT_CHOICE(0, "format", &format, formats, N_("print the problems as text or as JSON")),
 *		OPT_FLAG(0, "staged", &staged, N_("check what git is about to commit")),
 *		OPT_ALIAS("cached"),
 *		OPT_END(),
 *	};
 *	struct options opt = OPTIONS_INIT("check", usage, table, 0);
 *	int i = options_parse(&opt, argc, argv);
 *
 * and finds its arguments in argv[i..argc). Nothing here prints: an error
 * comes back as OPTIONS_ERROR with the message in opt.error, and
 * options_explain() gives the text the command shows.
 */

/* Marks a string for translation where _() cannot be called (tables). */

enum option_kind {
	OPTION_END,	/* ends a table */
	OPTION_FLAG,	/* sets the int at value to 1; may be given again */
	OPTION_STRING,	/* stores the argument (borrowed from argv) in the const char * at value */
	OPTION_CHOICE,	/* the same, but the argument must be one of choices */
	OPTION_ALIAS,	/* another long name for the entry before it */
	OPTION_HELP,	/* -h and --help, which every table has without asking */
};

struct option {
	enum option_kind kind;
	char short_name;		/* 'o' for -o, or 0 */
	const char *long_name;		/* "format" for --format, or NULL */
	void *value;
	const char *arg;		/* the value's name in the usage: "DIR" */
	const char *const *choices;	/* NULL-terminated words, for OPTION_CHOICE */
	const char *help;		/* one line, untranslated (N_) */
};

/*
 * The conditional checks the type of what value points to: a flag wants
 * an int, a string or choice a const char *.
 */
#define OPT_END() { OPTION_END, 0, NULL, NULL, NULL, NULL, NULL }
#define OPT_FLAG(s, l, v, h) { OPTION_FLAG, (s), (l), 1 ? (v) : (int *)0, NULL, NULL, (h) }
#define OPT_STRING(s, l, v, a, h) \
	{ OPTION_STRING, (s), (l), 1 ? (v) : (const char **)0, (a), NULL, (h) }
#define OPT_CHOICE(s, l, v, c, h) \
	{ OPTION_CHOICE, (s), (l), 1 ? (v) : (const char **)0, NULL, (c), (h) }
#define OPT_ALIAS(l) { OPTION_ALIAS, 0, (l), NULL, NULL, NULL, NULL }

/*
 * Commands stop at the first argument that is not an option only when
 * asked (care's own options, before the command name); otherwise options
 * may come after arguments, as in git.
 */
#define OPTIONS_STOP_AT_ARG	(1u << 0)
/* A command that takes no arguments: one is an error. */
#define OPTIONS_NO_ARGS		(1u << 1)

struct options {
	const char *cmd;		/* "check", for messages; NULL for care itself */
	const char *const *usage;	/* synopsis lines without "usage: ", NULL-terminated, untranslated */
	const struct option *table;
	unsigned flags;			/* OPTIONS_* */
	char error[256];		/* what was wrong, translated, after OPTIONS_ERROR */
};

#define OPTIONS_INIT(cmd, usage, table, flags) { (cmd), (usage), (table), (flags), "" }

enum {
	OPTIONS_HELP = -1,	/* -h or --help: show the usage, exit 0 */
	OPTIONS_ERROR = -2,	/* a usage error, described in error: exit 2 */
};

/*
 * Parses argv[1..argc) against the table and returns the index of the
 * first argument that is not an option: those are moved, in their order,
 * to the end of argv, so the command finds them in argv[i..argc). Both
 * "--name=value" and "--name value" work, and "-o value" and "-ovalue";
 * "--" ends the options; "-" alone is an argument. Long names are never
 * abbreviated. A string or choice option may be given only once, because
 * with two values one of them was a mistake (a flag may be repeated). On
 * an error returns OPTIONS_ERROR with o->error set, and values already
 * stored may stay stored.
 */
int options_parse(struct options *o, int argc, char **argv);

/*
 * Sets o->error, for a rule the table cannot express (options that
 * exclude each other), and returns OPTIONS_ERROR. The message is
 * translated by the caller, as _("...").
 */
int options_fail(struct options *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * For a command whose one argument is a word of a list (care hooks
 * install): checks that argv[i] is the last argument and one of words,
 * and returns its index in words, or OPTIONS_ERROR. A negative i is
 * returned as it is, so the call can follow options_parse() directly.
 */
int options_word(struct options *o, int argc, char **argv, int i, const char *const *words);

/* Appends "a, b or c", translated. */
void options_add_choices(struct strbuf *out, const char *const *choices);

/* Appends the usage: the synopsis lines, then a line for each option. */
void options_usage(struct strbuf *out, const struct options *o);

/*
 * The text to show for a negative code from options_parse(), appended to
 * out, and the exit code: for OPTIONS_HELP the usage, which goes to
 * stdout, and 0; for OPTIONS_ERROR "care CMD: what was wrong" and the
 * usage, which go to stderr, and 2.
 */
int options_explain(const struct options *o, int code, struct strbuf *out);

#endif
