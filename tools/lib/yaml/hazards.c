/*
 * The raw-text checks that run before YAML parsing. Each hazard here is
 * something a teacher's editor or input method does silently; libyaml would
 * report most of them as a puzzling syntax error somewhere else, or accept
 * them and change what the record means (a full-width colon turns a field
 * into text). Positions count lines as editors do: LF, CRLF and a lone CR
 * each end a line, and a UTF-8 BOM takes no column.
 */
#include "yaml/hazards.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/convert.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/lines.h"
#include "util/banned.h"

/*
 * Decodes the line holding the bad bytes as GB18030 (a superset of GBK).
 * If the whole file decodes cleanly, it was almost surely saved by an
 * editor using the Chinese Windows code page, and the decoded line lets the
 * teacher recognise their own text.
 */
static char *decode_gbk(const char *buf, size_t len, size_t bad)
{
	struct strbuf all = STRBUF_INIT, line = STRBUF_INIT;
	size_t start = bad, end = bad;
	char *ret = NULL;

	if (convert_encoding(&all, "UTF-8", "GB18030", buf, len, NULL) < 0)
		goto cleanup;
	while (start > 0 && buf[start - 1] != '\n')
		start--;
	while (end < len && buf[end] != '\n' && buf[end] != '\r')
		end++;
	if (convert_encoding(&line, "UTF-8", "GB18030", buf + start, end - start, NULL) < 0)
		goto cleanup;
	ret = strbuf_detach(&line, NULL);
cleanup:
	strbuf_release(&all);
	strbuf_release(&line);
	return ret;
}

static int looks_utf16(const char *buf, size_t len)
{
	size_t i, even = 0, odd = 0;

	if (len >= 2 && ((buf[0] == '\xff' && buf[1] == '\xfe') ||
			 (buf[0] == '\xfe' && buf[1] == '\xff')))
		return 1;
	for (i = 0; i < len && i < 512; i++)
		if (!buf[i]) {
			if (i % 2)
				odd++;
			else
				even++;
		}
	return len >= 4 && (even * 4 >= (len < 512 ? len : 512) || odd * 4 >= (len < 512 ? len : 512));
}

static int check_encoding(const char *buf, size_t len, const char *path,
			  struct diag_list *dl)
{
	size_t i = 0, k;
	uint32_t cp;
	int line, col;

	if (looks_utf16(buf, len)) {
		diag_add(dl, path, 1, 1, DIAG_ERROR, "encoding", "%s",
			 _("the file is saved as UTF-16 (\"Unicode\"); save it as UTF-8 (in Notepad: File > Save As > Encoding: UTF-8)"));
		return 1;
	}
	while (i < len) {
		uint64_t w;
		/* Records are mostly ASCII: skip it eight bytes at a time. */
		if (len - i >= 8 && (memcpy(&w, buf + i, 8), !(w & 0x8080808080808080ULL))) {
			i += 8;
			continue;
		}
		if (!((unsigned char)buf[i] & 0x80)) {
			i++;
			continue;
		}
		k = utf8_decode(buf + i, len - i, &cp);
		if (k) {
			i += k;
			continue;
		}
		text_position(buf, len, i, &line, &col);
		{
			char *gbk = decode_gbk(buf, len, i);
			if (gbk)
				diag_add(dl, path, line, col, DIAG_ERROR, "encoding",
					 _("this file looks like it was saved as GBK, not UTF-8 (this line reads \"%s\"); save it as UTF-8 (in Notepad: File > Save As > Encoding: UTF-8)"),
					 gbk);
			else
				diag_add(dl, path, line, col, DIAG_ERROR, "encoding",
					 _("byte 0x%02x is not valid UTF-8; save the file as UTF-8 and check this spot for damaged text"),
					 (unsigned char)buf[i]);
			free(gbk);
		}
		return 1;
	}
	return 0;
}

/* The state of one line while it is scanned. */
struct line {
	const char *s;		/* start of the line */
	size_t len;		/* bytes, without the line break */
	int no;			/* line number */
};

static int col_of(const struct line *l, const char *p)
{
	return 1 + (int)utf8_strnlen(l->s, (size_t)(p - l->s));
}

static int starts_with(const char *s, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(end - s) >= n && !memcmp(s, prefix, n);
}

static int is_conflict_marker(const struct line *l)
{
	static const char *marks[] = { "<<<<<<<", ">>>>>>>", "|||||||", "=======" };
	const char *end = l->s + l->len;
	size_t i;

	for (i = 0; i < 4; i++)
		if (starts_with(l->s, end, marks[i]) &&
		    (l->len == 7 || l->s[7] == ' '))
			return 1;
	return 0;
}

