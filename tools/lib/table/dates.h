#ifndef CARE_TABLE_DATES_H
#define CARE_TABLE_DATES_H

#include <stddef.h>

/*
 * Dates as people type them in a spreadsheet, made YYYY-MM-DD. The forms
 * always known are 2015-03-14, 2015/3/14, 2015年3月14日 and 2015.3.14 (a
 * one- or two-digit month and day, an optional time after a space, as
 * Excel adds "0:00"); a mapping file may add forms written with YYYY, MM
 * (or M), DD (or D) and the characters between them, such as "D/M/YYYY".
 */

/*
 * Writes text as YYYY-MM-DD to out when it has one of the forms (the
 * built-in ones, then the n in forms, which may be NULL) and is a real
 * date. Returns 0, or -1 with out untouched.
 */
int table_date(const char *text, const char *const *forms, size_t n, char out[11]);

/* Is form a date form table_date() understands (one YYYY, one M or MM, one D or DD)? */
int table_date_form_valid(const char *form);

#endif
