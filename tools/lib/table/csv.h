#ifndef CARE_TABLE_CSV_H
#define CARE_TABLE_CSV_H

#include <stddef.h>

#include "util/diag.h"
#include "util/strbuf.h"

/*
 * Comma-separated values as RFC 4180 has them and Excel and WPS write
 * them: fields in double quotes may hold commas, quotes ("") and line
 * ends; rows end in CRLF or LF. A sheet whose heading row has tabs and no
 * commas is read as tab-separated ("文本文件(制表符分隔)").
 */
struct csv_row {
	char **cells;	/* NUL-terminated UTF-8, trimmed of spaces at both ends */
	size_t n;
	int row;	/* 1-based, as the spreadsheet numbers it (a cell's line ends do not count) */
};

struct csv {
	struct csv_row *rows;	/* empty rows (no cell holds anything) left out */
	size_t nrows;
};

/*
 * Parses text (UTF-8, len bytes) into out. A quote left open at the end is
 * reported to dl under path and the rest of the text read as its cell.
 * Inside cells CRLF becomes LF. Returns the number of errors added to dl;
 * out is the caller's to csv_release() either way.
 */
int csv_parse(struct csv *out, const char *text, size_t len, const char *path, struct diag_list *dl);
void csv_release(struct csv *c);

/*
 * Appends one cell to a row being written: a comma first unless it is the
 * row's first, and quotes when the text holds a comma, quote, line end or
 * spaces at an end. A cell Excel would take for a formula (it starts with
 * = + - or @) or turn into a number that loses digits (a long digit string,
 * or one starting with 0, such as a phone) starts with a tab inside the
 * quotes: spreadsheets then keep it as text, and csv_parse() trims it.
 */
void csv_add_cell(struct strbuf *out, const char *text, int first);
/* Ends a row with CRLF, as Excel writes it. */
void csv_end_row(struct strbuf *out);

#endif
