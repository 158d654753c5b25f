/*
 * Collecting, sorting and formatting diagnostics. The text form is the one
 * compilers use, so editors can jump to the place; the JSON form is for
 * programs. Both are stable: the tests pin them byte for byte.
 */
#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/printable.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

void diag_add(struct diag_list *dl, const char *path, int line, int col,
	      enum diag_level level, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, path, line, col, level, rule, fmt, ap);
	va_end(ap);
}

void diag_vadd(struct diag_list *dl, const char *path, int line, int col,
	       enum diag_level level, const char *rule, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag *d;

	if (dl->nr == dl->alloc) {
		dl->alloc = dl->alloc ? dl->alloc * 2 : 8;
		dl->v = xrealloc(dl->v, dl->alloc * sizeof(*dl->v));
	}
	strbuf_vaddf(&sb, fmt, ap);
	d = &dl->v[dl->nr++];
	d->path = xstrdup(path);
	d->line = line;
	d->col = col;
	d->level = level;
	d->rule = rule;
	d->msg = strbuf_detach(&sb, NULL);
}

void diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	if (!src->nr)
		return;
	if (dst->nr + src->nr > dst->alloc) {
		dst->alloc = dst->nr + src->nr;
		dst->v = xrealloc(dst->v, dst->alloc * sizeof(*dst->v));
	}
	memcpy(dst->v + dst->nr, src->v, src->nr * sizeof(*src->v));
	dst->nr += src->nr;
	free(src->v);
	src->v = NULL;
	src->nr = src->alloc = 0;
}

static int cmp_diag(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

void diag_list_sort(struct diag_list *dl)
{
	if (dl->nr > 1)
		qsort(dl->v, dl->nr, sizeof(*dl->v), cmp_diag);
}

size_t diag_list_count(const struct diag_list *dl, enum diag_level level)
{
	size_t i, n = 0;

	for (i = 0; i < dl->nr; i++)
		n += dl->v[i].level == level;
	return n;
}

void diag_list_release(struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < dl->nr; i++) {
		free(dl->v[i].path);
		free(dl->v[i].msg);
	}
	free(dl->v);
	dl->v = NULL;
	dl->nr = dl->alloc = 0;
}

static const char *level_name(enum diag_level level)
{
	return level == DIAG_ERROR ? "error" : "warning";
}

/*
 * Adds line `line` of src and a caret under character `col`, counting
 * display width so the caret stays under a Chinese character. The line is
 * shown as strbuf_add_printable() shows it, so a hidden character in it
 * takes the width of its "\u{XXXX}" and reaches no terminal raw.
 */
static void format_caret(struct strbuf *out, const char *src, size_t len, int line, int col)
{
	struct strbuf shown = STRBUF_INIT;
	const char *p = src, *end = src + len, *eol;
	int n = 1, c;
	size_t w = 0;

	if (len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (n < line && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return;
		p = nl + 1;
		n++;
	}
	if (n != line || p >= end)
		return;
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	strbuf_addstr(out, "  ");
	strbuf_add_printable(out, p, (size_t)(eol - p), 1);
	strbuf_addstr(out, "\n  ");
	for (c = 1; c < col && p < eol; c++) {
		uint32_t cp = 0;
		size_t k = utf8_decode(p, (size_t)(eol - p), &cp);
		if (k && cp == '\t') {
			strbuf_addch(out, '\t');
		} else if (k && !is_hidden_char(cp)) {
			for (w = (size_t)utf8_cpwidth(cp); w; w--)
				strbuf_addch(out, ' ');
		} else {
			/* Shown as "\u{XXXX}", or a byte that is not UTF-8 as "\xNN". */
			k = k ? k : 1;
			strbuf_reset(&shown);
			strbuf_add_printable(&shown, p, k, 1);
			for (w = shown.len; w; w--)
				strbuf_addch(out, ' ');
		}
		p += k;
	}
	strbuf_addstr(out, "^\n");
	strbuf_release(&shown);
}

void diag_list_format(struct strbuf *out, const struct diag_list *dl, enum diag_format fmt,
		int caret, diag_source_fn source, void *data)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (fmt == DIAG_JSON) {
		strbuf_addstr(out, "[");
		for (i = 0; i < dl->nr; i++) {
			const struct diag *d = &dl->v[i];
			strbuf_reset(&sb);
			strbuf_addstr(&sb, i ? ",\n {\"path\":\"" : "\n {\"path\":\"");
			strbuf_add_json_printable(&sb, d->path);
			strbuf_addf(&sb, "\",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"rule\":\"%s\",\"message\":\"",
				    d->line, d->col, level_name(d->level), d->rule);
			strbuf_add_json_printable(&sb, d->msg);
			strbuf_addstr(&sb, "\"}");
			strbuf_add(out, sb.buf, sb.len);
		}
		strbuf_addstr(out, dl->nr ? "\n]\n" : "]\n");
		strbuf_release(&sb);
		return;
	}
	for (i = 0; i < dl->nr; i++) {
		const struct diag *d = &dl->v[i];
		/*
		 * Paths and messages quote what records and file names hold:
		 * shown printable, and on one line, so a value can neither
		 * drive the terminal nor pass for a diagnostic of its own.
		 */
		strbuf_add_printable(out, d->path, strlen(d->path), 0);
		if (d->line > 0)
			strbuf_addf(out, ":%d:%d", d->line, d->col);
		strbuf_addf(out, ": %s: ", level_name(d->level));
		strbuf_add_printable(out, d->msg, strlen(d->msg), 0);
		strbuf_addf(out, " [%s]\n", d->rule);
		if (caret && source && d->line > 0) {
			size_t len;
			const char *src = source(data, d->path, &len);
			if (src)
				format_caret(out, src, len, d->line, d->col);
		}
	}
	strbuf_release(&sb);
}

void diag_list_format_summary(struct strbuf *out, const struct diag_list *dl, size_t files,
			enum diag_format fmt)
{
	size_t e = diag_list_count(dl, DIAG_ERROR), w = diag_list_count(dl, DIAG_WARNING);

	if (fmt == DIAG_JSON)
		return;
	if (!e && !w)
		strbuf_addf(out, _("%zu files checked, no problems found\n"), files);
	else
		strbuf_addf(out, _("%zu files checked: %zu error(s), %zu warning(s)\n"), files, e, w);
}
