/* text_cp1258.c - the second chance of bytes without a BOM that are not UTF-8: Windows-1258, the
 * code page of Excel's plain "CSV" on Vietnamese Windows, decoded into UTF-8 in NFC, unless the
 * bytes look like broken UTF-8 rather than another encoding: text_retry_as_windows_1258 in
 * text_internal.h. */
#include "text_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "alloc.h"

/* Bytes 0x80-0xFF of Windows-1258 as code points; 0 for the nine bytes the code page leaves
 * undefined. 0xCC 0xD2 0xDE 0xEC 0xF2 are the combining tone marks (grave, hook above, tilde,
 * acute, dot below): the code page has too few places for every toned vowel, so Windows writes
 * most of them as a vowel and one of these. */
static const uint16_t cp1258_high[128] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, /* 0x80 */
    0x02C6, 0x2030, 0,      0x2039, 0x0152, 0,      0,      0,      /* 0x88 */
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, /* 0x90 */
    0x02DC, 0x2122, 0,      0x203A, 0x0153, 0,      0,      0x0178, /* 0x98 */
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, /* 0xA0 */
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, /* 0xA8 */
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, /* 0xB0 */
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, /* 0xB8 */
    0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, /* 0xC0 */
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF, /* 0xC8 */
    0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, /* 0xD0 */
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF, /* 0xD8 */
    0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, /* 0xE0 */
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF, /* 0xE8 */
    0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, /* 0xF0 */
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF, /* 0xF8 */
};

static bool is_tone_mark(uint32_t cp)
{
    return cp == 0x0300 || cp == 0x0301 || cp == 0x0303 || cp == 0x0309 || cp == 0x0323;
}

/* The Vietnamese vowels as Windows-1258 writes them before a tone mark: a ă â e ê i o ô ơ u ư y,
 * either case, with no tone yet. */
static bool takes_tone_mark(uint32_t cp)
{
    static const uint16_t vowels[] = {'a',    'e',    'i',    'o',    'u',    'y',
                                      'A',    'E',    'I',    'O',    'U',    'Y',
                                      0x00C2, 0x00E2, 0x0102, 0x0103, 0x00CA, 0x00EA,
                                      0x00D4, 0x00F4, 0x01A0, 0x01A1, 0x01AF, 0x01B0};
    for (size_t i = 0; i < sizeof vowels / sizeof vowels[0]; i++)
        if (cp == vowels[i])
            return true;
    return false;
}

typedef enum cp1258_problem {
    CP1258_CLEAN,
    CP1258_UNDEFINED, /* one of the nine bytes with no character */
    CP1258_CONTROL,   /* a control character other than tab, CR and LF */
    CP1258_STRAY_MARK /* a tone mark after something that takes none */
} cp1258_problem;

static uint32_t cp1258_char(unsigned char c)
{
    return c < 0x80 ? c : cp1258_high[c - 0x80];
}

/* What is wrong with byte `c` after the character `previous` (0 at the start). */
static cp1258_problem check_cp1258_byte(unsigned char c, uint32_t previous)
{
    uint32_t cp = cp1258_char(c);
    if (cp == 0 && c != 0)
        return CP1258_UNDEFINED;
    if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
        return CP1258_CONTROL;
    if (is_tone_mark(cp) && !takes_tone_mark(previous))
        return CP1258_STRAY_MARK;
    return CP1258_CLEAN;
}

/* Appends a vowel and its tone mark as the one character NFC makes of them. Every Vietnamese
 * toned vowel has a precomposed form, and the rest of the code page is NFC already, so
 * composing these pairs is all NFC does to Windows-1258 text. The pair is decomposed first:
 * 'ộ' is 'o', dot below, circumflex in canonical order, not 'ô' and dot below. */
