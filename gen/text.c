/* text.c - decoding submissions (UTF-8 with or without BOM, UTF-16 with BOM) into UTF-8.
 *
 * Decoding is split in three steps so that another encoding can be slotted in later (a
 * Windows-1258 fallback for files that are not UTF-8): sniff the byte-order mark, run the
 * decoder it selects, and on failure describe the first bad byte with its physical position. */
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"

#define SAVE_AS_UTF8 "save the file as CSV UTF-8"

/* A decoder turns the bytes after the BOM into UTF-8. `base` is the BOM's length, so that error
 * offsets count from the start of the file as given. */
typedef int (*decode_fn)(const unsigned char *in, size_t len, size_t base, text *out,
                         text_error *error);

typedef struct encoding {
    const char *name;
    const char *bom;
    size_t bom_len;
    decode_fn decode;
} encoding;

static int decode_utf8(const unsigned char *in, size_t len, size_t base, text *out,
                       text_error *error);
static int decode_utf16le(const unsigned char *in, size_t len, size_t base, text *out,
                          text_error *error);
static int decode_utf16be(const unsigned char *in, size_t len, size_t base, text *out,
                          text_error *error);

/* Tried in order; the last one (no BOM) always matches. */
static const encoding encodings[] = {
    {"UTF-8 with BOM", "\xEF\xBB\xBF", 3, decode_utf8},
    {"UTF-16LE", "\xFF\xFE", 2, decode_utf16le},
    {"UTF-16BE", "\xFE\xFF", 2, decode_utf16be},
    {"UTF-8", "", 0, decode_utf8},
};

static const encoding *sniff_encoding(const unsigned char *bytes, size_t len)
{
    size_t n = sizeof encodings / sizeof encodings[0];
    for (size_t i = 0; i + 1 < n; i++)
        if (len >= encodings[i].bom_len &&
            memcmp(bytes, encodings[i].bom, encodings[i].bom_len) == 0)
            return &encodings[i];
    return &encodings[n - 1];
}

int text_decode(const unsigned char *bytes, size_t len, text *out, text_error *error)
{
    static const unsigned char nothing[1] = {0};
    if (!bytes)
        bytes = nothing;
    const encoding *enc = sniff_encoding(bytes, len);
    out->data = NULL;
    out->len = 0;
    out->encoding = NULL;
    /* A Windows-1258 fallback would go here: retry when plain UTF-8 (no BOM) fails. */
    if (enc->decode(bytes + enc->bom_len, len - enc->bom_len, enc->bom_len, out, error) != 0)
        return -1;
    out->encoding = enc->name;
    return 0;
}

void text_free(text *t)
{
    if (!t)
        return;
    free(t->data);
    t->data = NULL;
    t->len = 0;
}

size_t text_utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* ---- error positions ---- */

/* Fills the error's line and column from the valid UTF-8 text that precedes the bad byte. LF,
 * CRLF and a lone CR each end a line, as editors count them. */
static void locate_error(text_error *error, const unsigned char *before, size_t n,
                         size_t byte_offset)
{
    size_t line = 1, column = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = before[i];
        bool cr_of_crlf = c == '\r' && i + 1 < n && before[i + 1] == '\n';
        if ((c == '\n' || c == '\r') && !cr_of_crlf) {
            line++;
            column = 1;
        } else if (c != '\r' && (c & 0xC0) != 0x80) {
            column++;
        }
    }
    error->line = line > INT_MAX ? INT_MAX : (int)line;
    error->column = column > INT_MAX ? INT_MAX : (int)column;
    error->byte_offset = byte_offset;
}

static void set_message(text_error *error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void set_message(text_error *error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error->message, sizeof error->message, fmt, ap);
    va_end(ap);
}

/* ---- UTF-8 ---- */

/* The range the second byte of a sequence must fall in; it is narrower than 0x80-0xBF after
 * E0, ED, F0 and F4, which is how overlong forms, surrogates and code points past U+10FFFF are
 * excluded (Unicode, table 3-7). */
typedef struct utf8_lead {
    int length; /* 0: never valid as a first byte */
    unsigned char low, high;
} utf8_lead;

