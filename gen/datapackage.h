/* datapackage.h - the open data's columns, described once: the CSV headers (opendata.c) and
 * data/datapackage.json, a Frictionless Data Package (profile tabular-data-package, Data
 * Package 1.0) naming every CSV with its fields, types, units, Vietnamese titles and
 * descriptions, its keys, the licence and the source.
 *
 * The column names stay the machine names scripts already read (plan_million_vnd, ...); the
 * Vietnamese a reader needs is in each field's `title` and `description`. The licence is
 * CC-BY-4.0: anyone may reuse the figures, also commercially, provided they name the source,
 * which keeps a quoted figure tied to the provinces' reports and to the notes that qualify it
 * (coverage, illustrative data); a public-domain dedication (ODC-PDDL) would drop that. */
#ifndef GEN_DATAPACKAGE_H
#define GEN_DATAPACKAGE_H

#include "buf.h"
#include "region.h"

typedef enum datapackage_table {
    DATAPACKAGE_REGION,    /* data/region.csv */
    DATAPACKAGE_PROVINCES, /* data/provinces.csv */
    DATAPACKAGE_CONTENTS,  /* data/contents.csv */
    DATAPACKAGE_PROJECTS,  /* data/projects.csv */
    DATAPACKAGE_PERIOD,    /* data/period.csv: the period and context.md's settings */
    DATAPACKAGE_CHANGES,   /* data/province_changes.csv, when the provinces changed */
    DATAPACKAGE_TABLES
} datapackage_table;

#define DATAPACKAGE_FILE "data/datapackage.json"
#define DATAPACKAGE_DEFAULT_PUBLISHER "Ban tổ chức Hội nghị khuyến công khu vực phía Nam"

/* The header line of `t`'s CSV (the field names, comma-separated, no line end). */
void datapackage_header(buf *out, datapackage_table t);

/* The descriptor of the open data of `r`: every table opendata.c writes for it. Its publisher
 * is context.md's issuer when the period has one, else DATAPACKAGE_DEFAULT_PUBLISHER. */
void datapackage_build(buf *out, const region *r);

/* A programme report's open data (out/CODE/data, programme_files.h): the same conventions,
 * other tables. */
typedef enum datapackage_programme_table {
    DATAPACKAGE_PROGRAMME_REGION,    /* data/region.csv: the programme by source */
    DATAPACKAGE_PROGRAMME_YEARS,     /* data/years.csv */
    DATAPACKAGE_PROGRAMME_PROVINCES, /* data/provinces.csv: today's provinces, territories left */
    DATAPACKAGE_PROGRAMME_CONTENTS,  /* data/contents.csv */
    DATAPACKAGE_PROGRAMME_TABLES
} datapackage_programme_table;

/* The header line of a programme table's CSV (no line end). */
void datapackage_programme_header(buf *out, datapackage_programme_table t);

/* The descriptor of programme `code` (named `name`, its years counted `span`): every table
 * programme_files.c writes; the publisher is DATAPACKAGE_DEFAULT_PUBLISHER. */
void datapackage_programme_build(buf *out, const char *code, const char *name, const char *span);

#endif
