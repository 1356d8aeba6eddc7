#include "annex_internal.h"

#include <stdio.h>

#include "period.h"

static const column province_columns[PC_N] = {
    {"Mã", 5, STYLE_TEXT},
    {"Tỉnh, thành phố", 22, STYLE_TEXT},
    {"Báo cáo kỳ này", 11, STYLE_TEXT},
    {"KH KCQG (triệu đồng)", 13, STYLE_MILLION},
    {"KH KCĐP (triệu đồng)", 13, STYLE_MILLION},
    {"Tổng KH (triệu đồng)", 13, STYLE_MILLION},
    {"TH KCQG (triệu đồng)", 13, STYLE_MILLION},
    {"TH KCĐP (triệu đồng)", 13, STYLE_MILLION},
    {"Tổng TH (triệu đồng)", 13, STYLE_MILLION},
    {"TH/KH (%)", 9, STYLE_RATE1},
    {"Số cơ sở được hỗ trợ", 10, STYLE_COUNT},
    {"Vốn đối ứng (triệu đồng)", 13, STYLE_MILLION},
    {"Số đề án", 9, STYLE_COUNT},
    {"Hợp lệ cả hai kỳ (so sánh được)", 12, STYLE_TEXT},
    {"KH năm trước (triệu đồng)", 12, STYLE_MILLION},
    {"TH cùng kỳ năm trước (triệu đồng)", 12, STYLE_MILLION},
    {"Bằng % cùng kỳ", 10, STYLE_RATE1},
};

lxw_row_t annex_province_total_row(const annex *a)
{
    return PROV_FIRST + (lxw_row_t)a->r->n_provinces;
}

/* A figure of a province row: the sum of its lines on the project-line sheets, the program's
 * exact figure stored as the result. */
static void put_lines_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          enum line_column sum_col, const char *from_source, double value,
                          lxw_format *f)
{
    char key[16];
    snprintf(key, sizeof key, "$A%u", (unsigned)row + 1);
    buf formula = BUF_INIT;
    annex_lines_formula(a, &formula, sum_col, LC_PROVINCE_CODE, key, from_source);
    annex_put_formula_text(a, ws, row, col, f, value, formula.data);
    buf_free(&formula);
}

static void write_province_sources(annex *a, lxw_worksheet *ws, lxw_row_t row,
                                   const province_row *p)
{
    lxw_format *m = a->plain[STYLE_MILLION];
    const figures *qg = &p->by_source[SOURCE_KCQG], *dp = &p->by_source[SOURCE_KCDP];
    const char *kcqg = source_label(SOURCE_KCQG), *kcdp = source_label(SOURCE_KCDP);
    put_lines_sum(a, ws, row, PC_QG_PLAN, LC_PLAN, kcqg, million(qg->plan), m);
    put_lines_sum(a, ws, row, PC_DP_PLAN, LC_PLAN, kcdp, million(dp->plan), m);
    annex_put_row_sum(a, ws, row, PC_PLAN, PC_QG_PLAN, PC_DP_PLAN, m, million(p->total.plan));
    put_lines_sum(a, ws, row, PC_QG_EXEC, LC_EXEC, kcqg, million(qg->executed), m);
    put_lines_sum(a, ws, row, PC_DP_EXEC, LC_EXEC, kcdp, million(dp->executed), m);
    annex_put_row_sum(a, ws, row, PC_EXEC, PC_QG_EXEC, PC_DP_EXEC, m, million(p->total.executed));
    annex_put_rate(a, ws, row, PC_RATE, PC_EXEC, PC_PLAN, figures_execution_rate(&p->total),
                   a->plain[STYLE_RATE1]);
    put_lines_sum(a, ws, row, PC_ESTABLISHMENTS, LC_ESTABLISHMENTS, NULL,
                  (double)p->total.establishments, a->plain[STYLE_COUNT]);
    put_lines_sum(a, ws, row, PC_COUNTERPART, LC_COUNTERPART, NULL, million(p->total.counterpart),
                  m);
    put_lines_sum(a, ws, row, PC_LINES, LC_N, NULL, (double)p->total.lines, a->plain[STYLE_COUNT]);
}

