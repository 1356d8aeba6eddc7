/* diag.h - diagnostics, written the way compilers write them.
 *
 *   input/2024-09/long-an.csv:12:7: error: '2675.5' is not an amount ...
 *
 * Every stage adds to one diag_list; main prints it in the order found. A diagnostic with
 * line 0 is about the whole file ("FILE: error: ..."); one with no file is about the run
 * ("gen: error: ...").
 *
 * Each message is kept in English and in Vietnamese (i18n.h): standard error shows the one its
 * locale selects, documents always show `message_vi`. */
#ifndef GEN_DIAG_H
#define GEN_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "i18n.h"

typedef enum diag_severity { DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct diag {
    diag_severity severity;
    char *file;       /* NULL for the run as a whole */
    int line;         /* 0 when about the whole file */
    int column;       /* 0 when about the whole line */
    char *message;    /* English: the format (a gettext msgid) as written in the source */
    char *message_vi; /* Vietnamese: what every document shows */
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

/* Adds a diagnostic: `fmt` (a message in English, extracted by xgettext) is formatted once in
 * each language, its F_() fragments translated too (i18n_format). */
void diag_add(diag_list *list, diag_severity severity, const char *file, int line, int column,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_addv(diag_list *list, diag_severity severity, const char *file, int line, int column,
               const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
/* Adds a diagnostic whose message is already written in each language (`messages` indexed by
 * i18n_lang), e.g. a reader's error message. */
void diag_add_texts(diag_list *list, diag_severity severity, const char *file, int line, int column,
                    const char *const messages[I18N_LANGS]);

/* The message in `lang`. */
const char *diag_message(const diag *d, i18n_lang lang);

/* Writes one diagnostic as a line, its message in the language of standard error. The prefix
 * (FILE:LINE:COLUMN: error:) is the same in every language, so that editors and scripts that
 * read compilers' messages read these. */
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
