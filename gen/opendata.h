/* opendata.h - the aggregated tables as open-data CSV files (data/ in each period folder):
 * region.csv, provinces.csv, contents.csv and projects.csv.
 *
 * UTF-8 with a byte-order mark (so Excel shows Vietnamese right), RFC 4180 (every text field
 * quoted, CRLF line ends), amounts in million VND with three decimals and '.' as the decimal
 * mark (machine-readable, exact to the thousand đồng), rates in percent with two decimals.
 * A text cell that starts with '=', '+', '-', '@', tab or CR is prefixed with an apostrophe,
 * as OWASP advises against CSV injection, so a spreadsheet never runs it as a formula. */
#ifndef GEN_OPENDATA_H
#define GEN_OPENDATA_H

#include "buf.h"
#include "diag.h"
#include "region.h"

/* The tables and the period's row, built in memory (a few kilobytes whatever the number of
 * lines): region.csv, provinces.csv, contents.csv, period.csv (the period's code, whether its
 * figures are illustrative, its label and last day, context.md's conference, place, date and
 * issuer) and, when the provinces changed since the year before, province_changes.csv (each
 * province of the previous period and the province that holds its territory now, or where it
 * went outside the region); last, datapackage.json describing them all and projects.csv
 * (datapackage.h). */
enum { OPENDATA_FILES = 6 };
#define OPENDATA_PERIOD "data/period.csv"

typedef struct opendata {
    const char *names[OPENDATA_FILES]; /* "data/region.csv", ... */
    buf files[OPENDATA_FILES];
    size_t count; /* the files built: 4 tables, or 5 with the changes, then datapackage.json */
} opendata;

void opendata_build(opendata *d, const region *r);
void opendata_free(opendata *d);

/* The project lines, one row each: hundreds of megabytes for a national roll-up, so written
 * straight to the file rather than built in memory. */
#define OPENDATA_PROJECTS "data/projects.csv"

/* Writes OPENDATA_PROJECTS of the region `context` at `path` (a publish.h output_writer).
 * Returns 0, or -1 after adding an error to `diags`. */
int opendata_write_projects(const char *path, const void *context, diag_list *diags);

#endif
