/* csvread.c - RFC 4180 records with positions, on top of libcsv.
 *
 * libcsv reports fields and row ends but no positions. Its callbacks fire only when it reads a
 * delimiter, CR or LF, so the text is fed in pieces that each end at the next such byte: when a
 * callback fires, the byte that caused it is the last one of the piece just fed, whose position
 * is known, and the field began right after the byte that fired the previous callback. */
#include "csvread.h"

#include <csv.h>

#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "i18n.h"

/* libcsv grows its field buffer by a fixed block; growing the block with the buffer keeps a huge
 * quoted field from costing one reallocation per 128 bytes. */
#define FIRST_BLOCK 4096

#define ENDS_PIECE 2

typedef struct position {
    size_t offset; /* bytes from the start of the text */
    size_t line;   /* 1-based physical line */
    size_t column; /* 1-based, in characters */
} position;

typedef struct reader {
    const char *text;
    size_t len;
    /* For each byte value: how many characters it starts (1, or 0 for a continuation byte),
     * or ENDS_PIECE for the delimiter, CR and LF; one lookup per byte keeps the scan fast. */
    unsigned char byte_class[256];

    position next;        /* the first byte not yet fed to libcsv */
    position field_start; /* the first byte of the field being read */
    position piece_last;  /* the byte that ends the piece being fed, or the end of the text */
    bool callback_fired;  /* during the csv_parse call under way */
    bool at_row_start;    /* libcsv has ended a row and been fed nothing since */

    /* The row being read: values are stored one after another, each NUL-terminated, and the
     * fields point into them once the row is complete (the buffer may move before that). */
    size_t row_line;
    csv_field *fields;
    size_t *value_offsets;
    size_t count, cap;
    buf values;

    csv_row_fn on_row;
    void *context;
    int stopped; /* the callback's non-zero return */

    csv_limits limits; /* 0 replaced by SIZE_MAX */
    size_t rows;       /* delivered so far */
    csv_limit passed;  /* the first bound passed: reading stops */
    position passed_at;
} reader;

static int clamp_int(size_t n)
{
    return n > INT_MAX ? INT_MAX : (int)n;
}

