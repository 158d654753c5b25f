/*
 * Field-level changes between two versions of a record. Each version is
 * flattened to (key path, label, value) leaves following the schema; the
 * two lists are matched by key path. A list of plain values (needs,
 * participants) is one leaf, its values joined; a list of groups (parents,
 * reviews) is compared item by item. A value of another shape than the
 * schema's (old versions were not always checked) is one leaf, and hidden
 * when anything the schema marks sensitive could be in it.
 */
#include "git/fielddiff.h"

#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/strbuf.h"
#include "yaml/hazards.h"
#include "util/utf8.h"
#include "yaml/tree.h"
#include "util/banned.h"

struct leaf {
	char *field, *label;
	char *value;		/* compared */
	char *shown;		/* printed: masked when sensitive */
	int sensitive;
};

struct leaves {
	struct leaf *v;
	size_t n, alloc;
};

#define SHOWN_CHARS 40

/* At most SHOWN_CHARS characters on one line: a note shows how it starts. */
static char *one_line(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t chars = 0;

	for (; *s && chars < SHOWN_CHARS; s++) {
		if (*s == '\n' || *s == '\r') {
			if (sb.len && sb.buf[sb.len - 1] != ' ')
				strbuf_addch(&sb, ' ');
			continue;
		}
		strbuf_addch(&sb, *s);
		if (((unsigned char)*s & 0xc0) != 0x80)
			chars++;
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	while (*s && ((unsigned char)*s & 0xc0) == 0x80)
		strbuf_addch(&sb, *s++);
	if (*s)
		strbuf_addstr(&sb, "…");
	return strbuf_detach(&sb, NULL);
}

/* The first three characters and "…": enough to tell which, not to dial. */
static char *masked(const char *s)
{
	size_t n = 0, chars = 0;

	while (s[n] && chars < 3) {
		n++;
		while (s[n] && ((unsigned char)s[n] & 0xc0) == 0x80)
			n++;
		chars++;
	}
	return s[n] ? xstrfmt("%.*s…", (int)n, s) : xstrfmt("%s", "…");
}

enum shown { SHOW_WHOLE, SHOW_MASKED, SHOW_NOTHING };

struct walk {
	struct leaves *l;
	int flags;
	const struct fielddiff_filter *filter;
};

/*
 * value as shown whole: the filter's redaction first, on all of it, then
 * cut to a line; cut first, a number across the cut would not be found.
 */
static char *shown_whole(const struct walk *w, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	char *line;

	if (!w->filter || !w->filter->redact)
		return one_line(value);
	w->filter->redact(w->filter->data, &sb, value);
	line = one_line(sb.buf);
	strbuf_release(&sb);
	return line;
}

/*
 * Takes value over. Values are compared whole and shown masked, so a new
 * phone number shows as a change ("138… → 138…") without being shown.
 */
static void add_leaf(const struct walk *w, const char *field, const char *label, char *value,
		     enum shown how, int sensitive)
{
	struct leaves *l = w->l;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 32;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n].field = xstrdup(field);
	l->v[l->n].label = xstrdup(label);
	l->v[l->n].value = value;
	l->v[l->n].shown = how == SHOW_MASKED ? masked(value) :
			   how == SHOW_NOTHING ? xstrdup("…") : shown_whole(w, value);
	l->v[l->n].sensitive = sensitive;
	l->n++;
}

static char *scalar_text(const struct ynode *n, const struct snode *s)
{
	const char *label;

	if (!n || ynode_is_null(n))
		return xstrdup("");
	/* An old, unchecked version may hold a group where a value belongs. */
	if (n->type != YNODE_SCALAR)
		return xstrdup("…");
	label = snode_label(s, n->u.text);
	return xstrdup(label ? label : n->u.text);
}

