/* Unit tests for schema.c and validate.c. */
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "schema/schema.h"
#include "util/calendar.h"
#include "util/strbuf.h"
#include "tap.h"

static struct diag_list dl;

static struct schema *load(const char *text)
{
	struct schema *s;

	diag_list_release(&dl);
	schema_load(&s, "s.yaml", text, strlen(text), &dl);
	return s;
}

static const char schema_text[] =
	"type: object\n"
	"additionalProperties: false\n"
	"required: [name, gender]\n"
	"properties:\n"
	"  name: {title: 姓名, type: string, minLength: 1, maxLength: 4}\n"
	"  gender: {title: 性别, type: string, enum: [male, female], x-labels: {male: 男, female: 女}}\n"
	"  born: {type: string, format: date}\n"
	"  class: {type: integer, minimum: 1, maximum: 30}\n"
	"  phone: {$ref: \"#/$defs/phone\", title: 电话}\n"
	"  child: {type: string, x-ref: child}\n"
	"  notes: {type: string, x-markdown: true}\n"
	"  tags: {type: array, uniqueItems: true, minItems: 1, items: {type: string}}\n"
	"$defs:\n"
	"  phone: {type: string, pattern: \"^1[3-9][0-9]{9}$\", x-sensitive: true}\n";

static int refs, texts;

static void on_ref(void *data, const char *kind, const struct ynode *v)
{
	(void)data;
	refs += !strcmp(kind, "child") && !strcmp(v->u.text, "wang-xiaoming-2015");
}

static void on_text(void *data, const char *field, const struct ynode *v)
{
	(void)data;
	(void)v;
	texts += !strcmp(field, "'notes'");
}

static int validate(const struct schema *s, const char *text)
{
	struct ydoc *doc;
	struct regex_scratch *m = regex_scratch_new();
	struct validate_hooks hooks = { on_ref, on_text, NULL };
	int errors = -1;

	diag_list_release(&dl);
	if (!ydoc_parse(&doc, text, strlen(text), "r.yaml", &dl))
		errors = schema_validate(s, ydoc_root(doc), "r.yaml", &dl, m, &hooks);
	ydoc_free(doc);
	regex_scratch_free(m);
	return errors;
}

static void expect(const struct schema *s, const char *text, const char *rule, int line,
		   const char *needle)
{
	int n = validate(s, text);

	int ok_last = ok(n >= 1 && !strcmp(dl.v[0].rule, rule) && dl.v[0].line == line &&
		   (!needle || strstr(dl.v[0].msg, needle)),
	   "[%s] on line %d%s%s", rule, line, needle ? " mentioning " : "", needle ? needle : "");
	if (!ok_last && dl.nr)
		printf("#   got %d:%d [%s] %s\n", dl.v[0].line, dl.v[0].col, dl.v[0].rule, dl.v[0].msg);
}

static void test_validation(const struct schema *s)
{
	is_int(validate(s, "name: 王小明\ngender: male\nborn: 2016-02-29\nclass: 3\n"
			   "phone: 13812345678\nchild: wang-xiaoming-2015\nnotes: x\ntags: [a]\n"), 0,
	       "a valid record has no errors");
	is_int(refs, 1, "x-ref values are reported to the caller");
	is_int(texts, 1, "x-markdown values are reported as free text");
	expect(s, "name: x\n", "required", 1, "gender");
	expect(s, "name: x\ngender: mael\n", "enum", 2, "did you mean 'male'");
	expect(s, "name: x\ngender: 女\n", "enum", 2, "'female'");
	expect(s, "name: x\ngender: male\nnmae: y\n", "unknown-key", 3, "did you mean 'name'");
	expect(s, "name: x\ngender: male\n性别: 男\n", "unknown-key", 3, "'gender'");
	expect(s, "name: x\ngender: male\nborn: 2015-02-29\n", "date", 3, NULL);
	expect(s, "name: x\ngender: male\nborn: 2015/3/14\n", "date", 3, NULL);
	expect(s, "name: x\ngender: male\nclass: 二\n", "type", 3, "whole number");
	expect(s, "name: x\ngender: male\nclass: 31\n", "range", 3, NULL);
	expect(s, "name: x\ngender: male\nphone: \"1381234\"\n", "pattern", 3, NULL);
	expect(s, "name: 王小明明明\ngender: male\n", "length", 1, "5 characters");
	expect(s, "name:\ngender: male\n", "empty", 1, NULL);
	expect(s, "name: x\ngender: male\ntags: [a, a]\n", "unique", 3, NULL);
	expect(s, "name: x\ngender: male\ntags: []\n", "items", 3, NULL);
	expect(s, "name: [x]\ngender: male\n", "type", 1, NULL);
	i18n_set("zh");
	expect(s, "name: x\ngender: male\nphone: \"1\"\n", "pattern", 3, "\xe2\x80\x9c电话\xe2\x80\x9d");
	i18n_set("en");
}

static void test_bad_schemas(void)
{
	struct schema *s;

	s = load("type: object\nrequried: [a]\n");
	ok(!s && dl.nr && strstr(dl.v[0].msg, "'required'") && dl.v[0].line == 2,
	   "an unknown keyword is an error, with a suggestion");
	s = load("type: strng\n");
	ok(!s && dl.nr, "an unknown type is an error");
	s = load("type: string\npattern: \"([a-z\"\n");
	ok(!s && dl.nr && !strcmp(dl.v[0].rule, "schema"), "a pattern that does not compile");
	s = load("properties:\n  a: {$ref: \"#/$defs/nope\"}\n");
	ok(!s && dl.nr, "a $ref to a missing definition");
	s = load("enum: [a, b]\nx-labels: {c: 丙}\n");
	ok(!s && dl.nr, "x-labels naming a value not in enum");
	s = load("type: object\nadditionalProperties: false\nrequired: [a]\nproperties: {b: {}}\n");
	ok(!s && dl.nr, "required field not among the properties");
}

static void test_dates(void)
{
	ok(cal_valid("2024-02-29"), "leap day in a leap year");
	ok(!cal_valid("2023-02-29"), "no leap day in 2023");
	ok(!cal_valid("1900-02-29"), "no leap day in 1900");
	ok(cal_valid("2000-02-29"), "leap day in 2000");
	ok(!cal_valid("2024-13-01"), "no month 13");
	ok(!cal_valid("2024-4-01"), "two-digit months only");
	ok(!cal_valid("2024-04-31"), "April has 30 days");
}

int main(void)
{
	struct schema *s;

	i18n_set("en");
	s = load(schema_text);
	ok(s != NULL, "the test schema loads");
	if (s)
		test_validation(s);
	ok(s && snode_sensitive(snode_property(schema_root(s), "phone")),
	   "x-sensitive is found through $ref");
	ok(s && !strcmp(snode_label(snode_property(schema_root(s), "gender"), "female"), "女"),
	   "labels are looked up");
	schema_free(s);
	test_bad_schemas();
	test_dates();
	diag_list_release(&dl);
	return done_testing();
}
