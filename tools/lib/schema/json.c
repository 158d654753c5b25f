/*
 * Record schemas exported as JSON Schema for editors. The YAML schema is
 * the one source: care checks records with it, and this file walks the
 * same tree to write what an editor's YAML language server reads, so the
 * hover text (title, description) and the completion list (enum with its
 * Chinese labels) are those of the check. Only what JSON Schema knows is
 * written: care's x- extensions mean nothing to an editor and some would
 * make a strict validator refuse the file. Keys keep the YAML order and
 * numbers are written in one canonical form, so regenerating the files
 * changes nothing unless a schema changed.
 */
#include "schema/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/schema.h"
#include "schema/schema_int.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"
#include "util/banned.h"

#define JSON_SCHEMA_2020 "https://json-schema.org/draft/2020-12/schema"

/* Keywords whose value is a number, or true/false. */
static const char *const number_keywords[] = {
	"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
	"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
	"minContains", "maxContains", NULL,
};
static const char *const bool_keywords[] = { "uniqueItems", "additionalProperties", NULL };
/* Keywords whose value maps names to schemas. */
static const char *const schema_map_keywords[] = {
	"properties", "$defs", "patternProperties", "dependentSchemas", NULL,
};

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

/* care's own keywords, and notes for the schema's reader only. */
static int dropped(const char *key)
{
	return !strncmp(key, "x-", 2) || !strcmp(key, "$comment");
}

/* A JSON string, escaped as jq escapes it; the text may hold a NUL. */
static void add_string(struct strbuf *sb, const char *s, size_t len)
{
	size_t i;

	strbuf_addch(sb, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default: break;
		}
		if (esc)
			strbuf_addstr(sb, esc);
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\u%04x", c);
		else
			strbuf_addch(sb, (char)c);
	}
	strbuf_addch(sb, '"');
}

static void add_text(struct strbuf *sb, const struct ynode *n)
{
	add_string(sb, n->u.text, n->len);
}

/*
 * A number as JSON writes it. schema_load() has accepted the text, but
 * YAML and strtod() take forms JSON does not ("+5", ".5", "5."): those are
 * written in the shortest form that reads back as the same double.
 */
