#ifndef CARE_HASH_H
#define CARE_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * 64-bit FNV-1a, for file stamps, page fingerprints and hash tables: fast
 * on short keys, and stable across runs and machines, as a cache kept on
 * disk needs. Not for anything an attacker may choose to collide.
 */
uint64_t hash_bytes(uint64_t h, const void *data, size_t len);
#define HASH_SEED 0xcbf29ce484222325ULL

#endif
