/*
 * Positions of a scalar's bytes in the file (valuepos.h). libyaml keeps
 * only where a value starts; a check that finds something in the middle
 * of a long note must say where. The value and the text that wrote it
 * are walked side by side from the value's start, as the scalar's style
 * (read from its first character) wrote it: plain and quoted values fold
 * line ends into spaces and drop the blanks around them, double quotes
 * have escapes, single quotes double their quote, and a block drops its
 * header line and indentation.
 */
#include "yaml/valuepos.h"

#include <string.h>

#include "util/lines.h"
#include "util/banned.h"

enum style { PLAIN, SINGLE, DOUBLE, BLOCK };

struct walk {
	const char *buf;
	size_t len, p;		/* the file, and where the walk is */
	int line, col;		/* of buf[p] */
};

static void step(struct walk *w)
{
	unsigned char b = (unsigned char)w->buf[w->p++];

	if (b == '\n') {
		w->line++;
		w->col = 1;
	} else if ((b & 0xc0) != 0x80 && b != '\r') {
		w->col++;
	}
}

static int hex(const char *p, const char *end, int n, unsigned long *v)
{
	*v = 0;
	for (; n; n--, p++) {
		int d = p >= end ? -1 : *p >= '0' && *p <= '9' ? *p - '0' :
			(*p | 0x20) >= 'a' && (*p | 0x20) <= 'f' ? (*p | 0x20) - 'a' + 10 : -1;
		if (d < 0)
			return 0;
		*v = *v * 16 + (unsigned long)d;
	}
	return 1;
}

static size_t encode(unsigned long c, char *s)
{
	if (c < 0x80) {
		s[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		s[0] = (char)(0xc0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		s[0] = (char)(0xe0 | c >> 12);
		s[1] = (char)(0x80 | (c >> 6 & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	s[0] = (char)(0xf0 | c >> 18);
	s[1] = (char)(0x80 | (c >> 12 & 0x3f));
	s[2] = (char)(0x80 | (c >> 6 & 0x3f));
	s[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * The escape after a backslash at p: the bytes it takes after the
 * backslash, the value bytes it writes into s (*n of them). 0 for an
 * escaped line end, which writes nothing.
 */
static size_t escape(const char *p, const char *end, char *s, size_t *n)
{
	unsigned long c = 0;
	int digits = 0;

	*n = 0;
	if (p >= end || *p == '\n' || *p == '\r')
		return 0;
	switch (*p) {
	case '0': c = 0; break;
	case 'a': c = 7; break;
	case 'b': c = 8; break;
	case 't': case '\t': c = 9; break;
	case 'n': c = 10; break;
	case 'v': c = 11; break;
	case 'f': c = 12; break;
	case 'r': c = 13; break;
	case 'e': c = 0x1b; break;
	case ' ': case '"': case '/': case '\\': c = (unsigned char)*p; break;
	case 'N': c = 0x85; break;
	case '_': c = 0xa0; break;
	case 'L': c = 0x2028; break;
	case 'P': c = 0x2029; break;
	case 'x': digits = 2; break;
	case 'u': digits = 4; break;
	case 'U': digits = 8; break;
	default: return 1;	/* libyaml refused it already */
	}
	if (digits && !hex(p + 1, end, digits, &c))
		return 1;
	*n = encode(c, s);
	return 1 + (size_t)digits;
}

static enum style style_at(const char *s, size_t n)
{
	if (!n)
		return PLAIN;
	return *s == '"' ? DOUBLE : *s == '\'' ? SINGLE : *s == '|' || *s == '>' ? BLOCK : PLAIN;
}

void ynode_locate(const char *buf, size_t len, struct yplace *at, const struct ynode *n,
		  const size_t *offs, size_t nr, int *lines, int *cols)
{
	const char *val = n->u.text;
	size_t bom = text_bom(buf, len), vi = 0, k = 0;
	struct walk w;
	enum style style;

	buf += bom;
	len -= bom;
	if (at->line > n->line || at->off > len)
		*at = (struct yplace)YPLACE_INIT;
	while (at->line < n->line && at->off < len) {
		const char *nl = memchr(buf + at->off, '\n', len - at->off);
		if (!nl)
			break;
		at->off = (size_t)(nl - buf) + 1;
		at->line++;
	}
	w.buf = buf;
	w.len = len;
	w.p = at->off;
	w.line = at->line;
	w.col = 1;
	while (w.p < len && w.col < n->col && buf[w.p] != '\n')
		step(&w);
	style = style_at(buf + w.p, len - w.p);
	if (at->line != n->line || w.col != n->col)
		goto rest;
	if (style == SINGLE || style == DOUBLE)
		step(&w);
	while (style == BLOCK && w.p < len && buf[w.p] != '\n')
		step(&w);
	while (k < nr && vi < n->len && w.p < len) {
		unsigned char b = (unsigned char)buf[w.p], v = (unsigned char)val[vi];
		int line = w.line, col = w.col;
		size_t used = 0, esc, i;
		char s[4];

		if (style == DOUBLE && b == '\\') {
			esc = escape(buf + w.p + 1, buf + len, s, &used);
			if (used && (vi + used > n->len || memcmp(val + vi, s, used)))
				break;
			for (i = 0; i <= esc; i++)
				step(&w);
		} else if (style == SINGLE && b == '\'' && v == '\'' && w.p + 1 < len && buf[w.p + 1] == '\'') {
			step(&w);
			step(&w);
			used = 1;
		} else if (b == v || (v == ' ' && (b == '\n' || b == '\r'))) {
			step(&w);
			used = 1;
		} else if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
			step(&w);
		} else {
			break;
		}
		for (; k < nr && offs[k] < vi + used; k++) {
			lines[k] = line;
			cols[k] = col;
		}
		vi += used;
	}
rest:
	for (; k < nr; k++) {
		lines[k] = n->line;
		cols[k] = n->col;
	}
}
