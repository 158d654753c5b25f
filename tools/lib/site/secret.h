#ifndef CARE_SITE_SECRET_H
#define CARE_SITE_SECRET_H

#include <stddef.h>
#include <stdint.h>

/*
 * The site's key: 16 random bytes kept in a file beside the site folder
 * (".site.care-key" for "site/"), never in it, so it is not published
 * with the pages. A page whose name must not say what its record's file
 * name says (a private activity's) is named by a keyed hash of the id:
 * the same from one render to the next, different under another site's
 * key, and not to be guessed by trying ids without the key.
 */
#define SITE_KEY_SIZE 16

struct site_key {
	unsigned char b[SITE_KEY_SIZE];
};

/*
 * Reads the key kept at path; when there is none there, or what is
 * there is not a key, makes one (getrandom()) and writes it, mode 0600,
 * through a temporary file renamed into place. Returns 0, or -1 with
 * error_last() set when it can neither read nor keep one.
 */
int site_key_load(struct site_key *k, const char *path);

/*
 * A key kept nowhere: random bytes. 0; or -1 with error_last() set when
 * the kernel gives none, k then holding a weak key made of the time.
 */
int site_key_random(struct site_key *k);

/* SipHash-2-4 of data under k: without the key it cannot be computed. */
uint64_t site_key_hash(const struct site_key *k, const void *data, size_t len);

#endif
