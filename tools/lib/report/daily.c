/*
 * The report on a day, for the staff: the figures, and who has not been
 * reached yet this period, by name, class and head teacher, so that they
 * can be called this week. Names appear here and on the internal site,
 * never in the JSON or the yearly report.
 */
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

#include "report/words.h"
#include "util/banned.h"

static void children_section(struct strbuf *out, const struct figures *fig)
{
	static const char *const away[AWAY_NR] = { "父母均外出", "父亲外出", "母亲外出", "单亲外出" };
	size_t i;

	strbuf_addf(out, "## 在读留守儿童\n\n在读 **%zu** 人；本学年离校：转出 %zu 人，毕业 %zu 人，辍学 %zu 人。\n\n",
		    fig->enrolled, fig->left[STATUS_TRANSFERRED], fig->left[STATUS_GRADUATED],
		    fig->left[STATUS_DROPPED_OUT]);
	strbuf_addstr(out, "| 年级 |");
	for (i = 0; i < fig->ngrades; i++) {
		strbuf_addch(out, ' ');
		grade_name(out, fig->grades[i]);
		strbuf_addstr(out, " |");
	}
	strbuf_addstr(out, " 合计 |\n|---|");
	for (i = 0; i <= fig->ngrades; i++)
		strbuf_addstr(out, "--:|");
	strbuf_addstr(out, "\n| 人数 |");
	for (i = 0; i < fig->ngrades; i++)
		strbuf_addf(out, " %zu |", fig->grade_counts[i]);
	strbuf_addf(out, " %zu |\n\n", fig->enrolled);
	strbuf_addf(out, "| 男 | 女 | %s | %s | %s | %s |\n|--:|--:|--:|--:|--:|--:|\n", away[0], away[1], away[2], away[3]);
	strbuf_addf(out, "| %zu | %zu | %zu | %zu | %zu | %zu |\n\n", fig->by_gender[0], fig->by_gender[1],
		    fig->by_away[0], fig->by_away[1], fig->by_away[2], fig->by_away[3]);
}

static void care_section(struct strbuf *out, const struct figures *fig, const struct repo *r)
{
	strbuf_addstr(out, "## 建档、巩固与结对\n\n| 项目 | 人数 | 比例 |\n|---|--:|--:|\n");
	strbuf_addf(out, "| 联系卡完整 | %zu / %zu | ", fig->dossier, fig->enrolled);
	percent(out, fig->dossier, fig->enrolled);
	strbuf_addf(out, " |\n| 巩固率（学年初 %zu 人，辍学 %zu 人） | %zu | ", fig->retention_start,
		    fig->retention_dropped, fig->retention_start - fig->retention_dropped);
	percent(out, fig->retention_start - fig->retention_dropped, fig->retention_start);
	strbuf_addf(out, " |\n| 有结对帮扶 | %zu / %zu | ", fig->covered, fig->enrolled);
	percent(out, fig->covered, fig->enrolled);
	strbuf_addf(out, " |\n| 阶段记录逾期（超过 %ld 天）的结对 | %zu / %zu | — |\n\n",
		    r->prog.review_every_days, fig->overdue, fig->active_pairings);
}

/*
 * One table of the children not reached yet in the current period of
 * some rule, class by class, a column per rule: the list a head teacher
 * works through this week. One row per child, not per rule, so a school
 * of thousands gets a table of at most its children.
 */
static void missing_table(struct strbuf *out, const struct figures *fig, const struct repo *r,
			  const struct facts *f)
{
	size_t i, j, k, rows = 0;

	strbuf_addstr(out, "\n### 本期尚未联系的孩子\n\n");
	for (k = 0; k < f->nkids; k++)
		for (i = 0; i < fig->nrules; i++)
			if (fig->enrolled_on[k] && !fig->rules[i].cur_seen[k]) {
				rows++;
				break;
			}
	if (!rows) {
		strbuf_addstr(out, "每一条规定本期都已联系到每一个在读的孩子。\n\n");
		return;
	}
	strbuf_addf(out, "%zu 人（“未联系”：本期至今还没有参加过这一类活动）：\n\n| 姓名 | 班级 | 班主任 |", rows);
	for (i = 0; i < fig->nrules; i++) {
		strbuf_addch(out, ' ');
		rule_label(out, r, fig->rules[i].rule);
		strbuf_addstr(out, " |");
	}
	strbuf_addstr(out, "\n|---|---|---|");
	for (i = 0; i < fig->nrules; i++)
		strbuf_addstr(out, "---|");
	strbuf_addch(out, '\n');
	for (j = 0; j < fig->nclasses; j++)
		for (k = 0; k < f->nkids; k++) {
			int any = 0;
			if (!fig->enrolled_on[k] || fig->class_of[k] != (long)j)
				continue;
			for (i = 0; i < fig->nrules; i++)
				any |= !fig->rules[i].cur_seen[k];
			if (!any)
				continue;
			strbuf_addstr(out, "| ");
			md_text(out, f->kids[k].name);
			strbuf_addstr(out, " | ");
			class_name(out, fig->classes[j].grade, fig->classes[j].klass);
			strbuf_addstr(out, " | ");
			md_text(out, f->kids[k].head_teacher);
			strbuf_addstr(out, " |");
			for (i = 0; i < fig->nrules; i++)
				strbuf_addstr(out, fig->rules[i].cur_seen[k] ? "  |" : " 未联系 |");
			strbuf_addch(out, '\n');
		}
	strbuf_addch(out, '\n');
}

static void contact_section(struct strbuf *out, const struct figures *fig, const struct repo *r,
			    const struct facts *f)
{
	size_t i;

	strbuf_addstr(out, "## “五个一”亲情联系\n\n");
	if (!fig->nrules) {
		strbuf_addstr(out, "programme.yaml 没有写联系规定（contact_rules）。\n\n");
		return;
	}
	strbuf_addstr(out, "| 规定 | 统计期间 | 已联系 / 应联系 | 比例 | 本期至今 |\n|---|---|--:|--:|--:|\n");
	for (i = 0; i < fig->nrules; i++) {
		const struct rule_figures *rf = &fig->rules[i];
		strbuf_addstr(out, "| ");
		rule_label(out, r, rf->rule);
		strbuf_addf(out, " %s | %s 至 %s | %zu / %zu | ", every_label(r, rf->rule->every), rf->from, rf->to,
			    rf->reached, rf->of);
		percent(out, rf->reached, rf->of);
		strbuf_addf(out, " | %s 起 %zu / %zu |\n", rf->cur_from, rf->cur_reached, rf->of);
	}
	missing_table(out, fig, r, f);
}


void report_markdown(struct strbuf *out, const struct repo *r, const struct facts *f,
		     const struct figures *fig, const struct report_meta *m)
{
	strbuf_addstr(out, "# ");
	md_text(out, r->prog.school);
	strbuf_addf(out, "留守儿童关爱工作统计\n\n统计日期：%s（%s 学年）。", fig->date, fig->label);
	source_line(out, m);
	strbuf_addstr(out, "。本表含孩子姓名，仅供校内使用。\n\n");
	children_section(out, fig);
	care_section(out, fig, r);
	contact_section(out, fig, r, f);
	strbuf_addf(out, "## 关爱活动\n\n本学年至今开展活动 %zu 次，参加 %zu 人次；在读儿童中有 %zu 人还没有参加过任何活动。\n\n",
		    fig->activities, fig->participations, fig->without);
	months_table(out, r, fig);
	strbuf_addstr(out, CHART_MONTHS "\n\n");
	definitions(out, r, fig, 0);
}
