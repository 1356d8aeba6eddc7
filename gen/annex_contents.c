#include "annex_internal.h"

#include <stdio.h>

enum { CONT_HEADER = 2, CONT_FIRST = 3 };

enum content_column {
    CC_CODE,
    CC_NAME,
    CC_QG_PLAN,
    CC_DP_PLAN,
    CC_PLAN,
    CC_QG_EXEC,
    CC_DP_EXEC,
    CC_EXEC,
    CC_RATE,
    CC_LINES,
    CC_ESTABLISHMENTS,
    CC_COUNTERPART,
    CC_N
};

static const column content_columns[CC_N] = {
    {"Mã", 5, STYLE_TEXT},
    {"Nội dung khuyến công", 48, STYLE_WRAP},
    {"KH KCQG (triệu đồng)", 13, STYLE_MILLION},
    {"KH KCĐP (triệu đồng)", 13, STYLE_MILLION},
    {"Tổng KH (triệu đồng)", 13, STYLE_MILLION},
    {"TH KCQG (triệu đồng)", 13, STYLE_MILLION},
    {"TH KCĐP (triệu đồng)", 13, STYLE_MILLION},
    {"Tổng TH (triệu đồng)", 13, STYLE_MILLION},
    {"TH/KH (%)", 9, STYLE_RATE1},
    {"Số đề án", 9, STYLE_COUNT},
    {"Số cơ sở được hỗ trợ", 10, STYLE_COUNT},
    {"Vốn đối ứng (triệu đồng)", 13, STYLE_MILLION},
};

/* A figure of a content row: the sum of its lines on the project-line sheets, the program's
 * exact figure stored as the result. */
static void put_lines_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          enum line_column sum_col, const char *from_source, double value,
                          lxw_format *f)
{
    char key[16];
    snprintf(key, sizeof key, "$A%u", (unsigned)row + 1);
    buf formula = BUF_INIT;
    annex_lines_formula(a, &formula, sum_col, LC_CONTENT_CODE, key, from_source);
    annex_put_formula_text(a, ws, row, col, f, value, formula.data);
    buf_free(&formula);
}

/* The figures of one content row. */
static void write_content_figures(annex *a, lxw_worksheet *ws, lxw_row_t row,
                                  const figures *by_source, const figures *total)
{
    lxw_format *m = a->plain[STYLE_MILLION], *n = a->plain[STYLE_COUNT];
    const char *kcqg = source_label(SOURCE_KCQG), *kcdp = source_label(SOURCE_KCDP);
    put_lines_sum(a, ws, row, CC_QG_PLAN, LC_PLAN, kcqg, million(by_source[SOURCE_KCQG].plan), m);
    put_lines_sum(a, ws, row, CC_DP_PLAN, LC_PLAN, kcdp, million(by_source[SOURCE_KCDP].plan), m);
    annex_put_row_sum(a, ws, row, CC_PLAN, CC_QG_PLAN, CC_DP_PLAN, m, million(total->plan));
    put_lines_sum(a, ws, row, CC_QG_EXEC, LC_EXEC, kcqg, million(by_source[SOURCE_KCQG].executed),
                  m);
    put_lines_sum(a, ws, row, CC_DP_EXEC, LC_EXEC, kcdp, million(by_source[SOURCE_KCDP].executed),
                  m);
    annex_put_row_sum(a, ws, row, CC_EXEC, CC_QG_EXEC, CC_DP_EXEC, m, million(total->executed));
    annex_put_rate(a, ws, row, CC_RATE, CC_EXEC, CC_PLAN, figures_execution_rate(total),
                   a->plain[STYLE_RATE1]);
    put_lines_sum(a, ws, row, CC_LINES, LC_N, NULL, (double)total->lines, n);
    put_lines_sum(a, ws, row, CC_ESTABLISHMENTS, LC_ESTABLISHMENTS, NULL,
                  (double)total->establishments, n);
    put_lines_sum(a, ws, row, CC_COUNTERPART, LC_COUNTERPART, NULL, million(total->counterpart), m);
}

/* The total row: every column a SUM of the rows above, the rate a division. */
static void write_content_totals(annex *a, lxw_worksheet *ws, lxw_row_t row)
{
    const region *r = a->r;
    const figures *qg = &r->by_source[SOURCE_KCQG], *dp = &r->by_source[SOURCE_KCDP];
    const double values[CC_N] = {
        [CC_QG_PLAN] = million(qg->plan),
        [CC_DP_PLAN] = million(dp->plan),
        [CC_PLAN] = million(r->total.plan),
        [CC_QG_EXEC] = million(qg->executed),
        [CC_DP_EXEC] = million(dp->executed),
        [CC_EXEC] = million(r->total.executed),
        [CC_LINES] = (double)r->total.lines,
        [CC_ESTABLISHMENTS] = (double)r->total.establishments,
        [CC_COUNTERPART] = million(r->total.counterpart),
    };
    annex_put_text(a, ws, row, CC_CODE, "", a->bold[STYLE_TEXT]);
    annex_put_text(a, ws, row, CC_NAME, "Tổng cộng", a->bold[STYLE_TEXT]);
    for (lxw_col_t c = CC_QG_PLAN; c < CC_N; c++) {
        if (c == CC_RATE)
            annex_put_rate(a, ws, row, c, CC_EXEC, CC_PLAN, figures_execution_rate(&r->total),
                           a->bold[STYLE_RATE1]);
        else
            annex_put_column_sum(a, ws, row, c, CONT_FIRST, row - 1,
                                 a->bold[content_columns[c].style], values[c]);
    }
}

void annex_write_contents(annex *a)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_CONTENTS);
    buf note = BUF_INIT;
    annex_describe_coverage(a->r, &note);
    annex_write_title(a, ws, "Kết quả theo nội dung khuyến công (triệu đồng)", note.data);
    buf_free(&note);
    annex_write_header(a, ws, CONT_HEADER, content_columns, CC_N);
    lxw_row_t total_row = CONT_FIRST + (lxw_row_t)a->r->n_contents;
    annex_setup_table(a, ws, CONT_HEADER, total_row - 1, CC_N, CC_NAME + 1);
    for (size_t i = 0; i < a->r->n_contents; i++) {
        const content_row *c = &a->r->content_rows[i];
        const catalog_entry *e = &a->r->contents->entries[c->content];
        lxw_row_t row = CONT_FIRST + (lxw_row_t)i;
        annex_put_text(a, ws, row, CC_CODE, e->code, a->plain[STYLE_TEXT]);
        annex_put_text(a, ws, row, CC_NAME, e->name, a->plain[STYLE_WRAP]);
        write_content_figures(a, ws, row, c->by_source, &c->total);
    }
    write_content_totals(a, ws, total_row);
}
