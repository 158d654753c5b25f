/*
 * The words and tables both reports share: labels, percentages, the
 * definitions every report states, the months table.
 */
#include "report/words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "schema/schema.h"
#include "template/mustache.h"
#include "util/banned.h"

static const char *label_of(const struct snode *n, const char *value)
{
	const char *l = snode_label(n, value);
	return l ? l : value;
}

const char *kind_label(const struct repo *r, const char *kind)
{
	return label_of(snode_property(schema_root(r->schemas[KIND_ACTIVITY]), "kind"), kind);
}

const char *with_label(const struct repo *r, const char *with)
{
	return label_of(snode_property(schema_root(r->schemas[KIND_ACTIVITY]), "with"), with);
}

const char *every_label(const struct repo *r, const char *every)
{
	const struct snode *rule = snode_items(snode_property(schema_root(r->programme_schema), "contact_rules"));
	return label_of(snode_property(rule, "every"), every);
}

void rule_label(struct strbuf *out, const struct repo *r, const struct contact_rule *rule)
{
	strbuf_addstr(out, kind_label(r, rule->kind));
	if (rule->with)
		strbuf_addf(out, "（%s）", with_label(r, rule->with));
}

void grade_name(struct strbuf *out, int grade)
{
	static const char *const names[] = { "一", "二", "三", "四", "五", "六" };

	if (grade >= 1 && grade <= 6)
		strbuf_addf(out, "%s年级", names[grade - 1]);
	else
		strbuf_addf(out, "%d年级", grade);
}

void class_name(struct strbuf *out, int grade, int klass)
{
	grade_name(out, grade);
	strbuf_addf(out, "%d班", klass);
}

void rate_percent(struct strbuf *out, double rate)
{
	if (rate < 0)
		strbuf_addstr(out, "—");
	else
		strbuf_addf(out, "%.1f%%", rate * 100.0);
}

void percent(struct strbuf *out, size_t part, size_t whole)
{
	rate_percent(out, figures_rate(part, whole));
}

void md_text(struct strbuf *out, const char *s)
{
	mustache_escape_markdown(out, s, strlen(s));
}

void source_line(struct strbuf *out, const struct report_meta *m)
{
	if (!m->commit)
		strbuf_addstr(out, "数据来源：records/ 文件夹（不在 git 仓库中，无法注明版本）");
	else if (m->dirty)
		strbuf_addf(out, "数据来源：git 提交 %s，**另有尚未提交的修改**（提交后重新生成，数字才能对应到提交）", m->commit);
	else
		strbuf_addf(out, "数据来源：git 提交 %s", m->commit);
}

void months_table(struct strbuf *out, const struct repo *r, const struct figures *fig)
{
	size_t i, j, *total = xcalloc(fig->nkinds + 1, sizeof(*total)), all = 0;

	if (!fig->nkinds) {
		strbuf_addstr(out, "本学年至今还没有活动记录。\n\n");
		free(total);
		return;
	}
	strbuf_addstr(out, "| 月份 |");
	for (j = 0; j < fig->nkinds; j++)
		strbuf_addf(out, " %s |", kind_label(r, fig->kinds[j]));
	strbuf_addstr(out, " 合计 |\n|---|");
	for (j = 0; j <= fig->nkinds; j++)
		strbuf_addstr(out, "--:|");
	strbuf_addch(out, '\n');
	for (i = 0; i < fig->nmonths; i++) {
		strbuf_addf(out, "| %.4s年%d月 |", fig->months[i].month, atoi(fig->months[i].month + 5));
		for (j = 0; j < fig->nkinds; j++) {
			strbuf_addf(out, " %zu |", fig->months[i].counts[j]);
			total[j] += fig->months[i].counts[j];
		}
		strbuf_addf(out, " %zu |\n", fig->months[i].total);
		all += fig->months[i].total;
	}
	strbuf_addstr(out, "| **合计** |");
	for (j = 0; j < fig->nkinds; j++)
		strbuf_addf(out, " **%zu** |", total[j]);
	strbuf_addf(out, " **%zu** |\n\n", all);
	free(total);
}

void definitions(struct strbuf *out, const struct repo *r, const struct figures *fig, int yearly)
{
	strbuf_addf(out, "## 统计口径\n\n"
		    "- **在读**：统计日（%s）在校的留守儿童。档案中状态为转出、毕业或辍学的孩子，算到状态日期的前一天；"
		    "状态为在读且写了状态日期的（转入），从那天起算；一年级从入学那一学年的第一天起算。"
		    "年级 = 统计日所在学年 − 入学年份（cohort）+ 1。\n"
		    "- **本学年**：%s 学年，从 %s 起。**离校**：状态日期在本学年、不晚于统计日的转出、毕业、辍学人数。\n"
		    "- **联系卡完整**：至少有一位父母的电话，并有监护人的电话和住址。\n"
		    "- **巩固率**：1 − 辍学人数 ÷ 学年第一天在读人数；转出不算流失。\n"
		    "- **有结对**：统计日有进行中结对（已开始、未结束）的在读儿童。"
		    "**阶段记录逾期**：进行中结对最后一次阶段记录（没有记录时为开始日期）距统计日超过 %ld 天。\n",
		    fig->date, fig->label, fig->first, r->prog.review_every_days);
	if (yearly)
		strbuf_addstr(out, "- **“五个一”平均覆盖率**：本学年统计日以前每个完整的周期（周、月、学期）中，"
				   "有这类活动的周期里，参加的在读儿童占在读儿童的比例，再取平均；"
				   "没有开展这类活动的周期（如寒暑假）单独计数，不计入平均。\n");
	else
		strbuf_addstr(out, "- **“五个一”亲情联系**：每周的规定看统计日上一周（周一至周日），每月的看上一个自然月，"
				   "每学期、每年的看本学期、本学年开始到统计日；已联系 = 参加过这类活动的在读儿童，"
				   "应联系 = 统计日在读儿童。“本期至今”是统计日所在周期开始到统计日。\n");
	strbuf_addstr(out, "- **关爱活动**：本学年第一天到统计日的活动；参加人次为每次活动参加人数之和。\n\n");
}
