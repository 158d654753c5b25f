/*
 * The memory of a YAML tree: nodes and strings in chunks freed with the
 * document, and each thread's spare chunk, so that parsing tens of
 * thousands of small records costs no allocation for the tree.
 */
#include "yaml/arena_int.h"

#include <stdlib.h>

#include "util/strbuf.h"
#include "util/banned.h"

struct chunk {
	struct chunk *next;
	size_t used, size;
	char mem[];
};

#define CHUNK_SIZE 16384

/*
 * Each thread keeps the first chunk of the last document it freed: parsing
 * tens of thousands of small records then costs no allocation for the tree.
 */
static _Thread_local struct chunk *spare;

void *yarena_alloc(struct chunk **chunks, size_t n)
{
	struct chunk *c = *chunks;

	n = (n + 15) & ~(size_t)15;
	if (!c || c->size - c->used < n) {
		size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		if (size == CHUNK_SIZE && spare) {
			c = spare;
			spare = NULL;
		} else {
			c = xmalloc(sizeof(*c) + size);
		}
		c->size = size;
		c->used = 0;
		c->next = *chunks;
		*chunks = c;
	}
	c->used += n;
	return c->mem + c->used - n;
}

void yarena_free(struct chunk *chunks)
{
	struct chunk *c, *next;

	for (c = chunks; c; c = next) {
		next = c->next;
		if (!spare && c->size == CHUNK_SIZE)
			spare = c;
		else
			free(c);
	}
}

void yarena_thread_cleanup(void)
{
	free(spare);
	spare = NULL;
}
