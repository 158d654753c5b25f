/*
 * Fuzz target: a schema's text through the schema loader, as care reads
 * the files of records/schema/. A schema that loads is walked the way pages and
 * `care new` walk one, converted to JSON Schema (`care schema --json`),
 * and used to validate two real records (a child and an activity), so its
 * patterns and enums meet text. Beyond not crashing: every diagnostic
 * points inside the schema's file or the record's, and loading, walking
 * and converting twice give the same answer.
 */
#include "fuzz.h"

#include "schema/json.h"
#include "schema/regex.h"
#include "schema/schema.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"

static const char *const schema_record_files[] = {
	"records/children/chen-siyu-2015.yaml",
	"records/activities/2025-09-05-lecture.yaml",
};
#define SCHEMA_NRECORDS (sizeof(schema_record_files) / sizeof(*schema_record_files))

static struct strbuf schema_records[SCHEMA_NRECORDS];
static struct ydoc *schema_docs[SCHEMA_NRECORDS];
static struct regex_scratch *schema_scratch;

static void schema_init(void)
{
	size_t i;

	if (schema_scratch)
		return;
	for (i = 0; i < SCHEMA_NRECORDS; i++) {
		struct diag_list dl = DIAG_LIST_INIT;
		strbuf_init(&schema_records[i], 0);
		fuzz_read_source(&schema_records[i], schema_record_files[i]);
		if (ydoc_parse(&schema_docs[i], schema_records[i].buf, schema_records[i].len,
			       schema_record_files[i], &dl) < 0)
			abort();
		diag_list_release(&dl);
	}
	schema_scratch = regex_scratch_new();
}

/* Everything a page or `care new` asks of a node, below it too. */
static void schema_walk(const struct snode *n, struct strbuf *out, int depth)
{
	size_t i;

	if (!n)
		return;
	/* A schema that refers to itself would not load: the walk ends. */
	FUZZ_ASSERT(depth < 1000);
	strbuf_addf(out, "(%s|%s|%d%d%d|%s", snode_title(n) ? snode_title(n) : "-",
		    snode_description(n) ? snode_description(n) : "-", snode_sensitive(n),
		    snode_markdown(n), snode_numeric(n), snode_xref(n) ? snode_xref(n) : "-");
	for (i = 0; i < snode_nenums(n); i++) {
		const char *e = snode_enum(n, i), *label;
		FUZZ_ASSERT(e && snode_enum_has(n, e));
		label = snode_label(n, e);
		strbuf_addf(out, " %s=%s", e, label ? label : "-");
	}
	for (i = 0; i < snode_nprops(n); i++) {
		const char *name = snode_prop_name(n, i);
		FUZZ_ASSERT(name && snode_prop(n, i) == snode_property(n, name));
		strbuf_addf(out, " %s%s:", name, snode_requires(n, name) ? "!" : "");
		schema_walk(snode_prop(n, i), out, depth + 1);
	}
	if (snode_items(n)) {
		strbuf_addstr(out, " []");
		schema_walk(snode_items(n), out, depth + 1);
	}
	strbuf_addch(out, ')');
}

/* One load, walk, conversion and validation; the answer as text. */
static char *schema_run(const char *buf, size_t len)
{
	struct diag_list dl = DIAG_LIST_INIT, jl = DIAG_LIST_INIT;
	struct strbuf out = STRBUF_INIT;
	struct schema *s = NULL;
	size_t i;

	if (schema_load(&s, "records/schema/x.yaml", buf, len, &dl) == 0) {
		FUZZ_ASSERT(s && schema_root(s));
		schema_walk(schema_root(s), &out, 0);
		strbuf_addch(&out, '\n');
		for (i = 0; i < SCHEMA_NRECORDS; i++) {
			struct diag_list vl = DIAG_LIST_INIT;
			char *text;
			int errors = schema_validate(s, ydoc_root(schema_docs[i]), schema_record_files[i],
						     &vl, schema_scratch, NULL);
			FUZZ_ASSERT(errors >= 0 && (size_t)errors == diag_list_count(&vl, DIAG_ERROR));
			fuzz_check_positions(&vl, schema_records[i].buf, schema_records[i].len);
			text = fuzz_diag_text(&vl);
			strbuf_addstr(&out, text);
			free(text);
			diag_list_release(&vl);
		}
	} else {
		FUZZ_ASSERT(s == NULL);
	}
	fuzz_check_positions(&dl, buf, len);

	/* The JSON export scans and loads the text itself. */
	if (schema_to_json(&out, "records/schema/x.yaml", buf, len, &jl) == 0)
		FUZZ_ASSERT(s != NULL);
	fuzz_check_positions(&jl, buf, len);

	schema_free(s);
	{
		char *text = fuzz_diag_text(&dl);
		strbuf_addstr(&out, text);
		free(text);
	}
	diag_list_release(&dl);
	diag_list_release(&jl);
	return strbuf_detach(&out, NULL);
}

FUZZ_TARGET(schema)
{
	char *buf, *a, *b;

	schema_init();
	buf = xmalloc(size + 1);
	if (size)
		memcpy(buf, data, size);
	buf[size] = '\0';
	a = schema_run(buf, size);
	b = schema_run(buf, size);
	if (strcmp(a, b)) {
		fprintf(stderr, "fuzz: two runs differ:\n%s\n---\n%s\n", a, b);
		abort();
	}
	free(a);
	free(b);
	free(buf);
	ydoc_thread_cleanup();
	return 0;
}
