/*
 * The identifier detector (detect/detect.h): every spelling of a phone or
 * ID number that reaches a reader, where each is found in the text given,
 * and the ordinary numbers of a school's records that must not match.
 */
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "util/strbuf.h"
#include "tap.h"

static struct detect_scratch *s;

/* The matches in text (len bytes, or strlen when 0), as "kind:matched text|..." */
static char *found_n(const char *text, size_t len)
{
	static const char *const kinds[] = { "?", "mobile", "landline", "id" };
	const struct detect_match *m;
	struct strbuf sb = STRBUF_INIT;
	int i, n;

	n = detect_find(s, text, len ? len : strlen(text), &m);
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s:%.*s", i ? "|" : "", kinds[m[i].kind],
			    (int)(m[i].end - m[i].start), text + m[i].start);
	if (n < 0)
		strbuf_addstr(&sb, "error");
	return strbuf_detach(&sb, NULL);
}

static void is_found(const char *text, const char *want, const char *what)
{
	char *got = found_n(text, 0);

	is_str(got, want, "%s", what);
	free(got);
}

static void none(const char *text)
{
	char *got = found_n(text, 0);

	is_str(got, "", "not a number: %s", text);
	free(got);
}

static void digits_of(const char *text, const char *want, const char *what)
{
	const struct detect_match *m;
	int n = detect_find(s, text, strlen(text), &m);

	is_str(n > 0 ? m[0].digits : "(none)", want, "%s", what);
}

static void visible(const char *text, size_t len, const char *want, const char *what)
{
	struct strbuf sb = STRBUF_INIT;

	detect_visible(s, text, len ? len : strlen(text), &sb);
	is_str(sb.buf, want, "%s", what);
	strbuf_release(&sb);
}

