#include "briefing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "day.h"
#include "escape.h"
#include "model_value.h"
#include "number.h"
#include "province_page.h"
#include "template.h"

static mustache_value *source_model(const region *r, source s)
{
    mustache_value *m = model_figures(&r->by_source[s], MODEL_SOURCE_RATE_DECIMALS, false);
    mustache_map_set_string(m, "label", source_label(s));
    mustache_map_set_string(m, "name",
                            s == SOURCE_KCQG ? "khuyến công quốc gia" : "khuyến công địa phương");
    return m;
}

/* A province's plan against the year before, for its table row: "−8,1%", "+3,2%", "0,0%";
 * and in words: "giảm 8,1%"; both "—" when it cannot be compared. */
static void set_province_plan_change(mustache_value *m, ratio change)
{
    if (change.den == 0) {
        mustache_map_set_string(m, "plan_change", MODEL_NO_FIGURE);
        mustache_map_set_string(m, "plan_change_signed", MODEL_NO_FIGURE);
        return;
    }
    buf words = BUF_INIT;
    model_signed_change(&words, change);
    model_set_buf(m, "plan_change_signed", &words);
    model_change_in_words(&words, change);
    model_set_buf(m, "plan_change", &words);
    buf_free(&words);
}

static void set_change_in_words(mustache_value *m, ratio change)
{
    buf value = BUF_INIT, words = BUF_INIT;
    int sign = number_format_percent_magnitude(&value, change.num, change.den, MODEL_CHANGE_DECIMALS);
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
        model_set_buf(none, "label", &b);
        buf_free(&b);
        mustache_map_set_bool(none, "folder_exists", prev != NULL);
        mustache_map_set(root, "no_comparison", none);
        return;
    }
    mustache_value *c = model_figures(&r->previous_total, MODEL_TOTAL_RATE_DECIMALS, false);
    mustache_map_set(c, "period", model_period(prev));
    model_set_percent(c, "same_period_ratio",
                figures_same_period_ratio(&r->comparable_total, &r->previous_total),
                MODEL_RATIO_DECIMALS);
    if (r->previous_total.plan != 0) {
        set_change_in_words(c, figures_plan_change(&r->comparable_total, &r->previous_total));
    } else {
        /* No plan to compare with: the same names as above, saying so (templates/README.md). */
        mustache_map_set_string(c, "plan_change", "không so sánh được");
        mustache_map_set_string(c, "plan_change_direction", "");
        mustache_map_set_string(c, "plan_change_value", MODEL_NO_FIGURE);
    }
    model_set_count(c, "valid", (int64_t)prev->n_valid);
    model_set_count(c, "comparable", (int64_t)r->n_comparable);
    model_set_count(c, "roster", (int64_t)r->n_provinces);
    model_set_billion(c, "current_plan", r->comparable_total.plan);
    model_set_billion(c, "current_executed", r->comparable_total.executed);
    mustache_map_set_bool(c, "complete", r->n_comparable == r->n_provinces);
    /* Compared over exactly the provinces counted this period: the current figures are the
     * totals, and need not be repeated. */
    mustache_map_set_bool(c, "same_provinces", r->n_comparable == r->current->n_valid);
    if (r->previous_total.plan != 0) {
        /* Only the signed form: plan_change (in words) is set above. */
        buf b = BUF_INIT;
        model_signed_change(&b, figures_plan_change(&r->comparable_total, &r->previous_total));
        mustache_map_set_string(c, "plan_change_signed", b.data);
        buf_free(&b);
    } else {
        mustache_map_set_string(c, "plan_change_signed", MODEL_NO_FIGURE);
    }
    mustache_map_set(root, "comparison", c);
}

static void set_province_amounts(mustache_value *m, const province_row *row)
{
    const figures *q = &row->by_source[SOURCE_KCQG], *d = &row->by_source[SOURCE_KCDP];
    model_set_billion_cell(m, "kcqg_plan", q->plan);
    model_set_billion_cell(m, "kcdp_plan", d->plan);
    model_set_billion_cell(m, "kcqg_executed", q->executed);
    model_set_billion_cell(m, "kcdp_executed", d->executed);
    model_set_percent(m, "same_period_ratio", region_province_same_period_ratio(row), MODEL_RATIO_DECIMALS);
    if (row->comparable)
        model_set_billion(m, "previous_plan", row->previous_total.plan);
    else
        mustache_map_set_string(m, "previous_plan", MODEL_NO_FIGURE);
    set_province_plan_change(m, region_province_plan_change(row));
}

