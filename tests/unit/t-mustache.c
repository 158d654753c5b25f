/*
 * Unit tests for mustache.c and mval.c: every case of the official
 * Mustache specification in tests/conformance/mustache-spec/, read with
 * care's own YAML loader, then what the specification leaves to us: the
 * Markdown escaper, compile errors, the partial depth limit.
 */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "template/mustache.h"
#include "template/values.h"
#include "util/strbuf.h"
#include "yaml/tree.h"
#include "tap.h"

static struct diag_list dl;

/* The specification folder: $CARE_TOP, or found from this file's path. */
static char *spec_dir(void)
{
	const char *top = getenv("CARE_TOP");
	char *dir, *slash;

	if (top && *top)
		return xstrfmt("%s/tests/conformance/mustache-spec", top);
	/* __FILE__ is tests/unit/t-mustache.c, relative to where make runs */
	dir = xstrdup(__FILE__);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	slash = strrchr(dir, '/');
	if (slash) {
		slash[1] = '\0';
	} else {
		free(dir);
		dir = xstrdup("../");
	}
	slash = xstrfmt("%sconformance/mustache-spec", dir);
	free(dir);
	return slash;
}

/* A plain YAML number, in the form a YAML 1.2 core schema would read as one. */
static int is_number(const char *s)
{
	char *end;

	if (!*s || !strchr("+-.0123456789", *s) || strspn(s, "+-.0123456789eE") != strlen(s))
		return 0;
	(void)strtod(s, &end);
	return !*end;
}

/* Writes d as JSON would: the shortest form that reads back the same. */
static struct mval *number(struct marena *a, const char *s)
{
	double d = strtod(s, NULL);
	char buf[32];
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return mval_str(a, buf);
}

static struct mval *to_mval(struct marena *a, const struct ynode *n)
{
	struct mval *v;
	size_t i;

	switch (n->type) {
	case YNODE_MAP:
		v = mval_map(a);
		for (i = 0; i < n->len; i++)
			mval_set(a, v, marena_strdup(a, n->u.kids[2 * i]->u.text),
				 to_mval(a, n->u.kids[2 * i + 1]));
		return v;
	case YNODE_SEQ:
		v = mval_list(a);
		for (i = 0; i < n->len; i++)
			mval_push(a, v, to_mval(a, n->u.kids[i]));
		return v;
	case YNODE_SCALAR:
		break;
	}
	if (ynode_is_null(n))
		return mval_null(a);
	if (n->plain && (!strcmp(n->u.text, "true") || !strcmp(n->u.text, "false")))
		return mval_bool(a, n->u.text[0] == 't');
	if (n->plain && is_number(n->u.text))
		return number(a, n->u.text);
	return mval_strn(a, n->u.text, n->len);
}

/* Partials by name, for mustache_partials. */
struct partial_set {
	const char **names;
	struct mtemplate **tmpl;
	size_t nr;
};

static const struct mtemplate *get_partial(void *data, const char *name)
{
	const struct partial_set *ps = data;
	size_t i;

	for (i = 0; i < ps->nr; i++)
		if (!strcmp(ps->names[i], name))
			return ps->tmpl[i];
	return NULL;
}

static void partial_set_release(struct partial_set *ps)
{
	size_t i;

	for (i = 0; i < ps->nr; i++)
		mustache_free(ps->tmpl[i]);
	free(ps->names);
	free(ps->tmpl);
}

static void first_diag(void)
{
	if (dl.nr)
		printf("#   %s:%d:%d: %s\n", dl.v[0].path, dl.v[0].line, dl.v[0].col, dl.v[0].msg);
}

/* Prints s with its line ends visible, for a failed comparison. */
static void show(const char *label, const char *s)
{
	printf("#   %s '", label);
	for (; *s; s++) {
		if (*s == '\n')
			printf("\\n");
		else if (*s == '\r')
			printf("\\r");
		else if (*s == '\t')
			printf("\\t");
		else
			putchar(*s);
	}
	printf("'\n");
}

