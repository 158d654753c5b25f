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
#include "util/lines.h"
#include "template/mustache_int.h"
#include "util/banned.h"

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

