/*
 * The columns of each kind of record in a spreadsheet, and how a cell's
 * text becomes a field's value (care import) and back (care export). The
 * headings are those a school's own roster uses (姓名, 性别, 班级...), so
 * a sheet kept in Excel imports without a mapping file; values are the
 * labels of the schemas (男, 父母均外出, 外婆) and programme.yaml's group
 * names, codes being accepted too.
 */
#include "records/rowmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table/csv.h"
#include "text/collate.h"
#include "util/banned.h"

static const struct column child_cols[] = {
	{ "姓名", "name", COL_TEXT, 1 },
	{ "性别", "gender", COL_ENUM, 1 },
	{ "出生日期", "birth_date", COL_DATE, 1 },
	{ "入学年份", "cohort", COL_INT, 1 },
	{ "年级", NULL, COL_GRADE, 0 },
	{ "班级", "class", COL_CLASS, 1 },
	{ "在读状态", "status", COL_ENUM, 1 },
	{ "状态变更日期", "status_date", COL_DATE, 1 },
	{ "外出情况", "left_behind.away", COL_ENUM, 1 },
	{ "留守起始年份", "left_behind.since", COL_INT, 1 },
	{ "父亲姓名", "parents[father].name", COL_TEXT, 1 },
	{ "父亲电话", "parents[father].phone", COL_PHONE, 1 },
	{ "父亲务工地", "parents[father].work_place", COL_TEXT, 1 },
	{ "母亲姓名", "parents[mother].name", COL_TEXT, 1 },
	{ "母亲电话", "parents[mother].phone", COL_PHONE, 1 },
	{ "母亲务工地", "parents[mother].work_place", COL_TEXT, 1 },
	{ "监护人", "guardian.name", COL_TEXT, 1 },
	{ "监护人关系", "guardian.relation", COL_ENUM, 1 },
	{ "监护人电话", "guardian.phone", COL_PHONE, 1 },
	{ "监护人出生年份", "guardian.birth_year", COL_INT, 1 },
	{ "住址", "guardian.address", COL_TEXT, 1 },
	{ "班主任", "head_teacher", COL_TEXT, 1 },
	{ "兴趣小组", "interests", COL_INTERESTS, 1 },
	{ "帮扶需求", "needs", COL_ENUMS, 1 },
	{ "健康状况", "health.condition", COL_ENUM, 1 },
	{ "健康备注", "health.notes", COL_TEXT, 1 },
	{ "备注", "notes", COL_TEXT, 1 },
	{ "编号", NULL, COL_ID, 1 },
};

static const struct column pairing_cols[] = {
	{ "儿童", "child", COL_CHILD, 1 },
	{ "帮扶人", "mentor.name", COL_TEXT, 1 },
	{ "帮扶人身份", "mentor.role", COL_ENUM, 1 },
	{ "帮扶人电话", "mentor.phone", COL_PHONE, 1 },
	{ "帮扶重点", "focus", COL_ENUMS, 1 },
	{ "开始日期", "start", COL_DATE, 1 },
	{ "结束日期", "end", COL_DATE, 1 },
	{ "帮扶时间安排", "plan.schedule", COL_TEXT, 1 },
	{ "帮扶内容", "plan.content", COL_TEXT, 1 },
	{ "阶段目标", "plan.goals", COL_TEXT, 1 },
	{ "阶段性效果", "reviews", COL_REVIEWS, 1 },
	{ "编号", NULL, COL_ID, 1 },
};

static const struct column activity_cols[] = {
	{ "标题", "title", COL_TEXT, 1 },
	{ "类别", "kind", COL_ENUM, 1 },
	{ "联系对象", "with", COL_ENUM, 1 },
	{ "日期", "date", COL_DATE, 1 },
	{ "参加儿童", "participants", COL_CHILDREN, 1 },
	{ "工作人员", "staff", COL_TEXTS, 1 },
	{ "地点", "location", COL_TEXT, 1 },
	{ "内容", "summary", COL_TEXT, 1 },
	{ "编号", NULL, COL_ID, 1 },
};

#define NR(a) (sizeof(a) / sizeof(*(a)))

const struct column *rowmap_columns(enum kind kind, size_t *n)
{
	switch (kind) {
	case KIND_CHILD:
		*n = NR(child_cols);
		return child_cols;
	case KIND_PAIRING:
		*n = NR(pairing_cols);
		return pairing_cols;
	default:
		*n = NR(activity_cols);
		return activity_cols;
	}
}

const char *const *rowmap_headings(enum kind kind, size_t *n)
{
	static const char *names[KIND_NR][32];
	const struct column *c = rowmap_columns(kind, n);
	size_t i;

	/* Static and the same every time, so two threads writing it write the same. */
	for (i = 0; i < *n; i++)
		names[kind][i] = c[i].heading;
	return names[kind];
}

