#include "annex_internal.h"

#include "alloc.h"
#include "period.h"

/* libxlsxwriter caches a formula cell as 0 in a chart's data (it does not know the result), and
 * nothing at all from a sheet written in constant-memory mode, so viewers that draw a chart from
 * its cache (phones, previews) would show empty bars: the series caches the program's values
 * instead, and no figure for a province not in the totals. */
static void cache_series(const annex *a, lxw_series_range *range, enum province_column c)
{
    range->ignore_cache = LXW_TRUE; /* keeps libxlsxwriter from filling it when closing */
    for (size_t i = 0; i < a->r->n_provinces && i < UINT16_MAX; i++) {
        const province_row *p = &a->r->provinces[i];
        lxw_series_data_point *point = xcalloc(1, sizeof *point); /* freed by libxlsxwriter */
        if (p->state == PROVINCE_VALID)
            point->number = million(c == PC_PLAN ? p->total.plan : p->total.executed);
        else
            point->no_data = LXW_TRUE;
        STAILQ_INSERT_TAIL(range->data_cache, point, list_pointers);
        range->num_data_points++;
    }
}

/* The province names under the bars, cached for the same viewers. */
static void cache_categories(const annex *a, lxw_series_range *range)
{
    range->ignore_cache = LXW_TRUE;
    range->has_string_cache = LXW_TRUE;
    for (size_t i = 0; i < a->r->n_provinces && i < UINT16_MAX; i++) {
        lxw_series_data_point *point = xcalloc(1, sizeof *point); /* freed by libxlsxwriter */
        point->is_string = LXW_TRUE;
        point->string = xstrdup(a->r->roster->entries[a->r->provinces[i].province].name);
        STAILQ_INSERT_TAIL(range->data_cache, point, list_pointers);
        range->num_data_points++;
    }
}

enum { CHART_NOTE_ROW = 33 };

void annex_write_chart(annex *a)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_CHART);
    lxw_chart *chart = workbook_add_chart(a->wb, LXW_CHART_COLUMN);
    if (!chart)
        alloc_failed();
    lxw_row_t first = PROV_FIRST, last = PROV_FIRST + (lxw_row_t)a->r->n_provinces - 1;
    static const enum province_column series_columns[] = {PC_PLAN, PC_EXEC};
    static const char *const series_names[] = {"Kế hoạch năm", "Thực hiện đến hết kỳ"};
    for (size_t i = 0; i < 2; i++) {
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (!series)
            alloc_failed();
        chart_series_set_categories(series, SHEET_PROVINCES, first, PC_NAME, last, PC_NAME);
        chart_series_set_values(series, SHEET_PROVINCES, first, series_columns[i], last,
                                series_columns[i]);
        cache_categories(a, series->categories);
        cache_series(a, series->values, series_columns[i]);
        chart_series_set_name(series, series_names[i]);
    }
    buf title = BUF_INIT;
    buf_puts(&title, "Kế hoạch năm và thực hiện theo tỉnh, thành phố, ");
    period_label(&title, a->r->current->year, a->r->current->month);
    buf_puts(&title, " (triệu đồng)");
    chart_title_set_name(chart, title.data);
    chart_axis_set_num_format(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y), "#,##0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options placement = {
        .x_offset = 10, .y_offset = 10, .x_scale = 2.2, .y_scale = 2.2, .description = title.data};
    annex_fail_at(a, worksheet_insert_chart_opt(ws, 0, 0, chart, &placement), "%s: chart",
                  ws->name);
    buf_free(&title);
    /* Below the chart (about 32 rows high), where its figures are. The line also keeps the
     * sheet from being empty: libxlsxwriter 1.1.4 never closes the temporary file of an empty
     * constant-memory sheet. */
    annex_put_text(a, ws, CHART_NOTE_ROW, 0,
                   "Số liệu của biểu đồ: cột «Tổng KH (triệu đồng)» và «Tổng TH (triệu đồng)» của biểu "
                   "«" SHEET_PROVINCES "».",
                   NULL);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 1);
}