static void run_case(const char *file, const struct ynode *tc)
{
	const char *name = ynode_text(ynode_get(tc, "name"));
	const char *template = ynode_text(ynode_get(tc, "template"));
	const char *expected = ynode_text(ynode_get(tc, "expected"));
	const struct ynode *partials = ynode_get(tc, "partials");
	const struct ynode *data = ynode_get(tc, "data");
	struct partial_set ps = { NULL, NULL, 0 };
	struct mustache_partials mp = { get_partial, &ps };
	struct marena *a = marena_new();
	struct mtemplate *t = NULL;
	struct strbuf out = STRBUF_INIT;
	int pass = 0;

	diag_list_release(&dl);
	if (!name || !template || !expected || !data) {
		ok(0, "%s: a case with name, data, template and expected", file);
		goto cleanup;
	}
	if (partials && partials->type == YNODE_MAP) {
		ps.names = xcalloc(partials->len, sizeof(*ps.names));
		ps.tmpl = xcalloc(partials->len, sizeof(*ps.tmpl));
		for (; ps.nr < partials->len; ps.nr++) {
			const struct ynode *text = partials->u.kids[2 * ps.nr + 1];
			ps.names[ps.nr] = partials->u.kids[2 * ps.nr]->u.text;
			mustache_compile(&ps.tmpl[ps.nr], ps.names[ps.nr], text->u.text, text->len,
					 &dl);
		}
	}
	if (!mustache_compile(&t, "template", template, strlen(template), &dl) && !dl.nr)
		pass = !mustache_render(t, to_mval(a, data), mustache_escape_html, &mp, &out) &&
		       !strcmp(out.buf, expected);
	if (!ok(pass, "%s: %s", file, name)) {
		first_diag();
		show("got ", out.buf);
		show("want", expected);
	}
cleanup:
	strbuf_release(&out);
	mustache_free(t);
	partial_set_release(&ps);
	marena_free(a);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Runs every case of every .yml file; returns the number of cases. */
static size_t run_spec(void)
{
	char *dir = spec_dir(), **files = NULL;
	size_t nr = 0, alloc = 0, i, j, cases = 0;
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!ok(d != NULL, "the specification is in %s", dir)) {
		free(dir);
		return 0;
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".yml"))
			continue;
		if (nr == alloc)
			files = xrealloc(files, (alloc = alloc ? 2 * alloc : 8) * sizeof(*files));
		files[nr++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(files, nr, sizeof(*files), cmp_str);
	is_int(nr, 6, "the six core modules of the specification are there");
	for (i = 0; i < nr; i++) {
		char *path = xstrfmt("%s/%s", dir, files[i]);
		struct strbuf sb = STRBUF_INIT;
		struct ydoc *doc = NULL;
		const struct ynode *tests;

		diag_list_release(&dl);
		if (strbuf_read_file(&sb, path, YDOC_MAX_SIZE) < 0 ||
		    ydoc_parse(&doc, sb.buf, sb.len, files[i], &dl) < 0) {
			ok(0, "%s: the file loads", files[i]);
			first_diag();
		} else if (!ok((tests = ynode_get(ydoc_root(doc), "tests")) &&
				       tests->type == YNODE_SEQ,
			       "%s: has a list of tests", files[i])) {
			;
		} else {
			for (j = 0; j < tests->len; j++)
				run_case(files[i], tests->u.kids[j]);
			cases += tests->len;
		}
		ydoc_free(doc);
		strbuf_release(&sb);
		free(path);
		free(files[i]);
	}
	free(files);
	free(dir);
	return cases;
}

static char *escaped(mustache_escape_fn fn, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	fn(&sb, s, strlen(s));
	return strbuf_detach(&sb, NULL);
}

