/*
 * The records care import makes, as a tree and as YAML. Writing YAML here
 * rather than through libyaml's emitter keeps the file in the one style a
 * school's records have (libyaml would choose its own quotes and
 * indentation), and lets each output line keep the column of the sheet
 * its value came from.
 */
#include "records/rtree.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "records/newrec.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Lines longer than this make a list a block, one item per line. */
#define FLOW_WIDTH 80

static struct rnode *node(const char *key, enum rtype type, const char *text, int col)
{
	struct rnode *n = xcalloc(1, sizeof(*n));

	n->key = key ? xstrdup(key) : NULL;
	n->type = type;
	n->text = text ? xstrdup(text) : NULL;
	n->col = col;
	return n;
}

static void append(struct rnode *parent, struct rnode *kid)
{
	parent->kids = xrealloc(parent->kids, (parent->n + 1) * sizeof(*parent->kids));
	parent->kids[parent->n++] = kid;
}

struct rnode *rnode_new_map(void)
{
	return node(NULL, RT_MAP, NULL, 0);
}

void rnode_free(struct rnode *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++)
		rnode_free(n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->text);
	free(n);
}

static struct rnode *kid(const struct rnode *map, const char *key, size_t len)
{
	size_t i;

	for (i = 0; map->type == RT_MAP && i < map->n; i++)
		if (strlen(map->kids[i]->key) == len && !strncmp(map->kids[i]->key, key, len))
			return map->kids[i];
	return NULL;
}

/* The item of seq whose relation is sel (len bytes), or NULL. */
static struct rnode *selected(const struct rnode *seq, const char *sel, size_t len)
{
	size_t i;

	for (i = 0; i < seq->n; i++) {
		struct rnode *r = kid(seq->kids[i], "relation", 8);
		if (r && r->text && strlen(r->text) == len && !strncmp(r->text, sel, len))
			return seq->kids[i];
	}
	return NULL;
}

/*
 * Walks field, making what is missing when make is set, and returns the
 * mapping holding the last key, with the key in *last.
 */
static struct rnode *walk(struct rnode *at, const char *field, int make, int col, const char **last)
{
	const char *seg = field, *dot;

	while ((dot = strchr(seg, '.'))) {
		const char *br = memchr(seg, '[', (size_t)(dot - seg));
		size_t klen = (size_t)((br ? br : dot) - seg);
		struct rnode *next = kid(at, seg, klen);

		if (!next && !make)
			return NULL;
		if (!next) {
			char *k = xstrndup(seg, klen);
			next = node(k, br ? RT_SEQ : RT_MAP, NULL, col);
			free(k);
			append(at, next);
		}
		if (br) {
			const char *sel = br + 1;
			size_t slen = (size_t)(dot - 1 - sel);
			struct rnode *item;

			if (next->type != RT_SEQ)
				return NULL;
			item = selected(next, sel, slen);
			if (!item && !make)
				return NULL;
			if (!item) {
				char *s = xstrndup(sel, slen);
				item = node(NULL, RT_MAP, NULL, col);
				append(item, node("relation", RT_SCALAR, s, col));
				append(next, item);
				free(s);
			}
			next = item;
		}
		if (next->type != RT_MAP)
			return NULL;
		at = next;
		seg = dot + 1;
	}
	*last = seg;
	return at;
}

struct rnode *rnode_set(struct rnode *root, const char *field, const char *text, int col)
{
	const char *last;
	struct rnode *map = walk(root, field, 1, col, &last), *n;

	if (!map)
		return NULL;
	n = kid(map, last, strlen(last));
	if (n) {
		if (n->type != RT_SCALAR)
			return NULL;
		free(n->text);
		n->text = xstrdup(text);
		n->col = col;
		return n;
	}
	return rnode_add(map, last, text, col);
}

struct rnode *rnode_set_list(struct rnode *root, const char *field, int col)
{
	const char *last;
	struct rnode *map = walk(root, field, 1, col, &last), *n;

