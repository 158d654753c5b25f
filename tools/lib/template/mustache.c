/*
 * A Mustache engine for the pages care writes. A template is compiled once
 * into a flat array of nodes in which a section knows where its body ends,
 * so rendering is a loop over that array with no parsing left to do.
 *
 * The standalone-line rules of the specification (a line holding only a
 * section, comment, partial or delimiter tag disappears from the output)
 * are applied while compiling. Indentation of a standalone partial cannot
 * be: a partial is compiled once but included at different depths. So the
 * compiler leaves an INDENT node at the start of every template line that
 * survives, and the renderer writes the indentation of the partials it is
 * inside there; this indents each line of the partial's own text, never the
 * lines of a value interpolated into it, as the specification requires.
 */
#include "template/mustache.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "yaml/hazards.h"
#include "util/banned.h"

#define MAX_PARTIAL_DEPTH 64
/* Sections render by recursion; a limit keeps hostile templates off the C stack. */
#define MAX_NESTING 100

enum mkind { MN_TEXT, MN_INDENT, MN_VAR, MN_RAW, MN_SECTION, MN_INVERTED, MN_PARTIAL };

struct mnode {
	enum mkind kind;
	size_t off, len;	/* TEXT: the text; VAR, RAW, sections: the name (in text) */
	size_t end;		/* sections: the node after the body */
	char *name;		/* PARTIAL: the partial's name */
	char *indent;		/* PARTIAL: indentation of a standalone tag, or NULL */
};

struct mtemplate {
	char *text;
	struct mnode *nodes;
	size_t nr, alloc;
};

/* A section whose closing tag has not been seen yet. */
struct open_section {
	size_t node;
	size_t tag;	/* offset of its opening tag, for messages */
};

struct compiler {
	struct mtemplate *t;
	const char *text;
	size_t len;
	const char *path;
	struct diag_list *dl;
	int errors;
	const char *od, *cd;	/* the current delimiters */
	size_t odlen, cdlen;
	struct open_section *open;
	size_t nopen, aopen;
};

/* One tag, as found by parse_tag(). */
struct tag {
	int type;		/* '#', '^', '/', '!', '>', '=', '&', '{' or 0 */
	size_t start, end;	/* the whole tag, delimiters included */
	size_t name, namelen;	/* the trimmed content */
};

static struct mnode *add_node(struct compiler *c, enum mkind kind, size_t off, size_t len)
{
	struct mtemplate *t = c->t;
	struct mnode *n;

