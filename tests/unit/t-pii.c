/* Unit tests for records/identifiers.c, the records floor's way in to the detector. */
#include <string.h>

#include "records/identifiers.h"
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
	is_int(find("电话 139 9876 5432", m), PII_PHONE, "a mobile in groups of 3-4-4");
	is_int(find("电话139-9876-5432", m), PII_PHONE, "a mobile with hyphens");
	is_int(find("电话 139.9876.5432", m), PII_PHONE, "a mobile with dots");
	is_int(find("+8613998765432", m), PII_PHONE, "a mobile with +86");
	is_int(find("86 13998765432", m), PII_PHONE, "a mobile with 86");
	is_int(find("手机１３９９８７６５４３２", m), PII_PHONE, "a mobile in full-width digits");
	is_int(find("座机 0851 12345678", m), PII_PHONE, "a landline with a space");
	is_int(find("座机085112345678", m), PII_PHONE, "a landline run together");
	is_int(find("座机(0851)12345678", m), PII_PHONE, "a landline with brackets");
	is_int(find("2025-10-01 至 2026-07-10", m), PII_NONE, "a date range is not a phone");
	is_int(find("20251001", m), PII_NONE, "a date without hyphens is not a phone");
	is_int(find("第 3 组 12 号", m), PII_NONE, "an address number is not a phone");
	is_int(find("电话 139**9876**5432", m), PII_PHONE, "the detector's spellings: Markdown");
	is_int(find("电话 13998765&#52;32", m), PII_PHONE, "the detector's spellings: a reference");
	{
		const char *t = "甲 13998765432 乙 13812345678";
		struct pii_match pm;
		ok(pii_find(t, strlen(t), 0, m, &pm) == 1 && pm.start == 4 && pm.end == 15,
		   "byte offsets of the first");
		ok(pii_find(t, strlen(t), pm.end, m, &pm) == 1 && !strncmp(t + pm.start, "138", 3) &&
		   pm.end == strlen(t), "from the end of the first, the second, in the text's offsets");
		ok(pii_find(t, strlen(t), pm.end, m, &pm) == 0, "then none");
	}
	regex_scratch_free(m);
	pii_release();
	return done_testing();
}