static void write_province_previous(annex *a, lxw_worksheet *ws, lxw_row_t row,
                                    const province_row *p)
{
    lxw_format *m = a->plain[STYLE_MILLION];
    annex_put_number(a, ws, row, PC_PREV_PLAN, million(p->previous_total.plan), m);
    annex_put_number(a, ws, row, PC_PREV_EXEC, million(p->previous_total.executed), m);
    annex_put_rate(a, ws, row, PC_SAME_PERIOD, PC_EXEC, PC_PREV_EXEC,
                   region_province_same_period_ratio(p), a->plain[STYLE_RATE1]);
}

/* Leaves columns first..last empty (a province not in the totals has no figure, not 0). */
static void blank_columns(annex *a, lxw_worksheet *ws, lxw_row_t row, const column *cols,
                          lxw_col_t first, lxw_col_t last)
{
    for (lxw_col_t c = first; c <= last; c++)
        annex_put_blank(a, ws, row, c, a->plain[cols[c].style]);
}

static void write_province_row(annex *a, lxw_worksheet *ws, lxw_row_t row, const province_row *p)
{
    const catalog_entry *e = &a->r->roster->entries[p->province];
    bool comparable = p->comparable;
    annex_put_text(a, ws, row, PC_CODE, e->code, a->plain[STYLE_TEXT]);
    annex_put_text(a, ws, row, PC_NAME, e->name, a->plain[STYLE_TEXT]);
    annex_put_text(a, ws, row, PC_STATE, province_state_label(p->state), a->plain[STYLE_TEXT]);
    if (p->state == PROVINCE_VALID)
        write_province_sources(a, ws, row, p);
    else
        blank_columns(a, ws, row, province_columns, PC_QG_PLAN, PC_LINES);
    annex_put_text(a, ws, row, PC_COMPARABLE, comparable ? COMPARABLE_YES : COMPARABLE_NO,
                   a->plain[STYLE_TEXT]);
    if (comparable)
        write_province_previous(a, ws, row, p);
    else
        blank_columns(a, ws, row, province_columns, PC_PREV_PLAN, PC_SAME_PERIOD);
}

double annex_province_column_total(const region *r, enum province_column c)
{
    const figures *qg = &r->by_source[SOURCE_KCQG], *dp = &r->by_source[SOURCE_KCDP];
    switch (c) {
    case PC_QG_PLAN:
        return million(qg->plan);
    case PC_DP_PLAN:
        return million(dp->plan);
    case PC_PLAN:
        return million(r->total.plan);
    case PC_QG_EXEC:
        return million(qg->executed);
    case PC_DP_EXEC:
        return million(dp->executed);
    case PC_EXEC:
        return million(r->total.executed);
    case PC_ESTABLISHMENTS:
        return (double)r->total.establishments;
    case PC_COUNTERPART:
        return million(r->total.counterpart);
    case PC_LINES:
        return (double)r->total.lines;
    case PC_PREV_PLAN:
        return million(r->previous_total.plan);
    case PC_PREV_EXEC:
        return million(r->previous_total.executed);
    default:
        return 0;
    }
}

void annex_put_comparable_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                              const char *sheet_ref, lxw_col_t sum_col, lxw_format *f, double value)
{
    char sum[32], crit[32];
    lxw_row_t last = PROV_FIRST + (lxw_row_t)a->r->n_provinces - 1;
    lxw_rowcol_to_range_abs(sum, PROV_FIRST, sum_col, last, sum_col);
    lxw_rowcol_to_range_abs(crit, PROV_FIRST, PC_COMPARABLE, last, PC_COMPARABLE);
    annex_put_formula(a, ws, row, col, f, value, "=SUMIFS(%s%s,%s%s,\"" COMPARABLE_YES "\")",
                      sheet_ref, sum, sheet_ref, crit);
}

