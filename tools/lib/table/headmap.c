/*
 * Mapping files: how the columns of a school's own spreadsheet become the
 * headings care knows. Parsed with the project's YAML tree, so a mistake
 * in one is reported at its line like a mistake in a record; the sample a
 * first import writes is the file a teacher edits.
 */
#include "table/headmap.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "table/dates.h"
#include "util/i18n.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"
#include "util/banned.h"

struct pair {
	const char *from, *to;	/* borrowed from the document */
};

struct valuemap {
	const char *target;
	struct pair *v;
	size_t n;
};

struct headmap {
	struct ydoc *doc;
	struct pair *cols;
	size_t ncols;
	struct valuemap *vals;
	size_t nvals;
	const char **dates;
	size_t ndates;
};

static int known_has(const char *const *known, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(known[i], s))
			return 1;
	return 0;
}

static void bad(struct diag_list *dl, const char *path, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void bad(struct diag_list *dl, const char *path, const struct ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, path, at->line, at->col, DIAG_ERROR, "map", fmt, ap);
	va_end(ap);
}

static void add_known_list(struct strbuf *sb, const char *const *known, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? "、" : "", known[i]);
}

static int read_columns(struct headmap *m, const struct ynode *cols, const char *path,
			const char *const *known, size_t nknown, struct diag_list *dl)
{
	struct strbuf list = STRBUF_INIT;
	size_t i;
	int errors = 0;

	add_known_list(&list, known, nknown);
	m->cols = xcalloc(cols->len + 1, sizeof(*m->cols));
	for (i = 0; i < cols->len; i++) {
		const struct ynode *k = cols->u.kids[2 * i], *v = cols->u.kids[2 * i + 1];
		const char *t = ynode_text(v);

		if (!t || (strcmp(t, "_") && !known_has(known, nknown, t))) {
			diag_add(dl, path, v->line, v->col, DIAG_ERROR, "map",
				 _("'%s' is not a heading care knows; write one of %s, or _ to leave the column out"),
				 t ? t : "", list.buf);
			errors++;
			continue;
		}
		m->cols[m->ncols].from = ynode_text(k);
		m->cols[m->ncols++].to = t;
	}
	strbuf_release(&list);
	return errors;
}

static int read_values(struct headmap *m, const struct ynode *vals, const char *path,
		       const char *const *known, size_t nknown, struct diag_list *dl)
{
	size_t i, j;
	int errors = 0;

	m->vals = xcalloc(vals->len + 1, sizeof(*m->vals));
	for (i = 0; i < vals->len; i++) {
		const struct ynode *k = vals->u.kids[2 * i], *v = vals->u.kids[2 * i + 1];
		struct valuemap *vm;

		if (!known_has(known, nknown, ynode_text(k))) {
			bad(dl, path, k, _("'%s' is not a heading care knows; values: lists replacements under known headings, such as 性别"),
			    ynode_text(k));
			errors++;
			continue;
		}
		if (v->type != YNODE_MAP) {
			bad(dl, path, v, _("the replacements for '%s' are a mapping, such as {M: 男, F: 女}"),
			    ynode_text(k));
			errors++;
			continue;
		}
		vm = &m->vals[m->nvals++];
		vm->target = ynode_text(k);
		vm->v = xcalloc(v->len + 1, sizeof(*vm->v));
		for (j = 0; j < v->len; j++) {
			const char *to = ynode_text(v->u.kids[2 * j + 1]);
			if (!to) {
				bad(dl, path, v->u.kids[2 * j + 1], _("the replacement for '%s' is one value"),
				    ynode_text(v->u.kids[2 * j]));
				errors++;
				continue;
			}
			vm->v[vm->n].from = ynode_text(v->u.kids[2 * j]);
			vm->v[vm->n++].to = to;
		}
	}
	return errors;
}

static int read_dates(struct headmap *m, const struct ynode *dates, const char *path,
		      struct diag_list *dl)
{
	size_t i;
	int errors = 0;

	if (dates->type != YNODE_SEQ) {
		bad(dl, path, dates, "%s", _("dates: is a list of date forms, such as [D/M/YYYY]"));
		return 1;
	}
	m->dates = xcalloc(dates->len + 1, sizeof(*m->dates));
	for (i = 0; i < dates->len; i++) {
		const char *f = ynode_text(dates->u.kids[i]);
		if (!f || !table_date_form_valid(f)) {
			bad(dl, path, dates->u.kids[i],
			    _("'%s' is not a date form; write it with one YYYY, one M (or MM) and one D (or DD), such as D/M/YYYY"),
			    f ? f : "");
			errors++;
			continue;
		}
		m->dates[m->ndates++] = f;
	}
	return errors;
}

