#ifndef CARE_PII_H
#define CARE_PII_H

#include <stddef.h>

#include "schema/regex.h"

/*
 * Finds personal identifiers in free text: mainland mobile and landline
 * numbers, and 18-digit national ID numbers whose check digit is right (so
 * an ordinary long number is not flagged). Free text is published and kept
 * in git for ever; identifiers belong in the sensitive fields.
 */
enum pii_kind { PII_NONE, PII_PHONE, PII_ID_NUMBER };

struct pii_match {
	enum pii_kind kind;
	size_t start, end;	/* byte range in the text */
};

int pii_init(void);
void pii_release(void);
/* Finds the first identifier in text at or after byte from. */
int pii_find(const char *text, size_t len, size_t from, struct regex_scratch *scratch,
	     struct pii_match *out);
/* Is s (18 characters) a national ID number with a valid check digit? */
int pii_valid_id_number(const char *s);

#endif
