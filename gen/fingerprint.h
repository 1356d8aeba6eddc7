/* fingerprint.h - what a publication was made from, as one SHA-256.
 *
 * It is made of what the run read, under its lock, and nothing else: the program itself, the
 * settings that change what is read (a file refused under one limit may be read under another),
 * SOURCE_DATE_EPOCH, the roster and the catalogue, every submission of the period and of the
 * year before (by its path inside the input folder, and the SHA-256 of the bytes read), every
 * template the run read, and the run's diagnostics (skipped and refused files are in them, by
 * name). Files the run does not read (a scan, a stray note, a lock file) do not count, and
 * paths are named inside their folders, so the same inputs under another path give the same
 * fingerprint. When the fingerprint of a run equals the published one and the publication is
 * whole, nothing would change: the run says "up to date" and touches nothing. */
#ifndef GEN_FINGERPRINT_H
#define GEN_FINGERPRINT_H

#include "catalog.h"
#include "context.h"
#include "diag.h"
#include "digest.h"
#include "period.h"
#include "template.h"

typedef struct fingerprint_sources {
    const char *input_dir; /* what paths are named inside */
    const catalog *roster;
    const catalog *contents;
    const period *current;
    const period *previous; /* NULL when that folder does not exist */
    const template_set *templates;
    const diag_list *diagnostics;
    const char *settings; /* options that change what is read (the file limits), or NULL */
    const period_context *context; /* the period's context.md; NULL or not present: none */
    /* A programme report (programme.h): the periods of its years (`current` and `previous`
     * NULL) and input/programmes.csv, by its SHA-256. */
    const period *const *periods;
    size_t n_periods;
    const char *programmes_sha256;
} fingerprint_sources;

/* Fills `hex` with the fingerprint of `sources`. */
void fingerprint_compute(const fingerprint_sources *sources, char hex[DIGEST_HEX_SIZE]);

#endif