/* Everything n holds, keys and values: to compare and, in full, show. */
static void add_all_text(struct strbuf *sb, const struct ynode *n, int depth)
{
	size_t i;

	if (!n || depth > 64)
		return;
	if (n->type == YNODE_SCALAR) {
		strbuf_addstr(sb, ynode_is_null(n) ? "" : n->u.text);
		return;
	}
	for (i = 0; i < n->len; i++) {
		strbuf_addstr(sb, i ? "；" : "");
		if (n->type == YNODE_MAP) {
			strbuf_addstr(sb, n->u.kids[2 * i]->u.text);
			strbuf_addstr(sb, ": ");
			add_all_text(sb, n->u.kids[2 * i + 1], depth + 1);
		} else {
			add_all_text(sb, n->u.kids[i], depth + 1);
		}
	}
}

static char *all_text(const struct ynode *n)
{
	struct strbuf sb = STRBUF_INIT;

	add_all_text(&sb, n, 0);
	return strbuf_detach(&sb, NULL);
}

/* Is n a map, a list or a value as s is an object, an array or neither? */
static int same_kind(const struct ynode *n, const struct snode *s)
{
	if (!n || (n->type == YNODE_SCALAR && ynode_is_null(n)))
		return 1;
	if (snode_nprops(s))
		return n->type == YNODE_MAP;
	if (snode_items(s))
		return n->type == YNODE_SEQ;
	return n->type == YNODE_SCALAR;
}

/* Has n the shape of s, down to its list's items? Deeper, flatten() looks. */
static int shape_fits(const struct ynode *n, const struct snode *s)
{
	size_t i;

	if (!same_kind(n, s))
		return 0;
	if (n && n->type == YNODE_SEQ)
		for (i = 0; i < n->len; i++)
			if (!same_kind(n->u.kids[i], snode_items(s)))
				return 0;
	return 1;
}

/* Does the schema mark s, or anything below it, x-sensitive? */
static int sensitive_below(const struct snode *s, int depth)
{
	size_t i, n = snode_nprops(s);

	if (!s || depth > 32)
		return 0;
	if (snode_sensitive(s) || sensitive_below(snode_items(s), depth + 1))
		return 1;
	for (i = 0; i < n; i++)
		if (sensitive_below(snode_prop(s, i), depth + 1))
			return 1;
	return 0;
}

/* How a leaf is shown, or -1 when it is left out. */
static int how_shown(const struct walk *w, int sensitive, enum shown masked_as)
{
	if (!sensitive)
		return SHOW_WHOLE;
	if (w->flags & FIELDDIFF_OMIT)
		return -1;
	return w->flags & FIELDDIFF_FULL ? SHOW_WHOLE : (int)masked_as;
}

static void flatten(struct walk *w, const struct ynode *n, const struct snode *s, const char *field,
		    const char *label, int sensitive)
{
	size_t i;
	int how;

	/* A key the schema does not know (a misspelling since fixed) may hold anything. */
	sensitive = sensitive || !s || snode_sensitive(s);
	/*
	 * A string where guardian's fields belong may hold its phone and
	 * address, and which part is which is not known: all of it is
	 * hidden, not even its first characters shown.
	 */
	if (!sensitive && !shape_fits(n, s) && sensitive_below(s, 0)) {
		if ((how = how_shown(w, 1, SHOW_NOTHING)) >= 0)
			add_leaf(w, field, label, all_text(n), (enum shown)how, 1);
		return;
	}
	if (n && n->type == YNODE_MAP) {
		for (i = 0; i < n->len; i++) {
			const char *key = n->u.kids[2 * i]->u.text;
			const struct snode *ps = snode_property(s, key);
			const char *title = snode_title(ps) ? snode_title(ps) : key;
			char *f = *field ? xstrfmt("%s.%s", field, key) : xstrdup(key);
			char *lb = *label ? xstrfmt("%s › %s", label, title) : xstrdup(title);
			flatten(w, n->u.kids[2 * i + 1], ps, f, lb, sensitive);
			free(f);
			free(lb);
		}
		return;
	}
	if (n && n->type == YNODE_SEQ && n->len && n->u.kids[0]->type == YNODE_MAP) {
		for (i = 0; i < n->len; i++) {
			char *f = xstrfmt("%s.%zu", field, i + 1);
			char *lb = xstrfmt("%s（第 %zu 项）", label, i + 1);
			flatten(w, n->u.kids[i], snode_items(s), f, lb, sensitive);
			free(f);
			free(lb);
		}
		return;
	}
	if ((how = how_shown(w, sensitive, SHOW_MASKED)) < 0)
		return;
	if (n && n->type == YNODE_SEQ) {
		struct strbuf sb = STRBUF_INIT;
		size_t shown = 0;
		for (i = 0; i < n->len; i++) {
			const char *code = ynode_text(n->u.kids[i]);
			char *t;
			if (code && w->filter && w->filter->hides &&
			    w->filter->hides(w->filter->data, field, code))
				continue;
			t = scalar_text(n->u.kids[i], snode_items(s));
			strbuf_addstr(&sb, shown++ ? "、" : "");
			strbuf_addstr(&sb, t);
			free(t);
		}
		/* Nothing left but hidden items: as if the list were not there. */
		if (n->len && !shown) {
			strbuf_release(&sb);
			return;
		}
		add_leaf(w, field, label, strbuf_detach(&sb, NULL), (enum shown)how, sensitive);
		return;
	}
	add_leaf(w, field, label, scalar_text(n, s), (enum shown)how, sensitive);
}

