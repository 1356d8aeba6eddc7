#include "memo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

memo_slot *memo_find(memo *m, const char *s, size_t len, bool *hit)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    memo_slot *slot = &m->slots[h % MEMO_SLOTS];
    *hit = slot->text && slot->len == len && memcmp(slot->text, s, len) == 0;
    if (!*hit) {
        free(slot->text);
        slot->text = xstrndup(s, len);
        slot->len = len;
        slot->result = 0;
        slot->value = NULL;
    }
    return slot;
}

void memo_free(memo *m)
{
    for (size_t i = 0; i < MEMO_SLOTS; i++) {
        free(m->slots[i].text);
        m->slots[i].text = NULL;
    }
}