/*
 * Invisible characters that editors and copy-paste leave behind: C0 and C1
 * controls, DEL, zero-width space, line and paragraph separators, and a
 * byte-order mark that is not at the start. The text is valid UTF-8 by
 * now, so the bytes are matched directly instead of decoding every
 * character: this runs over every byte of every record.
 */
static size_t bad_control_at(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
	if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
		*cp = *p;
		return 1;
	}
	if (*p == 0xc2 && end - p > 1 && p[1] >= 0x80 && p[1] <= 0x9f) {
		*cp = p[1];
		return 2;
	}
	if (*p == 0xe2 && end - p > 2 && p[1] == 0x80 &&
	    (p[2] == 0x8b || p[2] == 0xa8 || p[2] == 0xa9)) {
		*cp = 0x2000 | (uint32_t)(p[2] & 0x3f);
		return 3;
	}
	if (*p == 0xef && end - p > 2 && p[1] == 0xbb && p[2] == 0xbf) {
		*cp = 0xfeff;
		return 3;
	}
	return 0;
}

static int check_controls(const struct line *l, const char *path, struct diag_list *dl)
{
	const unsigned char *p = (const unsigned char *)l->s, *end = p + l->len;
	uint32_t cp;

	for (; p < end; p++) {
		if (*p >= 0x20 && *p != 0x7f && *p != 0xc2 && *p != 0xe2 && *p != 0xef)
			continue;
		if (!bad_control_at(p, end, &cp))
			continue;
		if (!cp)
			diag_add(dl, path, l->no, col_of(l, (const char *)p), DIAG_ERROR, "control-char",
				 "%s",
				 _("the file contains a NUL byte, so it is not a text file; re-save it as UTF-8 text"));
		else
			diag_add(dl, path, l->no, col_of(l, (const char *)p), DIAG_ERROR, "control-char",
				 _("invisible character U+%04X here; delete it (retype this part of the line if you cannot see it)"),
				 (unsigned)cp);
		return 1;
	}
	return 0;
}

