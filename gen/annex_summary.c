#include "annex_internal.h"

#include "period.h"

enum { SUM_HEADER = 4, SUM_PLAN, SUM_EXEC, SUM_RATE, SUM_ESTABLISHMENTS, SUM_COUNTERPART };
enum { CMP_TEXT = SUM_COUNTERPART + 2, CMP_HEADER };

static const column summary_columns[] = {
    {"Chỉ tiêu", 58, STYLE_TEXT},
    {"KCQG", 16, STYLE_MILLION},
    {"KCĐP", 16, STYLE_MILLION},
    {"Tổng cộng", 16, STYLE_MILLION},
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
    lxw_format *m = a->plain[STYLE_MILLION];
    buf label = BUF_INIT;
    buf_printf(&label, "Kế hoạch năm %d (triệu đồng)", a->r->current->year);
    annex_put_text(a, ws, SUM_PLAN, 0, label.data, a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_PLAN, 1, PC_QG_PLAN, m);
    put_province_total(a, ws, SUM_PLAN, 2, PC_DP_PLAN, m);
    annex_put_row_sum(a, ws, SUM_PLAN, 3, 1, 2, m, million(a->r->total.plan));
    buf_clear(&label);
    buf_puts(&label, "Thực hiện ");
    period_label(&label, a->r->current->year, a->r->current->month);
    buf_puts(&label, " (triệu đồng)");
    annex_put_text(a, ws, SUM_EXEC, 0, label.data, a->plain[STYLE_TEXT]);
    buf_free(&label);
    put_province_total(a, ws, SUM_EXEC, 1, PC_QG_EXEC, m);
    put_province_total(a, ws, SUM_EXEC, 2, PC_DP_EXEC, m);
    annex_put_row_sum(a, ws, SUM_EXEC, 3, 1, 2, m, million(a->r->total.executed));
    write_summary_rates(a, ws);
    annex_put_text(a, ws, SUM_ESTABLISHMENTS, 0, "Số cơ sở công nghiệp nông thôn được hỗ trợ",
                   a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_ESTABLISHMENTS, 3, PC_ESTABLISHMENTS, a->plain[STYLE_COUNT]);
    annex_put_text(a, ws, SUM_COUNTERPART, 0, "Vốn đối ứng của các cơ sở (triệu đồng)",
                   a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_COUNTERPART, 3, PC_COUNTERPART, m);
}

/* "KH 2024", "TH 9T/2024" or, for a whole year, "TH năm 2024": the headings of the official
 * annex forms. */
static void plan_heading(buf *b, int year)
{
    buf_printf(b, "KH %d (triệu đồng)", year);
}

static void executed_heading(buf *b, int year, int month)
{
    if (month == 12)
        buf_printf(b, "TH năm %d (triệu đồng)", year);
    else
        buf_printf(b, "TH %dT/%d (triệu đồng)", month, year);
}

static void comparison_header(annex *a, lxw_worksheet *ws, lxw_row_t row, bool executed)
{
    int year = a->r->current->year, month = a->r->current->month;
    buf now = BUF_INIT, before = BUF_INIT;
    if (executed) {
        executed_heading(&now, year, month);
        executed_heading(&before, year - 1, month);
    } else {
        plan_heading(&now, year);
        plan_heading(&before, year - 1);
    }
    annex_put_text(a, ws, row, 0, executed ? "Thực hiện so với cùng kỳ năm trước"
                                           : "Kế hoạch năm so với năm trước",
                   a->header);
    annex_put_text(a, ws, row, 1, now.data, a->header);
    annex_put_text(a, ws, row, 2, before.data, a->header);
    annex_put_text(a, ws, row, 3, executed ? "Bằng % cùng kỳ" : "Tăng (+), giảm (−) (%)",
                   a->header);
    annex_fail_at(a, worksheet_set_row(ws, row, 32, NULL), "%s: header row", ws->name);
    buf_free(&now);
    buf_free(&before);
}

