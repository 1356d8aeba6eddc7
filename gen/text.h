/* text.h - turning the bytes of a file into UTF-8 text.
 *
 * Submissions arrive as Excel and LibreOffice save them: UTF-8 with or without a byte-order
 * mark, UTF-16 (little- or big-endian) with one, or, from Excel's plain "CSV" on Vietnamese
 * Windows, Windows-1258. text_decode turns any of these into UTF-8 without a BOM, with line ends
 * left as they were (CRLF stays CRLF) so that physical line numbers stay those the user sees in
 * an editor. Unicode text is not normalised here: callers normalise field values (NFC) so that
 * column numbers refer to the file as saved. Windows-1258 text is: that code page writes most
 * toned vowels as a letter and a combining mark, which NFC joins into the character shown. */
#ifndef GEN_TEXT_H
#define GEN_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct text {
    char *data;           /* UTF-8, NUL-terminated, owned */
    size_t len;           /* bytes, without the NUL */
    const char *encoding; /* static: "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE",
                           * "Windows-1258" */
} text;

/* The encoding name text_decode gives a file it read as Windows-1258. */
#define TEXT_WINDOWS_1258 "Windows-1258"

typedef struct text_error {
    int line;              /* 1-based physical line of the first bad byte */
    int column;            /* 1-based column in characters */
    size_t byte_offset;    /* 0-based offset of the first bad byte in the file as given */
    char message[512];     /* says what was found and what was expected */
    char message_vi[1024]; /* the same in Vietnamese (i18n.h) */
    bool encoding_problem; /* false for a control character, which no encoding would mend */
} text_error;

/* Decodes `len` bytes. Returns 0 and fills `out` (free with text_free), or -1 and fills `error`:
 * invalid UTF-8 (overlong forms, surrogates and code points past U+10FFFF included), a lone or
 * truncated UTF-16 surrogate or an odd UTF-16 length, a NUL or another control character (all
 * C0 controls but tab, LF and CR, DEL, the C1 controls: no spreadsheet writes them).
 *
 * Bytes without a BOM that are not valid UTF-8 are read as Windows-1258 (encoding
 * TEXT_WINDOWS_1258, text in NFC) when they decode cleanly as such: every byte a character of
 * the code page, no control character but tab, CR and LF, and every combining tone mark right
 * after a vowel that can bear it. Mostly valid UTF-8 with a bad byte, or UTF-8 cut short at the
 * end, is broken UTF-8 and stays an error (at the first bad byte), not a guess. */
int text_decode(const unsigned char *bytes, size_t len, text *out, text_error *error);
/* text_decode on `bytes` from malloc, NUL-terminated at `len` as text_read_file leaves them,
 * which it takes over (frees, or keeps as out->data): valid UTF-8, the usual case, is then
 * used in place instead of copied, so that reading a file costs its size in memory once. */
int text_decode_owned(unsigned char *bytes, size_t len, text *out, text_error *error);
/* text_decode without the Windows-1258 fallback: for files that must be Unicode. */
int text_decode_unicode(const unsigned char *bytes, size_t len, text *out, text_error *error);
void text_free(text *t);

/* Reads a whole file into memory. Returns 0, or -1 with errno set. `*data` is NUL-terminated. */
int text_read_file(const char *path, unsigned char **data, size_t *len);

typedef enum text_read_status {
    TEXT_READ_OK,
    TEXT_READ_FAILED,     /* errno says why */
    TEXT_READ_TOO_LARGE,  /* more than the limit: nothing read; `*len` is the size when known */
    TEXT_READ_NOT_REGULAR /* a symbolic link, folder, FIFO, device or socket: not read */
} text_read_status;

/* Reads a whole file of at most `max_size` bytes, refusing a larger one before reading it (or,
 * when its size is unknown, as soon as it has read more). With `regular_only`, the file must be
 * a regular file: a symbolic link is not followed and nothing that could block (a FIFO) or act
 * on being opened (a device) is read; `*kind` then names what was found ("a symbolic link").
 * The check is made on the file opened, so it cannot be swapped after it. */
text_read_status text_read_file_limited(const char *path, size_t max_size, bool regular_only,
                                        unsigned char **data, size_t *len, const char **kind);

/* True for a code point no text gen reads may hold (text_decode rejects it): a control
 * character other than tab, LF and CR, an invisible or direction-changing character, or
 * U+FFFE/U+FFFF, which XML cannot hold. Names gen did not read as text (file names) are checked
 * with it too. */
bool text_is_forbidden(uint32_t cp);

/* Counts the characters (code points) in `len` bytes of valid UTF-8: the column unit. */
size_t text_utf8_length(const char *s, size_t len);

#endif
