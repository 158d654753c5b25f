/*
 * Fuzz target: the Mustache engine and the Markdown to HTML step, as a
 * page is made: a template rendered with Markdown escaping, the result
 * turned into HTML, and a teacher's text wrapped by md_field() on its way
 * into a page. The input's first line gives values, the rest is the
 * template: "k=v" a string, "k" true, "!k" false, "k~" null, "k*N" a list
 * of N (at most 3) maps, over a fixed tree of names, lists and nested
 * maps that holds HTML and Markdown. Beyond not crashing: the HTML is
 * valid UTF-8 and holds no "<script" (every <script in the input is shown
 * as text), and a template renders the same twice.
 */
#include "fuzz.h"

#include "template/markdown.h"
#include "template/mustache.h"
#include "template/values.h"

static struct mtemplate *mustache_fuzz_partials[2];
static const char *const mustache_partial_names[] = { "p", "md" };
static const char *const mustache_partial_texts[] = {
	"<{{name}}>{{#list}}[{{v}}]{{/list}}\n",
	"**{{md}}** {{{html}}}\n",
};

static const struct mtemplate *mustache_get_partial(void *data, const char *name)
{
	size_t i;

	(void)data;
	for (i = 0; i < 2; i++)
		if (!strcmp(name, mustache_partial_names[i]))
			return mustache_fuzz_partials[i];
	return NULL;
}

static void mustache_init(void)
{
	size_t i;

	if (mustache_fuzz_partials[0])
		return;
	for (i = 0; i < 2; i++) {
		struct diag_list dl = DIAG_LIST_INIT;
		if (mustache_compile(&mustache_fuzz_partials[i], mustache_partial_names[i],
				     mustache_partial_texts[i], strlen(mustache_partial_texts[i]), &dl) < 0)
			abort();
		diag_list_release(&dl);
	}
}

static struct mval *mustache_item(struct marena *a, int i)
{
	struct mval *m = mval_map(a);

	mval_set(a, m, "name", mval_fmt(a, "item %d", i));
	mval_set(a, m, "v", mval_fmt(a, "%d", i));
	mval_set(a, m, "html", mval_str(a, "<script>alert(1)</script>"));
	return m;
}

static struct mval *mustache_list(struct marena *a, int n)
{
	struct mval *l = mval_list(a);
	int i;

	for (i = 0; i < n; i++)
		mval_push(a, l, mustache_item(a, i));
	return l;
}

/*
 * The values: a fixed tree, then the data line's. Lists hold one item
 * when the template has many sections, as n sections nested over lists
 * of k items write k^n copies: a template's author can do that to
 * care, but finding it again is no use.
 */
static struct mval *mustache_values(struct marena *a, const char *line, size_t len, int wide)
{
	struct mval *root = mval_map(a), *m;
	const char *p = line, *end = line + len;

	mval_set_str(a, root, "name", "陈思语");
	mval_set_str(a, root, "html", "<script>alert(\"x\")</script> & 'q' <b>b</b>");
	mval_set_str(a, root, "md", "**bold** `code` <SCRIPT src=x></script> [a](javascript:alert(1)) ![i](http://x/i.png)");
	mval_set_str(a, root, "empty", "");
	mval_set(a, root, "t", mval_bool(a, 1));
	mval_set(a, root, "f", mval_bool(a, 0));
	mval_set(a, root, "n", mval_null(a));
	mval_set(a, root, "list", mustache_list(a, wide ? 3 : 1));
	mval_set(a, root, "none", mustache_list(a, 0));
	m = mval_set_map(a, mval_set_map(a, root, "a"), "b");
	mval_set_str(a, m, "c", "deep <i>c</i>");
	m = mval_set_list(a, root, "strs");
	mval_push(a, m, mval_str(a, "x|y"));
	if (wide)
		mval_push(a, m, mval_str(a, "`z`\nw"));

