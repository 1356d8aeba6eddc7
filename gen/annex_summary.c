#include "annex_internal.h"

#include "period.h"

enum { SUM_HEADER = 4, SUM_PLAN, SUM_EXEC, SUM_RATE, SUM_ESTABLISHMENTS, SUM_COUNTERPART };
enum { CMP_TEXT = SUM_COUNTERPART + 2, CMP_HEADER, CMP_PLAN, CMP_EXEC };

static const column summary_columns[] = {
    {"Chỉ tiêu", 58, STYLE_TEXT},
    {"KCQG", 16, STYLE_BILLION},
    {"KCĐP", 16, STYLE_BILLION},
    {"Tổng cộng", 16, STYLE_BILLION},
};

/* "='Tỉnh, thành phố'!F24": the summary shows the province sheet's totals. */
static void put_province_total(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                               enum province_column pc, lxw_format *f)
{
    char ref[16];
    cell_name(ref, annex_province_total_row(a), pc);
    annex_put_formula(a, ws, row, col, f, annex_province_column_total(a->r, pc),
                      "=" REF_PROVINCES "%s", ref);
}

static void write_summary_rates(annex *a, lxw_worksheet *ws)
{
    const region *r = a->r;
    annex_put_text(a, ws, SUM_RATE, 0, "Tỷ lệ thực hiện so với kế hoạch năm (%)",
                   a->plain[STYLE_TEXT]);
    /* Unlike the tables' rates (annex_put_rate), these divide one row by another. */
    for (int s = 0; s <= SOURCE_COUNT; s++) {
        const figures *f = s < SOURCE_COUNT ? &r->by_source[s] : &r->total;
        ratio q = figures_execution_rate(f);
        lxw_format *fmt = a->plain[s < SOURCE_COUNT ? STYLE_RATE2 : STYLE_RATE1];
        char num[16], den[16];
        cell_name(num, SUM_EXEC, (lxw_col_t)(1 + s));
        cell_name(den, SUM_PLAN, (lxw_col_t)(1 + s));
        if (q.den == 0)
            annex_put_blank(a, ws, SUM_RATE, (lxw_col_t)(1 + s), fmt);
        else
            annex_put_formula(a, ws, SUM_RATE, (lxw_col_t)(1 + s), fmt, ratio_value(q), "=%s/%s",
                              num, den);
    }
}

/* The workbook is written in constant-memory mode (annex_write_opt): every sheet row by row,
 * each row whole before the next one starts. */
static void write_summary_figures(annex *a, lxw_worksheet *ws)
{
    lxw_format *m = a->plain[STYLE_BILLION];
    buf label = BUF_INIT;
    buf_printf(&label, "Kế hoạch năm %d (tỷ đồng)", a->r->current->year);
    annex_put_text(a, ws, SUM_PLAN, 0, label.data, a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_PLAN, 1, PC_QG_PLAN, m);
    put_province_total(a, ws, SUM_PLAN, 2, PC_DP_PLAN, m);
    annex_put_row_sum(a, ws, SUM_PLAN, 3, 1, 2, m, billion(a->r->total.plan));
    buf_clear(&label);
    buf_puts(&label, "Thực hiện đến hết ");
    period_label(&label, a->r->current->year, a->r->current->month);
    buf_puts(&label, " (tỷ đồng)");
    annex_put_text(a, ws, SUM_EXEC, 0, label.data, a->plain[STYLE_TEXT]);
    buf_free(&label);
    put_province_total(a, ws, SUM_EXEC, 1, PC_QG_EXEC, m);
    put_province_total(a, ws, SUM_EXEC, 2, PC_DP_EXEC, m);
    annex_put_row_sum(a, ws, SUM_EXEC, 3, 1, 2, m, billion(a->r->total.executed));
    write_summary_rates(a, ws);
    annex_put_text(a, ws, SUM_ESTABLISHMENTS, 0, "Số cơ sở công nghiệp nông thôn được hỗ trợ",
                   a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_ESTABLISHMENTS, 3, PC_ESTABLISHMENTS, a->plain[STYLE_COUNT]);
    annex_put_text(a, ws, SUM_COUNTERPART, 0, "Vốn đối ứng của các cơ sở (tỷ đồng)",
                   a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_COUNTERPART, 3, PC_COUNTERPART, m);
}

