/*
 * Builds a positioned tree from libyaml's event stream. The event API is
 * used instead of libyaml's document loader because the loader resolves
 * aliases, cannot stop early on deep nesting (libyaml's scanner is quadratic
 * on deep flow nesting), and keeps only the marks of nodes we cannot reach
 * cheaply. Nodes and strings live in one arena freed with the document
 * (arena.c).
 */
#include "yaml/tree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/i18n.h"
#include "util/printable.h"
#include "util/strbuf.h"
#include "util/lines.h"
#include "util/limit.h"
#include "yaml/arena_int.h"
#include "yaml/hidden_int.h"
#include "util/banned.h"

struct ydoc {
	struct chunk *chunks;
	struct ynode *root;
};

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	yarena_free(doc->chunks);
	free(doc);
}

void ydoc_thread_cleanup(void)
{
	yarena_thread_cleanup();
}

const struct ynode *ydoc_root(const struct ydoc *doc)
{
	return doc->root;
}

/* One open mapping or sequence, whose children wait on the stack. */
struct frame {
	struct ynode *node;
	size_t first;
};

struct builder {
	struct ydoc *doc;
	const char *path;
	const char *buf;
	size_t len;
	struct ycursor at;	/* where the last hidden character was looked for */
	struct diag_list *dl;
	struct frame frames[YDOC_MAX_DEPTH + 1];
	int depth;
	struct ynode **stack;
	size_t nr, alloc;
	int errors;
	size_t nodes, max_nodes, max_scalar;
};

/* Another node (a scalar, a mapping, a list) within the limits ("Limits", docs/design.md)? */
static int over_limits(struct builder *b, const yaml_event_t *ev)
{
	int scalar = ev->type == YAML_SCALAR_EVENT, line = (int)ev->start_mark.line + 1,
	    col = (int)ev->start_mark.column + 1;

	if (!scalar && ev->type != YAML_MAPPING_START_EVENT && ev->type != YAML_SEQUENCE_START_EVENT)
		return 0;
	if (++b->nodes > b->max_nodes)
		diag_add(b->dl, b->path, line, col, DIAG_ERROR, "yaml-nodes",
			 _("more than %zu values and lists in one file; a record has a few hundred, so split this one into several records"),
			 b->max_nodes);
	else if (scalar && ev->data.scalar.length > b->max_scalar)
		diag_add(b->dl, b->path, line, col, DIAG_ERROR, "yaml-scalar",
			 _("this value is %zu bytes long, more than the %zu allowed; keep long texts (a report, scanned notes) outside the records and write a short summary here"),
			 (size_t)ev->data.scalar.length, b->max_scalar);
	else
		return 0;
	b->errors++;
	return -1;
}

static void push(struct builder *b, struct ynode *n)
{
	if (b->nr == b->alloc) {
		b->alloc = b->alloc ? b->alloc * 2 : 64;
		b->stack = xrealloc(b->stack, b->alloc * sizeof(*b->stack));
	}
	b->stack[b->nr++] = n;
}

static struct ynode *new_node(struct builder *b, enum ynode_type type, yaml_mark_t mark)
{
	struct ynode *n = yarena_alloc(&b->doc->chunks, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->type = type;
	n->line = (int)mark.line + 1;
	n->col = (int)mark.column + 1;
	return n;
}

static void error_at(struct builder *b, int line, int col, const char *rule,
		     const char *msg)
{
	diag_add(b->dl, b->path, line, col, DIAG_ERROR, rule, "%s", msg);
	b->errors++;
}

static int cmp_key(const void *x, const void *y)
{
	const struct ynode *a = *(struct ynode *const *)x, *c = *(struct ynode *const *)y;
	int r = strcmp(a->u.text, c->u.text);

	if (r)
		return r;
	return a->line != c->line ? (a->line < c->line ? -1 : 1) : (a->col < c->col ? -1 : 1);
}

static int same_text(const struct ynode *a, const struct ynode *b)
{
	return a->len == b->len && !memcmp(a->u.text, b->u.text, a->len);
}

static void report_duplicate(struct builder *b, const struct ynode *first,
			     const struct ynode *again)
{
	diag_add(b->dl, b->path, again->line, again->col, DIAG_ERROR, "duplicate-key",
		 _("key '%s' appears twice, on line %d and line %d; keep one and delete the other"),
		 again->u.text, first->line, again->line);
	b->errors++;
}

/*
 * Finds keys written twice. Small mappings are compared pair by pair; large
 * ones are sorted, so a hostile file cannot make this quadratic.
 */
static void check_duplicates(struct builder *b, struct ynode *map)
{
	size_t i, j, n = map->len;
	struct ynode **keys;

	if (n < 16) {
		for (i = 1; i < n; i++)
			for (j = 0; j < i; j++)
				if (same_text(map->u.kids[2 * i], map->u.kids[2 * j])) {
					report_duplicate(b, map->u.kids[2 * j], map->u.kids[2 * i]);
					break;
				}
		return;
	}
	keys = xmalloc(n * sizeof(*keys));
	for (i = 0; i < n; i++)
		keys[i] = map->u.kids[2 * i];
	qsort(keys, n, sizeof(*keys), cmp_key);
	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && !strcmp(keys[j - 1]->u.text, keys[i]->u.text); j--)
			;
		if (j < i)
			report_duplicate(b, keys[j], keys[i]);
	}
	free(keys);
}

