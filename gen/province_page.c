#include "province_page.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "briefing.h"
#include "escape.h"
#include "html.h"
#include "i18n.h"
#include "model_value.h"
#include "plausibility.h"

#define PAGE_TEMPLATE      "province.md"
#define PAGE_HTML_TEMPLATE "province.html"

/* ----------------------------------------------------------------------- names and paths */

static bool names_a_file(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n > 32)
        return false;
    for (const char *c = code; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              *c == '-' || *c == '_'))
            return false;
    return true;
}

void province_page_path(buf *out, const region *r, int province)
{
    const char *code = r->roster->entries[province].code;
    if (names_a_file(code))
        buf_printf(out, "%s/%s", PROVINCE_PAGES_DIR, code);
    else
        buf_printf(out, "%s/row-%d", PROVINCE_PAGES_DIR, province + 1);
}

/* ----------------------------------------------------------------------------- figures */

static void set_no_figures(mustache_value *m)
{
    static const char *const keys[] = {"plan",           "executed",         "rate",
                                       "establishments", "counterpart",      "plan_cell",
                                       "executed_cell",  "counterpart_cell", "lines"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        mustache_map_set_string(m, keys[i], MODEL_NO_FIGURE);
}

/* Figures of a province, "—" throughout when it is not counted. */
static mustache_value *figures_or_none(const figures *f, bool valid, int rate_decimals)
{
    if (valid)
        return model_figures(f, rate_decimals, false);
    mustache_value *m = mustache_map_new();
    set_no_figures(m);
    return m;
}

static mustache_value *source_model(const province_row *row, source s)
{
    mustache_value *m = figures_or_none(&row->by_source[s], row->state == PROVINCE_VALID,
                                        MODEL_SOURCE_RATE_DECIMALS);
    mustache_map_set_string(m, "label", source_label(s));
    return m;
}

/* Why a province is not compared with the year before, in words; nothing when it is. */
static void not_compared_reason(const region *r, const province_row *row, buf *out)
{
    if (row->comparable)
        return;
    if (row->state != PROVINCE_VALID) {
        buf_puts(out, "báo cáo kỳ này chưa được tổng hợp");
        return;
    }
    buf label = BUF_INIT;
    period_label(&label, r->current->year - 1, r->current->month);
    if (!r->previous)
        buf_printf(out, "chưa có số liệu %s", label.data);
    else if (row->n_predecessors == 0)
        buf_printf(out, "không có tỉnh, thành phố nào hợp thành ở %s", label.data);
    else
        buf_printf(out, "thiếu báo cáo hợp lệ %s", label.data);
    buf_free(&label);
}

static mustache_value *comparison_model(const region *r, const province_row *row)
{
    mustache_value *m = mustache_map_new();
    buf b = BUF_INIT;
    mustache_map_set_bool(m, "comparable", row->comparable);
    period_label(&b, r->current->year - 1, r->current->month);
    model_set_buf(m, "previous_label", &b);
    if (row->comparable) {
        model_set_billion(m, "previous_plan", row->previous_total.plan);
        model_set_billion(m, "previous_executed", row->previous_total.executed);
    } else {
        mustache_map_set_string(m, "previous_plan", MODEL_NO_FIGURE);
        mustache_map_set_string(m, "previous_executed", MODEL_NO_FIGURE);
    }
    model_set_percent(m, "same_period_ratio", region_province_same_period_ratio(row),
                      MODEL_RATIO_DECIMALS);
    buf_printf(&b, "%d", r->current->year - 1);
    model_set_buf(m, "previous_year", &b);
    ratio change = region_province_plan_change(row);
    if (change.den != 0)
        model_signed_change(&b, change);
    else
        buf_puts(&b, MODEL_NO_FIGURE);
    model_set_buf(m, "plan_change", &b);
    /* "giảm 2,5%", "tăng 3,2%", "không đổi": the same rounding as the signed form. */
    if (change.den != 0)
        model_change_in_words(&b, change);
    else
        buf_puts(&b, MODEL_NO_FIGURE);
    model_set_buf(m, "plan_change_words", &b);
    not_compared_reason(r, row, &b);
    model_set_buf(m, "reason", &b);
    buf_free(&b);
    return m;
}

/* The provinces of the year before whose territory it holds, when it was formed from them. */
static mustache_value *predecessors_model(const region *r, const province_row *row)
{
    mustache_value *list = mustache_list_new();
    for (size_t i = 0; row->formed && i < r->n_earlier; i++) {
        const earlier_row *e = &r->earlier[i];
        if (e->holder != row->province)
            continue;
        const catalog_entry *then = &r->previous_roster->entries[e->province];
        bool valid = e->state == PROVINCE_VALID;
        mustache_value *m = figures_or_none(&e->total, valid, MODEL_TOTAL_RATE_DECIMALS);
        mustache_map_set_string(m, "code", then->code);
        mustache_map_set_string(m, "name", then->name);
        mustache_map_set_string(m, "state", province_state_label(e->state));
        mustache_map_set_bool(m, "valid", valid);
        mustache_list_push(list, m);
    }
    return list;
}

static mustache_value *rank_model(const region *r, int province)
{
    mustache_value *m = mustache_map_new();
    size_t place = region_province_rank(r, province);
    mustache_map_set_bool(m, "ranked", place > 0);
    buf b = BUF_INIT;
    if (place > 0)
        buf_printf(&b, "%zu", place);
    model_set_buf(m, "place", &b);
    model_set_count(m, "of", (int64_t)r->n_rated);
    buf_free(&b);
    return m;
}

/* The contents the province reported under, in catalogue order. */
static mustache_value *contents_model(const region *r, int province, size_t *count)
{
    mustache_value *list = mustache_list_new();
    *count = 0;
    for (size_t c = 0; c < r->n_contents; c++) {
        figures by_source[SOURCE_COUNT], total;
        region_province_content(r, province, (int)c, by_source, &total);
        if (total.lines == 0)
            continue;
        mustache_value *m = model_figures(&total, MODEL_TOTAL_RATE_DECIMALS, true);
        model_set_billion_cell(m, "kcqg_plan", by_source[SOURCE_KCQG].plan);
        model_set_billion_cell(m, "kcdp_plan", by_source[SOURCE_KCDP].plan);
        mustache_map_set_string(m, "code", r->contents->entries[c].code);
        mustache_map_set_string(m, "name", r->contents->entries[c].name);
        mustache_list_push(list, m);
        (*count)++;
    }
    return list;
}

/* ------------------------------------------------------------------------------ lines */

/* What a page gathers from its province's counted submission: the lines it lists, and the
 * notes on them. */
typedef struct line_walk {
    const region *r;
    plausibility *checks;
    mustache_value *lines; /* up to PROVINCE_PAGE_LINES_MAX */
    size_t listed;
} line_walk;

/* An amount of a line in triệu đồng, exact; a zero as "0", as in every table. */
static void set_line_amount(mustache_value *m, const char *key, int64_t thousands)
{
    if (thousands == 0)
        mustache_map_set_string(m, key, "0");
    else
        model_set_million(m, key, thousands);
}

static mustache_value *line_model(const region *r, const submission *s, const project_line *l)
{
    mustache_value *m = mustache_map_new();
    buf b = BUF_INIT;
    mustache_map_set_string(m, "file", s->name);
    buf_printf(&b, "%d", l->line);
    model_set_buf(m, "line", &b);
    mustache_map_set_string(m, "content", r->contents->entries[l->content].code);
    mustache_map_set_string(m, "source", source_label(l->source));
    mustache_map_set_string(m, "title", l->title);
    set_line_amount(m, "plan", l->plan);
    set_line_amount(m, "executed", l->executed);
    model_set_count(m, "establishments", l->establishments);
    set_line_amount(m, "counterpart", l->counterpart);
    mustache_map_set_string(m, "note", l->note);
    buf_free(&b);
    return m;
}

static int walk_line(void *context, const submission *s, const project_line *l)
{
    line_walk *w = context;
    plausibility_add_line(w->checks, s, l);
    mustache_list_push(w->lines, line_model(w->r, s, l));
    w->listed++;
    return 0;
}

/* Takes the lines of province `p`'s counted submission that its page lists, and finds the
 * notes on them; the region's notes on the province's figures are added. */
static void walk_lines(line_walk *w, int p)
{
    const submission *s = w->r->current->accepted[p];
    if (s)
        submission_each_head_line(s, PROVINCE_PAGE_LINES_MAX, walk_line, w);
    plausibility_finish(w->checks);
}

/* ------------------------------------------------------------------ files and problems */

static const char *delimiter_name(char d)
{
    switch (d) {
    case ',':
        return "dấu phẩy (,)";
    case ';':
        return "dấu chấm phẩy (;)";
    case '\t':
        return "ký tự tab";
    default:
        return "";
    }
}

/* The encoding as the page says it: "UTF-8 (có BOM)". */
static const char *encoding_name(const char *encoding)
{
    if (!encoding)
        return "";
    if (strcmp(encoding, "UTF-8 with BOM") == 0)
        return "UTF-8 (có ký tự BOM đầu tệp)";
    return encoding;
}

static void set_source_totals(mustache_value *m, const submission *s)
{
    static const char *const keys[SOURCE_COUNT][4] = {
        {"kcqg_plan", "kcqg_executed", "kcqg_establishments", "kcqg_counterpart"},
        {"kcdp_plan", "kcdp_executed", "kcdp_establishments", "kcdp_counterpart"}};
    for (int src = 0; src < SOURCE_COUNT; src++) {
        const figures *f = &s->by_source[src];
        model_set_million(m, keys[src][0], f->plan);
        model_set_million(m, keys[src][1], f->executed);
        model_set_count(m, keys[src][2], f->establishments);
        model_set_million(m, keys[src][3], f->counterpart);
    }
}

/* A file the province sent, as read: what the province can compare with what it sent. */
static mustache_value *file_model(const submission *s)
{
    mustache_value *m = mustache_map_new();
    mustache_map_set_string(m, "name", s->name);
    mustache_map_set_string(m, "sha256", s->sha256);
    mustache_map_set_bool(m, "read", s->sha256[0] != '\0');
    mustache_map_set_string(m, "encoding", encoding_name(s->encoding));
    mustache_map_set_string(m, "delimiter", delimiter_name(s->delimiter));
    /* An empty file, or one whose header has no delimiter, was read but could not be told. */
    mustache_map_set_bool(m, "described", s->encoding && *delimiter_name(s->delimiter));
    mustache_map_set_bool(m, "counted", !s->rejected);
    model_set_count(m, "errors", (int64_t)s->errors);
    model_set_count(m, "warnings", (int64_t)s->warnings);
    model_set_count(m, "lines", (int64_t)submission_line_count(s));
    set_source_totals(m, s);
    return m;
}

static mustache_value *problem_model(const diag *d, const char *file_name)
{
    mustache_value *m = mustache_map_new();
    buf b = BUF_INIT;
    mustache_map_set_string(m, "file", file_name);
    /* The column of a diagnostic counts characters, not the spreadsheet's columns, which the
     * message names itself ("ở cột Kế hoạch"). */
    if (d->line > 0 && d->column > 0)
        buf_printf(&b, "dòng %d, ký tự thứ %d", d->line, d->column);
    else if (d->line > 0)
        buf_printf(&b, "dòng %d", d->line);
    else
        buf_puts(&b, "cả tệp");
    model_set_buf(m, "where", &b);
    mustache_map_set_bool(m, "error", d->severity == DIAG_ERROR);
    mustache_map_set_string(m, "severity", d->severity == DIAG_ERROR ? "Lỗi" : "Cảnh báo");
    /* The page ends each item with its own full stop. */
    const char *message = diag_message(d, I18N_DOCUMENTS);
    size_t len = strlen(message);
    buf_append(&b, message, len > 0 && message[len - 1] == '.' ? len - 1 : len);
    model_set_buf(m, "message", &b);
    buf_free(&b);
    return m;
}

/* The files naming `province`, and every problem found in them, in the order found. */
static void add_files(mustache_value *root, const region *r, int province)
{
    const period *p = r->current;
    mustache_value *files = mustache_list_new(), *problems = mustache_list_new();
    size_t n_files = 0, n_errors = 0, n_warnings = 0, n_extra = 0;
    for (size_t i = 0; i < p->n_files; i++) {
        if (p->file_province[i] != province)
            continue;
        const submission *s = p->files[i];
        mustache_list_push(files, file_model(s));
        n_files++;
        /* A file not counted beside the one that is (the province is valid). */
        n_extra += s->rejected && p->state[province] == PROVINCE_VALID;
        for (size_t k = 0; r->diagnostics && k < r->diagnostics->count; k++) {
            const diag *d = &r->diagnostics->items[k];
            if (!d->file || strcmp(d->file, s->path) != 0)
                continue;
            mustache_list_push(problems, problem_model(d, s->name));
            if (d->severity == DIAG_ERROR)
                n_errors++;
            else
                n_warnings++;
        }
    }
    mustache_map_set(root, "files", files);
    mustache_map_set_bool(root, "has_files", n_files > 0);
    model_set_count(root, "file_count", (int64_t)n_files);
    mustache_map_set(root, "problems", problems);
    mustache_map_set_bool(root, "has_problems", n_errors + n_warnings > 0);
    model_set_count(root, "error_count", (int64_t)n_errors);
    model_set_count(root, "warning_count", (int64_t)n_warnings);
    mustache_map_set_bool(root, "has_warnings", n_warnings > 0);
    mustache_map_set_bool(root, "has_extra_files", n_extra > 0);
    model_set_count(root, "extra_file_count", (int64_t)n_extra);
}

static void add_notes(mustache_value *root, const region *r, int province,
                      const plausibility *checks)
{
    size_t count = 0, listed = 0;
    const plausibility_note *notes = plausibility_notes(checks, &count);
    mustache_value *list = mustache_list_new();
    for (size_t i = 0; i < count; i++) {
        const plausibility_note *n = &notes[i];
        if (n->province != province)
            continue;
        mustache_value *m = mustache_map_new();
        buf b = BUF_INIT;
        mustache_map_set_string(m, "kind", plausibility_kind_label(n->kind));
        mustache_map_set_string(m, "file", n->file ? n->file : "");
        if (n->line > 0)
            buf_printf(&b, "%d", n->line);
        model_set_buf(m, "line", &b);
        mustache_map_set_bool(m, "of_line", n->line > 0);
        mustache_map_set_string(m, "title", n->title ? n->title : "");
        plausibility_describe(n, r->current->year, &b);
        model_set_buf(m, "detail", &b);
        buf_free(&b);
        mustache_list_push(list, m);
        listed++;
    }
    mustache_map_set(root, "notes", list);
    mustache_map_set_bool(root, "has_notes", listed > 0);
}

/* ------------------------------------------------------------------------------ pages */

static mustache_value *province_model(const region *r, const province_row *row)
{
    const catalog_entry *e = &r->roster->entries[row->province];
    mustache_value *m = mustache_map_new();
    buf b = BUF_INIT;
    mustache_map_set_string(m, "code", e->code);
    mustache_map_set_string(m, "name", e->name);
    mustache_map_set_string(m, "state", province_state_label(row->state));
    mustache_map_set_bool(m, "valid", row->state == PROVINCE_VALID);
    mustache_map_set_bool(m, "rejected", row->state == PROVINCE_REJECTED);
    mustache_map_set_bool(m, "missing", row->state == PROVINCE_MISSING);
    mustache_map_set_bool(m, "formed", row->formed && r->previous);
    if (row->formed && r->previous)
        briefing_formed_text(r, row, &b);
    model_set_buf(m, "formed_text", &b);
    /* "72": the page's own name, for its links to itself. */
    province_page_path(&b, r, row->province);
    mustache_map_set_string(m, "page", b.data + strlen(PROVINCE_PAGES_DIR "/"));
    buf_clear(&b);
    buf_printf(&b, "%s (%s)", e->name, e->code);
    buf css = BUF_INIT;
    escape_css_string(&css, b.data);
    mustache_map_set_string(m, "print_name", css.data);
    buf_free(&css);
    buf_free(&b);
    return m;
}

/* The page's data; `w` holds the walk of its lines, whose list moves into it. */
static mustache_value *page_model(const region *r, const province_row *row, line_walk *w)
{
    int p = row->province;
    bool valid = row->state == PROVINCE_VALID;
    mustache_value *root = mustache_map_new();
    mustache_map_set(root, "period", model_period(r->current));
    mustache_map_set_bool(root, "illustrative",
                          r->context && r->context->present && r->context->illustrative);
    mustache_map_set(root, "province", province_model(r, row));
    mustache_map_set(root, "total", figures_or_none(&row->total, valid, MODEL_TOTAL_RATE_DECIMALS));
    mustache_map_set_bool(root, "has_counterpart", valid && row->total.counterpart != 0);
    mustache_map_set(root, "kcqg", source_model(row, SOURCE_KCQG));
    mustache_map_set(root, "kcdp", source_model(row, SOURCE_KCDP));
    mustache_map_set(root, "comparison", comparison_model(r, row));
    mustache_value *predecessors = predecessors_model(r, row);
    mustache_map_set_bool(root, "has_predecessors", row->formed && r->previous);
    mustache_map_set(root, "predecessors", predecessors);
    mustache_map_set(root, "rank", rank_model(r, p));
    size_t n_contents;
    mustache_map_set(root, "contents", contents_model(r, p, &n_contents));
    mustache_map_set_bool(root, "has_contents", n_contents > 0);
    mustache_map_set(root, "project_lines", w->lines);
    w->lines = NULL;
    size_t counted = valid ? row->total.lines : 0;
    mustache_map_set_bool(root, "has_lines", counted > 0);
    model_set_count(root, "lines_counted", (int64_t)counted);
    model_set_count(root, "lines_listed", (int64_t)w->listed);
    mustache_map_set_bool(root, "lines_cut", counted > w->listed);
    model_set_count(root, "lines_unlisted", (int64_t)(counted - w->listed));
    add_files(root, r, p);
    add_notes(root, r, p, w->checks);
    return root;
}

static void add_file(province_pages *out, const char *name, buf *bytes)
{
    out->names = xrealloc(out->names, (out->count + 1) * sizeof *out->names);
    out->files = xrealloc(out->files, (out->count + 1) * sizeof *out->files);
    out->names[out->count] = xstrdup(name);
    out->files[out->count] = *bytes;
    *bytes = (buf)BUF_INIT;
    out->count++;
}

/* One province's page as rendered on some thread, kept until they are all done. */
typedef struct page_slot {
    buf markdown, html;
    diag_list diags;
    int rc;
} page_slot;

/* The pages are independent: threads take the provinces in turn, each page from the reading
 * of its lines to its HTML, so that only the pages being made are in memory. */
typedef struct page_job {
    const region *r;
    template_set *templates;
    page_slot *slots; /* roster-indexed */
    atomic_size_t next;
} page_job;

static void render_page(page_job *job, size_t p)
{
    page_slot *slot = &job->slots[p];
    line_walk w = {job->r, plausibility_new(job->r), mustache_list_new(), 0};
    walk_lines(&w, (int)p);
    mustache_value *model = page_model(job->r, &job->r->provinces[p], &w);
    slot->rc = template_render(job->templates, PAGE_TEMPLATE, model, mustache_escape_markdown,
                               &slot->markdown, &slot->diags);
    if (slot->rc == 0)
        slot->rc = html_render_page(PAGE_HTML_TEMPLATE, slot->markdown.data, slot->markdown.len,
                                    NULL, model, job->templates, &slot->html, &slot->diags);
    mustache_value_free(model);
    mustache_value_free(w.lines);
    plausibility_free(w.checks);
}

static void *render_pages(void *context)
{
    page_job *job = context;
    for (size_t p; (p = atomic_fetch_add(&job->next, 1)) < job->r->n_provinces;)
        render_page(job, p);
    return NULL;
}

/* Renders every page, on as many threads as there are processors (four at most). */
static void run_page_job(page_job *job)
{
    enum { HELPERS_MAX = 3 };
    long processors = sysconf(_SC_NPROCESSORS_ONLN);
    size_t helpers = processors > 1 ? (size_t)(processors - 1) : 0;
    if (helpers > HELPERS_MAX)
        helpers = HELPERS_MAX;
    pthread_t threads[HELPERS_MAX];
    bool started[HELPERS_MAX] = {false};
    html_prepare(); /* what cmark-gfm registers once, before any thread parses */
    /* A helper that cannot be started leaves its pages to the others: slower, not wrong. */
    for (size_t i = 0; i < helpers; i++)
        started[i] = pthread_create(&threads[i], NULL, render_pages, job) == 0;
    render_pages(job);
    for (size_t i = 0; i < helpers; i++)
        if (started[i])
            pthread_join(threads[i], NULL);
}

/* The pages in roster order, and the listing of them. */
static int collect_pages(province_pages *out, const region *r, page_slot *slots, diag_list *diags)
{
    int rc = 0;
    buf path = BUF_INIT;
    for (size_t p = 0; p < r->n_provinces; p++) {
        diag_list_append(diags, &slots[p].diags);
        if (slots[p].rc != 0) {
            rc = -1;
            continue;
        }
        province_page_path(&path, r, (int)p);
        size_t stem = path.len;
        buf_puts(&path, ".md");
        add_file(out, path.data, &slots[p].markdown);
        path.data[stem] = '\0';
        path.len = stem;
        buf_puts(&path, ".html");
        add_file(out, path.data, &slots[p].html);
        path.data[stem] = '\0';
        path.len = stem;
        const catalog_entry *e = &r->roster->entries[p];
        buf_printf(&out->listing, "%s\t%s\t%s\t%s\n", path.data, e->code, e->name,
                   province_state_label(r->provinces[p].state));
        buf_clear(&path);
    }
    buf_free(&path);
    return rc;
}

int province_pages_build(province_pages *out, const region *r, template_set *templates,
                         diag_list *diags)
{
    *out = (province_pages){0};
    page_slot *slots = xcalloc(r->n_provinces ? r->n_provinces : 1, sizeof *slots);
    page_job job = {r, templates, slots, 0};
    run_page_job(&job);
    int rc = collect_pages(out, r, slots, diags);
    for (size_t p = 0; p < r->n_provinces; p++) {
        buf_free(&slots[p].markdown);
        buf_free(&slots[p].html);
        diag_list_free(&slots[p].diags);
    }
    free(slots);
    return rc;
}

void province_pages_free(province_pages *pages)
{
    for (size_t i = 0; i < pages->count; i++) {
        free(pages->names[i]);
        buf_free(&pages->files[i]);
    }
    free(pages->names);
    free(pages->files);
    buf_free(&pages->listing);
    *pages = (province_pages){0};
}
