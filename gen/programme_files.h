/* programme_files.h - the programme report's open data and Excel annex (the CSV files of out/CODE/data,
 * out/CODE/annex.xlsx), formatted from the programme (programme.h); nothing is computed here
 * but the cells' stored results, which are the programme's own figures.
 *
 * The open data follow the periods' conventions (opendata.h): UTF-8 with a byte-order mark,
 * RFC 4180, CRLF, amounts in million VND with three decimals and '.', rates in percent with two
 * decimals, text that starts like a formula prefixed with an apostrophe. The annex is in
 * million VND (triệu đồng), as the contract says of annexes; every total is a SUM formula and
 * every rate a division, each stored with the exact result, so that viewers that do not
 * recalculate show it. Its bytes depend on the input only (dated SOURCE_DATE_EPOCH, else the
 * latest period's last day). */
#ifndef GEN_PROGRAMME_FILES_H
#define GEN_PROGRAMME_FILES_H

#include "buf.h"
#include "diag.h"
#include "programme.h"

enum { PROGRAMME_DATA_FILES = 5 };

typedef struct programme_data {
    const char *names[PROGRAMME_DATA_FILES]; /* "data/years.csv", ... */
    buf files[PROGRAMME_DATA_FILES];
    size_t count;
} programme_data;

/* data/region.csv (by source), data/years.csv, data/provinces.csv, data/contents.csv, and
 * data/datapackage.json describing them (datapackage.h). */
void programme_data_build(programme_data *d, const programme *p);
void programme_data_free(programme_data *d);

/* Writes the annex of the programme `context` at `path` (a publish.h output_writer). */
int programme_annex_writer(const char *path, const void *context, diag_list *diags);

#endif