static void test_escapes(void)
{
	static const char *const md[][3] = {
		{ "*a*", "\\*a\\*", "emphasis" },
		{ "<b>", "\\<b\\>", "HTML" },
		{ "a|b", "a\\|b", "a table cell bar" },
		{ "1. x", "1\\. x", "a numbered list" },
		{ "a\nb", "a b", "a line break" },
		{ "a\r\nb\rc", "a b c", "CRLF and CR line breaks" },
		{ "[x](y) #1 _u_ `c` ~s~ {k} +-!&\\=",
		  "\\[x\\](y) #1 \\_u\\_ \\`c\\` \\~s\\~ {k} +-!\\&\\\\=",
		  "the rest of the punctuation: only what opens markup inline" },
		{ "# h", "\\# h", "a heading at the start" },
		{ "- a", "\\- a", "a list item at the start" },
		{ "+ a", "\\+ a", "a plus list item at the start" },
		{ "= a", "\\= a", "a setext underline at the start" },
		{ "12) a", "12\\) a", "a numbered list with a parenthesis" },
		{ "2015-03-14", "2015-03-14", "a date stays as written" },
		{ "wang-xiaoming-2015", "wang-xiaoming-2015", "an id stays as written" },
		{ "王小明: 3, \"ok\"", "王小明: 3, \"ok\"", "Chinese text, colons, commas and quotes" },
	};
	size_t i;
	char *s;

	for (i = 0; i < sizeof(md) / sizeof(md[0]); i++) {
		s = escaped(mustache_escape_markdown, md[i][0]);
		is_str(s, md[i][1], "markdown escape: %s", md[i][2]);
		free(s);
	}
	s = escaped(mustache_escape_html, "<a href=\"x\">'&'</a>");
	is_str(s, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;", "html escape");
	free(s);
}

/* Compiles text expecting one error at line:col whose message holds needle. */
static void expect_error(const char *text, int line, int col, const char *needle)
{
	/* not NULL, to see that a failed compile sets it */
	struct mtemplate *t = (struct mtemplate *)(void *)&dl;
	int ret;

	diag_list_release(&dl);
	ret = mustache_compile(&t, "page.md", text, strlen(text), &dl);
	if (!ok(ret == -1 && !t && dl.nr == 1 && dl.v[0].line == line && dl.v[0].col == col &&
			!strcmp(dl.v[0].rule, "template") && strstr(dl.v[0].msg, needle),
		"error at %d:%d mentioning %s", line, col, needle))
		first_diag();
}

static void test_errors(void)
{
	expect_error("Hello\n  {{#children}}\n{{name}}\n", 2, 3,
		     "section 'children' is opened here but never closed; add {{/children}}");
	expect_error("中文 {{/x}}", 1, 4, "{{/x}} closes a section that is not open; delete it");
	expect_error("{{#y}}\nab{{/x}}", 2, 3,
		     "{{/x}} closes a section that is not open (the open one is 'y')");
	expect_error("{{#a}}\n{{#b}}\n{{/a}}", 3, 1,
		     "section 'b' inside it is still open; add {{/b}}");
	expect_error("x\n\tab {{name", 2, 5,
		     "this '{{' starts a tag that is never closed; add '}}'");
	expect_error("{{{name}}", 1, 1, "add '}}}'");
	expect_error("{{=<% %>=}}\n<%#a%>", 2, 1, "add <%/a%>");
	expect_error("{{first name}}", 1, 1, "'first name' contains a space");
	expect_error("{{child.}}", 1, 1, "misplaced '.'");
	expect_error("{{#}}", 1, 1, "no name");
	expect_error("{{=<%=}}", 1, 1, "two delimiters");
	diag_list_release(&dl);
	i18n_set("zh");
	expect_error("{{#a}}", 1, 1, "区块“a”在这里开始");
	i18n_set("en");
}

static struct strbuf rendered;

static int render(const char *text, const struct mval *ctx, mustache_escape_fn fn,
		  const struct mustache_partials *mp)
{
	struct mtemplate *t;
	int ret = -2;

	strbuf_reset(&rendered);
	diag_list_release(&dl);
	if (!mustache_compile(&t, "t", text, strlen(text), &dl))
		ret = mustache_render(t, ctx, fn, mp, &rendered);
	first_diag();
	mustache_free(t);
	return ret;
}

static void test_partials(void)
{
	static const char *const names[] = { "p", "outer", "inner", "list", "loop" };
	static const char *const texts[] = {
		"x{{#next}}{{>p}}{{/next}}", "a\n  {{>inner}}\nb\n", "x\ny {{v}}\n",
		"{{#l}}\n- {{.}}\n{{/l}}\n", "{{>loop}}",
	};
	struct mtemplate *tmpl[5];
	struct partial_set ps = { (const char **)names, tmpl, 5 };
	struct mustache_partials mp = { get_partial, &ps };
	struct marena *a = marena_new();
	struct mval *root = mval_map(a), *m = root;
	size_t i;

	for (i = 0; i < 5; i++)
		mustache_compile(&tmpl[i], names[i], texts[i], strlen(texts[i]), &dl);
	mval_set_str(a, root, "v", "1\n2");
	mval_push(a, mval_set_list(a, root, "l"), mval_str(a, "a"));
	mval_push(a, mval_get(root, "l"), mval_str(a, "b"));
	is_int(render("  {{>outer}}\n", root, mustache_escape_html, &mp), 0, "nested partials");
	is_str(rendered.buf, "  a\n    x\n    y 1\n2\n  b\n",
	       "indentation adds up, and is not put into values");
	render("  {{>list}}\n", root, mustache_escape_html, &mp);
	is_str(rendered.buf, "  - a\n  - b\n", "each pass of a section in a partial is indented");
	/*
	 * 63 levels of next, so p is entered 64 times: the limit, not past
	 * it. The last next is false, or the lookup would find the one of
	 * the level above.
	 */
	for (i = 0; i < 63; i++)
		m = mval_set_map(a, m, "next");
	mval_set(a, m, "next", mval_bool(a, 0));
	is_int(render("{{>p}}", root, mustache_escape_html, &mp), 0, "64 nested partials render");
	is_int(rendered.len, 64, "all 64 of them");
	mval_set(a, mval_set_map(a, m, "next"), "next", mval_bool(a, 0));
	is_int(render("{{>p}}", root, mustache_escape_html, &mp), -1, "65 are refused");
	is_int(render("{{>loop}}", root, mustache_escape_html, &mp), -1,
	       "a partial including itself ends");
	is_int(render("[{{>nope}}]", root, mustache_escape_html, NULL), 0, "no partials at all");
	is_str(rendered.buf, "[]", "a missing partial is empty");
	for (i = 0; i < 5; i++)
		mustache_free(tmpl[i]);
	marena_free(a);
}

static void test_values(void)
{
	struct marena *a = marena_new();
	struct mval *root = mval_map(a), *list = mval_set_list(a, root, "l");
	struct strbuf big = STRBUF_INIT, out1 = STRBUF_INIT, out2 = STRBUF_INIT;
	struct mtemplate *t;
	const char *tmpl = "{{#l}}{{.}},{{/l}} {{t}} {{f}} {{n}} {{l}} {{m}} [{{#e}}e{{/e}}] {{x}}";
	int i;

	for (i = 0; i < 100; i++)
		mval_push(a, list, mval_fmt(a, "%d", i));
	is_int(list->len, 100, "a list grows");
	is_str(list->u.items[99]->u.str, "99", "and keeps its items");
	mval_set(a, root, "t", mval_bool(a, 1));
	mval_set(a, root, "f", mval_bool(a, 0));
	mval_set(a, root, "n", mval_null(a));
	mval_set_map(a, root, "m");
	mval_set_str(a, root, "e", "");
	mval_set_str(a, root, "x", "old");
	mval_set_str(a, root, "x", "*new*");
	is_int(root->len, 7, "setting a key again replaces it");
	ok(!mval_get(list, "x") && !mval_get(root, "y"), "mval_get misses");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&big, 'a' + i % 26);
	is_int(mval_str(a, big.buf)->len, 100000, "a string larger than a chunk");
	strbuf_release(&big);

	mustache_compile(&t, "t", tmpl, strlen(tmpl), &dl);
	mustache_render(t, root, mustache_escape_markdown, NULL, &out1);
	mustache_render(t, root, mustache_escape_markdown, NULL, &out2);
	ok(!strncmp(out1.buf, "0,1,2,", 6), "a list iterates");
	is_str(strstr(out1.buf, "99,"), "99, true     [e] \\*new\\*",
	       "true, false, null, lists, maps; an empty string is truthy");
	is_str(out2.buf, out1.buf, "a template renders the same twice");
	mustache_free(t);
	strbuf_release(&out1);
	strbuf_release(&out2);
	marena_free(a);
}

int main(void)
{
	size_t cases;

	i18n_set("en");
	cases = run_spec();
	ok(cases >= 136, "%zu specification cases were run", cases);
	test_escapes();
	test_errors();
	test_partials();
	test_values();
	strbuf_release(&rendered);
	diag_list_release(&dl);
	ydoc_thread_cleanup();
	return done_testing();
}
