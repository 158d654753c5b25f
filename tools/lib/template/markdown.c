/*
 * Markdown pages to HTML through cmark-gfm's syntax tree. The tree is
 * edited before rendering rather than the HTML filtered after it: a text
 * node cannot become markup, so the safety does not depend on how well a
 * filter parses HTML. Never CMARK_OPT_UNSAFE. A page's own Markdown and
 * each teacher's field in it are parsed apart (fields.c), with their own
 * rules for links.
 */
#include "template/markdown.h"
#include "template/markdown_int.h"

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

/* Whose Markdown is parsed: the page's (its template's) or a teacher's field. */
enum links { LINKS_PAGE, LINKS_FIELD };

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

/* "//host/x", and "\\host" or "/\\host", which browsers read the same way. */
static int protocol_relative(const char *url)
{
	return (url[0] == '/' || url[0] == '\\') && (url[1] == '/' || url[1] == '\\');
}

/*
 * http(s) with a host, mailto or tel, and something after the colon: a
 * link that means the same from whatever page it is on.
 */
static int absolute_link(const char *url)
{
	size_t n;

	if (!strncasecmp(url, "mailto:", 7) || !strncasecmp(url, "tel:", 4))
		return url[strcspn(url, ":") + 1] != '\0';
	if (!strncasecmp(url, "https://", 8))
		n = 8;
	else if (!strncasecmp(url, "http://", 7))
		n = 7;
	else
		return 0;
	return url[n] && !strchr("/\\?#", url[n]);
}

static int allowed_link(const char *url, enum links links)
{
	char buf[32];
	const char *scheme;

	if (links == LINKS_FIELD)
		return absolute_link(url);
	if (protocol_relative(url))
		return 0;
	scheme = scheme_of(url, buf, sizeof(buf));
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

/*
 * A template marks a table of labels and values (a child's record, a
 * pairing) with this comment on the line before it: the labels in its
 * first column are then row headers, <th scope="row">. GFM tables have no
 * way to say so, and the comment keeps the .md page a plain table that
 * Markdown viewers show as before (they hide comments, as they hide the
 * field markers of fields.c). A record cannot write the mark, its values
 * being escaped ('<' as "\\<"); and only the page's own Markdown has it.
 * It goes through cmark as a custom block (written out as it is, where
 * any other raw HTML became text) for add_tables() to find before its
 * table.
 */
#define LABELS_MARK "<!-- care:labels -->"

static int is_labels_mark(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	cmark_node *next = cmark_node_next(node);

	return cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK && lit &&
	       !strcmp(lit, LABELS_MARK "\n") && next && !strcmp(cmark_node_get_type_string(next), "table");
}

static void make_safe(cmark_node *doc, enum links links)
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
		if (links == LINKS_PAGE && is_labels_mark(node)) {
			cmark_node *mark = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
			cmark_node_set_on_enter(mark, LABELS_MARK);
			cmark_node_replace(node, mark);
			cmark_node_free(node);
			continue;
		}
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
			text_in_place_of(node, t == CMARK_NODE_HTML_BLOCK);
			continue;
		}
		url = cmark_node_get_url(node);
		url = url ? url : "";
		if (!allowed_link(url, links)) {
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
		if (links == LINKS_PAGE && !*scheme_of(url, buf, sizeof(buf)))
			md_link_to_html(node, cmark_node_get_url(node));
	}
	free(todo);
}

/*
 * One table of cmark's HTML, from "<table>" to its end, with two changes.
 * cmark-gfm writes a column's alignment as align="right", which HTML no
 * longer has (its option for style="text-align: right" would put a style
 * on every cell): it becomes class="align-right", for style.css. In a
 * table of labels, each row's first cell becomes a row header. Both only
 * match cmark's own tags: in its text '<' and '"' are escaped, and links
 * have no "<td" in them.
 */
