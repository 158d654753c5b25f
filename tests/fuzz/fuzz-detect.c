/*
 * Fuzz target: the phone and ID number detector (detect/detect.h) over
 * any bytes, as `care check` runs it over free text, commit subjects and
 * file names. Beyond not crashing: every match lies inside the text, the
 * matches come in the order they start, each says what it read (digits of
 * the right count for its kind, an ID number with a valid check digit),
 * and a second look with the same scratch finds the same.
 */
#include "fuzz.h"

#include "detect/detect.h"

static struct detect_scratch *detect_fuzz_scratch;

static void detect_check(const struct detect_match *m, int n, size_t len)
{
	int i;

	for (i = 0; i < n; i++) {
		size_t nd = strnlen(m[i].digits, sizeof(m[i].digits));
		FUZZ_ASSERT(m[i].start < m[i].end && m[i].end <= len);
		FUZZ_ASSERT(i == 0 || m[i - 1].start <= m[i].start);
		FUZZ_ASSERT(nd < sizeof(m[i].digits));
		switch (m[i].kind) {
		case DETECT_MOBILE:
			FUZZ_ASSERT(nd == 11 && m[i].digits[0] == '1');
			break;
		case DETECT_LANDLINE:
			FUZZ_ASSERT(nd >= 10 && nd <= 12 && m[i].digits[0] == '0');
			break;
		case DETECT_ID_NUMBER:
			FUZZ_ASSERT(nd == 15 || (nd == 18 && detect_valid_id_number(m[i].digits)));
			break;
		default:
			FUZZ_ASSERT(!"a match of no known kind");
		}
	}
}

FUZZ_TARGET(detect)
{
	const struct detect_match *m;
	struct detect_match *first = NULL;
	struct strbuf vis = STRBUF_INIT;
	char *buf;
	int n, n2, i;

	if (!detect_fuzz_scratch)
		detect_fuzz_scratch = detect_scratch_new();
	/* Exactly the bytes given: the detector takes a length, not a NUL. */
	buf = xmalloc(size ? size : 1);
	if (size)
		memcpy(buf, data, size);

	n = detect_find(detect_fuzz_scratch, buf, size, &m);
	FUZZ_ASSERT(n >= 0);
	detect_check(m, n, size);
	if (n) {
		first = xmalloc((size_t)n * sizeof(*first));
		memcpy(first, m, (size_t)n * sizeof(*first));
	}
	n2 = detect_find(detect_fuzz_scratch, buf, size, &m);
	FUZZ_ASSERT(n2 == n);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(m[i].kind == first[i].kind && m[i].start == first[i].start &&
			    m[i].end == first[i].end && !strcmp(m[i].digits, first[i].digits));

	FUZZ_ASSERT(detect_visible(detect_fuzz_scratch, buf, size, &vis) >= 0);

	free(first);
	free(buf);
	strbuf_release(&vis);
	return 0;
}
