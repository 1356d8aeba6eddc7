#include "annex_internal.h"

#include "alloc.h"
#include "period.h"

void annex_write_header(annex *a, lxw_worksheet *ws, lxw_row_t row, const column *cols, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        annex_put_text(a, ws, row, (lxw_col_t)c, cols[c].heading, a->header);
        annex_fail_at(a, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width, NULL),
                      "%s: column widths", ws->name);
    }
    annex_fail_at(a, worksheet_set_row(ws, row, 45, NULL), "%s: header row", ws->name);
}

void annex_setup_print(annex *a, lxw_worksheet *ws, lxw_row_t header_row)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    annex_fail_at(a, worksheet_repeat_rows(ws, header_row, header_row), "%s: repeated rows",
                  ws->name);
    annex_fail_at(a, worksheet_set_footer(ws, "&L&A&RTrang &P/&N"), "%s: footer", ws->name);
}

void annex_setup_table(annex *a, lxw_worksheet *ws, lxw_row_t header_row, lxw_row_t last_row,
                       lxw_col_t cols, lxw_col_t frozen_cols)
{
    worksheet_freeze_panes(ws, header_row + 1, frozen_cols);
    annex_fail_at(a, worksheet_autofilter(ws, header_row, 0, last_row, cols - 1), "%s: filter",
                  ws->name);
    annex_setup_print(a, ws, header_row);
}

lxw_worksheet *annex_add_sheet(annex *a, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(a->wb, name);
    /* The names are fixed, valid and distinct: only memory can fail here. */
    if (!ws)
        alloc_failed();
    return ws;
}

void annex_write_title(annex *a, lxw_worksheet *ws, const char *what, const char *note)
{
    buf b = BUF_INIT;
    /* Row 1 of every sheet: figures that are not real say so before anything else. */
    if (a->r->context && a->r->context->illustrative)
        buf_puts(&b, ANNEX_ILLUSTRATIVE_BANNER " ");
    buf_printf(&b, "%s — ", what);
    period_label(&b, a->r->current->year, a->r->current->month);
    annex_put_text(a, ws, 0, 0, b.data, a->title);
    if (note)
        annex_put_text(a, ws, 1, 0, note, NULL);
    buf_free(&b);
}
