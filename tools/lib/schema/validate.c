/*
 * Applying a compiled schema to a record. Every problem is reported, not
 * just the first, each at the line and column of the value (or key) at
 * fault. The field is named the way the teacher thinks of it: by the
 * schema's Chinese titles ("监护人 › 电话") under a Chinese locale, by its
 * key path ("guardian.phone") otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "util/calendar.h"
#include "util/i18n.h"
#include "util/printable.h"
#include "schema/schema.h"
#include "schema/schema_int.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

struct seg {
	const char *key;
	const struct snode *s;
	long index;			/* 1-based list position, or 0 */
	const struct ynode *keynode;
};

struct vstate {
	const char *path;
	struct diag_list *dl;
	struct regex_scratch *scratch;
	const struct validate_hooks *hooks;
	struct seg segs[YDOC_MAX_DEPTH + 2];
	int depth;
	int errors;
};

/*
 * Text a teacher types freely (a name, a title, a schedule, notes): no
 * enum, date, pattern or reference shapes it, and no sensitive field holds
 * it. Identifiers in it would be published, so the free_text hook sees it.
 */
static int is_free_text(const struct vstate *st, const struct snode *sn)
{
	const struct snode *n;
	int i;

	if (sn->markdown)
		return 1;
	for (n = sn; n; n = n->ref)
		if (n->enums || n->format_date || n->pattern || n->xref || n->const_val || n->sensitive)
			return 0;
	for (i = 0; i < st->depth; i++)
		if (snode_sensitive(st->segs[i].s))
			return 0;
	return 1;
}

static void validate(struct vstate *st, const struct snode *sn, const struct ynode *n);

static void add_segment_name(struct strbuf *sb, const struct seg *g, int zh)
{
	const char *title = snode_title(g->s);

	if (g->index) {
		strbuf_addf(sb, zh ? " \xe2\x80\xba \xe7\xac\xac %ld \xe9\xa1\xb9" : "[%ld]",
			    g->index);
		return;
	}
	if (sb->len)
		strbuf_addstr(sb, zh ? " \xe2\x80\xba " : ".");
	strbuf_addstr(sb, zh && title ? title : g->key);
}

/* The field's name, quoted for the message language. */
static char *field_name(const struct vstate *st, const char *key, const struct snode *s)
{
	struct strbuf sb = STRBUF_INIT;
	int zh = i18n_is_zh(), i;

	for (i = 0; i < st->depth; i++)
		add_segment_name(&sb, &st->segs[i], zh);
	if (key) {
		struct seg g = { key, s, 0, NULL };
		add_segment_name(&sb, &g, zh);
	}
	if (!sb.len)
		strbuf_addstr(&sb, zh ? "\xe8\xae\xb0\xe5\xbd\x95" : "record");
	{
		char *inner = strbuf_detach(&sb, NULL);
		char *q = zh ? xstrfmt("\xe2\x80\x9c%s\xe2\x80\x9d", inner) : xstrfmt("'%s'", inner);
		free(inner);
		return q;
	}
}

/*
 * The current field's name, made on first use: most values are valid, and
 * building names for them all would cost more than checking them.
 */
static const char *lazy_name(const struct vstate *st, char **name)
{
	if (!*name)
		*name = field_name(st, NULL, NULL);
	return *name;
}

