/* arena.h - many small strings that live and die together.
 *
 * A submission keeps the title and note of every project line until the run ends: a million
 * lines would be two million small allocations, each with its allocator overhead and scattered
 * over the heap. An arena packs them end to end in large blocks and frees them in one go. */
#ifndef GEN_ARENA_H
#define GEN_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *last; /* the block being filled; each links to the one before */
} arena;

#define ARENA_INIT                                                                                 \
    {                                                                                              \
        NULL                                                                                       \
    }

/* A NUL-terminated copy of `len` bytes of `s`, valid until arena_free. */
char *arena_strndup(arena *a, const char *s, size_t len);
void arena_free(arena *a);

#endif
