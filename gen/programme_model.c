#include "programme_model.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "day.h"
#include "escape.h"
#include "model_value.h"
#include "number.h"
#include "svg.h"

enum { SHARE_DECIMALS = 1 };

static void set_int(mustache_value *m, const char *key, int64_t n)
{
    buf b = BUF_INIT;
    buf_printf(&b, "%lld", (long long)n);
    model_set_buf(m, key, &b);
    buf_free(&b);
}

/* "tăng 12,3%", "giảm 8,1%", "không đổi"; "—" when there is nothing to compare. */
static void set_change(mustache_value *m, const char *key, ratio q)
{
    if (q.den == 0) {
        mustache_map_set_string(m, key, MODEL_NO_FIGURE);
        return;
    }
    buf words = BUF_INIT;
    model_change_in_words(&words, q);
    model_set_buf(m, key, &words);
    buf_free(&words);
}

/* plan, executed, rate, establishments, counterpart, lines; the sources' amounts, rates and
 * KCQG's share of the executed amount. */
static void set_figures(mustache_value *m, const figures *total,
                        const figures by_source[SOURCE_COUNT])
{
    model_set_billion(m, "plan", total->plan);
    model_set_billion(m, "executed", total->executed);
    model_set_percent(m, "rate", figures_execution_rate(total), MODEL_TOTAL_RATE_DECIMALS);
    model_set_count(m, "establishments", total->establishments);
    model_set_billion(m, "counterpart", total->counterpart);
    model_set_count(m, "lines", (int64_t)total->lines);
    const figures *q = &by_source[SOURCE_KCQG], *d = &by_source[SOURCE_KCDP];
    model_set_billion(m, "kcqg_plan", q->plan);
    model_set_billion(m, "kcqg_executed", q->executed);
    model_set_percent(m, "kcqg_rate", figures_execution_rate(q), MODEL_SOURCE_RATE_DECIMALS);
    model_set_billion(m, "kcdp_plan", d->plan);
    model_set_billion(m, "kcdp_executed", d->executed);
    model_set_percent(m, "kcdp_rate", figures_execution_rate(d), MODEL_SOURCE_RATE_DECIMALS);
    model_set_percent(m, "kcqg_share", programme_kcqg_share(by_source), SHARE_DECIMALS);
}

static void set_no_figures(mustache_value *m)
{
    static const char *const keys[] = {
        "plan",      "executed",      "rate",      "establishments", "counterpart",
        "lines",     "kcqg_plan",     "kcqg_executed", "kcqg_rate", "kcdp_plan",
        "kcdp_executed", "kcdp_rate", "kcqg_share"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        mustache_map_set_string(m, keys[i], MODEL_NO_FIGURE);
}

static mustache_value *source_model(const programme *p, source s)
{
    mustache_value *m = mustache_map_new();
    const figures *f = &p->by_source[s];
    model_set_billion(m, "plan", f->plan);
    model_set_billion(m, "executed", f->executed);
    model_set_percent(m, "rate", figures_execution_rate(f), MODEL_SOURCE_RATE_DECIMALS);
    model_set_count(m, "establishments", f->establishments);
    model_set_billion(m, "counterpart", f->counterpart);
    ratio share = {f->executed, p->total.executed};
    model_set_percent(m, "share", share, SHARE_DECIMALS);
    mustache_map_set_string(m, "label", source_label(s));
    mustache_map_set_string(m, "name",
                            s == SOURCE_KCQG ? "khuyến công quốc gia" : "khuyến công địa phương");
    return m;
}

void programme_span_label(buf *out, const programme *p)
{
    int first = -1;
    for (size_t i = 0; i < p->n_years && first < 0; i++)
        if (p->years[i].present)
            first = p->years[i].year;
    const programme_year *last = programme_latest(p);
    if (last->year == first) {
        period_label(out, last->period.year, last->period.month);
        return;
    }
    if (last->year_end) {
        buf_printf(out, "%d–%d", first, last->year);
        return;
    }
    buf_printf(out, "%d – ", first);
    period_label(out, last->period.year, last->period.month);
}

/* "Bình Dương (74), Bà Rịa - Vũng Tàu (77)" for rows of the full roster. */
static void rows_text(buf *out, const catalog *full, const int *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const catalog_entry *e = &full->entries[rows[i]];
        buf_printf(out, "%s%s (%s)", i ? ", " : "", e->name, e->code);
    }
}