/* Attaches a finished node to the open collection, or makes it the root. */
static void attach(struct builder *b, struct ynode *n)
{
	if (!b->depth) {
		b->doc->root = n;
		return;
	}
	push(b, n);
}

static int is_key_position(const struct builder *b)
{
	const struct frame *f;

	if (!b->depth)
		return 0;
	f = &b->frames[b->depth - 1];
	return f->node->type == YNODE_MAP && (b->nr - f->first) % 2 == 0;
}

static void close_collection(struct builder *b)
{
	struct frame *f = &b->frames[--b->depth];
	struct ynode *n = f->node;
	size_t count = b->nr - f->first;

	n->u.kids = yarena_alloc(&b->doc->chunks, (count ? count : 1) * sizeof(*n->u.kids));
	/* An empty collection before any node: the stack may not exist yet. */
	if (count)
		memcpy(n->u.kids, b->stack + f->first, count * sizeof(*n->u.kids));
	b->nr = f->first;
	n->len = n->type == YNODE_MAP ? count / 2 : count;
	if (n->type == YNODE_MAP)
		check_duplicates(b, n);
	attach(b, n);
}

/*
 * A quoted value that never closes on its own line makes libyaml read on
 * into the next lines and complain about indentation far below. Finds the
 * first line from `from` to `to` with an odd number of double quotes.
 */
static int find_open_quote(const struct builder *b, int from, int to, int *col)
{
	int line;

	for (line = from; line <= to; line++) {
		size_t n, i;
		const char *s = text_line(b->buf, b->len, line, &n);
		int quotes = 0, c = 1, qcol = 0;
		for (i = 0; i < n; i++) {
			if (s[i] == '#' && !(quotes % 2) && (!i || s[i - 1] == ' '))
				break;
			if (s[i] == '"' && (!i || s[i - 1] != '\\') && ++quotes % 2)
				qcol = c;
			if (((unsigned char)s[i] & 0xc0) != 0x80)
				c++;
		}
		if (quotes % 2) {
			*col = qcol;
			return line;
		}
	}
	return 0;
}

/* The character just before column col of line, or 0. */
static char char_before(const struct builder *b, int line, int col)
{
	size_t n, i;
	const char *s = text_line(b->buf, b->len, line, &n);
	int c = 1;

	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++c == col)
			return s[i];
	}
	return 0;
}

/*
 * libyaml's messages are written for YAML experts. The common ones get a
 * sentence a teacher can act on; the rest are passed on with their context.
 */
