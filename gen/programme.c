#include "programme.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "csvfile.h"
#include "day.h"
#include "fold.h"
#include "i18n.h"
#include "roster.h"

/* ------------------------------------------------------------------ input/programmes.csv */

enum { COL_CODE, COL_NAME, COL_FIRST, COL_LAST, COL_COUNT };

static const column_spec programme_columns[COL_COUNT] = {
    {"code", "ma;ma_chuong_trinh", true},
    {"name", "ten;ten_chuong_trinh", true},
    {"first_year", "nam_dau;tu_nam", true},
    {"last_year", "nam_cuoi;den_nam", true},
};

typedef struct loader {
    programme_list *list;
    const csvfile *file;
    diag_list *diags;
    int column_of[COL_COUNT];
    bool seen_header;
    size_t errors;
} loader;

static bool code_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
           c == '_';
}

/* A programme's code names its folder in the output: plain characters only, not a period's
 * name, not hidden. */
static bool valid_code(const char *s, size_t len)
{
    int year, month;
    if (len == 0 || len > 40 || !code_char(s[0]) || s[0] == '-' || s[0] == '_')
        return false;
    for (size_t i = 0; i < len; i++)
        if (!code_char(s[i]))
            return false;
    return !period_parse_name(s, &year, &month) && strcmp(s, "data") != 0;
}

static bool read_year(loader *l, const csv_row *row, int col, int *out)
{
    const csv_field *f = csvfile_cell(row, l->column_of[col]);
    int line = f ? f->line : row->line, column = f ? f->column : row->column;
    size_t len = f ? f->len : 0;
    const char *s = f ? f->text : "";
    while (len > 0 && (s[0] == ' ')) {
        s++;
        len--;
    }
    while (len > 0 && s[len - 1] == ' ')
        len--;
    int v = 0;
    bool ok = len == 4;
    for (size_t i = 0; ok && i < len; i++) {
        ok = s[i] >= '0' && s[i] <= '9';
        v = v * 10 + (s[i] - '0');
    }
    if (!ok || v < 1900) {
        diag_add(l->diags, DIAG_ERROR, l->file->path, line, column,
                 "year '%.*s' in column %s; expected a year such as 2021", (int)(f ? f->len : 0),
                 f ? f->text : "", programme_columns[col].key);
        l->errors++;
        return false;
    }
    *out = v;
    return true;
}

static void add_programme(loader *l, const csv_row *row)
{
    const csv_field *code = csvfile_cell(row, l->column_of[COL_CODE]);
    const csv_field *name = csvfile_cell(row, l->column_of[COL_NAME]);
    if (!code || !valid_code(code->text, code->len)) {
        diag_add(l->diags, DIAG_ERROR, l->file->path, code ? code->line : row->line,
                 code ? code->column : row->column,
                 "programme code '%.*s' cannot name a folder; expected letters, digits, '-' or "
                 "'_', such as 2021-2025",
                 (int)(code ? code->len : 0), code ? code->text : "");
        l->errors++;
        return;
    }
    if (!name || name->len == 0) {
        diag_add(l->diags, DIAG_ERROR, l->file->path, row->line, row->column,
                 "programme '%s' has no name", code->text);
        l->errors++;
        return;
    }
    int first = 0, last = 0;
    bool ok_first = read_year(l, row, COL_FIRST, &first);
    bool ok_last = read_year(l, row, COL_LAST, &last);
    if (!ok_first || !ok_last)
        return;
    if (last < first || last - first >= PROGRAMME_MAX_YEARS) {
        const csv_field *f = csvfile_cell(row, l->column_of[COL_LAST]);
        diag_add(l->diags, DIAG_ERROR, l->file->path, f->line, f->column,
                 "programme '%s' runs from %d to %d; expected a last year from the first year to "
                 "%d years later",
                 code->text, first, last, PROGRAMME_MAX_YEARS - 1);
        l->errors++;
        return;
    }
    programme_list *pl = l->list;
    for (size_t i = 0; i < pl->count; i++) {
        if (strcmp(pl->items[i].code, code->text) == 0) {
            diag_add(l->diags, DIAG_ERROR, l->file->path, code->line, code->column,
                     "programme code '%s' again; line %d has it already", code->text,
                     pl->items[i].line);
            l->errors++;
            return;
        }
    }
    pl->items = xgrow(pl->items, &pl->cap, pl->count + 1, sizeof *pl->items);
    pl->items[pl->count++] = (programme_def){xstrdup(code->text), fold_nfc(name->text, name->len),
                                             first, last, row->line};
}

