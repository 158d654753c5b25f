/*
 * The yearly work report (年度工作报告) a principal signs and sends to the
 * education bureau: counts only, in the sections the schools' own plans
 * use, with class and grade-band tables, two charts, the school's own
 * words, and the commit every number comes from.
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "report/words.h"
#include "template/markdown.h"
#include "util/banned.h"

/* What happened during the year, beyond the figures on D. */
struct year_events {
	size_t arrived, pairs_started, pairs_ended, reviews;
};

static int in_year(const struct figures *fig, const char *day)
{
	return day[0] && strcmp(day, fig->first) >= 0 && strcmp(day, fig->date) <= 0;
}

static void count_events(struct year_events *e, const struct facts *f, const struct figures *fig)
{
	size_t i, j;
	char first[CAL_DATE_SIZE];

	memset(e, 0, sizeof(*e));
	for (i = 0; i < f->nkids; i++) {
		const struct child_dates *d = &f->kids[i].dates;
		/* A transfer in: enrolled from a day after its cohort's first. */
		if (d->status == STATUS_ENROLLED && in_year(fig, d->status_date) &&
		    programme_year_first(f->prog, d->cohort, first) == 0 && strcmp(d->status_date, first) > 0)
			e->arrived++;
	}
	for (i = 0; i < f->npairs; i++) {
		e->pairs_started += in_year(fig, f->pairs[i].start);
		e->pairs_ended += in_year(fig, f->pairs[i].end);
		for (j = 0; j < f->pairs[i].nreviews; j++)
			e->reviews += in_year(fig, f->pairs[i].reviews[j]);
	}
}

/* One row of the class table: a class, a grade band, or the school. */
static void class_row(struct strbuf *out, const char *name, const char *teacher, size_t enrolled,
		      size_t covered, size_t dossier, size_t without)
{
	strbuf_addf(out, "| %s | ", name);
	md_text(out, teacher);
	strbuf_addf(out, " | %zu | %zu（", enrolled, covered);
	percent(out, covered, enrolled);
	strbuf_addf(out, "） | %zu（", dossier);
	percent(out, dossier, enrolled);
	strbuf_addf(out, "） | %zu |\n", without);
}

static void classes_table(struct strbuf *out, const struct figures *fig)
{
	size_t i, band[2][4] = { { 0 } };

	strbuf_addstr(out, "| 班级 | 班主任 | 在读 | 有结对 | 联系卡完整 | 未参加活动 |\n|---|---|--:|--:|--:|--:|\n");
	for (i = 0; i < fig->nclasses; i++) {
		const struct class_figures *c = &fig->classes[i];
		struct strbuf name = STRBUF_INIT;
		size_t *b = band[c->grade >= 4];
		class_name(&name, c->grade, c->klass);
		class_row(out, name.buf, c->head_teacher, c->enrolled, c->covered, c->dossier, c->without);
		strbuf_release(&name);
		b[0] += c->enrolled;
		b[1] += c->covered;
		b[2] += c->dossier;
		b[3] += c->without;
	}
	class_row(out, "**一至三年级**", "", band[0][0], band[0][1], band[0][2], band[0][3]);
	class_row(out, "**四至六年级**", "", band[1][0], band[1][1], band[1][2], band[1][3]);
	class_row(out, "**全校**", "", fig->enrolled, fig->covered, fig->dossier, fig->without);
	strbuf_addch(out, '\n');
}

static void basics(struct strbuf *out, const struct figures *fig, const struct year_events *e)
{
	strbuf_addf(out, "## 一、基本情况\n\n学年初（%s）全校在册留守儿童 %zu 人，到 %s 在读 %zu 人，其中男生 %zu 人、女生 %zu 人；"
		    "父母均外出 %zu 人，父亲外出 %zu 人，母亲外出 %zu 人，单亲外出 %zu 人。\n\n",
		    fig->first, fig->retention_start, fig->date, fig->enrolled, fig->by_gender[0], fig->by_gender[1],
		    fig->by_away[0], fig->by_away[1], fig->by_away[2], fig->by_away[3]);
	(void)e;
	classes_table(out, fig);
}

static void dossiers(struct strbuf *out, const struct figures *fig, const struct year_events *e)
{
	strbuf_addf(out, "## 二、建档与动态管理\n\n每名留守儿童一份档案和联系卡。联系卡完整 %zu 人，占在读的 ", fig->dossier);
	percent(out, fig->dossier, fig->enrolled);
	strbuf_addf(out, "。本学年转入 %zu 人，转出 %zu 人，毕业 %zu 人，辍学 %zu 人；巩固率 ", e->arrived,
		    fig->left[STATUS_TRANSFERRED], fig->left[STATUS_GRADUATED], fig->left[STATUS_DROPPED_OUT]);
	percent(out, fig->retention_start - fig->retention_dropped, fig->retention_start);
	strbuf_addstr(out, "（转出不算流失）。\n\n");
}

static void pairings(struct strbuf *out, const struct figures *fig, const struct year_events *e,
		     const struct repo *r)
{
	strbuf_addf(out, "## 三、结对帮扶\n\n到 %s，%zu 名在读留守儿童有结对帮扶，占 ", fig->date, fig->covered);
	percent(out, fig->covered, fig->enrolled);
	strbuf_addf(out, "。本学年新建结对 %zu 个，结束 %zu 个，写下阶段性帮扶记录 %zu 次；"
		    "进行中的 %zu 个结对里，%zu 个超过 %ld 天没有阶段记录。\n\n",
		    e->pairs_started, e->pairs_ended, e->reviews, fig->active_pairings, fig->overdue,
		    r->prog.review_every_days);
}

