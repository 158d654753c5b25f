/*
 * Markdown pages to HTML through cmark-gfm's syntax tree. The tree is
 * edited before rendering rather than the HTML filtered after it: a text
 * node cannot become markup, so the safety does not depend on how well a
 * filter parses HTML. Never CMARK_OPT_UNSAFE.
 */
#include "template/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/banned.h"

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/* The scheme of url ("" when it is relative), in buf. */
static const char *scheme_of(const char *url, char *buf, size_t size)
{
	size_t i;

	for (i = 0; url[i] && url[i] != ':'; i++)
		if (url[i] == '/' || url[i] == '?' || url[i] == '#')
			return "";
	if (!url[i] || i >= size)
		return url[i] ? "?" : "";
	memcpy(buf, url, i);
	buf[i] = '\0';
	return buf;
}

static int allowed_scheme(const char *scheme)
{
	return !*scheme || !strcasecmp(scheme, "http") || !strcasecmp(scheme, "https") ||
	       !strcasecmp(scheme, "mailto") || !strcasecmp(scheme, "tel");
}

/* "child-x.md#a" -> "child-x.html#a", for a relative link between pages. */
static void md_link_to_html(cmark_node *link, const char *url)
{
	const char *hash = strchr(url, '#'), *end = hash ? hash : url + strlen(url);
	struct strbuf sb = STRBUF_INIT;

	if (end - url < 3 || memcmp(end - 3, ".md", 3) || url[0] == '/')
		return;
	strbuf_add(&sb, url, (size_t)(end - url - 3));
	strbuf_addstr(&sb, ".html");
	strbuf_addstr(&sb, end);
	cmark_node_set_url(link, sb.buf);
	strbuf_release(&sb);
}

/* Puts node's children in its place and drops it. */
static void unwrap(cmark_node *node)
{
	cmark_node *child;

	while ((child = cmark_node_first_child(node)))
		cmark_node_insert_before(node, child);
	cmark_node_free(node);
}

static void text_in_place_of(cmark_node *node, int block)
{
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	const char *lit = cmark_node_get_literal(node);

	cmark_node_set_literal(text, lit ? lit : "");
	if (block) {
		cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node_append_child(para, text);
		text = para;
	}
	cmark_node_replace(node, text);
	cmark_node_free(node);
}

static void make_safe(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **todo = NULL;
	size_t n = 0, alloc = 0, i;
	cmark_event_type ev;

	/* The tree is changed after the walk, which must not see it change. */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER && ev != CMARK_EVENT_NONE)
			continue;
		if (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE && t != CMARK_NODE_LINK &&
		    t != CMARK_NODE_IMAGE)
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			todo = xrealloc(todo, alloc * sizeof(*todo));
		}
		todo[n++] = node;
	}
	cmark_iter_free(it);
	/* Deepest first: a link inside a link is handled before its parent. */
	for (i = n; i-- > 0;) {
		cmark_node *node = todo[i];
		cmark_node_type t = cmark_node_get_type(node);
		const char *url;
		char buf[32];
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			text_in_place_of(node, t == CMARK_NODE_HTML_BLOCK);
			continue;
		}
		url = cmark_node_get_url(node);
		url = url ? url : "";
		if (!allowed_scheme(scheme_of(url, buf, sizeof(buf)))) {
			unwrap(node);
			continue;
		}
		if (t == CMARK_NODE_IMAGE) {
			cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
			cmark_node_set_url(link, url);
			cmark_node_insert_before(node, link);
			while (cmark_node_first_child(node))
				cmark_node_append_child(link, cmark_node_first_child(node));
			cmark_node_free(node);
			node = link;
			url = cmark_node_get_url(node);
		}
		if (!*scheme_of(url, buf, sizeof(buf)))
			md_link_to_html(node, cmark_node_get_url(node));
	}
	free(todo);
}

/*
 * Each table in a box that scrolls sideways, so a wide roster does not
 * widen a phone's page. The HTML is cmark's own: a record cannot put a
 * "<table>" into it, since raw HTML became text.
 */