static int is_ident(int c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

/*
 * The line's key, if it starts like "  - key" with an ASCII key: sets *key
 * and *after (the byte after the key). Returns 0 when the line has none.
 */
static int line_key(const char *p, const char *end, const char **key, const char **after)
{
	while (p < end && *p == ' ')
		p++;
	if (p + 1 < end && p[0] == '-' && p[1] == ' ')
		for (p += 2; p < end && *p == ' '; p++)
			;
	if (p >= end || !is_ident((unsigned char)*p, 1))
		return 0;
	*key = p;
	while (p < end && is_ident((unsigned char)*p, 0))
		p++;
	*after = p;
	return 1;
}

static int indent_of(const struct line *l)
{
	size_t i = 0;

	while (i < l->len && l->s[i] == ' ')
		i++;
	return (int)i;
}

/* Does the line open a literal or folded block: "key: |", "- >-", "|2"? */
static int opens_block(const struct line *l)
{
	const char *end = l->s + l->len, *p = end;

	while (p > l->s && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	{
		const char *hash = memchr(l->s, '#', l->len);
		if (hash && hash > l->s && hash[-1] == ' ') {
			p = hash;
			while (p > l->s && p[-1] == ' ')
				p--;
		}
	}
	while (p > l->s && (p[-1] == '-' || p[-1] == '+' || (p[-1] >= '1' && p[-1] <= '9')))
		p--;
	if (p == l->s || (p[-1] != '|' && p[-1] != '>'))
		return 0;
	p--;
	return p == l->s || p[-1] == ' ';
}

static void fullwidth(struct diag_list *dl, const char *path, const struct line *l,
		      const char *at, const char *msg)
{
	diag_add(dl, path, l->no, col_of(l, at), DIAG_ERROR, "fullwidth-punct", "%s", msg);
}

/*
 * Punctuation a Chinese input method types in place of YAML's ASCII. Only
 * the syntax positions are checked (after a key, at a list dash, in a
 * [ ] list), so Chinese punctuation inside values stays welcome.
 */
static int check_punctuation(const struct line *l, const char *path, struct diag_list *dl)
{
	const char *end = l->s + l->len, *p = l->s, *key, *after, *v;
	int errors = 0;

	while (p < end && *p == ' ')
		p++;
	if (starts_with(p, end, "\xe3\x80\x80")) {
		diag_add(dl, path, l->no, col_of(l, p), DIAG_ERROR, "fullwidth-space", "%s",
			 _("full-width space '\xe3\x80\x80' used for indentation; use ordinary spaces"));
		return 1;
	}
	if (starts_with(p, end, "\xef\xbc\x8d") || starts_with(p, end, "\xe2\x80\x94") ||
	    starts_with(p, end, "\xe2\x80\x93")) {
		fullwidth(dl, path, l, p, _("full-width dash used for a list item; use '-' (a hyphen) followed by a space"));
		return 1;
	}
	if (!line_key(l->s, end, &key, &after))
		return 0;
	v = after;
	while (v < end && *v == ' ')
		v++;
	if (starts_with(v, end, "\xef\xbc\x9a")) {
		diag_add(dl, path, l->no, col_of(l, v), DIAG_ERROR, "fullwidth-punct",
			 _("full-width colon '\xef\xbc\x9a' after '%.*s'; use ':' (an English colon) followed by a space"),
			 (int)(after - key), key);
		return 1;
	}
	if (v != after || v >= end || *v != ':')
		return 0;
	v++;
	if (v < end && *v != ' ' && *v != '\t') {
		if (starts_with(v, end, "\xe3\x80\x80"))
			diag_add(dl, path, l->no, col_of(l, v), DIAG_ERROR, "fullwidth-space",
				 _("full-width space after '%.*s:'; use an ordinary space"),
				 (int)(after - key), key);
		else
			diag_add(dl, path, l->no, col_of(l, v), DIAG_ERROR, "missing-space",
				 _("no space after '%.*s:'; write '%.*s: ' followed by the value"),
				 (int)(after - key), key, (int)(after - key), key);
		return 1;
	}
	while (v < end && *v == ' ')
		v++;
	if (starts_with(v, end, "\xef\xbc\xbb") || starts_with(v, end, "\xe3\x80\x90")) {
		fullwidth(dl, path, l, v, _("full-width bracket used for a list; use '[' and ']'"));
		errors++;
	} else if (v < end && *v == '[') {
		const char *c = v;
		/* Up to the list's end: a comment after it may be written in Chinese. */
		for (; c + 2 < end && *c != ']'; c++)
			if (starts_with(c, end, "\xef\xbc\x8c") || starts_with(c, end, "\xe3\x80\x81")) {
				fullwidth(dl, path, l, c, _("full-width comma inside a [ ] list; separate the items with ',' (an English comma)"));
				errors++;
				break;
			}
	}
	return errors;
}

static int check_line_start(const struct line *l, const char *path, struct diag_list *dl)
{
	size_t i;

	for (i = 0; i < l->len && (l->s[i] == ' ' || l->s[i] == '\t'); i++)
		if (l->s[i] == '\t') {
			diag_add(dl, path, l->no, (int)i + 1, DIAG_ERROR, "tab-indent", "%s",
				 _("tab used for indentation; YAML needs spaces, so replace the tab with spaces"));
			return 1;
		}
	return 0;
}

int text_scan(const char *buf, size_t len, const char *path, struct diag_list *dl)
{
	const char *p, *end;
	struct line l;
	int errors = 0, in_block = 0, block_indent = 0;
	size_t bom = text_bom(buf, len);

	if (check_encoding(buf + bom, len - bom, path, dl))
		return 1;
	p = buf + bom;
	end = buf + len;
	for (l.no = 1; p < end; l.no++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *cr;
		if (!eol)
			eol = end;
		if ((cr = memchr(p, '\r', (size_t)(eol - p))))
			eol = cr;
		l.s = p;
		l.len = (size_t)(eol - p);
		p = eol;
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;

		errors += check_controls(&l, path, dl);
		if (is_conflict_marker(&l)) {
			diag_add(dl, path, l.no, 1, DIAG_ERROR, "conflict-marker", "%s",
				 _("git conflict marker: two versions of this record were merged; keep the right lines between '<<<<<<<' and '>>>>>>>' and delete the marker lines"));
			errors++;
			continue;
		}
		if (in_block) {
			size_t i = 0;
			while (i < l.len && (l.s[i] == ' ' || l.s[i] == '\t'))
				i++;
			if (i == l.len || indent_of(&l) > block_indent)
				continue;
			in_block = 0;
		}
		if (check_line_start(&l, path, dl)) {
			errors++;
			continue;
		}
		errors += check_punctuation(&l, path, dl);
		if (opens_block(&l)) {
			in_block = 1;
			block_indent = indent_of(&l);
		}
	}
	return errors;
}
