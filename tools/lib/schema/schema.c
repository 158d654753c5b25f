/*
 * Loading and applying record schemas. The keyword set is deliberately
 * small (see README.md); anything else in a schema file is an error, so a
 * typo such as "requried" cannot silently switch a check off. Messages name
 * fields by their schema titles in Chinese and by key paths in English, and
 * say what to write instead, because the reader is a teacher, not a
 * programmer.
 */
#include "schema/schema.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/calendar.h"
#include "util/i18n.h"
#include "schema/schema_int.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

static const char *const keywords[] = {
	"$schema", "$id", "$comment", "$defs", "$ref", "title", "description", "type",
	"properties", "required", "additionalProperties", "enum", "const", "pattern",
	"minLength", "maxLength", "minimum", "maximum", "items", "minItems", "maxItems",
	"uniqueItems", "format", "x-ref", "x-labels", "x-sensitive", "x-markdown", NULL,
};

static void schema_error(struct schema *s, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void schema_error(struct schema *s, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(s->dl, s->path, at ? at->line : 0, at ? at->col : 0, DIAG_ERROR, "schema", fmt, ap);
	va_end(ap);
	s->errors++;
}

static int scalar_is(const struct ynode *n, const char *text)
{
	return n && n->type == YNODE_SCALAR && !strcmp(n->u.text, text);
}

static int parse_long(const struct ynode *n, long *out)
{
	char *end;

	if (!n || n->type != YNODE_SCALAR || !n->len)
		return -1;
	errno = 0;
	*out = strtol(n->u.text, &end, 10);
	return *end || errno ? -1 : 0;
}

static int parse_double(const char *text, double *out)
{
	char *end;
	const char *p;

	if (!*text)
		return -1;
	for (p = text; *p; p++)
		if (!strchr("0123456789+-.eE", *p))
			return -1;
	errno = 0;
	*out = strtod(text, &end);
	return *end || errno ? -1 : 0;
}

static int parse_bool(struct schema *s, const struct ynode *n, const char *kw)
{
	if (scalar_is(n, "true"))
		return 1;
	if (!scalar_is(n, "false"))
		schema_error(s, n, _("'%s' must be true or false"), kw);
	return 0;
}

static const char *need_string(struct schema *s, const struct ynode *n, const char *kw)
{
	if (n->type != YNODE_SCALAR) {
		schema_error(s, n, _("'%s' must be a text value"), kw);
		return NULL;
	}
	return n->u.text;
}

static unsigned type_bit(const char *name)
{
	static const struct { const char *name; unsigned bit; } types[] = {
		{ "string", T_STRING }, { "integer", T_INTEGER }, { "number", T_NUMBER },
		{ "boolean", T_BOOLEAN }, { "null", T_NULL }, { "object", T_OBJECT },
		{ "array", T_ARRAY },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(*types); i++)
		if (!strcmp(types[i].name, name))
			return types[i].bit;
	return 0;
}

static struct snode *compile(struct schema *s, const struct ynode *n);

static void compile_type(struct schema *s, struct snode *sn, const struct ynode *v)
{
	size_t i;

	if (v->type == YNODE_SCALAR) {
		if (!(sn->types = type_bit(v->u.text)))
			schema_error(s, v, _("unknown type '%s'"), v->u.text);
		return;
	}
	if (v->type != YNODE_SEQ) {
		schema_error(s, v, "%s", _("'type' must be a type name or a list of them"));
		return;
	}
	for (i = 0; i < v->len; i++) {
		unsigned bit = v->u.kids[i]->type == YNODE_SCALAR ? type_bit(v->u.kids[i]->u.text) : 0;
		if (!bit)
			schema_error(s, v->u.kids[i], "%s", _("unknown type in 'type'"));
		sn->types |= bit;
	}
}

static void compile_properties(struct schema *s, struct snode *sn, const struct ynode *v)
{
	size_t i;

	if (v->type != YNODE_MAP) {
		schema_error(s, v, "%s", _("'properties' must map field names to schemas"));
		return;
	}
	sn->nprops = v->len;
	sn->props = xcalloc(v->len, sizeof(*sn->props));
	for (i = 0; i < v->len; i++) {
		sn->props[i].name = v->u.kids[2 * i]->u.text;
		sn->props[i].len = v->u.kids[2 * i]->len;
		sn->props[i].s = compile(s, v->u.kids[2 * i + 1]);
	}
}

static void compile_scalar_list(struct schema *s, const struct ynode *v, const char *kw,
				const struct ynode **out)
{
	size_t i;

	if (v->type != YNODE_SEQ) {
		schema_error(s, v, _("'%s' must be a list"), kw);
		return;
	}
	for (i = 0; i < v->len; i++)
		if (v->u.kids[i]->type != YNODE_SCALAR) {
			schema_error(s, v->u.kids[i], _("items of '%s' must be single values"), kw);
			return;
		}
	*out = v;
}

static void compile_pattern(struct schema *s, struct snode *sn, const struct ynode *v)
{
	char err[256];
	size_t off;

	if (!(sn->pattern_src = need_string(s, v, "pattern")))
		return;
	if (regex_compile(&sn->pattern, sn->pattern_src, err, sizeof(err), &off) < 0)
		schema_error(s, v, _("pattern does not compile at offset %zu: %s"), off, err);
}

static void compile_keyword(struct schema *s, struct snode *sn, const char *kw,
			    const struct ynode *v)
{
	if (!strcmp(kw, "$schema") || !strcmp(kw, "$id") || !strcmp(kw, "$comment") ||
	    !strcmp(kw, "$defs")) {
		if (strcmp(kw, "$defs"))
			need_string(s, v, kw);
	} else if (!strcmp(kw, "title")) {
		sn->title = need_string(s, v, kw);
	} else if (!strcmp(kw, "description")) {
		sn->description = need_string(s, v, kw);
	} else if (!strcmp(kw, "type")) {
		compile_type(s, sn, v);
	} else if (!strcmp(kw, "properties")) {
		compile_properties(s, sn, v);
	} else if (!strcmp(kw, "required")) {
		compile_scalar_list(s, v, kw, &sn->required);
	} else if (!strcmp(kw, "additionalProperties")) {
		if (v->type == YNODE_MAP)
			sn->addl = compile(s, v);
		else
			sn->addl_false = !parse_bool(s, v, kw);
	} else if (!strcmp(kw, "enum")) {
		compile_scalar_list(s, v, kw, &sn->enums);
	} else if (!strcmp(kw, "const")) {
		sn->const_val = need_string(s, v, kw);
	} else if (!strcmp(kw, "pattern")) {
		compile_pattern(s, sn, v);
	} else if (!strcmp(kw, "minLength") || !strcmp(kw, "maxLength") ||
		   !strcmp(kw, "minItems") || !strcmp(kw, "maxItems")) {
		long *dst = kw[1] == 'i' ? (kw[3] == 'L' ? &sn->min_len : &sn->min_items)
					 : (kw[3] == 'L' ? &sn->max_len : &sn->max_items);
		if (parse_long(v, dst) < 0 || *dst < 0) {
			schema_error(s, v, _("'%s' must be a whole number, 0 or more"), kw);
			*dst = -1;
		}
	} else if (!strcmp(kw, "minimum") || !strcmp(kw, "maximum")) {
		int min = kw[1] == 'i';
		if (v->type != YNODE_SCALAR ||
		    parse_double(v->u.text, min ? &sn->minimum : &sn->maximum) < 0)
			schema_error(s, v, _("'%s' must be a number"), kw);
		else
			*(min ? &sn->has_min : &sn->has_max) = 1;
	} else if (!strcmp(kw, "items")) {
		sn->items = compile(s, v);
	} else if (!strcmp(kw, "uniqueItems")) {
		sn->unique = parse_bool(s, v, kw);
	} else if (!strcmp(kw, "format")) {
		if (scalar_is(v, "date"))
			sn->format_date = 1;
		else
			schema_error(s, v, "%s", _("the only supported format is 'date'"));
	} else if (!strcmp(kw, "$ref")) {
		const char *ref = need_string(s, v, kw);
		if (ref && strncmp(ref, "#/$defs/", 8))
			schema_error(s, v, "%s", _("'$ref' must point into this file's $defs, as '#/$defs/name'"));
		else
			sn->ref_name = ref ? ref + 8 : NULL;
	} else if (!strcmp(kw, "x-ref")) {
		sn->xref = need_string(s, v, kw);
	} else if (!strcmp(kw, "x-labels")) {
		if (v->type != YNODE_MAP)
			schema_error(s, v, "%s", _("'x-labels' must map enum values to labels"));
		else
			sn->labels = v;
	} else if (!strcmp(kw, "x-sensitive")) {
		sn->sensitive = parse_bool(s, v, kw);
	} else if (!strcmp(kw, "x-markdown")) {
		sn->markdown = parse_bool(s, v, kw);
	}
}

static void unknown_keyword(struct schema *s, const struct ynode *key)
{
	const char *best = NULL;
	size_t i, d, bestd = 3;

	for (i = 0; keywords[i]; i++) {
		d = edit_distance(key->u.text, keywords[i]);
		if (d < bestd) {
			bestd = d;
			best = keywords[i];
		}
	}
	if (best)
		schema_error(s, key, _("unknown schema keyword '%s'; did you mean '%s'?"),
			     key->u.text, best);
	else
		schema_error(s, key, _("unknown schema keyword '%s'"), key->u.text);
}

static int is_keyword(const char *k)
{
	size_t i;

	for (i = 0; keywords[i]; i++)
		if (!strcmp(keywords[i], k))
			return 1;
	return 0;
}

/* Checks that the keywords of one schema node agree with each other. */
static void check_consistency(struct schema *s, struct snode *sn)
{
	size_t i, j;

	if (sn->required)
		for (i = 0; i < sn->required->len; i++) {
			const char *k = sn->required->u.kids[i]->u.text;
			for (j = 0; j < sn->nprops && strcmp(sn->props[j].name, k); j++)
				;
			if (j == sn->nprops && sn->addl_false)
				schema_error(s, sn->required->u.kids[i],
					     _("required field '%s' is not among 'properties'"), k);
		}
	if (sn->labels)
		for (i = 0; i < sn->labels->len; i++) {
			const char *k = sn->labels->u.kids[2 * i]->u.text;
			for (j = 0; sn->enums && j < sn->enums->len &&
				    strcmp(sn->enums->u.kids[j]->u.text, k); j++)
				;
			if (!sn->enums || j == sn->enums->len)
				schema_error(s, sn->labels->u.kids[2 * i],
					     _("'x-labels' names '%s', which is not in 'enum'"), k);
		}
}

static struct snode *compile(struct schema *s, const struct ynode *n)
{
	struct snode *sn = xcalloc(1, sizeof(*sn));
	size_t i;

	sn->src = n;
	sn->min_len = sn->max_len = sn->min_items = sn->max_items = -1;
	sn->next_alloc = s->all;
	s->all = sn;
	if (n->type != YNODE_MAP) {
		schema_error(s, n, "%s", _("a schema must be a mapping of keywords"));
		return sn;
	}
	for (i = 0; i < n->len; i++) {
		const struct ynode *key = n->u.kids[2 * i];
		if (!is_keyword(key->u.text))
			unknown_keyword(s, key);
		else
			compile_keyword(s, sn, key->u.text, n->u.kids[2 * i + 1]);
	}
	check_consistency(s, sn);
	if (sn->required) {
		size_t j;
		sn->required_prop = xmalloc(sn->required->len * sizeof(int) + 1);
		for (i = 0; i < sn->required->len; i++) {
			sn->required_prop[i] = -1;
			for (j = 0; j < sn->nprops; j++)
				if (!strcmp(sn->props[j].name, sn->required->u.kids[i]->u.text))
					sn->required_prop[i] = (int)j;
		}
	}
	return sn;
}

static void resolve_refs(struct schema *s)
{
	struct snode *sn;
	size_t i;

	for (sn = s->all; sn; sn = sn->next_alloc) {
		if (!sn->ref_name)
			continue;
		for (i = 0; i < s->ndefs && strcmp(s->defs[i].name, sn->ref_name); i++)
			;
		if (i == s->ndefs)
			schema_error(s, ynode_get(sn->src, "$ref"),
				     _("'$ref' names '%s', which is not in $defs"), sn->ref_name);
		else
			sn->ref = s->defs[i].s;
	}
}

int schema_load(struct schema **out, const char *path, const char *buf, size_t len,
		struct diag_list *dl)
{
	struct schema *s = xcalloc(1, sizeof(*s));
	const struct ynode *defs;
	size_t i;

	*out = NULL;
	s->path = path;
	s->dl = dl;
	if (ydoc_parse(&s->doc, buf, len, path, dl) < 0) {
		schema_free(s);
		return -1;
	}
	defs = ynode_get(ydoc_root(s->doc), "$defs");
	if (defs && defs->type == YNODE_MAP) {
		s->ndefs = defs->len;
		s->defs = xcalloc(defs->len, sizeof(*s->defs));
		for (i = 0; i < defs->len; i++) {
			s->defs[i].name = defs->u.kids[2 * i]->u.text;
			s->defs[i].s = compile(s, defs->u.kids[2 * i + 1]);
		}
	} else if (defs) {
		schema_error(s, defs, "%s", _("'$defs' must map names to schemas"));
	}
	s->root = compile(s, ydoc_root(s->doc));
	resolve_refs(s);
	if (s->errors) {
		schema_free(s);
		return -1;
	}
	s->dl = NULL;
	*out = s;
	return 0;
}

void schema_free(struct schema *s)
{
	struct snode *sn, *next;

	if (!s)
		return;
	for (sn = s->all; sn; sn = next) {
		next = sn->next_alloc;
		regex_free(sn->pattern);
		free(sn->props);
		free(sn->required_prop);
		free(sn);
	}
	free(s->defs);
	ydoc_free(s->doc);
	free(s);
}

const struct snode *schema_root(const struct schema *s)
{
	return s->root;
}

const struct snode *snode_property(const struct snode *n, const char *key)
{
	size_t i;

	for (; n; n = n->ref) {
		for (i = 0; i < n->nprops; i++)
			if (!strcmp(n->props[i].name, key))
				return n->props[i].s;
		if (n->addl)
			return n->addl;
	}
	return NULL;
}

/* The node of a $ref chain that lists properties. */
static const struct snode *with_props(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->nprops)
			return n;
	return NULL;
}

