#include "region.h"

#include <stdlib.h>

#include "alloc.h"
#include "day.h"
#include "roster.h"

/* From the sums each submission keeps by source and by content (the same integers as adding
 * up its lines, in another order): the lines need not be in memory. */
static void add_current_submission(region *r, province_row *row, const submission *s)
{
    for (int src = 0; src < SOURCE_COUNT; src++) {
        figures_add(&row->by_source[src], &s->by_source[src]);
        figures_add(&row->total, &s->by_source[src]);
        figures_add(&r->by_source[src], &s->by_source[src]);
        figures_add(&r->total, &s->by_source[src]);
        for (size_t c = 0; c < r->n_contents && c < s->n_contents; c++) {
            const figures *sums = &s->by_content[c * SOURCE_COUNT + src];
            figures_add(&r->content_rows[c].by_source[src], sums);
            figures_add(&r->content_rows[c].total, sums);
        }
    }
}

/* The index in `view` of its entry for row `row` of the full roster, or -1. */
static int view_index(const catalog *view, int row)
{
    for (size_t i = 0; i < view->count; i++)
        if (view->entries[i].row == row)
            return (int)i;
    return -1;
}

/* Where the territory of each province of the previous period is now: followed through the
 * successors of the roster over time when both periods are views of one roster, else the same
 * province (the same roster). The year before counts only in sums, which its submissions keep
 * without their lines. */
static void place_earlier(region *r, const period *previous)
{
    const catalog *then = previous->roster ? previous->roster : r->roster;
    const catalog *full = r->roster->full;
    bool over_time = full && then->full == full;
    r->previous_roster = then;
    r->n_earlier = then->count;
    r->earlier = xcalloc(then->count ? then->count : 1, sizeof *r->earlier);
    for (size_t i = 0; i < then->count; i++) {
        earlier_row *e = &r->earlier[i];
        e->province = (int)i;
        e->state = i < previous->n_roster ? previous->state[i] : PROVINCE_MISSING;
        e->since = DAY_NONE_BEFORE;
        const submission *s = i < previous->n_roster ? previous->accepted[i] : NULL;
        for (int src = 0; s && src < SOURCE_COUNT; src++) {
            figures_add(&e->by_source[src], &s->by_source[src]);
            figures_add(&e->total, &s->by_source[src]);
        }
        if (!over_time) {
            e->holder = then == r->roster && i < r->n_provinces ? (int)i : -1;
            continue;
        }
        int row = then->entries[i].row;
        roster_fate f = roster_follow(full, row, r->roster->day);
        e->holder = f.holder >= 0 ? view_index(r->roster, f.holder) : -1;
        e->since = f.since;
        if (f.holder < 0) {
            e->left_to_name = full->entries[f.last].successor_name;
            e->left_to_code = full->entries[f.last].successor;
            r->n_left++;
        }
    }
}

/* A province's predecessors, their state and their figures; the region's comparisons over the
 * comparable provinces. */
static void compare_province(region *r, province_row *row, bool over_time)
{
    bool all_valid = true, any_rejected = false;
    for (size_t i = 0; i < r->n_earlier; i++) {
        const earlier_row *e = &r->earlier[i];
        if (e->holder != row->province)
            continue;
        row->n_predecessors++;
        all_valid &= e->state == PROVINCE_VALID;
        any_rejected |= e->state == PROVINCE_REJECTED;
        if (over_time && r->previous_roster->entries[i].row != r->roster->entries[row->province].row)
            row->formed = true;
    }
    row->previous_state = row->n_predecessors == 0 ? PROVINCE_MISSING
                          : all_valid             ? PROVINCE_VALID
                          : any_rejected          ? PROVINCE_REJECTED
                                                  : PROVINCE_MISSING;
    row->comparable = row->state == PROVINCE_VALID && row->n_predecessors > 0 && all_valid;
    if (over_time && row->n_predecessors == 0)
        r->changed = true; /* a province that joined the region */
    if (row->formed) {
        r->changed = true;
        r->n_formed++;
    }
    if (!row->comparable)
        return;
    for (size_t i = 0; i < r->n_earlier; i++) {
        const earlier_row *e = &r->earlier[i];
        if (e->holder != row->province)
            continue;
        for (int src = 0; src < SOURCE_COUNT; src++) {
            figures_add(&row->previous_total, &e->by_source[src]);
            figures_add(&r->previous_by_source[src], &e->by_source[src]);
            figures_add(&r->previous_total, &e->by_source[src]);
        }
    }
    figures_add(&r->comparable_total, &row->total);
    for (int src = 0; src < SOURCE_COUNT; src++)
        figures_add(&r->comparable_by_source[src], &row->by_source[src]);
    r->n_comparable++;
}

/* Orders of provinces for the charts. The comparators see rows, not indices, so that they need
 * no region (qsort has no context argument); ties go by roster index, so the order does not
 * depend on how qsort treats equal elements. */
static int by_index(const province_row *a, const province_row *b)
{
    return (a->province > b->province) - (a->province < b->province);
}

static int by_plan_descending(const void *x, const void *y)
{
    const province_row *a = *(const province_row *const *)x, *b = *(const province_row *const *)y;
    bool va = a->state == PROVINCE_VALID, vb = b->state == PROVINCE_VALID;
    if (va != vb)
        return va ? -1 : 1;
    if (a->total.plan != b->total.plan)
        return a->total.plan > b->total.plan ? -1 : 1;
    return by_index(a, b);
}

/* Compares execution rates exactly: a/b > c/d  <=>  a*d > c*b (plans are positive); provinces
 * without a plan (among them those not valid, whose figures are zero) come last. */
