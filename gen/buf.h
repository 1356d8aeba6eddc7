/* buf.h - growable byte buffers: the one string builder of the program.
 *
 * A buf is always NUL-terminated once anything has been appended, so `data` can be handed to
 * functions that want a C string. Zero-initialise with BUF_INIT; release with buf_free. */
#ifndef GEN_BUF_H
#define GEN_BUF_H

#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
} buf;

#define BUF_INIT                                                                                   \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void buf_append(buf *b, const char *s, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void buf_clear(buf *b);
/* Returns the contents as a malloc'd C string (never NULL) and leaves the buffer empty. */
char *buf_detach(buf *b);
void buf_free(buf *b);

#endif