/* A value as quoted in a message; long values are cut. */
static char *quote_value(const char *text)
{
	size_t n = strlen(text), cut = 0, chars = 0;
	int zh = i18n_is_zh();

	while (cut < n && chars < 40) {
		cut++;
		while (cut < n && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut++;
		chars++;
	}
	return xstrfmt(zh ? "\xe2\x80\x9c%.*s%s\xe2\x80\x9d" : "'%.*s%s'", (int)cut, text,
		       cut < n ? "..." : "");
}

static void report(struct vstate *st, const struct ynode *at, const char *rule,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(struct vstate *st, const struct ynode *at, const char *rule,
		   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(st->dl, st->path, at->line, at->col, DIAG_ERROR, rule, fmt, ap);
	va_end(ap);
	st->errors++;
}

/* Type of a node as the schema sees it; scalars by their text. */
static unsigned node_types(const struct ynode *n)
{
	const char *t, *p;
	unsigned bits = T_STRING;

	if (n->type == YNODE_MAP)
		return T_OBJECT;
	if (n->type == YNODE_SEQ)
		return T_ARRAY;
	if (ynode_is_null(n))
		return T_NULL;
	t = n->u.text;
	if (!strcmp(t, "true") || !strcmp(t, "false"))
		bits |= T_BOOLEAN;
	p = t + (*t == '-' || *t == '+');
	if (*p && strspn(p, "0123456789") == strlen(p))
		return bits | T_INTEGER | T_NUMBER;
	{
		char *end;
		if (*p && strspn(t, "0123456789+-.eE") == strlen(t)) {
			(void)strtod(t, &end);
			if (!*end)
				bits |= T_NUMBER;
		}
	}
	return bits;
}

static void report_type(struct vstate *st, const struct snode *sn, const struct ynode *n,
			const char *name)
{
	char *v;

	if (n->type == YNODE_SCALAR && ynode_is_null(n)) {
		report(st, n, "empty", _("%s has no value; fill it in, or delete the line if it is optional"),
		       name);
		return;
	}
	if (sn->types & T_OBJECT) {
		report(st, n, "type", _("%s should be a group of fields, written on the lines below it and indented by two spaces"),
		       name);
		return;
	}
	if (sn->types & T_ARRAY) {
		report(st, n, "type", _("%s should be a list: write [a, b] or one '- item' per line below it"),
		       name);
		return;
	}
	if (n->type != YNODE_SCALAR) {
		report(st, n, "type", _("%s should be a single value, not a list or a group of fields"),
		       name);
		return;
	}
	v = quote_value(n->u.text);
	if (sn->types & T_INTEGER)
		report(st, n, "type", _("%s should be a whole number written with digits, such as 2021, not %s"),
		       name, v);
	else if (sn->types & T_NUMBER)
		report(st, n, "type", _("%s should be a number, not %s"), name, v);
	else if (sn->types & T_BOOLEAN)
		report(st, n, "type", _("%s should be true or false, not %s"), name, v);
	else
		report(st, n, "type", _("%s has a value of the wrong kind: %s"), name, v);
	free(v);
}

static void list_enum(struct strbuf *sb, const struct snode *sn)
{
	size_t i;

	for (i = 0; i < sn->enums->len; i++) {
		const char *v = sn->enums->u.kids[i]->u.text, *label = snode_label(sn, v);
		if (i)
			strbuf_addstr(sb, ", ");
		strbuf_addstr(sb, v);
		if (label)
			strbuf_addf(sb, i18n_is_zh() ? "\xef\xbc\x88%s\xef\xbc\x89" : " (%s)", label);
	}
}

static void check_enum(struct vstate *st, const struct snode *sn, const struct ynode *n,
		       char **lname)
{
	struct strbuf allowed = STRBUF_INIT;
	const char *best = NULL, *by_label = NULL;
	size_t i, d, bestd = 3;
	char *v;

	for (i = 0; i < sn->enums->len; i++)
		if (!strcmp(sn->enums->u.kids[i]->u.text, n->u.text))
			return;
	for (i = 0; i < sn->enums->len; i++) {
		const char *e = sn->enums->u.kids[i]->u.text, *label = snode_label(sn, e);
		if (label && !strcmp(label, n->u.text))
			by_label = e;
		d = edit_distance(n->u.text, e);
		if (d < bestd && d < strlen(e)) {
			bestd = d;
			best = e;
		}
	}
	list_enum(&allowed, sn);
	v = quote_value(n->u.text);
	if (by_label)
		report(st, n, "enum", _("%s is written with its code, not its Chinese name: for %s write '%s'"),
		       lazy_name(st, lname), v, by_label);
	else if (best)
		report(st, n, "enum", _("%s cannot be %s; did you mean '%s'? Allowed: %s"),
		       lazy_name(st, lname), v, best, allowed.buf);
	else
		report(st, n, "enum", _("%s cannot be %s; write one of: %s"), lazy_name(st, lname), v,
		       allowed.buf);
	free(v);
	strbuf_release(&allowed);
}

static void check_scalar(struct vstate *st, const struct snode *sn, const struct ynode *n,
			 char **lname)
{
	const char *t = n->u.text;
	size_t chars;
	char *v;

	if (sn->enums)
		check_enum(st, sn, n, lname);
	if (sn->const_val && strcmp(sn->const_val, t)) {
		v = quote_value(t);
		report(st, n, "const", _("%s must be '%s', not %s"), lazy_name(st, lname), sn->const_val, v);
		free(v);
	}
	if (sn->format_date && !cal_valid(t)) {
		v = quote_value(t);
		report(st, n, "date", _("%s is not a real date: %s; write it as YYYY-MM-DD, such as 2015-03-14"),
		       lazy_name(st, lname), v);
		free(v);
	}
	if (sn->pattern) {
		int rc = regex_search(sn->pattern, t, n->len, 0, st->scratch, NULL, NULL);
		v = quote_value(t);
		if (rc < 0)
			report(st, n, "pattern", _("%s could not be checked against its pattern within %d steps, the most care allows; simplify the schema's pattern (a repeat inside a repeat, such as (a|aa)+, tries every way to split the value) or shorten the value"),
			       lazy_name(st, lname), REGEX_MATCH_LIMIT);
		else if (!rc && sn->description)
			report(st, n, "pattern", _("%s has the wrong form: %s; %s"), lazy_name(st, lname), v,
			       sn->description);
		else if (!rc)
			report(st, n, "pattern", _("%s has the wrong form: %s does not match %s"), lazy_name(st, lname),
			       v, sn->pattern_src);
		free(v);
	}
	if (sn->min_len >= 0 || sn->max_len >= 0) {
		chars = utf8_strnlen(t, n->len);
		if (sn->min_len >= 0 && chars < (size_t)sn->min_len)
			report(st, n, "length", _("%s is too short: it needs at least %ld characters"),
			       lazy_name(st, lname), sn->min_len);
		if (sn->max_len >= 0 && chars > (size_t)sn->max_len)
			report(st, n, "length", _("%s is too long: %zu characters, at most %ld allowed"),
			       lazy_name(st, lname), chars, sn->max_len);
	}
	if ((sn->has_min || sn->has_max) && (node_types(n) & T_NUMBER)) {
		double x = strtod(t, NULL);
		if (sn->has_min && x < sn->minimum)
			report(st, n, "range", _("%s is %s, less than the smallest allowed, %g"), lazy_name(st, lname), t,
			       sn->minimum);
		if (sn->has_max && x > sn->maximum)
			report(st, n, "range", _("%s is %s, more than the largest allowed, %g"), lazy_name(st, lname), t,
			       sn->maximum);
	}
}


static void push_seg(struct vstate *st, const char *key, const struct snode *s, long index,
		     const struct ynode *keynode)
{
	struct seg *g = &st->segs[st->depth++];

	g->key = key;
	g->s = s;
	g->index = index;
	g->keynode = keynode;
}

/*
 * A key or a value holding a hidden character (struct yhidden): one error, at
 * the character or its escape. The value is not judged otherwise: an enum would
 * only quote the character back, and a "\0" must not pass a minLength.
 */
static void report_hidden(struct vstate *st, const struct ynode *n, int is_key)
{
	const struct yhidden *h = n->hidden;
	const char *what = _(hidden_char_name(h->cp));
	char *name = is_key ? NULL : field_name(st, NULL, NULL);

	if (is_key)
		diag_add(st->dl, st->path, h->line, h->col, DIAG_ERROR, "hidden-char",
			 _("the field name '%s' contains the invisible character U+%04X (%s); delete it, or delete the name and type it again"),
			 n->u.text, (unsigned)h->cp, what);
	else if (h->cp == '\t')
		diag_add(st->dl, st->path, h->line, h->col, DIAG_ERROR, "hidden-char",
			 _("%s contains a tab; tabs are allowed only in a text block written after '|' or '>', so replace it with a space"),
			 name);
	else if (h->escape[0])
		diag_add(st->dl, st->path, h->line, h->col, DIAG_ERROR, "hidden-char",
			 _("%s contains the invisible character U+%04X (%s), written as '%s'; delete it"),
			 name, (unsigned)h->cp, what, h->escape);
	else
		diag_add(st->dl, st->path, h->line, h->col, DIAG_ERROR, "hidden-char",
			 _("%s contains the invisible character U+%04X (%s); delete it (if you cannot see it, delete this part of the text and type it again)"),
			 name, (unsigned)h->cp, what);
	st->errors++;
	free(name);
}

/*
 * Every key and value is checked for hidden characters, where the schema leads
 * or not (an unknown field, below a value of the wrong type), in a walk of its
 * own: the schema's follows $ref chains and would meet a value twice. root
 * names the fields, and is looked up only for a value to report.
 */
static void check_hidden(struct vstate *st, const struct snode *root, const struct ynode *n)
{
	const struct snode *s = root;
	size_t i;
	int d;

	if (n->type == YNODE_SCALAR && n->hidden) {
		for (d = 0; d < st->depth; d++) {
			struct seg *g = &st->segs[d];
			s = g->s = g->index ? snode_items(s) : snode_property(s, g->key);
		}
		report_hidden(st, n, 0);
	}
	for (i = 0; n->type != YNODE_SCALAR && n->any_hidden && i < n->len; i++) {
		if (n->type == YNODE_MAP) {
			const struct ynode *key = n->u.kids[2 * i];
			char *clean = key->hidden ? strip_hidden_chars(key->u.text, key->len) : NULL;
			if (key->hidden)
				report_hidden(st, key, 1);
			push_seg(st, clean ? clean : key->u.text, NULL, 0, key);
			check_hidden(st, root, n->u.kids[2 * i + 1]);
			free(clean);
		} else {
			push_seg(st, NULL, NULL, (long)i + 1, n->u.kids[i]);
			check_hidden(st, root, n->u.kids[i]);
		}
		st->depth--;
	}
}

static long prop_index(const struct snode *sn, const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < sn->nprops; i++)
		if (sn->props[i].len == len && !memcmp(sn->props[i].name, key, len))
			return (long)i;
	return -1;
}

static const struct snode *find_prop(const struct snode *sn, const char *key)
{
	long i = prop_index(sn, key, strlen(key));
	return i < 0 ? NULL : sn->props[i].s;
}

/*
 * Returns the index of the property suggested instead, or -1: a misspelt
 * required key is then reported once, as the misspelling.
 */
static long unknown_key(struct vstate *st, const struct snode *sn, const struct ynode *key)
{
	const char *best = NULL, *by_title = NULL;
	size_t i, d, bestd = 3;
	struct strbuf allowed = STRBUF_INIT;
	char *k = quote_value(key->u.text);

	for (i = 0; i < sn->nprops; i++) {
		const char *p = sn->props[i].name, *title = snode_title(sn->props[i].s);
		if (title && !strcmp(title, key->u.text))
			by_title = p;
		d = edit_distance(key->u.text, p);
		if (d < bestd && d < strlen(p)) {
			bestd = d;
			best = p;
		}
		strbuf_addstr(&allowed, i ? ", " : "");
		strbuf_addstr(&allowed, p);
	}
	if (by_title)
		report(st, key, "unknown-key", _("field names are written in English: for %s write '%s'"),
		       k, by_title);
	else if (best && snode_title(find_prop(sn, best)))
		report(st, key, "unknown-key", _("unknown field %s; did you mean '%s' (%s)?"), k, best,
		       snode_title(find_prop(sn, best)));
	else if (best)
		report(st, key, "unknown-key", _("unknown field %s; did you mean '%s'?"), k, best);
	else
		report(st, key, "unknown-key", _("unknown field %s; the fields allowed here are: %s"), k,
		       allowed.buf);
	strbuf_release(&allowed);
	free(k);
	if (by_title)
		best = by_title;
	return best ? prop_index(sn, best, strlen(best)) : -1;
}

static void check_object(struct vstate *st, const struct snode *sn, const struct ynode *n)
{
	/* Which properties are present, so required ones are found at once. */
	unsigned long long seen = 0;
	size_t i, j;

	for (i = 0; i < n->len; i++) {
		const struct ynode *key = n->u.kids[2 * i], *val = n->u.kids[2 * i + 1];
		/* A key is known without its hidden characters; check_hidden reports them. */
		char *clean = key->hidden ? strip_hidden_chars(key->u.text, key->len) : NULL;
		const char *k = clean ? clean : key->u.text;
		long idx = prop_index(sn, k, clean ? strlen(clean) : key->len);
		const struct snode *p = idx < 0 ? NULL : sn->props[idx].s;
		if (idx >= 0 && idx < 64)
			seen |= 1ULL << idx;
		if (!p && sn->addl)
			p = sn->addl;
		if (!p) {
			if (sn->addl_false && !clean)
				idx = unknown_key(st, sn, key);
			if (idx >= 0 && idx < 64)
				seen |= 1ULL << idx;
			free(clean);
			continue;
		}
		push_seg(st, k, p, 0, key);
		validate(st, p, val);
		st->depth--;
		free(clean);
	}
	if (!sn->required)
		return;
	for (i = 0; i < sn->required->len; i++) {
		const char *k = sn->required->u.kids[i]->u.text;
		const struct ynode *at = st->depth ? st->segs[st->depth - 1].keynode : NULL;
		int idx = sn->required_prop[i];
		char *name;
		if (idx >= 0 && idx < 64) {
			if (seen & (1ULL << idx))
				continue;
		} else {
			for (j = 0; j < n->len && strcmp(n->u.kids[2 * j]->u.text, k); j++)
				;
			if (j < n->len)
				continue;
		}
		name = field_name(st, k, find_prop(sn, k));
		if (at)
			report(st, at, "required", _("required field %s is missing; add a line '%s: ...' to this group"),
			       name, k);
		else
			diag_add(st->dl, st->path, 1, 1, DIAG_ERROR, "required",
				 _("required field %s is missing; add a line '%s: ...'"), name, k),
			st->errors++;
		free(name);
	}
}

static void check_array(struct vstate *st, const struct snode *sn, const struct ynode *n,
			char **lname)
{
	size_t i, j;

	if (sn->min_items >= 0 && n->len < (size_t)sn->min_items)
		report(st, n, "items", _("%s needs at least %ld item(s); it has %zu"), lazy_name(st, lname),
		       sn->min_items, n->len);
	if (sn->max_items >= 0 && n->len > (size_t)sn->max_items)
		report(st, n, "items", _("%s may have at most %ld item(s); it has %zu"), lazy_name(st, lname),
		       sn->max_items, n->len);
	if (sn->unique)
		for (i = 1; i < n->len; i++)
			for (j = 0; j < i; j++) {
				const struct ynode *a = n->u.kids[j], *b = n->u.kids[i];
				if (a->type == YNODE_SCALAR && b->type == YNODE_SCALAR &&
				    !a->hidden && !b->hidden && !strcmp(a->u.text, b->u.text)) {
					char *v = quote_value(b->u.text);
					report(st, b, "unique", _("%s lists %s twice (also on line %d); delete one"),
					       lazy_name(st, lname), v, a->line);
					free(v);
					break;
				}
			}
	if (!sn->items)
		return;
	for (i = 0; i < n->len; i++) {
		push_seg(st, NULL, sn->items, (long)i + 1, n->u.kids[i]);
		validate(st, sn->items, n->u.kids[i]);
		st->depth--;
	}
}

/* Applies the keywords of sn itself; $ref targets are applied first. */
static void validate(struct vstate *st, const struct snode *sn, const struct ynode *n)
{
	char *name;

	/*
	 * A hidden character gets its own error and no other, but a number
	 * in the same text is reported too, so both are fixed in one go.
	 */
	if (n->type == YNODE_SCALAR && n->hidden) {
		if (st->hooks && st->hooks->free_text && is_free_text(st, sn)) {
			name = field_name(st, NULL, NULL);
			st->hooks->free_text(st->hooks->data, name, n);
			free(name);
		}
		return;
	}
	if (sn->ref)
		validate(st, sn->ref, n);
	if (sn->types && !(node_types(n) & sn->types)) {
		name = field_name(st, NULL, NULL);
		report_type(st, sn, n, name);
		free(name);
		return;
	}
	name = NULL;
	if (n->type == YNODE_MAP)
		check_object(st, sn, n);
	else if (n->type == YNODE_SEQ)
		check_array(st, sn, n, &name);
	else
		check_scalar(st, sn, n, &name);
	free(name);
	if (n->type == YNODE_SCALAR && st->hooks) {
		if (sn->xref && st->hooks->ref)
			st->hooks->ref(st->hooks->data, sn->xref, n);
		if (is_free_text(st, sn) && st->hooks->free_text) {
			name = field_name(st, NULL, NULL);
			st->hooks->free_text(st->hooks->data, name, n);
			free(name);
		}
	}
}

int schema_validate(const struct schema *s, const struct ynode *root, const char *path,
		    struct diag_list *dl, struct regex_scratch *scratch,
		    const struct validate_hooks *hooks)
{
	struct vstate st;

	memset(&st, 0, sizeof(st));
	st.path = path;
	st.dl = dl;
	st.scratch = scratch;
	st.hooks = hooks;
	check_hidden(&st, s->root, root);
	validate(&st, s->root, root);
	return st.errors;
}