static void add_number(struct strbuf *sb, const char *t)
{
	const char *p = t + (*t == '-');
	char buf[40];
	double x;
	int prec;

	if ((*p == '0' && (!p[1] || p[1] == '.' || p[1] == 'e' || p[1] == 'E')) ||
	    (*p >= '1' && *p <= '9')) {
		const char *q = p + 1;
		if (*p != '0')
			q += strspn(q, "0123456789");
		if (*q == '.' && q[1] >= '0' && q[1] <= '9')
			q += 1 + strspn(q + 1, "0123456789");
		if (*q == 'e' || *q == 'E') {
			const char *e = q + 1 + (q[1] == '+' || q[1] == '-');
			if (*e >= '0' && *e <= '9')
				q = e + strspn(e, "0123456789");
		}
		if (!*q) {
			strbuf_addstr(sb, t);
			return;
		}
	}
	x = strtod(t, NULL);
	for (prec = 1; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	snprintf(buf, sizeof(buf), "%.*g", prec, x);
	strbuf_addstr(sb, buf);
}

static void indent(struct strbuf *sb, int depth)
{
	int i;

	for (i = 0; i < depth; i++)
		strbuf_addstr(sb, "  ");
}

/* Starts the next member or item of a container at depth. */
static void next(struct strbuf *sb, int depth, size_t *count)
{
	strbuf_addstr(sb, (*count)++ ? ",\n" : "\n");
	indent(sb, depth + 1);
}

static void member(struct strbuf *sb, int depth, size_t *count, const char *key)
{
	next(sb, depth, count);
	add_string(sb, key, strlen(key));
	strbuf_addstr(sb, ": ");
}

static void close_container(struct strbuf *sb, int depth, size_t count, char c)
{
	if (count) {
		strbuf_addch(sb, '\n');
		indent(sb, depth);
	}
	strbuf_addch(sb, c);
}

/* A label as Markdown: punctuation that could start markup is escaped. */
static void add_markdown_label(struct strbuf *sb, const char *label)
{
	struct strbuf md = STRBUF_INIT;

	for (; *label; label++) {
		if (strchr("\\`*_{}[]<>()#+-.!|~&", *label))
			strbuf_addch(&md, '\\');
		strbuf_addch(&md, *label);
	}
	add_string(sb, md.buf, md.len);
	strbuf_release(&md);
}

/* One description per enum value, in the enum's order. */
static void add_labels(struct strbuf *sb, const struct ynode *enums, const struct ynode *labels,
		       int depth, int markdown)
{
	size_t i, count = 0;

	strbuf_addch(sb, '[');
	for (i = 0; i < enums->len; i++) {
		const char *label = ynode_text(ynode_get(labels, ynode_text(enums->u.kids[i])));
		next(sb, depth, &count);
		if (markdown)
			add_markdown_label(sb, label ? label : "");
		else
			add_string(sb, label ? label : "", label ? strlen(label) : 0);
	}
	close_container(sb, depth, count, ']');
}

static void add_schema(struct strbuf *sb, const struct ynode *n, int depth, int top);

/* A value that is not a schema: strings, or lists and maps of them. */
static void add_value(struct strbuf *sb, const struct ynode *n, int depth)
{
	size_t i, count = 0;

	if (n->type == YNODE_SCALAR) {
		add_text(sb, n);
		return;
	}
	if (n->type == YNODE_MAP) {
		add_schema(sb, n, depth, 0);
		return;
	}
	strbuf_addch(sb, '[');
	for (i = 0; i < n->len; i++) {
		next(sb, depth, &count);
		add_value(sb, n->u.kids[i], depth + 1);
	}
	close_container(sb, depth, count, ']');
}

static void add_keyword(struct strbuf *sb, const char *key, const struct ynode *v, int depth)
{
	size_t i, count = 0;

	if (v->type == YNODE_SCALAR && in_list(number_keywords, key)) {
		add_number(sb, v->u.text);
	} else if (v->type == YNODE_SCALAR && in_list(bool_keywords, key)) {
		strbuf_addstr(sb, strcmp(v->u.text, "true") ? "false" : "true");
	} else if (v->type == YNODE_MAP && in_list(schema_map_keywords, key)) {
		strbuf_addch(sb, '{');
		for (i = 0; i < v->len; i++) {
			member(sb, depth, &count, v->u.kids[2 * i]->u.text);
			add_schema(sb, v->u.kids[2 * i + 1], depth + 1, 0);
		}
		close_container(sb, depth, count, '}');
	} else {
		add_value(sb, v, depth);
	}
}

static void add_schema(struct strbuf *sb, const struct ynode *n, int depth, int top)
{
	const struct ynode *labels = ynode_get(n, "x-labels");
	size_t i, count = 0;

	if (n->type != YNODE_MAP) {
		add_value(sb, n, depth);
		return;
	}
	strbuf_addch(sb, '{');
	if (top && !ynode_get(n, "$schema")) {
		member(sb, depth, &count, "$schema");
		add_string(sb, JSON_SCHEMA_2020, strlen(JSON_SCHEMA_2020));
	}
	for (i = 0; i < n->len; i++) {
		const char *key = n->u.kids[2 * i]->u.text;
		const struct ynode *v = n->u.kids[2 * i + 1];
		if (dropped(key))
			continue;
		member(sb, depth, &count, key);
		add_keyword(sb, key, v, depth + 1);
		if (!strcmp(key, "enum") && v->type == YNODE_SEQ && labels && labels->type == YNODE_MAP) {
			member(sb, depth, &count, "enumDescriptions");
			add_labels(sb, v, labels, depth + 1, 0);
			member(sb, depth, &count, "markdownEnumDescriptions");
			add_labels(sb, v, labels, depth + 1, 1);
		}
	}
	close_container(sb, depth, count, '}');
}

int schema_to_json(struct strbuf *out, const char *path, const char *buf, size_t len,
		   struct diag_list *dl)
{
	struct schema *s = NULL;

	if (text_scan(buf, len, path, dl) || schema_load(&s, path, buf, len, dl) < 0)
		return -1;
	add_schema(out, ydoc_root(s->doc), 0, 1);
	strbuf_addch(out, '\n');
	schema_free(s);
	return 0;
}
