/*
 * Markdown to safe HTML: raw HTML becomes text, only safe links survive,
 * images become links, and links between pages point at .html.
 */
#include <stdlib.h>
#include <string.h>

#include "template/markdown.h"
#include "tap.h"

static char *html_of(const char *md)
{
	struct strbuf sb = STRBUF_INIT;

	md_to_html(md, strlen(md), &sb);
	return strbuf_detach(&sb, NULL);
}

static void has(const char *md, const char *want, const char *what)
{
	char *h = html_of(md);
	if (!ok(strstr(h, want) != NULL, "%s", what))
		printf("#   html: %s\n", h);
	free(h);
}

static void lacks(const char *md, const char *bad, const char *what)
{
	char *h = html_of(md);
	if (!ok(strstr(h, bad) == NULL, "%s", what))
		printf("#   html: %s\n", h);
	free(h);
}

static size_t count(const char *h, const char *needle)
{
	size_t n = 0;

	for (; (h = strstr(h, needle)); h++)
		n++;
	return n;
}

/* A roster of 1,203 rows is converted in parts and joined into one table. */
static void big_table(void)
{
	struct strbuf md = STRBUF_INIT;
	char *h, *last;
	int i;

	strbuf_addstr(&md, "# 花名册\n\n| 姓名 | 班级 |\n|---|---:|\n");
	for (i = 1; i <= 1203; i++)
		strbuf_addf(&md, "| 学生%d | %d |\n", i, i % 7);
	strbuf_addstr(&md, "\n后记 *完*\n");
	h = html_of(md.buf);
	is_int(count(h, "<table>"), 1, "one table");
	is_int(count(h, "</table>"), 1, "closed once");
	is_int(count(h, "<thead>"), 1, "one header");
	is_int(count(h, "<tbody>"), 1, "one body");
	is_int(count(h, "<tr>"), 1204, "every row, and the header's");
	is_int(count(h, "<td align=\"right\">"), 1203, "alignment kept in every part");
	ok(strstr(h, "<td>学生1</td>") < strstr(h, "<td>学生600</td>") &&
	   strstr(h, "<td>学生600</td>") < strstr(h, "<td>学生1203</td>"), "rows in order");
	last = strstr(h, "</table>");
	ok(last && strstr(last, "<em>完</em>") && strstr(h, "<h1>花名册</h1>") < strstr(h, "<table>"),
	   "the text around it");
	is_int(count(h, "<div class=\"table-scroll\">"), 1, "one scroll box");
	free(h);
	strbuf_release(&md);
}

int main(void)
{
	big_table();
	has("| a | b |\n|---|---|\n| 1 | 2 |\n", "<table>", "tables");
	has("~~old~~ new", "<del>old</del>", "strikethrough");
	has("see https://example.org/x", "<a href=\"https://example.org/x\">", "autolinks");
	has("<script>alert(1)</script>\n", "&lt;script&gt;alert(1)&lt;/script&gt;", "an HTML block is text");
	lacks("<script>alert(1)</script>\n", "<script", "no script element");
	has("a <b onclick=x>bold</b> c", "&lt;b onclick=x&gt;", "inline HTML is text");
	lacks("a <b onclick=x>bold</b> c", "raw HTML omitted", "nothing is silently dropped");
	lacks("[x](javascript:alert(1))", "javascript:", "javascript: links go");
	has("[x](javascript:alert(1))", "<p>x</p>", "their text stays");
	lacks("[x](JaVaScRiPt:alert(1))", "avaScr", "whatever the case");
	lacks("[x](data:text/html,hi)", "data:", "data: links go");
	lacks("[x](vbscript:x)", "vbscript", "vbscript: links go");
	has("[家长](mailto:a@b.example)", "href=\"mailto:a@b.example\"", "mailto stays");
	has("[电话](tel:10086)", "href=\"tel:10086\"", "tel stays");
	has("[页](child-wang.md)", "href=\"child-wang.html\"", "links between pages point at .html");
	has("[页](child-wang.md#pairings)", "href=\"child-wang.html#pairings\"", "with their fragment");
	has("[页](notes.txt)", "href=\"notes.txt\"", "other relative links stay");
	lacks("![photo](http://example.invalid/p.png)", "<img", "images are not loaded");
	has("![photo](http://example.invalid/p.png)", "<a href=\"http://example.invalid/p.png\">photo</a>",
	    "but linked");
	lacks("![x](javascript:alert(1))", "javascript", "an image with a bad scheme goes");
	return done_testing();
}
