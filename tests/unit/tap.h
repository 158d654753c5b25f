#ifndef CARE_TAP_H
#define CARE_TAP_H

/*
 * A minimal TAP producer for the C unit tests, so that prove runs them
 * beside the shell tests. Each ok() is one test line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

__attribute__((format(printf, 4, 5))) static int tap_ok(int pass, const char *file, int line,
							const char *fmt, ...)
{
	va_list ap;

	tap_count++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...)                                                          \
	(tap_ok((got) && !strcmp((got), (want)), __FILE__, __LINE__, __VA_ARGS__) ||      \
	 (printf("#   got '%s', want '%s'\n", (got) ? (got) : "(null)", (want)), 0))
#define is_int(got, want, ...)                                                          \
	(tap_ok((long)(got) == (long)(want), __FILE__, __LINE__, __VA_ARGS__) ||          \
	 (printf("#   got %ld, want %ld\n", (long)(got), (long)(want)), 0))

static inline int done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