static void set_no_amounts(mustache_value *m)
{
    static const char *const keys[] = {
        "plan",      "executed",  "rate",          "establishments", "counterpart",      "lines",
        "kcqg_plan", "kcdp_plan", "kcqg_executed", "kcdp_executed",  "same_period_ratio",
        "previous_plan", "plan_change", "plan_change_signed"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        mustache_map_set_string(m, keys[i], MODEL_NO_FIGURE);
}

static mustache_value *province_model(const region *r, const province_row *row)
{
    const catalog_entry *e = &r->roster->entries[row->province];
    bool valid = row->state == PROVINCE_VALID;
    mustache_value *m =
        valid ? model_figures(&row->total, MODEL_TOTAL_RATE_DECIMALS, true) : mustache_map_new();
    if (valid)
        set_province_amounts(m, row);
    else
        set_no_amounts(m);
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    mustache_map_set_string(m, "state", province_state_label(row->state));
    mustache_map_set_bool(m, "valid", valid);
    buf page = BUF_INIT;
    province_page_path(&page, r, row->province);
    buf_puts(&page, ".html");
    mustache_map_set_string(m, "page", page.data);
    buf_free(&page);
    return m;
}

static mustache_value *content_model(const region *r, const content_row *row)
{
    const catalog_entry *e = &r->contents->entries[row->content];
    mustache_value *m = model_figures(&row->total, MODEL_TOTAL_RATE_DECIMALS, true);
    model_set_billion_cell(m, "kcqg_plan", row->by_source[SOURCE_KCQG].plan);
    model_set_billion_cell(m, "kcdp_plan", row->by_source[SOURCE_KCDP].plan);
    model_set_billion_cell(m, "kcqg_executed", row->by_source[SOURCE_KCQG].executed);
    model_set_billion_cell(m, "kcdp_executed", row->by_source[SOURCE_KCDP].executed);
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    return m;
}

static mustache_value *rejection_model(const submission *s, int province, const region *r)
{
    mustache_value *m = mustache_map_new();
    mustache_map_set_string(m, "file", s->name);
    model_set_count(m, "errors", (int64_t)s->errors);
    mustache_map_set_string(m, "first_error", s->first_error ? s->first_error : "");
    /* A file whose province cannot be told still has code and name, empty: a template that
     * prints them needs no {{#attributed}} to render for every data set. */
    bool attributed = province >= 0;
    mustache_map_set_string(m, "code", attributed ? r->roster->entries[province].code : "");
    mustache_map_set_string(m, "name", attributed ? r->roster->entries[province].name : "");
    mustache_map_set_bool(m, "attributed", attributed);
    return m;
}

/* Why a file is not counted, as the documents say it: its first error (in Vietnamese). */
static const char *reason_of(const submission *s)
{
    return s->first_error ? s->first_error : "";
}

/* A province that sent something that cannot be counted: one entry however many files. */
static mustache_value *received_model(const region *r, int province)
{
    const period *p = r->current;
    mustache_value *m = mustache_map_new(), *files = mustache_list_new();
    mustache_map_set_string(m, "code", r->roster->entries[province].code);
    mustache_map_set_string(m, "name", r->roster->entries[province].name);
    size_t n = 0;
    const submission *first = NULL;
    bool by_name = false;
    for (size_t i = 0; i < p->n_files; i++) {
        if (p->file_province[i] != province)
            continue;
        const submission *s = p->files[i];
        if (!first)
            first = s;
        by_name = by_name || s->province < 0;
        mustache_value *f = mustache_map_new();
        mustache_map_set_string(f, "file", s->name);
        mustache_map_set_bool(f, "first", n == 0);
        mustache_list_push(files, f);
        n++;
    }
    mustache_map_set(m, "files", files);
    model_set_count(m, "file_count", (int64_t)n);
    /* Two files naming the province: both wait for the secretariat to say which counts. */
    mustache_map_set_bool(m, "duplicate", n > 1);
    mustache_map_set_bool(m, "by_file_name", by_name);
    mustache_map_set_string(m, "reason", first ? reason_of(first) : "");
    model_set_count(m, "errors", first ? (int64_t)first->errors : 0);
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
        mustache_list_push(rejected, rejection_model(p->files[i], p->file_province[i], r));
        rejected_files++;
    }
    mustache_value *received = mustache_list_new(), *unattributed = mustache_list_new();
    size_t received_count = 0, unattributed_count = 0;
    for (size_t i = 0; i < r->n_provinces; i++) {
        if (p->state[i] != PROVINCE_REJECTED)
            continue;
        mustache_list_push(received, received_model(r, (int)i));
        received_count++;
    }
    for (size_t i = 0; i < p->n_files; i++) {
        if (!p->files[i]->rejected || p->file_province[i] >= 0)
            continue;
        mustache_value *e = mustache_map_new();
        mustache_map_set_string(e, "file", p->files[i]->name);
        mustache_map_set_string(e, "reason", reason_of(p->files[i]));
        mustache_list_push(unattributed, e);
        unattributed_count++;
    }
    /* Files not counted of a province whose report is counted from another file. */
    mustache_value *extra = mustache_list_new();
    size_t extra_count = 0;
    for (size_t i = 0; i < p->n_files; i++) {
        int province = p->file_province[i];
        if (!p->files[i]->rejected || province < 0 || p->state[province] != PROVINCE_VALID)
            continue;
        mustache_value *e = mustache_map_new();
        mustache_map_set_string(e, "code", r->roster->entries[province].code);
        mustache_map_set_string(e, "name", r->roster->entries[province].name);
        mustache_map_set_string(e, "file", p->files[i]->name);
        mustache_map_set_string(e, "reason", reason_of(p->files[i]));
        mustache_list_push(extra, e);
        extra_count++;
    }
    mustache_map_set(m, "extra_files", extra);
    mustache_map_set_bool(m, "has_extra_files", extra_count > 0);
    mustache_map_set(m, "received", received);
    mustache_map_set_bool(m, "has_received", received_count > 0);
    mustache_map_set(m, "unattributed", unattributed);
    mustache_map_set_bool(m, "has_unattributed", unattributed_count > 0);
    size_t not_counted = r->n_provinces - p->n_valid;
    buf label = BUF_INIT;
    if (not_counted == 0)
        buf_puts(&label, "Toàn vùng");
    else
        buf_printf(&label, "Cộng %zu tỉnh, thành phố", p->n_valid);
    model_set_buf(m, "total_label", &label);
    buf_free(&label);
    model_set_count(m, "missing_count", (int64_t)missing_count);
    buf names = BUF_INIT, all = BUF_INIT;
    for (size_t i = 0; i < r->n_provinces; i++) {
        if (p->state[i] == PROVINCE_VALID)
            continue;
        if (p->state[i] == PROVINCE_MISSING)
            buf_printf(&names, "%s%s", names.len ? ", " : "", r->roster->entries[i].name);
        buf_printf(&all, "%s%s", all.len ? ", " : "", r->roster->entries[i].name);
    }
    mustache_map_set_string(m, "missing_names", names.data ? names.data : "");
    mustache_map_set_string(m, "not_counted_names", all.data ? all.data : "");
    buf_free(&names);
    buf_free(&all);
    model_set_count(m, "received_count", (int64_t)received_count);
    model_set_count(m, "valid", (int64_t)p->n_valid);
    model_set_count(m, "roster", (int64_t)p->n_roster);
    model_set_count(m, "not_counted", (int64_t)not_counted);
    mustache_map_set_bool(m, "complete", not_counted == 0);
    mustache_map_set_bool(m, "has_missing", missing_count > 0);
    mustache_map_set_bool(m, "has_rejected", rejected_files > 0);
    mustache_map_set(m, "missing", missing);
    mustache_map_set(m, "rejected", rejected);
    return m;
}

