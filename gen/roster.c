#include "roster.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "day.h"
#include "fold.h"
#include "i18n.h"

bool roster_exists_on(const catalog_entry *e, int32_t day)
{
    return e->from <= day && day <= e->until;
}

/* The row named `text` (code, name or alias) that exists on `day`, or -1. */
static int find_on_day(const catalog *c, const char *text, int32_t day)
{
    char *folded = fold_name(text, strlen(text));
    int found = -1;
    for (size_t i = 0; i < c->n_names && found < 0; i++)
        if (catalog_same_name(c->names[i].folded, folded) &&
            roster_exists_on(&c->entries[c->names[i].entry], day))
            found = c->names[i].entry;
    free(folded);
    return found;
}

/* The first row whose code is `code`, on any day, or -1: the edges of a chain of successors
 * that do not resolve on their day, to tell a loop from a successor that does not exist. */
static int find_code(const catalog *c, const char *code)
{
    char *a = fold_name(code, strlen(code));
    int found = -1;
    for (size_t i = 0; i < c->count && found < 0; i++) {
        char *b = fold_name(c->entries[i].code, strlen(c->entries[i].code));
        if (catalog_same_name(a, b))
            found = (int)i;
        free(b);
    }
    free(a);
    return found;
}

static void describe_row(buf *out, const catalog_entry *e)
{
    buf_printf(out, "%s (%s)", e->name, e->code);
}

/* True when following successor codes from row `start` comes back to it; `path` then says
 * how ("Long An (80) -> Tây Ninh (81) -> Long An (80)"). */
static bool loops(const catalog *c, int start, buf *path)
{
    int cur = start;
    describe_row(path, &c->entries[start]);
    for (size_t step = 0; step <= c->count; step++) {
        const catalog_entry *e = &c->entries[cur];
        if (!e->successor)
            return false;
        int next = e->successor_entry >= 0 ? e->successor_entry : find_code(c, e->successor);
        if (next < 0)
            return false;
        buf_puts(path, " → ");
        describe_row(path, &c->entries[next]);
        if (next == start)
            return true;
        cur = next;
    }
    return false;
}

size_t roster_check(catalog *c, diag_list *diags)
{
    size_t errors = 0;
    /* Successors first: a loop is told by following them. */
    for (size_t i = 0; i < c->count; i++) {
        catalog_entry *e = &c->entries[i];
        if (e->successor && e->until != DAY_NONE_AFTER)
            e->successor_entry = find_on_day(c, e->successor, e->until + 1);
    }
    for (size_t i = 0; i < c->count; i++) {
        catalog_entry *e = &c->entries[i];
        buf until = BUF_INIT, next = BUF_INIT, path = BUF_INIT;
        if (e->until != DAY_NONE_AFTER) {
            day_format_iso(&until, e->until);
            day_format(&next, e->until + 1);
        }
        if (e->until == DAY_NONE_AFTER && (e->successor || e->successor_name)) {
            diag_add(diags, DIAG_ERROR, c->path, e->line,
                     e->column_successor ? e->column_successor : e->column_until,
                     "%s has a successor but no until; write the last day it exists in until",
                     e->name);
            errors++;
        } else if (e->until != DAY_NONE_AFTER && !e->successor && !e->successor_name) {
            diag_add(diags, DIAG_ERROR, c->path, e->line, e->column_until,
                     "until %s with no successor; write the code of the province that holds its "
                     "territory from %s in successor (and its name in successor_name when it is "
                     "outside the region)",
                     until.data, next.data);
            errors++;
        } else if (e->successor && e->successor_entry < 0 && loops(c, (int)i, &path)) {
            diag_add(diags, DIAG_ERROR, c->path, e->line, e->column_successor,
                     "the successors loop: %s; a chain of successors must end at a province "
                     "that exists or outside the region",
                     path.data);
            errors++;
        } else if (e->successor && e->successor_entry < 0 && !e->successor_name) {
            buf q = BUF_INIT;
            diag_quote(&q, e->successor, strlen(e->successor));
            diag_add(diags, DIAG_ERROR, c->path, e->line, e->column_successor,
                     "successor %s is no province of the roster on %s, the day after until; add "
                     "its row, or write its name in successor_name when it is outside the region",
                     q.data, next.data);
            buf_free(&q);
            errors++;
        }
        buf_free(&until);
        buf_free(&next);
        buf_free(&path);
    }
    return errors;
}

