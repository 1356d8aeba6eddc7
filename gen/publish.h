/* publish.h - putting a run's outputs where journalists download them, so that nothing they
 * fetch is ever half-written, and so that two runs never interleave.
 *
 * A period is published as a whole folder: every file is written into a fresh folder beside
 * the published one (out/.PERIOD.new-XXXXXX), flushed to disk with SHA256SUMS and the run's
 * fingerprint, and only then swapped with out/PERIOD in one renameat2(RENAME_EXCHANGE) (or
 * renamed into place the first time). A run killed at any instant leaves the previous folder
 * whole; the leftovers of a killed run are removed by the next one. A file given as bytes that
 * the folder replaced holds already, byte for byte, is linked from it rather than written and
 * flushed again: the swap then frees nothing of it. */
#ifndef GEN_PUBLISH_H
#define GEN_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "digest.h"

/* Writes a whole output file at `path`, for outputs made by a library that writes files itself
 * (the xlsx annex) or too large to build in memory. Returns 0, or -1 after adding an error to
 * `diags`. Writers run on one of two threads beside the other files, so they only read what
 * they share. */
typedef int (*output_writer)(const char *path, const void *context, diag_list *diags);

/* The bytes of a file made on another thread (a chart's picture), once made: NULL after adding
 * an error to `diags`. They stay valid until the publication is over. */
typedef const char *(*output_bytes)(const void *context, size_t *len, diag_list *diags);

typedef struct output_file {
    const char *name; /* path inside the period folder: "briefing.md", "data/provinces.csv" */
    const char *data; /* the bytes, when `write` and `bytes` are NULL */
    size_t len;
    output_writer write; /* or: called to write the file */
    const void *context;
    output_bytes bytes; /* or: called for the bytes (with `context`) */
} output_file;

/* A file of `len` bytes `data`. */
static inline output_file output_data(const char *name, const char *data, size_t len)
{
    return (output_file){name, data, len, NULL, NULL, NULL};
}

/* A file `write` writes, given `context`. */
static inline output_file output_written(const char *name, output_writer write, const void *context)
{
    return (output_file){name, NULL, 0, write, context, NULL};
}

/* A file whose bytes `bytes` gives, given `context`. */
static inline output_file output_made(const char *name, output_bytes bytes, const void *context)
{
    return (output_file){name, NULL, 0, NULL, context, bytes};
}

/* The name of the file, in each period folder, listing every other file's SHA-256. */
#define PUBLISH_SUMS_FILE "SHA256SUMS"

/* Publishes `files` as out_dir/period, with SHA256SUMS and `fingerprint` (see fingerprint.h),
 * every file readable by all (0644, folders 0755) whatever the umask. Refuses (guard.h) to
 * replace a folder gen did not publish. Returns 0, or -1 after an error, the published folder
 * untouched. */
int publish_period(const char *out_dir, const char *period, const output_file *files, size_t n,
                   const char *fingerprint, diag_list *diags);

/* True when out_dir/period was published from `fingerprint` and is still whole: every file its
 * SHA256SUMS lists exists with that SHA-256 (a deleted or damaged file is published again). */
bool publish_is_current(const char *out_dir, const char *period,
                        const char fingerprint[DIGEST_HEX_SIZE]);

/* Writes one file of out_dir itself (the download index) by write-beside-then-rename, unless it
 * already holds exactly these bytes: then it is left alone, modification time included. */
int publish_top_file(const char *out_dir, const char *name, const char *data, size_t len,
                     diag_list *diags);

/* Takes the run lock, out_dir/.lock (flock), creating out_dir (0755) if needed; waits up to
 * `wait_seconds` for another run to finish; then removes what killed runs left (staging
 * folders). Everything a run reads is read after this, so that what it publishes, and the
 * fingerprint it publishes it under, are of the same inputs. Returns the lock's descriptor, or
 * -1 after an error saying that another run holds it. */
int publish_lock(const char *out_dir, int wait_seconds, diag_list *diags);
void publish_unlock(int lock);

#endif
