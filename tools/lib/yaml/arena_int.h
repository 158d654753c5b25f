#ifndef CARE_YAML_ARENA_INT_H
#define CARE_YAML_ARENA_INT_H

#include <stddef.h>

/* The chunks a tree's nodes and strings live in (yaml/ only). */
struct chunk;

/* n bytes, 16-aligned, in the list *chunks, which grows as needed. */
void *yarena_alloc(struct chunk **chunks, size_t n);
/* Frees the list; the thread keeps one chunk for its next document. */
void yarena_free(struct chunk *chunks);
/* Frees the calling thread's spare chunk. */
void yarena_thread_cleanup(void);

#endif
