/* Unit tests for pii.c. */
#include <string.h>

#include "lib/pii.h"
#include "tap.h"

static enum pii_kind find(const char *text, struct regex_scratch *m)
{
	struct pii_match pm;

	pii_find(text, strlen(text), 0, m, &pm);
	return pm.kind;
}

int main(void)
{
	struct regex_scratch *m;

	ok(!pii_init(), "patterns compile");
	m = regex_scratch_new();
	ok(pii_valid_id_number("11010519491231002X"), "a valid ID number with check X");
	ok(!pii_valid_id_number("110105194912310021"), "a wrong check digit");
	is_int(find("身份证11010519491231002X，", m), PII_ID_NUMBER, "an ID number in Chinese text");
	is_int(find("编号 110105194912310021 号", m), PII_NONE, "18 digits with a wrong check digit");
	is_int(find("妈妈电话13812345678。", m), PII_PHONE, "a mobile number in Chinese text");
	is_int(find("座机 0851-12345678", m), PII_PHONE, "a landline with area code");
	is_int(find("期中数学 72 分，提高 10 分", m), PII_NONE, "scores are not phones");
	is_int(find("12345678901234", m), PII_NONE, "a longer number is not a phone");
	is_int(find("2024-11-01", m), PII_NONE, "a date is not a phone");
	regex_scratch_free(m);
	pii_release();
	return done_testing();
}
