/*
 * Markdown to safe HTML: raw HTML becomes text, only safe links survive,
 * images become links, and links between pages point at .html.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/mdhtml.h"
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

int main(void)
{
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