	while (p < end) {
		const char *tok = p, *tend, *eq;
		char *key;
		while (p < end && *p != ' ')
			p++;
		tend = p;
		while (p < end && *p == ' ')
			p++;
		if (tok == tend)
			continue;
		eq = memchr(tok, '=', (size_t)(tend - tok));
		if (eq) {
			key = xstrndup(tok, (size_t)(eq - tok));
			mval_set(a, root, marena_strdup(a, key), mval_strn(a, eq + 1, (size_t)(tend - eq - 1)));
		} else if (*tok == '!') {
			key = xstrndup(tok + 1, (size_t)(tend - tok - 1));
			mval_set(a, root, marena_strdup(a, key), mval_bool(a, 0));
		} else if (tend[-1] == '~') {
			key = xstrndup(tok, (size_t)(tend - tok - 1));
			mval_set(a, root, marena_strdup(a, key), mval_null(a));
		} else if (tend - tok >= 2 && tend[-2] == '*' && tend[-1] >= '0' && tend[-1] <= '3') {
			key = xstrndup(tok, (size_t)(tend - tok - 2));
			mval_set(a, root, marena_strdup(a, key), mustache_list(a, wide ? tend[-1] - '0' : 1));
		} else {
			key = xstrndup(tok, (size_t)(tend - tok));
			mval_set(a, root, marena_strdup(a, key), mval_bool(a, 1));
		}
		free(key);
	}
	return root;
}

/* What every page's HTML must be, whatever the Markdown was. */
static void mustache_check_html(const struct strbuf *html)
{
	if (!fuzz_utf8_valid(html->buf, html->len)) {
		fprintf(stderr, "fuzz: md_to_html wrote bad UTF-8:\n%s\n", html->buf);
		abort();
	}
	if (fuzz_contains_nocase(html->buf, html->len, "<script")) {
		fprintf(stderr, "fuzz: md_to_html let <script through:\n%s\n", html->buf);
		abort();
	}
}

static void mustache_to_html(const char *md, size_t len)
{
	struct strbuf html = STRBUF_INIT;

	md_to_html(md, len, &html);
	mustache_check_html(&html);
	strbuf_release(&html);
}

FUZZ_TARGET(mustache)
{
	const char *text = (const char *)data, *nl = memchr(data, '\n', size);
	size_t linelen = nl ? (size_t)(nl - text) : 0, sections = 0, i;
	const char *tmpl = nl ? nl + 1 : text;
	size_t tlen = size - (size_t)(tmpl - text);
	struct mustache_partials partials = { mustache_get_partial, NULL };
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf md = STRBUF_INIT, again = STRBUF_INIT, field = STRBUF_INIT;
	struct mtemplate *t = NULL;
	struct marena *a;
	struct mval *ctx;
	char *copy;

	mustache_init();
	/* The template as its own allocation, so a read past it is caught. */
	copy = xmalloc(tlen + 1);
	if (tlen)
		memcpy(copy, tmpl, tlen);
	copy[tlen] = '\0';
	for (i = 0; i < tlen; i++)
		sections += copy[i] == '#';

	a = marena_new();
	ctx = mustache_values(a, text, linelen, sections <= 8);
	if (mustache_compile(&t, "templates/x.md", copy, tlen, &dl) == 0) {
		FUZZ_ASSERT(t);
		FUZZ_ASSERT(mustache_render(t, ctx, mustache_escape_markdown, &partials, &md) == 0);
		FUZZ_ASSERT(mustache_render(t, ctx, mustache_escape_markdown, &partials, &again) == 0);
		FUZZ_ASSERT(md.len == again.len && !memcmp(md.buf, again.buf, md.len));
		mustache_to_html(md.buf, md.len);
		strbuf_reset(&again);
		FUZZ_ASSERT(mustache_render(t, ctx, mustache_escape_html, &partials, &again) == 0);
	} else {
		FUZZ_ASSERT(!t && diag_list_count(&dl, DIAG_ERROR));
	}
	fuzz_check_positions(&dl, copy, tlen);

	/* The same text as a page's own Markdown and as a teacher's field. */
	mustache_to_html(copy, tlen);
	md_field(&field, copy, tlen);
	mustache_to_html(field.buf, field.len);

	mustache_free(t);
	marena_free(a);
	diag_list_release(&dl);
	strbuf_release(&md);
	strbuf_release(&again);
	strbuf_release(&field);
	free(copy);
	return 0;
}