	if (!map || kid(map, last, strlen(last)))
		return NULL;
	n = node(last, RT_SEQ, NULL, col);
	append(map, n);
	return n;
}

struct rnode *rnode_push(struct rnode *seq, enum rtype type, const char *text, int col)
{
	struct rnode *n = node(NULL, type, text, col);

	append(seq, n);
	return n;
}

struct rnode *rnode_add(struct rnode *map, const char *key, const char *text, int col)
{
	struct rnode *n = node(key, RT_SCALAR, text, col);

	append(map, n);
	return n;
}

const char *rnode_get(const struct rnode *root, const char *field)
{
	const char *last;
	struct rnode *map = walk((struct rnode *)root, field, 0, 0, &last), *n;

	n = map ? kid(map, last, strlen(last)) : NULL;
	return n && n->type == RT_SCALAR ? n->text : NULL;
}

/* --- writing --- */

struct emitter {
	struct strbuf *out;
	int *cols;
	size_t ncols, alloc;
};

static void end_line(struct emitter *e, int col)
{
	strbuf_addch(e->out, '\n');
	if (e->ncols == e->alloc) {
		e->alloc = e->alloc ? 2 * e->alloc : 64;
		e->cols = xrealloc(e->cols, e->alloc * sizeof(*e->cols));
	}
	e->cols[e->ncols++] = col;
}

static void indent(struct emitter *e, int n)
{
	while (n-- > 0)
		strbuf_addch(e->out, ' ');
}

/* The first sheet column at or under n, for the line of a container. */
static int first_col(const struct rnode *n)
{
	size_t i;

	if (n->col)
		return n->col;
	for (i = 0; i < n->n; i++)
		if (first_col(n->kids[i]))
			return first_col(n->kids[i]);
	return 0;
}

/* Would YAML read s, written plain, as this same string? */
static int plain_ok(const char *s, int in_flow)
{
	static const char *const words[] = { "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~" };
	size_t n = strlen(s), i;
	char *end;

	if (!n || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) || s[n - 1] == ' ' || s[n - 1] == ':')
		return 0;
	if (strstr(s, ": ") || strstr(s, " #") || (in_flow && strpbrk(s, ",[]{}")))
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (!strcasecmp(s, words[i]))
			return 0;
	/* A number, which a reader other than care would take as one. */
	strtod(s, &end);
	return *end != '\0' && !(s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) && strcasecmp(s, ".inf") &&
	       strcasecmp(s, ".nan");
}

static void add_quoted(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	yaml_escape_dq(out, s, strlen(s));
	strbuf_addch(out, '"');
}

static void add_scalar(struct strbuf *out, const struct rnode *n, const struct snode *sn, int in_flow)
{
	if (!n->quoted && sn && snode_numeric(sn) && n->text[0] &&
	    strspn(n->text, "0123456789") == strlen(n->text))
		strbuf_addstr(out, n->text);
	else if (!n->quoted && plain_ok(n->text, in_flow))
		strbuf_addstr(out, n->text);
	else
		add_quoted(out, n->text);
}

/* key: |, then the text's lines indented by ind. */
static void add_block(struct emitter *e, const struct rnode *n, int ind)
{
	const char *p = n->text, *eol;

	strbuf_addstr(e->out, "|");
	end_line(e, n->col);
	while (*p) {
		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		if (eol > p) {
			indent(e, ind);
			strbuf_add(e->out, p, (size_t)(eol - p));
		}
		end_line(e, n->col);
		p = *eol ? eol + 1 : eol;
	}
}

/* Can seq be written [a, b] on the line of its key, at width columns so far? */
static int flow_fits(const struct rnode *seq, const struct snode *items, size_t width)
{
	size_t i;

	width += 2;
	for (i = 0; i < seq->n; i++) {
		const struct rnode *k = seq->kids[i];
		if (k->type != RT_SCALAR || strchr(k->text, '\n'))
			return 0;
		if (!k->quoted && !plain_ok(k->text, 1) && !(items && snode_numeric(items)))
			return 0;
		width += (i ? 2 : 0) + utf8_strnlen(k->text, strlen(k->text)) + (k->quoted ? 2 : 0);
	}
	return width <= FLOW_WIDTH;
}

