#ifndef CARE_DETECT_INT_H
#define CARE_DETECT_INT_H

/* What the files of detect/ share. */
#include <stddef.h>
#include <stdint.h>

#include "detect/detect.h"
#include "template/plain.h"
#include "util/strbuf.h"

/* unicode.c, the one ICU file: 0 once NFKC's data is there, -1 when it is not. */
int uni_init(void);

/*
 * What a reader sees of code point c, in out (at most 8): nothing for a
 * format or control character or a mark (soft hyphen, zero-width ones,
 * word joiner, NUL...), ' ' for any space, '\n' for a line or paragraph
 * separator, the ASCII digit for a digit of any script, else c's NFKC
 * form (full-width forms become ASCII). Returns how many code points.
 */
size_t uni_visible(uint32_t c, uint32_t *out);

/*
 * A text as a reader sees it, each byte tied to the bytes of the text
 * given that it shows (view.c).
 */
struct view {
	struct strbuf text;
	uint32_t *start, *end;	/* per byte of text: [start, end) in the text given */
	size_t alloc;
};

void view_release(struct view *v);

/*
 * Replaces v with what a reader sees of in (len bytes): with character
 * references decoded when refs is set, then each character as
 * uni_visible() shows it. from, when not NULL, ties each byte of in to
 * bytes of an outer text (Markdown's plain text to its Markdown), and v
 * is then tied to those instead.
 */
void view_build(struct view *v, const char *in, size_t len, int refs, const struct md_span *from);

/* A number found in a view: bytes [start, end) of its text. */
struct found {
	enum detect_kind kind;
	size_t start, end;
	char digits[20];
};

/* Growable list of struct found (numbers.c fills it). */
struct found_list {
	struct found *v;
	size_t nr, alloc;
};

/* Appends every phone and ID number in text (len bytes, a view's) to out. */
void numbers_scan(const char *text, size_t len, struct found_list *out);

#endif
