/*
 * The last failure's message, one per thread. A fixed buffer, so that
 * reporting running out of memory needs none.
 */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/banned.h"

static _Thread_local char message[1024];

int error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	return -1;
}

const char *error_last(void)
{
	return message;
}

