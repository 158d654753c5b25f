/*
 * The report's two charts as inline SVG, drawn for a black-and-white
 * printer: series told apart by hatching and greys, never by colour,
 * each with a legend and its numbers written out.
 */
#include "report/svg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/words.h"
#include "template/mustache.h"
#include "util/banned.h"

/* Twelve fills: as many as there are kinds of activity. */
#define NFILLS 12

static void defs(struct strbuf *out)
{
	strbuf_addstr(out,
		"<defs>"
		"<pattern id=\"f2\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M0 6L6 0\" stroke=\"#000\"/></pattern>"
		"<pattern id=\"f3\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M0 3H6\" stroke=\"#000\"/></pattern>"
		"<pattern id=\"f4\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M0 0L6 6M0 6L6 0\" stroke=\"#000\" stroke-width=\"0.8\"/></pattern>"
		"<pattern id=\"f5\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1\" fill=\"#000\"/></pattern>"
		"<pattern id=\"f7\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M3 0V6\" stroke=\"#000\"/></pattern>"
		"<pattern id=\"f8\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M0 0L6 6\" stroke=\"#000\"/></pattern>"
		"<pattern id=\"f10\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M0 3H6M3 0V6\" stroke=\"#000\" stroke-width=\"0.8\"/></pattern>"
		"<pattern id=\"f11\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#bbb\"/><path d=\"M0 6L6 0\" stroke=\"#000\"/></pattern>"
		"</defs>");
}

static const char *fill(size_t i)
{
	static const char *const f[NFILLS] = { "#000", "#fff", "url(#f2)", "url(#f3)", "url(#f4)", "url(#f5)",
					       "#888", "url(#f7)", "url(#f8)", "#ccc", "url(#f10)", "url(#f11)" };
	return f[i % NFILLS];
}

static void text(struct strbuf *out, double x, double y, const char *anchor, const char *s)
{
	strbuf_addf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
	mustache_escape_html(out, s, strlen(s));
	strbuf_addstr(out, "</text>");
}

static void legend(struct strbuf *out, double x, double y, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		double lx = x + (double)(i % 3) * 200, ly = y + (double)(i / 3) * 18;
		strbuf_addf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#000\"/>",
			    lx, ly - 10, fill(i));
		text(out, lx + 16, ly, "start", names[i]);
	}
}

static size_t nice_max(size_t m)
{
	static const size_t steps[] = { 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000 };
	size_t i;

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (m <= steps[i])
			return steps[i];
	return m;
}

static void open_svg(struct strbuf *out, double w, double h, const char *title)
{
	strbuf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
			 "role=\"img\" aria-label=\"", w, h, w);
	mustache_escape_html(out, title, strlen(title));
	strbuf_addstr(out, "\" font-size=\"11\" font-family=\"sans-serif\">");
	defs(out);
}

void svg_months(struct strbuf *out, const struct figures *fig, const struct repo *r)
{
	const double W = 680, left = 40, top = 20, plot_h = 200, bottom = top + plot_h;
	double bw, step;
	size_t i, j, max = 1, ticks;
	const char **names = xcalloc(fig->nkinds + 1, sizeof(*names));

	for (i = 0; i < fig->nmonths; i++)
		if (fig->months[i].total > max)
			max = fig->months[i].total;
	max = nice_max(max);
	for (j = 0; j < fig->nkinds; j++)
		names[j] = kind_label(r, fig->kinds[j]);
	open_svg(out, W, bottom + 40 + 18.0 * (double)((fig->nkinds + 2) / 3), "本学年各月各类活动次数");
	step = fig->nmonths ? (W - left - 10) / (double)fig->nmonths : 1;
	bw = step * 0.6;
	for (ticks = 0; ticks <= 5; ticks++) {
		double y = bottom - plot_h * (double)ticks / 5;
		char num[32];
		strbuf_addf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"%s\"/>",
			    left, y, W - 10, y, ticks ? "0.3" : "1");
		snprintf(num, sizeof(num), "%zu", max * ticks / 5);
		text(out, left - 4, y + 4, "end", num);
	}
	for (i = 0; i < fig->nmonths; i++) {
		double x = left + step * (double)i + (step - bw) / 2, y = bottom;
		char label[24];
		for (j = 0; j < fig->nkinds; j++) {
			double h = plot_h * (double)fig->months[i].counts[j] / (double)max;
			if (!fig->months[i].counts[j])
				continue;
			y -= h;
			strbuf_addf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#000\" stroke-width=\"0.8\"/>",
				    x, y, bw, h, fill(j));
		}
		snprintf(label, sizeof(label), "%zu", fig->months[i].total);
		if (fig->months[i].total)
			text(out, x + bw / 2, y - 3, "middle", label);
		snprintf(label, sizeof(label), "%d月", atoi(fig->months[i].month + 5));
		text(out, x + bw / 2, bottom + 14, "middle", label);
	}
	legend(out, left, bottom + 36, names, fig->nkinds);
	strbuf_addstr(out, "</svg>");
	free(names);
}

void svg_classes(struct strbuf *out, const struct figures *fig, const struct repo *r)
{
	const double W = 680, left = 90, top = 10, bar = 6;
	double group = bar * (double)fig->nrules + 8, bottom = top + group * (double)fig->nclasses;
	size_t i, k, t;
	const char **names = xcalloc(fig->nrules + 1, sizeof(*names));
	struct strbuf *labels = xcalloc(fig->nrules + 1, sizeof(*labels));

	for (i = 0; i < fig->nrules; i++) {
		strbuf_init(&labels[i], 0);
		rule_label(&labels[i], r, fig->rules[i].rule);
		names[i] = labels[i].buf;
	}
	open_svg(out, W, bottom + 40 + 18.0 * (double)((fig->nrules + 2) / 3), "各班“五个一”亲情联系覆盖率");
	for (t = 0; t <= 4; t++) {
		double x = left + (W - left - 50) * (double)t / 4;
		char num[24];
		strbuf_addf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\" stroke-width=\"%s\"/>",
			    x, top, x, bottom, t ? "0.3" : "1");
		snprintf(num, sizeof(num), "%zu%%", t * 25);
		text(out, x, bottom + 14, "middle", num);
	}
	for (k = 0; k < fig->nclasses; k++) {
		const struct class_figures *c = &fig->classes[k];
		struct strbuf name = STRBUF_INIT;
		double y = top + group * (double)k + 4;
		class_name(&name, c->grade, c->klass);
		text(out, left - 6, y + group / 2, "end", name.buf);
		strbuf_release(&name);
		for (i = 0; i < fig->nrules; i++) {
			double rate = !strcmp(fig->rules[i].rule->every, "year") ?
				      figures_rate(c->reached[i], c->enrolled) : c->mean_rate[i];
			double w = rate > 0 ? (W - left - 50) * rate : 0;
			strbuf_addf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#000\" stroke-width=\"0.6\"/>",
				    left, y + bar * (double)i, w, bar - 1, fill(i));
		}
	}
	legend(out, left, bottom + 36, names, fig->nrules);
	strbuf_addstr(out, "</svg>");
	for (i = 0; i < fig->nrules; i++)
		strbuf_release(&labels[i]);
	free(labels);
	free(names);
}
