#include "annex_internal.h"

#include <stdlib.h>
#include <string.h>

#include "fold.h"

bool note_memo_is_illustrative(note_memo *m, const char *note)
{
    bool hit;
    memo_slot *slot = memo_find(m, note, strlen(note), &hit);
    if (!hit) {
        char *folded = fold_name(note, strlen(note));
        slot->result = strstr(folded, "minh hoa") != NULL;
        free(folded);
    }
    return slot->result;
}

void note_memo_free(note_memo *m)
{
    memo_free(m);
}