static int on_row(void *context, const csv_row *row)
{
    loader *l = context;
    if (csvfile_row_is_blank(row))
        return 0;
    if (!l->seen_header) {
        l->seen_header = true;
        l->errors +=
            csvfile_map_header(l->file, row, programme_columns, COL_COUNT, l->column_of, l->diags);
        return l->errors ? 1 : 0;
    }
    add_programme(l, row);
    return 0;
}

int programme_list_load(programme_list *l, const char *path, diag_list *diags)
{
    memset(l, 0, sizeof *l);
    l->path = xstrdup(path);
    if (access(path, F_OK) != 0)
        return 0;
    l->exists = true;
    csvfile file;
    loader ld = {.list = l, .file = &file, .diags = diags};
    for (int i = 0; i < COL_COUNT; i++)
        ld.column_of[i] = -1;
    int rc = csvfile_open(&file, path, diags);
    memcpy(l->sha256, file.sha256, sizeof l->sha256);
    if (rc == 0)
        rc = csvfile_each_row(&file, on_row, &ld, diags);
    csvfile_close(&file);
    return rc == 0 && ld.errors == 0 ? 0 : -1;
}

void programme_list_free(programme_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].code);
        free(l->items[i].name);
    }
    free(l->items);
    free(l->path);
    memset(l, 0, sizeof *l);
}

bool programme_year_period(char *const *names, size_t n, int year, char out[8])
{
    int best = 0;
    for (size_t i = 0; i < n; i++) {
        int y, m;
        if (period_parse_name(names[i], &y, &m) && y == year && m > best) {
            best = m;
            snprintf(out, 8, "%s", names[i]);
        }
    }
    return best > 0;
}

/* ------------------------------------------------------------------ adding the years up */

static int view_index(const catalog *view, int row)
{
    for (size_t i = 0; i < view->count; i++)
        if (view->entries[i].row == row)
            return (int)i;
    return -1;
}

static void add_sources(figures by_source[SOURCE_COUNT], figures *total,
                        const figures from[SOURCE_COUNT])
{
    for (int s = 0; s < SOURCE_COUNT; s++) {
        figures_add(&by_source[s], &from[s]);
        figures_add(total, &from[s]);
    }
}

static void add_predecessor(programme_province *pp, int row, int32_t since)
{
    if (row == pp->row)
        return;
    for (size_t i = 0; i < pp->n_predecessors; i++)
        if (pp->predecessors[i] == row)
            return;
    pp->predecessors = xrealloc(pp->predecessors, (pp->n_predecessors + 1) * sizeof(int));
    pp->predecessors[pp->n_predecessors++] = row;
    if (since != DAY_NONE_BEFORE && (pp->since == DAY_NONE_BEFORE || since > pp->since))
        pp->since = since;
}

static void add_gap(programme_province *pp, int year, int row, province_state state)
{
    pp->gaps = xrealloc(pp->gaps, (pp->n_gaps + 1) * sizeof *pp->gaps);
    pp->gaps[pp->n_gaps++] = (struct programme_gap){year, row, state};
}

/* The row of the province table for a territory that left the region, made on first use. */
static programme_province *left_row(programme *p, int last_row)
{
    for (size_t i = p->n_current; i < p->n_provinces; i++)
        if (p->provinces[i].row == last_row)
            return &p->provinces[i];
    p->provinces = xrealloc(p->provinces, (p->n_provinces + 1) * sizeof *p->provinces);
    programme_province *pp = &p->provinces[p->n_provinces++];
    memset(pp, 0, sizeof *pp);
    pp->province = -1;
    pp->row = last_row;
    pp->since = DAY_NONE_BEFORE;
    return pp;
}

