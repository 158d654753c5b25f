/* FNV-1a, 64 bits (see hash.h for what it is and is not for). */
#include "util/hash.h"

#include "util/banned.h"

uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