static void add_table(struct strbuf *out, const char *t, const char *end, int labels)
{
	const char *p = t, *tag, *body = strstr(t, "<tbody>");
	int first_cell = 0;

	if (labels) {
		strbuf_addstr(out, "<table class=\"labels\">");
		p += strlen("<table>");
	}
	while ((tag = memchr(p, '<', (size_t)(end - p)))) {
		int cell = !strncmp(tag, "<td", 3) || !strncmp(tag, "<th", 3);
		strbuf_add(out, p, (size_t)(tag - p));
		p = tag;
		if (labels && body && tag > body && !strncmp(tag, "<tr>", 4)) {
			first_cell = 1;
		} else if (cell && (tag[3] == '>' || tag[3] == ' ')) {
			const char *align = !strncmp(tag + 3, " align=\"", 8) ? tag + 11 : NULL;
			const char *q = align ? strchr(align, '"') : NULL;
			strbuf_addstr(out, first_cell ? "<th scope=\"row\"" : (tag[2] == 'd' ? "<td" : "<th"));
			if (q) {
				strbuf_addstr(out, " class=\"align-");
				strbuf_add(out, align, (size_t)(q - align));
				strbuf_addch(out, '"');
				p = q + 1;
			} else {
				p = tag + 3;
			}
			continue;
		} else if (first_cell && !strncmp(tag, "</td>", 5)) {
			strbuf_addstr(out, "</th>");
			p = tag + 5;
			first_cell = 0;
			continue;
		}
		strbuf_addch(out, '<');
		p++;
	}
	strbuf_add(out, p, (size_t)(end - p));
}

/*
 * Each table in a box that scrolls sideways, so a wide roster does not
 * widen a phone's page. The HTML is cmark's own: a record cannot put a
 * "<table>" into it, since raw HTML became text.
 */
static void add_tables(struct strbuf *out, const char *html)
{
	const char *p = html, *t;
	size_t mark = strlen(LABELS_MARK "\n");

	while ((t = strstr(p, "<table>"))) {
		const char *end = strstr(t, "</table>");
		int labels = (size_t)(t - p) >= mark && !memcmp(t - mark, LABELS_MARK "\n", mark);
		if (!end)
			break;
		end += strlen("</table>");
		strbuf_add(out, p, (size_t)(t - p) - (labels ? mark : 0));
		strbuf_addstr(out, "<div class=\"table-scroll\">");
		add_table(out, t, end, labels);
		strbuf_addstr(out, "</div>");
		p = end;
	}
	strbuf_addstr(out, p);
}

