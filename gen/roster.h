/* roster.h - the roster over time: its checks, its view on a day, and where a province's
 * territory went (the contract's "Provinces over time").
 *
 * Each row of input/roster.csv exists from `from` to `until`. A row that ends names its
 * `successor`: the code of the row that holds its territory the next day, or, with
 * `successor_name`, a province outside the region. Following successors from a row leads to
 * the row holding its territory on a later day, or out of the region. */
#ifndef GEN_ROSTER_H
#define GEN_ROSTER_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "catalog.h"
#include "diag.h"

/* Checks the rows of a roster over time against each other, once every row is read: a row
 * that ends needs a successor (or successor_name), which must exist on the day after; a chain
 * of successors must not loop. Resolves every successor_entry. Returns the number of errors
 * added (roster.csv:LINE:COLUMN, at the offending cell). */
size_t roster_check(catalog *full, diag_list *diags);

/* True when row `e` exists on `day`. */
bool roster_exists_on(const catalog_entry *e, int32_t day);

/* The roster as it is on `day`: the rows existing that day, in file order, their codes, names
 * and aliases resolving that day; entries[i].row is the row's index in `full`. A view of a
 * roster without history is a copy of it. Free with catalog_free; `full` must outlive it. */
void roster_on_day(const catalog *full, int32_t day, catalog *view);

/* Where the territory of row `row` of `full` is on `day` (a day on or after the row began). */
typedef struct roster_fate {
    int holder;   /* the row holding it on `day`, or -1: it left the region */
    int last;     /* the last row of the chain before `holder` (or before it left); `row` itself
                     when it still exists on `day` */
    int32_t since; /* the day it passed to `holder` (or left); DAY_NONE_BEFORE when `row` itself
                      exists on `day` */
} roster_fate;

roster_fate roster_follow(const catalog *full, int row, int32_t day);

/* For a submission naming a province that is not in the view `view` but is a row of its full
 * roster on another day: appends to `out` what became of it (or when it begins), such as
 * "Long An (80) ceased to exist on 30/6/2025: merged into Tây Ninh (80) from 1/7/2025", and
 * returns true. False when nothing in the roster is so named. */
bool roster_describe_absent(const catalog *view, const char *s, size_t len, buf *out);

#endif
