/*
 * sensitive-values RECORDS_DIR: the values a staff site must never show,
 * one per line, for `grep -F -f` (tests/t0320-privacy.sh).
 *
 * The list comes from the schemas, not from a hand-written pattern: the
 * tool loads RECORDS_DIR/schema/{child,pairing,activity}.yaml, reads every
 * .yaml file in RECORDS_DIR/{children,pairings,activities}/, and takes each
 * scalar that lies under a sensitive path:
 *
 *   - a field whose schema (or a $ref it uses) says `x-sensitive: true`,
 *     and everything below it: the fields of a sensitive object (all of
 *     `health`) and the items of a sensitive list;
 *   - a key the schema does not know (an unknown key, a map or a list where
 *     the schema has none), and everything below it.
 *
 * Which of those are printed, and in what form (the rule):
 *
 *   1. An enum value is printed as its Chinese label (x-labels), because
 *      pages print labels, not codes: `health.condition: chronic` gives
 *      慢性病. An enum code without a label is not printed (codes such as
 *      `good` are ASCII words that markup and file names contain anyway).
 *   2. Any other value is cut into fragments at every ASCII punctuation
 *      and control character (line breaks included), and each fragment is
 *      trimmed of spaces. Those are the characters the page escapers change
 *      (HTML: & < > " '; Markdown: a backslash before \ ` * _ [ ] < > & | ~,
 *      before # + - = > at the start and before . ) after leading digits;
 *      a line break becomes a space), so a fragment is printed on a page
 *      byte for byte when its value is. Spaces, which neither escaper
 *      touches, stay inside a fragment. `0851-7654321` gives `0851` and
 *      `7654321`; `青山镇白岩村四组 2 号` stays whole.
 *   3. A label or fragment is printed only when it is long enough to be
 *      grepped meaningfully: at least 3 non-ASCII characters (three Chinese
 *      characters: 慢性病, an address, a work place, a note), or at least 7
 *      ASCII letters and digits (the shortest landline number without its
 *      area code has 7 digits; a year, a house number, an area code or an
 *      HTML word has fewer). Everything shorter is too common to grep: 良好,
 *      `12`, `0851`.
 *
 * Everything left out under rule 1 or 3 is named on stderr, one line each
 * ("file:line:col: field: not listed: ..."), so a test can show what was
 * not checked. The same value may be printed more than once.
 *
 * With --fields each line is "FIELD<TAB>VALUE", FIELD being the record
 * kind and key path with list items as [] (child.parents[].phone), so a
 * test can count what each field yields.
 *
 * Exit status: 0; 1 when a record cannot be read or parsed (its values
 * would be missing from the list); 2 on usage errors and broken schemas.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema/schema.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "yaml/hazards.h"
#include "yaml/tree.h"
#include "util/banned.h"

#define MIN_WIDE 3	/* non-ASCII characters */
#define MIN_ASCII 7	/* ASCII letters and digits */

static const char *const kinds[] = { "child", "pairing", "activity" };
static const char *const dirs[] = { "children", "pairings", "activities" };
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static int with_fields;

/* Where a value was found, for stderr notes. */
struct where {
	const char *file;
	const struct ynode *node;
	const char *field;
};

static void note(const struct where *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(const struct where *w, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d:%d: %s: not listed: ", w->file, w->node->line, w->node->col,
		w->field);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Rule 3: is s (len bytes) long enough to grep? */
static int long_enough(const char *s, size_t len)
{
	size_t i, wide = 0, ascii = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			wide += (c & 0xC0) != 0x80;	/* a lead byte: one character */
		else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			ascii++;
	}
	return wide >= MIN_WIDE || ascii >= MIN_ASCII;
}

static void print_value(const struct where *w, const char *s, size_t len)
{
	if (with_fields)
		printf("%s\t", w->field);
	fwrite(s, 1, len, stdout);
	putchar('\n');
}

