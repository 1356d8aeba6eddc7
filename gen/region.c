#include "region.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "status.h"

/* Amounts are capped when read (number.h), so an overflow here means a broken invariant, not
 * bad input: stop rather than print a wrong total. */
static void add_checked(int64_t *sum, int64_t value)
{
    if (__builtin_add_overflow(*sum, value, sum)) {
        fputs("gen: fatal: a total overflows 64 bits\n", stderr);
        exit(EXIT_NOTHING_WRITTEN);
    }
}

static void add_figures(figures *sum, const figures *f)
{
    add_checked(&sum->plan, f->plan);
    add_checked(&sum->executed, f->executed);
    add_checked(&sum->establishments, f->establishments);
    add_checked(&sum->counterpart, f->counterpart);
    sum->lines += f->lines;
}

static void add_sums(figures *f, const line_sums *sums)
{
    add_figures(f, &(figures){sums->plan, sums->executed, sums->establishments, sums->counterpart,
                              sums->lines});
}

/* From the sums each submission keeps by source and by content (the same integers as adding
 * up its lines, in another order): the lines need not be in memory. */
static void add_current_submission(region *r, province_row *row, const submission *s)
{
    for (int src = 0; src < SOURCE_COUNT; src++) {
        add_sums(&row->by_source[src], &s->by_source[src]);
        add_sums(&row->total, &s->by_source[src]);
        add_sums(&r->by_source[src], &s->by_source[src]);
        add_sums(&r->total, &s->by_source[src]);
        for (size_t c = 0; c < r->n_contents && c < s->n_contents; c++) {
            const line_sums *sums = &s->by_content[c * SOURCE_COUNT + src];
            add_sums(&r->content_rows[c].by_source[src], sums);
            add_sums(&r->content_rows[c].total, sums);
        }
    }
}

/* The year before counts only in sums, which its submissions keep without their lines. */
static void add_previous_submission(region *r, province_row *row, const submission *s)
{
    for (int src = 0; src < SOURCE_COUNT; src++) {
        add_sums(&row->previous_total, &s->by_source[src]);
        add_sums(&r->previous_by_source[src], &s->by_source[src]);
        add_sums(&r->previous_total, &s->by_source[src]);
    }
}

region *region_new(const catalog *roster, const catalog *contents, const period *current,
                   const period *previous)
{
    region *r = xcalloc(1, sizeof *r);
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
    for (size_t p = 0; p < roster->count; p++) {
        province_row *row = &r->provinces[p];
        row->province = (int)p;
        row->state = current->state[p];
        if (current->accepted[p])
            add_current_submission(r, row, current->accepted[p]);
        row->previous_state = previous ? previous->state[p] : PROVINCE_MISSING;
        if (current->accepted[p] && previous && previous->accepted[p]) {
            add_previous_submission(r, row, previous->accepted[p]);
            add_figures(&r->comparable_total, &row->total);
            r->n_comparable++;
        }
    }
    return r;
}

void region_free(region *r)
{
    if (!r)
        return;
    free(r->provinces);
    free(r->content_rows);
    free(r);
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
