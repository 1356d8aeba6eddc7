#include "annex_internal.h"

#include <stdio.h>

#include "linefeed.h"


static const column line_columns[LC_N] = {
    {"STT", 6, STYLE_COUNT},
    {"Mã tỉnh", 6, STYLE_TEXT},
    {"Tỉnh, thành phố", 18, STYLE_TEXT},
    {"Nguồn", 7, STYLE_TEXT},
    {"Mã nội dung", 7, STYLE_TEXT},
    {"Nội dung khuyến công", 30, STYLE_TEXT},
    {"Tên đề án", 60, STYLE_TEXT},
    {"Kế hoạch (triệu đồng)", 12, STYLE_MILLION},
    {"Thực hiện (triệu đồng)", 12, STYLE_MILLION},
    {"Số cơ sở", 7, STYLE_COUNT},
    {"Vốn đối ứng (triệu đồng)", 12, STYLE_MILLION},
    {"Ghi chú", 24, STYLE_TEXT},
    {"Tệp", 30, STYLE_TEXT},
    {"Dòng", 6, STYLE_COUNT},
};

/* The project lines continue from sheet to sheet; this tracks where. */
typedef struct line_cursor {
    lxw_worksheet *ws;
    lxw_row_t row; /* the last row written on ws */
    size_t number; /* lines written so far */
} line_cursor;

size_t annex_line_sheet_count(const annex *a)
{
    size_t lines = a->r->total.lines;
    return lines == 0 ? 1 : (lines + a->lines_per_sheet - 1) / a->lines_per_sheet;
}

/* One criterion pair "'Đề án'!$B$2:$B$N,<criterion>" over the rows of sheet `index`. */
static void line_range(buf *out, const char *sheet, lxw_col_t col, size_t rows)
{
    char range[40];
    lxw_rowcol_to_range_abs(range, 1, col, (lxw_row_t)rows, col);
    buf_printf(out, "'%s'!%s", sheet, range);
}

void annex_lines_formula(const annex *a, buf *out, enum line_column sum_col,
                         enum line_column key_col, const char *key_ref, const char *from_source)
{
    size_t sheets = annex_line_sheet_count(a), lines = a->r->total.lines;
    buf_puts(out, "=");
    for (size_t i = 0; i < sheets; i++) {
        char name[64];
        annex_line_sheet_name(name, sizeof name, i);
        size_t left = lines - (lines < i * a->lines_per_sheet ? lines : i * a->lines_per_sheet);
        size_t rows = left == 0 ? 1 : left < a->lines_per_sheet ? left : a->lines_per_sheet;
        buf_puts(out, i ? "+" : "");
        if (sum_col == LC_N) {
            buf_puts(out, "COUNTIFS(");
        } else {
            buf_puts(out, "SUMIFS(");
            line_range(out, name, sum_col, rows);
            buf_puts(out, ",");
        }
        line_range(out, name, key_col, rows);
        buf_printf(out, ",%s", key_ref);
        if (from_source) {
            buf_puts(out, ",");
            line_range(out, name, LC_SOURCE, rows);
            buf_printf(out, ",\"%s\"", from_source);
        }
        buf_puts(out, ")");
    }
}

void annex_line_sheet_name(char *out, size_t size, size_t index)
{
    if (index == 0)
        snprintf(out, size, "%s", SHEET_LINES);
    else
        snprintf(out, size, "%s (%zu)", SHEET_LINES, index + 1);
}

/* A new sheet for the lines from cur->number on: as many as fit, or one row saying there are
 * none. */
static void start_line_sheet(annex *a, line_cursor *cur)
{
    char name[64];
    annex_line_sheet_name(name, sizeof name, a->n_line_sheets++);
    cur->ws = annex_add_sheet(a, name);
    cur->row = 0;
    annex_write_header(a, cur->ws, 0, line_columns, LC_N);
    size_t left = a->r->total.lines - cur->number;
    size_t rows = left == 0 ? 1 : left < a->lines_per_sheet ? left : a->lines_per_sheet;
    annex_setup_table(a, cur->ws, 0, (lxw_row_t)rows, LC_N, 0);
}

static void write_line(annex *a, line_cursor *cur, const submission *s, const project_line *l)
{
    a->illustrative += note_memo_is_illustrative(&a->notes, l->note);
    if (a->checks)
        plausibility_add_line(a->checks, s, l);
    if (!cur->ws || cur->number % a->lines_per_sheet == 0)
        start_line_sheet(a, cur);
    lxw_worksheet *ws = cur->ws;
    lxw_row_t row = ++cur->row;
    const catalog_entry *p = &a->r->roster->entries[s->province];
    const catalog_entry *c = &a->r->contents->entries[l->content];
    lxw_format *text = a->plain[STYLE_TEXT], *m = a->plain[STYLE_MILLION];
    annex_put_number(a, ws, row, LC_NUMBER, (double)++cur->number, a->plain[STYLE_COUNT]);
    annex_put_text(a, ws, row, LC_PROVINCE_CODE, p->code, text);
    annex_put_text(a, ws, row, LC_PROVINCE, p->name, text);
    annex_put_text(a, ws, row, LC_SOURCE, source_label(l->source), text);
    annex_put_text(a, ws, row, LC_CONTENT_CODE, c->code, text);
    annex_put_text(a, ws, row, LC_CONTENT, c->name, text);
    annex_put_text(a, ws, row, LC_TITLE, l->title, text);
    annex_put_number(a, ws, row, LC_PLAN, million(l->plan), m);
    annex_put_number(a, ws, row, LC_EXEC, million(l->executed), m);
    annex_put_number(a, ws, row, LC_ESTABLISHMENTS, (double)l->establishments,
                     a->plain[STYLE_COUNT]);
    annex_put_number(a, ws, row, LC_COUNTERPART, million(l->counterpart), m);
    annex_put_text(a, ws, row, LC_NOTE, l->note, text);
    annex_put_text(a, ws, row, LC_FILE, s->name, text);
    annex_put_number(a, ws, row, LC_LINE, (double)l->line, a->plain[STYLE_COUNT]);
}

typedef struct line_writer {
    annex *annex;
    line_cursor cursor;
} line_writer;

static int on_line(void *context, const submission *s, const project_line *l)
{
    line_writer *w = context;
    write_line(w->annex, &w->cursor, s, l);
    return 0;
}

/* The lines read on this thread: when no second one could be started. */
static void write_lines_here(annex *a, line_writer *w)
{
    for (size_t p = 0; p < a->r->n_provinces && !a->lines_failed; p++) {
        const submission *s = a->r->current->accepted[p];
        if (s && submission_each_line(s, a->r->roster, a->r->contents, on_line, w, a->diags) != 0)
            a->lines_failed = true;
    }
}

void annex_write_lines(annex *a)
{
    line_writer w = {a, {NULL, 0, 0}};
    linefeed *feed = linefeed_start(a->r);
    if (feed) {
        const submission *s;
        for (const project_line *l; (l = linefeed_next(feed, &s));)
            write_line(a, &w.cursor, s, l);
        a->lines_failed = linefeed_finish(feed, a->diags) != 0;
    } else {
        write_lines_here(a, &w);
    }
    note_memo_free(&a->notes);
    line_cursor cur = w.cursor;
    if (!cur.ws) {
        start_line_sheet(a, &cur);
        annex_put_text(a, cur.ws, ++cur.row, LC_NUMBER, "Không có dòng đề án nào được tính.", NULL);
    }
}
