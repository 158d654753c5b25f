/*
 * The text of a new record (care new), made from its kind's schema: the
 * fields in schema order, each with a comment in Chinese taken from the
 * schema's titles, descriptions and labels, so that what the file tells a
 * teacher is always what care check will ask. Values come from the
 * defaults file and the command line; ids and writing are in newid.c.
 */
#include "records/newrec.h"

#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/error.h"
#include "util/i18n.h"
#include "yaml/tree.h"
#include "util/banned.h"

struct setting {
	char *path;
	char *value;	/* a list field: its items joined by ',' */
};

struct newrec {
	const struct schema *schema;
	enum kind kind;
	struct setting *set;
	size_t nr, alloc;
};

struct newrec *newrec_new(const struct schema *s, enum kind kind)
{
	struct newrec *r = xcalloc(1, sizeof(*r));

	r->schema = s;
	r->kind = kind;
	return r;
}

void newrec_free(struct newrec *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nr; i++) {
		free(r->set[i].path);
		free(r->set[i].value);
	}
	free(r->set);
	free(r);
}

static struct setting *find(const struct newrec *r, const char *path)
{
	size_t i;

	for (i = 0; i < r->nr; i++)
		if (!strcmp(r->set[i].path, path))
			return &r->set[i];
	return NULL;
}

const char *newrec_get(const struct newrec *r, const char *path)
{
	const struct setting *s = find(r, path);

	return s ? s->value : NULL;
}

/* Is anything set at path or below it? */
static int set_below(const struct newrec *r, const char *path)
{
	size_t i, n = strlen(path);

	for (i = 0; i < r->nr; i++)
		if (!strncmp(r->set[i].path, path, n) &&
		    (!r->set[i].path[n] || r->set[i].path[n] == '.'))
			return 1;
	return 0;
}

static int is_group(const struct snode *n)
{
	return snode_nprops(n) > 0;
}

/* "male (男), female (女)", or with Chinese punctuation in Chinese. */
static void add_allowed(struct strbuf *sb, const struct snode *n)
{
	size_t i, len = snode_nenums(n);
	int zh = i18n_is_zh();

	for (i = 0; i < len; i++) {
		const char *v = snode_enum(n, i), *label = snode_label(n, v);
		if (i)
			strbuf_addstr(sb, zh ? "、" : ", ");
		strbuf_addstr(sb, v);
		if (label)
			strbuf_addf(sb, zh ? "（%s）" : " (%s)", label);
	}
}

/* One value of an enum: its code, or the code whose label it is. */
static const char *enum_code(const struct snode *n, const char *v)
{
	size_t i, len = snode_nenums(n);

	for (i = 0; i < len; i++) {
		const char *e = snode_enum(n, i), *label = snode_label(n, e);
		if (!strcmp(e, v) || (label && !strcmp(label, v)))
			return e;
	}
	return NULL;
}

