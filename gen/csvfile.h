/* csvfile.h - a CSV file as gen reads it: bytes, then UTF-8 text, then the delimiter and the
 * number style it implies, then rows; with every problem reported as a diagnostic.
 *
 * Roster, catalogue and submissions are all read through here, so they accept the same
 * encodings and styles and report problems the same way. */
#ifndef GEN_CSVFILE_H
#define GEN_CSVFILE_H

#include <stdbool.h>

#include "csvread.h"
#include "diag.h"
#include "digest.h"
#include "number.h"
#include "text.h"

typedef struct csvfile {
    char *path; /* as shown in diagnostics */
    /* SHA-256 of the bytes read, "" when the file could not be read: what the publication's
     * fingerprint is made of, so that it is of exactly what this run read. */
    char sha256[DIGEST_HEX_SIZE];
    text text;
    char delimiter;
    number_style style; /* ';' files write 2.675,5; ',' and tab files 2675.5 */
} csvfile;

/* Bounds on what one file may cost, so that no file, however made, can exhaust memory or time.
 * The defaults are far above any real submission (a few kilobytes, a dozen columns, a few
 * hundred rows) and at Excel's own limits where it has them. */
typedef struct csvfile_limits {
    size_t max_file_bytes; /* refused before it is read */
    csv_limits csv;        /* field length, columns, rows: see csvread.h */
} csvfile_limits;

#define CSVFILE_MAX_FILE_BYTES ((size_t)16 << 20) /* 16 MiB */
#define CSVFILE_MAX_FIELD_BYTES                                                                    \
    ((size_t)256 << 10)                     /* 256 KiB: an Excel cell is 32767 characters          \
                                             */
#define CSVFILE_MAX_COLUMNS ((size_t)16384) /* Excel's last column, XFD */
#define CSVFILE_MAX_ROWS    ((size_t)100000)

/* The bounds every file of the run is read under: roster, catalogue and submissions alike. Set
 * once from the command line before anything is read; a process-wide setting spares every stage
 * from passing it along. Without a call, the defaults above apply. */
void csvfile_set_limits(const csvfile_limits *limits);
csvfile_limits csvfile_get_limits(void);

/* Reads and decodes `path` and detects its delimiter. Returns 0, or -1 after adding an error
 * to `diags` (unreadable, too large, neither UTF-8/UTF-16 nor Windows-1258, no delimiter in the
 * header); a file read as Windows-1258 gets a warning. Either way the file must be closed with
 * csvfile_close. Symbolic links are followed (the roster and catalogue may be links). */
int csvfile_open(csvfile *f, const char *path, diag_list *diags);
/* csvfile_open for a file that must be a regular file: a symbolic link, FIFO or device is an
 * error and is neither followed nor read (submissions: see text_read_file_limited). */
int csvfile_open_regular(csvfile *f, const char *path, diag_list *diags);
/* csvfile_open on bytes already in memory, named `path` in diagnostics (tests, fuzzing). */
int csvfile_open_bytes(csvfile *f, const char *path, const unsigned char *bytes, size_t len,
                       diag_list *diags);
void csvfile_close(csvfile *f);

/* Calls `on_row` for every row, blank ones included. Returns 0, the callback's non-zero value,
 * or -1 after adding an error for a malformed file (stray or unclosed quote) or one past the
 * limits. */
int csvfile_each_row(csvfile *f, csv_row_fn on_row, void *context, diag_list *diags);

/* A column a file may have: its key and the other names it is known by (';'-separated), all
 * compared folded (see fold.h). */
typedef struct column_spec {
    const char *key;
    const char *aliases;
    bool required;
} column_spec;

/* Maps the header row onto `specs`: column_of[i] is the field index of specs[i], or -1.
 * An unknown column is a warning; a column named twice and a missing required column are
 * errors. Returns the number of errors added. */
size_t csvfile_map_header(const csvfile *f, const csv_row *header, const column_spec *specs,
                          size_t n_specs, int *column_of, diag_list *diags);

/* The field of `row` at `column`, or NULL when the row is shorter or column is -1. */
const csv_field *csvfile_cell(const csv_row *row, int column);

/* True when a row has no field or only fields of spaces: Excel writes such rows below data. */
bool csvfile_row_is_blank(const csv_row *row);

#endif
