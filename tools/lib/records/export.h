#ifndef CARE_RECORDS_EXPORT_H
#define CARE_RECORDS_EXPORT_H

#include "records/kinds.h"
#include "records/repo.h"
#include "util/strbuf.h"

/*
 * care export: the records of one kind as a spreadsheet (CSV, UTF-8, one
 * row per record, by id), with the headings care import reads
 * (records/rowmap.h). Sensitive columns (x-sensitive in the schema:
 * phones, work places, address, health) only when full is set.
 *
 *	struct exporter *ex = exporter_new(&repo, KIND_CHILD, full);
 *	repo_set_hooks(&repo, &(struct repo_hooks){ exporter_keep, NULL, ex });
 *	repo_check(&repo, NULL, 0);
 *	exporter_finish(ex, &csv);	(when the check found no errors)
 *	exporter_free(ex);
 */
struct exporter;

/* r must be set up (repo_load_setup()) and outlive the exporter. */
struct exporter *exporter_new(struct repo *r, enum kind kind, int full);
/* The repo_hooks on_valid hook: keeps the row of a record of the kind. */
void exporter_keep(void *data, int thread, struct record *rec, const struct ynode *root);
/* Appends the heading row and the rows kept, in the order of the ids, as UTF-8 with CRLF. */
void exporter_finish(struct exporter *ex, struct strbuf *out);
/* Frees the exporter and the rows it kept; exporter_free(NULL) does nothing. */
void exporter_free(struct exporter *ex);

#endif