static void add_fields(struct strbuf *sb, const struct snode *n)
{
	size_t i;

	for (i = 0; i < snode_nprops(n); i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", snode_prop_name(n, i));
}

/* The schema node of path, stepping into the first item of a list of groups. */
static const struct snode *field_at(const struct newrec *r, const char *path)
{
	const struct snode *n = schema_root(r->schema), *parent = n;
	char *copy = xstrdup(path), *step = copy, *dot;

	for (;;) {
		dot = strchr(step, '.');
		if (dot)
			*dot = '\0';
		if (!is_group(n) && snode_items(n) && is_group(snode_items(n)))
			n = snode_items(n);
		parent = n;
		n = is_group(n) ? snode_property(n, step) : NULL;
		if (!n || !*step) {
			struct strbuf fields = STRBUF_INIT;
			add_fields(&fields, parent);
			error_set(_("care: no field '%s' in %s records; the fields here are: %s\n"),
				  path, kind_names[r->kind], fields.buf);
			strbuf_release(&fields);
			break;
		}
		if (!dot)
			break;
		step = dot + 1;
	}
	free(copy);
	return n;
}

int newrec_set(struct newrec *r, const char *path, const char *value)
{
	const struct snode *n = field_at(r, path), *item;
	struct strbuf norm = STRBUF_INIT;
	struct setting *s;
	char *copy = NULL, *p, *comma;

	if (!n)
		return -1;
	item = snode_items(n);
	if (is_group(n) || (item && is_group(item))) {
		error_set(_("care: '%s' is a group of fields; give each one, such as %s.%s=...\n"),
			  path, path, snode_prop_name(is_group(n) ? n : item, 0));
		return -1;
	}
	copy = xstrdup(value);
	for (p = copy; p; p = comma) {
		const char *code = p;
		comma = item ? strchr(p, ',') : NULL;
		if (comma)
			*comma++ = '\0';
		while (*p == ' ')
			p++;
		code = p;
		if (item && !*p)
			continue;
		if (snode_nenums(item ? item : n) && !(code = enum_code(item ? item : n, p))) {
			struct strbuf allowed = STRBUF_INIT;
			add_allowed(&allowed, item ? item : n);
			error_set(_("care: %s cannot be '%s'; write one of: %s\n"), path, p, allowed.buf);
			strbuf_release(&allowed);
			strbuf_release(&norm);
			free(copy);
			return -1;
		}
		if (norm.len)
			strbuf_addch(&norm, ',');
		strbuf_addstr(&norm, code);
	}
	free(copy);
	s = find(r, path);
	if (!s) {
		if (r->nr == r->alloc) {
			r->alloc = r->alloc ? 2 * r->alloc : 16;
			r->set = xrealloc(r->set, r->alloc * sizeof(*r->set));
		}
		s = &r->set[r->nr++];
		s->path = xstrdup(path);
	} else {
		free(s->value);
	}
	s->value = strbuf_detach(&norm, NULL);
	return 0;
}

int newrec_assign(struct newrec *r, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	char *path;
	int ret;

	if (!eq || eq == assignment) {
		error_set(_("care: write a field as KEY=VALUE, such as guardian.phone=13812345678, not '%s'\n"),
			  assignment);
		return -1;
	}
	path = xstrndup(assignment, (size_t)(eq - assignment));
	ret = newrec_set(r, path, eq + 1);
	free(path);
	return ret;
}

static int defaults_of(struct newrec *r, const struct ynode *map, struct strbuf *path)
{
	size_t i, j, at = path->len;

	for (i = 0; i + 1 < map->len * 2; i += 2) {
		const struct ynode *k = map->u.kids[i], *v = map->u.kids[i + 1];
		strbuf_addf(path, "%s%s", at ? "." : "", k->u.text);
		if (v->type == YNODE_SEQ && v->len && v->u.kids[0]->type == YNODE_MAP)
			v = v->u.kids[0];
		if (v->type == YNODE_MAP) {
			if (defaults_of(r, v, path) < 0)
				return -1;
		} else if (v->type == YNODE_SEQ) {
			struct strbuf items = STRBUF_INIT;
			for (j = 0; j < v->len; j++)
				strbuf_addf(&items, "%s%s", j ? "," : "", ynode_text(v->u.kids[j]) ? ynode_text(v->u.kids[j]) : "");
			j = (size_t)newrec_set(r, path->buf, items.buf);
			strbuf_release(&items);
			if ((int)j < 0)
				return -1;
		} else if (!ynode_is_null(v) && newrec_set(r, path->buf, v->u.text) < 0) {
			return -1;
		}
		path->len = at;
		path->buf[at] = '\0';
	}
	return 0;
}

/* A file of comments and blank lines only, which YAML reads as no document. */
static int only_comments(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r'))
			i++;
		if (i < len && text[i] != '\n' && text[i] != '#')
			return 0;
		while (i < len && text[i] != '\n')
			i++;
		i++;
	}
	return 1;
}

int newrec_defaults(struct newrec *r, const char *text, size_t len, const char *path)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct strbuf at = STRBUF_INIT;
	struct ydoc *doc = NULL;
	int ret = -1;

	if (only_comments(text, len))
		return 0;
	if (ydoc_parse(&doc, text, len, path, &dl) < 0 || diag_list_count(&dl, DIAG_ERROR) ||
	    ydoc_root(doc)->type != YNODE_MAP) {
		error_set(_("care: %s is not a file of default values (YAML, shaped like a record)\n"), path);
		goto out;
	}
	if (defaults_of(r, ydoc_root(doc), &at) < 0) {
		struct strbuf msg = STRBUF_INIT;
		strbuf_addf(&msg, "%s: %s", path, error_last());
		error_set("%s", msg.buf);
		strbuf_release(&msg);
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&at);
	ydoc_free(doc);
	diag_list_release(&dl);
	return ret;
}

void yaml_escape_dq(struct strbuf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			strbuf_addf(out, "\\%c", c);
		else if (c == '\n')
			strbuf_addstr(out, "\\n");
		else if (c == '\t')
			strbuf_addstr(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(out, "\\x%02x", c);
		else
			strbuf_addch(out, (char)c);
	}
}

static int looks_numeric(const char *s)
{
	char *end;

	if (!*s || strspn(s, "0123456789+-.eE") != strlen(s))
		return 0;
	(void)strtod(s, &end);
	return !*end;
}

/*
 * Plain when YAML reads it back as this very text, in a block and in a
 * [a, b] list alike: no indicator characters at all, nothing YAML would
 * take for a number, boolean or null. Anything else is quoted, which
 * care check reads the same way.
 */
