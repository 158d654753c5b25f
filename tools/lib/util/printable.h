#ifndef CARE_PRINTABLE_H
#define CARE_PRINTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/*
 * Characters a teacher cannot see or that change what a terminal or a
 * page shows: C0 controls but line feed and tab, DEL, C1 controls, bidi
 * controls and isolates, zero-width characters and joiners, the soft
 * hyphen, the word joiner and a byte-order mark. None belongs in a record.
 */
int is_hidden_char(uint32_t cp);

/*
 * Adds s (len bytes of UTF-8) to sb for a terminal: every hidden
 * character, and line feeds and tabs unless keep_lines, as a visible
 * "\u{XXXX}"; bytes that are not UTF-8 as "\xNN". Nothing raw reaches
 * the terminal that could move the cursor, recolour it or reorder text.
 */
void strbuf_add_printable(struct strbuf *sb, const char *s, size_t len, int keep_lines);

#endif
