#ifndef CARE_ERROR_H
#define CARE_ERROR_H

/*
 * Why the last library call on this thread failed, in words a teacher can
 * act on, for the command to print: the library itself never prints (as
 * libgit2's git_error_last()). A failing function sets the message and
 * returns a negative number; content problems in records are not failures
 * and go to a diagnostics list instead.
 */

/* Sets this thread's message (formatted, already translated) and returns -1. */
int error_set(const char *fmt, ...)
#ifdef __GNUC__
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* The message of the last failure on this thread, or "" when none is set. */
const char *error_last(void);


#endif
