#include "annex_internal.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fold.h"

static size_t note_slot(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % NOTE_MEMO_SLOTS;
}

bool note_memo_is_illustrative(note_memo *m, const char *note)
{
    size_t slot = note_slot(note);
    if (m->text[slot] && strcmp(m->text[slot], note) == 0)
        return m->illustrative[slot];
    char *folded = fold_name(note, strlen(note));
    bool yes = strstr(folded, "minh hoa") != NULL;
    free(folded);
    free(m->text[slot]);
    m->text[slot] = xstrdup(note);
    m->illustrative[slot] = yes;
    return yes;
}

void note_memo_free(note_memo *m)
{
    for (size_t i = 0; i < NOTE_MEMO_SLOTS; i++) {
        free(m->text[i]);
        m->text[i] = NULL;
    }
}
