#ifndef CARE_REGEX_H
#define CARE_REGEX_H

#include <stddef.h>

/*
 * Regular expressions, through PCRE2 (the only file that includes it).
 * A compiled pattern is read-only and shared between threads; each thread
 * brings its own scratch space. Matching is bounded: a pattern that would
 * backtrack for ever returns an error instead of hanging a commit.
 */
struct regex;
struct regex_scratch;

/* The bounds of one match (docs/design.md, "Limits"): PCRE2's steps, and backtracking depth. */
#define REGEX_MATCH_LIMIT 1000000
#define REGEX_DEPTH_LIMIT 10000

/*
 * Compiles pattern (UTF-8, unanchored, '$' only at the very end). On
 * failure returns -1 and writes PCRE2's message and the offset of the
 * problem into err/erroff.
 */
int regex_compile(struct regex **out, const char *pattern, char *err, size_t errlen,
		  size_t *erroff);
void regex_free(struct regex *re);

struct regex_scratch *regex_scratch_new(void);
void regex_scratch_free(struct regex_scratch *m);

/*
 * Searches s[start..len). Returns 1 and the match's byte range, 0 for no
 * match, -1 when a match or depth limit was hit.
 */
int regex_search(const struct regex *re, const char *s, size_t len, size_t start,
		 struct regex_scratch *m, size_t *mstart, size_t *mend);

#endif
