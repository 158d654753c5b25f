/*
 * The one option parser of care and its commands: each declares a table,
 * and the parsing, the messages for a mistyped option and the usage text
 * all come from it, so that the commands cannot drift apart in how they
 * read "--format json" or in what they say about "--formt". Messages are
 * written for a teacher at a terminal: they name what was typed and what
 * would have been right, in Chinese under a Chinese locale.
 */
#include "util/options.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Options column and the gap before the help, as git's usage shows them. */
#define USAGE_WIDTH 24
#define USAGE_GAP 2

static const struct option help_option = {
	OPTION_HELP, 'h', "help", NULL, NULL, NULL, N_("show this help"),
};

int options_fail(struct options *o, const char *fmt, ...)
{
	size_t n, cut;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->error, sizeof(o->error), fmt, ap);
	va_end(ap);
	/*
	 * A message cut short by a very long argument must still be valid
	 * UTF-8: drop a character whose bytes did not all fit.
	 */
	n = strlen(o->error);
	if (n == sizeof(o->error) - 1) {
		cut = n;
		while (cut && ((unsigned char)o->error[cut - 1] & 0xc0) == 0x80)
			cut--;
		if (cut && (unsigned char)o->error[cut - 1] >= 0xc0) {
			uint32_t cp;
			if (utf8_decode(o->error + cut - 1, n - cut + 1, &cp) != n - cut + 1)
				o->error[cut - 1] = '\0';
		}
	}
	return OPTIONS_ERROR;
}

/* An alias stands for the entry before it. */
static const struct option *resolve(const struct option *table, const struct option *e)
{
	while (e->kind == OPTION_ALIAS && e > table)
		e--;
	return e;
}

static const struct option *find_long(const struct option *table, const char *name, size_t len)
{
	const struct option *e;

	for (e = table; e->kind != OPTION_END; e++)
		if (e->long_name && strlen(e->long_name) == len && !strncmp(e->long_name, name, len))
			return resolve(table, e);
	if (len == 4 && !strncmp(name, "help", 4))
		return &help_option;
	return NULL;
}

static const struct option *find_short(const struct option *table, char c)
{
	const struct option *e;

	for (e = table; e->kind != OPTION_END; e++)
		if (e->short_name == c)
			return e;
	return c == 'h' ? &help_option : NULL;
}

/* The closest long name to a mistyped one, if it is close enough to be the one meant. */
static const char *closest(const struct option *table, const char *name, size_t len)
{
	const struct option *e;
	const char *best = NULL;
	size_t d, best_d = (size_t)-1;
	char *typed = xstrndup(name, len);

	for (e = table; e->kind != OPTION_END; e++) {
		if (!e->long_name || (d = edit_distance(typed, e->long_name)) >= best_d)
			continue;
		best = e->long_name;
		best_d = d;
	}
	free(typed);
	return best && best_d <= 2 && 2 * best_d < len ? best : NULL;
}

static int unknown(struct options *o, const char *typed, size_t len)
{
	/* "-format" is "--format" with a dash missing; "--formt" a typo. */
	const char *name = typed[1] == '-' ? typed + 2 : typed + 1;
	const char *like = closest(o->table, name, len - (size_t)(name - typed));

	if (like)
		return options_fail(o, _("unknown option '%.*s'; did you mean '--%s'?"), (int)len, typed,
				    like);
	return options_fail(o, _("unknown option '%.*s'"), (int)len, typed);
}

static int choice_index(const char *const *words, const char *w)
{
	int k;

	for (k = 0; words[k]; k++)
		if (!strcmp(words[k], w))
			return k;
	return -1;
}

void options_add_choices(struct strbuf *out, const char *const *choices)
{
	char *list, *longer;
	int k;

	if (!choices[0])
		return;
	list = xstrdup(choices[0]);
	for (k = 1; choices[k]; k++) {
		longer = xstrfmt(choices[k + 1] ? _("%s, %s") : _("%s or %s"), list, choices[k]);
		free(list);
		list = longer;
	}
	strbuf_addstr(out, list);
	free(list);
}