static bool is_continuation_byte(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The LF of a CRLF pair ends no line of its own: the CR already did. */
static bool is_lf_after_cr(const reader *r, size_t offset)
{
    return r->text[offset] == '\n' && offset > 0 && r->text[offset - 1] == '\r';
}

static size_t count_characters(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += !is_continuation_byte((unsigned char)s[i]);
    return n;
}

static bool starts_with_quote(const reader *r, size_t offset)
{
    return offset < r->len && r->text[offset] == '"';
}

/* ---- libcsv callbacks ---- */

/* Records the first bound passed; feed() stops reading when it sees it. */
static void pass_limit(reader *r, csv_limit limit, position at)
{
    if (r->passed != CSV_LIMIT_NONE)
        return;
    r->passed = limit;
    r->passed_at = at;
}

/* Appends a field whose value (NUL-terminated) ends the values buffer from `value_offset`. */
static void push_field(reader *r, size_t value_offset, size_t len, size_t line, size_t column,
                       bool quoted)
{
    if (r->count == r->cap) {
        r->fields = xgrow(r->fields, &r->cap, r->count + 1, sizeof *r->fields);
        r->value_offsets = xrealloc(r->value_offsets, r->cap * sizeof *r->value_offsets);
    }
    if (r->count == 0)
        r->row_line = line;
    r->value_offsets[r->count] = value_offset;
    r->fields[r->count++] = (csv_field){
        .text = NULL,
        .len = len,
        .line = clamp_int(line),
        .column = clamp_int(column),
        .quoted = quoted,
    };
}

static void add_field(void *value, size_t len, void *data)
{
    reader *r = data;
    r->callback_fired = true;
    if (r->passed != CSV_LIMIT_NONE)
        return;
    if (r->count == r->limits.max_columns) {
        pass_limit(r, CSV_LIMIT_COLUMNS, r->field_start);
        return;
    }
    size_t offset = r->values.len;
    /* CSV_APPEND_NULL puts a NUL after the value: copy it along. */
    buf_append(&r->values, value, len + 1);
    push_field(r, offset, len, r->field_start.line, r->field_start.column,
               starts_with_quote(r, r->field_start.offset));
}

/* Hands the row of fields read so far to the callback, and empties it. */
static void deliver_row(reader *r, size_t line, size_t column)
{
    r->rows++;
    for (size_t i = 0; i < r->count; i++)
        r->fields[i].text = r->values.data + r->value_offsets[i];
    csv_row row = {
        .fields = r->fields,
        .count = r->count,
        .line = clamp_int(line),
        .column = clamp_int(column),
    };
    int rc = r->on_row(r->context, &row);
    r->count = 0;
    buf_clear(&r->values);
    if (rc != 0 && r->stopped == 0)
        r->stopped = rc;
}

static void end_row(int terminator, void *data)
{
    reader *r = data;
    r->callback_fired = true;
    /* With CSV_REPALL_NL libcsv reports the LF of CRLF as an empty row. */
    if (r->count == 0 && terminator == '\n' && is_lf_after_cr(r, r->piece_last.offset))
        return;
    if (r->passed == CSV_LIMIT_NONE && r->rows == r->limits.max_rows)
        pass_limit(r, CSV_LIMIT_ROWS,
                   (position){0, r->count ? r->row_line : r->piece_last.line, 1});
    if (r->passed != CSV_LIMIT_NONE) {
        r->count = 0;
        buf_clear(&r->values);
        return;
    }
    deliver_row(r, r->count ? r->row_line : r->piece_last.line, r->piece_last.column);
    r->at_row_start = true;
}

/* Trimming would change values and shift positions: keep every space. */
static int no_spaces(unsigned char c)
{
    (void)c;
    return 0;
}

/* ---- feeding ---- */

typedef struct piece {
    size_t start, end; /* [start, end) */
    size_t chars;      /* characters before the terminator */
    bool terminated;   /* ends with a delimiter, CR or LF */
} piece;

static void classify_bytes(unsigned char *byte_class, char delimiter)
{
    for (int c = 0; c < 256; c++)
        byte_class[c] = !is_continuation_byte((unsigned char)c);
    byte_class[(unsigned char)delimiter] = byte_class['\r'] = byte_class['\n'] = ENDS_PIECE;
}

static piece next_piece(const reader *r)
{
    const unsigned char *s = (const unsigned char *)r->text;
    size_t i = r->next.offset, chars = 0;
    for (; i < r->len; i++) {
        unsigned char c = r->byte_class[s[i]];
        if (c == ENDS_PIECE)
            break;
        chars += c;
    }
    piece p = {r->next.offset, i, chars, i < r->len};
    if (p.terminated)
        p.end++;
    return p;
}

/* The position just after the piece. */
static position after_piece(const reader *r, const piece *p)
{
    position at = {p->end, r->next.line, r->next.column + p->chars};
    if (!p->terminated)
        return at;
    char last = r->text[p->end - 1];
    if (last == '\r' || (last == '\n' && !is_lf_after_cr(r, p->end - 1))) {
        at.line++;
        at.column = 1;
    } else if (last != '\n') {
        at.column++;
    }
    return at;
}

static void keep_growth_geometric(struct csv_parser *parser)
{
    size_t size = csv_get_buffer_size(parser);
    if (size > FIRST_BLOCK)
        csv_set_blk_size(parser, size);
}

/* ---- errors ---- */

static void set_error(csv_read_error *error, size_t line, size_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set_error(csv_read_error *error, size_t line, size_t column, const char *fmt, ...)
{
    error->line = clamp_int(line);
    error->column = clamp_int(column);
    va_list ap;
    va_start(ap, fmt);
    i18n_vformat_to(error->message, sizeof error->message, I18N_EN, fmt, ap);
    va_end(ap);
    va_start(ap, fmt);
    i18n_vformat_to(error->message_vi, sizeof error->message_vi, I18N_VI, fmt, ap);
    va_end(ap);
}

/* Names the character at `s` for a message: 'x' (the whole UTF-8 character), "a tab", or the
 * byte in hex for other control characters. */
static void name_character(char *out, size_t size, const char *s, size_t avail)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '\t') {
        snprintf(out, size, F_("a tab"));
    } else if (c < 0x20 || c == 0x7F) {
        snprintf(out, size, F_("byte") " 0x%02X", c);
    } else {
        size_t n = 1;
        while (n < avail && n < 4 && is_continuation_byte((unsigned char)s[n]))
            n++;
        snprintf(out, size, "'%.*s'", (int)n, s);
    }
}

