/*
 * Field-level changes between two versions of a record. Each version is
 * flattened to (key path, label, value) leaves following the schema; the
 * two lists are matched by key path. A list of plain values (needs,
 * participants) is one leaf, its values joined; a list of groups (parents,
 * reviews) is compared item by item.
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

/*
 * Takes value over. Values are compared whole and shown masked, so a new
 * phone number shows as a change ("138… → 138…") without being shown.
 */
static void add_leaf(struct leaves *l, const char *field, const char *label, char *value,
		     int mask)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 32;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n].field = xstrdup(field);
	l->v[l->n].label = xstrdup(label);
	l->v[l->n].value = value;
	l->v[l->n].shown = mask ? masked(value) : xstrdup(value);
	l->v[l->n].sensitive = mask;
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
	return one_line(label ? label : n->u.text);
}

static void flatten(struct leaves *l, const struct ynode *n, const struct snode *s, const char *field,
		    const char *label, int sensitive, int flags)
{
	size_t i;

	/* A key the schema does not know (a misspelling since fixed) may hold anything. */
	sensitive = sensitive || !s || snode_sensitive(s);
	if (n && n->type == YNODE_MAP) {
		for (i = 0; i < n->len; i++) {
			const char *key = n->u.kids[2 * i]->u.text;
			const struct snode *ps = snode_property(s, key);
			const char *title = snode_title(ps) ? snode_title(ps) : key;
			char *f = *field ? xstrfmt("%s.%s", field, key) : xstrdup(key);
			char *lb = *label ? xstrfmt("%s › %s", label, title) : xstrdup(title);
			flatten(l, n->u.kids[2 * i + 1], ps, f, lb, sensitive, flags);
			free(f);
			free(lb);
		}
		return;
	}
	if (n && n->type == YNODE_SEQ && n->len && n->u.kids[0]->type == YNODE_MAP) {
		for (i = 0; i < n->len; i++) {
			char *f = xstrfmt("%s.%zu", field, i + 1);
			char *lb = xstrfmt("%s（第 %zu 项）", label, i + 1);
			flatten(l, n->u.kids[i], snode_items(s), f, lb, sensitive, flags);
			free(f);
			free(lb);
		}
		return;
	}
	if (n && n->type == YNODE_SEQ) {
		struct strbuf sb = STRBUF_INIT;
		for (i = 0; i < n->len; i++) {
			char *t = scalar_text(n->u.kids[i], snode_items(s));
			strbuf_addstr(&sb, i ? "、" : "");
			strbuf_addstr(&sb, t);
			free(t);
		}
		if (sensitive && (flags & FIELDDIFF_OMIT))
			strbuf_release(&sb);
		else
			add_leaf(l, field, label, strbuf_detach(&sb, NULL), sensitive && !(flags & FIELDDIFF_FULL));
		return;
	}
	if (!(sensitive && (flags & FIELDDIFF_OMIT)))
		add_leaf(l, field, label, scalar_text(n, s), sensitive && !(flags & FIELDDIFF_FULL));
}

static int parse(const char *text, size_t len, const struct snode *s, int flags, struct leaves *l)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	int ret = 0;

	if (!text)
		return 0;
	if (text_scan(text, len, "", &dl) || ydoc_parse(&doc, text, len, "", &dl) < 0)
		ret = -1;
	else
		flatten(l, ydoc_root(doc), s, "", "", 0, flags);
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
		   int flags, struct fchange **out)
{
	struct leaves a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	struct fchange *v = NULL;
	size_t i = 0, j = 0;
	long n = 0;

	*out = NULL;
	if (parse(old, olen, s, flags, &a) < 0 || parse(new, nlen, s, flags, &b) < 0) {
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
