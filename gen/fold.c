#include "fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "alloc.h"
#include "buf.h"

static char *map_or_null(const char *s, size_t len, utf8proc_option_t options)
{
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n =
        utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &mapped, options);
    if (n == UTF8PROC_ERROR_NOMEM)
        alloc_failed();
    return n < 0 ? NULL : (char *)mapped;
}

/* Decomposes and folds case, applying compatibility mappings (full-width letters, no-break
 * spaces); then drops combining marks (the diacritics). Two passes, because case folding can
 * turn a mark into a letter: in one pass a precomposed 'ᾧ' keeps the iota its subscript folds
 * to while a decomposed one loses the mark first, and NFC and NFD would not fold alike. */
static char *strip_and_casefold(const char *s, size_t len)
{
    char *folded = map_or_null(s, len, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
    if (!folded)
        return NULL;
    char *stripped = map_or_null(folded, strlen(folded), UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
    free(folded);
    return stripped;
}

static bool is_separator(utf8proc_int32_t c)
{
    return c == ' ' || c == '_' || c == '-' || c == '\t' ||
           utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

char *fold_name(const char *s, size_t len)
{
    char *mapped = strip_and_casefold(s, len);
    if (!mapped)
        return xstrdup("");
    buf out = BUF_INIT;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)mapped;
    bool pending_space = false;
    utf8proc_int32_t c;
    utf8proc_ssize_t step;
    while (*p && (step = utf8proc_iterate(p, -1, &c)) > 0) {
        p += step;
        if (is_separator(c)) {
            pending_space = out.len > 0;
            continue;
        }
        if (pending_space)
            buf_putc(&out, ' ');
        pending_space = false;
        if (c == 0x0111) /* đ has no decomposition: read it as d */
            c = 'd';
        utf8proc_uint8_t enc[4];
        buf_append(&out, (const char *)enc, (size_t)utf8proc_encode_char(c, enc));
    }
    free(mapped);
    return buf_detach(&out);
}

/* Every character in U+0000-U+02FF (ASCII, Latin-1, Latin Extended-A and -B: the Vietnamese
 * letters ă â đ ê ô ơ ư and their capitals), U+1E00-U+1EFF (Latin Extended Additional: the
 * precomposed toned vowels ạ ả ấ ... ỹ) and U+2010-U+2027 (dashes, quotes, ellipsis) is its own
 * NFC and composes with no neighbour (Unicode's NFC_Quick_Check is Yes and its combining class
 * 0), so a text made only of them is in NFC: utf8proc, which costs a hundred times more, is
 * left for the rest. */
bool fold_is_nfc(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t left = len - i;
        if (c < 0x80)
            i++;
        else if (c >= 0xC2 && c <= 0xCB && left >= 2 && (s[i + 1] & 0xC0) == 0x80)
            i += 2;
        else if (c == 0xE1 && left >= 3 && s[i + 1] >= 0xB8 && s[i + 1] <= 0xBB &&
                 (s[i + 2] & 0xC0) == 0x80)
            i += 3;
        else if (c == 0xE2 && left >= 3 && s[i + 1] == 0x80 && s[i + 2] >= 0x90 && s[i + 2] <= 0xA7)
            i += 3;
        else
            return false;
    }
    return true;
}

char *fold_nfc(const char *s, size_t len)
{
    if (fold_is_nfc(s, len))
        return xstrndup(s, len);
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &mapped,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n == UTF8PROC_ERROR_NOMEM)
        alloc_failed();
    if (n < 0)
        return xstrndup(s, len);
    return (char *)mapped;
}
