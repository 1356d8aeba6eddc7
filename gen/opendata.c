#include "opendata.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "datapackage.h"
#include "day.h"
#include "number.h"
#include "submission.h"

/* The byte-order mark and the header line, whose names datapackage.c describes. */
static void start_file(buf *b, datapackage_table t)
{
    buf_puts(b, "\xEF\xBB\xBF");
    datapackage_header(b, t);
    buf_puts(b, "\r\n");
}

static bool needs_neutralising(const char *s)
{
    return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
}

static void text_cell(buf *b, const char *s)
{
    buf_putc(b, '"');
    if (needs_neutralising(s))
        buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_puts(b, "\",");
}

static void million_cell(buf *b, int64_t thousands)
{
    number_format_plain(b, thousands, 3);
    buf_putc(b, ',');
}

static void count_cell(buf *b, int64_t n)
{
    number_format_plain(b, n, 0);
    buf_putc(b, ',');
}

/* A rate in percent with two decimals, rounded once; empty when there is nothing to divide by. */
static void rate_cell(buf *b, ratio q)
{
    if (q.den != 0)
        number_format_percent_plain(b, q.num, q.den, 2);
    buf_putc(b, ',');
}

static void end_row(buf *b)
{
    b->data[b->len - 1] = '\r'; /* the last cell's ',' */
    buf_putc(b, '\n');
}

static void money_cells(buf *b, const figures *f)
{
    million_cell(b, f->plan);
    million_cell(b, f->executed);
    rate_cell(b, figures_execution_rate(f));
    count_cell(b, f->establishments);
    million_cell(b, f->counterpart);
}

static void region_file(buf *b, const region *r)
{
    start_file(b, DATAPACKAGE_REGION);
    for (int s = 0; s <= SOURCE_COUNT; s++) {
        const figures *now = s < SOURCE_COUNT ? &r->by_source[s] : &r->total;
        const figures *before = s < SOURCE_COUNT ? &r->previous_by_source[s] : &r->previous_total;
        text_cell(b, s < SOURCE_COUNT ? source_label((source)s) : "Tổng");
        money_cells(b, now);
        million_cell(b, before->plan);
        million_cell(b, before->executed);
        count_cell(b, (int64_t)r->n_comparable);
        end_row(b);
    }
}

static void provinces_file(buf *b, const region *r)
{
    start_file(b, DATAPACKAGE_PROVINCES);
    for (size_t i = 0; i < r->n_provinces; i++) {
        const province_row *p = &r->provinces[i];
        const catalog_entry *e = &r->roster->entries[p->province];
        text_cell(b, e->code);
        text_cell(b, e->name);
        text_cell(b, province_state_label(p->state));
        million_cell(b, p->by_source[SOURCE_KCQG].plan);
        million_cell(b, p->by_source[SOURCE_KCDP].plan);
        million_cell(b, p->by_source[SOURCE_KCQG].executed);
        million_cell(b, p->by_source[SOURCE_KCDP].executed);
        money_cells(b, &p->total);
        rate_cell(b, region_province_same_period_ratio(p));
        end_row(b);
    }
}

static void contents_file(buf *b, const region *r)
{
    start_file(b, DATAPACKAGE_CONTENTS);
    for (size_t i = 0; i < r->n_contents; i++) {
        const content_row *c = &r->content_rows[i];
        const catalog_entry *e = &r->contents->entries[c->content];
        text_cell(b, e->code);
        text_cell(b, e->name);
        million_cell(b, c->by_source[SOURCE_KCQG].plan);
        million_cell(b, c->by_source[SOURCE_KCDP].plan);
        million_cell(b, c->by_source[SOURCE_KCQG].executed);
        million_cell(b, c->by_source[SOURCE_KCDP].executed);
        money_cells(b, &c->total);
        end_row(b);
    }
}

static void project_row(buf *b, const region *r, const submission *s, const project_line *l)
{
    const catalog_entry *p = &r->roster->entries[s->province];
    const catalog_entry *c = &r->contents->entries[l->content];
    text_cell(b, p->code);
    text_cell(b, p->name);
    text_cell(b, source_label(l->source));
    text_cell(b, c->code);
    text_cell(b, c->name);
    text_cell(b, l->title);
    million_cell(b, l->plan);
    million_cell(b, l->executed);
    count_cell(b, l->establishments);
    million_cell(b, l->counterpart);
    text_cell(b, l->note);
    text_cell(b, s->name);
    count_cell(b, l->line);
    end_row(b);
}

/* Rows are built in a buffer of about this size, then written out. */
enum { FLUSH_BYTES = 1 << 20 };