static void report_parser_error(struct builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "";
	const char *context = p->context ? p->context : "";
	int line = (int)p->problem_mark.line + 1, col = (int)p->problem_mark.column + 1;
	int cline = (int)p->context_mark.line + 1, ccol = (int)p->context_mark.column + 1;
	const char *msg = NULL;

	if (p->error == YAML_READER_ERROR) {
		text_position(b->buf, b->len, p->problem_offset, &line, &col);
		diag_add(b->dl, b->path, line, col, DIAG_ERROR, "encoding",
			 _("the file cannot be read as UTF-8 text here (%s); save it as UTF-8"),
			 problem);
		b->errors++;
		return;
	}
	if (strstr(context, "quoted scalar") && strstr(problem, "end of stream")) {
		error_at(b, cline, ccol, "yaml-syntax",
			 _("this quote is never closed; add the closing quote at the end of the value"));
		return;
	}
	if (strstr(context, "flow sequence") || strstr(context, "flow mapping")) {
		diag_add(b->dl, b->path, cline, ccol, DIAG_ERROR, "yaml-syntax",
			 _("this '%c' is not closed properly; check for a missing '%c' or a comma inside a value (put such a value in quotes)"),
			 strstr(context, "sequence") ? '[' : '{',
			 strstr(context, "sequence") ? ']' : '}');
		b->errors++;
		return;
	}
	if (strstr(problem, "did not find expected key")) {
		int qline, qcol = 0;
		char before = char_before(b, line, col);
		if ((qline = find_open_quote(b, cline, line, &qcol))) {
			error_at(b, qline, qcol, "yaml-syntax",
				 _("this quote is never closed on its line; add the closing '\"' at the end of the value"));
			return;
		}
		if (before == '"' || before == '\'') {
			error_at(b, line, col, "yaml-syntax",
				 _("the value goes on after its closing quote; to keep quotes inside a value, put the whole value in single quotes, such as '\"A\" B'"));
			return;
		}
	}
	if (strstr(problem, "mapping values are not allowed"))
		msg = _("unexpected ':' here; if the value itself contains ': ', put the whole value in quotes, otherwise check the indentation");
	else if (strstr(problem, "did not find expected key"))
		msg = _("the indentation is wrong here: fields of the same group must start in the same column");
	else if (strstr(problem, "did not find expected '-' indicator"))
		msg = _("the items of a list must start with '- ' in the same column");
	else if (strstr(problem, "could not find expected ':'"))
		msg = _("a field is missing its ':'; write 'key: value'");
	else if (strstr(problem, "cannot start any token"))
		msg = _("a value cannot start with this character; put the value in quotes");
	else if (strstr(problem, "block sequence entries are not allowed"))
		msg = _("a '- ' list item cannot follow a value on the same line or field; put the list on its own lines under the key");
	else if (strstr(problem, "did not find expected node content"))
		msg = _("a value is missing here");
	else if (strstr(context, "block scalar") || strstr(problem, "indentation indicator"))
		msg = _("the text block after '|' or '>' is not indented correctly; indent every line of it by the same spaces");
	if (msg) {
		error_at(b, line, col, "yaml-syntax", msg);
		return;
	}
	diag_add(b->dl, b->path, line, col, DIAG_ERROR, "yaml-syntax",
		 _("YAML syntax error: %s%s%s"), problem, *context ? ", " : "", context);
	b->errors++;
}

static int reject_event(struct builder *b, const yaml_event_t *ev)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
	const yaml_char_t *anchor = NULL, *tag = NULL;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		error_at(b, line, col, "yaml-alias",
			 _("aliases ('*name') are not allowed in records; write the value out in full"));
		return 1;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	default:
		return 0;
	}
	if (anchor) {
		error_at(b, line, col, "yaml-anchor",
			 _("anchors ('&name') are not allowed in records; write the value out in full"));
		return 1;
	}
	if (tag) {
		diag_add(b->dl, b->path, line, col, DIAG_ERROR, "yaml-tag",
			 _("type tags such as '%s' are not allowed in records; remove it (put the value in quotes if it must stay text)"),
			 (const char *)tag);
		b->errors++;
		return 1;
	}
	if (ev->type != YAML_SCALAR_EVENT && is_key_position(b)) {
		error_at(b, line, col, "yaml-complex-key",
			 _("a field name must be a simple word, not a list or a group"));
		return 1;
	}
	return 0;
}

static enum ynode_style style_of(yaml_scalar_style_t style)
{
	switch (style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return YNODE_SINGLE_QUOTED;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return YNODE_DOUBLE_QUOTED;
	case YAML_LITERAL_SCALAR_STYLE:
		return YNODE_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE:
		return YNODE_FOLDED;
	default:
		return YNODE_PLAIN;
	}
}

/*
 * The first character of scalar n that no record may hold, and where it
 * was written; NULL for a clean scalar, which is nearly every one. The
 * open mappings and sequences are marked, so that a walk looking for such
 * characters leaves clean ones alone.
 */
static const struct yhidden *find_hidden(struct builder *b, const yaml_event_t *ev,
					 const struct ynode *n)
{
	int block = n->style == YNODE_LITERAL || n->style == YNODE_FOLDED, d;
	struct yspan sp = { ev->start_mark.line, ev->start_mark.column, ev->end_mark.line,
			    ev->end_mark.column, block, n->style == YNODE_DOUBLE_QUOTED };
	struct yhidden *h;
	uint32_t cp;

	if (find_hidden_char(n->u.text, n->len, block, &cp) == n->len)
		return NULL;
	h = yarena_alloc(&b->doc->chunks, sizeof(*h));
	if (hidden_locate(h, b->buf, b->len, &b->at, &sp) < 0) {
		/* Not found in the raw text: the value's own place. */
		memset(h, 0, sizeof(*h));
		h->cp = cp;
		h->line = n->line;
		h->col = n->col;
	}
	for (d = 0; d < b->depth; d++)
		b->frames[d].node->any_hidden = 1;
	return h;
}

