/*
 * Rendering a compiled Mustache template (mustache.c): a loop over its
 * nodes with a stack of contexts, and the two escapes pages need, for
 * HTML and for Markdown that cmark-gfm will read.
 */
#include "template/mustache.h"

#include <stdlib.h>
#include <string.h>

#include "template/mustache_int.h"
#include "util/i18n.h"
#include "util/banned.h"

struct render {
	const struct mval **stack;	/* the context stack, top last */
	size_t nr, alloc;
	mustache_escape_fn escape;
	const struct mustache_partials *partials;
	struct strbuf *out;
	const char *indent;
	size_t indent_len;
	int depth;
};

static void push(struct render *r, const struct mval *v)
{
	if (r->nr == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->stack = xrealloc(r->stack, r->alloc * sizeof(*r->stack));
	}
	r->stack[r->nr++] = v;
}

/*
 * The specification's lookup: the first part of a dotted name is searched
 * through the whole stack, the rest only inside what the part before found.
 */
static const struct mval *lookup(const struct render *r, const char *name, size_t len)
{
	const char *dot = memchr(name, '.', len);
	size_t part = dot ? (size_t)(dot - name) : len, i;
	const struct mval *v = NULL;

	if (len == 1 && name[0] == '.')
		return r->nr ? r->stack[r->nr - 1] : NULL;
	for (i = r->nr; i > 0 && !v; i--)
		v = mval_getn(r->stack[i - 1], name, part);
	while (v && part < len) {
		name += part + 1;
		len -= part + 1;
		dot = memchr(name, '.', len);
		part = dot ? (size_t)(dot - name) : len;
		v = mval_getn(v, name, part);
	}
	return v;
}

static int falsey(const struct mval *v)
{
	return !v || v->type == MV_NULL || v->type == MV_FALSE || (v->type == MV_LIST && !v->len);
}

static void interpolate(struct render *r, const struct mval *v, int escape)
{
	const char *s;
	size_t len;

	if (!v)
		return;
	if (v->type == MV_STR) {
		s = v->u.str;
		len = v->len;
	} else if (v->type == MV_TRUE) {
		s = "true";
		len = 4;
	} else {
		return;
	}
	if (escape && r->escape)
		r->escape(r->out, s, len);
	else
		strbuf_add(r->out, s, len);
}

static int render_nodes(struct render *r, const struct mtemplate *t, size_t from, size_t to);

static int render_partial(struct render *r, const struct mnode *n)
{
	const struct mtemplate *p;
	struct strbuf indent = STRBUF_INIT;
	const char *saved = r->indent;
	size_t saved_len = r->indent_len;
	int ret;

	if (r->depth == MAX_PARTIAL_DEPTH)
		return -1;
	p = r->partials && r->partials->get ? r->partials->get(r->partials->data, n->name) : NULL;
	if (!p)
		return 0;
	if (n->indent) {
		strbuf_add(&indent, r->indent, r->indent_len);
		strbuf_addstr(&indent, n->indent);
		r->indent = indent.buf;
		r->indent_len = indent.len;
	}
	r->depth++;
	ret = render_nodes(r, p, 0, p->nr);
	r->depth--;
	r->indent = saved;
	r->indent_len = saved_len;
	strbuf_release(&indent);
	return ret;
}

static int render_section(struct render *r, const struct mtemplate *t, size_t i)
{
	const struct mnode *n = &t->nodes[i];
	const struct mval *v = lookup(r, t->text + n->off, n->len);
	size_t k;
	int ret = 0;

	if (n->kind == MN_INVERTED)
		return falsey(v) ? render_nodes(r, t, i + 1, n->end) : 0;
	if (falsey(v))
		return 0;
	if (v->type != MV_LIST) {
		push(r, v);
		ret = render_nodes(r, t, i + 1, n->end);
		r->nr--;
		return ret;
	}
	for (k = 0; k < v->len && !ret; k++) {
		push(r, v->u.items[k]);
		ret = render_nodes(r, t, i + 1, n->end);
		r->nr--;
	}
	return ret;
}

static int render_nodes(struct render *r, const struct mtemplate *t, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		const struct mnode *n = &t->nodes[i];
		switch (n->kind) {
		case MN_TEXT:
			strbuf_add(r->out, t->text + n->off, n->len);
			break;
		case MN_INDENT:
			strbuf_add(r->out, r->indent, r->indent_len);
			break;
		case MN_VAR:
		case MN_RAW:
			interpolate(r, lookup(r, t->text + n->off, n->len), n->kind == MN_VAR);
			break;
		case MN_SECTION:
		case MN_INVERTED:
			if (render_section(r, t, i) < 0)
				return -1;
			i = n->end - 1;
			break;
		case MN_PARTIAL:
			if (render_partial(r, n) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

int mustache_render(const struct mtemplate *t, const struct mval *ctx, mustache_escape_fn escape,
		    const struct mustache_partials *partials, struct strbuf *out)
{
	struct render r;
	int ret;

	memset(&r, 0, sizeof(r));
	r.escape = escape;
	r.partials = partials;
	r.out = out;
	r.indent = "";
	if (ctx)
		push(&r, ctx);
	ret = render_nodes(&r, t, 0, t->nr);
	free(r.stack);
	return ret;
}

void mustache_escape_html(struct strbuf *out, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *e;
		switch (s[i]) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			/* the spec does not say; &#39; is what HTML 4 readers know too */
			e = "&#39;";
			break;
		default:
			continue;
		}
		strbuf_add(out, s + run, i - run);
		strbuf_addstr(out, e);
		run = i + 1;
	}
	strbuf_add(out, s + run, len - run);
}

void mustache_escape_markdown(struct strbuf *out, const char *s, size_t len)
{
	/*
	 * Escaped everywhere: what opens emphasis, code, links, HTML, entities,
	 * table cells and strikethrough. Escaped at the start only: what opens
	 * a heading, a list, a quote or an underline there ('=' under a line
	 * makes it a heading), and "1." or "1)". Everything else stays as
	 * written, so dates and ids read cleanly in the .md files.
	 */
	static const char always[] = "\\`*_[]<>&|~";
	static const char at_start[] = "#+-=>";
	size_t i, digits = 0;

	for (i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		if (ch == '\n' || ch == '\r') {
			strbuf_addch(out, ' ');
			continue;
		}
		if (ch && (strchr(always, ch) || (i == 0 && strchr(at_start, ch)) ||
			   (i > 0 && i == digits && (ch == '.' || ch == ')'))))
			strbuf_addch(out, '\\');
		if (ch >= '0' && ch <= '9' && i == digits)
			digits++;
		strbuf_addch(out, ch);
	}
}
