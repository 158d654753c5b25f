#ifndef CARE_TABLE_ENCODING_H
#define CARE_TABLE_ENCODING_H

#include <stddef.h>

#include "util/strbuf.h"

/*
 * The encodings a spreadsheet saved by Excel or WPS comes in: UTF-8, with
 * or without a byte order mark ("CSV UTF-8"), or the Chinese Windows code
 * page, GBK, read as its superset GB18030 ("CSV (逗号分隔)").
 */
enum table_encoding { TABLE_ENC_AUTO, TABLE_ENC_UTF8, TABLE_ENC_GB18030 };

/*
 * Appends buf (len bytes) to out as UTF-8 without a byte order mark. With
 * TABLE_ENC_AUTO the encoding is found: a UTF-8 byte order mark means
 * UTF-8, else text that is valid UTF-8 is UTF-8, else it is GB18030.
 * *found (may be NULL) gets the encoding used. Returns 0, or -1 with
 * error_last() saying where the text is not in the encoding (path names
 * the file in that message), and out unchanged.
 */
int table_decode(struct strbuf *out, const char *buf, size_t len, enum table_encoding enc,
		 const char *path, enum table_encoding *found);

/*
 * Appends utf8 (len bytes of UTF-8) to out in enc: UTF-8 starts with a
 * byte order mark, so that Excel reads it as UTF-8 (TABLE_ENC_AUTO is
 * UTF-8). Returns 0, or -1 with error_last() set when the system cannot
 * convert to GB18030.
 */
int table_encode(struct strbuf *out, const char *utf8, size_t len, enum table_encoding enc);

/* The encoding named "utf-8", "utf8", "gb18030" or "gbk", or -1. */
int table_encoding_from_name(const char *name);

#endif
