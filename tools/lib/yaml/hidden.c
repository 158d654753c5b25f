/*
 * Where in the raw text a scalar wrote the hidden character its value
 * holds (struct yhidden, hidden.h), so that the diagnostic points at the
 * character, or at the escape ("\e", "\u202e") that wrote it inside double
 * quotes, instead of only at the start of the value. libyaml gives the
 * value unescaped and folded, and marks that count characters, not bytes:
 * the raw text is walked again, but only for the rare value that needs it.
 */
#include "yaml/hidden_int.h"

#include <string.h>

#include "util/printable.h"
#include "util/utf8.h"
#include "util/banned.h"

struct text {
	const char *buf;
	size_t len;
};

/* Length of the line end at off (LF, CR LF or a lone CR, as libyaml counts them), or 0. */
static size_t line_break_at(const struct text *t, size_t off)
{
	if (t->buf[off] == '\n')
		return 1;
	if (t->buf[off] == '\r')
		return off + 1 < t->len && t->buf[off + 1] == '\n' ? 2 : 1;
	return 0;
}

/* Moves c forward to the 0-based line and column; backwards means from the start. */
static void seek(const struct text *t, struct ycursor *c, size_t line, size_t col)
{
	if (c->line > line || (c->line == line && c->col > col))
		memset(c, 0, sizeof(*c));
	while (c->off < t->len && (c->line < line || c->col < col)) {
		size_t k = line_break_at(t, c->off);
		if (k && c->line == line)
			break;
		if (k) {
			c->off += k;
			c->line++;
			c->col = 0;
			continue;
		}
		c->off++;
		while (c->off < t->len && ((unsigned char)t->buf[c->off] & 0xc0) == 0x80)
			c->off++;
		c->col++;
	}
}

static int hex_digits(const char *p, const char *end, size_t n, uint32_t *cp)
{
	*cp = 0;
	for (; n; n--, p++) {
		int d;
		if (p >= end)
			return 0;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
			d = (*p | 0x20) - 'a' + 10;
		else
			return 0;
		*cp = *cp * 16 + (uint32_t)d;
	}
	return 1;
}

/*
 * The escape after a backslash, at p in a "double-quoted" value: the bytes
 * it takes after the backslash, and in *cp the character it writes (a
 * space for the ones that write nothing hidden). libyaml has already
 * refused an escape it does not know.
 */
static size_t escape_at(const char *p, const char *end, uint32_t *cp)
{
	size_t digits = 0;

	*cp = ' ';
	if (p >= end)
		return 0;
	switch (*p) {
	case '0': *cp = 0x00; return 1;
	case 'a': *cp = 0x07; return 1;
	case 'b': *cp = 0x08; return 1;
	case 't':
	case '\t': *cp = 0x09; return 1;
	case 'v': *cp = 0x0b; return 1;
	case 'f': *cp = 0x0c; return 1;
	case 'r': *cp = 0x0d; return 1;
	case 'e': *cp = 0x1b; return 1;
	case 'N': *cp = 0x85; return 1;
	case 'L': *cp = 0x2028; return 1;
	case 'P': *cp = 0x2029; return 1;
	case 'x': digits = 2; break;
	case 'u': digits = 4; break;
	case 'U': digits = 8; break;
	case '\n':
	case '\r': return 0;	/* a line continuation: the line end is walked as one */
	default: return 1;
	}
	if (!hex_digits(p + 1, end, digits, cp)) {
		*cp = ' ';
		return 1;
	}
	return 1 + digits;
}

/* Only blanks from p to the end of its line: folding drops them. */
static int blank_to_eol(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end || *p == '\n' || *p == '\r';
}

int hidden_locate(struct yhidden *h, const char *buf, size_t len, struct ycursor *at,
		  const struct yspan *sp)
{
	const struct text t = { buf, len };
	int line_start = 0;
	const char *end;
	struct ycursor c, e;
	uint32_t ch = 0;
	size_t k = 0;

	seek(&t, at, sp->sline, sp->scol);
	c = e = *at;
	seek(&t, &e, sp->eline, sp->ecol);
	end = buf + e.off;
	/* A block's header line ("|", "|-", a comment) is not its text. */
	while (sp->block && c.off < e.off && !line_break_at(&t, c.off))
		c.off++;
	while (c.off < e.off) {
		const char *p = buf + c.off;
		k = line_break_at(&t, c.off);
		if (k) {
			c.off += k;
			c.line++;
			c.col = 0;
			line_start = 1;
			continue;
		}
		if (*p == ' ' || (*p == '\t' && (sp->block || line_start || blank_to_eol(p, end)))) {
			c.off++;
			c.col++;
			continue;
		}
		line_start = 0;
		if (sp->double_quoted && *p == '\\') {
			k = escape_at(p + 1, end, &ch);
			if (is_hidden_char(ch) || ch == '\t')
				break;
			c.off += k + 1;
			c.col += k + 1;
			continue;
		}
		k = utf8_decode(p, (size_t)(end - p), &ch);
		if (k && (is_hidden_char(ch) || (ch == '\t' && !sp->block)))
			break;
		c.off += k ? k : 1;
		c.col++;
	}
	if (c.off >= e.off)
		return -1;
	memset(h, 0, sizeof(*h));
	h->cp = ch;
	h->line = (int)c.line + 1;
	h->col = (int)c.col + 1;
	if (sp->double_quoted && buf[c.off] == '\\')
		memcpy(h->escape, buf + c.off, k + 1);
	return 0;
}