/* Carries one year's provinces onto the latest period's provinces. */
static void carry_year(programme *p, const programme_year *y, const catalog *latest)
{
    const region *r = y->region;
    int32_t day = latest->day;
    size_t touched_cap = p->n_provinces + r->n_provinces + 1;
    bool *touched = xcalloc(touched_cap, sizeof *touched);
    for (size_t i = 0; i < r->n_provinces; i++) {
        const province_row *row = &r->provinces[i];
        int full_row = r->roster->entries[row->province].row;
        roster_fate f = roster_follow(p->full, full_row, day);
        programme_province *pp;
        if (f.holder >= 0 && view_index(latest, f.holder) >= 0) {
            pp = &p->provinces[view_index(latest, f.holder)];
            add_predecessor(pp, full_row, f.since);
        } else {
            pp = left_row(p, f.last);
            if (f.last != full_row)
                add_predecessor(pp, full_row, DAY_NONE_BEFORE);
        }
        size_t at = (size_t)(pp - p->provinces);
        if (at < touched_cap && !touched[at]) {
            touched[at] = true;
            pp->n_years++;
        }
        if (row->state == PROVINCE_VALID)
            add_sources(pp->by_source, &pp->total, row->by_source);
        else
            add_gap(pp, y->year, full_row, row->state);
    }
    free(touched);
}

static int by_rate_descending(const void *x, const void *y, const programme *p)
{
    const programme_province *a = &p->provinces[*(const int *)x];
    const programme_province *b = &p->provinces[*(const int *)y];
    __extension__ __int128 left = (__int128)a->total.executed * b->total.plan;
    __extension__ __int128 right = (__int128)b->total.executed * a->total.plan;
    if (left != right)
        return left > right ? -1 : 1;
    return (a->province > b->province) - (a->province < b->province);
}

/* Insertion sort with the programme as context (qsort has none); a handful of provinces. */
static void rank(programme *p)
{
    p->ranking = xcalloc(p->n_current ? p->n_current : 1, sizeof *p->ranking);
    for (size_t i = 0; i < p->n_current; i++) {
        const programme_province *pp = &p->provinces[i];
        if (pp->complete && pp->total.plan > 0)
            p->ranking[p->n_ranked++] = (int)i;
    }
    for (size_t i = 1; i < p->n_ranked; i++) {
        int v = p->ranking[i];
        size_t j = i;
        while (j > 0 && by_rate_descending(&v, &p->ranking[j - 1], p) < 0) {
            p->ranking[j] = p->ranking[j - 1];
            j--;
        }
        p->ranking[j] = v;
    }
}

static int read_year_period(programme *p, programme_year *y, const char *input_dir,
                            diag_list *diags)
{
    int year, month;
    period_parse_name(y->period_name, &year, &month);
    roster_on_day(p->full, day_last_of_month(year, month), &y->roster);
    int rc = period_read_keeping(&y->period, input_dir, y->period_name, &y->roster, p->contents,
                                 SUBMISSION_KEEP_SUMS, diags);
    y->present = true;
    y->year_end = month == 12;
    return rc;
}

