/* memo.h - a small cache of texts and what was made of them: files repeat a handful of
 * provinces, sources, contents and notes over thousands of lines, and folding or normalising a
 * text is what costs. Direct-mapped by an FNV-1a hash of the text, no eviction policy: a
 * collision only costs the work again. The memo owns copies of the texts (memo_free). */
#ifndef GEN_MEMO_H
#define GEN_MEMO_H

#include <stdbool.h>
#include <stddef.h>

enum { MEMO_SLOTS = 256 };

typedef struct memo_slot {
    char *text; /* the text remembered, owned */
    size_t len;
    int result;        /* what the caller made of it: an index, a yes or no */
    const void *value; /* or a pointer the caller keeps (not owned) */
} memo_slot;

typedef struct memo {
    memo_slot slots[MEMO_SLOTS];
} memo;

/* The slot for `len` bytes of `s`. With `*hit` true it holds that text and what was made of
 * it; else it now holds a copy of the text, and the caller sets result or value. */
memo_slot *memo_find(memo *m, const char *s, size_t len, bool *hit);

/* Frees the copies of the texts; the memo is empty again. */
void memo_free(memo *m);

#endif
