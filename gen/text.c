/* text.c - decoding submissions (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1258)
 * into UTF-8.
 *
 * Decoding is split in three steps: sniff the byte-order mark, run the decoder it selects, and
 * on failure describe the first bad byte with its physical position. Bytes without a BOM that
 * are not UTF-8 get a second chance as Windows-1258, the code page of Excel's plain "CSV" on
 * Vietnamese Windows.
 *
 * Here: the public decoding API of text.h, the BOM, strict UTF-8, and the error positions and
 * messages the decoders share. UTF-16 is in text_utf16.c, Windows-1258 in text_cp1258.c (both
 * through text_internal.h), reading files in text_file.c. */
#include "text_internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

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
static size_t utf8_valid_prefix(const unsigned char *s, size_t len);

/* Tried in order; the last one (no BOM) always matches. */
static const encoding encodings[] = {
    {"UTF-8 with BOM", "\xEF\xBB\xBF", 3, decode_utf8},
    {"UTF-16LE", "\xFF\xFE", 2, text_decode_utf16le},
    {"UTF-16BE", "\xFE\xFF", 2, text_decode_utf16be},
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

static void put_message(char *out, size_t size, size_t used, i18n_lang lang, const char *fmt,
                        va_list ap) __attribute__((format(printf, 5, 0)));
static void put_messages(text_error *error, bool append, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Writes `fmt` in `lang` after the first `used` bytes of `out` (`size` bytes). */
static void put_message(char *out, size_t size, size_t used, i18n_lang lang, const char *fmt,
                        va_list ap)
{
    if (used + 1 < size)
        i18n_vformat_to(out + used, size - used, lang, fmt, ap);
}

static void put_messages(text_error *error, bool append, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    put_message(error->message, sizeof error->message, append ? strlen(error->message) : 0, I18N_EN,
                fmt, copy);
    va_end(copy);
    put_message(error->message_vi, sizeof error->message_vi, append ? strlen(error->message_vi) : 0,
                I18N_VI, fmt, ap);
}

void text_append_message(text_error *error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_messages(error, true, fmt, ap);
    va_end(ap);
}

/* Files that are not text at all but are often sent or saved in place of a CSV file, known by
 * their first bytes: naming them says more than the first byte that is not a character. */
static bool is_known_binary(const unsigned char *bytes, size_t len, text_error *error)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } kinds[] = {
        {"PK\x03\x04", 4, F_("an Excel workbook (.xlsx) or another ZIP archive")},
        {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, F_("an Excel 97-2003 workbook (.xls)")},
        {"%PDF-", 5, F_("a PDF document")},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (len < kinds[i].len || memcmp(bytes, kinds[i].magic, kinds[i].len) != 0)
            continue;
        *error = (text_error){.line = 1, .column = 1, .byte_offset = 0, .encoding_problem = true};
        text_set_message(error,
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
        text_retry_as_windows_1258(bytes, len, out, error) == 0)
        return 0;
    if (error->encoding_problem)
        text_append_message(error, "; save the file as CSV UTF-8");
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

/* Fills the error's line and column from the valid UTF-8 text that precedes the bad byte. LF,
 * CRLF and a lone CR each end a line, as editors count them. */
void text_locate_error(text_error *error, const unsigned char *before, size_t n, size_t byte_offset)
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

void text_set_message(text_error *error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_messages(error, false, fmt, ap);
    va_end(ap);
}

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
size_t text_utf8_char_length(const unsigned char *s, size_t avail)
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
 * Vietnamese toned vowels ạ ả ấ ... ỹ). 0 for anything else, which text_utf8_char_length decides.
 */
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
            return 0; /* where the deceptive characters are: text_utf8_char_length decides */
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
            n = text_utf8_char_length(s + i, len - i);
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
void text_describe_control(text_error *error, uint32_t cp, const char *bytes)
{
    text_set_message(
        error,
        "control character U+%04X (%s): a CSV file holds none but tab and line breaks; "
        "remove it (was the file damaged, or made by something else than a spreadsheet?)",
        (unsigned)cp, bytes);
    error->encoding_problem = false;
}

static void describe_bad_lead(text_error *error, unsigned char c)
{
    char bytes[16];
    snprintf(bytes, sizeof bytes, F_("byte") " 0x%02X", c);
    if (c == 0)
        text_set_message(error,
                         "NUL character (byte 0x00): a text file never holds one (is this an "
                         ".xlsx workbook, or UTF-16 without a byte-order mark?)");
    else if (c < 0x80 && is_control(c))
        text_describe_control(error, c, bytes);
    else if (c >= 0x80 && c <= 0xBF)
        text_set_message(error,
                         "invalid UTF-8 byte 0x%02X: a continuation byte where a character was "
                         "expected to start",
                         c);
    else
        text_set_message(error, "invalid UTF-8 byte 0x%02X: never used in UTF-8", c);
}

/* True when `s` starts a character that is cut short by the end of the text: a valid lead byte
 * followed only by valid continuation bytes, too few of them. */
bool text_utf8_truncated_at_end(const unsigned char *s, size_t avail)
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
        text_set_message(error,
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
        why = s[0] == 0xED   ? F_(" (it would encode a UTF-16 surrogate)")
              : s[0] == 0xF4 ? F_(" (it would encode a code point past U+10FFFF)")
                             : F_(" (it would be an overlong form)");
    unsigned char low = bad == 1 ? lead.low : 0x80, high = bad == 1 ? lead.high : 0xBF;
    text_set_message(
        error,
        "invalid UTF-8 byte 0x%02X followed by %s: 0x%02X starts a %d-byte character, so "
        "0x%02X-0x%02X was expected in place of 0x%02X%s",
        s[0], seen, s[0], lead.length, low, high, c, why);
}

/* What the character does to the text, for the message. */
static const char *deceptive_name(uint32_t cp)
{
    if (cp == 0xFFFE || cp == 0xFFFF)
        return F_("not a character: XML documents (the annex, the charts) cannot hold it");
    if (cp == 0xFEFF)
        return F_("a byte-order mark inside the text: invisible");
    if (cp >= 0x202A && cp <= 0x202E)
        return F_("a direction override: it reverses or reorders the text shown around it");
    if (cp == 0x200E || cp == 0x200F || cp >= 0x2066)
        return F_("a direction mark: it reorders the text shown around it");
    return F_("an invisible character: two names that look the same would differ");
}

void text_describe_deceptive(text_error *error, uint32_t cp)
{
    text_set_message(error, "character U+%04X (%s); remove it", (unsigned)cp, deceptive_name(cp));
    error->encoding_problem = false;
}

/* Describes a well-formed character that is forbidden: a C1 control, a deceptive character. */
static void describe_forbidden(text_error *error, const unsigned char *s, int length)
{
    uint32_t cp = utf8_code_point(s, length);
    if (is_deceptive(cp)) {
        text_describe_deceptive(error, cp);
        return;
    }
    char bytes[48] = F_("bytes") " ";
    size_t used = strlen(bytes);
    hex_bytes(bytes + used, sizeof bytes - used, s, (size_t)length);
    text_describe_control(error, cp, bytes);
}

static int decode_utf8(const unsigned char *in, size_t len, size_t base, text *out,
                       text_error *error)
{
    size_t valid = utf8_valid_prefix(in, len);
    if (valid < len) {
        text_locate_error(error, in, valid, base + valid);
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

bool text_is_forbidden(uint32_t cp)
{
    return is_forbidden(cp);
}
