#ifndef CARE_SCHEMA_H
#define CARE_SCHEMA_H

#include <stddef.h>

#include "util/diag.h"
#include "schema/regex.h"
#include "yaml/tree.h"

/*
 * Record schemas: the subset of JSON Schema 2020-12 listed in README.md,
 * written in YAML, plus the extensions x-ref, x-labels, x-sensitive and
 * x-markdown. A schema is checked as it is loaded, so a mistake in a schema
 * file is reported at its own line instead of misjudging every record.
 * A loaded schema is read-only and may be shared by threads.
 */
struct schema;
struct snode;

/*
 * Loads a schema from its text. Problems in the schema itself go to dl
 * (rule "schema"). Returns 0, or -1 with *out NULL.
 */
int schema_load(struct schema **out, const char *path, const char *buf, size_t len,
		struct diag_list *dl);
void schema_free(struct schema *s);
const struct snode *schema_root(const struct schema *s);

/* Navigating a schema, for pages and messages. NULL where there is none. */
const struct snode *snode_property(const struct snode *n, const char *key);
const struct snode *snode_items(const struct snode *n);
/* The properties of an object node in schema order: how many, and each. */
size_t snode_nprops(const struct snode *n);
const char *snode_prop_name(const struct snode *n, size_t i);
const struct snode *snode_prop(const struct snode *n, size_t i);
const char *snode_title(const struct snode *n);
const char *snode_label(const struct snode *n, const char *enum_value);
int snode_sensitive(const struct snode *n);
int snode_markdown(const struct snode *n);
const char *snode_xref(const struct snode *n);
/* Is value one of the node's enum values? */
int snode_enum_has(const struct snode *n, const char *value);
/* For writing a new record (care new): the description, whether an object
 * node requires key, the enum values in order, and whether the value is a
 * number (written bare) rather than text. */
const char *snode_description(const struct snode *n);
int snode_requires(const struct snode *n, const char *key);
size_t snode_nenums(const struct snode *n);
const char *snode_enum(const struct snode *n, size_t i);
int snode_numeric(const struct snode *n);

/* What the validator reports back besides diagnostics. */
struct validate_hooks {
	/* A scalar whose schema has x-ref: the id of a record of kind. */
	void (*ref)(void *data, const char *kind, const struct ynode *value);
	/* A scalar whose schema has x-markdown: free text a teacher wrote;
	 * field is its name as messages quote it. */
	void (*free_text)(void *data, const char *field, const struct ynode *value);
	void *data;
};

/*
 * Checks root against s, adding every problem to dl under path. scratch is
 * the calling thread's regex space. Returns the number of errors added.
 */
int schema_validate(const struct schema *s, const struct ynode *root, const char *path,
		    struct diag_list *dl, struct regex_scratch *scratch,
		    const struct validate_hooks *hooks);


#endif
