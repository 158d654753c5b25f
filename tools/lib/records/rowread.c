/*
 * Reading one row of a spreadsheet into a record (care import): each
 * cell's text, as a teacher typed it, made the value the schema wants. A
 * cell that cannot be read is reported at its row and column in words
 * that say what to type instead; its text is kept, so that the check of
 * the whole record still reports every other problem of the row.
 */
#include "records/rowmap.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "table/dates.h"
#include "util/i18n.h"
#include "util/banned.h"

static void fail(struct row_ctx *ctx, int row, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(struct row_ctx *ctx, int row, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ctx->dl, ctx->sheet, row, col, DIAG_ERROR, "import", fmt, ap);
	va_end(ap);
	ctx->failed = xrealloc(ctx->failed, (ctx->nfailed + 1) * sizeof(*ctx->failed));
	ctx->failed[ctx->nfailed++] = col;
}

/* Splits a list cell at 、 ， , ; ； and line ends; the items are the caller's. */
static char **split(const char *t, size_t *n)
{
	static const char *const seps[] = { "、", "，", ",", ";", "；", "\n" };
	char **out = NULL;
	const char *start = t, *p = t;

	*n = 0;
	for (;;) {
		size_t k, len = 0;
		for (k = 0; *p && k < sizeof(seps) / sizeof(*seps); k++)
			if (!strncmp(p, seps[k], strlen(seps[k])))
				len = strlen(seps[k]);
		if (*p && !len) {
			p++;
			continue;
		}
		{
			const char *a = start, *b = p;
			while (a < b && (*a == ' ' || *a == '\t'))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b > a) {
				out = xrealloc(out, (*n + 1) * sizeof(*out));
				out[(*n)++] = xstrndup(a, (size_t)(b - a));
			}
		}
		if (!*p)
			break;
		p += len;
		start = p;
	}
	return out;
}

