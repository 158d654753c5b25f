#ifndef CARE_LINES_H
#define CARE_LINES_H

#include <stddef.h>

/* Line and column (1-based, characters) of byte offset off in buf. */
void text_position(const char *buf, size_t len, size_t off, int *line, int *col);

/* Start of line `line` (1-based) in buf and its length without the line end. */
const char *text_line(const char *buf, size_t len, int line, size_t *linelen);

/* Length of a UTF-8 byte-order mark at buf, or 0. */
size_t text_bom(const char *buf, size_t len);

#endif
