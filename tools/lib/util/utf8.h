#ifndef CARE_UTF8_H
#define CARE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decodes one UTF-8 sequence at s (n bytes available). Returns its length
 * and stores the code point, or returns 0 for an invalid sequence (overlong,
 * surrogate, out of range or truncated).
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Number of code points in s[0..n), which must be valid UTF-8. */
size_t utf8_strnlen(const char *s, size_t n);
/* Columns a terminal gives the code point: 2 for CJK and full-width forms. */
int utf8_cpwidth(uint32_t cp);
/* Levenshtein distance over bytes; the keys compared are ASCII. */
size_t edit_distance(const char *a, const char *b);

#endif
