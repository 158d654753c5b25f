/*
 * A report as one standalone page: the Markdown through cmark-gfm, the
 * chart paragraphs replaced by the charts, and a style made for A4 in
 * black and white. Nothing is loaded from anywhere: the page is mailed
 * and printed.
 */
#include "report/report.h"

#include <string.h>

#include "report/svg.h"
#include "report/words.h"
#include "template/markdown.h"
#include "template/mustache.h"
#include "util/banned.h"

static const char style[] =
	"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",sans-serif;"
	"max-width:48rem;margin:1rem auto;padding:0 1rem;color:#000;background:#fff;line-height:1.5}"
	"h1{font-size:1.5rem;text-align:center}h2{font-size:1.2rem;border-bottom:1px solid #000;margin-top:1.5rem}"
	"h3,h4{font-size:1rem}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}"
	"th,td{border:1px solid #000;padding:.15rem .4rem}th{font-weight:bold;border-bottom:2px solid #000}"
	".align-right{text-align:right}.align-center{text-align:center}"
	"td:first-child{white-space:nowrap}figure svg{max-width:100%;height:auto}"
	"figure{margin:1rem 0;break-inside:avoid;page-break-inside:avoid}figcaption{text-align:center;font-size:.9rem}"
	"@page{size:A4;margin:1cm}"
	"@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}table{font-size:9pt}"
	"table,figure,tr{break-inside:avoid;page-break-inside:avoid}h2,h3,h4{break-after:avoid;page-break-after:avoid}}";

/* Replaces the paragraph holding marker (caption text) with a figure drawing it. */
static void chart(struct strbuf *html, const char *marker, void (*draw)(struct strbuf *, const struct figures *,
								   const struct repo *),
		  const struct figures *fig, const struct repo *r)
{
	struct strbuf p = STRBUF_INIT, fig_html = STRBUF_INIT, caption = STRBUF_INIT;
	const char *at, *cut;

	strbuf_addf(&p, "<p>%s</p>", marker);
	at = strstr(html->buf, p.buf);
	if (at) {
		/* The caption without "(the chart is in the HTML version)". */
		cut = strstr(marker, "（图见");
		strbuf_add(&caption, marker, cut ? (size_t)(cut - marker) : strlen(marker));
		strbuf_addstr(&fig_html, "<figure>");
		draw(&fig_html, fig, r);
		strbuf_addf(&fig_html, "<figcaption>%s</figcaption></figure>", caption.buf);
		struct strbuf all = STRBUF_INIT;
		strbuf_add(&all, html->buf, (size_t)(at - html->buf));
		strbuf_add(&all, fig_html.buf, fig_html.len);
		strbuf_addstr(&all, at + p.len);
		strbuf_release(html);
		*html = all;
	}
	strbuf_release(&p);
	strbuf_release(&fig_html);
	strbuf_release(&caption);
}

void report_charts(struct strbuf *html, const struct figures *fig, const struct repo *r)
{
	chart(html, CHART_MONTHS, svg_months, fig, r);
	chart(html, CHART_CLASSES, svg_classes, fig, r);
}

int report_html(struct strbuf *out, const char *md, const struct figures *fig, const struct repo *r,
		const char *title)
{
	struct strbuf body = STRBUF_INIT;

	md_to_html(md, strlen(md), &body);
	chart(&body, CHART_MONTHS, svg_months, fig, r);
	chart(&body, CHART_CLASSES, svg_classes, fig, r);
	strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
			   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	mustache_escape_html(out, title, strlen(title));
	strbuf_addf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n", style);
	strbuf_add(out, body.buf, body.len);
	strbuf_addstr(out, "</main>\n</body>\n</html>\n");
	strbuf_release(&body);
	return 0;
}
