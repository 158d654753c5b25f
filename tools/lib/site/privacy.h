#ifndef CARE_SITE_PRIVACY_H
#define CARE_SITE_PRIVACY_H

#include "records/programme.h"
#include "schema/regex.h"
#include "template/values.h"

/*
 * Every decision of what a profile may show, in one place: whether
 * fields the schemas mark x-sensitive reach a page, which activity kinds
 * are private and what is left of them, what a timeline shows of a
 * sensitive field's change, and identifiers hidden in free text that
 * predates the free-text check (old versions, commit subjects). A change
 * here needs a test in tests/t0320-privacy.sh that would catch its leak.
 */
struct privacy {
	int full;		/* the full profile: contact cards and all */
	const struct programme *prog;	/* borrowed: private_activity_kinds */
};

void privacy_init(struct privacy *p, int full, const struct programme *prog);

/* Flags for record_to_mval(): sensitive fields only under the full profile. */
int privacy_value_flags(const struct privacy *p);

/* Flags for field_changes(): a sensitive field leaves no trace under staff. */
int privacy_diff_flags(const struct privacy *p);

/*
 * Is an activity of this kind shown only as its date, kind and head
 * count? Who was counselled is itself sensitive, so a programme.yaml that
 * does not say keeps counselling and heart-to-heart talks private; an
 * empty list makes them public. Never under the full profile.
 */
int privacy_hides_activity(const struct privacy *p, const char *kind);

/*
 * What is left of such an activity (summary v, in a): its id, date, kind
 * and its label, marked "private". The caller adds the head count.
 */
struct mval *privacy_activity_stub(struct marena *a, const struct mval *v, const char *id);

/*
 * text with any phone or ID number replaced by a notice, unless the
 * profile is full: for text the free-text check never saw.
 */
struct mval *privacy_redact(const struct privacy *p, struct marena *a, const char *text,
			    struct regex_scratch *scratch);

#endif
