#include "annex_internal.h"

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
    {"KH KCQG (tỷ đồng)", 11, STYLE_BILLION},
    {"KH KCĐP (tỷ đồng)", 11, STYLE_BILLION},
    {"Tổng KH (tỷ đồng)", 11, STYLE_BILLION},
    {"TH KCQG (tỷ đồng)", 11, STYLE_BILLION},
    {"TH KCĐP (tỷ đồng)", 11, STYLE_BILLION},
    {"Tổng TH (tỷ đồng)", 11, STYLE_BILLION},
    {"TH/KH (%)", 9, STYLE_RATE1},
    {"Số dòng đề án", 9, STYLE_COUNT},
    {"Số cơ sở được hỗ trợ", 10, STYLE_COUNT},
    {"Vốn đối ứng (tỷ đồng)", 11, STYLE_BILLION},
};

/* The figures of one content row (or, with bold formats, of the region's total row). */
static void write_content_figures(annex *a, lxw_worksheet *ws, lxw_row_t row,
                                  const figures *by_source, const figures *total,
                                  lxw_format *const *fmt)
{
    lxw_format *m = fmt[STYLE_BILLION];
    annex_put_number(a, ws, row, CC_QG_PLAN, billion(by_source[SOURCE_KCQG].plan), m);
    annex_put_number(a, ws, row, CC_DP_PLAN, billion(by_source[SOURCE_KCDP].plan), m);
    annex_put_row_sum(a, ws, row, CC_PLAN, CC_QG_PLAN, CC_DP_PLAN, m, billion(total->plan));
    annex_put_number(a, ws, row, CC_QG_EXEC, billion(by_source[SOURCE_KCQG].executed), m);
    annex_put_number(a, ws, row, CC_DP_EXEC, billion(by_source[SOURCE_KCDP].executed), m);
    annex_put_row_sum(a, ws, row, CC_EXEC, CC_QG_EXEC, CC_DP_EXEC, m, billion(total->executed));
    annex_put_rate(a, ws, row, CC_RATE, CC_EXEC, CC_PLAN, figures_execution_rate(total),
                   fmt[STYLE_RATE1]);
    annex_put_number(a, ws, row, CC_LINES, (double)total->lines, fmt[STYLE_COUNT]);
    annex_put_number(a, ws, row, CC_ESTABLISHMENTS, (double)total->establishments,
                     fmt[STYLE_COUNT]);
    annex_put_number(a, ws, row, CC_COUNTERPART, billion(total->counterpart), m);
}

/* The total row: every column a SUM of the rows above, the rate a division. */
static void write_content_totals(annex *a, lxw_worksheet *ws, lxw_row_t row)
{
    const region *r = a->r;
    const figures *qg = &r->by_source[SOURCE_KCQG], *dp = &r->by_source[SOURCE_KCDP];
    const double values[CC_N] = {
        [CC_QG_PLAN] = billion(qg->plan),
        [CC_DP_PLAN] = billion(dp->plan),
        [CC_PLAN] = billion(r->total.plan),
        [CC_QG_EXEC] = billion(qg->executed),
        [CC_DP_EXEC] = billion(dp->executed),
        [CC_EXEC] = billion(r->total.executed),
        [CC_LINES] = (double)r->total.lines,
        [CC_ESTABLISHMENTS] = (double)r->total.establishments,
        [CC_COUNTERPART] = billion(r->total.counterpart),
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
    annex_write_title(a, ws, "Kết quả theo nội dung khuyến công (tỷ đồng)", note.data);
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
        write_content_figures(a, ws, row, c->by_source, &c->total, a->plain);
    }
    write_content_totals(a, ws, total_row);
}
