#ifndef CARE_TEMPLATE_PLAIN_H
#define CARE_TEMPLATE_PLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/*
 * Markdown as the plain text a reader of its page sees, each byte of it
 * tied to the bytes of the Markdown it comes from, so that something found
 * in what a reader sees can be pointed at, or cut out, in what the teacher
 * wrote.
 */

/* The bytes [start, end) of the Markdown that one byte of the text shows. */
struct md_span {
	uint32_t start, end;
};

struct md_plain {
	struct strbuf text;	/* what a reader sees */
	struct md_span *from;	/* from[i]: where text.buf[i] comes from */
	size_t alloc;		/* of from */
	uint32_t *lines;	/* scratch: where each line of the Markdown starts */
	size_t alines;
};

#define MD_PLAIN_INIT { STRBUF_INIT, NULL, 0, NULL, 0 }

/* Frees what p holds; p itself is the caller's. */
void md_plain_release(struct md_plain *p);

/*
 * Replaces p's text with what a reader sees of md (len bytes, NUL bytes
 * allowed, at most UINT32_MAX - 1; the rest is not looked at): the words
 * of every block with the markup gone, character references and
 * backslash escapes decoded, code as written, raw HTML as the text that
 * md_to_html() shows it as, and after a link's or an image's words its
 * address and title, unless the words already say the address. Blocks
 * and table cells are kept apart by a blank line; a line break is '\n'.
 *
 * Each byte's span is exact where the Markdown writes the byte as it is
 * shown, or as a reference or an escape of it. Where cmark-gfm does not
 * say where a piece comes from (a break, the line between blocks) or
 * the piece cannot be found where it says, the byte is tied to an empty
 * span at the nearest place known before it.
 */
void md_to_plain(const char *md, size_t len, struct md_plain *p);

#endif
