#ifndef CARE_REPORT_REPORT_H
#define CARE_REPORT_REPORT_H

#include "records/repo.h"
#include "report/figures.h"
#include "util/strbuf.h"

/*
 * The figures written out: JSON for other programs (counts only, never a
 * name), Markdown and HTML for people. Labels come from the schemas of r.
 */
struct report_meta {
	const char *commit;	/* the full id the records were read from, or NULL outside git */
	int dirty;		/* 1: the working tree's records differ from it */
	const char *today;
};

void report_json(struct strbuf *out, const struct figures *fig, const struct report_meta *m);

/*
 * The report on D for the staff (with the children not reached, by name),
 * in Markdown; charts are left as markers report_html() draws.
 */
void report_markdown(struct strbuf *out, const struct repo *r, const struct facts *f,
		     const struct figures *fig, const struct report_meta *m);

/*
 * The yearly work report of the school year of fig (counts only), with
 * the school's own words (words: records/report/<year>.md, or NULL).
 */
void report_year_markdown(struct strbuf *out, const struct repo *r, const struct facts *f,
			  const struct figures *fig, const struct report_meta *m, const char *words);

/* Replaces the chart paragraphs of html (from a report's Markdown) with the charts of fig. */
void report_charts(struct strbuf *html, const struct figures *fig, const struct repo *r);

/*
 * A standalone page of the Markdown md (from one of the above), with the
 * charts of fig drawn inline as SVG and its own print style. 0, or -1
 * when the Markdown cannot be converted (error_last()).
 */
int report_html(struct strbuf *out, const char *md, const struct figures *fig, const struct repo *r,
		const char *title);

#endif
