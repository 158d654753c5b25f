/* Unit tests for text.c: the raw-text hazards, each at its position. */
#include <string.h>

#include "util/i18n.h"
#include "util/lines.h"
#include "yaml/hazards.h"
#include "tap.h"

static struct diag_list dl;

static int scan(const char *text, size_t len)
{
	diag_list_release(&dl);
	return text_scan(text, len, "t.yaml", &dl);
}

#define SCAN(s) scan((s), sizeof(s) - 1)

static void expect(const char *what, int line, int col, const char *rule)
{
	int ok_last = ok(dl.nr >= 1 && dl.v[0].line == line && dl.v[0].col == col && !strcmp(dl.v[0].rule, rule),
	   "%s at %d:%d [%s]", what, line, col, rule);
	if (!ok_last && dl.nr)
		printf("#   got %d:%d [%s] %s\n", dl.v[0].line, dl.v[0].col, dl.v[0].rule, dl.v[0].msg);
}

static void test_position(void)
{
	int line, col;
	const char *s = "ab\r\n王x\rz\n";

	text_position(s, strlen(s), 8, &line, &col);
	ok(line == 2 && col == 3, "offset after a Chinese character is column 3 (%d:%d)", line, col);
	text_position(s, strlen(s), 10, &line, &col);
	ok(line == 3 && col == 2, "a lone CR ends a line (%d:%d)", line, col);
}

static void test_hazards(void)
{
	ok(!SCAN("name: 王小明\nnotes: |\n  时间：下午\n"), "Chinese punctuation inside values is fine");
	ok(!SCAN("\xef\xbb\xbfname: x\r\n"), "BOM and CRLF are fine");
	SCAN("a: 1\nname\xef\xbc\x9a王小明\n");
	expect("full-width colon", 2, 5, "fullwidth-punct");
	SCAN("guardian:\n  name\xef\xbc\x9a x\n");
	expect("nested full-width colon", 2, 7, "fullwidth-punct");
	SCAN("name:王小明\n");
	expect("missing space", 1, 6, "missing-space");
	SCAN("a:\n\tb: 1\n");
	expect("tab indentation", 2, 1, "tab-indent");
	SCAN("a:\n\xe3\x80\x80\xe3\x80\x80" "b: 1\n");
	expect("ideographic space indentation", 2, 1, "fullwidth-space");
	SCAN("needs: [poverty\xef\xbc\x8clearning]\n");
	expect("full-width comma in a flow list", 1, 16, "fullwidth-punct");
	SCAN("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n");
	expect("conflict marker", 2, 1, "conflict-marker");
	is_int(dl.nr, 3, "every marker line is reported");
	SCAN("notes: |\n  one\n<<<<<<< HEAD\n  two\n");
	expect("conflict marker inside a block scalar", 3, 1, "conflict-marker");
	SCAN("a: b\x07\n");
	expect("control character", 1, 5, "control-char");
	SCAN("a: \xe2\x80\x8bx\n");
	expect("zero-width space", 1, 4, "control-char");
	SCAN("a: b\0c\n");
	expect("NUL byte", 1, 5, "control-char");
}

static void test_encodings(void)
{
	/* "name: 王小明" in GBK */
	SCAN("a: 1\nname: \xcd\xf5\xd0\xa1\xc3\xf7\n");
	expect("GBK text", 2, 7, "encoding");
	ok(dl.nr && strstr(dl.v[0].msg, "GBK") && strstr(dl.v[0].msg, "王小明"),
	   "the message names GBK and shows the decoded line");
	SCAN("a: \xff\x41\n");
	expect("invalid UTF-8 that is not GBK", 1, 4, "encoding");
	ok(dl.nr && !strstr(dl.v[0].msg, "GBK"), "without a GBK hint");
	SCAN("\xff\xfen\0a\0m\0e\0:\0 \0x\0\n\0");
	expect("UTF-16 with BOM", 1, 1, "encoding");
	SCAN("n\0a\0m\0e\0:\0 \0x\0\n\0");
	expect("UTF-16 without BOM", 1, 1, "encoding");
}

int main(void)
{
	i18n_set("en");
	test_position();
	test_hazards();
	test_encodings();
	diag_list_release(&dl);
	return done_testing();
}
