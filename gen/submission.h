/* submission.h - one province's submission for one period: a CSV file read, validated and
 * turned into project lines, or rejected whole with every problem reported.
 *
 * A submission with any error is rejected: none of its lines count (the contract). Its
 * diagnostics go to the shared diag_list; the submission keeps counts and the first error so
 * that the briefing can say why a province is missing from the totals. */
#ifndef GEN_SUBMISSION_H
#define GEN_SUBMISSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "catalog.h"
#include "diag.h"
#include "digest.h"
#include "figures.h"

/* The two sources of khuyến công money. */
typedef enum source {
    SOURCE_KCQG, /* khuyến công quốc gia: the national programme */
    SOURCE_KCDP, /* khuyến công địa phương: the province's own budget */
    SOURCE_COUNT
} source;

/* "KCQG" / "KCĐP". */
const char *source_label(source s);

/* One project line. Money is in thousand đồng (see number.h). A national roll-up keeps a
 * million of them, so the fields are ordered to leave no padding. */
typedef struct project_line {
    const char *title; /* NFC, in the submission's arena */
    const char *note;  /* NFC, "" when absent; lines with the same note share it */
    int64_t plan;
    int64_t executed;
    int64_t counterpart;
    int32_t establishments; /* at most NUMBER_MAX_COUNT */
    int line;               /* physical line of the row in the file */
    int content;            /* index in the contents catalogue */
    source source;
} project_line;

/* What a submission keeps of its lines. The sums per source and per content are always kept. */
typedef enum submission_keep {
    SUBMISSION_KEEP_LINES, /* every line, in memory */
    SUBMISSION_KEEP_SUMS,  /* only the sums (the year before, for comparisons) */
    /* The sums, and a hash of the file's text so that submission_each_line can read the lines
     * again when they are written out: a national roll-up's million titles need not all be in
     * memory at once (the period that is rendered). */
    SUBMISSION_REREAD_LINES /* files of more than 512 KiB; smaller ones keep their lines */
} submission_keep;

typedef struct submission {
    char *path;       /* as given, shown in diagnostics */
    const char *name; /* inside the input folder ("2024-09/x.csv"), shown in published files;
                       * points into `path` (period.c sets it; `path` itself by default) */
    char sha256[DIGEST_HEX_SIZE]; /* of the bytes read; "" when the file could not be read */
    const char *encoding;
    char delimiter;
    int province;  /* roster index named by the rows, or -1 when none could be told */
    bool rejected; /* any error: none of the lines count */
    size_t errors;
    size_t warnings;
    char *first_error; /* "LINE:COLUMN: message" of the first error, NULL if none */
    submission_keep keep;
    /* With SUBMISSION_KEEP_LINES, every line; with SUBMISSION_REREAD_LINES, the first
     * SUBMISSION_HEAD_LINES only (what a province's page lists); none otherwise. */
    project_line *lines;
    size_t n_lines;
    size_t lines_cap;
    figures by_source[SOURCE_COUNT]; /* over every valid line; zero when rejected */
    figures *by_content;             /* [content * SOURCE_COUNT + source]; zero when rejected */
    size_t n_contents;
    arena strings;      /* the lines' titles and notes */
    uint64_t text_hash; /* of the decoded text, with SUBMISSION_REREAD_LINES */
} submission;

/* Reads and validates the submission at `path`, which must be a regular file (a symbolic link,
 * FIFO or device is an error, and is not opened or followed). Never returns NULL: a file that
 * cannot be read is a rejected submission. A file with more than a hundred errors is not
 * checked past the hundredth. */
submission *submission_read(const char *path, const catalog *roster, const catalog *contents,
                            diag_list *diags);
/* submission_read keeping only what `keep` says (the sums are always there). */
submission *submission_read_keeping(const char *path, const catalog *roster,
                                    const catalog *contents, submission_keep keep,
                                    diag_list *diags);
/* submission_read on the `len` bytes of a file already in memory, named `path` in diagnostics
 * (tests and fuzzing). */
submission *submission_read_bytes(const char *path, const unsigned char *bytes, size_t len,
                                  const catalog *roster, const catalog *contents, diag_list *diags);
/* Rejects a submission for a reason found outside it (two files for one province). */
void submission_reject(submission *s, diag_list *diags, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void submission_free(submission *s);

/* The number of lines that count (0 when rejected), whatever the submission keeps. */
size_t submission_line_count(const submission *s);

/* Called with each line in file order; `line` and its texts are valid during the call only.
 * Returns 0 to go on, or a non-zero value to stop. */
typedef int (*submission_line_fn)(void *context, const submission *s, const project_line *line);

/* Calls `fn` with every line of a submission that is not rejected, reading the file again when
 * it was read with SUBMISSION_REREAD_LINES (its diagnostics are not repeated). Returns 0, the
 * callback's non-zero value, or -1 after adding an error to `diags`: the file cannot be read,
 * or its text is no longer what was read the first time. Safe to call from several threads
 * on the same submission. */
int submission_each_line(const submission *s, const catalog *roster, const catalog *contents,
                         submission_line_fn fn, void *context, diag_list *diags);

/* The lines a submission read with SUBMISSION_REREAD_LINES keeps all the same: the first ones,
 * which a province's page lists, so that pages never read a national roll-up's files again. */
enum { SUBMISSION_HEAD_LINES = 500 };

/* Calls `fn` with the first `max` lines (at most SUBMISSION_HEAD_LINES) of a submission that is
 * not rejected and keeps its lines or its head, in file order, from memory. Returns 0 or the
 * callback's non-zero value. */
int submission_each_head_line(const submission *s, size_t max, submission_line_fn fn,
                              void *context);

#endif
