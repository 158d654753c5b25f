/*
 * care export: each valid record of a kind made one row while the
 * repository check holds its tree (the check's on_valid hook, on the
 * checking threads: each record's row is its own, so no lock), then the
 * rows joined in the order of the ids.
 */
#include "records/export.h"

#include <stdlib.h>
#include <string.h>

#include "records/rowmap.h"
#include "util/banned.h"

struct exporter {
	struct repo *r;
	enum kind kind;
	int full;
	int school_year;
};

struct exporter *exporter_new(struct repo *r, enum kind kind, int full)
{
	struct exporter *ex = xcalloc(1, sizeof(*ex));

	ex->r = r;
	ex->kind = kind;
	ex->full = full;
	if (programme_school_year(&r->prog, r->today, &ex->school_year, NULL) < 0)
		ex->school_year = atoi(r->today);
	return ex;
}

void exporter_keep(void *data, int thread, struct record *rec, const struct ynode *root)
{
	struct exporter *ex = data;
	struct strbuf row = STRBUF_INIT;

	(void)thread;
	if (rec->kind != ex->kind)
		return;
	rowmap_export(&row, ex->kind, rec->id, root, schema_root(ex->r->schemas[ex->kind]),
		      &ex->r->prog, ex->school_year, ex->full);
	rec->extra = strbuf_detach(&row, NULL);
}

void exporter_finish(struct exporter *ex, struct strbuf *out)
{
	size_t i;

	rowmap_export_headings(out, ex->kind, schema_root(ex->r->schemas[ex->kind]), ex->full);
	for (i = 0; i < ex->r->nr; i++)
		if (ex->r->recs[i].kind == ex->kind && ex->r->recs[i].extra)
			strbuf_addstr(out, ex->r->recs[i].extra);
}

void exporter_free(struct exporter *ex)
{
	size_t i;

	if (!ex)
		return;
	for (i = 0; i < ex->r->nr; i++)
		if (ex->r->recs[i].kind == ex->kind) {
			free(ex->r->recs[i].extra);
			ex->r->recs[i].extra = NULL;
		}
	free(ex);
}
