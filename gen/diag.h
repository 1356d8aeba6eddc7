/* diag.h - diagnostics, written the way compilers write them.
 *
 *   input/2024-09/long-an.csv:12:7: error: '2675.5' is not an amount ...
 *
 * Every stage adds to one diag_list; main prints it in the order found. A diagnostic with
 * line 0 is about the whole file ("FILE: error: ..."); one with no file is about the run
 * ("gen: error: ..."). */
#ifndef GEN_DIAG_H
#define GEN_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

typedef enum diag_severity { DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct diag {
    diag_severity severity;
    char *file; /* NULL for the run as a whole */
    int line;   /* 0 when about the whole file */
    int column; /* 0 when about the whole line */
    char *message;
} diag;

typedef struct diag_list {
    diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    size_t warnings;
} diag_list;

#define DIAG_LIST_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0, 0, 0                                                                           \
    }

void diag_add(diag_list *list, diag_severity severity, const char *file, int line, int column,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Writes one diagnostic as a line. */
void diag_format(buf *out, const diag *d);
/* Prints every diagnostic to `stream`, warnings too unless `errors_only`. Returns 0, or -1 if
 * writing failed. */
int diag_print(const diag_list *list, FILE *stream, bool errors_only);

/* Appends `len` bytes of submitted text for quoting in a message: in single quotes, control
 * characters shown as \n, \t or \xHH, and cut to 60 characters with "…" when longer, so that
 * one bad cell cannot flood a terminal. */
void diag_quote(buf *out, const char *s, size_t len);

/* Moves every diagnostic of `from` to the end of `to`, in order, and leaves `from` empty: stages
 * that work on several threads give each its own list and join them in a fixed order. */
void diag_list_append(diag_list *to, diag_list *from);

void diag_list_free(diag_list *list);

#endif