static void free_list(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

/* A number from 1 to 99 in digits or Chinese numerals (三, 十二, 二十); -1 when there is none. */
static int number(const char **p)
{
	static const char *const cn[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	int v = 0, any = 0, k, tens = 0;

	while (**p >= '0' && **p <= '9' && v < 1000) {
		v = v * 10 + (*(*p)++ - '0');
		any = 1;
	}
	if (any)
		return v;
	for (;;) {
		if (!strncmp(*p, "十", 3)) {
			tens = (v ? v : 1) * 10;
			v = 0;
			*p += 3;
			any = 1;
			continue;
		}
		for (k = 0; k < 10 && strncmp(*p, cn[k], 3); k++)
			;
		if (k == 10)
			break;
		v = v * 10 + k;
		*p += 3;
		any = 1;
	}
	return any ? tens + v : -1;
}

static int skip(const char **p, const char *s)
{
	size_t n = strlen(s);

	if (strncmp(*p, s, n))
		return 0;
	*p += n;
	return 1;
}

/* 三年级2班, 3年级(2)班, 三(2)班, 2班, 2: the grade (0 when not given) and class. */
static int parse_class(const char *t, int *grade, int *cls)
{
	const char *p = t, *q = t;
	int n;

	*grade = 0;
	if (strstr(t, "年级")) {
		if ((*grade = number(&p)) < 1 || !skip(&p, "年级"))
			return -1;
	} else if ((n = number(&q)) > 0 && (!strncmp(q, "(", 1) || !strncmp(q, "（", 3))) {
		*grade = n;
		p = q;
	}
	if (!skip(&p, "("))
		skip(&p, "（");
	if ((*cls = number(&p)) < 1)
		return -1;
	if (!skip(&p, ")"))
		skip(&p, "）");
	skip(&p, "班");
	return *p ? -1 : 0;
}

static int parse_grade(const char *t)
{
	const char *p = t;
	int g = number(&p);

	skip(&p, "年级");
	return *p || g < 1 ? -1 : g;
}

/* 2021, 2021年, 2021届: the digits, or NULL. */
static char *parse_int(const char *t)
{
	size_t n = strspn(t, "0123456789");

	if (!n || (t[n] && strcmp(t + n, "年") && strcmp(t + n, "届")))
		return NULL;
	return xstrndup(t, n);
}

/* The code of an enum value written as its label or its code; NULL when it is neither. */
static const char *enum_code(const struct snode *sn, const char *t)
{
	size_t i;

	if (snode_enum_has(sn, t))
		return t;
	for (i = 0; i < snode_nenums(sn); i++) {
		const char *l = snode_label(sn, snode_enum(sn, i));
		if (l && !strcmp(l, t))
			return snode_enum(sn, i);
	}
	return NULL;
}

static void labels(struct strbuf *sb, const struct snode *sn)
{
	size_t i;

	for (i = 0; i < snode_nenums(sn); i++) {
		const char *l = snode_label(sn, snode_enum(sn, i));
		strbuf_addf(sb, "%s%s", i ? "、" : "", l ? l : snode_enum(sn, i));
	}
}

static const char *read_enum(struct row_ctx *ctx, const struct snode *sn, const char *t,
			     const char *heading, int row, int col)
{
	struct strbuf list = STRBUF_INIT;
	const char *code = sn ? enum_code(sn, t) : t;

	if (code)
		return code;
	labels(&list, sn);
	fail(ctx, row, col, _("%s cannot be '%s'; write one of %s"), heading, t, list.buf);
	strbuf_release(&list);
	return t;
}

static const char *read_interest(struct row_ctx *ctx, const char *t, int row, int col)
{
	struct strbuf list = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ctx->prog->ninterests; i++)
		if (!strcmp(ctx->prog->interests[i], t) || !strcmp(ctx->prog->interest_labels[i], t))
			return ctx->prog->interests[i];
	for (i = 0; i < ctx->prog->ninterests; i++)
		strbuf_addf(&list, "%s%s", i ? "、" : "", ctx->prog->interest_labels[i]);
	fail(ctx, row, col, _("'%s' is not an interest group of programme.yaml; write one of %s"), t,
	     list.buf);
	strbuf_release(&list);
	return t;
}

/* A child by id, or by a name only one child has. */
static const char *read_child(struct row_ctx *ctx, const char *t, int row, int col)
{
	struct strbuf ids = STRBUF_INIT;
	const char *found = NULL;
	size_t i, n = 0;

	for (i = 0; i < ctx->nkids; i++)
		if (!strcmp(ctx->kids[i].id, t))
			return ctx->kids[i].id;
	for (i = 0; i < ctx->nkids; i++)
		if (ctx->kids[i].name && !strcmp(ctx->kids[i].name, t)) {
			found = ctx->kids[i].id;
			strbuf_addf(&ids, "%s%s", n++ ? "、" : "", found);
		}
	if (n == 1) {
		strbuf_release(&ids);
		return found;
	}
	if (n)
		fail(ctx, row, col, _("more than one child is called '%s' (%s); write the id of the one meant"),
		     t, ids.buf);
	else
		fail(ctx, row, col, _("there is no child '%s' in records/children (by id or name); import the children first, or correct the name"),
		     t);
	strbuf_release(&ids);
	return t;
}

static void read_reviews(struct row_ctx *ctx, struct rnode *root, const char *field, const char *t,
			 int row, int col)
{
	struct rnode *seq = rnode_set_list(root, field, col), *item = NULL;
	struct strbuf note = STRBUF_INIT;
	const char *p = t;

	while (seq && *p) {
		const char *eol = strchr(p, '\n'), *sp;
		char *line, date[11], *head;
		if (!eol)
			eol = p + strlen(p);
		line = xstrndup(p, (size_t)(eol - p));
		sp = strpbrk(line, " \t:：");
		head = xstrndup(line, sp ? (size_t)(sp - line) : strlen(line));
		if (!table_date(head, ctx->date_forms, ctx->ndate_forms, date)) {
			const char *rest = line + strlen(head);
			while (*rest == ' ' || *rest == '\t' || *rest == ':')
				rest++;
			if (!strncmp(rest, "：", 3))
				rest += 3;
			if (item)
				rnode_add(item, "note", note.buf, col);
			item = rnode_push(seq, RT_MAP, NULL, col);
			rnode_add(item, "date", date, col);
			strbuf_reset(&note);
			strbuf_addstr(&note, rest);
		} else if (item) {
			strbuf_addf(&note, "\n%s", line);
		} else {
			fail(ctx, row, col, _("each review starts with its date, as 2024-11-01 期中数学 72 分: '%s'"),
			     line);
		}
		free(head);
		free(line);
		p = *eol ? eol + 1 : eol;
	}
	if (item)
		rnode_add(item, "note", note.buf, col);
	strbuf_release(&note);
}

static void read_list(struct row_ctx *ctx, struct rnode *root, const struct column *c,
		      const char *t, int row, int col)
{
	const struct snode *items = snode_items(rowmap_field_snode(ctx->schema, c->field));
	struct rnode *seq = rnode_set_list(root, c->field, col);
	size_t n, i;
	char **v = split(t, &n);

	for (i = 0; seq && i < n; i++) {
		const char *x = v[i];
		if (c->conv == COL_ENUMS)
			x = read_enum(ctx, items, x, c->heading, row, col);
		else if (c->conv == COL_INTERESTS)
			x = read_interest(ctx, x, row, col);
		else if (c->conv == COL_CHILDREN)
			x = read_child(ctx, x, row, col);
		rnode_push(seq, RT_SCALAR, x, col);
	}
	free_list(v, n);
}

static void read_cell(struct row_ctx *ctx, struct rnode *root, const struct column *c, const char *t,
		      int row, int col, int *grade, int *grade_col)
{
	const struct snode *sn = c->field ? rowmap_field_snode(ctx->schema, c->field) : NULL;
	char date[11], *s;
	int g, cls;

	switch (c->conv) {
	case COL_INT:
		if (!(s = parse_int(t))) {
			fail(ctx, row, col, _("%s is a whole number, such as 2021: '%s'"), c->heading, t);
			s = xstrdup(t);
		}
		rnode_set(root, c->field, s, col);
		free(s);
		break;
	case COL_DATE:
		if (table_date(t, ctx->date_forms, ctx->ndate_forms, date) < 0) {
			fail(ctx, row, col, _("%s is not a date: '%s'; write it as 2015-03-14 (2015/3/14, 2015年3月14日 and 2015.3.14 are read too)"),
			     c->heading, t);
			rnode_set(root, c->field, t, col);
		} else {
			rnode_set(root, c->field, date, col);
		}
		break;
	case COL_PHONE: {
		struct strbuf d = STRBUF_INIT;
		struct rnode *n;
		for (; *t; t++)
			if (*t != ' ')
				strbuf_addch(&d, *t);
		if (strpbrk(d.buf, "Ee") && strchr(d.buf, '+'))
			fail(ctx, row, col, _("%s was turned into a number by the spreadsheet (%s) and its digits are lost; set the column's format to text and type the number again"),
			     c->heading, d.buf);
		if ((n = rnode_set(root, c->field, d.buf, col)))
			n->quoted = 1;
		strbuf_release(&d);
		break;
	}
	case COL_ENUM:
		rnode_set(root, c->field, read_enum(ctx, sn, t, c->heading, row, col), col);
		break;
	case COL_ENUMS:
	case COL_INTERESTS:
	case COL_TEXTS:
	case COL_CHILDREN:
		read_list(ctx, root, c, t, row, col);
		break;
	case COL_CHILD:
		rnode_set(root, c->field, read_child(ctx, t, row, col), col);
		break;
	case COL_CLASS:
		if (parse_class(t, &g, &cls) < 0) {
			fail(ctx, row, col, _("%s is written as 三年级2班, or as the class number alone when a 年级 or 入学年份 column gives the grade: '%s'"),
			     c->heading, t);
			rnode_set(root, c->field, t, col);
			break;
		}
		s = xstrfmt("%d", cls);
		rnode_set(root, c->field, s, col);
		free(s);
		if (g && !*grade) {
			*grade = g;
			*grade_col = col;
		}
		break;
	case COL_GRADE:
		if ((g = parse_grade(t)) < 0) {
			fail(ctx, row, col, _("%s is written as 三年级 or 3: '%s'"), c->heading, t);
			break;
		}
		*grade = g;
		*grade_col = col;
		break;
	case COL_REVIEWS:
		read_reviews(ctx, root, c->field, t, row, col);
		break;
	default:
		rnode_set(root, c->field, t, col);
		break;
	}
}

struct rnode *rowmap_build(struct row_ctx *ctx, enum kind kind, const struct column *const *cols,
			   const int *colno, const char *const *cells, size_t n, int row,
			   const char **id)
{
	struct rnode *root = rnode_new_map();
	int grade = 0, grade_col = 0;
	size_t i;

	*id = NULL;
	ctx->nfailed = 0;
	for (i = 0; i < n; i++) {
		if (!*cells[i])
			continue;
		if (cols[i]->conv == COL_ID)
			*id = cells[i];
		else
			read_cell(ctx, root, cols[i], cells[i], row, colno[i], &grade, &grade_col);
	}
	if (kind != KIND_CHILD)
		return root;
	/* The grade is of the import day's school year; an explicit 入学年份 wins. */
	if (!rnode_get(root, "cohort") && grade) {
		char *s = xstrfmt("%d", ctx->school_year - grade + 1);
		rnode_set(root, "cohort", s, grade_col);
		free(s);
	}
	/* A roster without 在读状态 lists the children at school. */
	if (!rnode_get(root, "status"))
		rnode_set(root, "status", "enrolled", 0);
	return root;
}
