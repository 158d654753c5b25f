/*
 * The PCRE2 wrapper. Patterns come from schema files a school may edit, so
 * every match runs under a match and a depth limit, and JIT is used where
 * the platform has it (it also bounds its own stack).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "schema/regex.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/banned.h"

struct regex {
	pcre2_code *code;
	pcre2_match_context *mctx;
};

struct regex_scratch {
	pcre2_match_data *md;
};

int regex_compile(struct regex **out, const char *pattern, char *err, size_t errlen,
		  size_t *erroff)
{
	struct regex *re;
	int errcode;
	PCRE2_SIZE off;
	pcre2_code *code;

	*out = NULL;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			     PCRE2_UTF | PCRE2_DOLLAR_ENDONLY,
			     &errcode, &off, NULL);
	if (!code) {
		if (err && errlen)
			pcre2_get_error_message(errcode, (PCRE2_UCHAR *)err, errlen);
		if (erroff)
			*erroff = off;
		return -1;
	}
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	re = xcalloc(1, sizeof(*re));
	re->code = code;
	re->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(re->mctx, REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(re->mctx, REGEX_DEPTH_LIMIT);
	*out = re;
	return 0;
}

void regex_free(struct regex *re)
{
	if (!re)
		return;
	pcre2_match_context_free(re->mctx);
	pcre2_code_free(re->code);
	free(re);
}

struct regex_scratch *regex_scratch_new(void)
{
	struct regex_scratch *m = xcalloc(1, sizeof(*m));

	m->md = pcre2_match_data_create(1, NULL);
	if (!m->md) {
		free(m);
		return NULL;
	}
	return m;
}

void regex_scratch_free(struct regex_scratch *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->md);
	free(m);
}

int regex_search(const struct regex *re, const char *s, size_t len, size_t start,
		 struct regex_scratch *m, size_t *mstart, size_t *mend)
{
	/* The text was validated as UTF-8 before parsing, so skip the check. */
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK,
			     m->md, re->mctx);
	PCRE2_SIZE *ov;

	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return -1;
	ov = pcre2_get_ovector_pointer(m->md);
	if (mstart)
		*mstart = ov[0];
	if (mend)
		*mend = ov[1];
	return 1;
}
