/* region.h - the region model: every figure the outputs state, computed in one place.
 *
 * Built from the current period and, when its folder exists, the same period one year
 * earlier. Sums are exact integers (thousand đồng); rates are ratios kept as numerator and
 * denominator and rounded only when printed (number.h). Renderers format this model and
 * compute nothing themselves. */
#ifndef GEN_REGION_H
#define GEN_REGION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "context.h"
#include "figures.h"
#include "period.h"
#include "submission.h"

/* A rate as an exact fraction; den == 0 means there is nothing to divide by (no plan, no
 * figure for last year), and the outputs show no number. */
typedef struct ratio {
    int64_t num;
    int64_t den;
} ratio;

typedef struct province_row {
    int province; /* roster index */
    province_state state;
    figures by_source[SOURCE_COUNT];
    figures total;
    /* Of its predecessors in the previous period (the provinces whose territory it holds now,
     * itself when it did not change): valid when all are; rejected when any is; else missing
     * (also when it has none, or there is no previous period). */
    province_state previous_state;
    /* Valid now and every predecessor valid (so the previous period exists and it has one):
     * the province counts in the comparisons with the year before, which are like for like. */
    bool comparable;
    figures previous_total; /* its predecessors' figures added up; zero unless comparable */
    size_t n_predecessors;
    /* Formed since the previous period from other provinces (a merger, a new name or code): its
     * predecessors are not just itself. */
    bool formed;
} province_row;

/* A province of the previous period, with the province of this period that holds its
 * territory (the contract's "Provinces over time"). */
typedef struct earlier_row {
    int province; /* index in the previous period's roster view */
    int holder;   /* index in this period's roster of the province holding its territory now,
                     or -1: the territory left the region */
    int32_t since; /* the day it passed to `holder` or left (day.h); DAY_NONE_BEFORE when it is
                      the same province still */
    const char *left_to_name; /* when it left: the name of the province it went into */
    const char *left_to_code; /* and its code, or NULL */
    province_state state;
    figures by_source[SOURCE_COUNT]; /* its figures then; zero unless valid */
    figures total;
} earlier_row;

typedef struct content_row {
    int content; /* index in the contents catalogue */
    figures by_source[SOURCE_COUNT];
    figures total;
} content_row;

/* How many provinces the rankings name at each end. */
enum { REGION_RANK_SHOWN = 3 };

typedef struct region {
    const catalog *roster;
    const catalog *contents;
    const period *current;
    const period *previous;  /* NULL when the folder one year earlier does not exist */
    province_row *provinces; /* roster order, one per roster entry */
    size_t n_provinces;
    content_row *content_rows; /* catalogue order, one per content */
    size_t n_contents;
    figures by_source[SOURCE_COUNT];
    figures total;
    /* Comparisons with the year before are like for like: over the provinces valid in both
     * periods only, so that a province missing in one year cannot pass for a fall or a rise.
     * With every province valid in both, these are the full totals. */
    size_t n_comparable;
    figures comparable_total;                 /* this period, comparable provinces */
    figures comparable_by_source[SOURCE_COUNT]; /* the same by source */
    figures previous_by_source[SOURCE_COUNT]; /* the year before, comparable provinces */
    figures previous_total;
    /* The previous period's provinces (its roster order) and where each went; NULL without a
     * previous period. `changed` when any of them is not simply a province of this period
     * under the same row: the outputs then show the change (n_formed provinces formed from
     * others, n_left provinces whose territory left the region); when false they are those of
     * a roster without history. */
    const catalog *previous_roster;
    earlier_row *earlier;
    size_t n_earlier;
    bool changed;
    size_t n_formed;
    size_t n_left;
    /* Rankings, as roster indices (n_provinces each). by_plan: valid provinces first, by plan
     * descending; by_rate: by execution rate descending, provinces without a plan (those not
     * valid among them) last. Ties in roster order. */
    int *by_plan;
    int *by_rate;
    /* The provinces that have a rate (valid, with a plan): the first n_rated of by_rate. The
     * leading ones are the first n_leading of by_rate (highest first), the lagging ones the
     * last n_lagging of the rated (lowest first in lagging[]); the two never overlap, and with
     * fewer than REGION_RANK_SHOWN + 1 rated provinces there are no lagging ones. */
    size_t n_rated;
    size_t n_leading;
    size_t n_lagging;
    int lagging[8]; /* roster indices, lowest rate first */
    /* What is left of the year plan: plan - executed (negative when more was executed than
     * planned), for the region and each source. */
    int64_t remaining;
    int64_t remaining_by_source[SOURCE_COUNT];
    /* The period's own text and settings (context.md); NULL when none are given. Set by the
     * caller after region_new. */
    const period_context *context;
    /* The run's diagnostics, for the outputs that list them (the annex); NULL when none are
     * given. Set by the caller after region_new. */
    const diag_list *diagnostics;
} region;

/* Aggregates the valid submissions of `current` (and `previous`, which may be NULL). The
 * previous period's figures are carried onto the current period's provinces through the
 * roster's successors when the periods were read with views of one roster over time
 * (period.roster); else province by province. The region keeps pointers to its arguments,
 * which must outlive it. */
region *region_new(const catalog *roster, const catalog *contents, const period *current,
                   const period *previous);
void region_free(region *r);

/* A province's executed / its executed of the same period a year earlier; den == 0 (no
 * figure) unless the province is comparable. */
ratio region_province_same_period_ratio(const province_row *row);

/* A province's year plan against its plan of the year before, (now - before) / before; den == 0
 * unless the province is comparable and had a plan the year before. */
ratio region_province_plan_change(const province_row *row);

/* A province's place by execution rate among the r->n_rated provinces that have one, 1 for
 * the highest; provinces whose rates are equal (exactly, not once rounded) share a place. 0
 * when the province has no rate (not valid, or no plan). */
size_t region_province_rank(const region *r, int province);

/* One content's figures in a province's counted submission, by source and in total; zero
 * when the province is not valid or reported nothing under that content. */
void region_province_content(const region *r, int province, int content,
                             figures by_source[SOURCE_COUNT], figures *total);

/* remaining / plan: the share of the year plan still to execute; den == 0 without a plan. */
ratio region_remaining_share(const region *r);

/* executed / plan. */
ratio figures_execution_rate(const figures *f);
/* executed / executed of the same period a year earlier. */
ratio figures_same_period_ratio(const figures *now, const figures *before);
/* (plan - plan a year earlier) / plan a year earlier. */
ratio figures_plan_change(const figures *now, const figures *before);

/* The share of the year elapsed at the end of the period: month / 12 (9 months: 75%). */
ratio region_year_elapsed(const region *r);

#endif
