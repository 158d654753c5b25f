#ifndef CARE_RECORDS_ROWMAP_H
#define CARE_RECORDS_ROWMAP_H

#include <stddef.h>

#include "records/kinds.h"
#include "records/programme.h"
#include "records/rtree.h"
#include "schema/schema.h"
#include "util/diag.h"
#include "util/strbuf.h"
#include "yaml/tree.h"

/*
 * Records as rows of a spreadsheet and back (care import, care export):
 * the Chinese headings of each kind, the field each stands for and how its
 * values are written in a cell (labels, not codes; dates; lists with 、).
 * The headings are the same both ways, so what care export writes, care
 * import reads.
 */
enum col_conv {
	COL_ID,		/* 编号: the record's id, its file name */
	COL_TEXT,
	COL_INT,
	COL_DATE,
	COL_PHONE,
	COL_ENUM,	/* a schema enum: label or code */
	COL_ENUMS,	/* a list of them, separated by 、 */
	COL_INTERESTS,	/* programme.yaml's interest groups */
	COL_TEXTS,	/* a list of names */
	COL_CHILD,	/* a child: id, or a name in the repository */
	COL_CHILDREN,	/* a list of them */
	COL_CLASS,	/* 班级: 三年级2班 (grade and class), or 2 */
	COL_GRADE,	/* 年级: 三年级, or 3 (read only) */
	COL_REVIEWS,	/* 阶段性效果: one line "2024-11-01 note" per review */
};

struct column {
	const char *heading;
	const char *field;	/* rtree path ("parents[father].name"); NULL for COL_ID and COL_GRADE */
	enum col_conv conv;
	int exported;
};

/* The columns of kind, in the order care export writes them. */
const struct column *rowmap_columns(enum kind kind, size_t *n);
/* The headings of kind (borrowed, static), for mapping files. */
const char *const *rowmap_headings(enum kind kind, size_t *n);
/* The schema node of a field path ("parents[father].name"), or NULL. */
const struct snode *rowmap_field_snode(const struct snode *root, const char *field);
/* Is the column's field sensitive (x-sensitive on it or on a field holding it)? */
int rowmap_sensitive(const struct snode *root, const struct column *c);

/* What import needs to turn cells into fields. */
struct child_ref {
	const char *id, *name;
};
struct row_ctx {
	const struct snode *schema;	/* the kind's root */
	const struct programme *prog;
	int school_year;		/* of the import day: a grade's cohort */
	const char *const *date_forms;	/* extra, from the mapping file */
	size_t ndate_forms;
	const struct child_ref *kids;	/* the repository's children, for names */
	size_t nkids;
	const char *sheet;		/* for diagnostics: sheet:row:col */
	struct diag_list *dl;
	int *failed;			/* columns whose cells could not be read, this row */
	size_t nfailed;
};

/*
 * Makes the record of one row: cells[i] is the (mapped) text of the cell
 * in column cols[i] (1-based), of the n columns the sheet has for kind.
 * A cell that cannot be read is reported to ctx->dl at sheet:row:col, its
 * column added to ctx->failed, and its text kept, so the check reports
 * the rest. *id is set to the text of a 编号 cell, or NULL.
 */
struct rnode *rowmap_build(struct row_ctx *ctx, enum kind kind, const struct column *const *cols,
			   const int *colno, const char *const *cells, size_t n, int row,
			   const char **id);

/*
 * The cells of a record for care export, one per column of kind (those
 * marked exported, and sensitive ones only with full), appended to out
 * in order as one CSV row. today decides a class's grade.
 */
void rowmap_export(struct strbuf *out, enum kind kind, const char *id, const struct ynode *root,
		   const struct snode *schema, const struct programme *prog, int school_year, int full);
/* The heading row for the same columns. */
void rowmap_export_headings(struct strbuf *out, enum kind kind, const struct snode *schema, int full);

/*
 * What makes two records the same (a child's name and birth date, a
 * pairing's child, mentor and start, an activity's date, kind and title),
 * as one string (the caller's), from a parsed record. NULL when a part is
 * missing.
 */
char *rowmap_identity(enum kind kind, const struct ynode *root);
/* The id a new record gets before numbering (the caller's): wang-xiaoming-2015, 2024-wang-xiaoming-2015, 2025-10-01-birthday. */
char *rowmap_base_id(enum kind kind, const struct ynode *root);

#endif
