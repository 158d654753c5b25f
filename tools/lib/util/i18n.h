#ifndef CARE_I18N_H
#define CARE_I18N_H

/*
 * Teachers read messages in Chinese when their locale says so. Messages are
 * written in English at the call site, wrapped in _(), and looked up in the
 * table of i18n.c; a message missing from the table is shown in English.
 */
/* Reads LC_ALL, LC_MESSAGES and LANG, as gettext does. */
void i18n_init(void);
int i18n_is_zh(void);
/* Forces the language; tests use it. lang is "zh" or "en". */
void i18n_set(const char *lang);
const char *i18n_gettext(const char *en) __attribute__((format_arg(1)));
#define _(s) i18n_gettext(s)
/* Marks a string for translation where it is stored, not yet shown. */
#define N_(s) (s)

#endif