static mustache_value *ranked(const region *r, int province, bool first, buf *text)
{
    const province_row *row = &r->provinces[province];
    mustache_value *m = mustache_map_new();
    mustache_map_set_bool(m, "first", first);
    buf rate = BUF_INIT;
    number_format_percent(&rate, row->total.executed, row->total.plan, MODEL_TOTAL_RATE_DECIMALS);
    buf_printf(text, "%s%s (%s)", first ? "" : ", ", r->roster->entries[province].name, rate.data);
    buf_free(&rate);
    mustache_map_set_string(m, "code", r->roster->entries[province].code);
    mustache_map_set_string(m, "name", r->roster->entries[province].name);
    model_set_percent(m, "rate", figures_execution_rate(&row->total), MODEL_TOTAL_RATE_DECIMALS);
    return m;
}

/* The provinces with the highest and the lowest execution rates (region.h). */
static mustache_value *ranking_model(const region *r)
{
    mustache_value *m = mustache_map_new();
    mustache_value *leading = mustache_list_new(), *lagging = mustache_list_new();
    buf leading_text = BUF_INIT, lagging_text = BUF_INIT;
    for (size_t i = 0; i < r->n_leading; i++)
        mustache_list_push(leading, ranked(r, r->by_rate[i], i == 0, &leading_text));
    for (size_t i = 0; i < r->n_lagging; i++)
        mustache_list_push(lagging, ranked(r, r->lagging[i], i == 0, &lagging_text));
    mustache_map_set_string(m, "leading_text", leading_text.data ? leading_text.data : "");
    mustache_map_set_string(m, "lagging_text", lagging_text.data ? lagging_text.data : "");
    buf_free(&leading_text);
    buf_free(&lagging_text);
    mustache_map_set(m, "leading", leading);
    mustache_map_set(m, "lagging", lagging);
    mustache_map_set_bool(m, "has_leading", r->n_leading > 0);
    mustache_map_set_bool(m, "has_lagging", r->n_lagging > 0);
    model_set_count(m, "rated", (int64_t)r->n_rated);
    return m;
}