void roster_on_day(const catalog *full, int32_t day, catalog *view)
{
    memset(view, 0, sizeof *view);
    view->path = xstrdup(full->path);
    memcpy(view->sha256, full->sha256, sizeof view->sha256);
    view->has_history = full->has_history;
    view->day = day;
    view->full = full;
    int *index = xcalloc(full->count ? full->count : 1, sizeof *index);
    for (size_t i = 0; i < full->count; i++) {
        const catalog_entry *e = &full->entries[i];
        index[i] = -1;
        if (!roster_exists_on(e, day))
            continue;
        view->entries = xgrow(view->entries, &view->cap, view->count + 1, sizeof *view->entries);
        catalog_entry copy = *e;
        copy.code = xstrdup(e->code);
        copy.name = xstrdup(e->name);
        copy.successor = NULL;
        copy.successor_name = NULL;
        copy.row = (int)i;
        index[i] = (int)view->count;
        view->entries[view->count++] = copy;
    }
    for (size_t i = 0; i < full->n_names; i++) {
        int entry = index[full->names[i].entry];
        if (entry < 0)
            continue;
        view->names = xgrow(view->names, &view->names_cap, view->n_names + 1, sizeof *view->names);
        view->names[view->n_names++] = (catalog_name){xstrdup(full->names[i].folded), entry};
    }
    free(index);
}

roster_fate roster_follow(const catalog *full, int row, int32_t day)
{
    roster_fate f = {row, row, DAY_NONE_BEFORE};
    int cur = row;
    /* Each step goes to a row existing after the previous one's last day: no loop (checked). */
    for (size_t step = 0; step <= full->count; step++) {
        const catalog_entry *e = &full->entries[cur];
        if (roster_exists_on(e, day) || e->until >= day) {
            f.holder = roster_exists_on(e, day) ? cur : -1;
            return f;
        }
        f.last = cur;
        f.since = e->until + 1;
        if (e->successor_entry < 0) {
            f.holder = -1;
            return f;
        }
        cur = e->successor_entry;
    }
    f.holder = -1;
    return f;
}

/* The number of rows other than `holder` whose territory `holder` holds on `day`. */
static size_t absorbed(const catalog *full, int holder, int32_t day)
{
    size_t n = 0;
    for (size_t i = 0; i < full->count; i++)
        if ((int)i != holder && full->entries[i].from <= day &&
            roster_follow(full, (int)i, day).holder == holder)
            n++;
    return n;
}

bool roster_describe_absent(const catalog *view, const char *s, size_t len, buf *out)
{
    const catalog *full = view->full;
    if (!full || !full->has_history)
        return false;
    char *folded = fold_name(s, len);
    int best = -1;
    for (size_t i = 0; *folded && i < full->n_names; i++) {
        if (!catalog_same_name(full->names[i].folded, folded))
            continue;
        int r = full->names[i].entry;
        const catalog_entry *e = &full->entries[r];
        if (roster_exists_on(e, view->day))
            continue;
        /* The row closest in time: the latest that ended, else the first to begin. */
        if (best < 0) {
            best = r;
            continue;
        }
        const catalog_entry *b = &full->entries[best];
        bool e_ended = e->until < view->day, b_ended = b->until < view->day;
        if (e_ended != b_ended ? e_ended : e_ended ? e->until > b->until : e->from < b->from)
            best = r;
    }
    free(folded);
    if (best < 0)
        return false;
    const catalog_entry *e = &full->entries[best];
    describe_row(out, e);
    if (e->until >= view->day) {
        buf_puts(out, " " F_("exists only from") " ");
        day_format(out, e->from);
        return true;
    }
    buf_puts(out, " " F_("ceased to exist on") " ");
    day_format(out, e->until);
    roster_fate f = roster_follow(full, best, view->day);
    const catalog_entry *last = &full->entries[f.last];
    if (f.holder >= 0) {
        const catalog_entry *h = &full->entries[f.holder];
        bool merged = h->from < f.since || absorbed(full, f.holder, view->day) > 1;
        buf_printf(out, ": %s ", merged ? F_("merged into") : F_("became"));
        describe_row(out, h);
        buf_puts(out, " " F_("from") " ");
        day_format(out, f.since);
    } else {
        buf_printf(out, ": " F_("its territory went to") " %s",
                   last->successor_name ? last->successor_name : F_("a province"));
        if (last->successor)
            buf_printf(out, " (%s)", last->successor);
        buf_puts(out, ", " F_("outside the region, from") " ");
        day_format(out, f.since);
    }
    return true;
}