static void emit_map(struct emitter *e, const struct rnode *map, const struct snode *sn, int ind,
		     int top, int first_inline);

static void emit_value(struct emitter *e, const struct rnode *n, const struct snode *sn, int ind,
		       int top)
{
	const struct snode *items = sn ? snode_items(sn) : NULL;
	size_t i;

	if (n->type == RT_SCALAR) {
		if (strchr(n->text, '\n') || (top && sn && snode_markdown(sn))) {
			add_block(e, n, ind + 2);
			return;
		}
		add_scalar(e->out, n, sn, 0);
		end_line(e, n->col);
		return;
	}
	if (n->type == RT_MAP) {
		end_line(e, first_col(n));
		emit_map(e, n, sn, ind + 2, 0, 0);
		return;
	}
	if (flow_fits(n, items, (size_t)ind + utf8_strnlen(n->key ? n->key : "", n->key ? strlen(n->key) : 0) + 2)) {
		strbuf_addch(e->out, '[');
		for (i = 0; i < n->n; i++) {
			if (i)
				strbuf_addstr(e->out, ", ");
			add_scalar(e->out, n->kids[i], items, 1);
		}
		strbuf_addch(e->out, ']');
		end_line(e, first_col(n));
		return;
	}
	end_line(e, first_col(n));
	for (i = 0; i < n->n; i++) {
		const struct rnode *k = n->kids[i];
		indent(e, ind + 2);
		strbuf_addstr(e->out, "- ");
		if (k->type == RT_MAP) {
			emit_map(e, k, items, ind + 4, 0, 1);
		} else if (k->type == RT_SCALAR && !strchr(k->text, '\n')) {
			add_scalar(e->out, k, items, 0);
			end_line(e, k->col);
		} else {
			add_quoted(e->out, k->text ? k->text : "");
			end_line(e, k->col);
		}
	}
}

static void emit_pair(struct emitter *e, const struct rnode *k, const struct snode *sn, int ind,
		      int top, int inline_first)
{
	if (!inline_first)
		indent(e, ind);
	if (plain_ok(k->key, 0))
		strbuf_addstr(e->out, k->key);
	else
		add_quoted(e->out, k->key);
	strbuf_addch(e->out, ':');
	if (k->type != RT_MAP && !(k->type == RT_SEQ && !flow_fits(k, sn ? snode_items(sn) : NULL, (size_t)ind + strlen(k->key) + 2)))
		strbuf_addch(e->out, ' ');
	emit_value(e, k, sn, ind, top);
}

static void emit_map(struct emitter *e, const struct rnode *map, const struct snode *sn, int ind,
		     int top, int first_inline)
{
	size_t nprops = sn ? snode_nprops(sn) : 0, i, j, done = 0;
	char *seen = xcalloc(map->n + 1, 1);

	for (i = 0; i < nprops; i++)
		for (j = 0; j < map->n; j++)
			if (!seen[j] && !strcmp(map->kids[j]->key, snode_prop_name(sn, i))) {
				seen[j] = 1;
				emit_pair(e, map->kids[j], snode_prop(sn, i), ind, top, first_inline && !done++);
			}
	for (j = 0; j < map->n; j++)
		if (!seen[j])
			emit_pair(e, map->kids[j], NULL, ind, top, first_inline && !done++);
	free(seen);
}

void rtree_emit(struct strbuf *out, const struct rnode *root, const struct snode *sn, int **cols,
		size_t *ncols)
{
	struct emitter e = { out, NULL, 0, 0 };

	emit_map(&e, root, sn, 0, 1, 0);
	*cols = e.cols;
	*ncols = e.ncols;
}
