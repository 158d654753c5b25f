/*
 * Unit tests for hidden characters: util/printable.c (which characters,
 * finding them, showing them) and where the tree says a scalar wrote one
 * (yaml/hidden.c), in every style a value can be written.
 */
#include <stdlib.h>
#include <string.h>

#include "util/printable.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "yaml/tree.h"
#include "tap.h"

static void test_find_agrees_with_is_hidden(void)
{
	uint32_t cp, got;
	int bad = 0, tabs = 0;

	/* find_hidden_char() skips lead bytes: it must miss no character. */
	for (cp = 0; cp < 0x110000; cp++) {
		char buf[8];
		size_t n, at;
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		if (cp < 0x80) {
			buf[0] = (char)cp;
			n = 1;
		} else if (cp < 0x800) {
			buf[0] = (char)(0xc0 | (cp >> 6));
			buf[1] = (char)(0x80 | (cp & 0x3f));
			n = 2;
		} else if (cp < 0x10000) {
			buf[0] = (char)(0xe0 | (cp >> 12));
			buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
			buf[2] = (char)(0x80 | (cp & 0x3f));
			n = 3;
		} else {
			buf[0] = (char)(0xf0 | (cp >> 18));
			buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
			buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
			buf[3] = (char)(0x80 | (cp & 0x3f));
			n = 4;
		}
		at = find_hidden_char(buf, n, 1, &got);
		if ((at == 0) != !!is_hidden_char(cp) || (at == 0 && got != cp))
			bad++;
		if (cp == '\t')
			tabs = find_hidden_char(buf, n, 0, &got) == 0 && find_hidden_char(buf, n, 1, &got) == n;
	}
	is_int(bad, 0, "find_hidden_char finds exactly the characters is_hidden_char names");
	for (cp = 0x10000, got = 0; cp < 0x110000; cp++)
		got |= (uint32_t)is_hidden_char(cp);
	is_int(got, 0, "every hidden character is in the BMP (one \\uXXXX in JSON)");
	ok(tabs, "a tab is found only where tabs are not allowed");
	ok(!is_hidden_char('\n') && !is_hidden_char(' ') && !is_hidden_char(0x738b) &&
	   !is_hidden_char(0x3000) && !is_hidden_char(0xa0),
	   "line feed, spaces, Chinese text and no-break spaces are not hidden");
	ok(is_hidden_char(0) && is_hidden_char(0x1b) && is_hidden_char(0x7f) && is_hidden_char(0x85) &&
	   is_hidden_char(0xad) && is_hidden_char(0x200b) && is_hidden_char(0x200d) &&
	   is_hidden_char(0x202e) && is_hidden_char(0x2060) && is_hidden_char(0x2066) &&
	   is_hidden_char(0xfeff),
	   "the characters of the issue are hidden");
	is_int(find_hidden_char("\xe7\x8e\x8b\xe5\xb0\x8f\xe2\x80\x8d\xe6\x98\x8e", 12, 0, &got), 6,
	       "the offset is in bytes");
	is_int(got, 0x200d, "and the character is given");
	is_int(find_hidden_char("abc", 3, 0, &got), 3, "none found gives the length");
	is_str(hidden_char_name(0x200b), "zero-width space", "a zero-width space has its name");
	is_str(hidden_char_name(0x202e), "text direction mark", "so do bidi controls");
	is_str(hidden_char_name(0x07), "control character", "and C0 controls");
}

static void test_printable(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = "a\x1b[2J\tb\nc\xe2\x80\xae\xc2\x85\xff";

	strbuf_add_printable(&sb, s, strlen(s), 1);
	is_str(sb.buf, "a\\u{001B}[2J\tb\nc\\u{202E}\\u{0085}\\xFF", "hidden characters shown, lines kept");
	strbuf_reset(&sb);
	strbuf_add_printable(&sb, s, strlen(s), 0);
	is_str(sb.buf, "a\\u{001B}[2J\\u{0009}b\\u{000A}c\\u{202E}\\u{0085}\\xFF", "or on one line");
	strbuf_reset(&sb);
	strbuf_add_json_printable(&sb, "\"\\\n\t\x01\x7f\xe2\x80\xae\xc2\x85\xe7\x8e\x8b");
	is_str(sb.buf, "\\\"\\\\\\n\\t\\u0001\\u007f\\u202e\\u0085\xe7\x8e\x8b",
	       "JSON escapes C1 and bidi controls too");
	strbuf_release(&sb);
}

static struct diag_list dl;

