/* text_utf16.c - UTF-16 (either byte order, after its byte-order mark) into UTF-8, refusing
 * lone surrogates, an odd length and the characters UTF-8 text may not hold either:
 * text_decode_utf16le and text_decode_utf16be in text_internal.h. */
#include "text_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"

static unsigned utf16_unit(const unsigned char *s, bool big_endian)
{
    return big_endian ? (unsigned)s[0] << 8 | s[1] : (unsigned)s[1] << 8 | s[0];
}

static bool is_high_surrogate(unsigned u)
{
    return u >= 0xD800 && u <= 0xDBFF;
}

static bool is_low_surrogate(unsigned u)
{
    return u >= 0xDC00 && u <= 0xDFFF;
}

/* Describes the code unit at in[at] (and what follows it) that cannot be decoded. */
static void describe_utf16_error(text_error *error, const unsigned char *in, size_t len, size_t at,
                                 bool big_endian)
{
    if (at + 1 >= len) {
        text_set_message(error,
                         "UTF-16 text with an odd number of bytes: the last byte 0x%02X is half a "
                         "character",
                         in[at]);
        return;
    }
    unsigned u = utf16_unit(in + at, big_endian);
    char bytes[32];
    snprintf(bytes, sizeof bytes, F_("bytes") " 0x%02X 0x%02X", in[at], in[at + 1]);
    if (u == 0) {
        text_set_message(error, "NUL character (bytes 0x00 0x00): a text file never holds one");
    } else if (is_control(u)) {
        text_describe_control(error, u, bytes);
    } else if (is_deceptive(u)) {
        text_describe_deceptive(error, u);
    } else if (is_low_surrogate(u)) {
        text_set_message(
            error,
            "unpaired UTF-16 low surrogate 0x%04X (bytes 0x%02X 0x%02X): a high surrogate "
            "0xD800-0xDBFF was expected before it",
            u, in[at], in[at + 1]);
    } else if (at + 3 >= len) {
        text_set_message(
            error,
            "UTF-16 high surrogate 0x%04X (bytes 0x%02X 0x%02X) at the end of the file: "
            "its low surrogate 0xDC00-0xDFFF is missing",
            u, in[at], in[at + 1]);
    } else {
        text_set_message(error,
                         "unpaired UTF-16 high surrogate 0x%04X (bytes 0x%02X 0x%02X): a low "
                         "surrogate 0xDC00-0xDFFF was expected after it, found 0x%04X",
                         u, in[at], in[at + 1], utf16_unit(in + at + 2, big_endian));
    }
}

/* Decodes one character starting at in[*at]; returns false when it is not valid. */
static bool next_utf16_char(const unsigned char *in, size_t len, size_t *at, bool big_endian,
                            uint32_t *cp)
{
    if (*at + 1 >= len)
        return false;
    unsigned u = utf16_unit(in + *at, big_endian);
    if (is_forbidden(u) || is_low_surrogate(u))
        return false;
    if (!is_high_surrogate(u)) {
        *cp = u;
        *at += 2;
        return true;
    }
    if (*at + 3 >= len)
        return false;
    unsigned v = utf16_unit(in + *at + 2, big_endian);
    if (!is_low_surrogate(v))
        return false;
    *cp = 0x10000 + ((uint32_t)(u - 0xD800) << 10) + (v - 0xDC00);
    *at += 4;
    return true;
}

static int decode_utf16(const unsigned char *in, size_t len, size_t base, bool big_endian,
                        text *out, text_error *error)
{
    /* Every two bytes make at most three bytes of UTF-8 (a surrogate pair: four from four). */
    char *data = xmalloc(len / 2 * 3 + 1);
    size_t used = 0, at = 0;
    while (at < len) {
        uint32_t cp;
        if (!next_utf16_char(in, len, &at, big_endian, &cp)) {
            text_locate_error(error, (const unsigned char *)data, used, base + at);
            describe_utf16_error(error, in, len, at, big_endian);
            free(data);
            return -1;
        }
        used += put_utf8(data + used, cp);
    }
    data[used] = '\0';
    out->data = data;
    out->len = used;
    return 0;
}

int text_decode_utf16le(const unsigned char *in, size_t len, size_t base, text *out,
                        text_error *error)
{
    return decode_utf16(in, len, base, false, out, error);
}

int text_decode_utf16be(const unsigned char *in, size_t len, size_t base, text *out,
                        text_error *error)
{
    return decode_utf16(in, len, base, true, out, error);
}
