#ifndef CARE_PII_H
#define CARE_PII_H

#include <stddef.h>

#include "schema/regex.h"

/*
 * Personal identifiers in free text: mainland mobile and landline
 * numbers and national ID numbers, as detect/detect.h finds them in what
 * a reader sees of the text (its spellings with separators, full-width
 * digits, character references, Markdown markup and invisible
 * characters). Free text is published and kept in git for ever;
 * identifiers belong in the sensitive fields. This is the records floor's
 * way in to the detector, for callers that look at one text from the start.
 */
enum pii_kind { PII_NONE, PII_PHONE, PII_ID_NUMBER };

struct pii_match {
	enum pii_kind kind;
	size_t start, end;	/* byte range in the text given, to cut or replace */
};

/* 0 when the detector can work (Unicode's data is there), else -1 with error_last() set. */
int pii_init(void);
/* Nothing to free any more: kept for callers of pii_init(). */
void pii_release(void);

/*
 * Finds the first identifier in text (len bytes) at or after byte from,
 * looking at text[from..len) as a text of its own: 1 with *out filled, 0
 * when there is none, -1 when the detector cannot work. Each call reads
 * from `from` to the end, so a caller walking a long text match by match
 * should take them all at once with detect_find(). scratch is not used
 * (the detector keeps its memory per thread); it stays for the callers.
 */
int pii_find(const char *text, size_t len, size_t from, struct regex_scratch *scratch,
	     struct pii_match *out);
/* Is s (18 characters) a national ID number with a valid check digit? */
int pii_valid_id_number(const char *s);

#endif