static const catalog_entry *province_entry(const programme *p, const programme_province *pp)
{
    return &p->full->entries[pp->row];
}

/* "năm 2023: Kiên Giang (91) chưa nộp; năm 2024: ..." */
static void gaps_text(buf *out, const programme *p, const programme_province *pp)
{
    int year = 0;
    for (size_t i = 0; i < pp->n_gaps; i++) {
        const struct programme_gap *g = &pp->gaps[i];
        const catalog_entry *e = &p->full->entries[g->row];
        if (g->year != year)
            buf_printf(out, "%snăm %d: ", i ? "; " : "", g->year);
        else
            buf_puts(out, ", ");
        year = g->year;
        buf_printf(out, "%s (%s) %s", e->name, e->code, province_state_label(g->state));
    }
}

static mustache_value *province_model(const programme *p, const programme_province *pp)
{
    const catalog_entry *e = province_entry(p, pp);
    mustache_value *m = mustache_map_new();
    set_figures(m, &pp->total, pp->by_source);
    bool left = pp->province < 0;
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    mustache_map_set_bool(m, "current", !left);
    mustache_map_set_bool(m, "left", left);
    mustache_map_set_string(m, "to_name", left && e->successor_name ? e->successor_name : "");
    mustache_map_set_string(m, "to_code", left && e->successor ? e->successor : "");
    buf b = BUF_INIT;
    if (left && e->until != DAY_NONE_AFTER)
        day_format(&b, e->until + 1);
    else if (pp->since != DAY_NONE_BEFORE)
        day_format(&b, pp->since);
    model_set_buf(m, "day", &b);
    /* Its own earlier row under the same code and name is a predecessor too when it was
     * re-formed (Thành phố Hồ Chí Minh (79) before 1/7/2025). */
    mustache_map_set_bool(m, "has_predecessors", pp->n_predecessors > 0);
    rows_text(&b, p->full, pp->predecessors, pp->n_predecessors);
    model_set_buf(m, "predecessors", &b);
    mustache_map_set_bool(m, "complete", pp->complete);
    mustache_map_set_string(m, "data", pp->complete ? "đủ" : "thiếu");
    gaps_text(&b, p, pp);
    model_set_buf(m, "gaps", &b);
    mustache_map_set_bool(m, "has_gaps", pp->n_gaps > 0);
    buf_free(&b);
    return m;
}

/* Names of a year's provinces that are not counted: "Bạc Liêu (95) chưa nộp, ...". */
static void not_counted_text(buf *out, const programme_year *y)
{
    const char *sep = "";
    for (size_t i = 0; i < y->period.n_roster; i++) {
        if (y->period.state[i] == PROVINCE_VALID)
            continue;
        const catalog_entry *e = &y->roster.entries[i];
        buf_printf(out, "%s%s (%s) %s", sep, e->name, e->code,
                   province_state_label(y->period.state[i]));
        sep = ", ";
    }
}

static mustache_value *year_model(const programme *p, const programme_year *y)
{
    (void)p;
    mustache_value *m = mustache_map_new();
    buf b = BUF_INIT;
    set_int(m, "year", y->year);
    mustache_map_set_bool(m, "present", y->present);
    mustache_map_set_bool(m, "missing", !y->present);
    mustache_map_set_bool(m, "year_end", y->present && y->year_end);
    mustache_map_set_bool(m, "partial", y->present && !y->year_end);
    mustache_map_set_string(m, "period", y->present ? y->period_name : "");
    if (y->present)
        period_label(&b, y->period.year, y->period.month);
    else
        buf_printf(&b, "năm %d", y->year);
    model_set_buf(m, "label", &b);
    if (!y->present) {
        set_no_figures(m);
        mustache_map_set_string(m, "valid", MODEL_NO_FIGURE);
        mustache_map_set_string(m, "roster", MODEL_NO_FIGURE);
        mustache_map_set_string(m, "executed_change", MODEL_NO_FIGURE);
        mustache_map_set_string(m, "plan_change", MODEL_NO_FIGURE);
        mustache_map_set_string(m, "comparable", MODEL_NO_FIGURE);
        mustache_map_set_string(m, "not_counted", "");
        mustache_map_set_bool(m, "complete", false);
        mustache_map_set_bool(m, "compared", false);
        mustache_map_set_bool(m, "like_for_like", false);
        mustache_map_set_bool(m, "changed", false);
        buf_free(&b);
        return m;
    }
    const region *r = y->region;
    set_figures(m, &r->total, r->by_source);
    model_set_count(m, "valid", (int64_t)y->period.n_valid);
    model_set_count(m, "roster", (int64_t)y->period.n_roster);
    mustache_map_set_bool(m, "complete", period_complete(&y->period));
    not_counted_text(&b, y);
    model_set_buf(m, "not_counted", &b);
    set_change(m, "executed_change", programme_year_executed_change(y));
    set_change(m, "plan_change", programme_year_plan_change(y));
    bool compared = y->compared && r->n_comparable > 0;
    mustache_map_set_bool(m, "compared", compared);
    /* Like for like over fewer provinces than the year's: said beside the figure. */
    mustache_map_set_bool(m, "like_for_like", compared && r->n_comparable < r->n_provinces);
    model_set_count(m, "comparable", (int64_t)(compared ? r->n_comparable : 0));
    mustache_map_set_bool(m, "changed", compared && r->changed);
    buf_free(&b);
    return m;
}

