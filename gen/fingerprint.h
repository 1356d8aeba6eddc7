/* fingerprint.h - what a publication was made from, as one SHA-256.
 *
 * It covers the program itself, the roster, the catalogue, every file of the templates folder,
 * of the period folder and of the folder one year earlier (names and bytes), the settings that
 * change what is read (a file refused under one limit may be read under another), and
 * SOURCE_DATE_EPOCH. When the fingerprint of a run equals the published one, nothing would
 * change: the run says "up to date" and touches nothing (not even a modification time). */
#ifndef GEN_FINGERPRINT_H
#define GEN_FINGERPRINT_H

#include "diag.h"
#include "digest.h"

typedef struct fingerprint_sources {
    const char *input_dir;
    const char *period;
    const char *previous_period; /* NULL when that folder does not exist */
    const char *templates_dir;
    const char *settings; /* options that change what is read (the file limits), or NULL */
} fingerprint_sources;

/* Returns 0 and fills `hex`, or -1 after an error (an input that cannot be read). */
int fingerprint_compute(const fingerprint_sources *sources, char hex[DIGEST_HEX_SIZE],
                        diag_list *diags);

#endif
