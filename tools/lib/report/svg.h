#ifndef CARE_REPORT_SVG_H
#define CARE_REPORT_SVG_H

#include "records/repo.h"
#include "report/figures.h"
#include "util/strbuf.h"

/* Activities per month by kind, stacked bars. */
void svg_months(struct strbuf *out, const struct figures *fig, const struct repo *r);
/* Each class's contact rates, one bar per rule (yearly means; the year to date for `year` rules). */
void svg_classes(struct strbuf *out, const struct figures *fig, const struct repo *r);

#endif