static mustache_value *coverage_model(const programme *p)
{
    mustache_value *m = mustache_map_new();
    mustache_value *missing = mustache_list_new(), *partial = mustache_list_new(),
                   *incomplete = mustache_list_new();
    buf years = BUF_INIT, b = BUF_INIT;
    size_t n_missing = 0, n_partial = 0, n_incomplete = 0;
    for (size_t i = 0; i < p->n_years; i++) {
        const programme_year *y = &p->years[i];
        if (!y->present) {
            buf_printf(&years, "%s%d", n_missing++ ? ", " : "", y->year);
            mustache_list_push(missing, year_model(p, y));
            continue;
        }
        if (!y->year_end) {
            n_partial++;
            mustache_list_push(partial, year_model(p, y));
        }
        if (!period_complete(&y->period)) {
            n_incomplete++;
            mustache_list_push(incomplete, year_model(p, y));
        }
    }
    mustache_map_set_bool(m, "complete", p->complete);
    model_set_count(m, "years", (int64_t)p->n_years);
    model_set_count(m, "present", (int64_t)p->n_present);
    model_set_count(m, "year_end", (int64_t)p->n_year_end);
    mustache_map_set_bool(m, "has_missing", n_missing > 0);
    mustache_map_set_string(m, "missing_years", years.data ? years.data : "");
    mustache_map_set(m, "missing", missing);
    mustache_map_set_bool(m, "has_partial", n_partial > 0);
    mustache_map_set(m, "partial", partial);
    mustache_map_set_bool(m, "has_incomplete", n_incomplete > 0);
    mustache_map_set(m, "incomplete", incomplete);
    buf_free(&years);
    buf_free(&b);
    return m;
}

static mustache_value *span_model(const programme *p)
{
    mustache_value *m = mustache_map_new();
    buf b = BUF_INIT;
    programme_span_label(&b, p);
    model_set_buf(m, "label", &b);
    const programme_year *last = programme_latest(p);
    period_label(&b, last->period.year, last->period.month);
    model_set_buf(m, "last_label", &b);
    mustache_map_set_string(m, "last_period", last->period_name);
    mustache_map_set_bool(m, "partial", !last->year_end);
    const char *sep = "";
    for (size_t i = 0; i < p->n_years; i++) {
        if (!p->years[i].present)
            continue;
        buf_printf(&b, "%s%s", sep, p->years[i].period_name);
        sep = ", ";
    }
    model_set_buf(m, "periods", &b);
    buf_free(&b);
    return m;
}

static mustache_value *ranked_model(const programme *p, size_t rank_index)
{
    const programme_province *pp = &p->provinces[p->ranking[rank_index]];
    mustache_value *m = mustache_map_new();
    const catalog_entry *e = province_entry(p, pp);
    set_int(m, "rank", (int64_t)rank_index + 1);
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    model_set_billion(m, "plan", pp->total.plan);
    model_set_billion(m, "executed", pp->total.executed);
    model_set_percent(m, "rate", figures_execution_rate(&pp->total), MODEL_TOTAL_RATE_DECIMALS);
    return m;
}

/* The three highest and three lowest execution rates over the programme, among the provinces
 * with figures for every year counted (fewer when fewer are ranked: never one in both). */