const struct snode *rowmap_field_snode(const struct snode *root, const char *field)
{
	const struct snode *n = root;
	const char *seg = field;

	while (n && seg) {
		const char *dot = strchr(seg, '.'), *br = strchr(seg, '[');
		size_t len = (size_t)((br && (!dot || br < dot) ? br : dot ? dot : seg + strlen(seg)) - seg);
		char *key = xstrndup(seg, len);

		n = snode_property(n, key);
		free(key);
		if (n && br && (!dot || br < dot))
			n = snode_items(n);
		seg = dot ? dot + 1 : NULL;
	}
	return n;
}

int rowmap_sensitive(const struct snode *root, const struct column *c)
{
	const struct snode *n = root;
	const char *seg = c->field;

	/* Each field on the way counts: health as a whole is sensitive. */
	while (n && seg) {
		const char *dot = strchr(seg, '.'), *br = strchr(seg, '[');
		size_t len = (size_t)((br && (!dot || br < dot) ? br : dot ? dot : seg + strlen(seg)) - seg);
		char *key = xstrndup(seg, len);

		n = snode_property(n, key);
		free(key);
		if (n && snode_sensitive(n))
			return 1;
		if (n && br && (!dot || br < dot))
			n = snode_items(n);
		seg = dot ? dot + 1 : NULL;
	}
	return 0;
}

/* The value at field in a parsed record, brackets selecting by relation. */
static const struct ynode *ynode_at(const struct ynode *root, const char *field)
{
	const struct ynode *n = root;
	const char *seg = field;

	while (n && seg) {
		const char *dot = strchr(seg, '.'), *br = strchr(seg, '[');
		size_t len = (size_t)((br && (!dot || br < dot) ? br : dot ? dot : seg + strlen(seg)) - seg);
		char *key = xstrndup(seg, len);

		n = n->type == YNODE_MAP ? ynode_get(n, key) : NULL;
		free(key);
		if (n && br && (!dot || br < dot)) {
			const char *sel = br + 1, *end = strchr(sel, ']');
			const struct ynode *found = NULL;
			size_t i;

			for (i = 0; n->type == YNODE_SEQ && i < n->len && !found; i++) {
				const char *t = ynode_text(ynode_get(n->u.kids[i], "relation"));
				if (n->u.kids[i]->type == YNODE_MAP && t && end &&
				    strlen(t) == (size_t)(end - sel) && !strncmp(t, sel, (size_t)(end - sel)))
					found = n->u.kids[i];
			}
			n = found;
		}
		seg = dot ? dot + 1 : NULL;
	}
	return n;
}

/* --- export --- */

static const char *const numerals[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

/* Joins the items of a sequence (each through label) with 、. */
static void join(struct strbuf *sb, const struct ynode *seq, const struct snode *items,
		 const struct programme *prog)
{
	size_t i, j;

	for (i = 0; seq && seq->type == YNODE_SEQ && i < seq->len; i++) {
		const char *t = ynode_text(seq->u.kids[i]), *l = NULL;
		if (!t)
			continue;
		if (items)
			l = snode_label(items, t);
		for (j = 0; prog && j < prog->ninterests; j++)
			if (!strcmp(prog->interests[j], t))
				l = prog->interest_labels[j];
		strbuf_addf(sb, "%s%s", sb->len ? "、" : "", l ? l : t);
	}
}

static void export_cell(struct strbuf *sb, const struct column *c, const char *id,
			const struct ynode *root, const struct snode *schema,
			const struct programme *prog, int school_year)
{
	const struct ynode *v = c->field ? ynode_at(root, c->field) : NULL;
	const struct snode *sn = c->field ? rowmap_field_snode(schema, c->field) : NULL;
	const char *t = ynode_text(v), *l;
	size_t i;

	switch (c->conv) {
	case COL_ID:
		strbuf_addstr(sb, id);
		break;
	case COL_ENUM:
		l = t ? snode_label(sn, t) : NULL;
		strbuf_addstr(sb, l ? l : t ? t : "");
		break;
	case COL_ENUMS:
		join(sb, v, snode_items(sn), NULL);
		break;
	case COL_INTERESTS:
		join(sb, v, NULL, prog);
		break;
	case COL_TEXTS:
	case COL_CHILDREN:
		join(sb, v, NULL, NULL);
		break;
	case COL_CLASS: {
		const char *cohort = ynode_text(ynode_get(root, "cohort"));
		int grade = cohort ? school_year - atoi(cohort) + 1 : 0;
		if (!t)
			break;
		if (grade >= 1 && grade <= 9)
			strbuf_addf(sb, "%s年级%s班", numerals[grade], t);
		else
			strbuf_addf(sb, "%s班", t);
		break;
	}
	case COL_REVIEWS:
		for (i = 0; v && v->type == YNODE_SEQ && i < v->len; i++) {
			const char *d = ynode_text(ynode_get(v->u.kids[i], "date"));
			const char *note = ynode_text(ynode_get(v->u.kids[i], "note"));
			size_t n = note ? strlen(note) : 0;
			while (n && note[n - 1] == '\n')
				n--;
			strbuf_addf(sb, "%s%s %.*s", i ? "\n" : "", d ? d : "", (int)n, note ? note : "");
		}
		break;
	default:
		if (t) {
			size_t n = strlen(t);
			while (n && t[n - 1] == '\n')
				n--;
			strbuf_add(sb, t, n);
		}
		break;
	}
}

static int shown(const struct column *c, const struct snode *schema, int full)
{
	return c->exported && (full || !c->field || !rowmap_sensitive(schema, c));
}

void rowmap_export(struct strbuf *out, enum kind kind, const char *id, const struct ynode *root,
		   const struct snode *schema, const struct programme *prog, int school_year, int full)
{
	struct strbuf cell = STRBUF_INIT;
	size_t n, i;
	const struct column *c = rowmap_columns(kind, &n);
	int first = 1;

	for (i = 0; i < n; i++) {
		if (!shown(&c[i], schema, full))
			continue;
		strbuf_reset(&cell);
		export_cell(&cell, &c[i], id, root, schema, prog, school_year);
		csv_add_cell(out, cell.buf, first);
		first = 0;
	}
	csv_end_row(out);
	strbuf_release(&cell);
}

void rowmap_export_headings(struct strbuf *out, enum kind kind, const struct snode *schema, int full)
{
	size_t n, i;
	const struct column *c = rowmap_columns(kind, &n);
	int first = 1;

	for (i = 0; i < n; i++) {
		if (!shown(&c[i], schema, full))
			continue;
		csv_add_cell(out, c[i].heading, first);
		first = 0;
	}
	csv_end_row(out);
}

/* --- identity and ids --- */

static const char *const identity_fields[KIND_NR][3] = {
	{ "name", "birth_date", NULL },
	{ "child", "mentor.name", "start" },
	{ "date", "kind", "title" },
};

char *rowmap_identity(enum kind kind, const struct ynode *root)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < 3 && identity_fields[kind][i]; i++) {
		const char *t = ynode_text(ynode_at(root, identity_fields[kind][i]));
		if (!t) {
			strbuf_release(&sb);
			return NULL;
		}
		strbuf_addf(&sb, "%s%s", i ? "\x1f" : "", t);
	}
	return strbuf_detach(&sb, NULL);
}

