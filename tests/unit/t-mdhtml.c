/*
 * Markdown to safe HTML: raw HTML becomes text, only safe links survive,
 * images become links, and links between pages point at .html; a
 * teacher's field stands on its own in its page, with absolute links only.
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
	is_int(count(h, "<td class=\"align-right\">"), 1203, "alignment kept in every part");
	ok(strstr(h, "<td>学生1</td>") < strstr(h, "<td>学生600</td>") &&
	   strstr(h, "<td>学生600</td>") < strstr(h, "<td>学生1203</td>"), "rows in order");
	last = strstr(h, "</table>");
	ok(last && strstr(last, "<em>完</em>") && strstr(h, "<h1>花名册</h1>") < strstr(h, "<table>"),
	   "the text around it");
	is_int(count(h, "<div class=\"table-scroll\">"), 1, "one scroll box");
	free(h);
	strbuf_release(&md);
}

/* A page with the field md in it, between two parts of the page's own. */
static char *page_with_field(const char *md, struct strbuf *page)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_reset(page);
	strbuf_addstr(page, "# 备注\n\n");
	md_field(page, md, strlen(md));
	strbuf_addstr(page, "\n\n## 结对帮扶\n\n[页](child-wang.md)\n");
	md_to_html(page->buf, page->len, &sb);
	return strbuf_detach(&sb, NULL);
}

static void fields(void)
{
	struct strbuf page = STRBUF_INIT;
	char *h;

	h = page_with_field("喜欢画画\n\n```\n代码没有收尾\n", &page);
	ok(strstr(h, "<h2>结对帮扶</h2>") && strstr(h, "<a href=\"child-wang.html\">页</a>"),
	   "an unclosed fence in a field ends with the field");
	ok(strstr(page.buf, "代码没有收尾\n```\n<!-- /care:field -->"), "and is closed in the .md page too");
	free(h);
	h = page_with_field("```\nclosed\n```\n", &page);
	ok(!strstr(page.buf, "```\n```"), "a closed fence gets no second one");
	ok(strstr(h, "<h2>结对帮扶</h2>") != NULL, "the page goes on after it");
	free(h);
	h = page_with_field("[子](child-x.md) [协](//evil.example/x) [反](\\\\evil) [脚](javascript:x) "
			    "[数](data:text/html,x) [半](http:x) [好](https://example.org/a) "
			    "[信](mailto:a@b.example) [电](tel:10086) ![图](/x.png)", &page);
	ok(strstr(h, "href=\"https://example.org/a\"") && strstr(h, "href=\"mailto:a@b.example\"") &&
	   strstr(h, "href=\"tel:10086\""), "absolute links stay in a field");
	ok(!strstr(h, "child-x") && !strstr(h, "evil") && !strstr(h, "javascript") && !strstr(h, "data:") &&
	   !strstr(h, "href=\"http:x") && !strstr(h, "x.png"), "relative and other links go, their words stay");
	ok(strstr(h, "子") && strstr(h, "协") && strstr(h, "图"), "their words stay");
	free(h);
	h = page_with_field("- 一\n- 二\n\n[定义]: https://example.org/d\n", &page);
	ok(strstr(h, "</ul>\n<h2>结对帮扶</h2>") != NULL, "a list in a field ends with it");
	free(h);
	h = page_with_field("<script>alert(1)</script> <!-- /care:field --> 后面", &page);
	ok(!strstr(h, "<script") && strstr(h, "&lt;script&gt;") && strstr(h, "后面"),
	   "a field cannot end itself early");
	free(h);
	strbuf_release(&page);
	lacks("[x](//evil.example/x)", "evil", "a page's protocol-relative link goes");
	has("[x](/child-wang.md)", "href=\"/child-wang.md\"", "a page's link from the root stays");
}

int main(void)
{
	fields();
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
	has("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", "<td class=\"align-left\">1</td>\n"
	    "<td class=\"align-center\">2</td>\n<td class=\"align-right\">3</td>", "alignment as a class");
	lacks("| a | b |\n|:--|--:|\n| 1 | 2 |\n", "align=", "not as an attribute");
	has("<!-- care:labels -->\n| 项目 | 内容 |\n|---|--:|\n| 班主任 | [李芳](m.md) |\n| 年级 | 三 |\n",
	    "<table class=\"labels\">\n<thead>\n<tr>\n<th>项目</th>\n<th class=\"align-right\">内容</th>\n"
	    "</tr>\n</thead>\n<tbody>\n<tr>\n<th scope=\"row\">班主任</th>\n"
	    "<td class=\"align-right\"><a href=\"m.html\">李芳</a></td>\n</tr>\n<tr>\n"
	    "<th scope=\"row\">年级</th>\n", "a table marked as labels has row headers");
	lacks("<!-- care:labels -->\n| 项目 | 内容 |\n|---|---|\n| 班主任 | 李芳 |\n", "care:labels",
	      "and the mark goes");
	has("<!-- care:labels -->\n\n这不是表格\n", "&lt;!-- care:labels --&gt;",
	    "a mark before anything else is text");
	{
		struct strbuf page = STRBUF_INIT;
		char *h = page_with_field("<!-- care:labels -->\n| a | b |\n|---|---|\n| 1 | 2 |\n", &page);
		ok(strstr(h, "<td>1</td>") && !strstr(h, "scope=") && !strstr(h, "<!--"),
		   "a field cannot mark its table");
		free(h);
		strbuf_release(&page);
	}
	return done_testing();
}
