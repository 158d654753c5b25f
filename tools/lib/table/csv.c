/*
 * Reading and writing CSV the way spreadsheets do. Reading is lenient
 * where Excel is (text after a closing quote is kept, a lone CR ends a
 * row) and strict only where data would be lost (an unclosed quote); each
 * cell is trimmed, since a stray space typed in a cell is invisible there.
 */
#include "table/csv.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/banned.h"

/* Strips ASCII white space and the ideographic space U+3000 at both ends. */
static char *trimmed(struct strbuf *sb)
{
	const char *s = sb->buf, *e = sb->buf + sb->len;

	for (;;) {
		if (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++;
		else if (e - s >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
			s += 3;
		else
			break;
	}
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
			e--;
		else if (e - s >= 3 && !memcmp(e - 3, "\xe3\x80\x80", 3))
			e -= 3;
		else
			break;
	}
	return xstrndup(s, (size_t)(e - s));
}

static void add_row(struct csv *c, char **cells, size_t n, int row)
{
	size_t i;

	for (i = 0; i < n && !*cells[i]; i++)
		;
	if (i == n) {
		for (i = 0; i < n; i++)
			free(cells[i]);
		free(cells);
		return;
	}
	c->rows = xrealloc(c->rows, (c->nrows + 1) * sizeof(*c->rows));
	c->rows[c->nrows].cells = cells;
	c->rows[c->nrows].n = n;
	c->rows[c->nrows].row = row;
	c->nrows++;
}

/* The separator: a tab when the first line has tabs and no commas. */
static char separator(const char *text, size_t len)
{
	const char *eol = memchr(text, '\n', len);
	size_t n = eol ? (size_t)(eol - text) : len;

	return memchr(text, '\t', n) && !memchr(text, ',', n) ? '\t' : ',';
}

/* Is the CR at text[i] the first of a run of CRs that ends in an LF? */
static int cr_run_ends_line(const char *text, size_t len, size_t i)
{
	while (i < len && text[i] == '\r')
		i++;
	return i < len && text[i] == '\n';
}

int csv_parse(struct csv *out, const char *text, size_t len, const char *path, struct diag_list *dl)
{
	struct strbuf cell = STRBUF_INIT;
	char **cells = NULL;
	size_t ncells = 0, i = 0;
	int row = 1, quote_row = 0, quote_col = 0, errors = 0, in_quotes = 0;
	char sep = separator(text, len);

	memset(out, 0, sizeof(*out));
	while (i <= len) {
		char c = i < len ? text[i] : '\0';

		if (in_quotes && i == len) {
			diag_add(dl, path, quote_row, quote_col, DIAG_ERROR, "csv", "%s",
				 _("a quote (\") opened here is never closed, so the rest of the file is read as this one cell; close it or remove it"));
			errors++;
			in_quotes = 0;
		}
		if (in_quotes) {
			if (c == '"' && i + 1 < len && text[i + 1] == '"') {
				strbuf_addch(&cell, '"');
				i += 2;
			} else if (c == '"') {
				in_quotes = 0;
				i++;
			} else if (c == '\r' && cr_run_ends_line(text, len, i)) {
				/*
				 * CRLF inside a cell is a line end like any other; a run
				 * of CRs before the LF goes with it, so that reading what
				 * was written gives the same cell.
				 */
				while (text[i] == '\r')
					i++;
			} else {
				strbuf_addch(&cell, c);
				i++;
			}
			continue;
		}
		if (c == '"' && !cell.len) {
			in_quotes = 1;
			quote_row = row;
			quote_col = (int)ncells + 1;
			i++;
			continue;
		}
		if (c == sep || c == '\n' || c == '\r' || i == len) {
			cells = xrealloc(cells, (ncells + 1) * sizeof(*cells));
			cells[ncells++] = trimmed(&cell);
			strbuf_reset(&cell);
			if (c != sep) {
				add_row(out, cells, ncells, row);
				cells = NULL;
				ncells = 0;
				row++;
				if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
					i++;
			}
			i++;
			continue;
		}
		strbuf_addch(&cell, c);
		i++;
	}
	strbuf_release(&cell);
	return errors;
}

void csv_release(struct csv *c)
{
	size_t i, j;

	for (i = 0; i < c->nrows; i++) {
		for (j = 0; j < c->rows[i].n; j++)
			free(c->rows[i].cells[j]);
		free(c->rows[i].cells);
	}
	free(c->rows);
	memset(c, 0, sizeof(*c));
}

/* Would a spreadsheet read text as a formula, or as a number that loses digits? */
static int needs_guard(const char *text)
{
	size_t n = strspn(text, "0123456789");

	if (strchr("=+-@", text[0]) && text[0])
		return 1;
	return n && !text[n] && (text[0] == '0' || n >= 11);
}

void csv_add_cell(struct strbuf *out, const char *text, int first)
{
	size_t n = strlen(text);
	int guard = needs_guard(text);
	const char *p;

	if (!first)
		strbuf_addch(out, ',');
	if (!guard && !strpbrk(text, ",\"\r\n") && !(n && (text[0] == ' ' || text[n - 1] == ' '))) {
		strbuf_add(out, text, n);
		return;
	}
	strbuf_addch(out, '"');
	if (guard)
		strbuf_addch(out, '\t');
	for (p = text; *p; p++) {
		if (*p == '"')
			strbuf_addch(out, '"');
		strbuf_addch(out, *p);
	}
	strbuf_addch(out, '"');
}

void csv_end_row(struct strbuf *out)
{
	strbuf_addstr(out, "\r\n");
}