static void add_ranking(mustache_value *root, const programme *p)
{
    size_t n = p->n_ranked, top = n >= 6 ? 3 : n / 2;
    mustache_value *leaders = mustache_list_new(), *laggards = mustache_list_new(),
                   *unranked = mustache_list_new();
    for (size_t i = 0; i < top; i++)
        mustache_list_push(leaders, ranked_model(p, i));
    for (size_t i = n; i-- > n - top;)
        mustache_list_push(laggards, ranked_model(p, i));
    for (size_t i = 0; i < p->n_current; i++) {
        const programme_province *pp = &p->provinces[i];
        if (pp->complete && pp->total.plan > 0)
            continue;
        mustache_value *u = mustache_map_new();
        mustache_map_set_string(u, "code", province_entry(p, pp)->code);
        mustache_map_set_string(u, "name", province_entry(p, pp)->name);
        mustache_list_push(unranked, u);
    }
    mustache_value *m = mustache_map_new();
    mustache_map_set_bool(m, "any", top > 0);
    model_set_count(m, "ranked", (int64_t)n);
    model_set_count(m, "provinces", (int64_t)p->n_current);
    mustache_map_set_bool(m, "all", n == p->n_current);
    mustache_map_set_bool(m, "has_unranked", n < p->n_current);
    mustache_map_set(m, "leaders", leaders);
    mustache_map_set(m, "laggards", laggards);
    mustache_map_set(m, "unranked", unranked);
    mustache_map_set(root, "ranking", m);
}

mustache_value *programme_model_new(const programme *p)
{
    mustache_value *root = mustache_map_new();
    mustache_value *prog = mustache_map_new();
    mustache_map_set_string(prog, "code", p->def->code);
    mustache_map_set_string(prog, "name", p->def->name);
    set_int(prog, "first_year", p->def->first_year);
    set_int(prog, "last_year", p->def->last_year);
    mustache_map_set(root, "programme", prog);
    mustache_map_set(root, "span", span_model(p));
    mustache_value *total = mustache_map_new();
    set_figures(total, &p->total, p->by_source);
    mustache_map_set(root, "total", total);
    mustache_map_set(root, "kcqg", source_model(p, SOURCE_KCQG));
    mustache_map_set(root, "kcdp", source_model(p, SOURCE_KCDP));
    mustache_map_set(root, "coverage", coverage_model(p));
    mustache_value *years = mustache_list_new();
    bool any_changed = false;
    for (size_t i = 0; i < p->n_years; i++) {
        mustache_list_push(years, year_model(p, &p->years[i]));
        any_changed |= p->years[i].region && p->years[i].compared && p->years[i].region->changed;
    }
    mustache_map_set(root, "years", years);
    mustache_map_set_bool(root, "years_changed", any_changed);
    mustache_value *provinces = mustache_list_new(), *formed = mustache_list_new(),
                   *left = mustache_list_new(), *gaps = mustache_list_new();
    size_t n_formed = 0, n_left = 0, n_gaps = 0;
    for (size_t i = 0; i < p->n_provinces; i++) {
        const programme_province *pp = &p->provinces[i];
        mustache_list_push(provinces, province_model(p, pp));
        if (pp->province >= 0 && pp->n_predecessors > 0) {
            mustache_list_push(formed, province_model(p, pp));
            n_formed++;
        }
        if (pp->province < 0) {
            mustache_list_push(left, province_model(p, pp));
            n_left++;
        }
        if (pp->n_gaps > 0) {
            mustache_list_push(gaps, province_model(p, pp));
            n_gaps++;
        }
    }
    mustache_map_set(root, "provinces", provinces);
    model_set_count(root, "current_provinces", (int64_t)p->n_current);
    mustache_map_set_bool(root, "has_formed", n_formed > 0);
    mustache_map_set(root, "formed", formed);
    mustache_map_set_bool(root, "has_left", n_left > 0);
    mustache_map_set(root, "left", left);
    mustache_map_set_bool(root, "has_gaps", n_gaps > 0);
    mustache_map_set(root, "gaps", gaps);
    add_ranking(root, p);
    mustache_value *contents = mustache_list_new();
    for (size_t c = 0; c < p->n_contents; c++) {
        const catalog_entry *e = &p->contents->entries[c];
        mustache_value *m = mustache_map_new();
        set_figures(m, &p->content_total[c], &p->content_by_source[c * SOURCE_COUNT]);
        mustache_map_set_string(m, "code", e->code);
        mustache_map_set_string(m, "name", e->name);
        mustache_list_push(contents, m);
    }
    mustache_map_set(root, "contents", contents);
    return root;
}

