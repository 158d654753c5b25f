#ifndef CARE_RECORDS_RECORD_H
#define CARE_RECORDS_RECORD_H

#include <stdint.h>

#include "records/enrolment.h"
#include "records/kinds.h"
#include "util/diag.h"

/*
 * What a check keeps of one record file: where it is, whether it passed,
 * its problems, and the little the rules between records need (the
 * references it makes, a pairing's child and dates). The parsed tree is
 * not kept, so memory grows with the number of records, not their text.
 */
struct ref {
	char *id;
	enum kind kind;
	int line, col;
};

struct record {
	char *path;		/* relative to the repository top */
	char *id;
	enum kind kind;
	int selected;		/* checked in this run, not only known */
	int valid;		/* parsed and passed its schema */
	int enrolled;		/* child: status enrolled (now) */
	struct child_dates dates;	/* child: when enrolled */
	char *name;		/* child: as written, for "did you mean" and twins of a file */
	char birth[11];		/* child: birth_date; "" when not a date */
	char date[11];		/* activity; "" when not a date */
	char *child;		/* pairing */
	char start[11], end[11];	/* pairing; "" when absent */
	int end_line, end_col;	/* pairing: where end is written */
	struct ref *refs;
	size_t nrefs;
	struct diag_list diags;
	void *extra;		/* what the repository's on_valid hook kept */
	uint64_t stamp;		/* set by its select hook */
};

/* Frees what rec holds (not rec itself). */
void record_release(struct record *rec);

#endif