static void spellings(void)
{
	static const char *const dashes[] = {
		"-", "\xe2\x80\x90", "\xe2\x80\x91", "\xe2\x80\x92", "\xe2\x80\x93", "\xe2\x80\x94",
		"\xe2\x80\x95", "\xe2\x88\x92", "\xef\xb9\xa3", "\xef\xbc\x8d", "_",
	};
	static const char *const spaces[] = {
		" ", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x89", "\xe2\x80\xaf", "  ", "\t", " - ",
		"\n",
	};
	static const char *const invisible[] = {
		"\xc2\xad", "\xe2\x80\x8b", "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x81\xa0",
		"\xef\xbb\xbf", "\xe2\x80\x8e",
	};
	size_t i;

	is_found("奶奶电话 13998765432。", "mobile:13998765432", "a mobile in Chinese text");
	is_found("13998765&#52;32", "mobile:13998765&#52;32", "a decimal character reference");
	is_found("1399876&#x35;432", "mobile:1399876&#x35;432", "a hex character reference");
	is_found("139&nbsp;9876&ndash;5432", "mobile:139&nbsp;9876&ndash;5432", "named references for a space and a dash");
	is_found("电话 139**9876**5432 请", "mobile:139**9876**5432", "Markdown strong emphasis splitting a number");
	is_found("电话 139*9876*5432", "mobile:139*9876*5432", "Markdown emphasis splitting a number");
	is_found("电话 `139`9876`5432`", "mobile:139`9876`5432", "backticks splitting a number");
	is_found("电话 139~~9876~~5432", "mobile:139~~9876~~5432", "strikethrough splitting a number");
	is_found("电话 139\\-9876\\-5432", "mobile:139\\-9876\\-5432", "backslash escapes");
	is_found("[打电话](tel:13998765432)", "mobile:13998765432", "a number in a link's address");
	for (i = 0; i < sizeof(invisible) / sizeof(*invisible); i++) {
		char *t = xstrfmt("139%s9876%s5432", invisible[i], invisible[i]);
		char *want = xstrfmt("mobile:%s", t);
		is_found(t, want, "an invisible character inside a number");
		free(t);
		free(want);
	}
	{
		char *got = found_n("1399876\0" "5432", 12);
		is_str(got, "mobile:1399876", "a NUL inside a number (a YAML \"\\0\")");
		free(got);
	}
	for (i = 0; i < sizeof(dashes) / sizeof(*dashes); i++) {
		char *t = xstrfmt("139%s9876%s5432", dashes[i], dashes[i]);
		char *want = xstrfmt("mobile:%s", t);
		is_found(t, want, "a dash between the groups");
		free(t);
		free(want);
	}
	for (i = 0; i < sizeof(spaces) / sizeof(*spaces); i++) {
		char *t = xstrfmt("139%s9876%s5432", spaces[i], spaces[i]);
		char *want = xstrfmt("mobile:%s", t);
		is_found(t, want, "a space between the groups");
		free(t);
		free(want);
	}
	is_found("电话 139.9876.5432", "mobile:139.9876.5432", "dots between the groups");
	is_found("电话 139/9876/5432", "mobile:139/9876/5432", "slashes between the groups");
	is_found("电话 1399876 5432", "mobile:1399876 5432", "groups of 7 and 4");
	is_found("手机１３９９８７６５４３２", "mobile:１３９９８７６５４３２", "full-width digits");
	is_found("手机139９８７６5432", "mobile:139９８７６5432", "full-width digits mixed with ASCII");
	is_found("手机１３９ 9876　５４３２", "mobile:１３９ 9876　５４３２", "full-width groups, spaces of both widths");
	is_found("+8613998765432", "mobile:+8613998765432", "+86 run together");
	is_found("+86 139 9876 5432", "mobile:+86 139 9876 5432", "+86 in groups");
	is_found("（+86）139-9876-5432", "mobile:（+86）139-9876-5432", "(+86) in brackets");
	is_found("86 13998765432", "mobile:86 13998765432", "86 without the plus");
	is_found("0086 13998765432", "mobile:0086 13998765432", "0086");
	is_found("座机 0851-87654321", "landline:0851-87654321", "a landline with a hyphen");
	is_found("座机 0851 12345678", "landline:0851 12345678", "a landline with a space");
	is_found("座机085112345678", "landline:085112345678", "a landline run together");
	is_found("座机(0745)8055086", "landline:(0745)8055086", "an area code in brackets");
	is_found("座机（0745）8055086", "landline:（0745）8055086", "an area code in full-width brackets");
	is_found("座机【0745】8055086", "landline:【0745】8055086", "an area code in lenticular brackets");
	is_found("座机 (0745) 805-5086", "landline:(0745) 805-5086", "a local number in groups");
	is_found("北京 010-8888 6666", "landline:010-8888 6666", "a landline in 4-4 groups");
	is_found("0745 8055 0866", "landline:0745 8055 0866", "a four-digit area code and 4-4 groups");
	is_found("０２１－６１２３４５６７", "landline:０２１－６１２３４５６７", "a landline in full width");
	is_found("身份证11010519491231002X，", "id:11010519491231002X", "an ID number");
	is_found("身份证 11010519491231002x", "id:11010519491231002x", "an ID number with a small x");
	is_found("身份证 110105 19491231 002X 号", "id:110105 19491231 002X", "an ID number in groups");
	is_found("身份证 110105-1949-1231-002X", "id:110105-1949-1231-002X", "an ID number in four groups");
	is_found("身份证１１０１０５１９４９１２３１００２Ｘ", "id:１１０１０５１９４９１２３１００２Ｘ", "an ID number in full-width digits");
	is_found("旧身份证 110105491231002", "id:110105491231002", "a 15-digit ID number");
	is_found("旧身份证 110105 491231 002", "id:110105 491231 002", "a 15-digit ID number in groups");
	is_found("电话13998765432，身份证11010519491231002X", "mobile:13998765432|id:11010519491231002X",
		 "a phone and an ID number");
	is_found("爸爸 13998765432 妈妈 13998765432", "mobile:13998765432|mobile:13998765432",
		 "the same number twice, found twice");
	is_found("139 9876 5432 2025-10-01", "mobile:139 9876 5432", "a date after a number stays out of it");
	is_found("1. 139 9876 5432", "mobile:139 9876 5432", "a list number before a phone");
	is_found("13998765432 13812345678", "mobile:13998765432|mobile:13812345678", "two numbers with a space between");
	is_found("13998765432xyz", "mobile:13998765432", "letters after a number");
	digits_of("+86 139-9876-5432", "13998765432", "digits as read, without +86");
	digits_of("（0745）８０５５０８６", "07458055086", "digits of a landline");
}

