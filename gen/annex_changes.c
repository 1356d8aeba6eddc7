/* annex_changes.c - the sheet of the previous period's provinces (Tỉnh trước sắp xếp): each
 * with its figures then and the province of this period that holds its territory now, or where
 * it went outside the region. Written only when the provinces changed between the periods. */
#include "annex_internal.h"

#include "day.h"
#include "period.h"

enum { CH_HEADER = 2, CH_FIRST = 3 };

enum change_column {
    CC_CODE,
    CC_NAME,
    CC_STATE,
    CC_QG_PLAN,
    CC_DP_PLAN,
    CC_PLAN,
    CC_QG_EXEC,
    CC_DP_EXEC,
    CC_EXEC,
    CC_NOW_CODE,
    CC_NOW_NAME,
    CC_SINCE,
    CC_NOTE,
    CC_N
};

static const column change_columns[CC_N] = {
    {"Mã (kỳ trước)", 7, STYLE_TEXT},
    {"Tỉnh, thành phố (kỳ trước)", 22, STYLE_TEXT},
    {"Báo cáo kỳ trước", 11, STYLE_TEXT},
    {"KH KCQG (triệu đồng)", 13, STYLE_MILLION},
    {"KH KCĐP (triệu đồng)", 13, STYLE_MILLION},
    {"Tổng KH (triệu đồng)", 13, STYLE_MILLION},
    {"TH KCQG (triệu đồng)", 13, STYLE_MILLION},
    {"TH KCĐP (triệu đồng)", 13, STYLE_MILLION},
    {"Tổng TH (triệu đồng)", 13, STYLE_MILLION},
    {"Mã nay thuộc", 7, STYLE_TEXT},
    {"Nay thuộc tỉnh, thành phố", 22, STYLE_TEXT},
    {"Từ ngày", 11, STYLE_TEXT},
    {"Ghi chú", 40, STYLE_WRAP},
};

static void write_change_row(annex *a, lxw_worksheet *ws, lxw_row_t row, const earlier_row *e)
{
    const region *r = a->r;
    const catalog_entry *then = &r->previous_roster->entries[e->province];
    lxw_format *text = a->plain[STYLE_TEXT], *money = a->plain[STYLE_MILLION];
    annex_put_text(a, ws, row, CC_CODE, then->code, text);
    annex_put_text(a, ws, row, CC_NAME, then->name, text);
    annex_put_text(a, ws, row, CC_STATE, province_state_label(e->state), text);
    annex_put_number(a, ws, row, CC_QG_PLAN, million(e->by_source[SOURCE_KCQG].plan), money);
    annex_put_number(a, ws, row, CC_DP_PLAN, million(e->by_source[SOURCE_KCDP].plan), money);
    annex_put_row_sum(a, ws, row, CC_PLAN, CC_QG_PLAN, CC_DP_PLAN, money, million(e->total.plan));
    annex_put_number(a, ws, row, CC_QG_EXEC, million(e->by_source[SOURCE_KCQG].executed), money);
    annex_put_number(a, ws, row, CC_DP_EXEC, million(e->by_source[SOURCE_KCDP].executed), money);
    annex_put_row_sum(a, ws, row, CC_EXEC, CC_QG_EXEC, CC_DP_EXEC, money,
                      million(e->total.executed));
    buf since = BUF_INIT, note = BUF_INIT;
    if (e->since != DAY_NONE_BEFORE)
        day_format(&since, e->since);
    if (e->holder >= 0) {
        const catalog_entry *now = &r->roster->entries[e->holder];
        annex_put_text(a, ws, row, CC_NOW_CODE, now->code, text);
        annex_put_text(a, ws, row, CC_NOW_NAME, now->name, text);
        buf_puts(&note, e->state == PROVINCE_VALID
                            ? "Cộng vào số liệu so sánh của tỉnh, thành phố nay thuộc"
                            : "Chưa có báo cáo hợp lệ: tỉnh, thành phố nay thuộc không được so "
                              "sánh với cùng kỳ");
    } else {
        buf_printf(&note, "Nhập vào %s%s%s%s, ngoài khu vực: không tính vào số liệu so sánh",
                   e->left_to_name ? e->left_to_name : "tỉnh khác", e->left_to_code ? " (" : "",
                   e->left_to_code ? e->left_to_code : "", e->left_to_code ? ")" : "");
    }
    annex_put_text(a, ws, row, CC_SINCE, since.data ? since.data : "", text);
    annex_put_text(a, ws, row, CC_NOTE, note.data, a->plain[STYLE_WRAP]);
    annex_fit_row(a, ws, row, note.data, change_columns[CC_NOTE].width);
    buf_free(&since);
    buf_free(&note);
}

void annex_write_changes(annex *a)
{
    const region *r = a->r;
    if (!r->previous || !r->changed)
        return;
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_CHANGES);
    buf label = BUF_INIT, title = BUF_INIT;
    period_label(&label, r->previous->year, r->previous->month);
    buf_printf(&title,
               "Số liệu %s theo tỉnh, thành phố trước sắp xếp và tỉnh, thành phố nay tiếp nhận "
               "địa bàn (số liệu so sánh được quy đổi theo địa giới mới)",
               label.data);
    annex_write_title(a, ws, "Tỉnh, thành phố trước sắp xếp", title.data);
    buf_free(&label);
    buf_free(&title);
    annex_write_header(a, ws, CH_HEADER, change_columns, CC_N);
    lxw_row_t last = CH_HEADER + (lxw_row_t)r->n_earlier;
    annex_setup_table(a, ws, CH_HEADER, last, CC_N, CC_NAME + 1);
    lxw_row_t row = CH_FIRST;
    for (size_t i = 0; i < r->n_earlier; i++)
        write_change_row(a, ws, row++, &r->earlier[i]);
    /* The totals of the previous period's provinces, those that left included. */
    figures by_source[SOURCE_COUNT] = {{0}}, total = {0};
    for (size_t i = 0; i < r->n_earlier; i++) {
        for (int s = 0; s < SOURCE_COUNT; s++)
            figures_add(&by_source[s], &r->earlier[i].by_source[s]);
        figures_add(&total, &r->earlier[i].total);
    }
    lxw_format *bold = a->bold[STYLE_MILLION];
    annex_put_text(a, ws, row, CC_NAME, "Tổng cộng", a->bold[STYLE_TEXT]);
    annex_put_column_sum(a, ws, row, CC_QG_PLAN, CH_FIRST, last, bold,
                         million(by_source[SOURCE_KCQG].plan));
    annex_put_column_sum(a, ws, row, CC_DP_PLAN, CH_FIRST, last, bold,
                         million(by_source[SOURCE_KCDP].plan));
    annex_put_column_sum(a, ws, row, CC_PLAN, CH_FIRST, last, bold, million(total.plan));
    annex_put_column_sum(a, ws, row, CC_QG_EXEC, CH_FIRST, last, bold,
                         million(by_source[SOURCE_KCQG].executed));
    annex_put_column_sum(a, ws, row, CC_DP_EXEC, CH_FIRST, last, bold,
                         million(by_source[SOURCE_KCDP].executed));
    annex_put_column_sum(a, ws, row, CC_EXEC, CH_FIRST, last, bold, million(total.executed));
}
