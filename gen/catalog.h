/* catalog.h - reference lists that submissions name things from: the roster of provinces
 * (input/roster.csv: code,name,aliases) and the catalogue of contents (input/contents.csv:
 * code,name).
 *
 * An entry is found by its code, its name or one of its aliases, compared folded (fold.h);
 * a code written as a number also matches without leading zeros ("4" finds content "04"). */
#ifndef GEN_CATALOG_H
#define GEN_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "digest.h"

typedef struct catalog_entry {
    char *code; /* as written in the file, NFC */
    char *name; /* NFC */
} catalog_entry;

typedef struct catalog_name {
    char *folded;
    int entry;
} catalog_name;

typedef struct catalog {
    char *path;
    char sha256[DIGEST_HEX_SIZE]; /* of the bytes read: the publication's fingerprint has it */
    catalog_entry *entries;
    size_t count;
    size_t cap;
    catalog_name *names; /* every code, name and alias, folded */
    size_t n_names;
    size_t names_cap;
} catalog;

typedef enum catalog_kind {
    CATALOG_ROSTER,  /* header code,name,aliases */
    CATALOG_CONTENTS /* header code,name */
} catalog_kind;

/* Loads a catalogue. Returns 0, or -1 after adding errors to `diags` (unreadable, malformed,
 * empty, a code twice, a name or alias that would match two entries). Free with catalog_free
 * either way. */
int catalog_load(catalog *c, const char *path, catalog_kind kind, diag_list *diags);
/* The index of the entry `len` bytes of text name, or -1. */
int catalog_find(const catalog *c, const char *s, size_t len);
void catalog_free(catalog *c);

#endif
