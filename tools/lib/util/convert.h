#ifndef CARE_CONVERT_H
#define CARE_CONVERT_H

#include <stddef.h>

#include "util/strbuf.h"

/*
 * Converting text between encodings with the C library's iconv, whose
 * header lives here alone: the YAML hazard scan decodes a GBK line to
 * show it, and spreadsheets (table/) come in GB18030 and go out in it.
 */

/*
 * Appends buf (len bytes) in encoding from ("GB18030", "UTF-8") to out in
 * encoding to. Returns 0; or -1 with out unchanged and *bad (may be NULL)
 * the offset of the first byte that cannot be converted, or (size_t)-1
 * when the system cannot convert between the two at all (errno says why).
 */
int convert_encoding(struct strbuf *out, const char *to, const char *from, const char *buf,
		     size_t len, size_t *bad);

#endif
