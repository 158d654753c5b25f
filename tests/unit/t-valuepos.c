/*
 * Where a byte of a scalar's value was written (yaml/valuepos.h): through
 * each style's quotes, escapes, folding and indentation.
 */
#include <stdio.h>
#include <string.h>

#include "util/diag.h"
#include "yaml/tree.h"
#include "yaml/valuepos.h"
#include "tap.h"

/*
 * The line:column of the n-th copy (from 1) of needle in the value of key
 * in doc, as "line:col".
 */
static void at(const char *doc, const char *key, const char *needle, int nth, const char *want,
	       const char *what)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct ydoc *d = NULL;
	struct yplace place = YPLACE_INIT;
	const struct ynode *v;
	const char *hit = NULL;
	char buf[32] = "(not found)";
	const char *got = buf;
	size_t off = 0;
	int line, col;

	if (ydoc_parse(&d, doc, strlen(doc), "t.yaml", &dl) == 0 &&
	    (v = ynode_get(ydoc_root(d), key)) && v->type == YNODE_SCALAR) {
		const char *p = v->u.text;
		while (nth-- > 0 && (hit = memmem(p, v->len - (size_t)(p - v->u.text), needle,
						  strlen(needle))))
			p = hit + 1;
		if (hit) {
			off = (size_t)(hit - v->u.text);
			ynode_locate(doc, strlen(doc), &place, v, &off, 1, &line, &col);
			snprintf(buf, sizeof(buf), "%d:%d", line, col);
		}
	}
	is_str(got, want, "%s", what);
	ydoc_free(d);
	diag_list_release(&dl);
}

int main(void)
{
	at("notes: 爸爸 139 妈妈 139\n", "notes", "139", 1, "1:11", "plain: the first copy");
	at("notes: 爸爸 139 妈妈 139\n", "notes", "139", 2, "1:18", "plain: the second copy at its own column");
	at("a: 1\nnotes: 一行\n  二行 139\n", "notes", "139", 1, "3:6", "plain over two lines");
	at("notes: '它''s 139'\n", "notes", "139", 1, "1:14", "single quotes with a doubled quote");
	at("notes: \"a\\u200bb\\t139\"\n", "notes", "139", 1, "1:19", "double quotes after escapes");
	at("notes: \"a\\u200bb\"\n", "notes", "\xe2\x80\x8b", 1, "1:10", "an escape is found at its backslash");
	at("notes: \"139\\0 9876\"\n", "notes", "9876", 1, "1:15", "after a \\0");
	at("notes: \"一 \\\n  139\"\n", "notes", "139", 1, "2:3", "after an escaped line end");
	at("notes: \"一\n  139\"\n", "notes", "139", 1, "2:3", "a folded line in double quotes");
	at("notes: |\n  第一行\n  139 9876\n    139\n", "notes", "139", 1, "3:3", "a literal block");
	at("notes: |\n  第一行\n  139 9876\n    139\n", "notes", "139", 2, "4:5", "a more indented line of a block");
	at("notes: >-\n  第一行\n  139\n\n  139\n", "notes", "139", 2, "5:3", "a folded block");
	at("notes: |  # 说明\n  139\n", "notes", "139", 1, "2:3", "a block with a comment on its header");
	at("\xef\xbb\xbfnotes: 139\n", "notes", "139", 1, "1:8", "after a byte-order mark");
	at("a: 1\r\nnotes: |\r\n  x\r\n  139\r\n", "notes", "139", 1, "4:3", "CR LF line ends");
	at("list: {a: \"x\", notes: \"二 139\"}\n", "list", "139", 1, "(not found)", "(a mapping is no scalar)");
	at("notes: {a: 1}\n", "notes", "139", 1, "(not found)", "(nor is a flow mapping)");
	return done_testing();
}
