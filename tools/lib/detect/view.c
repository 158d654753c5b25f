/*
 * A text as a reader sees it (detect_int.h, struct view): character
 * references decoded, each character as uni_visible() shows it, and each
 * byte of the result tied to the bytes it was written with, so that a
 * number found in it can be pointed at and cut out of the text.
 */
#include "detect/detect_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/banned.h"

void view_release(struct view *v)
{
	strbuf_release(&v->text);
	free(v->start);
	free(v->end);
	v->start = v->end = NULL;
	v->alloc = 0;
}

/*
 * The named references that write a digit's neighbours: spaces, dashes,
 * brackets, invisible characters. Any other name is left as written,
 * which can only hide a number that is not there.
 */
static const struct {
	const char *name;
	uint32_t cp;
} named[] = {
	{ "MediumSpace", 0x205f }, { "NewLine", '\n' }, { "NoBreak", 0x2060 },
	{ "NonBreakingSpace", 0xa0 }, { "Tab", '\t' }, { "ThinSpace", 0x2009 },
	{ "VeryThinSpace", 0x200a }, { "ZeroWidthSpace", 0x200b }, { "amp", '&' },
	{ "bull", 0x2022 }, { "centerdot", 0xb7 }, { "dash", 0x2010 }, { "emsp", 0x2003 },
	{ "emsp13", 0x2004 }, { "emsp14", 0x2005 }, { "ensp", 0x2002 }, { "hairsp", 0x200a },
	{ "horbar", 0x2015 }, { "hyphen", 0x2010 }, { "lbrack", '[' }, { "lowbar", '_' },
	{ "lpar", '(' }, { "lsqb", '[' }, { "mdash", 0x2014 }, { "middot", 0xb7 },
	{ "minus", 0x2212 }, { "nbsp", 0xa0 }, { "ndash", 0x2013 }, { "numsp", 0x2007 },
	{ "period", '.' }, { "plus", '+' }, { "puncsp", 0x2008 }, { "rbrack", ']' },
	{ "rpar", ')' }, { "rsqb", ']' }, { "shy", 0xad }, { "sol", '/' },
	{ "thinsp", 0x2009 }, { "zwj", 0x200d }, { "zwnj", 0x200c },
};

/* A character reference at s ("&#52;", "&#x34;", "&nbsp;"): its length and character, or 0. */
static size_t reference(const char *s, size_t n, uint32_t *cp)
{
	size_t i = 1, digits = 0, k;
	int hex = 0;

	if (n < 3)
		return 0;
	if (s[1] == '#') {
		*cp = 0;
		i = 2;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		for (; i < n && digits < 8; i++, digits++) {
			int d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0' :
				hex && (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f' ? (s[i] | 0x20) - 'a' + 10 : -1;
			if (d < 0)
				break;
			*cp = *cp * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (!digits || i >= n || s[i] != ';')
			return 0;
		if (!*cp || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
			*cp = 0xfffd;
		return i + 1;
	}
	for (k = 0; k < sizeof(named) / sizeof(*named); k++) {
		size_t len = strlen(named[k].name);
		if (len + 2 <= n && !memcmp(s + 1, named[k].name, len) && s[len + 1] == ';') {
			*cp = named[k].cp;
			return len + 2;
		}
	}
	return 0;
}

static void add_byte(struct view *v, char c, size_t start, size_t end)
{
	if (v->text.len == v->alloc) {
		v->alloc = v->alloc ? 2 * v->alloc : 256;
		v->start = xrealloc(v->start, v->alloc * sizeof(*v->start));
		v->end = xrealloc(v->end, v->alloc * sizeof(*v->end));
	}
	v->start[v->text.len] = (uint32_t)start;
	v->end[v->text.len] = (uint32_t)end;
	strbuf_addch(&v->text, c);
}

static void add_cp(struct view *v, uint32_t c, size_t start, size_t end)
{
	char s[4];
	size_t n, i;

	if (c < 0x80) {
		add_byte(v, (char)c, start, end);
		return;
	}
	if (c < 0x800) {
		s[0] = (char)(0xc0 | c >> 6);
		s[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		s[0] = (char)(0xe0 | c >> 12);
		s[1] = (char)(0x80 | (c >> 6 & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		s[0] = (char)(0xf0 | c >> 18);
		s[1] = (char)(0x80 | (c >> 12 & 0x3f));
		s[2] = (char)(0x80 | (c >> 6 & 0x3f));
		s[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	for (i = 0; i < n; i++)
		add_byte(v, s[i], start, end);
}

void view_build(struct view *v, const char *in, size_t len, int refs, const struct md_span *from)
{
	size_t i = 0;

	strbuf_reset(&v->text);
	while (i < len) {
		unsigned char c = (unsigned char)in[i];
		uint32_t cp, shown[8];
		size_t k, n, j, start, end;

		if (c >= 0x20 && c < 0x7f && c != '&') {
			/* ASCII as it is: the most of any text, taken without a call. */
			k = 1;
			cp = c;
			shown[0] = c;
			n = 1;
		} else {
			if (c == '&' && refs && (k = reference(in + i, len - i, &cp))) {
				;
			} else if (!(k = utf8_decode(in + i, len - i, &cp))) {
				k = 1;
				cp = 0xfffd;
			}
			n = uni_visible(cp, shown);
		}
		start = from ? from[i].start : i;
		end = from ? from[i + k - 1].end : i + k;
		if (end < start)
			end = start;
		for (j = 0; j < n; j++)
			add_cp(v, shown[j], start, end);
		i += k;
	}
}
