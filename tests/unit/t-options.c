/* Unit tests for options.c: the parser every command's options go through. */
#include <stdint.h>
#include <string.h>

#include "util/i18n.h"
#include "util/options.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "tap.h"

static const char *const formats[] = { "text", "json", NULL };
static const char *const usage[] = { "care test [--format text|json] [PATH...]", NULL };

/* One parse of a command line, with what a command would have after it. */
struct run {
	const char *format, *as_of, *dir;
	int staged;
	int i;			/* options_parse()'s return */
	int argc;
	char *argv[16];
	char words[256];
	struct option table[6];
	struct options opt;
};

/* Parses the space-separated words after "test" as a command's argv. */
static int parse(struct run *r, unsigned flags, const char *line)
{
	const struct option t[] = {
		OPT_CHOICE(0, "format", &r->format, formats, "how to print"),
		OPT_FLAG(0, "staged", &r->staged, "the index"),
		OPT_ALIAS("cached"),
		OPT_STRING(0, "as-of", &r->as_of, "REV", "a commit"),
		OPT_STRING('C', NULL, &r->dir, "DIR", "a folder"),
		OPT_END(),
	};
	struct options opt = OPTIONS_INIT("test", usage, r->table, flags);
	char *p;

	memset(r, 0, sizeof(*r));
	memcpy(r->table, t, sizeof(t));
	r->opt = opt;
	r->argv[r->argc++] = (char *)"test";
	snprintf(r->words, sizeof(r->words), "%s", line);
	for (p = r->words; *p && r->argc < 15;) {
		r->argv[r->argc++] = p;
		p += strcspn(p, " ");
		if (*p)
			*p++ = '\0';
	}
	r->i = options_parse(&r->opt, r->argc, r->argv);
	return r->i;
}

static void test_spellings(struct run *r)
{
	is_int(parse(r, 0, "--format=json"), 2, "--format=json: no arguments left");
	is_str(r->format, "json", "--format=json stores json");
	ok(r->format == formats[1], "a choice stores the table's own word");
	is_int(parse(r, 0, "--format json"), 3, "--format json: both words are the option");
	is_str(r->format, "json", "--format json stores json");
	parse(r, 0, "-C dir");
	is_str(r->dir, "dir", "-C dir");
	parse(r, 0, "-Cdir");
	is_str(r->dir, "dir", "-Cdir");
	parse(r, 0, "--cached");
	is_int(r->staged, 1, "an alias sets its entry");
	is_int(parse(r, 0, "--staged --cached --staged"), 4, "a flag may be repeated");
	parse(r, 0, "--as-of=");
	is_str(r->as_of, "", "--as-of= gives an empty value, for the command to judge");
	is_int(parse(r, 0, "-h"), OPTIONS_HELP, "-h asks for help");
	is_int(parse(r, 0, "--help"), OPTIONS_HELP, "--help asks for help");
}

static void test_arguments(struct run *r)
{
	int i = parse(r, 0, "a --format text b -- --staged -c");

	is_int(r->argc - i, 4, "four arguments, from both sides of the options and after --");
	ok(i >= 0 && !strcmp(r->argv[i], "a") && !strcmp(r->argv[i + 1], "b") &&
		   !strcmp(r->argv[i + 2], "--staged") && !strcmp(r->argv[i + 3], "-c"),
	   "arguments keep their order; after -- nothing is an option");
	is_int(r->staged, 0, "--staged after -- is an argument");
	is_str(r->format, "text", "an option between arguments is read");
	i = parse(r, 0, "- --staged");
	ok(i == 2 && !strcmp(r->argv[2], "-"), "a lone - is an argument");
	i = parse(r, OPTIONS_STOP_AT_ARG, "-C x check --format json");
	ok(i == 3 && !strcmp(r->argv[3], "check") && !r->format,
	   "OPTIONS_STOP_AT_ARG leaves what follows the first argument alone");
	is_str(r->dir, "x", "and reads the options before it");
	is_int(parse(r, OPTIONS_NO_ARGS, "--staged x"), OPTIONS_ERROR,
	       "OPTIONS_NO_ARGS refuses an argument");
	is_str(r->opt.error, "unexpected argument 'x'", "naming it");
}

