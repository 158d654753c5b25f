#ifndef CARE_DIAG_H
#define CARE_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "util/strbuf.h"

/*
 * Problems found in records, collected rather than printed so that a run can
 * report every problem at once, sorted, in text or JSON. Lines and columns
 * are 1-based and count characters, as an editor shows them.
 */
enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag {
	char *path;
	int line;
	int col;
	enum diag_level level;
	const char *rule;	/* static string */
	char *msg;
};

struct diag_list {
	struct diag *v;
	size_t nr;
	size_t alloc;
};

#define DIAG_LIST_INIT { NULL, 0, 0 }

void diag_add(struct diag_list *dl, const char *path, int line, int col,
	      enum diag_level level, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* diag_add() with its arguments as a va_list, for a caller's own wrapper. */
void diag_vadd(struct diag_list *dl, const char *path, int line, int col,
	       enum diag_level level, const char *rule, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));
/* Moves every diagnostic of src to the end of dst; src is left empty. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);
void diag_list_sort(struct diag_list *dl);
size_t diag_list_count(const struct diag_list *dl, enum diag_level level);
void diag_list_release(struct diag_list *dl);

/*
 * Returns the text of a file for showing the offending line, or NULL. The
 * result is borrowed until the next call.
 */
typedef const char *(*diag_source_fn)(void *data, const char *path, size_t *len);

enum diag_format { DIAG_TEXT, DIAG_JSON };

/*
 * Adds the list to out, as text or JSON. With `caret`, each text diagnostic is followed by its
 * source line and a caret under the column.
 */
void diag_list_format(struct strbuf *out, const struct diag_list *dl, enum diag_format fmt,
		int caret, diag_source_fn source, void *data);
/* The last line of a run: "N errors, M warnings in K files". */
void diag_list_format_summary(struct strbuf *out, const struct diag_list *dl, size_t files,
			enum diag_format fmt);

#endif