static void write_province_comparisons(annex *a, lxw_worksheet *ws, lxw_row_t row)
{
    const region *r = a->r;
    char crit[32], exec[16];
    lxw_row_t last = PROV_FIRST + (lxw_row_t)r->n_provinces - 1;
    lxw_rowcol_to_range(crit, PROV_FIRST, PC_COMPARABLE, last, PC_COMPARABLE);
    annex_put_formula(a, ws, row, PC_COMPARABLE, a->bold[STYLE_COUNT], (double)r->n_comparable,
                      "=COUNTIF(%s,\"" COMPARABLE_YES "\")", crit);
    if (!r->previous || r->n_comparable == 0) {
        blank_columns(a, ws, row, province_columns, PC_PREV_PLAN, PC_SAME_PERIOD);
        return;
    }
    annex_put_column_sum(a, ws, row, PC_PREV_PLAN, PROV_FIRST, last, a->bold[STYLE_MILLION],
                         annex_province_column_total(r, PC_PREV_PLAN));
    annex_put_column_sum(a, ws, row, PC_PREV_EXEC, PROV_FIRST, last, a->bold[STYLE_MILLION],
                         annex_province_column_total(r, PC_PREV_EXEC));
    ratio same = figures_same_period_ratio(&r->comparable_total, &r->previous_total);
    if (same.den == 0) {
        annex_put_blank(a, ws, row, PC_SAME_PERIOD, a->bold[STYLE_RATE1]);
        return;
    }
    /* Like for like: this period's execution over the comparable provinces only. */
    char sum[32];
    lxw_rowcol_to_range(sum, PROV_FIRST, PC_EXEC, last, PC_EXEC);
    cell_name(exec, row, PC_PREV_EXEC);
    annex_put_formula(a, ws, row, PC_SAME_PERIOD, a->bold[STYLE_RATE1], ratio_value(same),
                      "=SUMIFS(%s,%s,\"" COMPARABLE_YES "\")/%s", sum, crit, exec);
}

static void write_province_totals(annex *a, lxw_worksheet *ws, lxw_row_t row)
{
    const region *r = a->r;
    lxw_row_t last = row - 1;
    char state[48];
    snprintf(state, sizeof state, "%zu/%zu hợp lệ", r->current->n_valid, r->current->n_roster);
    annex_put_text(a, ws, row, PC_CODE, "", a->bold[STYLE_TEXT]);
    annex_put_text(a, ws, row, PC_NAME, "Toàn vùng", a->bold[STYLE_TEXT]);
    annex_put_text(a, ws, row, PC_STATE, state, a->bold[STYLE_TEXT]);
    static const enum province_column sums[] = {PC_QG_PLAN, PC_DP_PLAN,        PC_PLAN,
                                                PC_QG_EXEC, PC_DP_EXEC,        PC_EXEC,
                                                PC_LINES,   PC_ESTABLISHMENTS, PC_COUNTERPART};
    for (size_t i = 0; i < sizeof sums / sizeof sums[0]; i++)
        annex_put_column_sum(a, ws, row, sums[i], PROV_FIRST, last,
                             a->bold[province_columns[sums[i]].style],
                             annex_province_column_total(r, sums[i]));
    annex_put_rate(a, ws, row, PC_RATE, PC_EXEC, PC_PLAN, figures_execution_rate(&r->total),
                   a->bold[STYLE_RATE1]);
    write_province_comparisons(a, ws, row);
}

void annex_write_provinces(annex *a)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_PROVINCES);
    buf note = BUF_INIT;
    annex_describe_coverage(a->r, &note);
    buf_puts(&note, " ");
    annex_describe_comparison(a->r, &note);
    annex_write_title(a, ws, "Kết quả theo tỉnh, thành phố (triệu đồng)", note.data);
    buf_free(&note);
    annex_write_header(a, ws, PROV_HEADER, province_columns, PC_N);
    annex_setup_table(a, ws, PROV_HEADER, annex_province_total_row(a) - 1, PC_N, PC_NAME + 1);
    for (size_t i = 0; i < a->r->n_provinces; i++)
        write_province_row(a, ws, PROV_FIRST + (lxw_row_t)i, &a->r->provinces[i]);
    write_province_totals(a, ws, annex_province_total_row(a));
}
