/*
 * Hidden and control characters, named so that the validator refuses
 * them and the commands never print them raw (printable.h).
 */
#include "util/printable.h"

#include "util/utf8.h"
#include "util/banned.h"

int is_hidden_char(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7f && cp <= 0x9f) ||
	       cp == 0xad ||			/* soft hyphen */
	       cp == 0x061c ||			/* Arabic letter mark */
	       cp == 0x180e ||			/* Mongolian vowel separator */
	       (cp >= 0x200b && cp <= 0x200f) ||	/* zero-width, LRM, RLM */
	       (cp >= 0x202a && cp <= 0x202e) ||	/* bidi embeddings and overrides */
	       (cp >= 0x2060 && cp <= 0x2064) ||	/* word joiner, invisible operators */
	       (cp >= 0x2066 && cp <= 0x206f) ||	/* bidi isolates, deprecated formats */
	       cp == 0xfeff ||			/* byte-order mark, zero-width no-break space */
	       (cp >= 0xfff9 && cp <= 0xfffb);	/* interlinear annotations */
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
