#ifndef CARE_SITE_PRIVACY_H
#define CARE_SITE_PRIVACY_H

#include "records/programme.h"
#include "schema/regex.h"
#include "site/secret.h"
#include "template/values.h"
#include "util/strbuf.h"

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
 * and its label, marked "private". The caller adds the head count. The id
 * is its file's, for the render manifest; before any page is named or
 * written it becomes privacy_activity_page_id()'s (site/model.c).
 */
struct mval *privacy_activity_stub(struct marena *a, const struct mval *v, const char *id);

/*
 * text with any phone or ID number replaced by a notice, unless the
 * profile is full: for text the free-text check never saw.
 */
struct mval *privacy_redact(const struct privacy *p, struct marena *a, const char *text,
			    struct regex_scratch *scratch);

/*
 * The id a private activity's page and every link to it go by under the
 * staff profile, in place of its file name, which may name a child
 * ("2025-10-22-li-mengqi-2017-counselling"): "p_" and 16 hex digits of
 * the id hashed under the site's key (site/secret.h), so the name stays
 * from one render to the next and tells nothing without the key. No id
 * has a '_', so no other record's page can have that name. In a.
 */
struct mval *privacy_activity_page_id(struct marena *a, const struct site_key *key, const char *id);

/*
 * Does the profile show this need of a child (a code of child.needs)?
 * Under staff, poverty and learning, which staff plan help by (aid,
 * tutoring, pairing); not health or psychological, which say what the
 * hidden health field and the private counselling would. Full: all.
 */
int privacy_shows_need(const struct privacy *p, const char *code);

/* child's needs, needs_labels and needs_text (values in a), cut to those it shows. */
void privacy_trim_needs(const struct privacy *p, struct marena *a, struct mval *child);

/*
 * What field_changes() (git/fielddiff.h) is told to leave out and hide,
 * as the data of its struct fielddiff_filter: privacy_hides_item() the
 * items of a list p does not show (a need), so they do not show as a
 * change either; privacy_redact_item() phone and ID numbers in old text,
 * as notice, unless p is the full profile, and for a page (p set) hidden
 * characters dropped under every profile. p NULL: no item hidden and
 * every number (care history without --full, which prints hidden
 * characters visibly instead). scratch is the caller's.
 */
struct privacy_filter {
	const struct privacy *p;
	const char *notice;
	struct regex_scratch *scratch;
};

int privacy_hides_item(void *data, const char *field, const char *value);
void privacy_redact_item(void *data, struct strbuf *out, const char *text);

/*
 * Appends text (len bytes) to out with every phone and ID number replaced
 * by notice: for what is printed rather than put on a page (care history
 * without --full), found by the same detector as privacy_redact(). What
 * the detector cannot look at (it does not work, or gives up) is notice.
 */
void privacy_redact_buf(struct strbuf *out, const char *text, size_t len, const char *notice,
			struct regex_scratch *scratch);

#endif
