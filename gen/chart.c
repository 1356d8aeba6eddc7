#include "chart.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "number.h"
#include "svg.h"

/* Texts of one chart, kept alive until it is drawn. */
typedef struct chart_texts {
    char **items;
    size_t count;
    size_t cap;
} chart_texts;

static const char *keep(chart_texts *t, buf *b)
{
    t->items = xgrow(t->items, &t->cap, t->count + 1, sizeof *t->items);
    t->items[t->count] = buf_detach(b);
    return t->items[t->count++];
}

static void forget(chart_texts *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->items[i]);
    free(t->items);
    memset(t, 0, sizeof *t);
}

static const char *billion_text(chart_texts *t, int64_t thousands)
{
    buf b = BUF_INIT;
    number_format_billion(&b, thousands);
    return keep(t, &b);
}

/* Bar lengths are geometry, not money: a double is exact enough to place a bar. */
static double billions(int64_t thousands)
{
    return (double)thousands / 1e6;
}

/* The smallest of 1, 2 or 5 times a power of ten that spans `max` in at most eight steps. */
static int64_t round_step(int64_t max)
{
    static const int64_t multiples[] = {1, 2, 5};
    for (int64_t power = 1;; power *= 10)
        for (int k = 0; k < 3; k++)
            if (multiples[k] * power * 8 >= max)
                return multiples[k] * power;
}

/* Axis ticks at a round step in million VND; labels in tỷ đồng with only the decimals the
 * step needs. */
static void money_axis(svg_bar_chart *c, chart_texts *t, int64_t max_thousands)
{
    int64_t max_millions = (max_thousands + 500) / 1000; /* non-negative: half rounds up */
    int64_t step = round_step(max_millions);
    int decimals = step % 1000 == 0 ? 0 : step % 100 == 0 ? 1 : step % 10 == 0 ? 2 : 3;
    int64_t unit = decimals == 0 ? 1000 : decimals == 1 ? 100 : decimals == 2 ? 10 : 1;
    int64_t top = (max_millions / step + 1) * step;
    c->axis_max = (double)top / 1000.0;
    c->n_ticks = 0;
    for (int64_t v = 0; v <= top && c->n_ticks < SVG_MAX_TICKS; v += step) {
        buf b = BUF_INIT;
        number_format_fixed(&b, v / unit, decimals);
        c->ticks[c->n_ticks] = (double)v / 1000.0;
        c->tick_labels[c->n_ticks++] = keep(t, &b);
    }
}

static void percent_axis(svg_bar_chart *c, chart_texts *t, double max_percent)
{
    double top = 100;
    while (top < max_percent && top < 1000)
        top += 25;
    c->axis_max = top;
    c->n_ticks = 0;
    for (int v = 0; v <= (int)top && c->n_ticks<SVG_MAX_TICKS; v += top> 200 ? 50 : 25) {
        buf b = BUF_INIT;
        buf_printf(&b, "%d%%", v);
        c->ticks[c->n_ticks] = v;
        c->tick_labels[c->n_ticks++] = keep(t, &b);
    }
}

static char *draw(const svg_bar_chart *c)
{
    buf b = BUF_INIT;
    svg_bar_chart_render(&b, c);
    return buf_detach(&b);
}

static char *provinces_chart(const region *r)
{
    chart_texts t = {0};
    const int *idx = r->by_plan;
    svg_bar_row *rows = xcalloc(r->n_provinces, sizeof *rows);
    int64_t max = 1;
    for (size_t i = 0; i < r->n_provinces; i++) {
        const province_row *p = &r->provinces[idx[i]];
        rows[i].label = r->roster->entries[p->province].name;
        if (p->state != PROVINCE_VALID) {
            rows[i].value_labels[0] = province_state_label(p->state);
            rows[i].value_labels[1] = "";
            continue;
        }
        rows[i].values[0] = billions(p->total.plan);
        rows[i].values[1] = billions(p->total.executed);
        rows[i].value_labels[0] = billion_text(&t, p->total.plan);
        rows[i].value_labels[1] = billion_text(&t, p->total.executed);
        max = p->total.plan > max ? p->total.plan : max;
        max = p->total.executed > max ? p->total.executed : max;
    }
    buf desc = BUF_INIT;
    buf_printf(&desc,
               "Biểu đồ thanh ngang: kế hoạch năm và kinh phí đã thực hiện của %zu tỉnh, "
               "thành phố, xếp theo kế hoạch giảm dần, đơn vị tỷ đồng; mỗi thanh ghi giá trị.",
               r->n_provinces);
    svg_bar_chart c = {.id = "provinces",
                       .title = "Kế hoạch và thực hiện theo tỉnh, thành phố (tỷ đồng)",
                       .desc = keep(&t, &desc),
                       .series = {"Kế hoạch năm", "Đã thực hiện"},
                       .n_series = 2,
                       .rows = rows,
                       .n_rows = r->n_provinces};
    money_axis(&c, &t, max);
    char *svg = draw(&c);
    free(rows);
    forget(&t);
    return svg;
}