/* The hidden character of key's value in the top mapping of text. */
static const struct yhidden *hidden_of(struct ydoc **doc, const char *text, const char *key)
{
	const struct ynode *n;

	diag_list_release(&dl);
	ydoc_free(*doc);
	*doc = NULL;
	if (ydoc_parse(doc, text, strlen(text), "t.yaml", &dl) < 0)
		return NULL;
	n = ynode_get(ydoc_root(*doc), key);
	return n ? n->hidden : NULL;
}

#define where(h, l, c, cp_, esc) ((h) && (h)->line == (l) && (h)->col == (c) && (h)->cp == (cp_) && !strcmp((h)->escape, (esc)))

static void test_positions(void)
{
	struct ydoc *doc = NULL;
	const struct yhidden *h;

	ok(!hidden_of(&doc, "a: 王小明\nb: \"x\\ty\"\n", "a"), "a clean value has none");
	h = hidden_of(&doc, "a: 1\nname: 王\xe2\x80\xae小明\n", "name");
	ok(where(h, 2, 8, 0x202e, ""), "plain: at the character");
	h = hidden_of(&doc, "name: \"a\\0b\"\n", "name");
	ok(where(h, 1, 9, 0, "\\0"), "double-quoted: at the escape");
	h = hidden_of(&doc, "g: \"\\\\e \\e]0;x\\a\"\n", "g");
	ok(where(h, 1, 9, 0x1b, "\\e"), "an escaped backslash is not an escape");
	h = hidden_of(&doc, "g: \"\\u202e\"\n", "g");
	ok(where(h, 1, 5, 0x202e, "\\u202e"), "\\u escapes");
	h = hidden_of(&doc, "g: \"x\\x85\"\n", "g");
	ok(where(h, 1, 6, 0x85, "\\x85"), "\\x escapes");
	h = hidden_of(&doc, "g: \"x\\U0000FEFF\"\n", "g");
	ok(where(h, 1, 6, 0xfeff, "\\U0000FEFF"), "\\U escapes");
	h = hidden_of(&doc, "g: \"ab\\\n  c\xe2\x81\xa0\"\n", "g");
	ok(where(h, 2, 4, 0x2060, ""), "a raw character after a line continuation");
	h = hidden_of(&doc, "g: 'it''s\xc2\xad'\n", "g");
	ok(where(h, 1, 10, 0xad, ""), "single-quoted: at the character");
	h = hidden_of(&doc, "g: a\tb\n", "g");
	ok(where(h, 1, 5, '\t', ""), "a tab inside a plain value");
	ok(!hidden_of(&doc, "g: ab\t# note\n", "g"), "a tab before a comment is not in the value");
	h = hidden_of(&doc, "g: one\n  \ttwo\tthree\n", "g");
	ok(where(h, 2, 7, '\t', ""), "folded blanks at a line start are passed over");
	ok(!hidden_of(&doc, "g: |\n  a\tb\n  c\n", "g"), "a tab inside a | block is text");
	ok(!hidden_of(&doc, "g: >\n  a\tb\n", "g"), "and inside a > block");
	h = hidden_of(&doc, "g: |  # \xe2\x80\x8c\n  ab\n  c\xe2\x80\x8d\n", "g");
	ok(where(h, 3, 4, 0x200d, ""), "block: the header's comment is passed over");
	ok(!hidden_of(&doc, "a: x\n\xe2\x80\x8c" "b: y\n", "\xe2\x80\x8c" "b"), "a clean value");
	h = ynode_key(ydoc_root(doc), "\xe2\x80\x8c" "b")->hidden;
	ok(where(h, 2, 1, 0x200c, ""), "under a key that has one");
	h = hidden_of(&doc, "l: [ok, \"\\e\", x\xe2\x80\x8dy]\n", "l");
	ok(!h, "a list has none of its own");
	h = ynode_get(ydoc_root(doc), "l")->u.kids[1]->hidden;
	ok(where(h, 1, 10, 0x1b, "\\e"), "items of a flow list");
	h = ynode_get(ydoc_root(doc), "l")->u.kids[2]->hidden;
	ok(where(h, 1, 16, 0x200d, ""), "one after another on a line");
	h = hidden_of(&doc, "a: x\r\nb: \"\\r\"\r\n", "b");
	ok(where(h, 2, 5, '\r', "\\r"), "CRLF lines count once");
	ydoc_free(doc);
	diag_list_release(&dl);
}

int main(void)
{
	test_find_agrees_with_is_hidden();
	test_printable();
	test_positions();
	return done_testing();
}