static int flush_to(int fd, buf *b)
{
    size_t done = 0;
    while (done < b->len) {
        ssize_t n = write(fd, b->data + done, b->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        done += (size_t)n;
    }
    buf_clear(b);
    return 0;
}

typedef struct projects_writer {
    const region *region;
    int fd;
    buf rows;
    int error; /* the errno of a failed write, 0 while none */
} projects_writer;

static int on_project_line(void *context, const submission *s, const project_line *l)
{
    projects_writer *w = context;
    project_row(&w->rows, w->region, s, l);
    if (w->rows.len >= FLUSH_BYTES && flush_to(w->fd, &w->rows) != 0)
        w->error = errno ? errno : EIO;
    return w->error;
}

/* Returns 0, or -1 when writing failed (errno says why) or a file could not be read again for
 * its lines (an error is then in `diags`). */
static int write_projects(projects_writer *w, diag_list *diags)
{
    const region *r = w->region;
    start_file(&w->rows, DATAPACKAGE_PROJECTS);
    for (size_t i = 0; i < r->n_provinces; i++) {
        const submission *s = r->current->accepted[i];
        if (s && submission_each_line(s, r->roster, r->contents, on_project_line, w, diags) != 0)
            return -1;
    }
    if (!w->error && flush_to(w->fd, &w->rows) != 0)
        w->error = errno ? errno : EIO;
    return w->error ? -1 : 0;
}

int opendata_write_projects(const char *path, const void *context, diag_list *diags)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create: %s", i18n_strerror(errno));
        return -1;
    }
    projects_writer w = {context, fd, BUF_INIT, 0};
    int rc = write_projects(&w, diags);
    buf_free(&w.rows);
    if (w.error)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", i18n_strerror(w.error));
    if (close(fd) != 0 && rc == 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", i18n_strerror(errno));
        rc = -1;
    }
    return rc;
}

/* The period and context.md's settings: one row. `illustrative` is second, so that the
 * download index can read it without a CSV reader (index.c). */
static void period_file(buf *b, const region *r)
{
    const period *p = r->current;
    const period_context *c = r->context;
    bool present = c && c->present;
    start_file(b, DATAPACKAGE_PERIOD);
    text_cell(b, p->name);
    text_cell(b, present && c->illustrative ? "yes" : "no");
    buf label = BUF_INIT;
    period_label(&label, p->year, p->month);
    text_cell(b, label.data);
    buf_clear(&label);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (p->year % 4 == 0 && p->year % 100 != 0) || p->year % 400 == 0;
    buf_printf(&label, "%04d-%02d-%02d", p->year, p->month,
               p->month == 2 && leap ? 29 : days[(p->month - 1) % 12]);
    text_cell(b, label.data);
    buf_clear(&label);
    text_cell(b, present && c->conference ? c->conference : "");
    text_cell(b, present && c->place ? c->place : "");
    if (present && c->year)
        buf_printf(&label, "%04d-%02d-%02d", c->year, c->month, c->day);
    text_cell(b, label.data ? label.data : "");
    text_cell(b, present && c->issuer ? c->issuer : "");
    buf_free(&label);
    end_row(b);
}

/* Each province of the previous period, its figures then, and the province of this period that
 * holds its territory (or where it went, outside the region): how the comparisons were made. */
static void changes_file(buf *b, const region *r)
{
    start_file(b, DATAPACKAGE_CHANGES);
    for (size_t i = 0; i < r->n_earlier; i++) {
        const earlier_row *e = &r->earlier[i];
        const catalog_entry *then = &r->previous_roster->entries[e->province];
        text_cell(b, r->previous->name);
        text_cell(b, then->code);
        text_cell(b, then->name);
        text_cell(b, province_state_label(e->state));
        million_cell(b, e->total.plan);
        million_cell(b, e->total.executed);
        text_cell(b, e->holder >= 0 ? r->roster->entries[e->holder].code : "");
        text_cell(b, e->holder >= 0 ? r->roster->entries[e->holder].name : "");
        buf since = BUF_INIT;
        if (e->since != DAY_NONE_BEFORE)
            day_format_iso(&since, e->since);
        text_cell(b, since.data ? since.data : "");
        buf_free(&since);
        text_cell(b, e->holder < 0 ? "yes" : "no");
        text_cell(b, e->holder < 0 && e->left_to_code ? e->left_to_code : "");
        text_cell(b, e->holder < 0 && e->left_to_name ? e->left_to_name : "");
        end_row(b);
    }
}

void opendata_build(opendata *d, const region *r)
{
    static const char *const names[] = {"data/region.csv", "data/provinces.csv",
                                        "data/contents.csv", OPENDATA_PERIOD,
                                        "data/province_changes.csv"};
    memset(d, 0, sizeof *d);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        d->names[i] = names[i];
    region_file(&d->files[0], r);
    provinces_file(&d->files[1], r);
    contents_file(&d->files[2], r);
    period_file(&d->files[3], r);
    d->count = 4;
    if (r->previous && r->changed)
        changes_file(&d->files[d->count++], r);
    d->names[d->count] = DATAPACKAGE_FILE;
    datapackage_build(&d->files[d->count++], r);
}

void opendata_free(opendata *d)
{
    for (int i = 0; i < OPENDATA_FILES; i++)
        buf_free(&d->files[i]);
}
