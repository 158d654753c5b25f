/*
 * ICU for what only it does well: Chinese collation by pinyin, and
 * transliterating Han characters to Latin.
 */
#include "text/collate.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "util/strbuf.h"
#include "util/banned.h"

struct collator {
	UCollator *ucol;
};

struct collator *collator_new(void)
{
	UErrorCode err = U_ZERO_ERROR;
	struct collator *c = xcalloc(1, sizeof(*c));

	c->ucol = ucol_open("zh", &err);
	if (U_FAILURE(err)) {
		c->ucol = NULL;
	}
	return c;
}

void collator_free(struct collator *c)
{
	if (!c)
		return;
	if (c->ucol)
		ucol_close(c->ucol);
	free(c);
}

int collator_cmp(const struct collator *c, const char *a, const char *b)
{
	UErrorCode err = U_ZERO_ERROR;
	UCollationResult r;

	if (!c || !c->ucol)
		return strcmp(a, b);
	r = ucol_strcollUTF8(c->ucol, a, -1, b, -1, &err);
	if (U_FAILURE(err))
		return strcmp(a, b);
	/* Equal under collation (same pinyin): keep a stable, total order. */
	return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : strcmp(a, b);
}

char *collator_key(const struct collator *c, const char *utf8)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u;
	int32_t len = 0, n;
	uint8_t *key;

	if (!c || !c->ucol)
		return xstrdup(utf8);
	u_strFromUTF8(NULL, 0, &len, utf8, -1, &err);
	err = U_ZERO_ERROR;
	u = xcalloc((size_t)len + 1, sizeof(*u));
	u_strFromUTF8(u, len + 1, &len, utf8, -1, &err);
	n = ucol_getSortKey(c->ucol, u, len, NULL, 0);
	key = xcalloc((size_t)n + 1, 1);
	ucol_getSortKey(c->ucol, u, len, key, n + 1);
	free(u);
	return (char *)key;
}

/*
 * Opening a transliterator parses its rules, which costs far more than
 * using it: one is kept for the process, and threads take turns.
 */
static UTransliterator *han_latin;
static pthread_mutex_t han_latin_lock = PTHREAD_MUTEX_INITIALIZER;

static void close_transliterator(void)
{
	utrans_close(han_latin);
}

/* ASCII of s after the transliterator, or NULL. */
static char *transliterate(const char *s)
{
	static const UChar rules[] = { 'H', 'a', 'n', '-', 'L', 'a', 't', 'i', 'n', ';', ' ',
				       'L', 'a', 't', 'i', 'n', '-', 'A', 'S', 'C', 'I', 'I', 0 };
	UErrorCode err = U_ZERO_ERROR;
	UTransliterator *t = han_latin;
	int32_t len = 0, cap, limit;
	UChar *u;
	char *out = NULL;

	if (!t) {
		t = han_latin = utrans_openU(rules, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
		if (U_FAILURE(err)) {
			han_latin = NULL;
			return NULL;
		}
		atexit(close_transliterator);
	}
	u_strFromUTF8(NULL, 0, &len, s, -1, &err);
	err = U_ZERO_ERROR;
	cap = len * 8 + 16;
	u = xcalloc((size_t)cap, sizeof(*u));
	u_strFromUTF8(u, cap, &len, s, -1, &err);
	limit = len;
	if (U_SUCCESS(err))
		utrans_transUChars(t, u, &len, cap, 0, &limit, &err);
	if (U_SUCCESS(err)) {
		int32_t n = 0;
		u_strToUTF8(NULL, 0, &n, u, len, &err);
		err = U_ZERO_ERROR;
		out = xcalloc((size_t)n + 1, 1);
		u_strToUTF8(out, n + 1, &n, u, len, &err);
		if (U_FAILURE(err)) {
			free(out);
			out = NULL;
		}
	}
	free(u);
	return out;
}

char *pinyin_slug(const char *utf8)
{
	char *latin;

	pthread_mutex_lock(&han_latin_lock);
	latin = transliterate(utf8);
	pthread_mutex_unlock(&han_latin_lock);
	char *slug = ascii_slug(latin ? latin : utf8, (size_t)-1);

	free(latin);
	return slug;
}

char *ascii_slug(const char *s, size_t max)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s && sb.len < max; s++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			strbuf_addch(&sb, c);
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			strbuf_addch(&sb, '-');
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (!sb.len)
		strbuf_addstr(&sb, "x");
	return strbuf_detach(&sb, NULL);
}
