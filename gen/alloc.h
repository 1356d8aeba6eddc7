/* alloc.h - allocation that never returns NULL.
 *
 * gen is a batch job: when memory runs out there is nothing sensible to do but stop before
 * anything is published. Every allocation goes through these functions, which print
 * "gen: fatal: out of memory" and exit with status 2 (nothing written) on failure. */
#ifndef GEN_ALLOC_H
#define GEN_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of `*cap` elements of `size` bytes so that it holds at least `need`. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
/* For allocations made by libraries: reports out of memory and exits with status 2. */
void alloc_failed(void) __attribute__((noreturn));
char *xstrndup(const char *s, size_t len);

#endif