static int plain_ok(const char *s)
{
	static const char *const words[] = { "true", "false", "null", "yes", "no", "on", "off", "~", NULL };
	size_t i, n = strlen(s);

	if (!n || s[0] == ' ' || s[n - 1] == ' ' || s[0] == '-' || s[0] == '?' || looks_numeric(s))
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    strchr(":#,[]{}&*!|>'\"%@`\\", s[i]))
			return 0;
	for (i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return 0;
	return 1;
}

void yaml_add_scalar(struct strbuf *out, const char *s, int numeric)
{
	if ((numeric && looks_numeric(s)) || (!numeric && plain_ok(s))) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '"');
	yaml_escape_dq(out, s, strlen(s));
	strbuf_addch(out, '"');
}

static void add_value(struct strbuf *out, const char *v, const struct snode *n)
{
	const struct snode *item = snode_items(n);
	const char *p = v, *comma;

	strbuf_addch(out, ' ');
	if (!item) {
		yaml_add_scalar(out, v, snode_numeric(n));
		return;
	}
	strbuf_addch(out, '[');
	while (*p) {
		char *one;
		comma = strchr(p, ',');
		one = comma ? xstrndup(p, (size_t)(comma - p)) : xstrdup(p);
		if (p != v)
			strbuf_addstr(out, ", ");
		yaml_add_scalar(out, one, snode_numeric(item));
		free(one);
		p = comma ? comma + 1 : p + strlen(p);
	}
	strbuf_addch(out, ']');
}

/*
 * "  # 性别（必填）：male 男 | female 女". The words around the schema's
 * are Chinese whatever the language of the messages: the file is the
 * school's, and its teachers read Chinese.
 */
static void add_comment(struct strbuf *out, const struct snode *n, int required)
{
	const struct snode *item = snode_items(n), *e = snode_nenums(n) ? n : item;
	const char *title = snode_title(n), *desc = snode_description(n);
	size_t i;

	strbuf_addstr(out, "  # ");
	strbuf_addstr(out, title ? title : "");
	strbuf_addstr(out, required ? "（必填" : "（选填");
	if (item && !is_group(item))
		strbuf_addstr(out, "，可写几项：[甲, 乙]");
	if (snode_sensitive(n))
		strbuf_addstr(out, "，敏感信息");
	strbuf_addstr(out, "）");
	if (desc) {
		strbuf_addstr(out, "：");
		for (; *desc; desc++)
			strbuf_addch(out, *desc == '\n' ? ' ' : *desc);
	}
	if (e && snode_nenums(e)) {
		strbuf_addstr(out, desc ? "；" : "：");
		for (i = 0; i < snode_nenums(e); i++) {
			const char *v = snode_enum(e, i), *label = snode_label(e, v);
			strbuf_addf(out, "%s%s%s%s", i ? " | " : "", v, label ? " " : "", label ? label : "");
		}
	}
	strbuf_addch(out, '\n');
}

/*
 * One group of fields at indent. off: the lines are written commented
 * out (an optional field nobody gave a value). dash: the group is the
 * first item of a list, its first line starting "- ".
 */
static void emit_group(const struct newrec *r, struct strbuf *out, const struct snode *g,
		       struct strbuf *path, int indent, int off, int dash)
{
	size_t i, at = path->len;
	int k;

	for (i = 0; i < snode_nprops(g); i++) {
		const char *name = snode_prop_name(g, i), *v;
		const struct snode *n = snode_prop(g, i), *item = snode_items(n);
		int required = snode_requires(g, name), line_off, inner;

		strbuf_addf(path, "%s%s", at ? "." : "", name);
		line_off = off || (!required && !set_below(r, path->buf));
		for (k = 0; k < indent; k++)
			strbuf_addch(out, ' ');
		if (line_off)
			strbuf_addstr(out, "# ");
		if (dash)
			strbuf_addstr(out, i ? "  " : "- ");
		strbuf_addf(out, "%s:", name);
		inner = indent + (dash ? 2 : 0) + 2;
		if (is_group(n)) {
			add_comment(out, n, required);
			emit_group(r, out, n, path, inner, line_off, 0);
		} else if (item && is_group(item)) {
			add_comment(out, n, required);
			emit_group(r, out, item, path, inner, line_off, 1);
		} else {
			v = newrec_get(r, path->buf);
			if (v)
				add_value(out, v, n);
			add_comment(out, n, required);
		}
		path->len = at;
		path->buf[at] = '\0';
	}
}

void newrec_format(const struct newrec *r, struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT;
	const char *title = snode_title(schema_root(r->schema));

	strbuf_addf(out, "# yaml-language-server: $schema=../schema/json/%s.json\n", kind_names[r->kind]);
	strbuf_addf(out, "# %s：填好后运行 care check 检查；以“# ”开头的是选填项，要填时删去“# ”\n",
		    title ? title : kind_names[r->kind]);
	emit_group(r, out, schema_root(r->schema), &path, 0, 0, 0);
	strbuf_release(&path);
}