static size_t put_toned_vowel(char *o, uint32_t vowel, uint32_t mark)
{
    char pair[8];
    size_t n = put_utf8(pair, vowel);
    n += put_utf8(pair + n, mark);
    utf8proc_int32_t decomposed[8];
    utf8proc_ssize_t count =
        utf8proc_decompose((const utf8proc_uint8_t *)pair, (utf8proc_ssize_t)n, decomposed, 8,
                           UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
    if (count < 0 || count > 8) { /* cannot happen with a vowel and a mark: keep them as is */
        memcpy(o, pair, n);
        return n;
    }
    count = utf8proc_normalize_utf32(decomposed, count, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    size_t used = 0;
    for (utf8proc_ssize_t i = 0; i < count; i++)
        used += put_utf8(o + used, (uint32_t)decomposed[i]);
    return used;
}

/* Decodes Windows-1258 into `o` (room for three bytes a byte), in NFC. Returns the bytes
 * written, or SIZE_MAX with the offset of the first byte that is not clean Windows-1258. */
static size_t decode_cp1258_bytes(const unsigned char *in, size_t len, char *o, size_t *bad_at,
                                  cp1258_problem *problem)
{
    size_t used = 0;
    uint32_t previous = 0;
    for (size_t i = 0; i < len; i++) {
        *problem = check_cp1258_byte(in[i], previous);
        if (*problem != CP1258_CLEAN) {
            *bad_at = i;
            return SIZE_MAX;
        }
        uint32_t cp = cp1258_char(in[i]);
        if (is_tone_mark(cp)) {
            used -= previous < 0x80 ? 1 : 2; /* the vowel just written: ASCII or two bytes */
            used += put_toned_vowel(o + used, previous, cp);
        } else {
            used += put_utf8(o + used, cp);
        }
        previous = cp;
    }
    return used;
}

/* Says why the bytes are not Windows-1258 either, after the UTF-8 error already in `error`. */
static void describe_cp1258_problem(text_error *error, const unsigned char *in, size_t bad_at,
                                    cp1258_problem problem)
{
    text_error at;
    text_locate_error(&at, in, bad_at, bad_at);
    const char *why = problem == CP1258_UNDEFINED ? F_("has no character in that code page")
                      : problem == CP1258_CONTROL ? F_("is a control character")
                                                  : F_("is a tone mark after a character that "
                                                       "takes none");
    text_append_message(error,
                        "; nor is it Windows-1258 text: byte 0x%02X (line %d, byte offset %zu) %s",
                        in[bad_at], at.line, bad_at, why);
}

/* Counts the valid multi-byte UTF-8 characters and the bytes that start no valid character. */
static void count_utf8(const unsigned char *s, size_t len, size_t *multibyte, size_t *invalid)
{
    *multibyte = *invalid = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = text_utf8_char_length(s + i, len - i);
        if (n == 0) {
            ++*invalid;
            i++;
        } else {
            ++*multibyte;
            i += n;
        }
    }
}

/* UTF-8 with a flaw rather than another encoding: it ends inside a character (a file cut short:
 * Excel ends every file with a line break), or holds as many valid multi-byte characters as bad
 * bytes (a Windows-1258 file has almost none of the first; text pasted from elsewhere into a
 * UTF-8 file has many). Reading such a file as Windows-1258 would garble its good text. */
static bool is_broken_utf8(const unsigned char *in, size_t len, size_t first_bad)
{
    if (text_utf8_truncated_at_end(in + first_bad, len - first_bad))
        return true;
    /* A file is in one encoding throughout: its first mebibyte tells, and megabytes of random
     * bytes are not counted to the end. */
    size_t multibyte, invalid;
    count_utf8(in, len < ((size_t)1 << 20) ? len : (size_t)1 << 20, &multibyte, &invalid);
    return multibyte >= invalid;
}

/* Called when bytes without a BOM are not UTF-8 and `error` describes why. Returns 0 with `out`
 * filled when they are clean Windows-1258; else adds why not to `error` and returns -1. */
int text_retry_as_windows_1258(const unsigned char *in, size_t len, text *out, text_error *error)
{
    /* A NUL is no more Windows-1258 than UTF-8: its message says all there is to say. */
    if (in[error->byte_offset] == 0 || is_broken_utf8(in, len, error->byte_offset))
        return -1;
    if (len > (SIZE_MAX - 1) / 3)
        alloc_failed();
    char *data = xmalloc(len * 3 + 1);
    size_t bad_at = 0;
    cp1258_problem problem = CP1258_CLEAN;
    size_t used = decode_cp1258_bytes(in, len, data, &bad_at, &problem);
    if (used == SIZE_MAX) {
        free(data);
        describe_cp1258_problem(error, in, bad_at, problem);
        return -1;
    }
    data[used] = '\0';
    out->data = xrealloc(data, used + 1);
    out->len = used;
    out->encoding = TEXT_WINDOWS_1258;
    return 0;
}
