/* catalog.h - reference lists that submissions name things from: the roster of provinces
 * (input/roster.csv: code,name,aliases and, for provinces that change, from,until,successor,
 * successor_name) and the catalogue of contents (input/contents.csv: code,name).
 *
 * An entry is found by its code, its name or one of its aliases, compared folded (fold.h);
 * a code written as a number also matches without leading zeros ("4" finds content "04").
 *
 * The roster describes the provinces over time: a row exists from `from` to `until`
 * (inclusive; empty: since always, still). A period reads a view of the roster on its last
 * day (roster.h: roster_on_day), whose entries are the rows existing that day and whose codes
 * and names resolve that day. A roster without the four columns has every row always. */
#ifndef GEN_CATALOG_H
#define GEN_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "digest.h"

typedef struct catalog_entry {
    char *code; /* as written in the file, NFC */
    char *name; /* NFC */
    /* The roster over time (day.h days; DAY_NONE_BEFORE / DAY_NONE_AFTER when empty). */
    int32_t from;
    int32_t until;
    char *successor;      /* code of the province holding its territory on until+1, or NULL */
    char *successor_name; /* that province's name when outside the roster, or NULL */
    int successor_entry;  /* the row `successor` resolves to on until+1 (full roster), or -1 */
    int row;              /* the row's index in the full roster (itself in the full roster) */
    int line;             /* line of the row in the file */
    int column_from, column_until, column_successor; /* positions of those cells, 0 if none */
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
    bool has_history;    /* the roster has any of the columns from, until, successor */
    int32_t day;         /* a view: the day it is of; else 0 */
    const struct catalog *full; /* a view: the roster it is a view of; else NULL */
} catalog;

typedef enum catalog_kind {
    CATALOG_ROSTER,  /* header code,name,aliases */
    CATALOG_CONTENTS /* header code,name */
} catalog_kind;

/* Loads a catalogue. Returns 0, or -1 after adding errors to `diags` (unreadable, malformed,
 * empty, a code twice, a name or alias that would match two entries; for a roster over time,
 * the contradictions roster.h lists). Free with catalog_free either way. */
int catalog_load(catalog *c, const char *path, catalog_kind kind, diag_list *diags);
/* True when two folded spellings name the same thing (codes compared as numbers). */
bool catalog_same_name(const char *a, const char *b);
/* The index of the entry `len` bytes of text name, or -1. */
int catalog_find(const catalog *c, const char *s, size_t len);
void catalog_free(catalog *c);

#endif