size_t snode_nprops(const struct snode *n)
{
	n = with_props(n);
	return n ? n->nprops : 0;
}

const char *snode_prop_name(const struct snode *n, size_t i)
{
	n = with_props(n);
	return n && i < n->nprops ? n->props[i].name : NULL;
}

const struct snode *snode_prop(const struct snode *n, size_t i)
{
	n = with_props(n);
	return n && i < n->nprops ? n->props[i].s : NULL;
}

const struct snode *snode_items(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->items)
			return n->items;
	return NULL;
}

const char *snode_title(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->title)
			return n->title;
	return NULL;
}

const char *snode_label(const struct snode *n, const char *value)
{
	for (; n; n = n->ref) {
		const char *t = n->labels ? ynode_text(ynode_get(n->labels, value)) : NULL;
		if (t)
			return t;
	}
	return NULL;
}

int snode_sensitive(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->sensitive)
			return 1;
	return 0;
}

int snode_markdown(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->markdown)
			return 1;
	return 0;
}

const char *snode_xref(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->xref)
			return n->xref;
	return NULL;
}

int snode_enum_has(const struct snode *n, const char *value)
{
	size_t i;

	for (; n; n = n->ref)
		for (i = 0; n->enums && i < n->enums->len; i++)
			if (!strcmp(n->enums->u.kids[i]->u.text, value))
				return 1;
	return 0;
}


const char *snode_description(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->description)
			return n->description;
	return NULL;
}

int snode_requires(const struct snode *n, const char *key)
{
	size_t i;

	for (; n; n = n->ref)
		for (i = 0; n->required && i < n->required->len; i++)
			if (!strcmp(n->required->u.kids[i]->u.text, key))
				return 1;
	return 0;
}

/* The node of a $ref chain that lists enum values. */
static const struct snode *with_enums(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->enums)
			return n;
	return NULL;
}

size_t snode_nenums(const struct snode *n)
{
	n = with_enums(n);
	return n ? n->enums->len : 0;
}

const char *snode_enum(const struct snode *n, size_t i)
{
	n = with_enums(n);
	return n && i < n->enums->len ? n->enums->u.kids[i]->u.text : NULL;
}

int snode_numeric(const struct snode *n)
{
	for (; n; n = n->ref)
		if (n->types)
			return (n->types & (T_INTEGER | T_NUMBER)) && !(n->types & T_STRING);
	return 0;
}
