#include "plausibility.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "number.h"

/* The lines of the file being read, as hashes of every field, to find a line given twice. */
typedef struct seen {
    uint64_t hash;
    int line;
} seen;

struct plausibility {
    const region *r;
    plausibility_note *notes;
    size_t count, cap;
    size_t found[PLAUSIBILITY_KIND_COUNT]; /* notes of lines of each kind, listed or not */
    const submission *file;                /* the file whose lines `seen` holds */
    seen *seen;
    size_t n_seen, seen_cap; /* seen_cap a power of two, or 0 */
};

plausibility *plausibility_new(const region *r)
{
    plausibility *p = xcalloc(1, sizeof *p);
    p->r = r;
    return p;
}

static plausibility_note *add_note(plausibility *p, plausibility_kind kind, int province)
{
    if (p->count == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 32;
        p->notes = xrealloc(p->notes, p->cap * sizeof *p->notes);
    }
    plausibility_note *n = &p->notes[p->count++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->province = province;
    return n;
}

/* A note of a line, when fewer than PLAUSIBILITY_LINE_NOTES_MAX of its kind are listed. */
static plausibility_note *line_note(plausibility *p, plausibility_kind kind, const submission *s,
                                    const project_line *l)
{
    if (p->found[kind]++ >= PLAUSIBILITY_LINE_NOTES_MAX)
        return NULL;
    plausibility_note *n = add_note(p, kind, s->province);
    n->file = s->name;
    n->line = l->line;
    n->title = xstrdup(l->title);
    return n;
}

/* FNV-1a, 64 bits, over the bytes of every field of the line. */
static uint64_t mix(uint64_t h, const void *data, size_t len)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t line_hash(const project_line *l)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = mix(h, l->title, strlen(l->title) + 1);
    h = mix(h, l->note, strlen(l->note) + 1);
    int64_t amounts[] = {l->plan, l->executed, l->counterpart, l->establishments, l->content,
                         l->source};
    return mix(h, amounts, sizeof amounts);
}

/* The earlier line of this file with the same hash, or 0; remembers this one. */
static int repeated(plausibility *p, const submission *s, const project_line *l)
{
    if (p->file != s) {
        p->file = s;
        p->n_seen = 0;
        if (p->seen_cap)
            memset(p->seen, 0, p->seen_cap * sizeof *p->seen);
    }
    if (2 * (p->n_seen + 1) > p->seen_cap) {
        size_t cap = p->seen_cap ? 2 * p->seen_cap : 256;
        seen *old = p->seen;
        size_t old_cap = p->seen_cap;
        p->seen = xcalloc(cap, sizeof *p->seen);
        p->seen_cap = cap;
        for (size_t i = 0; i < old_cap; i++) {
            if (!old[i].line)
                continue;
            size_t j = (size_t)old[i].hash & (cap - 1);
            while (p->seen[j].line)
                j = (j + 1) & (cap - 1);
            p->seen[j] = old[i];
        }
        free(old);
    }
    uint64_t h = line_hash(l);
    size_t j = (size_t)h & (p->seen_cap - 1);
    for (; p->seen[j].line; j = (j + 1) & (p->seen_cap - 1))
        if (p->seen[j].hash == h)
            return p->seen[j].line;
    p->seen[j] = (seen){h, l->line};
    p->n_seen++;
    return 0;
}

void plausibility_add_line(plausibility *p, const submission *s, const project_line *l)
{
    plausibility_note *n;
    if (l->executed > l->plan && (n = line_note(p, PLAUSIBILITY_EXECUTED_ABOVE_PLAN, s, l))) {
        n->a = l->executed;
        n->b = l->plan;
    }
    if (l->counterpart > 0 && l->establishments == 0 &&
        (n = line_note(p, PLAUSIBILITY_COUNTERPART_WITHOUT_ESTABLISHMENTS, s, l)))
        n->a = l->counterpart;
    int earlier = repeated(p, s, l);
    if (earlier && (n = line_note(p, PLAUSIBILITY_REPEATED_LINE, s, l))) {
        n->earlier_line = earlier;
        n->a = l->plan;
        n->b = l->executed;
    }
}

/* A plan that moved by more than half of last year's: |now - before| > before / 2 (a plan
 * that appears from nothing too). */
static bool moved_by_half(int64_t now, int64_t before)
{
    int64_t d = now > before ? now - before : before - now;
    return before == 0 ? now != 0 : d > before / 2; /* 2d > before, exactly, for any before */
}

