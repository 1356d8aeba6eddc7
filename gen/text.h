/* text.h - turning the bytes of a file into UTF-8 text.
 *
 * Submissions arrive as Excel and LibreOffice save them: UTF-8 with or without a byte-order
 * mark, or UTF-16 (little- or big-endian) with one. text_decode turns any of these into UTF-8
 * without a BOM, with line ends left as they were (CRLF stays CRLF) so that physical line
 * numbers stay those the user sees in an editor. Text is not normalised here: callers normalise
 * field values (NFC) so that column numbers refer to the file as saved. */
#ifndef GEN_TEXT_H
#define GEN_TEXT_H

#include <stddef.h>

typedef struct text {
    char *data;           /* UTF-8, NUL-terminated, owned */
    size_t len;           /* bytes, without the NUL */
    const char *encoding; /* static: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" */
} text;

typedef struct text_error {
    int line;           /* 1-based physical line of the first bad byte */
    int column;         /* 1-based column in characters */
    size_t byte_offset; /* 0-based offset of the first bad byte in the file as given */
    char message[256];  /* says what was found and what was expected */
} text_error;

/* Decodes `len` bytes. Returns 0 and fills `out` (free with text_free), or -1 and fills `error`:
 * invalid UTF-8 (overlong forms, surrogates and code points past U+10FFFF included), a lone or
 * truncated UTF-16 surrogate or an odd UTF-16 length, or a NUL character. */
int text_decode(const unsigned char *bytes, size_t len, text *out, text_error *error);
void text_free(text *t);

/* Reads a whole file into memory. Returns 0, or -1 with errno set. `*data` is NUL-terminated. */
int text_read_file(const char *path, unsigned char **data, size_t *len);

/* Counts the characters (code points) in `len` bytes of valid UTF-8: the column unit. */
size_t text_utf8_length(const char *s, size_t len);

#endif
