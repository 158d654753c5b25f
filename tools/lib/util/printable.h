#ifndef CARE_PRINTABLE_H
#define CARE_PRINTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "util/strbuf.h"

/*
 * Characters a teacher cannot see or that change what a terminal or a
 * page shows: C0 controls but line feed and tab, DEL, C1 controls, bidi
 * controls and isolates, zero-width characters and joiners, the soft
 * hyphen, the word joiner, the line and paragraph separators and a
 * byte-order mark. None belongs in a record.
 */
int is_hidden_char(uint32_t cp);

/*
 * What a teacher calls the hidden character cp ("zero-width space"), in
 * English: a static string marked with N_(), to be passed through _().
 */
const char *hidden_char_name(uint32_t cp);

/*
 * Offset of the first character of s (len bytes of UTF-8) that no value
 * may hold: a hidden character, or a tab unless allow_tab (text blocks
 * keep their tabs). Stores it in *cp. Returns len when there is none;
 * bytes that are not UTF-8 are passed over (the raw-text scan reports them).
 */
size_t find_hidden_char(const char *s, size_t len, int allow_tab, uint32_t *cp);

/*
 * A copy of s (len bytes) without the characters find_hidden_char() finds
 * (tabs too): what a key was meant to be. The caller frees it.
 */
char *strip_hidden_chars(const char *s, size_t len);

/*
 * Adds s (len bytes of UTF-8) to sb for a terminal: every hidden
 * character, and line feeds and tabs unless keep_lines, as a visible
 * "\u{XXXX}"; bytes that are not UTF-8 as "\xNN". Nothing raw reaches
 * the terminal that could move the cursor, recolour it or reorder text.
 */
void strbuf_add_printable(struct strbuf *sb, const char *s, size_t len, int keep_lines);

/*
 * Appends s as the inside of a JSON string literal, as strbuf_add_json()
 * does, with every hidden character as "\uXXXX" too: a program reading
 * the JSON may well print the strings to a terminal.
 */
void strbuf_add_json_printable(struct strbuf *sb, const char *s);

#endif
