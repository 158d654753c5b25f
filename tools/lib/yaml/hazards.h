#ifndef CARE_TEXT_H
#define CARE_TEXT_H

#include <stddef.h>

#include "util/diag.h"

/*
 * Checks the raw bytes of a record for what a text editor can do to a file
 * before YAML ever sees it: a wrong encoding (GBK, UTF-16), NUL and control
 * characters, git conflict markers, tab indentation, and full-width
 * punctuation typed with a Chinese input method where YAML needs ASCII.
 * Each is reported with its own message, so the teacher is not handed a
 * YAML parser's guess. Returns the number of errors added to dl; when it is
 * not 0, the file should not be parsed.
 */
int text_scan(const char *buf, size_t len, const char *path, struct diag_list *dl);

#endif