static void province_notes(plausibility *p)
{
    const region *r = p->r;
    for (size_t i = 0; i < r->n_provinces; i++) {
        const province_row *row = &r->provinces[i];
        if (row->state != PROVINCE_VALID)
            continue;
        plausibility_note *n;
        if (row->total.executed > row->total.plan) {
            n = add_note(p, PLAUSIBILITY_EXECUTED_ABOVE_PLAN, row->province);
            n->a = row->total.executed;
            n->b = row->total.plan;
        }
        if (row->total.counterpart > 0 && row->total.establishments == 0) {
            n = add_note(p, PLAUSIBILITY_COUNTERPART_WITHOUT_ESTABLISHMENTS, row->province);
            n->a = row->total.counterpart;
        }
        if (row->comparable && moved_by_half(row->total.plan, row->previous_total.plan)) {
            n = add_note(p, PLAUSIBILITY_PLAN_MOVED, row->province);
            n->a = row->total.plan;
            n->b = row->previous_total.plan;
        }
    }
}

static int by_kind_province_line(const void *x, const void *y)
{
    const plausibility_note *a = x, *b = y;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if (a->province != b->province)
        return a->province < b->province ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

void plausibility_finish(plausibility *p)
{
    province_notes(p);
    if (p->count > 1)
        qsort(p->notes, p->count, sizeof *p->notes, by_kind_province_line);
    free(p->seen);
    p->seen = NULL;
    p->seen_cap = p->n_seen = 0;
    p->file = NULL;
}

const plausibility_note *plausibility_notes(const plausibility *p, size_t *count)
{
    *count = p->count;
    return p->notes;
}

size_t plausibility_unlisted(const plausibility *p, plausibility_kind kind)
{
    return p->found[kind] > PLAUSIBILITY_LINE_NOTES_MAX
               ? p->found[kind] - PLAUSIBILITY_LINE_NOTES_MAX
               : 0;
}

void plausibility_free(plausibility *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++)
        free(p->notes[i].title);
    free(p->notes);
    free(p->seen);
    free(p);
}

static const char *const kind_labels[PLAUSIBILITY_KIND_COUNT] = {
    [PLAUSIBILITY_EXECUTED_ABOVE_PLAN] = "Thực hiện vượt kế hoạch năm",
    [PLAUSIBILITY_COUNTERPART_WITHOUT_ESTABLISHMENTS] =
        "Có vốn đối ứng nhưng số cơ sở được hỗ trợ bằng 0",
    [PLAUSIBILITY_REPEATED_LINE] = "Dòng đề án lặp lại",
    [PLAUSIBILITY_PLAN_MOVED] = "Kế hoạch năm tăng, giảm quá một nửa so với năm trước",
};

void plausibility_describe(const plausibility_note *n, int year, buf *b)
{
    buf x = BUF_INIT, y = BUF_INIT;
    number_format_million(&x, n->a);
    number_format_million(&y, n->b);
    const char *whose = n->file ? "" : " (tổng của tỉnh)";
    switch (n->kind) {
    case PLAUSIBILITY_EXECUTED_ABOVE_PLAN:
        buf_printf(b, "Thực hiện %s, kế hoạch năm %s%s.", x.data, y.data, whose);
        break;
    case PLAUSIBILITY_COUNTERPART_WITHOUT_ESTABLISHMENTS:
        buf_printf(b, "Vốn đối ứng %s, số cơ sở được hỗ trợ 0%s.", x.data, whose);
        break;
    case PLAUSIBILITY_REPEATED_LINE:
        buf_printf(b,
                   "Giống dòng %d của cùng tệp ở mọi cột (kế hoạch %s, thực hiện %s); cả hai "
                   "dòng đều được tính như tỉnh báo cáo.",
                   n->earlier_line, x.data, y.data);
        break;
    case PLAUSIBILITY_PLAN_MOVED:
        buf_printf(b, "Kế hoạch năm %d: %s; năm %d (cùng địa giới): %s.", year,
                   x.data, year - 1, y.data);
        break;
    default:
        break;
    }
    buf_free(&x);
    buf_free(&y);
}

const char *plausibility_kind_label(plausibility_kind kind)
{
    return kind >= 0 && kind < PLAUSIBILITY_KIND_COUNT ? kind_labels[kind] : "";
}
