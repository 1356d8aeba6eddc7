#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static void add(diag_list *list, diag_severity severity, const char *file, int line, int column,
                char *en, char *vi)
{
    list->items = xgrow(list->items, &list->cap, list->count + 1, sizeof *list->items);
    diag *d = &list->items[list->count++];
    d->severity = severity;
    d->file = file ? xstrdup(file) : NULL;
    d->line = line;
    d->column = column;
    d->message = en;
    d->message_vi = vi;
    if (severity == DIAG_ERROR)
        list->errors++;
    else
        list->warnings++;
}

void diag_addv(diag_list *list, diag_severity severity, const char *file, int line, int column,
               const char *fmt, va_list ap)
{
    buf en = BUF_INIT, vi = BUF_INIT;
    va_list copy;
    va_copy(copy, ap);
    i18n_vformat(&en, I18N_EN, fmt, copy);
    va_end(copy);
    i18n_vformat(&vi, I18N_VI, fmt, ap);
    add(list, severity, file, line, column, buf_detach(&en), buf_detach(&vi));
}

void diag_add(diag_list *list, diag_severity severity, const char *file, int line, int column,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(list, severity, file, line, column, fmt, ap);
    va_end(ap);
}

void diag_add_texts(diag_list *list, diag_severity severity, const char *file, int line, int column,
                    const char *const messages[I18N_LANGS])
{
    add(list, severity, file, line, column, xstrdup(messages[I18N_EN]), xstrdup(messages[I18N_VI]));
}

const char *diag_message(const diag *d, i18n_lang lang)
{
    return lang == I18N_VI ? d->message_vi : d->message;
}

void diag_format(buf *out, const diag *d)
{
    buf_puts(out, d->file ? d->file : "gen");
    if (d->file && d->line > 0) {
        buf_printf(out, ":%d", d->line);
        if (d->column > 0)
            buf_printf(out, ":%d", d->column);
    }
    buf_printf(out, ": %s: %s\n", d->severity == DIAG_ERROR ? "error" : "warning",
               diag_message(d, i18n_stderr_lang()));
}

int diag_print(const diag_list *list, FILE *stream, bool errors_only)
{
    buf line = BUF_INIT;
    int status = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (errors_only && list->items[i].severity != DIAG_ERROR)
            continue;
        buf_clear(&line);
        diag_format(&line, &list->items[i]);
        if (fwrite(line.data, 1, line.len, stream) != line.len)
            status = -1;
    }
    buf_free(&line);
    if (fflush(stream) != 0)
        status = -1;
    return status;
}

enum { QUOTE_MAX_CHARS = 60 };

void diag_quote(buf *out, const char *s, size_t len)
{
    size_t chars = 0;
    buf_putc(out, '\'');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool starts_char = (c & 0xC0) != 0x80;
        if (starts_char && chars++ == QUOTE_MAX_CHARS) {
            buf_puts(out, "…");
            break;
        }
        if (c == '\n')
            buf_puts(out, "\\n");
        else if (c == '\r')
            buf_puts(out, "\\r");
        else if (c == '\t')
            buf_puts(out, "\\t");
        else if (c < 0x20 || c == 0x7F)
            buf_printf(out, "\\x%02X", c);
        else
            buf_putc(out, (char)c);
    }
    buf_putc(out, '\'');
}

void diag_list_append(diag_list *to, diag_list *from)
{
    if (from->count == 0)
        return;
    to->items = xgrow(to->items, &to->cap, to->count + from->count, sizeof *to->items);
    memcpy(to->items + to->count, from->items, from->count * sizeof *from->items);
    to->count += from->count;
    to->errors += from->errors;
    to->warnings += from->warnings;
    free(from->items);
    *from = (diag_list)DIAG_LIST_INIT;
}

void diag_list_free(diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].message);
        free(list->items[i].message_vi);
    }
    free(list->items);
    *list = (diag_list)DIAG_LIST_INIT;
}