/* What is left of the year plan. */
static mustache_value *remaining_model(const region *r)
{
    mustache_value *m = mustache_map_new();
    bool exceeded = r->remaining < 0;
    model_set_billion(m, "amount", exceeded ? -r->remaining : r->remaining);
    ratio share = region_remaining_share(r);
    if (exceeded)
        share.num = -share.num;
    model_set_percent(m, "share", share, MODEL_TOTAL_RATE_DECIMALS);
    mustache_map_set_bool(m, "exceeded", exceeded);
    model_set_billion(m, "kcqg", r->remaining_by_source[SOURCE_KCQG]);
    model_set_billion(m, "kcdp", r->remaining_by_source[SOURCE_KCDP]);
    return m;
}

/* "ngày 17 tháng 10 năm 2024", as administrative documents date themselves. */
void briefing_date_text(buf *out, int year, int month, int day)
{
    buf_printf(out, "ngày %d tháng %d năm %d", day, month, year);
}

/* The issuer the printed pages' header names when context.md gives none. */
#define PRINT_ISSUER_DEFAULT "Ban tổ chức Hội nghị khuyến công khu vực phía Nam"

/* context.md: the conference, place, date, issuer, the banner, the sections. Every name is
 * there whether or not the file is (templates/README.md). */
static mustache_value *context_model(const period_context *c)
{
    mustache_value *m = mustache_map_new(), *sections = mustache_list_new();
    bool present = c && c->present;
    mustache_map_set_bool(m, "present", present);
    mustache_map_set_bool(m, "illustrative", present && c->illustrative);
    mustache_map_set_string(m, "conference", present && c->conference ? c->conference : "");
    mustache_map_set_string(m, "place", present && c->place ? c->place : "");
    mustache_map_set_string(m, "issuer", present && c->issuer ? c->issuer : "");
    buf b = BUF_INIT;
    if (present && c->year)
        briefing_date_text(&b, c->year, c->month, c->day);
    mustache_map_set_string(m, "date", b.data ? b.data : "");
    buf_clear(&b);
    if (present && c->year)
        buf_printf(&b, "%d/%d/%d", c->day, c->month, c->year);
    mustache_map_set_string(m, "date_short", b.data ? b.data : "");
    buf_clear(&b);
    /* "Tây Ninh, ngày 17 tháng 10 năm 2024", or whichever of the two is given. */
    if (present && c->place && *c->place)
        buf_puts(&b, c->place);
    if (present && c->year) {
        if (b.len)
            buf_puts(&b, ", ");
        briefing_date_text(&b, c->year, c->month, c->day);
    }
    mustache_map_set_string(m, "place_date", b.data ? b.data : "");
    mustache_map_set_bool(m, "has_place_date", b.len > 0);
    mustache_map_set_bool(m, "has_conference", present && c->conference && *c->conference);
    mustache_map_set_bool(m, "has_issuer", present && c->issuer && *c->issuer);
    buf_clear(&b);
    escape_css_string(&b, present && c->issuer && *c->issuer ? c->issuer : PRINT_ISSUER_DEFAULT);
    mustache_map_set_string(m, "print_issuer", b.data);
    buf_free(&b);
    for (size_t i = 0; present && i < c->n_sections; i++) {
        mustache_value *e = mustache_map_new();
        mustache_map_set_string(e, "title", c->sections[i].title);
        mustache_map_set_bool(e, "has_title", c->sections[i].title[0] != '\0');
        mustache_map_set_string(e, "text", c->sections[i].body);
        mustache_list_push(sections, e);
    }
    mustache_map_set(m, "sections", sections);
    mustache_map_set_bool(m, "has_sections", present && c->n_sections > 0);
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

void briefing_formed_text(const region *r, const province_row *row, buf *out)
{
    buf list = BUF_INIT, day_text = BUF_INIT;
    bool one_day;
    int32_t day;
    predecessors_text(r, row->province, &list, &one_day, &day);
    if (row->n_predecessors > 1)
        buf_printf(out, "hợp nhất từ %s", list.data);
    else
        buf_printf(out, "trước đây là %s", list.data);
    if (day != DAY_NONE_BEFORE) {
        day_format(&day_text, day);
        buf_printf(out, "%s %s", one_day ? ", kể từ ngày" : ", lần sắp xếp gần nhất từ ngày",
                   day_text.data);
    }
    buf_free(&list);
    buf_free(&day_text);
}

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
    briefing_formed_text(r, row, &text);
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
    model_set_billion(m, "plan", e->total.plan);
    model_set_billion(m, "executed", e->total.executed);
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
    mustache_map_set(root, "period", model_period(r->current));
    model_set_percent(root, "year_elapsed", region_year_elapsed(r), 0);
    mustache_map_set(root, "total", model_figures(&r->total, MODEL_TOTAL_RATE_DECIMALS, false));
    mustache_map_set(root, "kcqg", source_model(r, SOURCE_KCQG));
    mustache_map_set(root, "kcdp", source_model(r, SOURCE_KCDP));
    add_comparison(root, r);
    mustache_map_set(root, "coverage", coverage_model(r));
    mustache_map_set(root, "changes", changes_model(r));
    mustache_value *provinces = mustache_list_new();
    for (size_t i = 0; i < r->n_provinces; i++) {
        mustache_value *m = province_model(r, &r->provinces[i]);
        mustache_map_set_bool(m, "first", i == 0); /* lists written as text: "A, B, C" */
        mustache_list_push(provinces, m);
    }
    mustache_map_set(root, "provinces", provinces);
    mustache_value *contents = mustache_list_new();
    for (size_t i = 0; i < r->n_contents; i++)
        mustache_list_push(contents, content_model(r, &r->content_rows[i]));
    mustache_map_set(root, "contents", contents);
    mustache_value *by_rate = mustache_list_new(), *by_plan = mustache_list_new();
    for (size_t i = 0; i < r->n_provinces; i++) {
        mustache_list_push(by_rate, province_model(r, &r->provinces[r->by_rate[i]]));
        mustache_list_push(by_plan, province_model(r, &r->provinces[r->by_plan[i]]));
    }
    mustache_map_set(root, "provinces_by_rate", by_rate);
    mustache_map_set(root, "provinces_by_plan", by_plan);
    mustache_map_set(root, "ranking", ranking_model(r));
    mustache_map_set(root, "remaining", remaining_model(r));
    mustache_map_set(root, "context", context_model(r->context));
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
