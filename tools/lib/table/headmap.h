#ifndef CARE_TABLE_HEADMAP_H
#define CARE_TABLE_HEADMAP_H

#include <stddef.h>

#include "util/diag.h"
#include "util/strbuf.h"

/*
 * A mapping file, in the spirit of hledger's CSV rules, for a sheet whose
 * headings care does not know: which known heading each column is (or _
 * to leave it out), values to replace column by column, and extra date
 * forms (table/dates.h). It is YAML:
 *
 *	columns:
 *	  学生姓名: 姓名
 *	  学号: _
 *	values:
 *	  性别: {M: 男, F: 女}
 *	dates: [D/M/YYYY]
 */
struct headmap;

/*
 * Reads the mapping file text (len bytes) named path. A target that is not
 * one of the nknown headings in known, a bad date form or a key it does not
 * know is reported to dl. Returns 0 and the map in *out (the caller's,
 * headmap_free()), or -1 with *out NULL when dl got an error.
 */
int headmap_load(struct headmap **out, const char *path, const char *text, size_t len,
		 const char *const *known, size_t nknown, struct diag_list *dl);
void headmap_free(struct headmap *m);

/*
 * What the sheet's column heading is: NULL when the map does not list
 * it, "_" for a column to leave out, else a known heading. Borrowed from
 * the map.
 */
const char *headmap_column(const struct headmap *m, const char *heading);

/* The value that replaces value in the column of known heading target, or value itself. */
const char *headmap_value(const struct headmap *m, const char *target, const char *value);

/* The extra date forms (NULL when m is NULL or has none) and their number in *n. */
const char *const *headmap_dates(const struct headmap *m, size_t *n);

/*
 * Appends a sample mapping file for a sheet (named sheet, for its
 * comments) with the n headings: one it knows (among known) maps to
 * itself, any other to _ with a comment asking for a known heading.
 * command is the command to run again, for the comment that says so.
 */
void headmap_sample(struct strbuf *out, const char *sheet, const char *command,
		    char *const *headings, size_t n, const char *const *known, size_t nknown);

#endif