static utf8_lead classify_lead(unsigned char c)
{
    if (c < 0x80)
        return (utf8_lead){1, 0, 0};
    if (c < 0xC2 || c > 0xF4)
        return (utf8_lead){0, 0, 0};
    if (c < 0xE0)
        return (utf8_lead){2, 0x80, 0xBF};
    if (c < 0xF0)
        return (utf8_lead){3, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF};
    return (utf8_lead){4, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF};
}

/* The length of the valid, NUL-free character at `s`, or 0. */
static size_t utf8_char_length(const unsigned char *s, size_t avail)
{
    utf8_lead lead = classify_lead(s[0]);
    if (lead.length == 0 || s[0] == 0 || avail < (size_t)lead.length)
        return 0;
    if (lead.length == 1)
        return 1;
    if (s[1] < lead.low || s[1] > lead.high)
        return 0;
    for (int i = 2; i < lead.length; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return (size_t)lead.length;
}

/* True when none of the eight bytes is NUL or outside ASCII: the common case, checked a word at a
 * time so that validating 100 MB takes a few tens of milliseconds. */
static bool plain_ascii_word(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    bool has_zero = ((w - ones) & ~w & highs) != 0;
    return (w & highs) == 0 && !has_zero;
}

/* Returns the offset of the first byte that does not start a valid character, or `len`. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8 && plain_ascii_word(s + i)) {
            i += 8;
            continue;
        }
        size_t n = utf8_char_length(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Writes "0xE1 0xBB 0x41" for `n` bytes. */
static void hex_bytes(char *out, size_t size, const unsigned char *s, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        int w = snprintf(out + used, size - used, i ? " 0x%02X" : "0x%02X", s[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static void describe_bad_lead(text_error *error, unsigned char c)
{
    if (c == 0)
        set_message(error, "NUL character (byte 0x00): a text file never holds one (is this an "
                           ".xlsx workbook, or UTF-16 without a byte-order mark?); " SAVE_AS_UTF8);
    else if (c >= 0x80 && c <= 0xBF)
        set_message(error,
                    "invalid UTF-8 byte 0x%02X: a continuation byte where a character was "
                    "expected to start; " SAVE_AS_UTF8,
                    c);
    else
        set_message(error, "invalid UTF-8 byte 0x%02X: never used in UTF-8; " SAVE_AS_UTF8, c);
}

/* Describes a sequence whose first byte is a valid lead but whose later bytes are wrong. */
static void describe_bad_sequence(text_error *error, const unsigned char *s, size_t avail)
{
    utf8_lead lead = classify_lead(s[0]);
    size_t bad = 1;
    while (bad < (size_t)lead.length && bad < avail) {
        unsigned char low = bad == 1 ? lead.low : 0x80, high = bad == 1 ? lead.high : 0xBF;
        if (s[bad] < low || s[bad] > high)
            break;
        bad++;
    }
    char seen[64];
    if (bad >= avail) {
        hex_bytes(seen, sizeof seen, s, avail);
        set_message(error,
                    "truncated UTF-8 sequence %s at the end of the file: 0x%02X starts a "
                    "%d-byte character; " SAVE_AS_UTF8,
                    seen, s[0], lead.length);
        return;
    }
    hex_bytes(seen, sizeof seen, s + 1, bad);
    unsigned char c = s[bad];
    bool continuation = (c & 0xC0) == 0x80;
    const char *why = "";
    if (bad == 1 && continuation)
        why = s[0] == 0xED   ? " (it would encode a UTF-16 surrogate)"
              : s[0] == 0xF4 ? " (it would encode a code point past U+10FFFF)"
                             : " (it would be an overlong form)";
    unsigned char low = bad == 1 ? lead.low : 0x80, high = bad == 1 ? lead.high : 0xBF;
    set_message(error,
                "invalid UTF-8 byte 0x%02X followed by %s: 0x%02X starts a %d-byte character, so "
                "0x%02X-0x%02X was expected in place of 0x%02X%s; " SAVE_AS_UTF8,
                s[0], seen, s[0], lead.length, low, high, c, why);
}

static int decode_utf8(const unsigned char *in, size_t len, size_t base, text *out,
                       text_error *error)
{
    size_t valid = utf8_valid_prefix(in, len);
    if (valid < len) {
        locate_error(error, in, valid, base + valid);
        if (classify_lead(in[valid]).length <= 1)
            describe_bad_lead(error, in[valid]);
        else
            describe_bad_sequence(error, in + valid, len - valid);
        return -1;
    }
    out->data = xmalloc(len + 1);
    if (len)
        memcpy(out->data, in, len);
    out->data[len] = '\0';
    out->len = len;
    return 0;
}

/* ---- UTF-16 ---- */

static unsigned utf16_unit(const unsigned char *s, bool big_endian)
{
    return big_endian ? (unsigned)s[0] << 8 | s[1] : (unsigned)s[1] << 8 | s[0];
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
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
        set_message(error,
                    "UTF-16 text with an odd number of bytes: the last byte 0x%02X is half a "
                    "character; " SAVE_AS_UTF8,
                    in[at]);
        return;
    }
    unsigned u = utf16_unit(in + at, big_endian);
    if (u == 0) {
        set_message(error, "NUL character (bytes 0x00 0x00): a text file never holds one; "
                           "" SAVE_AS_UTF8);
    } else if (is_low_surrogate(u)) {
        set_message(error,
                    "unpaired UTF-16 low surrogate 0x%04X (bytes 0x%02X 0x%02X): a high surrogate "
                    "0xD800-0xDBFF was expected before it; " SAVE_AS_UTF8,
                    u, in[at], in[at + 1]);
    } else if (at + 3 >= len) {
        set_message(error,
                    "UTF-16 high surrogate 0x%04X (bytes 0x%02X 0x%02X) at the end of the file: "
                    "its low surrogate 0xDC00-0xDFFF is missing; " SAVE_AS_UTF8,
                    u, in[at], in[at + 1]);
    } else {
        set_message(error,
                    "unpaired UTF-16 high surrogate 0x%04X (bytes 0x%02X 0x%02X): a low "
                    "surrogate 0xDC00-0xDFFF was expected after it, found 0x%04X; " SAVE_AS_UTF8,
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
    if (u == 0 || is_low_surrogate(u))
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
            locate_error(error, (const unsigned char *)data, used, base + at);
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

static int decode_utf16le(const unsigned char *in, size_t len, size_t base, text *out,
                          text_error *error)
{
    return decode_utf16(in, len, base, false, out, error);
}

static int decode_utf16be(const unsigned char *in, size_t len, size_t base, text *out,
                          text_error *error)
{
    return decode_utf16(in, len, base, true, out, error);
}

/* ---- files ---- */

/* Closes `fd` and frees `data` after a failure, keeping the errno of that failure. */
static int fail_reading(int fd, unsigned char *data)
{
    int saved = errno;
    free(data);
    if (fd >= 0)
        close(fd);
    errno = saved;
    return -1;
}

/* The first allocation: the file's size when known (plus room for the NUL and for the read that
 * sees the end of the file), so a regular file is read without reallocating. */
static int initial_capacity(int fd, size_t *cap)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    *cap = 4096;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((uintmax_t)st.st_size > SIZE_MAX - 2) {
            errno = EFBIG;
            return -1;
        }
        *cap = (size_t)st.st_size + 2;
    }
    return 0;
}

int text_read_file(const char *path, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t cap, used = 0;
    if (initial_capacity(fd, &cap) != 0)
        return fail_reading(fd, NULL);
    unsigned char *p = xmalloc(cap);
    for (;;) {
        if (used + 1 == cap)
            p = xgrow(p, &cap, cap + 1, 1);
        ssize_t n = read(fd, p + used, cap - 1 - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail_reading(fd, p);
        if (n == 0)
            break;
        used += (size_t)n;
    }
    if (close(fd) != 0)
        return fail_reading(-1, p);
    p[used] = '\0';
    *data = p;
    *len = used;
    return 0;
}