static void write_comparison_header(annex *a, lxw_worksheet *ws)
{
    buf now = BUF_INIT, before = BUF_INIT;
    period_label(&now, a->r->current->year, a->r->current->month);
    period_label(&before, a->r->current->year - 1, a->r->current->month);
    buf_puts(&now, " (cùng phạm vi, tỷ đồng)");
    buf_puts(&before, " (tỷ đồng)");
    annex_put_text(a, ws, CMP_HEADER, 0, "Chỉ tiêu", a->header);
    annex_put_text(a, ws, CMP_HEADER, 1, now.data, a->header);
    annex_put_text(a, ws, CMP_HEADER, 2, before.data, a->header);
    annex_put_text(a, ws, CMP_HEADER, 3, "So sánh (%)", a->header);
    annex_fail_at(a, worksheet_set_row(ws, CMP_HEADER, 45, NULL), "%s: header row", ws->name);
    buf_free(&now);
    buf_free(&before);
}

/* Like for like: both columns over the provinces valid in both periods. */
static void write_comparison(annex *a, lxw_worksheet *ws)
{
    const region *r = a->r;
    lxw_format *m = a->plain[STYLE_BILLION];
    write_comparison_header(a, ws);
    annex_put_text(a, ws, CMP_PLAN, 0,
                   "Kế hoạch năm; so sánh: mức tăng (+), giảm (−) so với năm trước",
                   a->plain[STYLE_TEXT]);
    annex_put_comparable_sum(a, ws, CMP_PLAN, 1, REF_PROVINCES, PC_PLAN, m,
                             billion(r->comparable_total.plan));
    put_province_total(a, ws, CMP_PLAN, 2, PC_PREV_PLAN, m);
    ratio change = figures_plan_change(&r->comparable_total, &r->previous_total);
    if (change.den == 0)
        annex_put_blank(a, ws, CMP_PLAN, 3, a->plain[STYLE_CHANGE]);
    else
        annex_put_formula(a, ws, CMP_PLAN, 3, a->plain[STYLE_CHANGE], ratio_value(change),
                          "=(B%d-C%d)/C%d", CMP_PLAN + 1, CMP_PLAN + 1, CMP_PLAN + 1);
    annex_put_text(a, ws, CMP_EXEC, 0, "Thực hiện đến hết kỳ; so sánh: bằng … % cùng kỳ năm trước",
                   a->plain[STYLE_TEXT]);
    annex_put_comparable_sum(a, ws, CMP_EXEC, 1, REF_PROVINCES, PC_EXEC, m,
                             billion(r->comparable_total.executed));
    put_province_total(a, ws, CMP_EXEC, 2, PC_PREV_EXEC, m);
    ratio same = figures_same_period_ratio(&r->comparable_total, &r->previous_total);
    if (same.den == 0)
        annex_put_blank(a, ws, CMP_EXEC, 3, a->plain[STYLE_RATE1]);
    else
        annex_put_formula(a, ws, CMP_EXEC, 3, a->plain[STYLE_RATE1], ratio_value(same), "=B%d/C%d",
                          CMP_EXEC + 1, CMP_EXEC + 1);
}

void annex_write_summary(annex *a)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_SUMMARY);
    buf note = BUF_INIT;
    annex_describe_coverage(a->r, &note);
    annex_write_title(a, ws, "Kinh phí khuyến công khu vực phía Nam", note.data);
    annex_put_text(a, ws, 2, 0,
                   "Đơn vị: tỷ đồng. Chi tiết ở các sheet «" SHEET_PROVINCES "», «" SHEET_CONTENTS
                   "», «" SHEET_LINES "»; đơn vị, định nghĩa và cách tính ở sheet «" SHEET_NOTES
                   "».",
                   NULL);
    annex_write_header(a, ws, SUM_HEADER, summary_columns, 4);
    write_summary_figures(a, ws);
    buf_clear(&note);
    annex_describe_comparison(a->r, &note);
    annex_put_text(a, ws, CMP_TEXT, 0, note.data, a->plain[STYLE_TEXT]);
    buf_free(&note);
    if (a->r->previous && a->r->n_comparable > 0)
        write_comparison(a, ws);
    worksheet_freeze_panes(ws, SUM_HEADER + 1, 1);
    annex_setup_print(a, ws, SUM_HEADER);
}