static int rate_descending(const figures *fa, const figures *fb)
{
    if (fa->plan == 0 || fb->plan == 0)
        return (fa->plan == 0) - (fb->plan == 0);
    __extension__ __int128 left = (__int128)fa->executed * fb->plan;
    __extension__ __int128 right = (__int128)fb->executed * fa->plan;
    return (left < right) - (left > right);
}

static int by_rate_descending(const void *x, const void *y)
{
    const province_row *a = *(const province_row *const *)x, *b = *(const province_row *const *)y;
    int order = rate_descending(&a->total, &b->total);
    return order ? order : by_index(a, b);
}

/* The roster indices of the provinces in the order `order` gives. */
static int *ranking(const region *r, int (*order)(const void *, const void *))
{
    const province_row **rows = xcalloc(r->n_provinces ? r->n_provinces : 1, sizeof *rows);
    for (size_t i = 0; i < r->n_provinces; i++)
        rows[i] = &r->provinces[i];
    if (r->n_provinces > 1) /* qsort must not be given NULL, even for no element */
        qsort(rows, r->n_provinces, sizeof *rows, order);
    int *indices = xcalloc(r->n_provinces ? r->n_provinces : 1, sizeof *indices);
    for (size_t i = 0; i < r->n_provinces; i++)
        indices[i] = rows[i]->province;
    free(rows);
    return indices;
}

/* The leading and lagging provinces by execution rate (region.h). */
static void rank_ends(region *r)
{
    while (r->n_rated < r->n_provinces &&
           r->provinces[r->by_rate[r->n_rated]].state == PROVINCE_VALID &&
           r->provinces[r->by_rate[r->n_rated]].total.plan > 0)
        r->n_rated++;
    r->n_leading = r->n_rated < REGION_RANK_SHOWN ? r->n_rated : REGION_RANK_SHOWN;
    size_t rest = r->n_rated - r->n_leading;
    r->n_lagging = rest < REGION_RANK_SHOWN ? rest : REGION_RANK_SHOWN;
    for (size_t i = 0; i < r->n_lagging; i++)
        r->lagging[i] = r->by_rate[r->n_rated - 1 - i];
}

region *region_new(const catalog *roster, const catalog *contents, const period *current,
                   const period *previous)
{
    region *r = xcalloc(1, sizeof *r);
    if (current->roster)
        roster = current->roster; /* the roster on the period's last day */
    r->roster = roster;
    r->contents = contents;
    r->current = current;
    r->previous = previous;
    r->n_provinces = roster->count;
    r->provinces = xcalloc(roster->count, sizeof *r->provinces);
    r->n_contents = contents->count;
    r->content_rows = xcalloc(contents->count, sizeof *r->content_rows);
    for (size_t c = 0; c < contents->count; c++)
        r->content_rows[c].content = (int)c;
    if (previous)
        place_earlier(r, previous);
    bool over_time = previous && r->previous_roster != roster && roster->full &&
                     r->previous_roster->full == roster->full;
    r->changed = r->n_left > 0;
    for (size_t p = 0; p < roster->count; p++) {
        province_row *row = &r->provinces[p];
        row->province = (int)p;
        row->state = current->state[p];
        if (current->accepted[p])
            add_current_submission(r, row, current->accepted[p]);
        row->previous_state = PROVINCE_MISSING;
        if (previous)
            compare_province(r, row, over_time);
    }
    r->by_plan = ranking(r, by_plan_descending);
    r->by_rate = ranking(r, by_rate_descending);
    rank_ends(r);
    r->remaining = r->total.plan - r->total.executed;
    for (int src = 0; src < SOURCE_COUNT; src++)
        r->remaining_by_source[src] = r->by_source[src].plan - r->by_source[src].executed;
    return r;
}

void region_free(region *r)
{
    if (!r)
        return;
    free(r->by_plan);
    free(r->by_rate);
    free(r->provinces);
    free(r->content_rows);
    free(r->earlier);
    free(r);
}

ratio region_province_same_period_ratio(const province_row *row)
{
    return row->comparable ? figures_same_period_ratio(&row->total, &row->previous_total)
                           : (ratio){0, 0};
}

ratio figures_execution_rate(const figures *f)
{
    return (ratio){f->executed, f->plan};
}

ratio figures_same_period_ratio(const figures *now, const figures *before)
{
    return (ratio){now->executed, before->executed};
}

ratio figures_plan_change(const figures *now, const figures *before)
{
    return (ratio){now->plan - before->plan, before->plan};
}

ratio region_year_elapsed(const region *r)
{
    return (ratio){r->current->month, 12};
}

ratio region_province_plan_change(const province_row *row)
{
    if (!row->comparable || row->previous_total.plan == 0)
        return (ratio){0, 0};
    return figures_plan_change(&row->total, &row->previous_total);
}

ratio region_remaining_share(const region *r)
{
    return (ratio){r->remaining, r->total.plan};
}

size_t region_province_rank(const region *r, int province)
{
    const figures *own = &r->provinces[province].total;
    for (size_t i = 0; i < r->n_rated; i++) {
        if (r->by_rate[i] != province)
            continue;
        size_t place = i; /* shared with the rated above it at the same rate */
        while (place > 0 && rate_descending(&r->provinces[r->by_rate[place - 1]].total, own) == 0)
            place--;
        return place + 1;
    }
    return 0;
}

void region_province_content(const region *r, int province, int content,
                             figures by_source[SOURCE_COUNT], figures *total)
{
    *total = (figures){0};
    const submission *s = r->current->accepted[province];
    for (int src = 0; src < SOURCE_COUNT; src++) {
        by_source[src] = s ? s->by_content[(size_t)content * SOURCE_COUNT + (size_t)src]
                           : (figures){0};
        figures_add(total, &by_source[src]);
    }
}
