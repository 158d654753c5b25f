/*
 * Personal identifiers in free text. The patterns are compiled once at
 * start-up and shared by the checking threads.
 */
#include "records/identifiers.h"

#include <string.h>

#include "util/banned.h"

static struct regex *re_any;

int pii_init(void)
{
	char err[128];
	size_t off;

	if (re_any)
		return 0;
	/*
	 * One pass for all of them: 18-digit IDs first so that their digits
	 * are not taken for a phone; then mobiles, also written in groups
	 * ("139 9876 5432", "139-9876-5432") or with +86, and in full-width
	 * digits as a Chinese input method types them; then landlines with an
	 * area code, with or without "-", a space or brackets.
	 */
	return regex_compile(&re_any,
			     "(?<![0-9０-９])(?:"
			     "[1-9][0-9]{16}[0-9Xx]"
			     "|(?:\\+?86[ -]?)?1[3-9][0-9](?:[ .-]?[0-9]{4}){2}"
			     "|[1１][３-９][０-９]{9}"
			     "|0[1-9][0-9]{1,2}[ -]?[0-9]{7,8}"
			     "|\\(0[1-9][0-9]{1,2}\\)[ -]?[0-9]{7,8}"
			     ")(?![0-9０-９])",
			     err, sizeof(err), &off);
}

void pii_release(void)
{
	regex_free(re_any);
	re_any = NULL;
}

int pii_valid_id_number(const char *s)
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * weight[i];
	}
	return (s[17] == 'x' ? 'X' : s[17]) == check[sum % 11];
}

int pii_find(const char *text, size_t len, size_t from, struct regex_scratch *scratch,
	     struct pii_match *out)
{
	size_t s, e;

	while (from < len && regex_search(re_any, text, len, from, scratch, &s, &e) == 1) {
		out->start = s;
		out->end = e;
		/* Eighteen plain digits (or X) are an ID number only if it checks out. */
		if (e - s == 18 && strspn(text + s, "0123456789Xx") >= 18) {
			if (pii_valid_id_number(text + s)) {
				out->kind = PII_ID_NUMBER;
				return 1;
			}
		} else {
			out->kind = PII_PHONE;
			return 1;
		}
		from = e;
	}
	out->kind = PII_NONE;
	return 0;
}
