/* The figures as JSON: the keys are a contract (docs/report.md). */
#include "report/report.h"

#include <math.h>
#include <string.h>

#include "util/printable.h"
#include "util/banned.h"

static void rate(struct strbuf *out, size_t part, size_t whole)
{
	double r = figures_rate(part, whole);

	if (r < 0)
		strbuf_addstr(out, "null");
	else
		strbuf_addf(out, "%.4g", r);
}

static void str(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	strbuf_add_json_printable(out, s);
	strbuf_addch(out, '"');
}

static void counts(struct strbuf *out, const char *const *names, const size_t *n, size_t nr)
{
	size_t i;

	strbuf_addch(out, '{');
	for (i = 0; i < nr; i++)
		strbuf_addf(out, "%s\"%s\": %zu", i ? ", " : "", names[i], n[i]);
	strbuf_addch(out, '}');
}

static void children(struct strbuf *out, const struct figures *fig)
{
	static const char *const genders[] = { "male", "female" };
	size_t i;

	strbuf_addf(out, "  \"children\": {\n    \"enrolled\": %zu,\n    \"by_grade\": {", fig->enrolled);
	for (i = 0; i < fig->ngrades; i++)
		strbuf_addf(out, "%s\"%d\": %zu", i ? ", " : "", fig->grades[i], fig->grade_counts[i]);
	strbuf_addstr(out, "},\n    \"by_gender\": ");
	counts(out, genders, fig->by_gender, 2);
	strbuf_addstr(out, ",\n    \"by_away\": ");
	counts(out, away_names, fig->by_away, AWAY_NR);
	strbuf_addstr(out, ",\n    \"left\": ");
	counts(out, status_names + 1, fig->left + 1, STATUS_NR - 1);
	strbuf_addstr(out, "\n  },\n");
}

static void contact(struct strbuf *out, const struct figures *fig)
{
	size_t i;

	strbuf_addstr(out, "  \"contact\": [");
	for (i = 0; i < fig->nrules; i++) {
		const struct rule_figures *r = &fig->rules[i];
		strbuf_addstr(out, i ? ",\n    {" : "\n    {");
		strbuf_addstr(out, "\"kind\": ");
		str(out, r->rule->kind);
		if (r->rule->with) {
			strbuf_addstr(out, ", \"with\": ");
			str(out, r->rule->with);
		}
		strbuf_addstr(out, ", \"every\": ");
		str(out, r->rule->every);
		strbuf_addf(out, ", \"from\": \"%s\", \"to\": \"%s\", \"reached\": %zu, \"of\": %zu, \"rate\": ",
			    r->from, r->to, r->reached, r->of);
		rate(out, r->reached, r->of);
		strbuf_addch(out, '}');
	}
	strbuf_addstr(out, fig->nrules ? "\n  ],\n" : "],\n");
}

static void activities(struct strbuf *out, const struct figures *fig)
{
	size_t i, j;

	strbuf_addstr(out, "  \"activities\": {\n    \"by_month\": {");
	for (i = 0; i < fig->nmonths; i++) {
		int any = 0;
		strbuf_addf(out, "%s\n      \"%s\": {", i ? "," : "", fig->months[i].month);
		for (j = 0; j < fig->nkinds; j++) {
			if (!fig->months[i].counts[j])
				continue;
			strbuf_addf(out, "%s", any++ ? ", " : "");
			str(out, fig->kinds[j]);
			strbuf_addf(out, ": %zu", fig->months[i].counts[j]);
		}
		strbuf_addch(out, '}');
	}
	strbuf_addf(out, "%s},\n    \"participations\": %zu,\n    \"children_without\": %zu\n  }\n",
		    fig->nmonths ? "\n    " : "", fig->participations, fig->without);
}

void report_json(struct strbuf *out, const struct figures *fig, const struct report_meta *m)
{
	strbuf_addf(out, "{\n  \"date\": \"%s\",\n  \"school_year\": \"%s\",\n  \"commit\": ", fig->date, fig->label);
	if (m->commit) {
		str(out, m->commit);
		strbuf_addf(out, ",\n  \"dirty\": %s", m->dirty ? "true" : "false");
	} else {
		strbuf_addstr(out, "null");
	}
	strbuf_addstr(out, ",\n");
	children(out, fig);
	strbuf_addf(out, "  \"dossier\": {\"complete\": %zu, \"rate\": ", fig->dossier);
	rate(out, fig->dossier, fig->enrolled);
	strbuf_addf(out, "},\n  \"retention\": {\"start\": %zu, \"dropped_out\": %zu, \"rate\": ",
		    fig->retention_start, fig->retention_dropped);
	if (fig->retention_start)
		strbuf_addf(out, "%.4g", figures_round4(1.0 - (double)fig->retention_dropped / (double)fig->retention_start));
	else
		strbuf_addstr(out, "null");
	strbuf_addf(out, "},\n  \"pairing\": {\"covered\": %zu, \"rate\": ", fig->covered);
	rate(out, fig->covered, fig->enrolled);
	strbuf_addf(out, ", \"overdue_reviews\": %zu},\n", fig->overdue);
	contact(out, fig);
	activities(out, fig);
	strbuf_addstr(out, "}\n");
}
