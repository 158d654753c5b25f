#ifndef CARE_RECORDS_NEWREC_H
#define CARE_RECORDS_NEWREC_H

#include "records/kinds.h"
#include "schema/schema.h"
#include "util/strbuf.h"

/*
 * A new record for a teacher to fill in (care new): every field of its
 * schema, each with a Chinese comment giving its title, whether it must
 * be filled in, and its allowed values with their labels, all taken from
 * the schema so they cannot drift from what care check enforces. Fields
 * given a value are written with it; a required field without one is
 * left empty (care check then reports it as still to fill in); an
 * optional one without a value is written commented out, ready to use.
 */
struct newrec;

/* s is borrowed and must outlive the record. Never fails. */
struct newrec *newrec_new(const struct schema *s, enum kind kind);
void newrec_free(struct newrec *r);

/*
 * Sets the field at path (dotted: "guardian.phone"; a step into a list
 * of groups means its first item: "parents.name") to value, replacing an
 * earlier value. A list field takes its items separated by commas. An
 * enum value may also be given as its label (男 for male). Returns 0, or
 * -1 with error_last() saying why: no such field, a group of fields
 * rather than one value, or a value the enum does not allow (the message
 * lists the allowed values and labels).
 */
int newrec_set(struct newrec *r, const char *path, const char *value);
/* The same for "path=value"; -1 also when there is no '='. */
int newrec_assign(struct newrec *r, const char *assignment);
/*
 * Sets every value a defaults file (templates/new/<kind>.yaml: the same
 * shape as a record, values only) gives. -1 with error_last() on a file
 * that is not such YAML or names a field the schema does not have.
 */
int newrec_defaults(struct newrec *r, const char *text, size_t len, const char *path);
/* The value set at path, or NULL. Borrowed until the next set. */
const char *newrec_get(const struct newrec *r, const char *path);

/* Appends the record's text, its first line the editors' schema hint. */
void newrec_format(const struct newrec *r, struct strbuf *out);

/*
 * Appends s as one YAML scalar: plain when that reads back as the same
 * text, else in double quotes. numeric: the field is a number, written
 * bare when it looks like one.
 */
void yaml_add_scalar(struct strbuf *out, const char *s, int numeric);
/* Appends s (len bytes) escaped for the inside of a double-quoted YAML scalar. */
void yaml_escape_dq(struct strbuf *out, const char *s, size_t len);

/*
 * Ids. The stem of a child's id: the pinyin of name, and the year of
 * birth_date when one is given ("wang-xiaoming-2015"). The caller's.
 */
char *newrec_child_stem(const char *name, const char *birth_date);

/*
 * Writes text as records/<kind's folder>/<stem>.yaml under the current
 * folder (the records top), or <stem>-2.yaml, -3 ... when taken: the file
 * is written beside under a temporary name and linked into place, which
 * fails rather than replace a file, so no record is ever overwritten,
 * not even by a care new running at the same time. A stem too long for
 * an id is cut. Returns 0 with *path ("records/children/x.yaml", the
 * caller's), or -1 with error_last() set.
 */
int newrec_write(char **path, enum kind kind, const char *stem, const char *text);

/*
 * The id of the child named by id_or_name: a child id with a file, or
 * the name of exactly one child in records/children. Returns 0 with *id
 * (the caller's), or -1 with error_last() saying that none has that id or
 * name (or its pinyin, li-mei or limei), or -2 listing the several that
 * have it.
 */
int newrec_find_child(char **id, const char *id_or_name);

#endif
