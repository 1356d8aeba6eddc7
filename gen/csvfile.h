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
#include "number.h"
#include "text.h"

typedef struct csvfile {
    char *path; /* as shown in diagnostics */
    text text;
    char delimiter;
    number_style style; /* ';' files write 2.675,5; ',' and tab files 2675.5 */
} csvfile;

/* Reads and decodes `path` and detects its delimiter. Returns 0, or -1 after adding an error
 * to `diags` (unreadable, not UTF-8/UTF-16, no delimiter in the header). Either way the file
 * must be closed with csvfile_close. */
int csvfile_open(csvfile *f, const char *path, diag_list *diags);
void csvfile_close(csvfile *f);

/* Calls `on_row` for every row, blank ones included. Returns 0, the callback's non-zero value,
 * or -1 after adding an error for a malformed file (stray or unclosed quote). */
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
