/* text.c - decoding submissions (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1258)
 * into UTF-8.
 *
 * Decoding is split in three steps: sniff the byte-order mark, run the decoder it selects, and
 * on failure describe the first bad byte with its physical position. Bytes without a BOM that
 * are not UTF-8 get a second chance as Windows-1258, the code page of Excel's plain "CSV" on
 * Vietnamese Windows. */
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

#include <utf8proc.h>

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
static int retry_as_windows_1258(const unsigned char *in, size_t len, text *out, text_error *error);
static size_t utf8_valid_prefix(const unsigned char *s, size_t len);

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

static void append_message(text_error *error, const char *s)
{
    size_t used = strlen(error->message);
    snprintf(error->message + used, sizeof error->message - used, "%s", s);
}

static void set_message(text_error *error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Files that are not text at all but are often sent or saved in place of a CSV file, known by
 * their first bytes: naming them says more than the first byte that is not a character. */
static bool is_known_binary(const unsigned char *bytes, size_t len, text_error *error)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } kinds[] = {
        {"PK\x03\x04", 4, "an Excel workbook (.xlsx) or another ZIP archive"},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an Excel 97-2003 workbook (.xls)"},
        {"%PDF-", 5, "a PDF document"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (len < kinds[i].len || memcmp(bytes, kinds[i].magic, kinds[i].len) != 0)
            continue;
        *error = (text_error){.line = 1, .column = 1, .byte_offset = 0, .encoding_problem = true};
        set_message(error,
                    "this is %s, not CSV text: open it in the spreadsheet and save it as CSV "
                    "UTF-8",
                    kinds[i].what);
        return true;
    }
    return false;
}

static int decode(const unsigned char *bytes, size_t len, bool legacy_fallback, text *out,
                  text_error *error)
{
    static const unsigned char nothing[1] = {0};
    if (!bytes)
        bytes = nothing;
    const encoding *enc = sniff_encoding(bytes, len);
    out->data = NULL;
    out->len = 0;
    out->encoding = NULL;
    error->encoding_problem = true;
    if (is_known_binary(bytes, len, error))
        return -1;
    int rc = enc->decode(bytes + enc->bom_len, len - enc->bom_len, enc->bom_len, out, error);
    if (rc == 0) {
        out->encoding = enc->name;
        return 0;
    }
    /* Only without a BOM: a BOM says which Unicode encoding the file claims to be. */
    if (legacy_fallback && enc->bom_len == 0 && error->encoding_problem &&
        retry_as_windows_1258(bytes, len, out, error) == 0)
        return 0;
    if (error->encoding_problem)
        append_message(error, "; " SAVE_AS_UTF8);
    return -1;
}

int text_decode(const unsigned char *bytes, size_t len, text *out, text_error *error)
{
    return decode(bytes, len, true, out, error);
}

int text_decode_owned(unsigned char *bytes, size_t len, text *out, text_error *error)
{
    const encoding *enc = sniff_encoding(bytes, len);
    size_t body = len - enc->bom_len;
    text_error ignored;
    if (enc->decode == decode_utf8 && !is_known_binary(bytes, len, &ignored) &&
        utf8_valid_prefix(bytes + enc->bom_len, body) == body) {
        memmove(bytes, bytes + enc->bom_len, body + 1); /* the NUL too */
        *out = (text){(char *)bytes, body, enc->name};
        return 0;
    }
    int rc = text_decode(bytes, len, out, error);
    free(bytes);
    return rc;
}

int text_decode_unicode(const unsigned char *bytes, size_t len, text *out, text_error *error)
{
    return decode(bytes, len, false, out, error);
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

/* True for the code points a CSV file never holds: NUL and the other C0 controls but tab, LF and
 * CR, DEL, and the C1 controls. Excel writes none of them; in a file they mean a binary file,
 * corruption, or terminal escapes meant to reach a screen (ESC [ 2 J). */
static bool is_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
}

/* True for the characters that would deceive a reader or break the documents: the invisible
 * ones (zero-width space, joiners, word joiner, a byte-order mark inside the text), those that
 * change the direction of the text around them (U+202E shows "Long An" as "nA gnoL", and a file
 * name as another), and U+FFFE and U+FFFF, which are not characters and which XML, so the
 * annex, the SVG charts and the HTML page, cannot hold. No spreadsheet cell needs them. */