static int handle_event(struct builder *b, yaml_event_t *ev, int *docs)
{
	struct ynode *n;

	if (reject_event(b, ev) || over_limits(b, ev))
		return -1;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			error_at(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
				 "yaml-multi-doc",
				 _("a record file holds one record; this '---' starts a second one, so delete it or move the record to its own file"));
			return -1;
		}
		return 0;
	case YAML_SCALAR_EVENT:
		n = new_node(b, YNODE_SCALAR, ev->start_mark);
		n->style = style_of(ev->data.scalar.style);
		n->plain = n->style == YNODE_PLAIN;
		n->len = ev->data.scalar.length;
		n->u.text = memcpy(yarena_alloc(&b->doc->chunks, n->len + 1), ev->data.scalar.value, n->len + 1);
		n->hidden = find_hidden(b, ev, n);
		if (n->plain && is_key_position(b) && !strcmp(n->u.text, "<<")) {
			error_at(b, n->line, n->col, "yaml-merge",
				 _("merge keys ('<<') are not allowed in records; write the fields out in full"));
			return -1;
		}
		attach(b, n);
		return 0;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (b->depth == YDOC_MAX_DEPTH) {
			diag_add(b->dl, b->path, (int)ev->start_mark.line + 1,
				 (int)ev->start_mark.column + 1, DIAG_ERROR, "yaml-depth",
				 _("nested more than %d levels deep; a record never needs this many"),
				 YDOC_MAX_DEPTH);
			b->errors++;
			return -1;
		}
		n = new_node(b, ev->type == YAML_MAPPING_START_EVENT ? YNODE_MAP : YNODE_SEQ,
			     ev->start_mark);
		b->frames[b->depth].node = n;
		b->frames[b->depth].first = b->nr;
		b->depth++;
		return 0;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		close_collection(b);
		return 0;
	default:
		return 0;
	}
}

int ydoc_parse(struct ydoc **out, const char *buf, size_t len, const char *path,
	       struct diag_list *dl)
{
	struct builder b;
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t bom = text_bom(buf, len);
	int docs = 0, done = 0, ret = -1;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	b.doc = xcalloc(1, sizeof(*b.doc));
	b.path = path;
	b.buf = buf + bom;
	b.len = len - bom;
	b.dl = dl;
	b.max_nodes = limit_get(YDOC_MAX_NODES, "CARE_TEST_MAX_NODES");
	b.max_scalar = limit_get(YDOC_MAX_SCALAR, "CARE_TEST_MAX_SCALAR");
	if (len > YDOC_MAX_SIZE) {
		diag_add(dl, path, 0, 0, DIAG_ERROR, "file-too-large",
			 _("file is larger than 1 MiB; a record is a few KiB, so this is not a record file"));
		goto cleanup;
	}
	if (!yaml_parser_initialize(&parser)) {
		diag_add(dl, path, 0, 0, DIAG_ERROR, "internal", "%s", _("out of memory"));
		goto cleanup;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)b.buf, b.len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&b, &parser);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (handle_event(&b, &ev, &docs) < 0)
			done = 1;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (b.errors)
		goto cleanup;
	if (!b.doc->root || (b.doc->root->type == YNODE_SCALAR && ynode_is_null(b.doc->root))) {
		diag_add(dl, path, 1, 1, DIAG_ERROR, "empty-file",
			 "%s", _("the file is empty; fill in the record's fields, or delete the file"));
		goto cleanup;
	}
	if (b.doc->root->type != YNODE_MAP) {
		diag_add(dl, path, b.doc->root->line, b.doc->root->col, DIAG_ERROR, "not-mapping",
			 "%s", _("a record must be a list of 'field: value' lines, starting at the first column"));
		goto cleanup;
	}
	*out = b.doc;
	b.doc = NULL;
	ret = 0;
cleanup:
	free(b.stack);
	ydoc_free(b.doc);
	return ret;
}

static size_t find_key(const struct ynode *map, const char *key)
{
	size_t i;

	if (!map || map->type != YNODE_MAP)
		return (size_t)-1;
	for (i = 0; i < map->len; i++)
		if (!strcmp(map->u.kids[2 * i]->u.text, key))
			return i;
	return (size_t)-1;
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	size_t i = find_key(map, key);
	return i == (size_t)-1 ? NULL : map->u.kids[2 * i + 1];
}

const struct ynode *ynode_key(const struct ynode *map, const char *key)
{
	size_t i = find_key(map, key);
	return i == (size_t)-1 ? NULL : map->u.kids[2 * i];
}

int ynode_is_null(const struct ynode *n)
{
	return n && n->type == YNODE_SCALAR && n->plain &&
	       (!n->len || !strcmp(n->u.text, "~") || !strcmp(n->u.text, "null") ||
		!strcmp(n->u.text, "Null") || !strcmp(n->u.text, "NULL"));
}

const char *ynode_text(const struct ynode *n)
{
	return n && n->type == YNODE_SCALAR ? n->u.text : NULL;
}
