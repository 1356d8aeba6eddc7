#include "model_value.h"

#include <stdio.h>

#include "number.h"

void model_set_buf(mustache_value *map, const char *key, buf *b)
{
    mustache_map_set_string(map, key, b->data ? b->data : "");
    buf_clear(b);
}

/* Formats `value` with `format` and sets it under `key`. */
static void set_formatted(mustache_value *map, const char *key, int64_t value,
                          void (*format)(buf *, int64_t))
{
    buf b = BUF_INIT;
    format(&b, value);
    model_set_buf(map, key, &b);
    buf_free(&b);
}

void model_set_billion(mustache_value *map, const char *key, int64_t thousands)
{
    set_formatted(map, key, thousands, number_format_billion);
}

void model_set_billion_cell(mustache_value *map, const char *key, int64_t thousands)
{
    if (thousands == 0)
        mustache_map_set_string(map, key, "0");
    else
        model_set_billion(map, key, thousands);
}

void model_set_million(mustache_value *map, const char *key, int64_t thousands)
{
    set_formatted(map, key, thousands, number_format_million);
}

void model_set_count(mustache_value *map, const char *key, int64_t count)
{
    set_formatted(map, key, count, number_format_count);
}

void model_set_percent(mustache_value *map, const char *key, ratio q, int decimals)
{
    if (q.den == 0) {
        mustache_map_set_string(map, key, MODEL_NO_FIGURE);
        return;
    }
    buf b = BUF_INIT;
    number_format_percent(&b, q.num, q.den, decimals);
    model_set_buf(map, key, &b);
    buf_free(&b);
}

void model_signed_change(buf *out, ratio change)
{
    buf value = BUF_INIT;
    int sign =
        number_format_percent_magnitude(&value, change.num, change.den, MODEL_CHANGE_DECIMALS);
    buf_printf(out, "%s%s", sign < 0 ? "−" : sign > 0 ? "+" : "", value.data);
    buf_free(&value);
}

void model_change_in_words(buf *out, ratio change)
{
    buf value = BUF_INIT;
    int sign =
        number_format_percent_magnitude(&value, change.num, change.den, MODEL_CHANGE_DECIMALS);
    if (sign == 0)
        buf_puts(out, "không đổi");
    else
        buf_printf(out, "%s %s", sign < 0 ? "giảm" : "tăng", value.data);
    buf_free(&value);
}

mustache_value *model_figures(const figures *f, int rate_decimals, bool cell)
{
    mustache_value *m = mustache_map_new();
    void (*amount)(mustache_value *, const char *, int64_t) =
        cell ? model_set_billion_cell : model_set_billion;
    amount(m, "plan", f->plan);
    amount(m, "executed", f->executed);
    model_set_percent(m, "rate", figures_execution_rate(f), rate_decimals);
    model_set_count(m, "establishments", f->establishments);
    amount(m, "counterpart", f->counterpart);
    /* The same amounts for a table's totals row ("…_cell"): a zero shown as "0". */
    model_set_billion_cell(m, "plan_cell", f->plan);
    model_set_billion_cell(m, "executed_cell", f->executed);
    model_set_billion_cell(m, "counterpart_cell", f->counterpart);
    model_set_count(m, "lines", (int64_t)f->lines);
    return m;
}

static int last_day_of_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[(month - 1) % 12];
}

mustache_value *model_period(const period *p)
{
    mustache_value *m = mustache_map_new();
    buf b = BUF_INIT;
    mustache_map_set_string(m, "code", p->name);
    buf_printf(&b, "%d", p->year);
    model_set_buf(m, "year", &b);
    buf_printf(&b, "%d", p->month);
    model_set_buf(m, "month", &b);
    period_label(&b, p->year, p->month);
    model_set_buf(m, "label", &b);
    mustache_map_set_bool(m, "full_year", p->month == 12);
    buf_printf(&b, "%d/%d/%d", last_day_of_month(p->year, p->month), p->month, p->year);
    model_set_buf(m, "data_until", &b);
    buf_printf(&b, "%d", 12 - p->month);
    model_set_buf(m, "months_left", &b);
    buf_free(&b);
    return m;
}
