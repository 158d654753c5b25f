/*
 * Personal identifiers in free text, for the records floor and those above
 * it: a thin layer over the detector (detect/detect.h), which does the work.
 */
#include "records/identifiers.h"

#include "detect/detect.h"
#include "util/banned.h"

int pii_init(void)
{
	return detect_init();
}

void pii_release(void)
{
}

int pii_valid_id_number(const char *s)
{
	return detect_valid_id_number(s);
}

int pii_find(const char *text, size_t len, size_t from, struct regex_scratch *scratch,
	     struct pii_match *out)
{
	const struct detect_match *m;
	int n;

	(void)scratch;
	out->kind = PII_NONE;
	out->start = out->end = from;
	if (from >= len)
		return 0;
	n = detect_find(detect_thread_scratch(), text + from, len - from, &m);
	if (n <= 0)
		return n;
	out->kind = m->kind == DETECT_ID_NUMBER ? PII_ID_NUMBER : PII_PHONE;
	out->start = from + m->start;
	out->end = from + m->end;
	return 1;
}