int headmap_load(struct headmap **out, const char *path, const char *text, size_t len,
		 const char *const *known, size_t nknown, struct diag_list *dl)
{
	struct headmap *m = NULL;
	struct ydoc *doc = NULL;
	const struct ynode *root;
	size_t i;
	int errors = 0;

	*out = NULL;
	if (text_scan(text, len, path, dl) || ydoc_parse(&doc, text, len, path, dl) < 0)
		return -1;
	m = xcalloc(1, sizeof(*m));
	m->doc = doc;
	root = ydoc_root(doc);
	for (i = 0; i < root->len; i++) {
		const struct ynode *k = root->u.kids[2 * i], *v = root->u.kids[2 * i + 1];
		const char *key = ynode_text(k);

		if (!strcmp(key, "columns") && v->type == YNODE_MAP) {
			errors += read_columns(m, v, path, known, nknown, dl);
		} else if (!strcmp(key, "values") && v->type == YNODE_MAP) {
			errors += read_values(m, v, path, known, nknown, dl);
		} else if (!strcmp(key, "dates")) {
			errors += read_dates(m, v, path, dl);
		} else if (!strcmp(key, "columns") || !strcmp(key, "values")) {
			bad(dl, path, v, _("'%s' is a mapping: one line per column, as 学生姓名: 姓名"), key);
			errors++;
		} else {
			bad(dl, path, k, _("'%s' is not a key of a mapping file; the keys are columns, values and dates"),
			    key);
			errors++;
		}
	}
	if (errors) {
		headmap_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

void headmap_free(struct headmap *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nvals; i++)
		free(m->vals[i].v);
	free(m->vals);
	free(m->cols);
	free(m->dates);
	ydoc_free(m->doc);
	free(m);
}

const char *headmap_column(const struct headmap *m, const char *heading)
{
	size_t i;

	for (i = 0; m && i < m->ncols; i++)
		if (!strcmp(m->cols[i].from, heading))
			return m->cols[i].to;
	return NULL;
}

const char *headmap_value(const struct headmap *m, const char *target, const char *value)
{
	size_t i, j;

	for (i = 0; m && i < m->nvals; i++) {
		if (strcmp(m->vals[i].target, target))
			continue;
		for (j = 0; j < m->vals[i].n; j++)
			if (!strcmp(m->vals[i].v[j].from, value))
				return m->vals[i].v[j].to;
	}
	return value;
}

const char *const *headmap_dates(const struct headmap *m, size_t *n)
{
	*n = m ? m->ndates : 0;
	return m && m->ndates ? m->dates : NULL;
}

/* A YAML double-quoted scalar, which any heading can be. */
static void add_quoted(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addch(out, '\\');
		if ((unsigned char)*s < 0x20)
			strbuf_addf(out, "\\x%02x", (unsigned char)*s);
		else
			strbuf_addch(out, *s);
	}
	strbuf_addch(out, '"');
}

void headmap_sample(struct strbuf *out, const char *sheet, const char *command,
		    char *const *headings, size_t n, const char *const *known, size_t nknown)
{
	size_t i;

	strbuf_addf(out, "# %s 的列对应表：care import 按它读这张表。\n", sheet);
	strbuf_addstr(out, "# 每行写“表里的列名: care 认识的列名”；不需要导入的列写 _。\n");
	strbuf_addstr(out, "# care 认识的列名：");
	add_known_list(out, known, nknown);
	strbuf_addf(out, "\n# 改好后再运行：%s\ncolumns:\n", command);
	for (i = 0; i < n; i++) {
		int k = known_has(known, nknown, headings[i]);
		strbuf_addstr(out, "  ");
		add_quoted(out, headings[i]);
		strbuf_addstr(out, ": ");
		if (k) {
			add_quoted(out, headings[i]);
			strbuf_addch(out, '\n');
		} else {
			strbuf_addstr(out, "_    # 改成上面 care 认识的某个列名，或保留 _ 不导入这一列\n");
		}
	}
	strbuf_addstr(out, "# 某一列的值要换成 care 认识的值时（如 M 换成 男），去掉下面的 # 并改写：\n");
	strbuf_addstr(out, "# values:\n#   性别: {M: 男, F: 女}\n");
	strbuf_addstr(out, "# 日期不是 2015-03-14、2015/3/14、2015年3月14日、2015.3.14 这几种写法时，写出它的格式：\n");
	strbuf_addstr(out, "# dates: [D/M/YYYY]\n");
}