int programme_render_markdown(const mustache_value *model, template_set *templates, buf *out,
                              diag_list *diags)
{
    return template_render(templates, "programme.md", model, mustache_escape_markdown, out,
                           diags);
}

/* ------------------------------------------------------------------ charts */

typedef struct texts {
    char **items;
    size_t count, cap;
} texts;

static const char *keep(texts *t, buf *b)
{
    t->items = xgrow(t->items, &t->cap, t->count + 1, sizeof *t->items);
    t->items[t->count] = buf_detach(b);
    if (!t->items[t->count])
        t->items[t->count] = xstrdup("");
    return t->items[t->count++];
}

static void forget(texts *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->items[i]);
    free(t->items);
}

static const char *billion_text(texts *t, int64_t thousands)
{
    buf b = BUF_INIT;
    number_format_billion(&b, thousands);
    return keep(t, &b);
}

/* Geometry only: a double places a bar exactly enough. */
static double billions(int64_t thousands)
{
    return (double)thousands / 1e6;
}

static int64_t round_step(int64_t max)
{
    static const int64_t multiples[] = {1, 2, 5};
    for (int64_t power = 1;; power *= 10)
        for (int k = 0; k < 3; k++)
            if (multiples[k] * power * 8 >= max)
                return multiples[k] * power;
}