/* Rule 2: a character the escapers may change, or a line break. */
static int is_cut(unsigned char c)
{
	return c < 0x20 || c == 0x7f ||
	       (c < 0x80 && !(c == ' ' || (c >= '0' && c <= '9') ||
			      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')));
}

static void emit_text(const struct where *w, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *start, *end;
		while (*p && is_cut((unsigned char)*p))
			p++;
		start = p;
		while (*p && !is_cut((unsigned char)*p))
			p++;
		end = p;
		while (start < end && *start == ' ')
			start++;
		while (end > start && end[-1] == ' ')
			end--;
		if (start == end)
			continue;
		if (long_enough(start, (size_t)(end - start))) {
			print_value(w, start, (size_t)(end - start));
		} else {
			char *frag = xstrndup(start, (size_t)(end - start));
			note(w, "'%s'%s is too short to grep", frag,
			     strlen(frag) == strlen(text) ? "" : " (a part of the value)");
			free(frag);
		}
	}
}

static void emit(const struct where *w, const struct snode *s)
{
	const char *text = w->node->u.text;
	const char *label;

	if (ynode_is_null(w->node) || !*text)
		return;
	if (s && snode_enum_has(s, text)) {
		label = snode_label(s, text);
		if (!label)
			note(w, "'%s' is an enum code without a label", text);
		else if (!long_enough(label, strlen(label)))
			note(w, "'%s' is an enum code whose label '%s' is too short to grep",
			     text, label);
		else
			print_value(w, label, strlen(label));
		return;
	}
	emit_text(w, text);
}

/*
 * Walks value n, whose schema is s; s is NULL where the schema does not
 * know the key. sensitive: an ancestor is.
 */
static void walk(const char *file, const struct snode *s, const struct ynode *n,
		 int sensitive, struct strbuf *field)
{
	size_t i, keep = field->len;

	if (!s || snode_sensitive(s))
		sensitive = 1;
	switch (n->type) {
	case YNODE_SCALAR:
		if (sensitive) {
			struct where w = { file, n, field->buf };
			emit(&w, s);
		}
		break;
	case YNODE_MAP:
		for (i = 0; i < n->len; i++) {
			const char *key = n->u.kids[2 * i]->u.text;
			strbuf_addf(field, ".%s", key);
			walk(file, s ? snode_property(s, key) : NULL, n->u.kids[2 * i + 1],
			     sensitive, field);
			field->len = keep;
			field->buf[keep] = '\0';
		}
		break;
	case YNODE_SEQ:
		strbuf_addstr(field, "[]");
		for (i = 0; i < n->len; i++)
			walk(file, s ? snode_items(s) : NULL, n->u.kids[i], sensitive, field);
		field->len = keep;
		field->buf[keep] = '\0';
		break;
	}
}

/* The library formats diagnostics; a program prints them. */
static void print_diags(const struct diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;

	diag_list_format(&sb, dl, DIAG_TEXT, 0, NULL, NULL);
	fputs(sb.buf, stderr);
	strbuf_release(&sb);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml files of dir, sorted; NULL (with errno) when dir cannot be read. */
static char **list_yaml(const char *dir, size_t *nr)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, len;

	*nr = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 5 || strcmp(de->d_name + len - 5, ".yaml"))
			continue;
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	*nr = n;
	return names ? names : xcalloc(1, sizeof(*names));
}

static int load_schema(const char *top, const char *kind, struct schema **out)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	char *path = xstrfmt("%s/schema/%s.yaml", top, kind);
	int ret = -1;

	*out = NULL;
	if (strbuf_read_file(&sb, path, YDOC_MAX_SIZE) < 0) {
		fprintf(stderr, "sensitive-values: cannot read the schema %s: %s\n", path,
			strerror(errno));
	} else {
		if (!text_scan(sb.buf, sb.len, path, &dl))
			ret = schema_load(out, path, sb.buf, sb.len, &dl);
		if (ret < 0) {
			print_diags(&dl);
			fprintf(stderr, "sensitive-values: the schema %s is broken\n", path);
		}
	}
	diag_list_release(&dl);
	free(path);
	strbuf_release(&sb);
	return ret;
}

/* Lists the values of one record; 0, or -1 when it cannot be read or parsed. */
static int record(const char *path, const char *kind, const struct schema *s)
{
	struct strbuf sb = STRBUF_INIT, field = STRBUF_INIT;
	struct diag_list dl = DIAG_LIST_INIT;
	struct ydoc *doc = NULL;
	int ret = -1;

	if (strbuf_read_file(&sb, path, YDOC_MAX_SIZE) < 0) {
		fprintf(stderr, "sensitive-values: cannot read %s: %s\n", path, strerror(errno));
		goto cleanup;
	}
	if (text_scan(sb.buf, sb.len, path, &dl) || ydoc_parse(&doc, sb.buf, sb.len, path, &dl) < 0) {
		print_diags(&dl);
		fprintf(stderr, "sensitive-values: %s cannot be parsed; its values are not listed\n",
			path);
		goto cleanup;
	}
	strbuf_addstr(&field, kind);
	walk(path, schema_root(s), ydoc_root(doc), 0, &field);
	ret = 0;
cleanup:
	ydoc_free(doc);
	diag_list_release(&dl);
	strbuf_release(&field);
	strbuf_release(&sb);
	return ret;
}

int main(int argc, char **argv)
{
	struct schema *schemas[NKINDS] = { NULL };
	const char *top;
	size_t k, i, n;
	int status = 0;

	i18n_set("en");
	if (argc > 1 && !strcmp(argv[1], "--fields")) {
		with_fields = 1;
		argv++;
		argc--;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: sensitive-values [--fields] RECORDS_DIR\n");
		return 2;
	}
	top = argv[1];
	for (k = 0; k < NKINDS; k++)
		if (load_schema(top, kinds[k], &schemas[k]) < 0)
			status = 2;
	for (k = 0; k < NKINDS && status != 2; k++) {
		char *dir = xstrfmt("%s/%s", top, dirs[k]);
		char **names = list_yaml(dir, &n);
		if (!names && errno != ENOENT) {
			fprintf(stderr, "sensitive-values: cannot list %s: %s\n", dir, strerror(errno));
			status = 1;
		}
		for (i = 0; i < n; i++) {
			char *path = xstrfmt("%s/%s", dir, names[i]);
			if (record(path, kinds[k], schemas[k]) < 0)
				status = 1;
			free(path);
			free(names[i]);
		}
		free(names);
		free(dir);
	}
	for (k = 0; k < NKINDS; k++)
		schema_free(schemas[k]);
	ydoc_thread_cleanup();
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "sensitive-values: cannot write the list: %s\n", strerror(errno));
		return 2;
	}
	return status;
}
