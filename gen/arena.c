#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* Large enough that the per-block overhead and the unused tail of each block are noise, small
 * enough that a submission of a few lines does not hold much more memory than it needs. */
enum { BLOCK_BYTES = 64 * 1024 };

struct arena_block {
    arena_block *previous;
    size_t used, size;
    char bytes[];
};

static arena_block *new_block(arena_block *previous, size_t at_least)
{
    size_t size = at_least > BLOCK_BYTES ? at_least : BLOCK_BYTES;
    if (size > SIZE_MAX - sizeof(arena_block))
        alloc_failed();
    arena_block *b = xmalloc(sizeof *b + size);
    *b = (arena_block){previous, 0, size};
    return b;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        alloc_failed();
    arena_block *b = a->last;
    if (!b || b->size - b->used < len + 1)
        b = a->last = new_block(b, len + 1);
    char *copy = b->bytes + b->used;
    memcpy(copy, s, len);
    copy[len] = '\0';
    b->used += len + 1;
    return copy;
}

void arena_free(arena *a)
{
    while (a->last) {
        arena_block *previous = a->last->previous;
        free(a->last);
        a->last = previous;
    }
}
