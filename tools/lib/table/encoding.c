/*
 * Text encodings of spreadsheets (util/convert.h, iconv):
 * Excel and WPS on a Chinese Windows save "CSV" in GBK, "CSV UTF-8" with a
 * byte order mark, and other tools plain UTF-8. Reading finds which, so a
 * teacher never has to know; writing adds the byte order mark without
 * which Excel shows UTF-8 Chinese as mojibake.
 */
#include "table/encoding.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "util/convert.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/utf8.h"
#include "util/banned.h"

static const char bom[] = "\xef\xbb\xbf";

/* The 1-based line and column (in bytes, as the text is not readable) of offset. */
static void place(const char *buf, size_t off, int *line, int *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* The offset of the first byte that is not valid UTF-8 (a NUL counts), or len. */
static size_t utf8_bad(const char *buf, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(buf + i, len - i, &cp);
		if (!n || !cp)
			return i;
		i += n;
	}
	return len;
}

int table_decode(struct strbuf *out, const char *buf, size_t len, enum table_encoding enc,
		 const char *path, enum table_encoding *found)
{
	size_t bad;
	int line, col;

	if (len >= 2 && ((buf[0] == '\xff' && buf[1] == '\xfe') || (buf[0] == '\xfe' && buf[1] == '\xff')))
		return error_set(_("care: '%s' is saved as Unicode text (UTF-16); save it again as \"CSV UTF-8\" or \"CSV\"\n"),
				 path);
	if (enc != TABLE_ENC_GB18030 && len >= 3 && !memcmp(buf, bom, 3)) {
		buf += 3;
		len -= 3;
		enc = TABLE_ENC_UTF8;
	}
	if (enc != TABLE_ENC_GB18030) {
		bad = utf8_bad(buf, len);
		if (bad == len) {
			strbuf_add(out, buf, len);
			if (found)
				*found = TABLE_ENC_UTF8;
			return 0;
		}
		if (enc == TABLE_ENC_UTF8) {
			place(buf, bad, &line, &col);
			return error_set(_("care: '%s' is not UTF-8 at line %d, byte %d; if Excel or WPS saved it as plain \"CSV\", try --encoding gb18030\n"),
					 path, line, col);
		}
	}
	if (convert_encoding(out, "UTF-8", "GB18030", buf, len, &bad) < 0) {
		if (bad == (size_t)-1)
			return error_set(_("care: this system cannot convert from GB18030: %s\n"),
					 strerror(errno));
		place(buf, bad, &line, &col);
		return error_set(_("care: '%s' is neither UTF-8 nor GB18030 (GBK) text: line %d, byte %d cannot be read; save it again from Excel or WPS as \"CSV UTF-8\"\n"),
				 path, line, col);
	}
	if (utf8_bad(out->buf, out->len) != out->len)
		return error_set(_("care: '%s' holds a NUL character; it is not a spreadsheet saved as CSV\n"), path);
	/* A byte order mark written in GB18030 (84 31 95 33) is one still, not a heading. */
	if (out->len >= 3 && !memcmp(out->buf, bom, 3)) {
		memmove(out->buf, out->buf + 3, out->len - 3);
		out->len -= 3;
		out->buf[out->len] = '\0';
	}
	if (found)
		*found = TABLE_ENC_GB18030;
	return 0;
}

int table_encode(struct strbuf *out, const char *utf8, size_t len, enum table_encoding enc)
{
	size_t bad;

	if (enc != TABLE_ENC_GB18030) {
		strbuf_add(out, bom, 3);
		strbuf_add(out, utf8, len);
		return 0;
	}
	if (convert_encoding(out, "GB18030", "UTF-8", utf8, len, &bad) < 0)
		return error_set(_("care: cannot convert to GB18030: %s\n"),
				 bad == (size_t)-1 ? strerror(errno) : _("a character has no GB18030 form"));
	return 0;
}

int table_encoding_from_name(const char *name)
{
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		return TABLE_ENC_UTF8;
	if (!strcasecmp(name, "gb18030") || !strcasecmp(name, "gbk"))
		return TABLE_ENC_GB18030;
	return -1;
}
