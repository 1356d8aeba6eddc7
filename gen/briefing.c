#include "briefing.h"

#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "day.h"
#include "escape.h"
#include "number.h"
#include "template.h"

#define NO_FIGURE "—"

/* Decimals of each kind of rate, as the contract's number style says. */
enum { TOTAL_RATE_DECIMALS = 1, SOURCE_RATE_DECIMALS = 2, RATIO_DECIMALS = 1, CHANGE_DECIMALS = 1 };

static void set_formatted(mustache_value *map, const char *key, buf *b)
{
    mustache_map_set_string(map, key, b->data ? b->data : "");
    buf_clear(b);
}

static void set_billion(mustache_value *map, const char *key, int64_t thousands)
{
    buf b = BUF_INIT;
    number_format_billion(&b, thousands);
    set_formatted(map, key, &b);
    buf_free(&b);
}

/* An amount in a table cell: tỷ đồng with three decimals, but a zero as "0", so that it cannot
 * be misread ("0,000" looks like a figure that was rounded away; "—" is for no figure). */
static void set_billion_cell(mustache_value *map, const char *key, int64_t thousands)
{
    if (thousands == 0)
        mustache_map_set_string(map, key, "0");
    else
        set_billion(map, key, thousands);
}

static void set_count(mustache_value *map, const char *key, int64_t count)
{
    buf b = BUF_INIT;
    number_format_count(&b, count);
    set_formatted(map, key, &b);
    buf_free(&b);
}

static void set_percent(mustache_value *map, const char *key, ratio q, int decimals)
{
    if (q.den == 0) {
        mustache_map_set_string(map, key, NO_FIGURE);
        return;
    }
    buf b = BUF_INIT;
    number_format_percent(&b, q.num, q.den, decimals);
    set_formatted(map, key, &b);
    buf_free(&b);
}

/* The money figures of `f` under plain keys: plan, executed, rate, establishments, ... `cell`:
 * for a table row (a zero amount shown as "0"), else for prose (three decimals always). */
static mustache_value *figures_model(const figures *f, int rate_decimals, bool cell)
{
    mustache_value *m = mustache_map_new();
    void (*amount)(mustache_value *, const char *, int64_t) = cell ? set_billion_cell : set_billion;
    amount(m, "plan", f->plan);
    amount(m, "executed", f->executed);
    set_percent(m, "rate", figures_execution_rate(f), rate_decimals);
    set_count(m, "establishments", f->establishments);
    amount(m, "counterpart", f->counterpart);
    /* The same amounts for a table's totals row ("…_cell"): a zero shown as "0". */
    set_billion_cell(m, "plan_cell", f->plan);
    set_billion_cell(m, "executed_cell", f->executed);
    set_billion_cell(m, "counterpart_cell", f->counterpart);
    set_count(m, "lines", (int64_t)f->lines);
    return m;
}

static mustache_value *period_model(const period *p)
{
    mustache_value *m = mustache_map_new();
    buf b = BUF_INIT;
    mustache_map_set_string(m, "code", p->name);
    buf_printf(&b, "%d", p->year);
    set_formatted(m, "year", &b);
    buf_printf(&b, "%d", p->month);
    set_formatted(m, "month", &b);
    period_label(&b, p->year, p->month);
    set_formatted(m, "label", &b);
    mustache_map_set_bool(m, "full_year", p->month == 12);
    buf_free(&b);
    return m;
}

static mustache_value *source_model(const region *r, source s)
{
    mustache_value *m = figures_model(&r->by_source[s], SOURCE_RATE_DECIMALS, false);
    mustache_map_set_string(m, "label", source_label(s));
    mustache_map_set_string(m, "name",
                            s == SOURCE_KCQG ? "khuyến công quốc gia" : "khuyến công địa phương");
    return m;
}

/* "giảm 8,1%", "tăng 3,2%" or "không đổi", from the change rounded once. */
static void set_change_in_words(mustache_value *m, ratio change)
{
    buf value = BUF_INIT, words = BUF_INIT;
    int sign = number_format_percent_magnitude(&value, change.num, change.den, CHANGE_DECIMALS);
    const char *direction = sign < 0 ? "giảm" : sign > 0 ? "tăng" : "không đổi";
    buf_puts(&words, direction);
    if (sign != 0)
        buf_printf(&words, " %s", value.data);
    mustache_map_set_string(m, "plan_change", words.data);
    mustache_map_set_string(m, "plan_change_direction", direction);
    mustache_map_set_string(m, "plan_change_value", value.data);
    buf_free(&value);
    buf_free(&words);
}

