/*
 * Fuzz target: one record's text through what `care check` does to every
 * file on its own (records/check.c): the raw-text hazard scan, the YAML
 * tree, and the schema validator, here against each of the real schemas
 * in records/schema/. Beyond not crashing: every diagnostic and every
 * node points inside the file, a second run says the same, and the same
 * text with CRLF line ends or a UTF-8 BOM gets the same verdict (the same
 * rules reported, an error or none), since editors on Windows write both.
 */
#include "fuzz.h"

#include "schema/regex.h"
#include "schema/schema.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"

static const char *const yaml_schema_files[] = {
	"records/schema/child.yaml",
	"records/schema/activity.yaml",
	"records/schema/pairing.yaml",
	"records/schema/programme.yaml",
};
#define YAML_NSCHEMAS (sizeof(yaml_schema_files) / sizeof(*yaml_schema_files))

static struct schema *yaml_schemas[YAML_NSCHEMAS];
static struct regex_scratch *yaml_scratch;

static void yaml_init(void)
{
	size_t i;

	if (yaml_scratch)
		return;
	for (i = 0; i < YAML_NSCHEMAS; i++) {
		struct strbuf sb = STRBUF_INIT;
		struct diag_list dl = DIAG_LIST_INIT;
		fuzz_read_source(&sb, yaml_schema_files[i]);
		if (schema_load(&yaml_schemas[i], yaml_schema_files[i], sb.buf, sb.len, &dl) < 0) {
			fprintf(stderr, "fuzz: the schema '%s' does not load\n", yaml_schema_files[i]);
			abort();
		}
		diag_list_release(&dl);
		strbuf_release(&sb);
	}
	yaml_scratch = regex_scratch_new();
}

struct yaml_text {
	const char *buf;
	size_t len;
	int lines;
};

static void yaml_check_pos(const struct yaml_text *t, int line, int col)
{
	FUZZ_ASSERT(line >= 1 && line <= t->lines + 1);
	FUZZ_ASSERT(col >= 1 && (size_t)col <= t->len + 2);
}

static void yaml_check_node(const struct yaml_text *t, const struct ynode *n, int depth)
{
	size_t i;

	FUZZ_ASSERT(depth <= YDOC_MAX_DEPTH + 1);
	yaml_check_pos(t, n->line, n->col);
	switch (n->type) {
	case YNODE_SCALAR:
		FUZZ_ASSERT(n->u.text && n->u.text[n->len] == '\0');
		break;
	case YNODE_MAP:
		for (i = 0; i < 2 * n->len; i++) {
			/* Keys are plain scalars: no complex keys in a record. */
			if (i % 2 == 0)
				FUZZ_ASSERT(n->u.kids[i]->type == YNODE_SCALAR);
			yaml_check_node(t, n->u.kids[i], depth + 1);
		}
		break;
	case YNODE_SEQ:
		for (i = 0; i < n->len; i++)
			yaml_check_node(t, n->u.kids[i], depth + 1);
		break;
	default:
		FUZZ_ASSERT(!"a node of no known type");
	}
}

static void yaml_on_value(void *data, const char *what, const struct ynode *value)
{
	FUZZ_ASSERT(what && value && value->type == YNODE_SCALAR);
	yaml_check_pos(data, value->line, value->col);
}

/*
 * One check of buf as care check does it. Returns the diagnostics as
 * printed, and sets *verdict to the rules reported (sorted, each once)
 * followed by whether any was an error.
 */
static char *yaml_run(const char *buf, size_t len, struct strbuf *verdict)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	struct yaml_text t = { buf, len, fuzz_nlines(buf, len) };
	struct validate_hooks hooks = { yaml_on_value, yaml_on_value, &t };
	char *text;
	size_t i;

	if (!text_scan(buf, len, "records/children/x.yaml", &dl) &&
	    ydoc_parse(&doc, buf, len, "records/children/x.yaml", &dl) == 0) {
		FUZZ_ASSERT(ydoc_root(doc) && ydoc_root(doc)->type == YNODE_MAP);
		yaml_check_node(&t, ydoc_root(doc), 1);
		for (i = 0; i < YAML_NSCHEMAS; i++) {
			struct diag_list vl = DIAG_LIST_INIT;
			int errors = schema_validate(yaml_schemas[i], ydoc_root(doc),
						     "records/children/x.yaml", &vl, yaml_scratch, &hooks);
			FUZZ_ASSERT(errors >= 0 && (size_t)errors == diag_list_count(&vl, DIAG_ERROR));
			diag_list_move(&dl, &vl);
		}
	} else {
		FUZZ_ASSERT(doc == NULL);
	}
	ydoc_free(doc);
	fuzz_check_positions(&dl, buf, len);
	text = fuzz_diag_text(&dl);
	strbuf_reset(verdict);
	for (i = 0; i < dl.nr; i++) {
		/* Sorted by place, not rule: a rule is added once. */
		char *rule = xstrfmt("[%s]", dl.v[i].rule);
		if (!strstr(verdict->buf, rule))
			strbuf_addstr(verdict, rule);
		free(rule);
	}
	strbuf_addstr(verdict, diag_list_count(&dl, DIAG_ERROR) ? " error" : " clean");
	diag_list_release(&dl);
	return text;
}

