/*
 * Markdown as the plain text a reader of its page sees (plain.h), for the
 * check that looks for phone and ID numbers there. cmark-gfm (through
 * md_walk() in markdown.c) says what the text is; where each byte of it
 * was written is found here, by walking each piece of text and the
 * Markdown side by side: cmark-gfm's columns for inline text are only a
 * hint (tabs and lazy lines throw them off), and its text has references,
 * escapes and markup resolved. The walk only goes forward, so the whole
 * document costs one pass over its Markdown.
 */
#include "template/plain.h"

#include <stdlib.h>
#include <string.h>

#include "template/markdown_int.h"
#include "util/utf8.h"
#include "util/banned.h"

struct walk {
	const char *md;
	size_t len;
	size_t cur;		/* where the next piece is looked for */
	size_t nlines;		/* lines[l - 1]: where line l starts */
	uint32_t *lines;	/* the caller's md_plain keeps them for the next call */
	size_t links[8];	/* the text's length where each open link started */
	int nlinks;
	struct md_plain *out;
};

void md_plain_release(struct md_plain *p)
{
	strbuf_release(&p->text);
	free(p->from);
	free(p->lines);
	p->from = NULL;
	p->lines = NULL;
	p->alloc = p->alines = 0;
}

static void put(struct walk *w, const char *s, size_t n, size_t start, size_t end)
{
	struct md_plain *o = w->out;
	size_t i;

	if (o->text.len + n > o->alloc) {
		o->alloc = o->text.len + n > 2 * o->alloc ? o->text.len + n : 2 * o->alloc;
		o->from = xrealloc(o->from, o->alloc * sizeof(*o->from));
	}
	for (i = 0; i < n; i++) {
		o->from[o->text.len + i].start = (uint32_t)start;
		o->from[o->text.len + i].end = (uint32_t)end;
	}
	strbuf_add(&o->text, s, n);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Length of a character reference ("&amp;", "&#52;", "&#x34;") at p, or 0; its character in *cp (0 when named). */
static size_t reference_at(const char *p, const char *end, uint32_t *cp)
{
	const char *q = p + 1;
	int hex = 0, digits = 0;

	*cp = 0;
	if (q < end && *q == '#') {
		q++;
		if (q < end && (*q == 'x' || *q == 'X')) {
			hex = 1;
			q++;
		}
		for (; q < end && digits < 8; q++, digits++) {
			int d = *q >= '0' && *q <= '9' ? *q - '0' :
				hex && (*q | 0x20) >= 'a' && (*q | 0x20) <= 'f' ? (*q | 0x20) - 'a' + 10 : -1;
			if (d < 0)
				break;
			*cp = *cp * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (!digits || q >= end || *q != ';')
			return 0;
		if (!*cp || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
			*cp = 0xfffd;
		return (size_t)(q + 1 - p);
	}
	for (; q < end && q - p <= 32; q++)
		if (!((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z') && !(q > p + 1 && *q >= '0' && *q <= '9'))
			break;
	return q > p + 1 && q < end && *q == ';' ? (size_t)(q + 1 - p) : 0;
}

static size_t utf8_encode(uint32_t cp, char *s)
{
	if (cp < 0x80) {
		s[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		s[0] = (char)(0xc0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		s[0] = (char)(0xe0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	s[0] = (char)(0xf0 | cp >> 18);
	s[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	s[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	s[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Does the Markdown at p write the start of lit (n bytes)? Returns the
 * Markdown bytes it takes and sets *used to the bytes of lit they write,
 * or returns 0. Text written as it is shown wins over a reading as a
 * reference or escape: code keeps "&amp;" and "\*" as they are.
 */
static size_t match_at(const struct walk *w, size_t p, const char *lit, size_t n, size_t *used)
{
	const char *s = w->md + p, *end = w->md + w->len;
	uint32_t cp;
	size_t k;

	if (p >= w->len || !n)
		return 0;
	if (*s == '&' && (k = reference_at(s, end, &cp)) && !(k <= n && !memcmp(lit, s, k))) {
		char enc[4];
		size_t e;
		if (!cp) {	/* a named one: take the character the text has */
			e = utf8_decode(lit, n, &cp);
			if (!e || *lit == '&')
				return 0;
			*used = e;
			return k;
		}
		e = utf8_encode(cp, enc);
		if (e <= n && !memcmp(enc, lit, e)) {
			*used = e;
			return k;
		}
	}
	if (*s == '\\' && s + 1 < end && s[1] == *lit && (unsigned char)*lit < 0x80 &&
	    strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", *lit) && *lit &&
	    !(n >= 2 && lit[0] == '\\' && lit[1] == s[1])) {
		*used = 1;
		return 2;
	}
	if (*s == *lit) {
		*used = 1;
		return 1;
	}
	if (!*s && n >= 3 && !memcmp(lit, "\xef\xbf\xbd", 3)) {	/* cmark-gfm's for NUL */
		*used = 3;
		return 1;
	}
	return 0;
}

static size_t line_start(const struct walk *w, int line)
{
	if (line < 1)
		return 0;
	return (size_t)line > w->nlines ? w->len : w->lines[line - 1];
}

/* How many bytes of a piece must be found as written for a place to be its. */
#define FIT 16

/* Does the Markdown at p write lit's first bytes (FIT of them, or all), as they are or as references and escapes? */
static int fits(const struct walk *w, size_t p, const char *lit, size_t n)
{
	size_t i = 0, k, used, want = n < FIT ? n : FIT;

	while (i < want) {
		if (!(k = match_at(w, p, lit + i, n - i, &used)))
			return 0;
		i += used;
		p += k;
	}
	return 1;
}

/* The first place in [from, limit) where lit fits, or where at least its first byte does; else limit. */
static size_t find(const struct walk *w, size_t from, size_t limit, const char *lit, size_t n)
{
	size_t at, used;

	if (limit > w->len)
		limit = w->len;
	for (at = from; at < limit; at++)
		if (fits(w, at, lit, n))
			return at;
	for (at = from; at < limit; at++)
		if (match_at(w, at, lit, n, &used))
			return at;
	return limit;
}

/*
 * Where piece's text starts in the Markdown: at cmark-gfm's column if the
 * text is there (it is not on a lazy line of a list or a quote, nor after a
 * tab), else the first place ahead where it is, looked for as far as the
 * piece's last line goes and at least a little further.
 */
static size_t start_of(const struct walk *w, const struct md_piece *pc, const char *lit, size_t n)
{
	size_t at, limit;
	int last = pc->end_line > pc->line ? pc->end_line : pc->line;

	if (pc->line > 0 && pc->col > 0) {
		at = line_start(w, pc->line) + (size_t)pc->col - 1;
		if (at >= w->cur && at < w->len && fits(w, at, lit, n))
			return at;
	}
	limit = last > 0 ? line_start(w, last + 1) : w->cur;
	if (limit < w->cur + 256)
		limit = w->cur + 256;
	at = find(w, w->cur, limit, lit, n);
	return at < w->len ? at : w->cur;
}

/*
 * Puts lit (n bytes) into the text, each byte tied to where the Markdown
 * from p on writes it. Blanks may differ (a line end read as a space,
 * tabs as spaces) and container marks ('>', indentation) come between
 * lines; after anything else that does not fit, the rest is looked for a
 * little further on (a few times at most, so that a piece costs no more
 * than its stretch of the Markdown), and what is not found is tied to
 * where the walk stopped.
 */
static void walk_text(struct walk *w, size_t p, const char *lit, size_t n)
{
	size_t i = 0, k, used, q;
	int again = 4;

	while (i < n) {
		if ((k = match_at(w, p, lit + i, n - i, &used))) {
			put(w, lit + i, used, p, p + k);
			i += used;
			p += k;
		} else if (is_blank(lit[i])) {
			k = p < w->len && is_blank(w->md[p]);
			put(w, lit + i, 1, p, p + k);
			i++;
			p += k;
		} else if (p < w->len && (is_blank(w->md[p]) || w->md[p] == '>')) {
			p++;
		} else if (again-- > 0 && (q = find(w, p + 1, p + 256, lit + i, n - i)) < w->len &&
			   fits(w, q, lit + i, n - i)) {
			p = q;
		} else {
			put(w, lit + i, n - i, p, p);
			break;
		}
	}
	w->cur = p;
}

/* A blank line after the text so far, unless it has one: blocks and cells do not run together. */
static void end_block(struct walk *w)
{
	const struct strbuf *t = &w->out->text;

	while (t->len && (t->len < 2 || t->buf[t->len - 1] != '\n' || t->buf[t->len - 2] != '\n'))
		put(w, "\n", 1, w->cur, w->cur);
}

/* Does a link's text (n bytes) already show its address? "tel:139..." or "www.x.cn" for "http://www.x.cn". */
static int says_address(const char *words, size_t n, const char *url, size_t len)
{
	if (!len || (n == len && !memcmp(words, url, n)))
		return 1;
	return n && len > n && len - n <= 8 && !memcmp(url + len - n, words, n) &&
	       memchr(url, ':', len - n);
}

static void piece(void *data, const struct md_piece *pc)
{
	struct walk *w = data;
	size_t at;

	switch (pc->type) {
	case MD_CODE_BLOCK:
		if (pc->fenced && line_start(w, pc->line + 1) > w->cur)
			w->cur = line_start(w, pc->line + 1);
		/* fall through */
	case MD_TEXT:
		if (pc->len)
			walk_text(w, start_of(w, pc, pc->text, pc->len), pc->text, pc->len);
		break;
	case MD_BREAK:
		put(w, "\n", 1, w->cur, w->cur);
		break;
	case MD_END:
		end_block(w);
		break;
	case MD_LINK_START:
		if (w->nlinks < (int)(sizeof(w->links) / sizeof(*w->links)))
			w->links[w->nlinks] = w->out->text.len;
		w->nlinks++;
		break;
	case MD_LINK_END:
		at = --w->nlinks < (int)(sizeof(w->links) / sizeof(*w->links)) ? w->links[w->nlinks] :
									       w->out->text.len;
		if (!says_address(w->out->text.buf + at, w->out->text.len - at, pc->text, pc->len)) {
			put(w, " ", 1, w->cur, w->cur);
			walk_text(w, start_of(w, pc, pc->text, pc->len), pc->text, pc->len);
		}
		if (*pc->title) {
			put(w, " ", 1, w->cur, w->cur);
			walk_text(w, start_of(w, pc, pc->title, strlen(pc->title)), pc->title,
				  strlen(pc->title));
		}
		break;
	}
}

void md_to_plain(const char *md, size_t len, struct md_plain *p)
{
	struct walk w;
	size_t i;

	if (len > UINT32_MAX - 1)
		len = UINT32_MAX - 1;
	memset(&w, 0, sizeof(w));
	w.md = md;
	w.len = len;
	w.out = p;
	strbuf_reset(&p->text);
	for (i = 0; i <= len; i++) {
		if (i && md[i - 1] != '\n')
			continue;
		if (w.nlines == p->alines) {
			p->alines = p->alines ? 2 * p->alines : 64;
			p->lines = xrealloc(p->lines, p->alines * sizeof(*p->lines));
		}
		p->lines[w.nlines++] = (uint32_t)i;
	}
	w.lines = p->lines;
	md_walk(md, len, piece, &w);
	while (p->text.len && p->text.buf[p->text.len - 1] == '\n')
		p->text.buf[--p->text.len] = '\0';
}
