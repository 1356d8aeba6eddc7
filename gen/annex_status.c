#include "annex_internal.h"

#include "period.h"

enum { STAT_HEADER = 2, STAT_FIRST = 3 };

enum status_column {
    SC_CODE,
    SC_NAME,
    SC_STATE,
    SC_FILE,
    SC_LINES,
    SC_ERRORS,
    SC_WARNINGS,
    SC_FIRST_ERROR,
    SC_PREVIOUS,
    SC_N
};

static const column status_columns[SC_N] = {
    {"Mã", 5, STYLE_TEXT},
    {"Tỉnh, thành phố", 22, STYLE_TEXT},
    {"Báo cáo kỳ này", 11, STYLE_TEXT},
    {"Tệp", 34, STYLE_TEXT},
    {"Số dòng đề án được tính", 10, STYLE_COUNT},
    {"Số lỗi", 7, STYLE_COUNT},
    {"Số cảnh báo", 8, STYLE_COUNT},
    {"Lỗi đầu tiên (dòng:cột: thông báo)", 70, STYLE_WRAP},
    {"Báo cáo cùng kỳ năm trước", 12, STYLE_TEXT},
};

static void write_status_file(annex *a, lxw_worksheet *ws, lxw_row_t row, const submission *s)
{
    lxw_format *count = a->plain[STYLE_COUNT];
    annex_put_text(a, ws, row, SC_FILE, s->name, a->plain[STYLE_TEXT]);
    if (s->rejected)
        annex_put_blank(a, ws, row, SC_LINES, count);
    else
        annex_put_number(a, ws, row, SC_LINES, (double)submission_line_count(s), count);
    annex_put_number(a, ws, row, SC_ERRORS, (double)s->errors, count);
    annex_put_number(a, ws, row, SC_WARNINGS, (double)s->warnings, count);
    annex_put_text(a, ws, row, SC_FIRST_ERROR, s->first_error, a->plain[STYLE_WRAP]);
    annex_fit_row(a, ws, row, s->first_error, status_columns[SC_FIRST_ERROR].width);
}

static void write_status_row(annex *a, lxw_worksheet *ws, lxw_row_t row, size_t p,
                             const submission *s)
{
    const catalog_entry *e = &a->r->roster->entries[p];
    const period *previous = a->r->previous;
    lxw_format *text = a->plain[STYLE_TEXT];
    annex_put_text(a, ws, row, SC_CODE, e->code, text);
    annex_put_text(a, ws, row, SC_NAME, e->name, text);
    annex_put_text(a, ws, row, SC_STATE, province_state_label(a->r->current->state[p]), text);
    if (s)
        write_status_file(a, ws, row, s);
    annex_put_text(a, ws, row, SC_PREVIOUS,
                   previous ? province_state_label(a->r->provinces[p].previous_state) : "—",
                   text);
}

/* One row per file naming the province (two when it sent two), or one with no file. */
static lxw_row_t write_status_province(annex *a, lxw_worksheet *ws, lxw_row_t row, size_t p)
{
    const period *cur = a->r->current;
    lxw_row_t first = row;
    for (size_t i = 0; i < cur->n_files; i++)
        if (cur->file_province[i] == (int)p) /* by its rows, or by its name (period.h) */
            write_status_row(a, ws, row++, p, cur->files[i]);
    if (row == first)
        write_status_row(a, ws, row++, p, NULL);
    return row;
}

/* The rows annex_write_status writes: one per file, plus one per province that sent none. */
static size_t status_rows(const region *r)
{
    size_t rows = r->current->n_files;
    for (size_t p = 0; p < r->n_provinces; p++)
        rows += r->current->state[p] == PROVINCE_MISSING;
    return rows;
}

void annex_write_status(annex *a)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_STATUS);
    buf note = BUF_INIT;
    annex_describe_coverage(a->r, &note);
    annex_write_title(a, ws, "Tình trạng nộp báo cáo", note.data);
    buf_free(&note);
    annex_write_header(a, ws, STAT_HEADER, status_columns, SC_N);
    annex_setup_table(a, ws, STAT_HEADER, STAT_HEADER + (lxw_row_t)status_rows(a->r), SC_N,
                      SC_NAME + 1);
    lxw_row_t row = STAT_FIRST;
    for (size_t p = 0; p < a->r->n_provinces; p++)
        row = write_status_province(a, ws, row, p);
    const period *cur = a->r->current;
    for (size_t i = 0; i < cur->n_files; i++) {
        if (cur->file_province[i] >= 0)
            continue;
        annex_put_text(a, ws, row, SC_NAME, "(không xác định được tỉnh)", a->plain[STYLE_TEXT]);
        annex_put_text(a, ws, row, SC_STATE, province_state_label(PROVINCE_REJECTED),
                       a->plain[STYLE_TEXT]);
        write_status_file(a, ws, row++, cur->files[i]);
    }
}
