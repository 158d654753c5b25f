/*
 * Teachers' Markdown fields in a page: marked where values are made
 * (md_field()), cut out of the page's Markdown before it is parsed,
 * rendered each as a document of its own, and put back into the page's
 * HTML (md_to_html()). Nothing in a field, an unclosed fence, a list or a
 * link definition, reaches the page around it or another field, and a
 * field's links are held to their own rule (markdown.c does the parsing).
 */
#include "template/markdown.h"
#include "template/markdown_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/banned.h"

/*
 * The markers md_field() puts around a field. A record cannot write them:
 * values are escaped ('<' as "\\<"), and a field's own '<' became "&lt;".
 */
#define FIELD_OPEN "<!-- care:field -->\n"
#define FIELD_CLOSE "\n<!-- /care:field -->"

/*
 * Where a field stood in the page while the page is parsed: private-use
 * characters around its number, plain text to cmark. Text that copies one
 * gets that field's HTML, which is safe wherever it goes.
 */
#define TOKEN_OPEN "\xee\x80\x80"	/* U+E000 */
#define TOKEN_CLOSE "\xee\x80\x81"	/* U+E001 */

void md_field(struct strbuf *out, const char *md, size_t len)
{
	struct strbuf text = STRBUF_INIT, fence = STRBUF_INIT;
	size_t i;

	for (i = 0; i < len; i++)
		if (md[i] == '<')
			strbuf_addstr(&text, "&lt;");
		else
			strbuf_addch(&text, md[i]);
	md_open_fence(text.buf, text.len, &fence);
	if (fence.len) {
		if (text.len && text.buf[text.len - 1] != '\n')
			strbuf_addch(&text, '\n');
		strbuf_add(&text, fence.buf, fence.len);
	}
	/* A block scalar's own last line end is the one FIELD_CLOSE starts with. */
	if (text.len && text.buf[text.len - 1] == '\n')
		text.buf[--text.len] = '\0';
	strbuf_addstr(out, FIELD_OPEN);
	strbuf_add(out, text.buf, text.len);
	strbuf_addstr(out, FIELD_CLOSE);
	strbuf_release(&text);
	strbuf_release(&fence);
}

struct fields {
	char **html;
	size_t n;
};

/*
 * The page md with each field in it replaced by a token, into page; the
 * fields' HTML, each rendered alone, into f. A marker left without its
 * end is left as it is, and shown as text.
 */
static void take_fields(const char *md, size_t len, struct strbuf *page, struct fields *f)
{
	const char *p = md, *end = md + len, *open;
	size_t no = strlen(FIELD_OPEN), nc = strlen(FIELD_CLOSE);

	while ((open = memmem(p, (size_t)(end - p), FIELD_OPEN, no))) {
		const char *body = open + no;
		const char *close = memmem(body, (size_t)(end - body), FIELD_CLOSE, nc);
		struct strbuf html = STRBUF_INIT;
		if (!close)
			break;
		strbuf_add(page, p, (size_t)(open - p));
		strbuf_addf(page, TOKEN_OPEN "%zu" TOKEN_CLOSE, f->n);
		md_field_html(body, (size_t)(close - body), &html);
		f->html = xrealloc(f->html, (f->n + 1) * sizeof(*f->html));
		f->html[f->n++] = strbuf_detach(&html, NULL);
		p = close + nc;
	}
	strbuf_add(page, p, (size_t)(end - p));
}

/* The page's HTML with each token replaced by its field's HTML, into out. */
static void put_fields(struct strbuf *out, const char *html, const struct fields *f)
{
	size_t to = strlen(TOKEN_OPEN), tc = strlen(TOKEN_CLOSE);
	const char *p = html, *t;

	while ((t = strstr(p, TOKEN_OPEN))) {
		char *num_end;
		unsigned long i = strtoul(t + to, &num_end, 10);
		const char *after = num_end + tc;
		int alone;
		if (num_end == t + to || strncmp(num_end, TOKEN_CLOSE, tc) || i >= f->n) {
			strbuf_add(out, p, (size_t)(t + to - p));
			p = t + to;
			continue;
		}
		/* A field on a line of its own is a paragraph of its own: its blocks replace it. */
		alone = t - p >= 3 && !memcmp(t - 3, "<p>", 3) && !strncmp(after, "</p>", 4);
		strbuf_add(out, p, (size_t)(t - (alone ? 3 : 0) - p));
		strbuf_addstr(out, f->html[i]);
		p = after + (alone ? 4 : 0);
		if (alone && *p == '\n' && f->html[i][0] && f->html[i][strlen(f->html[i]) - 1] == '\n')
			p++;
	}
	strbuf_addstr(out, p);
}

void md_to_html(const char *md, size_t len, struct strbuf *out)
{
	struct strbuf page = STRBUF_INIT, html = STRBUF_INIT;
	struct fields f = { NULL, 0 };
	size_t i;

	take_fields(md, len, &page, &f);
	if (!f.n) {
		md_page_html(md, len, out);
	} else {
		md_page_html(page.buf, page.len, &html);
		put_fields(out, html.buf, &f);
	}
	for (i = 0; i < f.n; i++)
		free(f.html[i]);
	free(f.html);
	strbuf_release(&page);
	strbuf_release(&html);
}
