/* guard.h - what gen may touch, checked before it touches anything.
 *
 * gen writes only inside the output folder, and there replaces or removes only what it
 * published itself: a period folder that holds its `.fingerprint` and nothing its SHA256SUMS
 * does not list, and an index.html in a folder that holds its `.lock`. Anything else (a folder
 * a person made, a note put into a publication, the input folder given as -o by mistake) stops
 * the run with exit 2 before a byte is written, and the message says what to move. */
#ifndef GEN_GUARD_H
#define GEN_GUARD_H

#include "diag.h"

/* The file in every period folder gen publishes: the fingerprint of what it was made from
 * (fingerprint.h), and the mark that the folder is gen's. */
#define GUARD_PUBLICATION_MARK ".fingerprint"
/* The run lock in the output folder (publish.h); its presence marks the folder as one gen has
 * published into, so that an index.html there is gen's. */
#define GUARD_LOCK_FILE ".lock"

/* Refuses an output folder that is, contains, or lies inside `input_dir` or `templates_dir`
 * (compared as real paths, links resolved; the output folder need not exist yet). Returns 0,
 * or -1 after an error. */
int guard_out_dir(const char *out_dir, const char *input_dir, const char *templates_dir,
                  diag_list *diags);

/* Refuses to replace out_dir/`name` (the download index) when it exists and out_dir holds no
 * lock file: it was not written by gen. Returns 0, or -1 after an error. */
int guard_top_file(const char *out_dir, const char *name, diag_list *diags);

/* Refuses to replace out_dir/`period` unless it does not exist, or is a folder gen published:
 * its publication mark present and every entry listed in its SHA256SUMS (files gen wrote
 * missing or damaged are fine: they are about to be replaced). Returns 0, or -1 after an error
 * naming the first entry that is not gen's. */
int guard_period_folder(const char *out_dir, const char *period, diag_list *diags);

#endif
