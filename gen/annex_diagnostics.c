#include "annex_internal.h"
#include "path.h"

#include <stdio.h>

enum diagnostic_column { DC_SEVERITY, DC_FILE, DC_LINE, DC_COLUMN, DC_MESSAGE, DC_N };

static const column diagnostic_columns[DC_N] = {
    {"Mức độ", 9, STYLE_TEXT}, {"Tệp", 34, STYLE_TEXT},        {"Dòng", 6, STYLE_COUNT},
    {"Cột", 6, STYLE_COUNT},   {"Thông báo", 110, STYLE_WRAP},
};

static void write_diagnostic(annex *a, lxw_worksheet *ws, lxw_row_t row, const diag *d)
{
    lxw_format *text = a->plain[STYLE_TEXT], *count = a->plain[STYLE_COUNT];
    annex_put_text(a, ws, row, DC_SEVERITY, d->severity == DIAG_ERROR ? "lỗi" : "cảnh báo", text);
    annex_put_text(a, ws, row, DC_FILE,
                   d->file ? path_inside(d->file, a->r->current->input_dir) : "(cả lượt chạy)",
                   text);
    if (d->line > 0)
        annex_put_number(a, ws, row, DC_LINE, d->line, count);
    if (d->column > 0)
        annex_put_number(a, ws, row, DC_COLUMN, d->column, count);
    const char *message = diag_message(d, I18N_DOCUMENTS);
    annex_put_text(a, ws, row, DC_MESSAGE, message, a->plain[STYLE_WRAP]);
    annex_fit_row(a, ws, row, message, diagnostic_columns[DC_MESSAGE].width);
}

void annex_write_diagnostics(annex *a)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_DIAGNOSTICS);
    annex_write_header(a, ws, 0, diagnostic_columns, DC_N);
    const diag_list *list = a->r->diagnostics;
    size_t fit = LXW_ROW_MAX - 2, n = a->n_diagnostics < fit ? a->n_diagnostics : fit;
    bool closing_line = a->n_diagnostics == 0 || n < a->n_diagnostics;
    annex_setup_table(a, ws, 0, (lxw_row_t)(n + closing_line), DC_N, 0);
    lxw_row_t row = 1;
    for (size_t i = 0; i < n; i++)
        write_diagnostic(a, ws, row++, &list->items[i]);
    char text[160];
    if (a->n_diagnostics == 0)
        snprintf(text, sizeof text, "Không có lỗi hay cảnh báo nào.");
    else if (n < a->n_diagnostics)
        snprintf(text, sizeof text, "… và %zu lỗi, cảnh báo khác (xem đầu ra lỗi chuẩn).",
                 a->n_diagnostics - n);
    if (closing_line)
        annex_put_text(a, ws, row, DC_SEVERITY, text, NULL);
}