/* One run of options_parse(). */
struct parser {
	struct options *o;
	int argc;
	char **argv;
	int i;			/* the argument being read */
	unsigned char *seen;	/* by table entry: its value was given */
};

/*
 * Stores the value of option e, which the user typed as typed (quoted in
 * messages), from value (after '=', or the rest of "-oDIR") or else from
 * the next argument, which p->i then steps over.
 */
static int take(struct parser *p, const struct option *e, const char *typed, size_t len,
		const char *value)
{
	struct options *o = p->o;
	struct strbuf what = STRBUF_INIT;
	int ret = 0, k;

	if (e->kind == OPTION_HELP || e->kind == OPTION_FLAG) {
		if (value)
			return options_fail(o, _("'%.*s' takes no value"), (int)len, typed);
		if (e->kind == OPTION_HELP)
			return OPTIONS_HELP;
		*(int *)e->value = 1;
		return 0;
	}
	if (p->seen[e - o->table]++)
		return options_fail(o, _("'%.*s' can be given only once"), (int)len, typed);
	if (e->kind == OPTION_CHOICE)
		options_add_choices(&what, e->choices);
	else if (e->arg)
		strbuf_addstr(&what, _(e->arg));
	if (!value && p->i + 1 >= p->argc) {
		ret = options_fail(o, _("'%.*s' needs a value: %s"), (int)len, typed, what.buf);
		goto out;
	}
	if (!value)
		value = p->argv[++p->i];
	if (e->kind == OPTION_CHOICE) {
		if ((k = choice_index(e->choices, value)) < 0) {
			ret = options_fail(o, _("'%.*s' must be %s, not '%s'"), (int)len, typed, what.buf,
					   value);
			goto out;
		}
		/* The table's own word, so that the caller may compare pointers. */
		value = e->choices[k];
	}
	*(const char **)e->value = value;
out:
	strbuf_release(&what);
	return ret;
}

/* Reads the option p->argv[p->i], which starts with '-'. */
static int one(struct parser *p)
{
	const char *a = p->argv[p->i], *eq = strchr(a, '=');
	const struct option *e;
	size_t len;

	if (a[1] == '-') {
		len = eq ? (size_t)(eq - a) : strlen(a);
		if (!(e = find_long(p->o->table, a + 2, len - 2)))
			return unknown(p->o, a, len);
		return take(p, e, a, len, eq ? eq + 1 : NULL);
	}
	e = find_short(p->o->table, a[1]);
	/* Short flags are not bundled: "-hx" is a mistake, not "-h -x". */
	if (!e || (a[2] && (e->kind == OPTION_FLAG || e->kind == OPTION_HELP)))
		return unknown(p->o, a, strlen(a));
	return take(p, e, a, 2, a[2] ? a + 2 : NULL);
}

int options_parse(struct options *o, int argc, char **argv)
{
	struct parser p = { o, argc, argv, 1, NULL };
	const struct option *e;
	char **args = xcalloc((size_t)argc + 1, sizeof(*args));
	int start, w = 1, nargs = 0, ret = 0;
	size_t n = 0;

	o->error[0] = '\0';
	for (e = o->table; e->kind != OPTION_END; e++)
		n++;
	p.seen = xcalloc(n + 1, 1);
	/*
	 * Options are compacted to the front of argv as they are read (w
	 * never passes p.i); the other arguments wait in args.
	 */
	for (; p.i < argc; p.i++) {
		const char *a = argv[p.i];
		if (a[0] != '-' || !a[1]) {
			if (o->flags & OPTIONS_STOP_AT_ARG)
				break;
			args[nargs++] = argv[p.i];
			continue;
		}
		if (!strcmp(a, "--")) {
			argv[w++] = argv[p.i++];
			break;
		}
		start = p.i;
		if ((ret = one(&p)) < 0)
			goto out;
		while (start <= p.i)
			argv[w++] = argv[start++];
	}
	/* The arguments met among the options, then those after "--" (or the stop). */
	memmove(argv + w + nargs, argv + p.i, (size_t)(argc - p.i) * sizeof(*argv));
	memcpy(argv + w, args, (size_t)nargs * sizeof(*argv));
	ret = w;
	if ((o->flags & OPTIONS_NO_ARGS) && w < argc)
		ret = options_fail(o, _("unexpected argument '%s'"), argv[w]);
out:
	free(args);
	free(p.seen);
	return ret;
}