	if (t->nr == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 16;
		t->nodes = xrealloc(t->nodes, t->alloc * sizeof(*t->nodes));
	}
	n = &t->nodes[t->nr++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->off = off;
	n->len = len;
	return n;
}

static int is_line_start(const struct compiler *c, size_t pos)
{
	return !pos || c->text[pos - 1] == '\n';
}

/*
 * Adds the text from..to, with an INDENT node at each line start in it,
 * and one at `to` as well when a tag that stays in the output begins a line
 * there.
 */
static void emit_text(struct compiler *c, size_t from, size_t to, int tag_follows)
{
	while (from < to) {
		const char *nl = memchr(c->text + from, '\n', to - from);
		size_t stop = nl ? (size_t)(nl - c->text) + 1 : to;
		if (is_line_start(c, from))
			add_node(c, MN_INDENT, 0, 0);
		add_node(c, MN_TEXT, from, stop - from);
		from = stop;
	}
	if (tag_follows && is_line_start(c, to))
		add_node(c, MN_INDENT, 0, 0);
}

__attribute__((format(printf, 3, 4))) static void error_at(struct compiler *c, size_t off,
							   const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;
	int line, col;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	text_position(c->text, c->len, off, &line, &col);
	diag_add(c->dl, c->path, line, col, DIAG_ERROR, "template", "%s", msg.buf);
	strbuf_release(&msg);
	c->errors++;
}

/* Writes a tag as the teacher would type it now: {{#name}}, <%/name%>. */
static const char *tag_text(struct strbuf *sb, const struct compiler *c, const char *type,
			    const char *name, size_t len)
{
	strbuf_reset(sb);
	strbuf_add(sb, c->od, c->odlen);
	strbuf_addstr(sb, type);
	strbuf_add(sb, name, len);
	strbuf_add(sb, c->cd, c->cdlen);
	return sb->buf;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/*
 * Finds the end of the tag opened at start. Returns 0, or -1 after
 * reporting a tag that never closes.
 */
static int parse_tag(struct compiler *c, size_t start, struct tag *tag)
{
	struct strbuf close = STRBUF_INIT, open = STRBUF_INIT;
	size_t p = start + c->odlen, q;
	const char *found;

	tag->start = start;
	tag->type = p < c->len && c->text[p] && strchr("#^/!>=&{", c->text[p]) ? c->text[p] : 0;
	if (tag->type)
		p++;
	if (tag->type == '{' || tag->type == '=')
		strbuf_addch(&close, tag->type == '{' ? '}' : '=');
	strbuf_add(&close, c->cd, c->cdlen);
	found = memmem(c->text + p, c->len - p, close.buf, close.len);
	if (!found) {
		strbuf_add(&open, c->od, c->odlen);
		if (tag->type)
			strbuf_addch(&open, tag->type);
		error_at(c, start, _("this '%s' starts a tag that is never closed; add '%s' where the tag ends"),
			 open.buf, close.buf);
		strbuf_release(&open);
		strbuf_release(&close);
		return -1;
	}
	q = (size_t)(found - c->text);
	tag->end = q + close.len;
	strbuf_release(&close);
	while (p < q && is_space(c->text[p]))
		p++;
	while (q > p && is_space(c->text[q - 1]))
		q--;
	tag->name = p;
	tag->namelen = q - p;
	return 0;
}

static int can_stand_alone(int type)
{
	return type && strchr("#^/!>=", type);
}

/*
 * When the tag is alone on its line, returns 1 with the line's extent in
 * *ls (its start) and *le (past its line end).
 */
static int standalone(const struct compiler *c, const struct tag *tag, size_t text_start,
		      size_t *ls, size_t *le)
{
	size_t p = tag->start;

	while (p > text_start && (c->text[p - 1] == ' ' || c->text[p - 1] == '\t'))
		p--;
	if (!is_line_start(c, p))
		return 0;
	*ls = p;
	p = tag->end;
	while (p < c->len && (c->text[p] == ' ' || c->text[p] == '\t'))
		p++;
	if (p < c->len && c->text[p] == '\r' && p + 1 < c->len && c->text[p + 1] == '\n')
		p++;
	if (p < c->len && c->text[p] != '\n')
		return 0;
	*le = p < c->len ? p + 1 : p;
	return 1;
}

/* Checks the name of an interpolation or section; reports and returns -1 if unusable. */
static int check_name(struct compiler *c, const struct tag *tag)
{
	const char *s = c->text + tag->name;
	size_t i, n = tag->namelen;
	struct strbuf open = STRBUF_INIT;

	if (!n) {
		strbuf_add(&open, c->od, c->odlen);
		if (tag->type)
			strbuf_addch(&open, tag->type);
		error_at(c, tag->start,
			 _("this tag has no name; write a name between '%s' and '%.*s'"), open.buf,
			 (int)c->cdlen, c->cd);
		strbuf_release(&open);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (is_space(s[i])) {
			error_at(c, tag->start, _("the name '%.*s' contains a space; a name is one word, such as 'child_name' or 'child.name'"),
				 (int)n, s);
			return -1;
		}
	if (tag->type == '>' || (n == 1 && s[0] == '.'))
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] == '.' && (!i || i == n - 1 || s[i + 1] == '.')) {
			error_at(c, tag->start, _("the name '%.*s' has a misplaced '.'; a dot goes between two names, as in 'child.name'"),
				 (int)n, s);
			return -1;
		}
	return 0;
}

static void set_delimiters(struct compiler *c, const struct tag *tag)
{
	const char *s = c->text + tag->name, *end = s + tag->namelen;
	const char *a = s, *b;
	size_t alen, blen;

	while (s < end && !is_space(*s))
		s++;
	alen = (size_t)(s - a);
	while (s < end && is_space(*s))
		s++;
	b = s;
	while (s < end && !is_space(*s))
		s++;
	blen = (size_t)(s - b);
	if (!alen || !blen || s != end || memchr(a, '=', alen) || memchr(b, '=', blen)) {
		error_at(c, tag->start, _("a delimiter tag needs two delimiters separated by a space, neither containing '=', such as %.*s=[[ ]]=%.*s"),
			 (int)c->odlen, c->od, (int)c->cdlen, c->cd);
		return;
	}
	c->od = a;
	c->odlen = alen;
	c->cd = b;
	c->cdlen = blen;
}

static void open_section(struct compiler *c, const struct tag *tag)
{
	struct open_section *o;

	if (c->nopen == MAX_NESTING) {
		error_at(c, tag->start, _("sections are nested more than %d deep here; close some of them first"),
			 MAX_NESTING);
		return;
	}
	if (c->nopen == c->aopen) {
		c->aopen = c->aopen ? 2 * c->aopen : 8;
		c->open = xrealloc(c->open, c->aopen * sizeof(*c->open));
	}
	o = &c->open[c->nopen++];
	o->node = c->t->nr;
	o->tag = tag->start;
	add_node(c, tag->type == '#' ? MN_SECTION : MN_INVERTED, tag->name, tag->namelen);
}

static int same_name(const struct compiler *c, const struct mnode *n, const struct tag *tag)
{
	return n->len == tag->namelen && !memcmp(c->text + n->off, c->text + tag->name, n->len);
}

/*
 * Closes the innermost open section. A name that matches none of them is
 * taken as a misspelling of the innermost, the likeliest mistake, so that
 * one slip gives one message.
 */
static void close_section(struct compiler *c, const struct tag *tag)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const char *name = c->text + tag->name;
	struct mnode *top;
	size_t i;