static const char *delimiter_name(char delimiter)
{
    return delimiter == '\t' ? F_("a tab") : delimiter == ';' ? "';'" : "','";
}

static bool only_spaces(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ')
            return false;
    return true;
}

/* libcsv stopped at text[at], which lies inside the piece `p` (so on the line being fed). */
static void describe_parse_stop(const reader *r, const piece *p, size_t at, int status,
                                char delimiter, csv_read_error *error)
{
    size_t line = r->next.line;
    size_t column = r->next.column + count_characters(r->text + p->start, at - p->start);
    if (status != CSV_EPARSE) {
        set_error(error, line, column, "cannot read the CSV: %s", csv_strerror(status));
        return;
    }
    const position *f = &r->field_start;
    if (starts_with_quote(r, f->offset)) {
        char found[32];
        name_character(found, sizeof found, r->text + at, r->len - at);
        set_error(error, line, column,
                  "text after the closing quote of the field opened at %zu:%zu: found %s where %s "
                  "or the end of the line was expected; a quote inside a quoted field is "
                  "written twice (\"\")",
                  f->line, f->column, found, delimiter_name(delimiter));
    } else if (only_spaces(r->text + f->offset, at - f->offset)) {
        set_error(error, line, column,
                  "unexpected '\"' after spaces at the start of a field; remove the spaces "
                  "before the opening quote");
    } else {
        set_error(error, line, column,
                  "unexpected '\"' in an unquoted field; put the whole field in quotes and write "
                  "each quote inside it twice (\"\")");
    }
}

static void describe_limit(const reader *r, csv_read_error *error)
{
    const position *at = &r->passed_at;
    error->limit = r->passed;
    if (r->passed == CSV_LIMIT_FIELD_BYTES)
        set_error(error, at->line, at->column,
                  "the field starting here is longer than %zu bytes, the limit; is a closing "
                  "quote missing?",
                  r->limits.max_field_bytes);
    else if (r->passed == CSV_LIMIT_COLUMNS)
        set_error(error, at->line, at->column,
                  "the row has more than %zu fields, the limit; is the delimiter right?",
                  r->limits.max_columns);
    else
        set_error(error, at->line, at->column,
                  "more than %zu rows, the limit; the rest of the file is not read",
                  r->limits.max_rows);
}

/* True when the field being read, with the piece about to be fed, is past the bound: checked
 * before libcsv copies the piece, so a huge field is refused without being buffered. */
static bool field_too_long(reader *r, const piece *p)
{
    size_t written = p->end - r->field_start.offset - (p->terminated ? 1 : 0);
    if (written <= r->limits.max_field_bytes)
        return false;
    pass_limit(r, CSV_LIMIT_FIELD_BYTES, r->field_start);
    return true;
}