int options_word(struct options *o, int argc, char **argv, int i, const char *const *words)
{
	struct strbuf list = STRBUF_INIT;
	int k = OPTIONS_ERROR;

	if (i < 0)
		return i;
	options_add_choices(&list, words);
	if (i >= argc)
		options_fail(o, _("say what to do: %s"), list.buf);
	else if (i + 1 < argc)
		options_fail(o, _("unexpected argument '%s'"), argv[i + 1]);
	else if ((k = choice_index(words, argv[i])) < 0)
		k = options_fail(o, _("'%s' is not %s"), argv[i], list.buf);
	strbuf_release(&list);
	return k;
}

/* Terminal columns of s: a Chinese argument name is two a character. */
static size_t columns(const char *s)
{
	size_t n = strlen(s), cols = 0, len;
	uint32_t cp;

	while (n) {
		len = utf8_decode(s, n, &cp);
		if (!len) {
			len = 1;
			cp = '?';
		}
		cols += (size_t)utf8_cpwidth(cp);
		s += len;
		n -= len;
	}
	return cols;
}

/* One option's line of the usage; aliases follow e in the table (not help_option). */
static void usage_line(struct strbuf *out, const struct option *e, int has_aliases)
{
	struct strbuf left = STRBUF_INIT;
	const struct option *alias;
	size_t cols;

	strbuf_addstr(&left, "    ");
	if (e->short_name)
		strbuf_addf(&left, "-%c", e->short_name);
	if (e->long_name)
		strbuf_addf(&left, "%s--%s", e->short_name ? ", " : "", e->long_name);
	for (alias = e + 1; has_aliases && alias->kind == OPTION_ALIAS; alias++)
		strbuf_addf(&left, ", --%s", alias->long_name);
	if (e->kind == OPTION_STRING && e->arg) {
		strbuf_addch(&left, ' ');
		strbuf_addstr(&left, _(e->arg));
	} else if (e->kind == OPTION_CHOICE) {
		for (int k = 0; e->choices[k]; k++)
			strbuf_addf(&left, "%s%s", k ? "|" : " ", e->choices[k]);
	}
	strbuf_addstr(out, left.buf);
	if (e->help) {
		cols = columns(left.buf);
		if (cols > USAGE_WIDTH) {
			strbuf_addch(out, '\n');
			cols = 0;
		}
		strbuf_addf(out, "%*s%s", (int)(USAGE_WIDTH + USAGE_GAP - cols), "", _(e->help));
	}
	strbuf_addch(out, '\n');
	strbuf_release(&left);
}

void options_usage(struct strbuf *out, const struct options *o)
{
	const struct option *e;
	int k;

	for (k = 0; o->usage && o->usage[k]; k++)
		strbuf_addf(out, k ? _("   or: %s\n") : _("usage: %s\n"), _(o->usage[k]));
	strbuf_addch(out, '\n');
	for (e = o->table; e->kind != OPTION_END; e++)
		if (e->kind != OPTION_ALIAS)
			usage_line(out, e, 1);
	usage_line(out, &help_option, 0);
}

int options_explain(const struct options *o, int code, struct strbuf *out)
{
	if (code == OPTIONS_HELP) {
		options_usage(out, o);
		return 0;
	}
	if (o->cmd)
		strbuf_addf(out, _("care %s: %s\n"), o->cmd, o->error);
	else
		strbuf_addf(out, _("care: %s\n"), o->error);
	options_usage(out, o);
	return 2;
}