/* One row of a comparison table (a source, or the total when `s` is SOURCE_COUNT): this period
 * over the comparable provinces, the year before, and the change or the ratio. */
static void comparison_row(annex *a, lxw_worksheet *ws, lxw_row_t row, int s, bool executed)
{
    const region *r = a->r;
    lxw_format *const *fmt = s < SOURCE_COUNT ? a->plain : a->bold;
    const figures *now = s < SOURCE_COUNT ? &r->comparable_by_source[s] : &r->comparable_total;
    const figures *before = s < SOURCE_COUNT ? &r->previous_by_source[s] : &r->previous_total;
    lxw_format *m = fmt[STYLE_MILLION];
    annex_put_text(a, ws, row, 0, s < SOURCE_COUNT ? source_label((source)s) : "Tổng cộng",
                   fmt[STYLE_TEXT]);
    if (s < SOURCE_COUNT) {
        static const enum province_column plan[] = {PC_QG_PLAN, PC_DP_PLAN};
        static const enum province_column exec[] = {PC_QG_EXEC, PC_DP_EXEC};
        annex_put_comparable_sum(a, ws, row, 1, REF_PROVINCES, executed ? exec[s] : plan[s], m,
                                 million(executed ? now->executed : now->plan));
        /* The year before has no lines in this workbook: its figures by source are numbers. */
        annex_put_number(a, ws, row, 2, million(executed ? before->executed : before->plan), m);
    } else {
        annex_put_column_sum(a, ws, row, 1, row - SOURCE_COUNT, row - 1, m,
                             million(executed ? now->executed : now->plan));
        annex_put_column_sum(a, ws, row, 2, row - SOURCE_COUNT, row - 1, m,
                             million(executed ? before->executed : before->plan));
    }
    ratio q = executed ? figures_same_period_ratio(now, before) : figures_plan_change(now, before);
    lxw_format *f = fmt[executed ? STYLE_RATE1 : STYLE_CHANGE];
    if (q.den == 0)
        annex_put_blank(a, ws, row, 3, f);
    else if (executed)
        annex_put_formula(a, ws, row, 3, f, ratio_value(q), "=B%u/C%u", (unsigned)row + 1,
                          (unsigned)row + 1);
    else
        annex_put_formula(a, ws, row, 3, f, ratio_value(q), "=(B%u-C%u)/C%u", (unsigned)row + 1,
                          (unsigned)row + 1, (unsigned)row + 1);
}

/* Like for like: both columns over the provinces valid in both periods; the plan as KH 2024 |
 * KH 2023 | Tăng/giảm, the execution as TH 9T/2024 | TH 9T/2023 | Bằng % cùng kỳ. */
static void write_comparison(annex *a, lxw_worksheet *ws)
{
    comparison_header(a, ws, CMP_HEADER, false);
    for (int s = 0; s <= SOURCE_COUNT; s++)
        comparison_row(a, ws, CMP_HEADER + 1 + (lxw_row_t)s, s, false);
    lxw_row_t exec_header = CMP_HEADER + SOURCE_COUNT + 3;
    comparison_header(a, ws, exec_header, true);
    for (int s = 0; s <= SOURCE_COUNT; s++)
        comparison_row(a, ws, exec_header + 1 + (lxw_row_t)s, s, true);
}

void annex_write_summary(annex *a)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_SUMMARY);
    buf note = BUF_INIT;
    annex_describe_coverage(a->r, &note);
    annex_write_title(a, ws, "Kinh phí khuyến công khu vực phía Nam", note.data);
    annex_put_text(a, ws, 2, 0,
                   "Đơn vị: triệu đồng. Chi tiết ở các biểu «" SHEET_PROVINCES "», «" SHEET_CONTENTS
                   "», «" SHEET_LINES "»; điểm cần kiểm tra ở biểu «" SHEET_CHECKS
                   "»; đơn vị, định nghĩa và cách tính ở biểu «" SHEET_NOTES "».",
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