static int finish(reader *r, struct csv_parser *parser, csv_read_error *error)
{
    r->piece_last = r->next;
    int rc = csv_fini(parser, add_field, end_row, r);
    if (r->passed != CSV_LIMIT_NONE) {
        describe_limit(r, error);
        return -1;
    }
    if (rc == 0)
        return r->stopped;
    const position *f = &r->field_start;
    set_error(error, r->next.line, r->next.column,
              "quoted field opened at %zu:%zu is never closed; the file ends inside it", f->line,
              f->column);
    return -1;
}

/* ---- the fast way through a row ---- */

/* Reads the quoted field at text[*i] (its opening quote) into the values buffer, up to and past
 * its closing quote. False when it holds a line break or is never closed on this line. */
static bool fast_quoted(reader *r, size_t *i, size_t *column)
{
    const char *s = r->text;
    size_t at = *i + 1, chars = 1;
    for (;;) {
        const char *quote = memchr(s + at, '"', r->len - at);
        if (!quote)
            return false;
        size_t n = (size_t)(quote - (s + at));
        if (memchr(s + at, '\n', n) || memchr(s + at, '\r', n))
            return false;
        buf_append(&r->values, s + at, n);
        chars += count_characters(s + at, n) + 1;
        at += n + 1;
        if (at == r->len || s[at] != '"')
            break;
        buf_putc(&r->values, '"'); /* a doubled quote stands for one */
        at++;
        chars++;
    }
    *i = at;
    *column += chars;
    return true;
}

/* Reads the field at text[*i] and adds it to the row. False when libcsv must read the line: a
 * quote inside an unquoted field, text after a closing quote, a line break inside quotes, a
 * field or row past the limits. */
static bool fast_field(reader *r, size_t *i, size_t *column)
{
    const unsigned char *s = (const unsigned char *)r->text;
    size_t start = *i, start_column = *column, offset = r->values.len;
    bool quoted = start < r->len && s[start] == '"';
    if (r->count == r->limits.max_columns)
        return false;
    if (quoted) {
        if (!fast_quoted(r, i, column))
            return false;
        if (*i < r->len && r->byte_class[s[*i]] != ENDS_PIECE)
            return false;
    } else {
        size_t at = start;
        for (; at < r->len && r->byte_class[s[at]] != ENDS_PIECE; at++) {
            if (s[at] == '"')
                return false;
            *column += r->byte_class[s[at]];
        }
        buf_append(&r->values, r->text + start, at - start);
        *i = at;
    }
    if (*i - start > r->limits.max_field_bytes)
        return false;
    buf_putc(&r->values, '\0');
    push_field(r, offset, r->values.len - 1 - offset, r->next.line, start_column, quoted);
    return true;
}

/* Reads the physical line at r->next as one row without libcsv, when it is an ordinary one:
 * libcsv costs a call per field and the feeding here a pass per byte, and nearly every line of
 * every file is ordinary. Returns false, having delivered nothing, for any line that libcsv
 * must read (it then reports what is wrong exactly as before). */
static bool fast_row(reader *r)
{
    const char *s = r->text;
    size_t i = r->next.offset, column = r->next.column;
    if (s[i] == '\n' && is_lf_after_cr(r, i)) {
        r->field_start = r->next = (position){i + 1, r->next.line, r->next.column};
        return true;
    }
    if (r->rows == r->limits.max_rows)
        return false;
    bool blank = s[i] == '\r' || s[i] == '\n';
    while (!blank) {
        if (!fast_field(r, &i, &column)) {
            r->count = 0;
            buf_clear(&r->values);
            return false;
        }
        if (i == r->len || s[i] == '\r' || s[i] == '\n')
            break;
        i++; /* the delimiter */
        column++;
    }
    deliver_row(r, r->next.line, column);
    position after = {i, r->next.line, column};
    if (i < r->len) {
        after = (position){i + 1, r->next.line + 1, 1};
        if (s[i] == '\r' && i + 1 < r->len && s[i + 1] == '\n')
            after.offset++;
    }
    r->field_start = r->next = after;
    return true;
}

