/*
 * Fuzz target: the CSV reader (table/csv.h), as `care import` reads a
 * spreadsheet saved by Excel or WPS. Beyond not crashing: rows come in
 * order with 1-based numbers, no row is empty, cells are trimmed, the one
 * diagnostic (an unclosed quote) points inside the file, and what
 * csv_add_cell() writes of the rows reads back as the same cells, as
 * `care export` then `care import` must.
 */
#include "fuzz.h"

#include "table/csv.h"

/*
 * nul: the text held a NUL byte. A cell is cut at one, after trimming,
 * so what is left of it may end in a space: not checked then.
 */
static void csv_check(const struct csv *c, int nul)
{
	size_t i, j;

	for (i = 0; i < c->nrows; i++) {
		const struct csv_row *r = &c->rows[i];
		int any = 0;
		FUZZ_ASSERT(r->n >= 1 && r->row >= 1);
		FUZZ_ASSERT(i == 0 || c->rows[i - 1].row < r->row);
		for (j = 0; j < r->n; j++) {
			const char *s = r->cells[j];
			size_t n = strlen(s);
			any |= n > 0;
			if (nul)
				continue;
			FUZZ_ASSERT(!n || (!strchr(" \t\r\n", s[0]) && !strchr(" \t\r\n", s[n - 1])));
			FUZZ_ASSERT(n < 3 || (memcmp(s, "\xe3\x80\x80", 3) && memcmp(s + n - 3, "\xe3\x80\x80", 3)));
		}
		FUZZ_ASSERT(any);
	}
}

static void csv_dump(const char *what, const char *s)
{
	fprintf(stderr, "  %s:", what);
	for (; *s; s++)
		fprintf(stderr, (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f ? "%c" : "\\x%02x",
			(unsigned char)*s);
	fprintf(stderr, "\n");
}

FUZZ_TARGET(csv)
{
	struct csv c, back;
	struct diag_list dl = DIAG_LIST_INIT, dl2 = DIAG_LIST_INIT;
	struct strbuf out = STRBUF_INIT;
	char *buf;
	size_t i, j;
	int errors;

	buf = xmalloc(size ? size : 1);
	if (size)
		memcpy(buf, data, size);
	errors = csv_parse(&c, buf, size, "children.csv", &dl);
	FUZZ_ASSERT(errors >= 0 && (size_t)errors == diag_list_count(&dl, DIAG_ERROR));
	fuzz_check_positions(&dl, buf, size);
	csv_check(&c, memchr(buf, 0, size) != NULL);

	/*
	 * Written back with a heading row of two cells first, so that the
	 * reader's guess between commas and tabs has a comma to go by, as an
	 * export's heading row always has.
	 */
	csv_add_cell(&out, "a", 1);
	csv_add_cell(&out, "b", 0);
	csv_end_row(&out);
	for (i = 0; i < c.nrows; i++) {
		for (j = 0; j < c.rows[i].n; j++)
			csv_add_cell(&out, c.rows[i].cells[j], j == 0);
		csv_end_row(&out);
	}
	FUZZ_ASSERT(csv_parse(&back, out.buf, out.len, "back.csv", &dl2) == 0);
	/* Cells cut at a NUL may end in a space, trimmed when read back. */
	if (memchr(buf, 0, size))
		goto cleanup;
	csv_check(&back, 0);
	if (back.nrows != c.nrows + 1) {
		fprintf(stderr, "fuzz: %zu rows read back as %zu:\n%s\n", c.nrows, back.nrows - 1, out.buf);
		abort();
	}
	for (i = 0; i < c.nrows; i++) {
		const struct csv_row *r = &c.rows[i], *b = &back.rows[i + 1];
		FUZZ_ASSERT(b->n == r->n);
		for (j = 0; j < r->n; j++) {
			if (strcmp(r->cells[j], b->cells[j])) {
				fprintf(stderr, "fuzz: a cell changes when written and read back:\n");
				csv_dump("read", r->cells[j]);
				csv_dump("written", out.buf);
				csv_dump("read back", b->cells[j]);
				abort();
			}
		}
	}

cleanup:
	csv_release(&c);
	csv_release(&back);
	diag_list_release(&dl);
	diag_list_release(&dl2);
	strbuf_release(&out);
	free(buf);
	return 0;
}
