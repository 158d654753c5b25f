#ifndef CARE_STRBUF_H
#define CARE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable string. `buf` is never NULL and always NUL-terminated, so a
 * fresh STRBUF_INIT can be printed at once. The memory belongs to the strbuf
 * until strbuf_detach() hands it to the caller.
 */
struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Returns the string, now the caller's to free(); leaves sb empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends s as the inside of a JSON string literal. */
void strbuf_add_json(struct strbuf *sb, const char *s);
/* Reads a whole file; returns 0, or -1 with errno set. */
int strbuf_read_file(struct strbuf *sb, const char *path, size_t limit);
/* The same, for path relative to the open directory dirfd (or AT_FDCWD). */
int strbuf_read_file_at(struct strbuf *sb, int dirfd, const char *path, size_t limit);

/* Writes all len bytes to fd, through short writes and EINTR; 0, or -1 with errno. */
int write_all(int fd, const void *data, size_t len);
/*
 * Replaces path with len bytes of data through a temporary file beside it
 * renamed over it, so a reader sees the old file or the new, never half.
 * With sync, the data reaches the disk before the rename. 0, or -1 with errno.
 */
int write_file_replace(const char *path, const void *data, size_t len, int sync);

/* Allocation that cannot fail: out of memory ends the program. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
