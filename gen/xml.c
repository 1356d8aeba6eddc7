#include "xml.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes are not one; its
 * code point in *cp. Overlong forms and surrogates are not valid. */
static size_t utf8_sequence(const unsigned char *s, size_t len, uint32_t *cp)
{
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t n = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (n == 0 || n > len)
        return 0;
    uint32_t c = n == 1 ? s[0] : s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

static bool xml_allowed(uint32_t c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n' || c == '\r';
    return c != 0xFFFE && c != 0xFFFF;
}

static const char *entity(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    default:
        return NULL;
    }
}

void xml_text(buf *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        const unsigned char *run = p;
        uint32_t cp = 0;
        size_t n;
        /* Copies a run of ordinary characters at once. */
        while (p < end && (n = utf8_sequence(p, (size_t)(end - p), &cp)) > 0 && xml_allowed(cp) &&
               !(n == 1 && entity(*p)))
            p += n;
        buf_append(out, (const char *)run, (size_t)(p - run));
        if (p == end)
            break;
        n = utf8_sequence(p, (size_t)(end - p), &cp);
        if (n == 0) {
            buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
            p++;
        } else {
            if (n == 1 && entity(*p))
                buf_puts(out, entity(*p));
            p += n; /* a forbidden character is dropped */
        }
    }
}

void xml_puts(buf *out, const char *s)
{
    xml_text(out, s, strlen(s));
}