static int feed(reader *r, struct csv_parser *parser, char delimiter, csv_read_error *error)
{
    r->at_row_start = true;
    while (r->next.offset < r->len) {
        if (r->at_row_start && fast_row(r)) {
            if (r->stopped)
                return r->stopped;
            continue;
        }
        r->at_row_start = false;
        piece p = next_piece(r);
        r->piece_last = (position){p.end - 1, r->next.line, r->next.column + p.chars};
        r->callback_fired = false;
        if (field_too_long(r, &p)) {
            describe_limit(r, error);
            return -1;
        }
        keep_growth_geometric(parser);
        size_t fed = csv_parse(parser, r->text + p.start, p.end - p.start, add_field, end_row, r);
        if (r->passed != CSV_LIMIT_NONE) {
            describe_limit(r, error);
            return -1;
        }
        if (fed < p.end - p.start) {
            describe_parse_stop(r, &p, p.start + fed, parser->status, delimiter, error);
            return -1;
        }
        if (r->stopped)
            return r->stopped;
        r->next = after_piece(r, &p);
        if (r->callback_fired)
            r->field_start = r->next;
    }
    return finish(r, parser, error);
}

static bool usable_delimiter(char delimiter)
{
    return delimiter == ',' || delimiter == ';' || delimiter == '\t';
}

static size_t bound(size_t limit)
{
    return limit ? limit : SIZE_MAX;
}

int csv_read(const char *text, size_t len, char delimiter, csv_row_fn on_row, void *context,
             csv_read_error *error)
{
    return csv_read_limited(text, len, delimiter, NULL, on_row, context, error);
}

int csv_read_limited(const char *text, size_t len, char delimiter, const csv_limits *limits,
                     csv_row_fn on_row, void *context, csv_read_error *error)
{
    error->limit = CSV_LIMIT_NONE;
    if (!usable_delimiter(delimiter)) {
        set_error(error, 1, 1, "unsupported delimiter 0x%02X: expected ',', ';' or a tab",
                  (unsigned char)delimiter);
        return -1;
    }
    reader r = {.text = text, .len = len, .on_row = on_row, .context = context};
    csv_limits none = {0, 0, 0};
    if (!limits)
        limits = &none;
    r.limits = (csv_limits){bound(limits->max_field_bytes), bound(limits->max_columns),
                            bound(limits->max_rows)};
    classify_bytes(r.byte_class, delimiter);
    r.next = r.field_start = (position){0, 1, 1};
    r.values = (buf)BUF_INIT;

    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0) {
        set_error(error, 1, 1, "cannot initialise the CSV parser");
        return -1;
    }
    csv_set_delim(&parser, (unsigned char)delimiter);
    csv_set_space_func(&parser, no_spaces);
    csv_set_realloc_func(&parser, xrealloc);
    csv_set_blk_size(&parser, FIRST_BLOCK);

    int rc = feed(&r, &parser, delimiter, error);

    csv_free(&parser);
    free(r.fields);
    free(r.value_offsets);
    buf_free(&r.values);
    return rc;
}

/* ---- delimiter detection ---- */

static size_t skip_blank_lines(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == '\r' || text[i] == '\n'))
        i++;
    return i;
}

char csv_detect_delimiter(const char *text, size_t len)
{
    size_t tabs = 0, semicolons = 0, commas = 0;
    bool quoted = false;
    for (size_t i = skip_blank_lines(text, len); i < len; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted; /* a doubled quote toggles twice: no change */
        else if (quoted)
            continue;
        else if (c == '\r' || c == '\n')
            break;
        else if (c == '\t')
            tabs++;
        else if (c == ';')
            semicolons++;
        else if (c == ',')
            commas++;
    }
    if (tabs + semicolons + commas == 0)
        return 0;
    if (tabs >= semicolons && tabs >= commas)
        return '\t';
    return semicolons >= commas ? ';' : ',';
}