/* A parser with the extensions every page has; the caller frees it. */
static cmark_parser *new_parser(void)
{
	static const char *const names[] = { "table", "autolink", "strikethrough" };
	cmark_parser *parser;
	size_t i;

	pthread_once(&registered, register_extensions);
	parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(names[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	return parser;
}

/* One Markdown document to HTML, as cmark-gfm makes it safe. */
static char *render_doc(const char *md, size_t len, enum links links)
{
	cmark_parser *parser = new_parser();
	cmark_node *doc;
	char *html;

	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	make_safe(doc, links);
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
		html = render_doc(chunk.buf, chunk.len, LINKS_PAGE);
		add_between(&table, html, first ? NULL : "<tbody>\n", q < stop ? "</tbody>" : NULL);
		free(html);
		first = 0;
		p = q;
	}
	add_tables(out, table.buf);
	strbuf_release(&table);
	strbuf_release(&chunk);
}

void md_page_html(const char *md, size_t len, struct strbuf *out)
{
	const char *p = md, *end = md + len, *start, *body, *stop;
	char *html;

	while (find_big_table(p, end, &start, &body, &stop)) {
		if (start > p) {
			html = render_doc(p, (size_t)(start - p), LINKS_PAGE);
			add_tables(out, html);
			free(html);
		}
		big_table(start, body, stop, out);
		p = stop;
	}
	html = render_doc(p, (size_t)(end - p), LINKS_PAGE);
	add_tables(out, html);
	free(html);
}

/* --- teachers' fields (fields.c puts them in their pages) ------------------ */

void md_field_html(const char *md, size_t len, struct strbuf *out)
{
	char *html = render_doc(md, len, LINKS_FIELD);

	add_tables(out, html);
	free(html);
}

static size_t top_level_blocks(const char *md, size_t len)
{
	cmark_parser *parser = new_parser();
	cmark_node *doc, *n;
	size_t count = 0;

	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
		count++;
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return count;
}

/*
 * A fence added after a closed code block opens a new block; after one
 * left open it closes it and makes no new block: so the two are told
 * apart without redoing cmark's reading of fences.
 */
void md_open_fence(const char *md, size_t len, struct strbuf *fence)
{
	cmark_parser *parser;
	cmark_node *doc, *last;
	struct strbuf probe = STRBUF_INIT;
	int length = 0, offset = 0, i;
	char ch = 0;
	size_t before = 0;

	/* Most notes have no fence at all: no need to parse them for one. */
	if (!memmem(md, len, "```", 3) && !memmem(md, len, "~~~", 3))
		return;
	parser = new_parser();
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	last = cmark_node_last_child(doc);
	if (last && cmark_node_get_type(last) == CMARK_NODE_CODE_BLOCK &&
	    cmark_node_get_fenced(last, &length, &offset, &ch) && length >= 3 && length < 1000) {
		for (i = 0; i < length; i++)
			strbuf_addch(fence, ch);
		for (last = cmark_node_first_child(doc); last; last = cmark_node_next(last))
			before++;
		strbuf_add(&probe, md, len);
		strbuf_addch(&probe, '\n');
		strbuf_addstr(&probe, fence->buf);
		strbuf_addch(&probe, '\n');
		if (top_level_blocks(probe.buf, probe.len) != before)
			strbuf_reset(fence);
	}
	strbuf_release(&probe);
	cmark_node_free(doc);
	cmark_parser_free(parser);
}

/* --- what a reader sees (plain.c maps it back to the Markdown) ------------ */

void md_walk(const char *md, size_t len, void (*fn)(void *data, const struct md_piece *p),
	     void *data)
{
	cmark_parser *parser = new_parser();
	cmark_node *doc, *node;
	cmark_iter *it;
	cmark_event_type ev;
	int length, offset;
	char ch;

	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		struct md_piece p = { MD_TEXT, "", 0, "", 0, 0, 0, 0 };
		cmark_node_type t;
		node = cmark_iter_get_node(it);
		t = cmark_node_get_type(node);
		p.line = cmark_node_get_start_line(node);
		p.col = cmark_node_get_start_column(node);
		p.end_line = cmark_node_get_end_line(node);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE ||
		    t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_CODE_BLOCK) {
			p.type = t == CMARK_NODE_CODE_BLOCK ? MD_CODE_BLOCK : MD_TEXT;
			p.fenced = t == CMARK_NODE_CODE_BLOCK &&
				   cmark_node_get_fenced(node, &length, &offset, &ch);
			p.text = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
			p.len = strlen(p.text);
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			p.type = MD_BREAK;
		} else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			p.type = ev == CMARK_EVENT_ENTER ? MD_LINK_START : MD_LINK_END;
			p.text = cmark_node_get_url(node) ? cmark_node_get_url(node) : "";
			p.len = strlen(p.text);
			p.title = cmark_node_get_title(node) ? cmark_node_get_title(node) : "";
		} else if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && t != CMARK_NODE_DOCUMENT &&
			   (ev == CMARK_EVENT_EXIT || !cmark_node_first_child(node))) {
			p.type = MD_END;
		} else {
			continue;
		}
		fn(data, &p);
		/* A leaf block is entered only: its end comes with it. */
		if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_CODE_BLOCK) {
			p.type = MD_END;
			fn(data, &p);
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	cmark_parser_free(parser);
}