/* The rules in a verdict, sorted, so two orders of finding compare equal. */
static char *yaml_sorted(const char *verdict)
{
	struct strbuf sb = STRBUF_INIT;
	char *copy = xstrdup(verdict), *parts[256], *p = copy, *end;
	size_t n = 0, i, j;

	while (*p == '[' && n < 256 && (end = strchr(p, ']'))) {
		parts[n++] = p;
		p = end + 1;
		*end = '\0';
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(parts[j - 1], parts[j]) > 0; j--) {
			char *tmp = parts[j];
			parts[j] = parts[j - 1];
			parts[j - 1] = tmp;
		}
	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s] ", parts[i]);
	strbuf_addstr(&sb, p);
	free(copy);
	return strbuf_detach(&sb, NULL);
}

static void yaml_same_verdict(const char *what, const char *a, const char *b)
{
	char *sa = yaml_sorted(a), *sb = yaml_sorted(b);

	if (strcmp(sa, sb)) {
		fprintf(stderr, "fuzz: %s changes the verdict:\n  as given: %s\n  %s: %s\n", what, sa,
			what, sb);
		abort();
	}
	free(sa);
	free(sb);
}

FUZZ_TARGET(yaml)
{
	struct strbuf v1 = STRBUF_INIT, v2 = STRBUF_INIT, alt = STRBUF_INIT;
	char *buf, *t1, *t2;
	size_t i;

	yaml_init();
	/* Exactly the bytes given and the NUL a strbuf keeps after them. */
	buf = xmalloc(size + 1);
	if (size)
		memcpy(buf, data, size);
	buf[size] = '\0';

	t1 = yaml_run(buf, size, &v1);
	t2 = yaml_run(buf, size, &v2);
	if (strcmp(t1, t2) || strcmp(v1.buf, v2.buf)) {
		fprintf(stderr, "fuzz: two runs differ:\n%s---\n%s", t1, t2);
		abort();
	}

	/*
	 * The same text saved otherwise: only for UTF-8 without NUL, since
	 * bytes added to UTF-16 or GBK are not the same text any more (a CR
	 * byte inside UTF-16 turns the file into something else).
	 */
	if (memchr(buf, 0, size) || !fuzz_utf8_valid(buf, size))
		goto out;

	/* Every lone LF made CRLF, as a Windows editor saves the file. */
	for (i = 0; i < size; i++) {
		if (buf[i] == '\n' && (i == 0 || buf[i - 1] != '\r'))
			strbuf_addch(&alt, '\r');
		strbuf_addch(&alt, buf[i]);
	}
	if (alt.len <= YDOC_MAX_SIZE) {
		free(yaml_run(alt.buf, alt.len, &v2));
		yaml_same_verdict("CRLF line ends", v1.buf, v2.buf);
	}

	/* A UTF-8 BOM, as Notepad writes one, where there is none. */
	if (size < 3 || memcmp(buf, "\xef\xbb\xbf", 3)) {
		strbuf_reset(&alt);
		strbuf_addstr(&alt, "\xef\xbb\xbf");
		strbuf_add(&alt, buf, size);
		if (alt.len <= YDOC_MAX_SIZE) {
			free(yaml_run(alt.buf, alt.len, &v2));
			yaml_same_verdict("a UTF-8 BOM", v1.buf, v2.buf);
		}
	}

out:
	free(t1);
	free(t2);
	free(buf);
	strbuf_release(&v1);
	strbuf_release(&v2);
	strbuf_release(&alt);
	ydoc_thread_cleanup();
	return 0;
}
