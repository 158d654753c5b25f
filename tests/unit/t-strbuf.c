/* Unit tests for strbuf.c and utf8.c. */
#include <stdlib.h>

#include "util/strbuf.h"
#include "util/utf8.h"
#include "tap.h"

static void test_strbuf(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;
	size_t len;
	int i;

	is_str(sb.buf, "", "a fresh strbuf is an empty string");
	strbuf_addstr(&sb, "王小明");
	strbuf_addch(&sb, ' ');
	strbuf_addf(&sb, "%d-%02d", 2015, 3);
	is_str(sb.buf, "王小明 2015-03", "add, addch and addf append");
	for (i = 0; i < 1000; i++)
		strbuf_addstr(&sb, "0123456789");
	is_int(sb.len, strlen("王小明 2015-03") + 10000, "growing keeps the length");
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "a\"b\\c\nd\x01");
	is_str(sb.buf, "a\\\"b\\\\c\\nd\\u0001", "JSON escaping");
	s = strbuf_detach(&sb, &len);
	is_int(len, 16, "detach returns the length");
	is_str(sb.buf, "", "detach leaves the strbuf empty");
	free(s);
	s = strbuf_detach(&sb, NULL);
	is_str(s, "", "detaching an empty strbuf gives an allocated empty string");
	free(s);
}

static void test_utf8(void)
{
	uint32_t cp = 0;

	is_int(utf8_decode("\xe7\x8e\x8b", 3, &cp), 3, "three-byte sequence decodes");
	is_int(cp, 0x738b, "to the right code point");
	is_int(utf8_decode("\xc0\x80", 2, &cp), 0, "overlong NUL is rejected");
	is_int(utf8_decode("\xed\xa0\x80", 3, &cp), 0, "surrogates are rejected");
	is_int(utf8_decode("\xe7\x8e", 2, &cp), 0, "truncated sequence is rejected");
	is_int(utf8_strnlen("王a小", 7), 3, "characters, not bytes, are counted");
	is_int(utf8_cpwidth(0x738b), 2, "CJK is two columns wide");
	is_int(utf8_cpwidth('a'), 1, "ASCII is one column wide");
	is_int(edit_distance("gendr", "gender"), 1, "edit distance of a dropped letter");
	is_int(edit_distance("name", "name"), 0, "edit distance of equal strings");
}

int main(void)
{
	test_strbuf();
	test_utf8();
	return done_testing();
}
