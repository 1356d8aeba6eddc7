/* publish.h - writing the outputs of a run so that readers never see half of it.
 *
 * Everything is rendered in memory first; publish writes each file beside its final name,
 * flushes it to disk, and only when all are complete renames them into place. A run that
 * fails before that point leaves the earlier outputs exactly as they were. */
#ifndef GEN_PUBLISH_H
#define GEN_PUBLISH_H

#include <stddef.h>

#include "diag.h"

/* Writes a whole output file at `path` (a temporary name beside the final one), for outputs
 * made by a library that writes files itself (the xlsx annex). Returns 0, or -1 after adding
 * an error to `diags`. */
typedef int (*output_writer)(const char *path, const void *context, diag_list *diags);

typedef struct output_file {
    const char *name; /* file name inside the period folder, e.g. "briefing.md" */
    const char *data; /* the bytes, when `write` is NULL */
    size_t len;
    output_writer write; /* else: called to write the file */
    const void *context;
} output_file;

/* Writes `files` into out_dir/period/ (creating folders as needed). Returns 0, or -1 after an
 * error, having removed its temporary files. */
int publish_files(const char *out_dir, const char *period, const output_file *files, size_t n,
                  diag_list *diags);

#endif
