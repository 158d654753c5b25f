#ifndef CARE_MDHTML_H
#define CARE_MDHTML_H

#include <stddef.h>

#include "util/strbuf.h"

/*
 * Markdown to an HTML fragment with cmark-gfm (tables, autolinks,
 * strikethrough), made safe for pages every teacher opens: raw HTML a
 * record contains is shown as text, never passed through; links survive
 * only with http, https, mailto or tel, or as relative links between the
 * site's own pages, whose ".md" becomes ".html"; images become links, so
 * no page loads anything from outside. Appends to out.
 */
void md_to_html(const char *md, size_t len, struct strbuf *out);

#endif
