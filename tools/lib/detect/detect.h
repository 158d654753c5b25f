#ifndef CARE_DETECT_H
#define CARE_DETECT_H

#include <stddef.h>

struct strbuf;

/*
 * What a reader will see of a text, and the phone and ID numbers in it.
 * Free text (a record's notes, programme.yaml's titles, a commit subject,
 * a file name) is published and kept in git for ever; mainland phone
 * numbers and national ID numbers belong only in the fields made for them.
 *
 * A text is looked at twice, as a reader of the file and as a reader of
 * its page: as written, and as Markdown shown as plain text (markup gone:
 * "139**9876**5432" and "`139`9876`5432`" read as one number). Both
 * times character references are decoded ("13998765&#52;32"), Unicode is
 * NFKC-normalised (full-width digits, brackets and spaces become ASCII)
 * and format characters dropped (soft hyphen, zero-width space and
 * joiners, word joiner, NUL). Then digits are read in groups with any of
 * the separators people write between them: spaces of every width, every
 * dash and hyphen, '.', '/' or '·' alone, brackets around an area code,
 * and one line end; "+86", "86" or "0086" before a mobile. A match is
 * whole groups: digits run on from a longer number never match.
 *
 *   mobile     1[3-9] and 9 digits          139 9876 5432, +86 139-9876-5432
 *   landline   0, a 2-3 digit area code,    0851-87654321, (0745)8055086,
 *              then 7 or 8 digits           010-8888 6666
 *   ID number  18 digits (the last may be X) with a valid check digit, or
 *              the 15 of the old cards; a province code and a real birth
 *              date in both                 110105 19491231 002X
 *
 * Groups in a number have three digits or more (but "86"), so dates,
 * times, scores and years, which come in twos and fours with other
 * separators, are not taken for one; a landline starts a run of groups or
 * follows a number found, so the middle of a bank card is not one. One
 * pass, no backtracking: time is linear in the text.
 */
enum detect_kind {
	DETECT_MOBILE = 1,
	DETECT_LANDLINE,
	DETECT_ID_NUMBER,
};

struct detect_match {
	enum detect_kind kind;
	size_t start, end;	/* bytes of the text given, to point at or cut out */
	char digits[20];	/* as read: ASCII digits (and X), without +86; NUL-ended */
};

/*
 * 0 when the detector can work, -1 with error_last() set when Unicode's
 * normalisation data cannot be loaded. detect_find() says the same; this
 * is for a command that wants to know before it starts.
 */
int detect_init(void);

/*
 * Memory for finding: one per thread, reused from text to text, never
 * shared between threads.
 */
struct detect_scratch;

struct detect_scratch *detect_scratch_new(void);
/* detect_scratch_free(NULL) does nothing. */
void detect_scratch_free(struct detect_scratch *s);

/*
 * The calling thread's scratch, made the first time and freed when the
 * thread ends: for callers that cannot carry one of their own.
 */
struct detect_scratch *detect_thread_scratch(void);

/*
 * Finds every phone and ID number a reader could see in text (len bytes,
 * NUL bytes allowed; only the first UINT32_MAX - 1 are looked at). Returns
 * how many, with *out pointing at them in s, in the order they start,
 * valid until s is used again; -1 when Unicode's normalisation data
 * cannot be loaded (error_last() says so), in which case nothing is known
 * to be safe. Each match's bytes are those that write the number; a
 * number only the page shows whose place in the Markdown cannot be told
 * (rare: cmark-gfm gave no usable position) spans the whole text, so that
 * it is reported at its start and cut out with it, and may overlap others.
 */
int detect_find(struct detect_scratch *s, const char *text, size_t len,
		const struct detect_match **out);

/*
 * What a reader of the file sees of text (the first of the two looks
 * above), into out (reset first): for tests, and for anyone who must show
 * what was matched.
 */
int detect_visible(struct detect_scratch *s, const char *text, size_t len, struct strbuf *out);

/* Is s (18 characters) a national ID number with a valid check digit? */
int detect_valid_id_number(const char *s);

#endif