/*
 * A Chinese name as the demo's ids spell it: the family name, then the
 * given name's syllables run together ("王小明" -> "wang-xiaoming"). A
 * name in Latin letters keeps its words apart.
 */
static char *name_slug(const char *name)
{
	/* Family names read otherwise than the character's common reading. */
	static const char *const family_names[][2] = {
		{ "覃", "qin" }, { "单", "shan" }, { "区", "ou" }, { "仇", "qiu" }, { "解", "xie" },
		{ "朴", "piao" }, { "查", "zha" }, { "乐", "yue" }, { "盖", "ge" }, { "缪", "miao" },
		{ "翟", "zhai" }, { "曾", "zeng" }, { "种", "chong" }, { "秘", "bi" }, { "句", "gou" },
	};
	size_t first = 1, i;
	char *family = NULL, *given, *out, *p, *q;

	while (name[first] && ((unsigned char)name[first] & 0xc0) == 0x80)
		first++;
	if ((unsigned char)name[0] < 0x80 || !name[first])
		return pinyin_slug(name);
	for (i = 0; i < sizeof(family_names) / sizeof(*family_names); i++)
		if (!strncmp(name, family_names[i][0], first) && !family_names[i][0][first])
			family = xstrdup(family_names[i][1]);
	if (!family) {
		char *head = xstrndup(name, first);
		family = pinyin_slug(head);
		free(head);
	}
	given = pinyin_slug(name + first);
	for (p = q = given; *p; p++)
		if (*p != '-')
			*q++ = *p;
	*q = '\0';
	out = xstrfmt("%s-%s", family, given);
	free(family);
	free(given);
	return out;
}

char *rowmap_base_id(enum kind kind, const struct ynode *root)
{
	const char *a, *b;
	char *slug, *id, *p;

	switch (kind) {
	case KIND_CHILD:
		a = ynode_text(ynode_get(root, "name"));
		b = ynode_text(ynode_get(root, "birth_date"));
		slug = name_slug(a ? a : "x");
		id = b && strlen(b) >= 4 ? xstrfmt("%s-%.4s", slug, b) : xstrdup(slug);
		free(slug);
		return id;
	case KIND_PAIRING:
		a = ynode_text(ynode_get(root, "start"));
		b = ynode_text(ynode_get(root, "child"));
		return xstrfmt("%.4s-%s", a && strlen(a) >= 4 ? a : "0000", b ? b : "x");
	default:
		a = ynode_text(ynode_get(root, "date"));
		b = ynode_text(ynode_get(root, "kind"));
		id = xstrfmt("%s-%s", a ? a : "x", b ? b : "x");
		for (p = id; *p; p++)
			if (*p == '_')
				*p = '-';
		return id;
	}
}