static void add_comparison(mustache_value *root, const region *r)
{
    const period *prev = r->previous;
    if (!prev || r->n_comparable == 0) {
        mustache_value *none = mustache_map_new();
        buf b = BUF_INIT;
        period_label(&b, r->current->year - 1, r->current->month);
        set_formatted(none, "label", &b);
        buf_free(&b);
        mustache_map_set_bool(none, "folder_exists", prev != NULL);
        mustache_map_set(root, "no_comparison", none);
        return;
    }
    mustache_value *c = figures_model(&r->previous_total, TOTAL_RATE_DECIMALS, false);
    mustache_map_set(c, "period", period_model(prev));
    set_percent(c, "same_period_ratio",
                figures_same_period_ratio(&r->comparable_total, &r->previous_total),
                RATIO_DECIMALS);
    if (r->previous_total.plan != 0) {
        set_change_in_words(c, figures_plan_change(&r->comparable_total, &r->previous_total));
    } else {
        /* No plan to compare with: the same names as above, saying so (templates/README.md). */
        mustache_map_set_string(c, "plan_change", "không so sánh được");
        mustache_map_set_string(c, "plan_change_direction", "");
        mustache_map_set_string(c, "plan_change_value", NO_FIGURE);
    }
    set_count(c, "valid", (int64_t)prev->n_valid);
    set_count(c, "comparable", (int64_t)r->n_comparable);
    set_count(c, "roster", (int64_t)r->n_provinces);
    set_billion(c, "current_plan", r->comparable_total.plan);
    set_billion(c, "current_executed", r->comparable_total.executed);
    mustache_map_set_bool(c, "complete", r->n_comparable == r->n_provinces);
    mustache_map_set(root, "comparison", c);
}

static void set_province_amounts(mustache_value *m, const province_row *row)
{
    const figures *q = &row->by_source[SOURCE_KCQG], *d = &row->by_source[SOURCE_KCDP];
    set_billion_cell(m, "kcqg_plan", q->plan);
    set_billion_cell(m, "kcdp_plan", d->plan);
    set_billion_cell(m, "kcqg_executed", q->executed);
    set_billion_cell(m, "kcdp_executed", d->executed);
    set_percent(m, "same_period_ratio", region_province_same_period_ratio(row), RATIO_DECIMALS);
}