static int parse(const char *text, size_t len, const struct snode *s, struct walk *w)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	int ret = 0;

	if (!text)
		return 0;
	if (text_scan(text, len, "", &dl) || ydoc_parse(&doc, text, len, "", &dl) < 0)
		ret = -1;
	else
		flatten(w, ydoc_root(doc), s, "", "", 0);
	ydoc_free(doc);
	diag_list_release(&dl);
	return ret;
}

static int by_field(const void *a, const void *b)
{
	return strcmp(((const struct leaf *)a)->field, ((const struct leaf *)b)->field);
}

static int by_order(const void *a, const void *b)
{
	const struct fchange *x = a, *y = b;
	return strcmp(x->field, y->field);
}

static void free_leaves(struct leaves *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].field);
		free(l->v[i].label);
		free(l->v[i].value);
		free(l->v[i].shown);
	}
	free(l->v);
}

long field_changes(const struct snode *s, const char *old, size_t olen, const char *new, size_t nlen,
		   int flags, const struct fielddiff_filter *filter, struct fchange **out)
{
	struct leaves a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	struct walk wa = { &a, flags, filter }, wb = { &b, flags, filter };
	struct fchange *v = NULL;
	size_t i = 0, j = 0;
	long n = 0;

	*out = NULL;
	if (parse(old, olen, s, &wa) < 0 || parse(new, nlen, s, &wb) < 0) {
		free_leaves(&a);
		free_leaves(&b);
		return -1;
	}
	if (a.n)
		qsort(a.v, a.n, sizeof(*a.v), by_field);
	if (b.n)
		qsort(b.v, b.n, sizeof(*b.v), by_field);
	v = xcalloc(a.n + b.n + 1, sizeof(*v));
	while (i < a.n || j < b.n) {
		int c = i >= a.n ? 1 : j >= b.n ? -1 : strcmp(a.v[i].field, b.v[j].field);
		struct leaf *x = c <= 0 ? &a.v[i] : NULL, *y = c >= 0 ? &b.v[j] : NULL;
		if (!x || !y || strcmp(x->value, y->value)) {
			const struct leaf *named = y ? y : x;
			v[n].field = xstrdup(named->field);
			v[n].label = xstrdup(named->label);
			v[n].old = x ? xstrdup(x->shown) : NULL;
			v[n].new = y ? xstrdup(y->shown) : NULL;
			v[n].sensitive = named->sensitive;
			n++;
		}
		i += c <= 0;
		j += c >= 0;
	}
	/* Key paths sort as the record reads: guardian.name before guardian.phone. */
	if (n)
		qsort(v, (size_t)n, sizeof(*v), by_order);
	free_leaves(&a);
	free_leaves(&b);
	*out = v;
	return n;
}

void fchanges_free(struct fchange *v, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		free(v[i].field);
		free(v[i].label);
		free(v[i].old);
		free(v[i].new);
	}
	free(v);
}
