#ifndef CARE_SCHEMA_JSON_H
#define CARE_SCHEMA_JSON_H

#include <stddef.h>

#include "util/diag.h"
#include "util/strbuf.h"

/*
 * A record schema as plain JSON Schema 2020-12, for editors (the YAML
 * language server of VS Code and others): the standard keywords in the
 * order the YAML file has them, "$schema" first (added when the file has
 * none), every x- keyword and $comment left out, and each enum's x-labels
 * given as "enumDescriptions" and "markdownEnumDescriptions" lists, one
 * entry per enum value ("" for a value without a label). Numbers and
 * booleans are written as JSON numbers and booleans, every other value as a
 * string, since care reads enum values and const as text. The text is
 * UTF-8 without a BOM, indented by two spaces as `jq .` writes it, and ends
 * with a newline: the same schema always gives the same bytes.
 */

/*
 * Converts the schema in buf (len bytes, read from path) and appends the
 * JSON to out. The text is scanned (text_scan()) and the schema loaded
 * (schema_load()) first, as care check does, so a schema care would
 * refuse is not exported: its problems go to dl. Returns 0, or -1 with
 * out unchanged.
 */
int schema_to_json(struct strbuf *out, const char *path, const char *buf, size_t len,
		   struct diag_list *dl);

#endif
