/* csvread.h - RFC 4180 records with positions, on top of libcsv.
 *
 * libcsv does the parsing (strict mode: CSV_STRICT | CSV_STRICT_FINI) but reports no positions,
 * so this reader tracks the physical line and column of every field itself: the line is right
 * even after line breaks inside quoted fields, and a field's column is that of its first
 * character (the opening quote when quoted). Spaces are kept as they are (libcsv would trim
 * them). Blank lines are reported as rows of zero fields rather than vanishing. CRLF, LF and a
 * lone CR all end a physical line. */
#ifndef GEN_CSVREAD_H
#define GEN_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct csv_field {
    const char *text; /* the unquoted value, NUL-terminated; valid during the callback only */
    size_t len;
    int line;   /* 1-based physical line where the field starts */
    int column; /* 1-based column (characters) where the field starts */
    bool quoted;
} csv_field;

typedef struct csv_row {
    const csv_field *fields;
    size_t count; /* 0 for a blank line */
    int line;     /* physical line where the row starts */
    int column;   /* column just past the row's last character (where a missing field would be) */
} csv_row;

/* Called once per row; return 0 to go on, or a positive value to stop reading (csv_read returns
 * it; -1 is kept for malformed files). */
typedef int (*csv_row_fn)(void *context, const csv_row *row);

/* Bounds that keep a hostile file from costing unbounded memory or time; 0 means no bound. */
typedef struct csv_limits {
    size_t max_field_bytes; /* one field as written in the file, quotes included */
    size_t max_columns;     /* fields in one row */
    size_t max_rows;        /* rows, blank ones included */
} csv_limits;

/* Which bound a file passed, if any. */
typedef enum csv_limit {
    CSV_LIMIT_NONE,
    CSV_LIMIT_FIELD_BYTES,
    CSV_LIMIT_COLUMNS,
    CSV_LIMIT_ROWS
} csv_limit;

typedef struct csv_read_error {
    int line;
    int column;
    csv_limit limit;   /* CSV_LIMIT_NONE for a malformed file */
    char message[256]; /* e.g. `unexpected '"' inside an unquoted field; quote the whole field` */
    char message_vi[512]; /* the same in Vietnamese (i18n.h) */
} csv_read_error;

/* Reads `len` bytes of UTF-8 text (no BOM) separated by `delimiter` (',', ';' or '\t').
 * Returns 0 after the last row, the callback's non-zero value if it stopped, or -1 on a
 * malformed file (a stray quote, an unterminated quoted field) with `error` filled. */
int csv_read(const char *text, size_t len, char delimiter, csv_row_fn on_row, void *context,
             csv_read_error *error);
/* csv_read within `limits` (NULL: none). Passing one is an error (-1) like a malformed file: the
 * field, row or column past the bound is not delivered, and reading stops there. */
int csv_read_limited(const char *text, size_t len, char delimiter, const csv_limits *limits,
                     csv_row_fn on_row, void *context, csv_read_error *error);

/* Picks the delimiter from the first record (the header): the most frequent of tab, ';' and ','
 * outside quotes, a tie going to the earlier in that order. Returns 0 when the first record
 * holds none of them. */
char csv_detect_delimiter(const char *text, size_t len);

#endif