static void positions(void)
{
	const struct detect_match *m;
	const char *t = "**爸爸** 139 9876 5432，`妈妈` 139*9876*5432";
	int n = detect_find(s, t, strlen(t), &m);

	is_int(n, 2, "two numbers in Markdown");
	if (n == 2) {
		is_int(m[0].start, strstr(t, "139") - t, "the first found in the text as written");
		is_int(m[1].start, strstr(t, "139*") - t, "the second where the page shows it");
		is_int(m[1].end, strlen(t), "...to its last digit");
	}
	t = "> 引用\n> 139\n> 9876 5432\n";
	is_found(t, "mobile:139\n> 9876 5432", "a number across lines of a quote");
	t = "- 一\n- 139 9876 5432\n- 139 9876 5432\n";
	n = detect_find(s, t, strlen(t), &m);
	is_int(n, 2, "a number in two list items");
	if (n == 2)
		ok(m[0].start < m[1].start && m[1].start == (size_t)(strrchr(t, '-') + 2 - t),
		   "each where it is written");
	is_found("| 姓名 | 电话 |\n|---|---|\n| 王 | 139 **9876** 5432 |\n",
		 "mobile:139 **9876** 5432", "a number in a table cell");
	is_found("| 139 | 9876 5432 |\n|---|---|\n", "", "table cells keep numbers apart");
	/* A lazy line of a list item: cmark-gfm's columns there are off by the item's indent. */
	t = "- 作业按时完成，\n2025-10-01 辅导，电话 `185`4096`6654`。\n第 3 组，电话 `177`0170`0019`。\n";
	n = detect_find(s, t, strlen(t), &m);
	is_int(n, 2, "numbers split by Markdown on lazy lines");
	if (n == 2) {
		is_int(m[0].start, strstr(t, "185") - t, "the first on its lazy line");
		is_int(m[1].start, strstr(t, "177") - t, "the second on its lazy line");
	}
	is_found("- 一\n\n\t电话 **139** 9876 5432\n", "mobile:139** 9876 5432", "after a tab");
	is_found("\t- 一\n\t  电话 `139` 9876 5432\n", "", "(a tab makes code, and code shows its backticks)");
}

static void ordinary_text(void)
{
	none("2025-10-01");
	none("2025.10.01");
	none("2025/10/01");
	none("20251001");
	none("2025年10月1日");
	none("2025-10-01 至 2026-07-10");
	none("2025-10-01 2025-10-31");
	none("2025.01.05 2025.01.12 2025.01.19 2025.01.26");
	none("14:30");
	none("08:00-09:30");
	none("2025-10-01 14:30-16:00");
	none("期中数学 72 分，比上学期提高 10 分");
	none("72 分");
	none("72 85 91 88 67 100");
	none("成绩：13 15 18 12 19 10");
	none("2015");
	none("2015 2016 2017 2018");
	none("2019-2020 学年");
	none("2025-10-22-birthday");
	none("wang-xiaoming-2015");
	none("2025-wang-xiaoming-2015");
	none("records/activities/2025-10-01-birthday.yaml");
	none("编号 110105194912310021 号");
	none("110105491331002");
	none("12345678901234");
	none("139987654321");
	none("6222 0212 3456 7890 123");
	none("1,399,876,543");
	none("13 99 87 65 43 2");
	none("第 3 组 12 号");
	none("本村三组 12 号");
	none("3x4 的格子");
	none("v1.2.3");
	none("共 130 人参加，其中 6 名留守儿童");
	none("①13 ②14");
	none("");
}

static void reader_text(void)
{
	visible("１３９\xc2\xad" "9876&#52;", 0, "13998764", "what a reader sees: NFKC, no soft hyphen, a reference decoded");
	visible("a\0b", 3, "ab", "a NUL is not seen");
	visible("（0745）\xe3\x80\x80" "805", 0, "(0745) 805", "full-width brackets and space");
}

int main(void)
{
	ok(!detect_init(), "Unicode's data is there");
	s = detect_scratch_new();
	ok(detect_valid_id_number("11010519491231002X"), "a valid ID number with check X");
	ok(!detect_valid_id_number("110105194912310021"), "a wrong check digit");
	spellings();
	positions();
	ordinary_text();
	reader_text();
	ok(detect_thread_scratch() == detect_thread_scratch(), "one scratch per thread");
	detect_scratch_free(s);
	detect_scratch_free(NULL);
	return done_testing();
}
