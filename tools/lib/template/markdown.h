#ifndef CARE_MDHTML_H
#define CARE_MDHTML_H

#include <stddef.h>

#include "util/strbuf.h"

/*
 * Markdown to an HTML fragment with cmark-gfm (tables, autolinks,
 * strikethrough), made safe for pages every teacher opens: raw HTML a
 * record contains is shown as text, never passed through; images become
 * links, so no page loads anything from outside.
 *
 * A page's own Markdown (what its template wrote) may link between the
 * site's pages, relative links whose ".md" becomes ".html", and to http,
 * https, mailto and tel; never protocol-relative ("//host/x"). Each
 * teacher's field in it, as md_field() wrapped it, is rendered on its
 * own, as a document of its own: a code fence, a list or a link
 * definition in it ends where the field ends, and its links survive only
 * when absolute: http or https with a host, mailto or tel. Appends to out.
 */
void md_to_html(const char *md, size_t len, struct strbuf *out);

/*
 * A teacher's Markdown (an x-markdown field) as it goes into a page's
 * Markdown: between the two markers md_to_html() looks for, HTML
 * comments a Markdown viewer does not show; with '<' as "&lt;", so raw
 * HTML in it is text in the .md pages as well; and with a code fence it
 * leaves open closed, so that a viewer of the .md page ends it there too.
 * Appends to out.
 */
void md_field(struct strbuf *out, const char *md, size_t len);

#endif