static bool is_deceptive(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

static bool is_forbidden(uint32_t cp)
{
    return is_control(cp) || is_deceptive(cp);
}

/* The code point of the well-formed sequence of `length` bytes at `s`. */
static uint32_t utf8_code_point(const unsigned char *s, int length)
{
    static const unsigned char lead_bits[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    uint32_t cp = s[0] & lead_bits[length];
    for (int i = 1; i < length; i++)
        cp = cp << 6 | (s[i] & 0x3F);
    return cp;
}

/* The length of the well-formed UTF-8 sequence at `s`, forbidden or not, or 0. */
static size_t utf8_sequence_length(const unsigned char *s, size_t avail)
{
    utf8_lead lead = classify_lead(s[0]);
    if (lead.length == 0 || avail < (size_t)lead.length)
        return 0;
    if (lead.length > 1 && (s[1] < lead.low || s[1] > lead.high))
        return 0;
    for (int i = 2; i < lead.length; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return (size_t)lead.length;
}

/* The length of the valid character at `s` that is not forbidden (see is_forbidden), or 0. */
static size_t utf8_char_length(const unsigned char *s, size_t avail)
{
    size_t n = utf8_sequence_length(s, avail);
    return n && !is_forbidden(utf8_code_point(s, (int)n)) ? n : 0;
}

/* True when all eight bytes are printable ASCII (0x20-0x7E): the common case, checked a word at
 * a time so that validating 100 MB takes a few tens of milliseconds. Words with a line break or
 * a tab take the byte-by-byte path. */
static bool plain_ascii_word(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    const uint64_t spaces = 0x2020202020202020u, ones = 0x0101010101010101u,
                   highs = 0x8080808080808080u, dels = 0x7F7F7F7F7F7F7F7Fu;
    bool below_space = ((w - spaces) & ~w & highs) != 0;
    bool has_del = (((w ^ dels) - ones) & ~(w ^ dels) & highs) != 0;
    return (w & highs) == 0 && !below_space && !has_del;
}

/* The length of the character at `s` when it is one of the common kinds, checked inline: a
 * printable ASCII byte, tab or line break; two bytes C2-DF (Latin letters with diacritics: ă â
 * đ ê ô ơ ư, but no C1 control); three bytes E1-EC or EE-EF with any continuation bytes (the
 * Vietnamese toned vowels ạ ả ấ ... ỹ). 0 for anything else, which utf8_char_length decides. */
static size_t common_char_length(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r';
    if (c >= 0xC2 && c <= 0xDF)
        return avail >= 2 && (s[1] & 0xC0) == 0x80 && (c != 0xC2 || s[1] > 0x9F) ? 2 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        if (avail < 3 || (c == 0xE2 && s[1] <= 0x81) ||
            (c == 0xEF && (s[1] == 0xBB || s[1] == 0xBF)))
            return 0; /* where the deceptive characters are: utf8_char_length decides */
        return (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    return 0;
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
        size_t n = common_char_length(s + i, len - i);
        if (n == 0)
            n = utf8_char_length(s + i, len - i);
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

/* For a control character the fix is to remove it, not to save the file in another encoding. */
static void describe_control(text_error *error, uint32_t cp, const char *bytes)
{
    set_message(error,
                "control character U+%04X (%s): a CSV file holds none but tab and line breaks; "
                "remove it (was the file damaged, or made by something else than a spreadsheet?)",
                (unsigned)cp, bytes);
    error->encoding_problem = false;
}

static void describe_bad_lead(text_error *error, unsigned char c)
{
    char bytes[16];
    snprintf(bytes, sizeof bytes, "byte 0x%02X", c);
    if (c == 0)
        set_message(error, "NUL character (byte 0x00): a text file never holds one (is this an "
                           ".xlsx workbook, or UTF-16 without a byte-order mark?)");
    else if (c < 0x80 && is_control(c))
        describe_control(error, c, bytes);
    else if (c >= 0x80 && c <= 0xBF)
        set_message(error,
                    "invalid UTF-8 byte 0x%02X: a continuation byte where a character was "
                    "expected to start",
                    c);
    else
        set_message(error, "invalid UTF-8 byte 0x%02X: never used in UTF-8", c);
}

/* True when `s` starts a character that is cut short by the end of the text: a valid lead byte
 * followed only by valid continuation bytes, too few of them. */
static bool truncated_at_end(const unsigned char *s, size_t avail)
{
    utf8_lead lead = classify_lead(s[0]);
    if (lead.length <= 1 || avail >= (size_t)lead.length)
        return false;
    for (size_t i = 1; i < avail; i++) {
        unsigned char low = i == 1 ? lead.low : 0x80, high = i == 1 ? lead.high : 0xBF;
        if (s[i] < low || s[i] > high)
            return false;
    }
    return true;
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
                    "%d-byte character",
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
                "0x%02X-0x%02X was expected in place of 0x%02X%s",
                s[0], seen, s[0], lead.length, low, high, c, why);
}

/* What the character does to the text, for the message. */
static const char *deceptive_name(uint32_t cp)
{
    if (cp == 0xFFFE || cp == 0xFFFF)
        return "not a character: XML documents (the annex, the charts) cannot hold it";
    if (cp == 0xFEFF)
        return "a byte-order mark inside the text: invisible";
    if (cp >= 0x202A && cp <= 0x202E)
        return "a direction override: it reverses or reorders the text shown around it";
    if (cp == 0x200E || cp == 0x200F || cp >= 0x2066)
        return "a direction mark: it reorders the text shown around it";
    return "an invisible character: two names that look the same would differ";
}

static void describe_deceptive(text_error *error, uint32_t cp)
{
    set_message(error, "character U+%04X (%s); remove it", (unsigned)cp, deceptive_name(cp));
    error->encoding_problem = false;
}

/* Describes a well-formed character that is forbidden: a C1 control, a deceptive character. */
static void describe_forbidden(text_error *error, const unsigned char *s, int length)
{
    uint32_t cp = utf8_code_point(s, length);
    if (is_deceptive(cp)) {
        describe_deceptive(error, cp);
        return;
    }
    char bytes[32] = "bytes ";
    hex_bytes(bytes + 6, sizeof bytes - 6, s, (size_t)length);
    describe_control(error, cp, bytes);
}

static int decode_utf8(const unsigned char *in, size_t len, size_t base, text *out,
                       text_error *error)
{
    size_t valid = utf8_valid_prefix(in, len);
    if (valid < len) {
        locate_error(error, in, valid, base + valid);
        size_t n = utf8_sequence_length(in + valid, len - valid);
        if (classify_lead(in[valid]).length <= 1)
            describe_bad_lead(error, in[valid]);
        else if (n > 0)
            describe_forbidden(error, in + valid, (int)n);
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
                    "character",
                    in[at]);
        return;
    }
    unsigned u = utf16_unit(in + at, big_endian);
    char bytes[32];
    snprintf(bytes, sizeof bytes, "bytes 0x%02X 0x%02X", in[at], in[at + 1]);
    if (u == 0) {
        set_message(error, "NUL character (bytes 0x00 0x00): a text file never holds one");
    } else if (is_control(u)) {
        describe_control(error, u, bytes);
    } else if (is_deceptive(u)) {
        describe_deceptive(error, u);
    } else if (is_low_surrogate(u)) {
        set_message(error,
                    "unpaired UTF-16 low surrogate 0x%04X (bytes 0x%02X 0x%02X): a high surrogate "
                    "0xD800-0xDBFF was expected before it",
                    u, in[at], in[at + 1]);
    } else if (at + 3 >= len) {
        set_message(error,
                    "UTF-16 high surrogate 0x%04X (bytes 0x%02X 0x%02X) at the end of the file: "
                    "its low surrogate 0xDC00-0xDFFF is missing",
                    u, in[at], in[at + 1]);
    } else {
        set_message(error,
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

/* ---- Windows-1258 ---- */

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
    locate_error(&at, in, bad_at, bad_at);
    const char *why = problem == CP1258_UNDEFINED ? "has no character in that code page"
                      : problem == CP1258_CONTROL ? "is a control character"
                                                  : "is a tone mark after a character that "
                                                    "takes none";
    char note[160];
    snprintf(note, sizeof note,
             "; nor is it Windows-1258 text: byte 0x%02X (line %d, byte offset %zu) %s", in[bad_at],
             at.line, bad_at, why);
    append_message(error, note);
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
        size_t n = utf8_char_length(s + i, len - i);
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
    if (truncated_at_end(in + first_bad, len - first_bad))
        return true;
    /* A file is in one encoding throughout: its first mebibyte tells, and megabytes of random
     * bytes are not counted to the end. */
    size_t multibyte, invalid;
    count_utf8(in, len < ((size_t)1 << 20) ? len : (size_t)1 << 20, &multibyte, &invalid);
    return multibyte >= invalid;
}

/* Called when bytes without a BOM are not UTF-8 and `error` describes why. Returns 0 with `out`
 * filled when they are clean Windows-1258; else adds why not to `error` and returns -1. */
static int retry_as_windows_1258(const unsigned char *in, size_t len, text *out, text_error *error)
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

/* ---- files ---- */

/* Names what a file that is not a regular file is, for messages. */
static const char *file_kind(mode_t mode)
{
    if (S_ISLNK(mode))
        return "a symbolic link";
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISFIFO(mode))
        return "a FIFO (named pipe)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* Closes `fd` and frees `data` after a failure, keeping the errno of that failure. */
static text_read_status fail_reading(int fd, unsigned char *data)
{
    int saved = errno;
    free(data);
    if (fd >= 0)
        close(fd);
    errno = saved;
    return TEXT_READ_FAILED;
}

/* Reads `fd` to its end into a buffer of `cap` bytes to start with (the file's size plus room for
 * the NUL and for the read that sees the end, so a regular file is read without reallocating).
 * Never reads more than max_size + 1 bytes: a file that grows, or whose size is unknown (a /proc
 * file), is refused as soon as it passes the limit. */
static text_read_status read_to_end(int fd, size_t cap, size_t max_size, unsigned char **data,
                                    size_t *len)
{
    unsigned char *p = xmalloc(cap);
    size_t used = 0;
    for (;;) {
        if (used > max_size) {
            free(p);
            *len = used;
            return TEXT_READ_TOO_LARGE;
        }
        if (used + 1 == cap)
            p = xgrow(p, &cap, cap + 1, 1);
        size_t room = cap - 1 - used;
        if (max_size - used < room)
            room = max_size - used + 1;
        ssize_t n = read(fd, p + used, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail_reading(-1, p);
        if (n == 0)
            break;
        used += (size_t)n;
    }
    p[used] = '\0';
    *data = p;
    *len = used;
    return TEXT_READ_OK;
}

/* With O_NOFOLLOW, open fails with ELOOP on a symbolic link; lstat tells it from a loop of links
 * in the folders above. */
static bool is_symbolic_link(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

text_read_status text_read_file_limited(const char *path, size_t max_size, bool regular_only,
                                        unsigned char **data, size_t *len, const char **kind)
{
    *data = NULL;
    *len = 0;
    if (kind)
        *kind = NULL;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NOFOLLOW | O_NONBLOCK : 0));
    if (fd < 0 && regular_only && errno == ELOOP && is_symbolic_link(path)) {
        if (kind)
            *kind = file_kind(S_IFLNK);
        return TEXT_READ_NOT_REGULAR;
    }
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        return fail_reading(fd, NULL);
    if (regular_only && !S_ISREG(st.st_mode)) {
        close(fd);
        if (kind)
            *kind = file_kind(st.st_mode);
        return TEXT_READ_NOT_REGULAR;
    }
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return fail_reading(fd, NULL);
    }
    size_t cap = 4096;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((uintmax_t)st.st_size > max_size) {
            close(fd);
            *len = (uintmax_t)st.st_size > SIZE_MAX ? SIZE_MAX : (size_t)st.st_size;
            return TEXT_READ_TOO_LARGE;
        }
        cap = (size_t)st.st_size + 2;
    }
    text_read_status status = read_to_end(fd, cap, max_size, data, len);
    if (status == TEXT_READ_FAILED)
        return fail_reading(fd, NULL);
    if (close(fd) != 0 && status == TEXT_READ_OK) {
        int saved = errno;
        free(*data);
        *data = NULL;
        *len = 0;
        errno = saved;
        return TEXT_READ_FAILED;
    }
    return status;
}

int text_read_file(const char *path, unsigned char **data, size_t *len)
{
    return text_read_file_limited(path, SIZE_MAX - 2, false, data, len, NULL) == TEXT_READ_OK ? 0
                                                                                              : -1;
}