	if (!c->nopen) {
		error_at(c, tag->start, _("%s closes a section that is not open; delete it, or open the section before it with %s"),
			 tag_text(&a, c, "/", name, tag->namelen),
			 tag_text(&b, c, "#", name, tag->namelen));
		goto out;
	}
	top = &c->t->nodes[c->open[c->nopen - 1].node];
	if (!same_name(c, top, tag)) {
		for (i = c->nopen - 1; i > 0; i--)
			if (same_name(c, &c->t->nodes[c->open[i - 1].node], tag))
				break;
		if (i) {
			error_at(c, tag->start, _("%s closes section '%.*s', but section '%.*s' inside it is still open; add %s before it"),
				 tag_text(&a, c, "/", name, tag->namelen), (int)tag->namelen, name,
				 (int)top->len, c->text + top->off,
				 tag_text(&b, c, "/", c->text + top->off, top->len));
			for (; c->nopen > i; c->nopen--)
				c->t->nodes[c->open[c->nopen - 1].node].end = c->t->nr;
		} else {
			error_at(c, tag->start, _("%s closes a section that is not open (the open one is '%.*s'); did you mean %s?"),
				 tag_text(&a, c, "/", name, tag->namelen), (int)top->len,
				 c->text + top->off,
				 tag_text(&b, c, "/", c->text + top->off, top->len));
		}
	}
	c->t->nodes[c->open[--c->nopen].node].end = c->t->nr;
out:
	strbuf_release(&a);
	strbuf_release(&b);
}

static void add_tag(struct compiler *c, const struct tag *tag, size_t indent, size_t indent_len)
{
	struct mnode *n;

	if (tag->type == '!')
		return;
	if (tag->type == '=') {
		set_delimiters(c, tag);
		return;
	}
	if (check_name(c, tag) < 0)
		return;
	switch (tag->type) {
	case '#':
	case '^':
		open_section(c, tag);
		break;
	case '/':
		close_section(c, tag);
		break;
	case '>':
		n = add_node(c, MN_PARTIAL, 0, 0);
		n->name = xstrndup(c->text + tag->name, tag->namelen);
		if (indent_len)
			n->indent = xstrndup(c->text + indent, indent_len);
		break;
	default:
		add_node(c, tag->type ? MN_RAW : MN_VAR, tag->name, tag->namelen);
		break;
	}
}

static void compile(struct compiler *c)
{
	size_t pos = 0, text_start = 0;

	while (pos < c->len) {
		const char *found = memmem(c->text + pos, c->len - pos, c->od, c->odlen);
		struct tag tag;
		size_t ls = 0, le = 0;

		if (!found)
			break;
		if (parse_tag(c, (size_t)(found - c->text), &tag) < 0)
			return;
		if (can_stand_alone(tag.type) && standalone(c, &tag, text_start, &ls, &le)) {
			emit_text(c, text_start, ls, 0);
			add_tag(c, &tag, ls, tag.start - ls);
			pos = le;
		} else {
			emit_text(c, text_start, tag.start, 1);
			add_tag(c, &tag, 0, 0);
			pos = tag.end;
		}
		text_start = pos;
	}
	emit_text(c, text_start, c->len, 0);
	while (c->nopen) {
		struct strbuf close = STRBUF_INIT;
		const struct open_section *o = &c->open[--c->nopen];
		const struct mnode *n = &c->t->nodes[o->node];
		const char *name = c->text + n->off;

		error_at(c, o->tag, _("section '%.*s' is opened here but never closed; add %s"),
			 (int)n->len, name, tag_text(&close, c, "/", name, n->len));
		strbuf_release(&close);
	}
}

int mustache_compile(struct mtemplate **out, const char *path, const char *text, size_t len,
		     struct diag_list *dl)
{
	struct compiler c;

	memset(&c, 0, sizeof(c));
	c.t = xcalloc(1, sizeof(*c.t));
	c.t->text = xstrndup(text, len);
	/* Names and text nodes point into this copy, never into the caller's buffer. */
	c.text = c.t->text;
	c.len = len;
	c.path = path;
	c.dl = dl;
	c.od = "{{";
	c.cd = "}}";
	c.odlen = c.cdlen = 2;
	compile(&c);
	free(c.open);
	if (c.errors) {
		mustache_free(c.t);
		*out = NULL;
		return -1;
	}
	*out = c.t;
	return 0;
}

void mustache_free(struct mtemplate *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nr; i++) {
		free(t->nodes[i].name);
		free(t->nodes[i].indent);
	}
	free(t->nodes);
	free(t->text);
	free(t);
}

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
