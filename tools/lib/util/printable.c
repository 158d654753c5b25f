/*
 * Hidden and control characters, named so that the validator refuses
 * them and the commands never print them raw (printable.h).
 */
#include "util/printable.h"

#include <string.h>

#include "util/i18n.h"
#include "util/utf8.h"
#include "util/banned.h"

int is_hidden_char(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f) ||
	       cp == 0xad ||			/* soft hyphen */
	       cp == 0x061c ||			/* Arabic letter mark */
	       cp == 0x180e ||			/* Mongolian vowel separator */
	       (cp >= 0x200b && cp <= 0x200f) ||	/* zero-width, LRM, RLM */
	       cp == 0x2028 || cp == 0x2029 ||	/* line and paragraph separators */
	       (cp >= 0x202a && cp <= 0x202e) ||	/* bidi embeddings and overrides */
	       (cp >= 0x2060 && cp <= 0x2064) ||	/* word joiner, invisible operators */
	       (cp >= 0x2066 && cp <= 0x206f) ||	/* bidi isolates, deprecated formats */
	       cp == 0xfeff ||			/* byte-order mark, zero-width no-break space */
	       (cp >= 0xfff9 && cp <= 0xfffb);	/* interlinear annotations */
}

const char *hidden_char_name(uint32_t cp)
{
	switch (cp) {
	case 0x00: return N_("null character");
	case 0x09: return N_("tab");
	case 0x0d: return N_("carriage return");
	case 0x1b: return N_("escape, which sends commands to a terminal");
	case 0x85: return N_("next line");
	case 0xad: return N_("soft hyphen");
	case 0x200b: return N_("zero-width space");
	case 0x200c: return N_("zero-width non-joiner");
	case 0x200d: return N_("zero-width joiner");
	case 0x2028: return N_("line separator");
	case 0x2029: return N_("paragraph separator");
	case 0x2060: return N_("word joiner");
	case 0xfeff: return N_("byte-order mark");
	}
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return N_("control character");
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return N_("text direction mark");
	return N_("invisible formatting character");
}

/*
 * The bytes that can start a character find_hidden_char() looks for: the
 * C0 controls, DEL, and the lead bytes of U+0080-00BF, U+0600-063F,
 * U+1000-1FFF, U+2000-2FFF and U+F000-FFFF, the blocks that hold every
 * hidden character above DEL. Every other byte, Chinese text among them,
 * is passed over with one look-up: this runs over every value of every
 * record.
 */
#define R8(b) [b] = 1, [b + 1] = 1, [b + 2] = 1, [b + 3] = 1, [b + 4] = 1, [b + 5] = 1, \
	      [b + 6] = 1, [b + 7] = 1
static const unsigned char may_start[256] = {
	R8(0x00), R8(0x08), R8(0x10), R8(0x18),
	[0x7f] = 1, [0xc2] = 1, [0xd8] = 1, [0xe1] = 1, [0xe2] = 1, [0xef] = 1,
};
#undef R8

size_t find_hidden_char(const char *str, size_t len, int allow_tab, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i;

	for (i = 0; i < len; i++) {
		size_t n;
		if (!may_start[s[i]])
			continue;
		if (s[i] < 0x80) {
			if (is_hidden_char(s[i]) || (s[i] == '\t' && !allow_tab)) {
				*cp = s[i];
				return i;
			}
			continue;
		}
		n = utf8_decode(str + i, len - i, cp);
		if (n && is_hidden_char(*cp))
			return i;
	}
	return len;
}

char *strip_hidden_chars(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t at = 0, i;
	uint32_t cp;

	while ((i = find_hidden_char(s + at, len - at, 0, &cp)) < len - at) {
		size_t n = utf8_decode(s + at + i, len - at - i, &cp);
		strbuf_add(&sb, s + at, i);
		at += i + (n ? n : 1);
	}
	strbuf_add(&sb, s + at, len - at);
	return strbuf_detach(&sb, NULL);
}

void strbuf_add_printable(struct strbuf *sb, const char *s, size_t len, int keep_lines)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (!n) {
			strbuf_addf(sb, "\\x%02X", (unsigned char)s[i]);
			i++;
			continue;
		}
		if ((cp == '\n' || cp == '\t') ? !keep_lines : is_hidden_char(cp))
			strbuf_addf(sb, "\\u{%04X}", (unsigned)cp);
		else
			strbuf_add(sb, s + i, n);
		i += n;
	}
}

void strbuf_add_json_printable(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		size_t n = c < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);

		if (!n) {
			/* Not UTF-8: passed on as it is, as strbuf_add_json() does. */
			strbuf_addch(sb, (char)c);
			i++;
			continue;
		}
		if (c == '"' || c == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (char)c);
		} else if (c == '\n') {
			strbuf_addstr(sb, "\\n");
		} else if (c == '\t') {
			strbuf_addstr(sb, "\\t");
		} else if (is_hidden_char(cp)) {
			/* Every hidden character is in the BMP: one \uXXXX. */
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		} else {
			strbuf_add(sb, s + i, n);
		}
		i += n;
	}
}
