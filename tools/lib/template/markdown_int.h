#ifndef CARE_TEMPLATE_MARKDOWN_INT_H
#define CARE_TEMPLATE_MARKDOWN_INT_H

/* What markdown.c (the only cmark-gfm file) does for plain.c and fields.c. */
#include <stddef.h>

enum md_piece_type {
	MD_TEXT,		/* words, code or raw HTML: text is what a reader sees */
	MD_CODE_BLOCK,		/* a code block's text, shown as written */
	MD_BREAK,		/* a line break, soft or hard */
	MD_END,			/* the end of a block or a table cell */
	MD_LINK_START,		/* a link's (or image's) words follow */
	MD_LINK_END,		/* ...and end: text is its address, title its title */
};

/*
 * One piece of a document, in reading order. Lines count from 1 in the
 * whole Markdown given to md_walk(), columns in bytes as cmark-gfm counts
 * them (which is wrong after tabs and in lazy lines: a hint only); 0 when
 * cmark-gfm does not say. text is NUL-terminated and len long.
 */
struct md_piece {
	enum md_piece_type type;
	const char *text;
	size_t len;
	const char *title;	/* MD_LINK_END: its title, or "" */
	int line, col, end_line;
	int fenced;		/* MD_CODE_BLOCK: the text starts on the line after */
};

/*
 * Parses md (len bytes) as md_to_html() parses a teacher's field, and
 * calls fn for each piece a reader sees, in order. The pieces live only
 * during the call to fn.
 */
void md_walk(const char *md, size_t len, void (*fn)(void *data, const struct md_piece *p),
	     void *data);

/*
 * For fields.c, which puts teachers' fields into their pages. Each
 * appends safe HTML to out: a page's own Markdown, a long table in parts,
 * its links between pages made ".html"; a field alone, only its absolute
 * links kept (markdown.h says which).
 */
struct strbuf;
void md_page_html(const char *md, size_t len, struct strbuf *out);
void md_field_html(const char *md, size_t len, struct strbuf *out);

/*
 * Into fence, the fence that closes md's last block when that is a fenced
 * code block left open (only one at the top can run on past the end of
 * md: one in a list or a quote ends with it); else nothing.
 */
void md_open_fence(const char *md, size_t len, struct strbuf *fence);

#endif