static char *rates_chart(const region *r)
{
    chart_texts t = {0};
    const int *idx = r->by_rate;
    svg_bar_row *rows = xcalloc(r->n_provinces, sizeof *rows);
    double max = 0;
    for (size_t i = 0; i < r->n_provinces; i++) {
        const province_row *p = &r->provinces[idx[i]];
        rows[i].label = r->roster->entries[p->province].name;
        ratio rate = figures_execution_rate(&p->total);
        if (p->state != PROVINCE_VALID || rate.den == 0) {
            rows[i].value_labels[0] =
                p->state != PROVINCE_VALID ? province_state_label(p->state) : "—";
            continue;
        }
        buf b = BUF_INIT;
        number_format_percent(&b, rate.num, rate.den, 1);
        rows[i].value_labels[0] = keep(&t, &b);
        rows[i].values[0] = 100.0 * (double)rate.num / (double)rate.den;
        max = rows[i].values[0] > max ? rows[i].values[0] : max;
    }
    ratio elapsed = region_year_elapsed(r);
    buf label = BUF_INIT, desc = BUF_INIT;
    number_format_percent(&label, elapsed.num, elapsed.den, 0);
    buf_puts(&label, " thời gian của năm");
    buf_printf(&desc,
               "Biểu đồ thanh ngang: tỷ lệ kinh phí đã thực hiện so với kế hoạch năm của từng "
               "tỉnh, thành phố, xếp giảm dần; đường đứt nét đánh dấu %s.",
               label.data);
    svg_bar_chart c = {.id = "rates",
                       .title = "Tỷ lệ thực hiện so với kế hoạch năm",
                       .desc = keep(&t, &desc),
                       .series = {"Tỷ lệ thực hiện"},
                       .n_series = 1,
                       .rows = rows,
                       .n_rows = r->n_provinces,
                       .has_reference = true,
                       .reference = 100.0 * (double)elapsed.num / (double)elapsed.den,
                       .reference_label = keep(&t, &label)};
    percent_axis(&c, &t, max);
    char *svg = draw(&c);
    free(rows);
    forget(&t);
    return svg;
}

static char *contents_chart(const region *r)
{
    chart_texts t = {0};
    svg_bar_row *rows = xcalloc(r->n_contents, sizeof *rows);
    int64_t max = 1;
    for (size_t i = 0; i < r->n_contents; i++) {
        const content_row *c = &r->content_rows[i];
        const catalog_entry *e = &r->contents->entries[c->content];
        buf b = BUF_INIT;
        buf_printf(&b, "%s %s", e->code, e->name);
        rows[i].label = keep(&t, &b);
        rows[i].values[0] = billions(c->total.plan);
        rows[i].values[1] = billions(c->total.executed);
        rows[i].value_labels[0] = billion_text(&t, c->total.plan);
        rows[i].value_labels[1] = billion_text(&t, c->total.executed);
        max = c->total.plan > max ? c->total.plan : max;
        max = c->total.executed > max ? c->total.executed : max;
    }
    svg_bar_chart c = {.id = "contents",
                       .title = "Kế hoạch và thực hiện theo nội dung khuyến công (tỷ đồng)",
                       .desc = "Biểu đồ thanh ngang: kế hoạch năm và kinh phí đã thực hiện của "
                               "từng nội dung khuyến công, theo thứ tự mã nội dung, đơn vị tỷ "
                               "đồng; mỗi thanh ghi giá trị.",
                       .series = {"Kế hoạch năm", "Đã thực hiện"},
                       .n_series = 2,
                       .rows = rows,
                       .n_rows = r->n_contents};
    money_axis(&c, &t, max);
    char *svg = draw(&c);
    free(rows);
    forget(&t);
    return svg;
}

void chart_set_build(chart_set *set, const region *r)
{
    set->charts[0] = (chart){"chart-provinces.svg", provinces_chart(r)};
    set->charts[1] = (chart){"chart-rates.svg", rates_chart(r)};
    set->charts[2] = (chart){"chart-contents.svg", contents_chart(r)};
}

void chart_set_free(chart_set *set)
{
    for (int i = 0; i < CHART_COUNT; i++)
        free(set->charts[i].svg);
    memset(set, 0, sizeof *set);
}
