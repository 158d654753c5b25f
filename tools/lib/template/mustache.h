#ifndef CARE_MUSTACHE_H
#define CARE_MUSTACHE_H

#include <stddef.h>

#include "util/diag.h"
#include "template/values.h"
#include "util/strbuf.h"

/*
 * Mustache templates (https://mustache.github.io/mustache.5.html), the core
 * modules of the specification: interpolation, sections, inverted
 * sections, comments, partials and set delimiters; no lambdas. A template
 * is compiled once and rendered many times. How {{name}} is escaped is
 * chosen per render, because one engine writes Markdown pages and the HTML
 * layout; {{{name}}} and {{&name}} are never escaped.
 */
struct mtemplate;

/*
 * Compiles text (len bytes, UTF-8). Problems (an unclosed tag or section,
 * a mismatched close, a bad delimiter) go to dl as path:line:col with rule
 * "template". Returns 0, or -1 with *out NULL.
 */
int mustache_compile(struct mtemplate **out, const char *path, const char *text, size_t len,
		     struct diag_list *dl);
void mustache_free(struct mtemplate *t);

/* Appends s (len bytes) to out, escaped for the output being written. */
typedef void (*mustache_escape_fn)(struct strbuf *out, const char *s, size_t len);

/* Where {{> name}} finds its template; NULL means the partial is empty. */
struct mustache_partials {
	const struct mtemplate *(*get)(void *data, const char *name);
	void *data;
};

/* How deep partials may include partials (docs/design.md, "Limits"). */
#define MAX_PARTIAL_DEPTH 64

/*
 * Renders t with ctx as the bottom of the context stack, appending to out.
 * partials may be NULL. Returns 0, or -1 when partials nest deeper than
 * MAX_PARTIAL_DEPTH (a partial that includes itself without end).
 */
int mustache_render(const struct mtemplate *t, const struct mval *ctx, mustache_escape_fn escape,
		    const struct mustache_partials *partials, struct strbuf *out);

/* The escapers: HTML (& < > " '), and Markdown (below). */
void mustache_escape_html(struct strbuf *out, const char *s, size_t len);
/*
 * Markdown: every ASCII punctuation character that Markdown or GFM gives a
 * meaning (including | for tables and < > & for HTML) gets a backslash, and
 * line breaks become spaces, so a value stays inline text in a paragraph
 * or a table cell: a name like `*a*` or `<b>` is printed as written.
 */
void mustache_escape_markdown(struct strbuf *out, const char *s, size_t len);

#endif
