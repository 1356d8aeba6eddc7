/* programme.h - programme reports: a programme period (input/programmes.csv, such as
 * 2021-2025) summed up over its years, across changes of the provinces (the contract's
 * "Programme reports").
 *
 * Each year of the programme counts its year-end period (YYYY-12) or, without it, the latest
 * period of that year that exists (said so); a year with no period is named as missing and
 * never filled in. Each year is one region (region.h: the figures are computed there, with the
 * year before as its comparison when both years are counted to the same month); this module
 * only adds the years' regions up: the totals, by content, and by province on the provinces of
 * the latest counted period, each earlier province carried to the province that holds its
 * territory then (roster.h), plus one row for each territory that left the region meanwhile,
 * so that the province table adds up to the totals. Money is in thousand đồng, exact; rates
 * are ratios rounded when printed. */
#ifndef GEN_PROGRAMME_H
#define GEN_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "diag.h"
#include "digest.h"
#include "figures.h"
#include "period.h"
#include "region.h"

/* One row of input/programmes.csv. */
typedef struct programme_def {
    char *code; /* "2021-2025": the folder out/CODE */
    char *name; /* "Chương trình khuyến công giai đoạn 2021-2025" */
    int first_year, last_year;
    int line;
} programme_def;

typedef struct programme_list {
    char *path;
    bool exists; /* false: no programmes.csv, no programme (not an error) */
    char sha256[DIGEST_HEX_SIZE];
    programme_def *items;
    size_t count, cap;
} programme_list;

/* The most years a programme may span. */
enum { PROGRAMME_MAX_YEARS = 50 };

/* Loads `path` (header code,name,first_year,last_year). A missing file is an empty list.
 * Returns 0, or -1 after adding errors (FILE:LINE:COLUMN) to `diags`: a code that cannot name
 * a folder (letters, digits, '-' and '_'; not a period name), a code twice, a year that is not
 * a whole number 1900-9999, last_year before first_year or more than PROGRAMME_MAX_YEARS
 * years. Free with programme_list_free either way. */
int programme_list_load(programme_list *l, const char *path, diag_list *diags);
void programme_list_free(programme_list *l);

/* The period counted for `year` among the sorted period names `names`: YEAR-12, else the
 * latest YEAR-MM. False when the year has none. */
bool programme_year_period(char *const *names, size_t n, int year, char out[8]);

/* One year of the programme. */
typedef struct programme_year {
    int year;
    bool present;        /* a period of the year exists and was read */
    bool year_end;       /* it is the year-end period */
    char period_name[8]; /* the period counted */
    period period;       /* read with the roster on its last day (period.roster) */
    catalog roster;      /* that view */
    region *region;      /* its figures; the year before as comparison when comparable */
    bool compared;       /* the year before is present and counted to the same month */
} programme_year;

/* A row of the province table: a province of the latest counted period, or a territory that
 * left the region before it. */
typedef struct programme_province {
    int province; /* index in the latest roster view, or -1: a territory that left */
    int row;      /* its row in the full roster (for one that left: its last row in the region) */
    figures by_source[SOURCE_COUNT];
    figures total;
    /* The earlier rows whose territory it holds (rows of the full roster other than its own),
     * and the last day one of them passed to it (DAY_NONE_BEFORE: none). */
    int *predecessors;
    size_t n_predecessors;
    int32_t since;
    /* Years (present ones) in which it, or a row whose territory it holds, was not valid:
     * each (year, full row, state). */
    struct programme_gap {
        int year;
        int row;
        province_state state;
    } *gaps;
    size_t n_gaps;
    size_t n_years; /* present years in which it or a predecessor existed in the region */
    /* Every present year of the programme, every row whose territory it holds valid. */
    bool complete;
} programme_province;

typedef struct programme {
    const programme_def *def;
    const catalog *full; /* the roster over time */
    const catalog *contents;
    programme_year *years; /* first_year .. last_year */
    size_t n_years;
    size_t n_present, n_year_end;
    int latest; /* index in years of the latest present year */
    figures by_source[SOURCE_COUNT];
    figures total;
    figures *content_by_source; /* [content * SOURCE_COUNT + source] */
    figures *content_total;     /* per content */
    size_t n_contents;
    programme_province *provinces; /* the latest roster's provinces, then those that left */
    size_t n_provinces;            /* rows in all */
    size_t n_current;              /* the first n_current are the latest roster's */
    /* Provinces of the latest roster that are complete, ranked by execution rate over the
     * programme, highest first (ties by roster order); indices into `provinces`. */
    int *ranking;
    size_t n_ranked;
    /* Every province valid in every year counted (the exit status: 0, else 3). */
    bool all_valid;
    /* And every year present and counted to its year-end period. */
    bool complete;
} programme;

/* Reads the years of `def` from `input_dir` (period folder names `names`, sorted) and adds them
 * up. `roster` is the roster over time, `contents` the catalogue. Returns NULL when no year of
 * the programme has a period (nothing to publish); *failed is set after an error reading a
 * folder (then NULL too). The periods' diagnostics go to `diags`. */
programme *programme_new(const programme_def *def, const char *input_dir, char *const *names,
                         size_t n_names, const catalog *roster, const catalog *contents,
                         diag_list *diags, bool *failed);
void programme_free(programme *p);

/* The year of the latest present year's period, its month. */
const programme_year *programme_latest(const programme *p);

/* A year's change against the year before, like for like (region.h): executed and plan of the
 * provinces valid in both years, carried onto this year's provinces; den == 0 when the year is
 * not compared. */
ratio programme_year_executed_change(const programme_year *y);
ratio programme_year_plan_change(const programme_year *y);
/* KCQG's share of the executed amount. */
ratio programme_kcqg_share(const figures by_source[SOURCE_COUNT]);

#endif