static void test_errors(struct run *r)
{
	is_int(parse(r, 0, "--as-of"), OPTIONS_ERROR, "a missing value is an error");
	is_str(r->opt.error, "'--as-of' needs a value: REV", "naming the value");
	parse(r, 0, "--format");
	is_str(r->opt.error, "'--format' needs a value: text or json", "or the choices");
	parse(r, 0, "-C");
	is_str(r->opt.error, "'-C' needs a value: DIR", "for a short option too");
	is_int(parse(r, 0, "--format=xml"), OPTIONS_ERROR, "a bad choice is an error");
	is_str(r->opt.error, "'--format' must be text or json, not 'xml'", "naming the choices");
	parse(r, 0, "--format ful");
	is_str(r->opt.error, "'--format' must be text or json, not 'ful'", "in either spelling");
	is_int(parse(r, 0, "--zzz"), OPTIONS_ERROR, "an unknown option is an error");
	is_str(r->opt.error, "unknown option '--zzz'", "naming it");
	parse(r, 0, "--formt=json");
	is_str(r->opt.error, "unknown option '--formt'; did you mean '--format'?",
	       "a near miss is named with what was meant, without its value");
	parse(r, 0, "-format");
	is_str(r->opt.error, "unknown option '-format'; did you mean '--format'?", "as is a missing dash");
	parse(r, 0, "-q");
	is_str(r->opt.error, "unknown option '-q'", "an unknown short option");
	parse(r, 0, "-hx");
	is_str(r->opt.error, "unknown option '-hx'", "short flags are not bundled");
	parse(r, 0, "--staged=yes");
	is_str(r->opt.error, "'--staged' takes no value", "a flag takes no value");
	parse(r, 0, "--as-of a --as-of b");
	is_str(r->opt.error, "'--as-of' can be given only once", "a value option given twice");
	parse(r, 0, "--format text --format=text");
	is_str(r->opt.error, "'--format' can be given only once", "even with the same value");
	is_int(options_fail(&r->opt, "%s and %s", "a", "b"), OPTIONS_ERROR,
	       "options_fail returns the error code");
	is_str(r->opt.error, "a and b", "and sets the message");
}

/* options_word() after a parse, as care hooks calls it. */
static int word(struct run *r, const char *line)
{
	static const char *const actions[] = { "install", "uninstall", "status", NULL };
	int i = parse(r, 0, line);

	return options_word(&r->opt, r->argc, r->argv, i, actions);
}

static void test_word(struct run *r)
{
	is_int(word(r, "status"), 2, "options_word gives the word's index");
	is_int(word(r, ""), OPTIONS_ERROR, "no word is an error");
	is_str(r->opt.error, "say what to do: install, uninstall or status", "listing the words");
	word(r, "instal");
	is_str(r->opt.error, "'instal' is not install, uninstall or status", "a wrong word");
	word(r, "install now");
	is_str(r->opt.error, "unexpected argument 'now'", "a word too many");
	is_int(word(r, "--zzz"), OPTIONS_ERROR, "a parse error passes through");
	is_str(r->opt.error, "unknown option '--zzz'", "with its message");
}

static void test_usage(struct run *r)
{
	struct strbuf sb = STRBUF_INIT;

	parse(r, 0, "");
	options_usage(&sb, &r->opt);
	is_str(sb.buf,
	       "usage: care test [--format text|json] [PATH...]\n"
	       "\n"
	       "    --format text|json    how to print\n"
	       "    --staged, --cached    the index\n"
	       "    --as-of REV           a commit\n"
	       "    -C DIR                a folder\n"
	       "    -h, --help            show this help\n",
	       "the usage comes from the table");
	strbuf_reset(&sb);
	parse(r, 0, "--formt");
	is_int(options_explain(&r->opt, r->i, &sb), 2, "a usage error exits 2");
	ok(!strncmp(sb.buf, "care test: unknown option '--formt'", 35) && strstr(sb.buf, "\nusage: "),
	   "with the message first, then the usage");
	strbuf_reset(&sb);
	parse(r, 0, "--help");
	is_int(options_explain(&r->opt, r->i, &sb), 0, "help exits 0");
	ok(!strncmp(sb.buf, "usage: ", 7), "with the usage alone");
	strbuf_release(&sb);
}

static void test_chinese(struct run *r)
{
	struct strbuf sb = STRBUF_INIT;
	char arg[300];
	size_t n, len, off;
	uint32_t cp;
	int valid = 1;

	i18n_set("zh");
	parse(r, 0, "--formt");
	is_str(r->opt.error, "没有“--formt”这个选项，是不是要写“--format”？", "messages are translated");
	parse(r, 0, "--format=xml");
	is_str(r->opt.error, "“--format”只能是 text 或 json，不能是“xml”", "lists too");
	options_explain(&r->opt, r->i, &sb);
	ok(strstr(sb.buf, "care test：") && strstr(sb.buf, "用法：") && strstr(sb.buf, "显示本帮助"),
	   "and the usage");
	/* An option of 99 three-byte characters: the message is cut inside one. */
	memcpy(arg, "--", 2);
	for (n = 2; n + 3 < sizeof(arg); n += 3)
		memcpy(arg + n, "档", 3);
	arg[n] = '\0';
	r->argv[1] = arg;
	r->argv[2] = NULL;
	options_parse(&r->opt, 2, r->argv);
	len = strlen(r->opt.error);
	for (off = 0; off < len; off += n)
		if (!(n = utf8_decode(r->opt.error + off, len - off, &cp))) {
			valid = 0;
			break;
		}
	ok(valid && len > 200, "a message cut short is still valid UTF-8");
	i18n_set("en");
	strbuf_release(&sb);
}

int main(void)
{
	struct run r;

	test_spellings(&r);
	test_arguments(&r);
	test_errors(&r);
	test_word(&r);
	test_usage(&r);
	test_chinese(&r);
	return done_testing();
}
