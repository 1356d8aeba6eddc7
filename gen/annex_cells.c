#include "annex_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "escape.h"

/* A cell holds at most 32,767 characters; libxlsxwriter versions count them in bytes or in
 * characters, so longer text is cut to that many bytes (a submitted title never comes near). */
#define CELL_TEXT_MAX 32767

void annex_fail_at(annex *a, lxw_error e, const char *fmt, ...)
{
    if (e == LXW_NO_ERROR || a->err != LXW_NO_ERROR)
        return;
    a->err = e;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->where, sizeof a->where, fmt, ap);
    va_end(ap);
}

static void check_cell(annex *a, lxw_error e, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col)
{
    if (e == LXW_NO_ERROR)
        return;
    char cell[16];
    lxw_rowcol_to_cell(cell, row, col);
    annex_fail_at(a, e, "%s!%s", ws->name, cell);
}

/* Cuts `s` to CELL_TEXT_MAX bytes at a character boundary, marking the cut with "…".
 * Returns `s` itself when it fits, else a copy in `*owned` (caller frees). */
static const char *fit_cell(const char *s, char **owned)
{
    size_t len = strlen(s);
    *owned = NULL;
    if (len <= CELL_TEXT_MAX)
        return s;
    size_t cut = CELL_TEXT_MAX - 3;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    buf b = BUF_INIT;
    buf_append(&b, s, cut);
    buf_puts(&b, "…");
    *owned = buf_detach(&b);
    return *owned;
}

void annex_put_text(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                    lxw_format *f)
{
    if (!s || !*s) {
        if (f)
            check_cell(a, worksheet_write_blank(ws, row, col, f), ws, row, col);
        return;
    }
    char *clean_copy, *cut_copy;
    const char *text = fit_cell(escape_xml_clean(s, &clean_copy), &cut_copy);
    check_cell(a, worksheet_write_string(ws, row, col, text, f), ws, row, col);
    free(cut_copy);
    free(clean_copy);
}

void annex_put_number(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
                      lxw_format *f)
{
    check_cell(a, worksheet_write_number(ws, row, col, v, f), ws, row, col);
}

void annex_put_blank(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f)
{
    check_cell(a, worksheet_write_blank(ws, row, col, f), ws, row, col);
}

void annex_fit_row(annex *a, lxw_worksheet *ws, lxw_row_t row, const char *text, double width)
{
    size_t chars = 0;
    for (const char *p = text; p && *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    size_t per_line = (size_t)(width * 0.9), lines = (chars + per_line - 1) / per_line;
    if (lines > 1)
        annex_fail_at(a,
                      worksheet_set_row(ws, row, 15.0 * (double)(lines < 400 ? lines : 400), NULL),
                      "%s: row heights", ws->name);
}

void annex_put_formula(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f,
                       double value, const char *fmt, ...)
{
    char formula[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(formula, sizeof formula, fmt, ap);
    va_end(ap);
    check_cell(a, worksheet_write_formula_num(ws, row, col, formula, f, value), ws, row, col);
}

void annex_put_formula_text(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            lxw_format *f, double value, const char *formula)
{
    check_cell(a, worksheet_write_formula_num(ws, row, col, formula, f, value), ws, row, col);
}

void annex_put_column_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          lxw_row_t first, lxw_row_t last, lxw_format *f, double value)
{
    char from[16], to[16];
    cell_name(from, first, col);
    cell_name(to, last, col);
    annex_put_formula(a, ws, row, col, f, value, "=SUM(%s:%s)", from, to);
}

void annex_put_row_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_col_t first,
                       lxw_col_t last, lxw_format *f, double value)
{
    char from[16], to[16];
    cell_name(from, row, first);
    cell_name(to, row, last);
    annex_put_formula(a, ws, row, col, f, value, "=SUM(%s:%s)", from, to);
}

void annex_put_rate(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_col_t num,
                    lxw_col_t den, ratio q, lxw_format *f)
{
    if (q.den == 0) {
        annex_put_blank(a, ws, row, col, f);
        return;
    }
    char n[16], d[16];
    cell_name(n, row, num);
    cell_name(d, row, den);
    annex_put_formula(a, ws, row, col, f, ratio_value(q), "=%s/%s", n, d);
}

static lxw_format *new_format(annex *a, enum style s, bool bold)
{
    static const char *const num_formats[STYLE_N] = {
        [STYLE_MILLION] = "#,##0.000",
        [STYLE_COUNT] = "#,##0",       [STYLE_RATE1] = "0.0%",
        [STYLE_RATE2] = "0.00%",       [STYLE_CHANGE] = "+0.0%;-0.0%;0.0%"};
    lxw_format *f = workbook_add_format(a->wb);
    if (!f)
        alloc_failed();
    if (num_formats[s])
        format_set_num_format(f, num_formats[s]);
    if (s == STYLE_WRAP)
        format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (bold) {
        format_set_bold(f);
        format_set_top(f, LXW_BORDER_THIN);
    }
    return f;
}

void annex_create_formats(annex *a)
{
    for (int s = 0; s < STYLE_N; s++) {
        a->plain[s] = new_format(a, (enum style)s, false);
        a->bold[s] = new_format(a, (enum style)s, true);
    }
    a->title = workbook_add_format(a->wb);
    a->header = workbook_add_format(a->wb);
    if (!a->title || !a->header)
        alloc_failed();
    format_set_bold(a->title);
    format_set_font_size(a->title, 13);
    format_set_bold(a->header);
    format_set_text_wrap(a->header);
    format_set_align(a->header, LXW_ALIGN_CENTER);
    format_set_align(a->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(a->header, 0xDDEBF7);
    format_set_border(a->header, LXW_BORDER_THIN);
}