static void add_wrapping_tables(struct strbuf *out, const char *html)
{
	const char *p = html, *t;

	while ((t = strstr(p, "<table>"))) {
		const char *end = strstr(t, "</table>");
		if (!end)
			break;
		end += strlen("</table>");
		strbuf_add(out, p, (size_t)(t - p));
		strbuf_addstr(out, "<div class=\"table-scroll\">");
		strbuf_add(out, t, (size_t)(end - t));
		strbuf_addstr(out, "</div>");
		p = end;
	}
	strbuf_addstr(out, p);
}

/* One Markdown document to HTML, as cmark-gfm makes it safe. */
static char *render_doc(const char *md, size_t len)
{
	static const char *const names[] = { "table", "autolink", "strikethrough" };
	cmark_parser *parser;
	cmark_node *doc;
	char *html;
	size_t i;

	pthread_once(&registered, register_extensions);
	parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	make_safe(doc);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return html;
}

#define TABLE_CHUNK 500

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl + 1 : end;
}

/* "|---|:--:|" and the like: the line under a table's header. */
static int is_delimiter_row(const char *p, const char *end)
{
	int dashes = 0;

	for (; p < end && *p != '\n'; p++) {
		if (*p == '-')
			dashes++;
		else if (*p != '|' && *p != ':' && *p != ' ' && *p != '\r')
			return 0;
	}
	return dashes > 0;
}

/*
 * Finds, from p, a table of more than TABLE_CHUNK rows written at the
 * start of lines, outside code fences: its start, the end of its
 * delimiter row, and its end.
 */
static int find_big_table(const char *p, const char *end, const char **start, const char **body,
			  const char **stop)
{
	int fenced = 0;

	while (p < end) {
		const char *next = line_end(p, end);
		if ((end - p >= 3 && !memcmp(p, "```", 3)) || (end - p >= 3 && !memcmp(p, "~~~", 3)))
			fenced = !fenced;
		if (!fenced && *p == '|' && next < end && is_delimiter_row(next, end)) {
			const char *q = line_end(next, end);
			size_t rows = 0;
			*start = p;
			*body = q;
			while (q < end && *q == '|') {
				q = line_end(q, end);
				rows++;
			}
			*stop = q;
			if (rows > TABLE_CHUNK)
				return 1;
			next = q;
		}
		p = next;
	}
	return 0;
}

/* The part of a chunk's HTML between two markers (or from/to its ends). */
static void add_between(struct strbuf *out, const char *html, const char *from, const char *to)
{
	const char *a = from ? strstr(html, from) : html, *b;

	if (!a)
		return;
	a += from ? strlen(from) : 0;
	b = to ? strstr(a, to) : NULL;
	strbuf_add(out, a, b ? (size_t)(b - a) : strlen(a));
}

/*
 * A table of many rows (a county's roster) is given to cmark in parts of
 * TABLE_CHUNK rows under the same header, and the parts are joined into
 * one table: cmark's tree of a 20,000-row table alone would take about
 * 80 MB. The header row is copied into each part so each parses the same.
 */
static void big_table(const char *start, const char *body, const char *stop, struct strbuf *out)
{
	struct strbuf chunk = STRBUF_INIT, table = STRBUF_INIT;
	const char *p = body;
	int first = 1;

	while (p < stop) {
		const char *q = p;
		size_t rows = 0;
		char *html;
		while (q < stop && rows < TABLE_CHUNK) {
			q = line_end(q, stop);
			rows++;
		}
		strbuf_reset(&chunk);
		strbuf_add(&chunk, start, (size_t)(body - start));
		strbuf_add(&chunk, p, (size_t)(q - p));
		html = render_doc(chunk.buf, chunk.len);
		add_between(&table, html, first ? NULL : "<tbody>\n", q < stop ? "</tbody>" : NULL);
		free(html);
		first = 0;
		p = q;
	}
	add_wrapping_tables(out, table.buf);
	strbuf_release(&table);
	strbuf_release(&chunk);
}

void md_to_html(const char *md, size_t len, struct strbuf *out)
{
	const char *p = md, *end = md + len, *start, *body, *stop;
	char *html;

	while (find_big_table(p, end, &start, &body, &stop)) {
		if (start > p) {
			html = render_doc(p, (size_t)(start - p));
			add_wrapping_tables(out, html);
			free(html);
		}
		big_table(start, body, stop, out);
		p = stop;
	}
	html = render_doc(p, (size_t)(end - p));
	add_wrapping_tables(out, html);
	free(html);
}
