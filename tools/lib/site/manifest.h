#ifndef CARE_MANIFEST_H
#define CARE_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "template/values.h"
#include "util/hash.h"

/*
 * What the last render of a site was made of, kept beside the site folder
 * (".site.care-cache" for "site"), so the next render can redo only what
 * changed: a hash of the setup (templates, schemas, programme.yaml,
 * profile, care's build), the profile by name, the site folder it
 * describes (site_folder_id()), each record's file stamp and summary,
 * and each page's fingerprint (a hash of the stamps of the records it
 * shows).
 */
struct manifest;

struct manifest_record {
	const char *path;
	uint64_t stamp;
	const unsigned char *summary;	/* serialised; see manifest_summary() */
};

/* The manifest in file, or NULL when there is none or it cannot be trusted. */
struct manifest *manifest_load(const char *file);
void manifest_free(struct manifest *m);

uint64_t manifest_config(const struct manifest *m);
/* The site folder it was written for, and that folder's profile ("staff", "full"). */
uint64_t manifest_site(const struct manifest *m);
const char *manifest_profile(const struct manifest *m);
size_t manifest_nrecords(const struct manifest *m);
const struct manifest_record *manifest_record_at(const struct manifest *m, size_t i);
const struct manifest_record *manifest_record(const struct manifest *m, const char *path);
/* The fingerprint the page had, and whether it existed. */
int manifest_page(const struct manifest *m, const char *name, uint64_t *fingerprint);
size_t manifest_npages(const struct manifest *m);
const char *manifest_page_at(const struct manifest *m, size_t i);

/* A record's summary as values in a (strings stay in the manifest). */
struct mval *manifest_summary(const struct manifest *m, const struct manifest_record *r,
			      struct marena *a);

/* Building the next manifest. */
struct manifest_writer;
/*
 * A writer; with last, it starts from last's keys, so the summaries of
 * unchanged records are copied as they are (manifest_copy_record()).
 */
struct manifest_writer *manifest_writer_new(uint64_t config, const struct manifest *last);
/* The site folder the manifest will describe, and its profile; "" and 0 until set. */
void manifest_set_site(struct manifest_writer *w, const char *profile, uint64_t site);
void manifest_copy_record(struct manifest_writer *w, const struct manifest_record *r);
void manifest_add_record(struct manifest_writer *w, const char *path, uint64_t stamp,
			 const struct mval *summary);
void manifest_add_page(struct manifest_writer *w, const char *name, uint64_t fingerprint);
/* Writes file through a temporary file beside it; 0, or -1 with errno. */
int manifest_write(struct manifest_writer *w, const char *file);
void manifest_writer_free(struct manifest_writer *w);


#endif