programme *programme_new(const programme_def *def, const char *input_dir, char *const *names,
                         size_t n_names, const catalog *roster, const catalog *contents,
                         diag_list *diags, bool *failed)
{
    *failed = false;
    programme *p = xcalloc(1, sizeof *p);
    p->def = def;
    p->full = roster->full ? roster->full : roster;
    p->contents = contents;
    p->n_years = (size_t)(def->last_year - def->first_year + 1);
    p->years = xcalloc(p->n_years, sizeof *p->years);
    p->latest = -1;
    for (size_t i = 0; i < p->n_years; i++) {
        programme_year *y = &p->years[i];
        y->year = def->first_year + (int)i;
        if (!programme_year_period(names, n_names, y->year, y->period_name))
            continue;
        if (read_year_period(p, y, input_dir, diags) != 0)
            *failed = true;
        p->n_present++;
        p->n_year_end += y->year_end;
        p->latest = (int)i;
    }
    if (*failed || p->n_present == 0) {
        programme_free(p);
        return NULL;
    }
    p->all_valid = true;
    for (size_t i = 0; i < p->n_years; i++) {
        programme_year *y = &p->years[i];
        if (!y->present)
            continue;
        const programme_year *before = i > 0 ? &p->years[i - 1] : NULL;
        y->compared = before && before->present && before->period.month == y->period.month;
        y->region = region_new(&y->roster, contents, &y->period,
                               y->compared ? &before->period : NULL);
        p->all_valid &= period_complete(&y->period);
    }
    /* Totals and contents: the years' regions added up. */
    p->n_contents = contents->count;
    p->content_by_source = xcalloc(p->n_contents * SOURCE_COUNT + 1, sizeof(figures));
    p->content_total = xcalloc(p->n_contents + 1, sizeof(figures));
    for (size_t i = 0; i < p->n_years; i++) {
        const region *r = p->years[i].region;
        if (!r)
            continue;
        add_sources(p->by_source, &p->total, r->by_source);
        for (size_t c = 0; c < r->n_contents && c < p->n_contents; c++)
            add_sources(&p->content_by_source[c * SOURCE_COUNT], &p->content_total[c],
                        r->content_rows[c].by_source);
    }
    /* By province, on the latest period's provinces. */
    const catalog *latest = &p->years[p->latest].roster;
    p->n_current = p->n_provinces = latest->count;
    p->provinces = xcalloc(latest->count ? latest->count : 1, sizeof *p->provinces);
    for (size_t i = 0; i < latest->count; i++) {
        p->provinces[i].province = (int)i;
        p->provinces[i].row = latest->entries[i].row;
        p->provinces[i].since = DAY_NONE_BEFORE;
    }
    for (size_t i = 0; i < p->n_years; i++)
        if (p->years[i].present)
            carry_year(p, &p->years[i], latest);
    for (size_t i = 0; i < p->n_provinces; i++) {
        programme_province *pp = &p->provinces[i];
        /* A territory that left is whole when it was valid in every year it was in the region. */
        pp->complete = pp->n_gaps == 0 && (pp->province < 0 || pp->n_years == p->n_present);
    }
    p->complete = p->all_valid && p->n_present == p->n_years && p->n_year_end == p->n_years;
    rank(p);
    return p;
}

void programme_free(programme *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_years; i++) {
        programme_year *y = &p->years[i];
        region_free(y->region);
        if (y->present) {
            period_free(&y->period);
            catalog_free(&y->roster);
        }
    }
    for (size_t i = 0; i < p->n_provinces; i++) {
        free(p->provinces[i].predecessors);
        free(p->provinces[i].gaps);
    }
    free(p->provinces);
    free(p->ranking);
    free(p->content_by_source);
    free(p->content_total);
    free(p->years);
    free(p);
}

const programme_year *programme_latest(const programme *p)
{
    return &p->years[p->latest];
}

ratio programme_year_executed_change(const programme_year *y)
{
    if (!y->region || !y->compared || y->region->n_comparable == 0)
        return (ratio){0, 0};
    const region *r = y->region;
    return (ratio){r->comparable_total.executed - r->previous_total.executed,
                   r->previous_total.executed};
}

ratio programme_year_plan_change(const programme_year *y)
{
    if (!y->region || !y->compared || y->region->n_comparable == 0)
        return (ratio){0, 0};
    return figures_plan_change(&y->region->comparable_total, &y->region->previous_total);
}

ratio programme_kcqg_share(const figures by_source[SOURCE_COUNT])
{
    return (ratio){by_source[SOURCE_KCQG].executed,
                   by_source[SOURCE_KCQG].executed + by_source[SOURCE_KCDP].executed};
}
