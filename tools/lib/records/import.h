#ifndef CARE_RECORDS_IMPORT_H
#define CARE_RECORDS_IMPORT_H

#include <stddef.h>

#include "records/kinds.h"
#include "records/repo.h"
#include "table/encoding.h"
#include "util/diag.h"

/*
 * care import: records made from the rows of a spreadsheet saved as CSV
 * (table/), each checked with the schemas and rules of `care check`
 * beside the records already in the repository, and written only when
 * every row has passed. Problems are reported at the sheet's row (as the
 * spreadsheet numbers it, the heading row being 1) and column.
 */
struct import_item {
	char *id;
	char *path;		/* records/<kind folder>/<id>.yaml */
	char *text;		/* the record, as YAML */
	char *label;		/* name or title, for the plan */
	int row;
	int *cols;		/* sheet column of each line of text, 0 for none */
	size_t ncols;
	int *failed;		/* columns whose cells could not be read */
	size_t nfailed;
	int first_col, id_col;
	char *identity;		/* what makes two of them the same (rowmap_identity()) */
};

struct import {
	enum kind kind;
	struct import_item *items;	/* the records to write, in the sheet's order */
	size_t nitems;
	size_t rows;			/* data rows read */
	size_t skipped;			/* rows already in the repository */
	/*
	 * Set when the sheet has headings care does not know and no mapping
	 * file was given: the sample mapping file, as the user would name it
	 * (beside the sheet), and whether it was written now (1) or was there
	 * already (0).
	 */
	char *sample;
	int sample_written;
	struct diag_list diags;		/* at sheet:row:col; a warning per skipped row */
	enum table_encoding encoding;	/* the sheet's, as found */
};

struct import_opts {
	const char *sheet;		/* the CSV file to read */
	const char *sheet_shown;	/* its name in messages, as the user gave it */
	const char *map;		/* a mapping file, or NULL */
	const char *map_shown;
	enum table_encoding encoding;	/* TABLE_ENC_AUTO to find it */
	const char *again;		/* the command to run once the sample is edited, for its comment */
};

void import_init(struct import *im, enum kind kind);
void import_release(struct import *im);

/*
 * Reads the sheet and makes its records, checking them against r (set up
 * with repo_load_setup(), reading the folder the records go to). Problems
 * in the sheet or the records go to im->diags; im->sample is set when a
 * mapping file is needed first. Nothing is written but that sample.
 * Returns 0, or -1 with error_last() set when a file cannot be read or
 * the folder cannot be listed.
 */
int import_prepare(struct import *im, struct repo *r, const struct import_opts *o);

/*
 * Writes every record of im, none replacing a file: each is written whole
 * to a temporary folder under records/, then linked to its name, which
 * fails if the name exists. On any failure the records linked so far are
 * removed again, so either all are there or none. Returns 0, or -1 with
 * error_last() set.
 */
int import_write(struct import *im);

#endif
