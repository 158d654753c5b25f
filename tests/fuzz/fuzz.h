#ifndef CARE_FUZZ_H
#define CARE_FUZZ_H

/*
 * What the fuzz targets share. Each tests/fuzz/fuzz-NAME.c writes its body
 * as FUZZ_TARGET(NAME) { ... }: built alone with clang's -fsanitize=fuzzer
 * that is libFuzzer's LLVMFuzzerTestOneInput, and included by the replay
 * tool (tests/tools/fuzz-replay.c, FUZZ_REPLAY defined) it is an ordinary
 * function fuzz_NAME(), so `make check` replays every corpus without
 * libFuzzer. A target checks what must hold of the library's answer and
 * abort()s when it does not, so a wrong answer is a crash as much as a bad
 * read is. Names a target keeps to itself start with its own name, since
 * the replay tool holds them all in one file.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/strbuf.h"

#ifdef FUZZ_REPLAY
#define FUZZ_TARGET(name) \
	int fuzz_##name(const uint8_t *data, size_t size); \
	int fuzz_##name(const uint8_t *data, size_t size)
#else
#define FUZZ_TARGET(name) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

#define FUZZ_UNUSED __attribute__((unused))

/* A broken invariant: say which, where, and stop as a crash does. */
#define FUZZ_ASSERT(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* A file of the source tree (the real schemas), read once; NULL-safe abort. */
static FUZZ_UNUSED void fuzz_read_source(struct strbuf *sb, const char *rel)
{
	char *path = xstrfmt("%s/%s", CARE_SOURCE_DIR, rel);

	if (strbuf_read_file(sb, path, 1 << 24) < 0) {
		fprintf(stderr, "fuzz: cannot read '%s'\n", path);
		abort();
	}
	free(path);
}

/*
 * How many lines text has, counting every line break YAML knows (LF, CR
 * alone, NEL, LS, PS): a generous bound, since a diagnostic may only
 * point at one of them or just past the last.
 */
static FUZZ_UNUSED int fuzz_nlines(const char *s, size_t len)
{
	size_t i;
	int n = 1;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || (c == '\r' && (i + 1 == len || s[i + 1] != '\n')))
			n++;
		else if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85)
			n++;
		else if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			 ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9))
			n++;
	}
	return n;
}

/*
 * Every diagnostic of dl about the text (len bytes) points inside it:
 * line 1 to one past the last line, column 1 at least and never past the
 * text's length (a column counts characters, so it is at most the bytes).
 */
static FUZZ_UNUSED void fuzz_check_positions(const struct diag_list *dl, const char *s, size_t len)
{
	int lines = fuzz_nlines(s, len);
	size_t i;

	for (i = 0; i < dl->nr; i++) {
		const struct diag *d = &dl->v[i];
		if (d->line < 1 || d->line > lines + 1 || d->col < 1 || (size_t)d->col > len + 2) {
			fprintf(stderr, "fuzz: diagnostic at %d:%d outside a text of %d lines, %zu bytes: %s [%s]\n",
				d->line, d->col, lines, len, d->msg, d->rule);
			abort();
		}
	}
}

/* The diagnostics as care prints them (sorted), for comparing two runs. */
static FUZZ_UNUSED char *fuzz_diag_text(struct diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;

	diag_list_sort(dl);
	diag_list_format(&sb, dl, DIAG_TEXT, 0, NULL, NULL);
	return strbuf_detach(&sb, NULL);
}

/* Is s (len bytes) well-formed UTF-8: shortest forms, no surrogates? */
static FUZZ_UNUSED int fuzz_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 4;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (len - i < n)
			return 0;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n;
	}
	return 1;
}

/* Does s (len bytes) hold needle (lowercase ASCII), ASCII case ignored? */
static FUZZ_UNUSED int fuzz_contains_nocase(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i, k;

	for (i = 0; i + n <= len; i++) {
		for (k = 0; k < n; k++) {
			char c = s[i + k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != needle[k])
				break;
		}
		if (k == n)
			return 1;
	}
	return 0;
}

/*
 * Splits an input holding two texts at its first NUL byte (or, with none,
 * at its middle): the field diff's two versions, say.
 */
static FUZZ_UNUSED void fuzz_split(const uint8_t *data, size_t size, const char **a, size_t *alen,
				   const char **b, size_t *blen)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t cut = nul ? (size_t)(nul - data) : size / 2;

	*a = (const char *)data;
	*alen = cut;
	*b = (const char *)data + cut + (nul ? 1 : 0);
	*blen = size - cut - (nul ? 1 : 0);
}

#endif