/* Ticks at a round step of tỷ đồng (whole ones: programme amounts are tens of tỷ). */
static void money_axis(svg_bar_chart *c, texts *t, int64_t max_thousands)
{
    int64_t max_millions = (max_thousands + 500) / 1000;
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

static char *draw(const svg_bar_chart *c)
{
    buf b = BUF_INIT;
    svg_bar_chart_render(&b, c);
    return buf_detach(&b);
}

static const char *year_label(texts *t, const programme_year *y)
{
    buf b = BUF_INIT;
    if (y->present)
        period_label(&b, y->period.year, y->period.month);
    else
        buf_printf(&b, "năm %d", y->year);
    return keep(t, &b);
}

static char *years_chart(const programme *p)
{
    texts t = {0};
    svg_bar_row *rows = xcalloc(p->n_years, sizeof *rows);
    int64_t max = 1;
    for (size_t i = 0; i < p->n_years; i++) {
        const programme_year *y = &p->years[i];
        rows[i].label = year_label(&t, y);
        if (!y->present) {
            rows[i].value_labels[0] = "chưa có số liệu";
            rows[i].value_labels[1] = "";
            continue;
        }
        const figures *f = &y->region->total;
        rows[i].values[0] = billions(f->plan);
        rows[i].values[1] = billions(f->executed);
        rows[i].value_labels[0] = billion_text(&t, f->plan);
        rows[i].value_labels[1] = billion_text(&t, f->executed);
        max = f->plan > max ? f->plan : max;
        max = f->executed > max ? f->executed : max;
    }
    buf desc = BUF_INIT;
    buf_printf(&desc,
               "Biểu đồ thanh ngang: kế hoạch năm và kinh phí đã thực hiện của toàn vùng từng "
               "năm %d–%d, đơn vị tỷ đồng; mỗi thanh ghi giá trị.",
               p->def->first_year, p->def->last_year);
    svg_bar_chart c = {.id = "years",
                       .title = "Kế hoạch và thực hiện theo năm (tỷ đồng)",
                       .desc = keep(&t, &desc),
                       .series = {"Kế hoạch năm", "Đã thực hiện"},
                       .n_series = 2,
                       .rows = rows,
                       .n_rows = p->n_years};
    money_axis(&c, &t, max);
    char *svg = draw(&c);
    free(rows);
    forget(&t);
    return svg;
}

static char *year_rates_chart(const programme *p)
{
    texts t = {0};
    svg_bar_row *rows = xcalloc(p->n_years, sizeof *rows);
    double max = 0;
    for (size_t i = 0; i < p->n_years; i++) {
        const programme_year *y = &p->years[i];
        rows[i].label = year_label(&t, y);
        ratio rate = y->present ? figures_execution_rate(&y->region->total) : (ratio){0, 0};
        if (rate.den == 0) {
            rows[i].value_labels[0] = y->present ? MODEL_NO_FIGURE : "chưa có số liệu";
            continue;
        }
        buf b = BUF_INIT;
        number_format_percent(&b, rate.num, rate.den, MODEL_TOTAL_RATE_DECIMALS);
        rows[i].value_labels[0] = keep(&t, &b);
        rows[i].values[0] = 100.0 * (double)rate.num / (double)rate.den;
        max = rows[i].values[0] > max ? rows[i].values[0] : max;
    }
    svg_bar_chart c = {.id = "year-rates",
                       .title = "Tỷ lệ thực hiện so với kế hoạch năm, theo năm",
                       .desc = "Biểu đồ thanh ngang: tỷ lệ kinh phí đã thực hiện so với kế "
                               "hoạch năm của toàn vùng, từng năm; đường đứt nét đánh dấu 100%.",
                       .series = {"Tỷ lệ thực hiện"},
                       .n_series = 1,
                       .rows = rows,
                       .n_rows = p->n_years,
                       .has_reference = true,
                       .reference = 100.0,
                       .reference_label = "100% kế hoạch"};
    double top = 100;
    while (top < max && top < 1000)
        top += 25;
    c.axis_max = top;
    for (int v = 0; v <= (int)top && c.n_ticks < SVG_MAX_TICKS; v += top > 200 ? 50 : 25) {
        buf b = BUF_INIT;
        buf_printf(&b, "%d%%", v);
        c.ticks[c.n_ticks] = v;
        c.tick_labels[c.n_ticks++] = keep(&t, &b);
    }
    char *svg = draw(&c);
    free(rows);
    forget(&t);
    return svg;
}

static char *contents_chart(const programme *p)
{
    texts t = {0};
    svg_bar_row *rows = xcalloc(p->n_contents + 1, sizeof *rows);
    int64_t max = 1;
    for (size_t i = 0; i < p->n_contents; i++) {
        const catalog_entry *e = &p->contents->entries[i];
        const figures *f = &p->content_total[i];
        buf b = BUF_INIT;
        buf_printf(&b, "%s %s", e->code, e->name);
        rows[i].label = keep(&t, &b);
        rows[i].values[0] = billions(f->plan);
        rows[i].values[1] = billions(f->executed);
        rows[i].value_labels[0] = billion_text(&t, f->plan);
        rows[i].value_labels[1] = billion_text(&t, f->executed);
        max = f->plan > max ? f->plan : max;
        max = f->executed > max ? f->executed : max;
    }
    svg_bar_chart c = {.id = "contents",
                       .title = "Kế hoạch và thực hiện cả giai đoạn theo nội dung (tỷ đồng)",
                       .desc = "Biểu đồ thanh ngang: tổng kế hoạch và kinh phí đã thực hiện "
                               "các năm của giai đoạn theo từng nội dung khuyến công, theo thứ "
                               "tự mã nội dung, đơn vị tỷ đồng; mỗi thanh ghi giá trị.",
                       .series = {"Kế hoạch", "Đã thực hiện"},
                       .n_series = 2,
                       .rows = rows,
                       .n_rows = p->n_contents};
    money_axis(&c, &t, max);
    char *svg = draw(&c);
    free(rows);
    forget(&t);
    return svg;
}

void programme_charts_build(chart_set *set, const programme *p)
{
    set->charts[0] = (chart){"chart-years.svg", years_chart(p)};
    set->charts[1] = (chart){"chart-year-rates.svg", year_rates_chart(p)};
    set->charts[2] = (chart){"chart-contents.svg", contents_chart(p)};
}

void programme_headline(const mustache_value *model, buf *out)
{
    static const char headline[] = "label\t{{span.label}}\n"
                                   "plan\t{{total.plan}}\n"
                                   "executed\t{{total.executed}}\n"
                                   "rate\t{{total.rate}}\n"
                                   "years\t{{coverage.present}}/{{coverage.years}}\n";
    mustache_options options = {.escape = mustache_escape_none}; /* not HTML */
    mustache_error error;
    if (mustache_render(headline, sizeof headline - 1, model, &options, out, &error) != 0)
        buf_clear(out); /* a fixed template: cannot happen */
}
