/* sums.h - a publication's SHA256SUMS: the list of the files gen published in a period folder
 * and their SHA-256, in the format `sha256sum -c` reads ("HEX  NAME", names sorted).
 *
 * gen reads it back for two reasons: to tell its own files from anything a person put into a
 * published folder (guard.h), and to check that a publication it would call up to date is
 * still whole on disk (a deleted or damaged file makes the next run publish again). */
#ifndef GEN_SUMS_H
#define GEN_SUMS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "digest.h"

typedef struct sums_entry {
    char *name; /* path inside the period folder: "briefing.md", "data/provinces.csv" */
    char hex[DIGEST_HEX_SIZE];
} sums_entry;

typedef struct sums {
    sums_entry *entries;
    size_t count;
    size_t cap;
} sums;

/* Reads `path`. Returns 0, or -1 when it is missing, unreadable or not in the format gen
 * writes (then `*out` is empty). Free with sums_free either way. */
int sums_read(const char *path, sums *out);
void sums_free(sums *s);

/* True when `name` is listed. */
bool sums_lists(const sums *s, const char *name);
/* True when some listed name lies inside the folder `dir` ("data"). */
bool sums_lists_folder(const sums *s, const char *dir);

/* True when every listed file of folder `dir` exists and has its listed SHA-256. */
bool sums_verify(const sums *s, const char *dir);

#endif