static void contact(struct strbuf *out, const struct figures *fig, const struct repo *r)
{
	size_t i, k;

	strbuf_addstr(out, "## 四、“五个一”亲情联系\n\n");
	if (!fig->nrules) {
		strbuf_addstr(out, "programme.yaml 没有写联系规定（contact_rules）。\n\n");
		return;
	}
	strbuf_addstr(out, "| 规定 | 开展的周期 / 全部周期 | 平均覆盖率 | 本学年参加过的在读儿童 |\n|---|--:|--:|--:|\n");
	for (i = 0; i < fig->nrules; i++) {
		const struct rule_figures *rf = &fig->rules[i];
		strbuf_addstr(out, "| ");
		rule_label(out, r, rf->rule);
		strbuf_addf(out, " %s | ", every_label(r, rf->rule->every));
		if (!strcmp(rf->rule->every, "year"))
			strbuf_addstr(out, "— | — | ");
		else {
			strbuf_addf(out, "%zu / %zu | ", rf->held, rf->periods);
			rate_percent(out, rf->mean_rate);
			strbuf_addstr(out, " | ");
		}
		strbuf_addf(out, "%zu / %zu |\n", rf->year_reached, rf->of);
	}
	strbuf_addstr(out, "\n各班平均覆盖率：\n\n| 班级 |");
	for (i = 0; i < fig->nrules; i++) {
		strbuf_addch(out, ' ');
		rule_label(out, r, fig->rules[i].rule);
		strbuf_addstr(out, " |");
	}
	strbuf_addstr(out, "\n|---|");
	for (i = 0; i < fig->nrules; i++)
		strbuf_addstr(out, "--:|");
	strbuf_addch(out, '\n');
	for (k = 0; k < fig->nclasses; k++) {
		strbuf_addstr(out, "| ");
		class_name(out, fig->classes[k].grade, fig->classes[k].klass);
		strbuf_addstr(out, " |");
		for (i = 0; i < fig->nrules; i++) {
			strbuf_addch(out, ' ');
			if (!strcmp(fig->rules[i].rule->every, "year"))
				percent(out, fig->classes[k].reached[i], fig->classes[k].enrolled);
			else
				rate_percent(out, fig->classes[k].mean_rate[i]);
			strbuf_addstr(out, " |");
		}
		strbuf_addch(out, '\n');
	}
	strbuf_addstr(out, "\n“每年”的规定按本学年参加过的在读儿童计。\n\n" CHART_CLASSES "\n\n");
}

/* Problems the figures show, in counts; the school's own words follow. */
static void problems(struct strbuf *out, const struct figures *fig, const struct repo *r, const char *words)
{
	size_t i, n = 0;

	strbuf_addstr(out, "## 六、存在问题与下一步\n\n");
	if (fig->enrolled > fig->covered) {
		strbuf_addf(out, "- 还有 %zu 名在读留守儿童没有结对帮扶。\n", fig->enrolled - fig->covered);
		n++;
	}
	if (fig->overdue) {
		strbuf_addf(out, "- %zu 个结对超过 %ld 天没有阶段性帮扶记录。\n", fig->overdue, r->prog.review_every_days);
		n++;
	}
	if (fig->enrolled > fig->dossier) {
		strbuf_addf(out, "- %zu 名儿童的联系卡不完整（缺父母电话、监护人电话或住址）。\n", fig->enrolled - fig->dossier);
		n++;
	}
	if (fig->left[STATUS_DROPPED_OUT]) {
		strbuf_addf(out, "- 本学年辍学 %zu 人。\n", fig->left[STATUS_DROPPED_OUT]);
		n++;
	}
	if (fig->without) {
		strbuf_addf(out, "- %zu 名在读儿童本学年没有参加任何活动。\n", fig->without);
		n++;
	}
	for (i = 0; i < fig->nrules; i++)
		if (fig->rules[i].periods > fig->rules[i].held) {
			strbuf_addstr(out, "- ");
			rule_label(out, r, fig->rules[i].rule);
			strbuf_addf(out, "：%s一次，本学年 %zu 个周期中有 %zu 个没有开展（含寒暑假）。\n",
				    every_label(r, fig->rules[i].rule->every), fig->rules[i].periods,
				    fig->rules[i].periods - fig->rules[i].held);
			n++;
		}
	if (!n)
		strbuf_addstr(out, "- 各项数字没有显示明显的问题。\n");
	strbuf_addch(out, '\n');
	if (words && *words)
		md_field(out, words, strlen(words));
	else
		strbuf_addf(out, "（学校可在 records/report/%s.md 中写下本学年的工作总结、问题和下一步打算，报告会收入这里。）\n", fig->label);
	strbuf_addstr(out, "\n\n");
}

void report_year_markdown(struct strbuf *out, const struct repo *r, const struct facts *f,
			  const struct figures *fig, const struct report_meta *m, const char *words)
{
	struct year_events e;

	count_events(&e, f, fig);
	strbuf_addstr(out, "# ");
	md_text(out, r->prog.school);
	strbuf_addf(out, " %s 学年留守儿童关爱工作报告\n\n统计至 %s。", fig->label, fig->date);
	source_line(out, m);
	strbuf_addstr(out, "。\n\n");
	basics(out, fig, &e);
	dossiers(out, fig, &e);
	pairings(out, fig, &e, r);
	contact(out, fig, r);
	strbuf_addf(out, "## 五、关爱活动\n\n本学年开展各类关爱活动 %zu 次，参加 %zu 人次；在读儿童中有 %zu 人没有参加过活动。\n\n",
		    fig->activities, fig->participations, fig->without);
	months_table(out, r, fig);
	strbuf_addstr(out, CHART_MONTHS "\n\n");
	problems(out, fig, r, words);
	definitions(out, r, fig, 1);
	strbuf_addstr(out, "校长（签字）：____________　　　　日期：____________\n");
}
