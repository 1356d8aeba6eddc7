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
    DATAPACKAGE_CHANGES,   /* data/province_changes.csv, when the provinces changed */
    DATAPACKAGE_TABLES
} datapackage_table;

#define DATAPACKAGE_FILE "data/datapackage.json"

/* The header line of `t`'s CSV (the field names, comma-separated, no line end). */
void datapackage_header(buf *out, datapackage_table t);

/* The descriptor of the open data of `r`: every table opendata.c writes for it. */
void datapackage_build(buf *out, const region *r);

#endif
