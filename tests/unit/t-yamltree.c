/* Unit tests for yamltree.c: positions, kept text, and what is refused. */
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "yaml/tree.h"
#include "tap.h"

static struct diag_list dl;

static struct ydoc *parse(const char *text)
{
	struct ydoc *doc;

	diag_list_release(&dl);
	ydoc_parse(&doc, text, strlen(text), "t.yaml", &dl);
	return doc;
}

static const char *first_rule(void)
{
	return dl.nr ? dl.v[0].rule : "(none)";
}

static void test_scalars_keep_text(void)
{
	struct ydoc *doc = parse("phone: 13812345678\nbirth_date: 2015-03-14\nnote: no\n"
				 "cohort: 2021\nempty:\nq: \"x\"\n");
	const struct ynode *root = ydoc_root(doc);

	is_str(ynode_text(ynode_get(root, "phone")), "13812345678", "a number stays text");
	is_str(ynode_text(ynode_get(root, "birth_date")), "2015-03-14", "a date stays text");
	is_str(ynode_text(ynode_get(root, "note")), "no", "'no' stays text");
	ok(ynode_is_null(ynode_get(root, "empty")), "an empty value is null");
	ok(!ynode_is_null(ynode_get(root, "q")) && !ynode_get(root, "q")->plain,
	   "a quoted value is not plain");
	ydoc_free(doc);
}

static void test_positions(void)
{
	struct ydoc *doc = parse("a: 1\r\nguardian:\r\n  name: 李秀英\r\n  phone: \"139\"\r\n");
	const struct ynode *g = ynode_get(ydoc_root(doc), "guardian");
	const struct ynode *phone = ynode_get(g, "phone");

	is_int(phone->line, 4, "CRLF lines are counted once");
	is_int(phone->col, 10, "columns are 1-based");
	is_int(ynode_key(g, "name")->line, 3, "keys keep their line");
	ydoc_free(doc);
	doc = parse("\xef\xbb\xbfname: 王小明\nx: y\n");
	ok(doc != NULL, "a UTF-8 BOM is accepted");
	is_int(ynode_get(ydoc_root(doc), "x")->col, 4, "the BOM takes no column");
	is_int(ynode_get(ydoc_root(doc), "name")->col, 7, "first line columns ignore the BOM");
	ydoc_free(doc);
	doc = parse("name: 王小明 x\nb: y\n");
	is_int(ynode_get(ydoc_root(doc), "b")->line, 2, "lines after Chinese text");
	ydoc_free(doc);
}

static void test_refusals(void)
{
	struct {
		const char *text, *rule;
	} cases[] = {
		{ "a: 1\nb: 2\na: 3\n", "duplicate-key" },
		{ "a: &x 1\nb: *x\n", "yaml-anchor" },
		{ "b: *x\n", "yaml-alias" },
		{ "a: {x: 1}\n<<: {y: 2}\n", "yaml-merge" },
		{ "a: !!str 1\n", "yaml-tag" },
		{ "? [a, b]\n: 1\n", "yaml-complex-key" },
		{ "a: 1\n---\nb: 2\n", "yaml-multi-doc" },
		{ "- a\n- b\n", "not-mapping" },
		{ "", "empty-file" },
		{ "# only a comment\n", "empty-file" },
		{ "a: \"open\nb: 2\n", "yaml-syntax" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct ydoc *doc = parse(cases[i].text);
		ok(!doc, "refused: %s", cases[i].rule);
		is_str(first_rule(), cases[i].rule, "with rule %s", cases[i].rule);
		ydoc_free(doc);
	}
}

static void test_duplicates_in_large_mapping(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct ydoc *doc;
	int i;

	for (i = 0; i < 100; i++)
		strbuf_addf(&sb, "k%d: %d\n", i, i);
	strbuf_addstr(&sb, "k7: again\n");
	doc = parse(sb.buf);
	ok(!doc, "a duplicate among 101 keys is found");
	is_int(dl.nr ? dl.v[0].line : 0, 101, "at the second occurrence");
	ok(dl.nr && strstr(dl.v[0].msg, "line 8"), "naming the first line");
	strbuf_release(&sb);
}

static void test_depth(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct ydoc *doc;
	int i;

	strbuf_addstr(&sb, "a: ");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, '[');
	doc = parse(sb.buf);
	ok(!doc, "100000 nested lists are refused");
	is_str(first_rule(), "yaml-depth", "by the depth limit, before the scanner sees them all");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a: ");
	for (i = 0; i < YDOC_MAX_DEPTH - 1; i++)
		strbuf_addch(&sb, '[');
	for (i = 0; i < YDOC_MAX_DEPTH - 1; i++)
		strbuf_addch(&sb, ']');
	strbuf_addch(&sb, '\n');
	doc = parse(sb.buf);
	ok(doc != NULL, "nesting up to the limit is accepted");
	ydoc_free(doc);
	strbuf_release(&sb);
}

int main(void)
{
	i18n_set("en");
	test_scalars_keep_text();
	test_positions();
	test_refusals();
	test_duplicates_in_large_mapping();
	test_depth();
	diag_list_release(&dl);
	return done_testing();
}
