#ifndef CARE_RECORDS_KINDS_H
#define CARE_RECORDS_KINDS_H

/*
 * The kinds of record and their ids. A new kind starts here (its name and
 * folder), with a schema in records/schema/ and its templates.
 */
enum kind { KIND_CHILD, KIND_PAIRING, KIND_ACTIVITY, KIND_NR };

extern const char *const kind_dirs[KIND_NR];	/* "children", ... */
extern const char *const kind_names[KIND_NR];	/* "child", ... */

/* The kind named name ("child"), or KIND_NR when there is none. */
enum kind kind_from_name(const char *name);

/* The kind whose folder holds path ("records/children/x.yaml"), or KIND_NR. */
enum kind kind_of_path(const char *path);

/* Is id a record id: a-z, 0-9 and '-', starting with a letter or digit, at most 64? */
int is_valid_id(const char *id);

struct regex_scratch;

/*
 * Does id hold a phone or national ID number ("13998765432",
 * "li-13998765432", "11010519491231002x")? Ids travel into page names,
 * links and git history, so they must not; '-' is read as the separator
 * people write numbers in groups with. scratch is the calling thread's
 * (pii_find()'s). Without a working detector every id is suspect: 1.
 */
int id_holds_identifier(const char *id, struct regex_scratch *scratch);

#endif