static void set_no_amounts(mustache_value *m)
{
    static const char *const keys[] = {
        "plan",      "executed",  "rate",          "establishments", "counterpart",      "lines",
        "kcqg_plan", "kcdp_plan", "kcqg_executed", "kcdp_executed",  "same_period_ratio"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        mustache_map_set_string(m, keys[i], NO_FIGURE);
}

static mustache_value *province_model(const region *r, const province_row *row)
{
    const catalog_entry *e = &r->roster->entries[row->province];
    bool valid = row->state == PROVINCE_VALID;
    mustache_value *m =
        valid ? figures_model(&row->total, TOTAL_RATE_DECIMALS, true) : mustache_map_new();
    if (valid)
        set_province_amounts(m, row);
    else
        set_no_amounts(m);
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    mustache_map_set_string(m, "state", province_state_label(row->state));
    mustache_map_set_bool(m, "valid", valid);
    return m;
}

static mustache_value *content_model(const region *r, const content_row *row)
{
    const catalog_entry *e = &r->contents->entries[row->content];
    mustache_value *m = figures_model(&row->total, TOTAL_RATE_DECIMALS, true);
    set_billion_cell(m, "kcqg_plan", row->by_source[SOURCE_KCQG].plan);
    set_billion_cell(m, "kcdp_plan", row->by_source[SOURCE_KCDP].plan);
    set_billion_cell(m, "kcqg_executed", row->by_source[SOURCE_KCQG].executed);
    set_billion_cell(m, "kcdp_executed", row->by_source[SOURCE_KCDP].executed);
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    return m;
}

static mustache_value *rejection_model(const submission *s, const region *r)
{
    mustache_value *m = mustache_map_new();
    mustache_map_set_string(m, "file", s->name);
    set_count(m, "errors", (int64_t)s->errors);
    mustache_map_set_string(m, "first_error", s->first_error ? s->first_error : "");
    /* A file whose province cannot be told still has code and name, empty: a template that
     * prints them needs no {{#attributed}} to render for every data set. */
    bool attributed = s->province >= 0;
    mustache_map_set_string(m, "code", attributed ? r->roster->entries[s->province].code : "");
    mustache_map_set_string(m, "name", attributed ? r->roster->entries[s->province].name : "");
    mustache_map_set_bool(m, "attributed", attributed);
    return m;
}

/* Who is in the totals and who is not, and why: said beside the totals in every output. */
static mustache_value *coverage_model(const region *r)
{
    const period *p = r->current;
    mustache_value *m = mustache_map_new();
    mustache_value *missing = mustache_list_new(), *rejected = mustache_list_new();
    size_t missing_count = 0;
    for (size_t i = 0; i < r->n_provinces; i++) {
        if (p->state[i] != PROVINCE_MISSING)
            continue;
        missing_count++;
        mustache_value *e = mustache_map_new();
        mustache_map_set_string(e, "code", r->roster->entries[i].code);
        mustache_map_set_string(e, "name", r->roster->entries[i].name);
        mustache_list_push(missing, e);
    }
    size_t rejected_files = 0;
    for (size_t i = 0; i < p->n_files; i++) {
        if (!p->files[i]->rejected)
            continue;
        mustache_list_push(rejected, rejection_model(p->files[i], r));
        rejected_files++;
    }
    size_t not_counted = r->n_provinces - p->n_valid;
    set_count(m, "valid", (int64_t)p->n_valid);
    set_count(m, "roster", (int64_t)p->n_roster);
    set_count(m, "not_counted", (int64_t)not_counted);
    mustache_map_set_bool(m, "complete", not_counted == 0);
    mustache_map_set_bool(m, "has_missing", missing_count > 0);
    mustache_map_set_bool(m, "has_rejected", rejected_files > 0);
    mustache_map_set(m, "missing", missing);
    mustache_map_set(m, "rejected", rejected);
    return m;
}

/* "Tây Ninh (72), Long An (80)" into `out`, the previous period's provinces whose territory
 * current province `p` holds; `days` gets whether they all passed on one day (`*day`). */
static void predecessors_text(const region *r, int p, buf *out, bool *one_day, int32_t *day)
{
    const char *sep = "";
    *one_day = true;
    *day = DAY_NONE_BEFORE;
    for (size_t i = 0; i < r->n_earlier; i++) {
        const earlier_row *e = &r->earlier[i];
        if (e->holder != p)
            continue;
        const catalog_entry *then = &r->previous_roster->entries[e->province];
        buf_printf(out, "%s%s (%s)", sep, then->name, then->code);
        sep = ", ";
        if (e->since == DAY_NONE_BEFORE)
            continue;
        if (*day != DAY_NONE_BEFORE && *day != e->since)
            *one_day = false;
        if (*day == DAY_NONE_BEFORE || e->since > *day)
            *day = e->since;
    }
}

/* "hợp nhất từ Tây Ninh (72), Long An (80) kể từ ngày 1/7/2025", or for one predecessor
 * "trước ngày 1/7/2025 là Long An (80)". */
static mustache_value *formed_model(const region *r, const province_row *row)
{
    const catalog_entry *e = &r->roster->entries[row->province];
    mustache_value *m = mustache_map_new();
    buf list = BUF_INIT, text = BUF_INIT, day_text = BUF_INIT;
    bool one_day;
    int32_t day;
    predecessors_text(r, row->province, &list, &one_day, &day);
    if (day != DAY_NONE_BEFORE)
        day_format(&day_text, day);
    if (row->n_predecessors > 1)
        buf_printf(&text, "hợp nhất từ %s", list.data);
    else
        buf_printf(&text, "trước đây là %s", list.data);
    if (day != DAY_NONE_BEFORE)
        buf_printf(&text, "%s %s", one_day ? ", kể từ ngày" : ", lần sắp xếp gần nhất từ ngày",
                   day_text.data);
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    mustache_map_set_string(m, "predecessors", list.data ? list.data : "");
    mustache_map_set_string(m, "day", day_text.data ? day_text.data : "");
    mustache_map_set_string(m, "description", text.data ? text.data : "");
    buf_free(&list);
    buf_free(&text);
    buf_free(&day_text);
    return m;
}

static mustache_value *left_model(const region *r, const earlier_row *e)
{
    const catalog_entry *then = &r->previous_roster->entries[e->province];
    mustache_value *m = mustache_map_new();
    buf day = BUF_INIT;
    day_format(&day, e->since);
    mustache_map_set_string(m, "code", then->code);
    mustache_map_set_string(m, "name", then->name);
    mustache_map_set_string(m, "to_name", e->left_to_name ? e->left_to_name : "");
    mustache_map_set_string(m, "to_code", e->left_to_code ? e->left_to_code : "");
    mustache_map_set_string(m, "day", day.data);
    set_billion(m, "plan", e->total.plan);
    set_billion(m, "executed", e->total.executed);
    mustache_map_set_bool(m, "valid", e->state == PROVINCE_VALID);
    buf_free(&day);
    return m;
}

/* A province valid now whose predecessors were not all valid: named with those missing. */
static mustache_value *not_comparable_model(const region *r, const province_row *row)
{
    const catalog_entry *e = &r->roster->entries[row->province];
    mustache_value *m = mustache_map_new();
    buf list = BUF_INIT;
    const char *sep = "";
    for (size_t i = 0; i < r->n_earlier; i++) {
        const earlier_row *x = &r->earlier[i];
        if (x->holder != row->province || x->state == PROVINCE_VALID)
            continue;
        const catalog_entry *then = &r->previous_roster->entries[x->province];
        buf_printf(&list, "%s%s (%s, %s)", sep, then->name, then->code,
                   province_state_label(x->state));
        sep = ", ";
    }
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    mustache_map_set_string(m, "predecessors", list.data ? list.data : "");
    mustache_map_set_bool(m, "none", row->n_predecessors == 0);
    buf_free(&list);
    return m;
}

/* The provinces that changed since the previous period: always present, `any` false (and the
 * lists empty) when nothing changed, so that the outputs are then those of a roster without
 * history. */
static mustache_value *changes_model(const region *r)
{
    mustache_value *m = mustache_map_new();
    mustache_value *formed = mustache_list_new(), *left = mustache_list_new(),
                   *not_comparable = mustache_list_new();
    bool any = r->previous && r->changed;
    size_t n_not_comparable = 0;
    for (size_t i = 0; any && i < r->n_provinces; i++) {
        const province_row *row = &r->provinces[i];
        if (row->formed)
            mustache_list_push(formed, formed_model(r, row));
        if (row->state == PROVINCE_VALID && !row->comparable) {
            mustache_list_push(not_comparable, not_comparable_model(r, row));
            n_not_comparable++;
        }
    }
    for (size_t i = 0; any && i < r->n_earlier; i++)
        if (r->earlier[i].holder < 0)
            mustache_list_push(left, left_model(r, &r->earlier[i]));
    buf label = BUF_INIT;
    period_label(&label, r->current->year - 1, r->current->month);
    mustache_map_set_bool(m, "any", any);
    mustache_map_set_string(m, "previous_label", label.data);
    mustache_map_set_bool(m, "has_formed", any && r->n_formed > 0);
    mustache_map_set_bool(m, "has_left", any && r->n_left > 0);
    mustache_map_set_bool(m, "has_not_comparable", n_not_comparable > 0);
    mustache_map_set(m, "formed", formed);
    mustache_map_set(m, "left", left);
    mustache_map_set(m, "not_comparable", not_comparable);
    buf_free(&label);
    return m;
}

mustache_value *briefing_model_new(const region *r)
{
    mustache_value *root = mustache_map_new();
    mustache_map_set(root, "period", period_model(r->current));
    set_percent(root, "year_elapsed", region_year_elapsed(r), 0);
    mustache_map_set(root, "total", figures_model(&r->total, TOTAL_RATE_DECIMALS, false));
    mustache_map_set(root, "kcqg", source_model(r, SOURCE_KCQG));
    mustache_map_set(root, "kcdp", source_model(r, SOURCE_KCDP));
    add_comparison(root, r);
    mustache_map_set(root, "coverage", coverage_model(r));
    mustache_map_set(root, "changes", changes_model(r));
    mustache_value *provinces = mustache_list_new();
    for (size_t i = 0; i < r->n_provinces; i++)
        mustache_list_push(provinces, province_model(r, &r->provinces[i]));
    mustache_map_set(root, "provinces", provinces);
    mustache_value *contents = mustache_list_new();
    for (size_t i = 0; i < r->n_contents; i++)
        mustache_list_push(contents, content_model(r, &r->content_rows[i]));
    mustache_map_set(root, "contents", contents);
    return root;
}

int briefing_render_markdown(const mustache_value *model, template_set *templates, buf *out,
                             diag_list *diags)
{
    return template_render(templates, "briefing.md", model, mustache_escape_markdown, out,
                           diags);
}

void briefing_headline(const mustache_value *model, buf *out)
{
    static const char headline[] =
        "label\t{{period.label}}\n"
        "plan\t{{total.plan}}\n"
        "executed\t{{total.executed}}\n"
        "rate\t{{total.rate}}\n"
        "same_period\t{{#comparison}}{{same_period_ratio}}{{/comparison}}\n"
        "plan_change\t{{#comparison}}{{plan_change}}{{/comparison}}\n"
        "comparable\t{{#comparison}}{{comparable}}/{{roster}}{{/comparison}}\n"
        "coverage\t{{coverage.valid}}/{{coverage.roster}}\n";
    mustache_options options = {.escape = mustache_escape_none}; /* not HTML */
    mustache_error error;
    if (mustache_render(headline, sizeof headline - 1, model, &options, out, &error) != 0)
        buf_clear(out); /* a fixed template: cannot happen */
}
