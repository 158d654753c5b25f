#ifndef CARE_RECORDS_IMPORT_INT_H
#define CARE_RECORDS_IMPORT_INT_H

/* What import.c and import_known.c share inside records/. */
#include "records/kinds.h"
#include "records/rowmap.h"
#include "records/source.h"

/* What the repository holds already: each child's id and name, and what makes each record of the kind itself. */
struct known {
	struct child_ref *kids;
	size_t nkids;
	char **identities;	/* "identity\x1eid", sorted */
	size_t nidentities;
};

/* Reads the children and the records of kind want from src. 0, or -1 with error_last(). */
int load_known(struct known *k, struct source *src, enum kind want);
void known_release(struct known *k);
/* The id of the record already there with this identity (rowmap_identity()), or NULL. */
const char *known_as(const struct known *k, const char *identity);

#endif
