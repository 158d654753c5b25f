#ifndef CARE_REPORT_WORDS_H
#define CARE_REPORT_WORDS_H

/* Labels, percentages and the common sections: the reports and the site's figures share them. */
#include "records/repo.h"
#include "report/report.h"
#include "report/figures.h"
#include "util/strbuf.h"

/* Labels from the schemas; the code itself when a schema has none. */
const char *kind_label(const struct repo *r, const char *kind);
const char *with_label(const struct repo *r, const char *with);
const char *every_label(const struct repo *r, const char *every);
/* "亲情电话" or "家长联系（班主任）", and "每周". */
void rule_label(struct strbuf *out, const struct repo *r, const struct contact_rule *rule);
/* "一年级" for 1-6, "7年级" otherwise; "一年级2班". */
void grade_name(struct strbuf *out, int grade);
void class_name(struct strbuf *out, int grade, int klass);
/* "12 / 37" and "32.4%", or "—" when whole is 0. */
void percent(struct strbuf *out, size_t part, size_t whole);
void rate_percent(struct strbuf *out, double rate);
/* A teacher's or a school's words, escaped for a table cell or a paragraph. */
void md_text(struct strbuf *out, const char *s);
/* Where the commit the figures come from is named. */
void source_line(struct strbuf *out, const struct report_meta *m);
/* The definitions, in Chinese, as every report states them. */
void definitions(struct strbuf *out, const struct repo *r, const struct figures *fig, int yearly);
/* The activities by month and kind, as a table. */
void months_table(struct strbuf *out, const struct repo *r, const struct figures *fig);

/* The paragraphs report_html() turns into charts. */
#define CHART_MONTHS "图 1：本学年各月各类活动次数（图见 HTML 版）"
#define CHART_CLASSES "图 2：各班“五个一”亲情联系覆盖率（图见 HTML 版）"

#endif
