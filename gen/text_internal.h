/* text_internal.h - what the decoders of text.h share and nothing else includes.
 *
 * text.c sniffs the BOM, validates UTF-8 and owns error positions and messages; text_utf16.c
 * and text_cp1258.c are the other decoders it dispatches to. A decoder fills `out` with a
 * malloc'd UTF-8 copy that the caller owns (text_free), or fills `error` and allocates nothing.
 * The predicates and put_utf8 are inline here because the decoders call them for every
 * character. */
#ifndef GEN_TEXT_INTERNAL_H
#define GEN_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "i18n.h"
#include "text.h"

/* True for the code points a CSV file never holds: NUL and the other C0 controls but tab, LF and
 * CR, DEL, and the C1 controls. Excel writes none of them; in a file they mean a binary file,
 * corruption, or terminal escapes meant to reach a screen (ESC [ 2 J). */
static inline bool is_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
}

/* True for the characters that would deceive a reader or break the documents: the invisible
 * ones (zero-width space, joiners, word joiner, a byte-order mark inside the text), those that
 * change the direction of the text around them (U+202E shows "Long An" as "nA gnoL", and a file
 * name as another), and U+FFFE and U+FFFF, which are not characters and which XML, so the
 * annex, the SVG charts and the HTML page, cannot hold. No spreadsheet cell needs them. */
static inline bool is_deceptive(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

static inline bool is_forbidden(uint32_t cp)
{
    return is_control(cp) || is_deceptive(cp);
}

/* Writes the UTF-8 form of `cp` (1 to 4 bytes) at `o`; returns how many bytes. */
static inline size_t put_utf8(char *o, uint32_t cp)
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

/* Fills the error's line, column (from the `n` bytes of valid UTF-8 text `before` the bad byte)
 * and byte offset. */
void text_locate_error(text_error *error, const unsigned char *before, size_t n,
                       size_t byte_offset);
/* Replaces the error's message, or appends to it, in each language (i18n_format). */
void text_set_message(text_error *error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void text_append_message(text_error *error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The message of a control character (`bytes` says how it was written) and of a deceptive one;
 * both are no encoding problem. */
void text_describe_control(text_error *error, uint32_t cp, const char *bytes);
void text_describe_deceptive(text_error *error, uint32_t cp);

/* The length of the valid, not forbidden UTF-8 character at `s`, or 0. */
size_t text_utf8_char_length(const unsigned char *s, size_t avail);
/* True when `s` starts a UTF-8 character cut short by the end of the text. */
bool text_utf8_truncated_at_end(const unsigned char *s, size_t avail);

/* The UTF-16 decoders, for the bytes after the BOM; `base` is the BOM's length, so that error
 * offsets count from the start of the file. */
int text_decode_utf16le(const unsigned char *in, size_t len, size_t base, text *out,
                        text_error *error);
int text_decode_utf16be(const unsigned char *in, size_t len, size_t base, text *out,
                        text_error *error);

/* Called when bytes without a BOM are not UTF-8 and `error` describes why. Returns 0 with `out`
 * filled when they are clean Windows-1258; else adds why not to `error` and returns -1. */
int text_retry_as_windows_1258(const unsigned char *in, size_t len, text *out, text_error *error);

#endif
