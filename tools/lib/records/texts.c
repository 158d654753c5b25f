/*
 * The school's own words under records/report/ (<school year>.md), which
 * the yearly report prints and the site publishes: the same care as a
 * record's free text. They must be UTF-8, so that a file saved by Notepad
 * in the Windows code page is caught here and not printed as garbage, and
 * hold no phone or ID number, which would go to the education bureau.
 */

#include "records/repo_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "detect/detect.h"
#include "util/i18n.h"
#include "util/lines.h"
#include "util/strbuf.h"
#include "util/utf8.h"
#include "util/banned.h"

#define TEXTS_DIR "records/report"
#define TEXT_MAX (1 << 20)

struct lister {
	struct repo *r;
	char **names;
	size_t n;
};

/* "2025-2026.md": a school year, as the yearly report looks for it. */
static int is_year_name(const char *name)
{
	int i;

	for (i = 0; i < 9; i++)
		if (i != 4 && (name[i] < '0' || name[i] > '9'))
			return 0;
	return name[4] == '-' && !strcmp(name + 9, ".md") &&
	       atoi(name + 5) == atoi(name) + 1;
}

static int on_entry(void *data, const struct source_entry *e)
{
	struct lister *l = data;

	if (!e->changed)
		return 0;
	if (e->type == ENTRY_LINK || e->type == ENTRY_OTHER) {
		stray(l->r, TEXTS_DIR, e->name, e->type == ENTRY_LINK ? STRAY_LINK : STRAY_OTHER);
		return 0;
	}
	if (e->type != ENTRY_FILE || !is_year_name(e->name)) {
		char *path = xstrfmt(TEXTS_DIR "/%s", e->name);
		diag_add(&l->r->diags, path, 0, 0, DIAG_ERROR, "stray-file",
			 _("records/report/ holds only the school's words for a yearly report, one file per school year named like 2025-2026.md; move or rename this one"));
		free(path);
		return 0;
	}
	l->names = xrealloc(l->names, (l->n + 1) * sizeof(*l->names));
	l->names[l->n++] = xstrdup(e->name);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_text(struct repo *r, const char *path, const char *buf, size_t len)
{
	const struct detect_match *m;
	size_t off = text_bom(buf, len);
	int line, col, n, i;

	while (off < len) {
		uint32_t cp;
		size_t k = utf8_decode(buf + off, len - off, &cp);
		if (!k) {
			text_position(buf, len, off, &line, &col);
			diag_add(&r->diags, path, line, col, DIAG_ERROR, "encoding",
				 _("this file is not UTF-8 (it looks like it was saved in another encoding, such as GBK); save it again as UTF-8: in Notepad, File > Save As, Encoding: UTF-8"));
			return;
		}
		off += k;
	}
	n = detect_find(detect_thread_scratch(), buf, len, &m);
	if (n < 0)
		diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "pii-in-text",
			 _("this text could not be searched for phone and ID numbers (Unicode's data is missing), so it cannot be published; reinstall ICU"));
	for (i = 0; i < n; i++) {
		text_position(buf, len, m[i].start, &line, &col);
		diag_add(&r->diags, path, line, col, DIAG_ERROR, "pii-in-text",
			 m[i].kind == DETECT_ID_NUMBER ?
			 _("this text contains a national ID number (%.6s...); the yearly report is printed and sent to the education bureau, and git keeps it for ever: delete it") :
			 _("this text contains a phone number (%.3s...); the yearly report is printed and sent to the education bureau, and git keeps it for ever: delete it"),
			 m[i].digits);
	}
}

int texts_check(struct repo *r)
{
	struct lister l = { r, NULL, 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int rc = source_list(r->src, TEXTS_DIR, on_entry, &l);

	if (rc < 0)
		return -1;
	if (l.n)
		qsort(l.names, l.n, sizeof(*l.names), cmp_str);
	for (i = 0; i < l.n; i++) {
		char *path = xstrfmt(TEXTS_DIR "/%s", l.names[i]);
		r->files++;
		if (source_read(r->src, 0, path, TEXT_MAX, &sb) < 0)
			diag_add(&r->diags, path, 0, 0, DIAG_ERROR, "io",
				 errno == EFBIG ? _("this file is larger than 1 MiB; a yearly report's words are a few pages") :
				 _("this file cannot be read"));
		else
			check_text(r, path, sb.buf, sb.len);
		free(path);
		free(l.names[i]);
	}
	free(l.names);
	strbuf_release(&sb);
	return 0;
}
