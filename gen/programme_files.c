#include "programme_files.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "alloc.h"
#include "datapackage.h"
#include "day.h"
#include "i18n.h"
#include "number.h"
#include "programme_model.h"

/* ------------------------------------------------------------------ open data */

/* The byte-order mark and the header line, whose names datapackage.c describes. */
static void start_file(buf *b, datapackage_programme_table t)
{
    buf_puts(b, "\xEF\xBB\xBF");
    datapackage_programme_header(b, t);
    buf_puts(b, "\r\n");
}

static void text_cell(buf *b, const char *s)
{
    buf_putc(b, '"');
    if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
        buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_puts(b, "\",");
}

static void million_cell(buf *b, int64_t thousands)
{
    number_format_plain(b, thousands, 3);
    buf_putc(b, ',');
}

static void count_cell(buf *b, int64_t n)
{
    number_format_plain(b, n, 0);
    buf_putc(b, ',');
}

static void rate_cell(buf *b, ratio q)
{
    if (q.den != 0)
        number_format_percent_plain(b, q.num, q.den, 2);
    buf_putc(b, ',');
}

static void empty_cell(buf *b)
{
    buf_putc(b, ',');
}

static void end_row(buf *b)
{
    b->data[b->len - 1] = '\r';
    buf_putc(b, '\n');
}

static void source_cells(buf *b, const figures *total, const figures by_source[SOURCE_COUNT])
{
    million_cell(b, by_source[SOURCE_KCQG].plan);
    million_cell(b, by_source[SOURCE_KCQG].executed);
    million_cell(b, by_source[SOURCE_KCDP].plan);
    million_cell(b, by_source[SOURCE_KCDP].executed);
    million_cell(b, total->plan);
    million_cell(b, total->executed);
    rate_cell(b, figures_execution_rate(total));
    count_cell(b, total->establishments);
    million_cell(b, total->counterpart);
}

static void region_file(buf *b, const programme *p)
{
    start_file(b, DATAPACKAGE_PROGRAMME_REGION);
    for (int s = 0; s <= SOURCE_COUNT; s++) {
        const figures *f = s < SOURCE_COUNT ? &p->by_source[s] : &p->total;
        text_cell(b, s < SOURCE_COUNT ? source_label((source)s) : "Tổng");
        million_cell(b, f->plan);
        million_cell(b, f->executed);
        rate_cell(b, figures_execution_rate(f));
        count_cell(b, f->establishments);
        million_cell(b, f->counterpart);
        count_cell(b, (int64_t)p->n_present);
        count_cell(b, (int64_t)p->n_years);
        end_row(b);
    }
}

static void years_file(buf *b, const programme *p)
{
    start_file(b, DATAPACKAGE_PROGRAMME_YEARS);
    for (size_t i = 0; i < p->n_years; i++) {
        const programme_year *y = &p->years[i];
        count_cell(b, y->year);
        text_cell(b, y->present ? y->period_name : "");
        if (!y->present) {
            for (int k = 0; k < 15; k++)
                empty_cell(b);
            end_row(b);
            continue;
        }
        const region *r = y->region;
        count_cell(b, (int64_t)y->period.n_valid);
        count_cell(b, (int64_t)y->period.n_roster);
        source_cells(b, &r->total, r->by_source);
        rate_cell(b, programme_kcqg_share(r->by_source));
        rate_cell(b, programme_year_executed_change(y));
        rate_cell(b, programme_year_plan_change(y));
        if (y->compared && r->n_comparable > 0)
            count_cell(b, (int64_t)r->n_comparable);
        else
            empty_cell(b);
        end_row(b);
    }
}

static void provinces_file(buf *b, const programme *p)
{
    start_file(b, DATAPACKAGE_PROGRAMME_PROVINCES);
    for (size_t i = 0; i < p->n_provinces; i++) {
        const programme_province *pp = &p->provinces[i];
        const catalog_entry *e = &p->full->entries[pp->row];
        text_cell(b, e->code);
        text_cell(b, e->name);
        text_cell(b, pp->province >= 0 ? "yes" : "no");
        text_cell(b, pp->province < 0 && e->successor_name ? e->successor_name : "");
        source_cells(b, &pp->total, pp->by_source);
        text_cell(b, pp->complete ? "yes" : "no");
        buf list = BUF_INIT;
        for (size_t k = 0; k < pp->n_predecessors; k++) {
            const catalog_entry *x = &p->full->entries[pp->predecessors[k]];
            buf_printf(&list, "%s%s (%s)", k ? "; " : "", x->name, x->code);
        }
        text_cell(b, list.data ? list.data : "");
        buf_free(&list);
        end_row(b);
    }
}

static void contents_file(buf *b, const programme *p)
{
    start_file(b, DATAPACKAGE_PROGRAMME_CONTENTS);
    for (size_t c = 0; c < p->n_contents; c++) {
        text_cell(b, p->contents->entries[c].code);
        text_cell(b, p->contents->entries[c].name);
        source_cells(b, &p->content_total[c], &p->content_by_source[c * SOURCE_COUNT]);
        end_row(b);
    }
}

void programme_data_build(programme_data *d, const programme *p)
{
    memset(d, 0, sizeof *d);
    static const char *const names[PROGRAMME_DATA_FILES] = {
        "data/region.csv", "data/years.csv", "data/provinces.csv", "data/contents.csv",
        DATAPACKAGE_FILE};
    for (size_t i = 0; i < PROGRAMME_DATA_FILES; i++) {
        d->names[i] = names[i];
        d->files[i] = (buf)BUF_INIT;
    }
    region_file(&d->files[0], p);
    years_file(&d->files[1], p);
    provinces_file(&d->files[2], p);
    contents_file(&d->files[3], p);
    buf span = BUF_INIT;
    programme_span_label(&span, p);
    datapackage_programme_build(&d->files[4], p->def->code, p->def->name, span.data);
    buf_free(&span);
    d->count = PROGRAMME_DATA_FILES;
}

void programme_data_free(programme_data *d)
{
    for (size_t i = 0; i < d->count; i++)
        buf_free(&d->files[i]);
    memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------------ annex */

typedef struct book {
    lxw_workbook *wb;
    lxw_format *title, *header, *text, *wrap, *million, *million_bold, *count, *count_bold,
        *rate1, *rate1_bold, *rate2, *bold;
    lxw_error err;
} book;

static void check(book *k, lxw_error e)
{
    if (e != LXW_NO_ERROR && k->err == LXW_NO_ERROR)
        k->err = e;
}

static lxw_format *format(book *k, const char *num, bool bold, bool border)
{
    lxw_format *f = workbook_add_format(k->wb);
    if (num)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    format_set_font_name(f, "Times New Roman");
    return f;
}

static void make_formats(book *k)
{
    k->title = format(k, NULL, true, false);
    format_set_font_size(k->title, 13);
    k->header = format(k, NULL, true, true);
    format_set_text_wrap(k->header);
    format_set_align(k->header, LXW_ALIGN_CENTER);
    format_set_align(k->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(k->header, 0xDDDDDD);
    k->text = format(k, NULL, false, true);
    k->wrap = format(k, NULL, false, false);
    format_set_text_wrap(k->wrap);
    k->million = format(k, "#,##0.000", false, true);
    k->million_bold = format(k, "#,##0.000", true, true);
    k->count = format(k, "#,##0", false, true);
    k->count_bold = format(k, "#,##0", true, true);
    k->rate1 = format(k, "0.0%", false, true);
    k->rate1_bold = format(k, "0.0%", true, true);
    k->rate2 = format(k, "0.00%", false, true);
    k->bold = format(k, NULL, true, true);
}

/* Million VND as a number cell: exact to the thousand đồng in three decimals. */
static double millions(int64_t thousands)
{
    return (double)thousands / 1000.0;
}

static double fraction(ratio q)
{
    return q.den == 0 ? 0.0 : (double)q.num / (double)q.den;
}

static void col_name(char out[4], int col)
{
    if (col < 26) {
        out[0] = (char)('A' + col);
        out[1] = '\0';
    } else {
        out[0] = (char)('A' + col / 26 - 1);
        out[1] = (char)('A' + col % 26);
        out[2] = '\0';
    }
}

static void money(book *k, lxw_worksheet *ws, int row, int col, int64_t thousands)
{
    check(k, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, millions(thousands),
                                    k->million));
}

static void count(book *k, lxw_worksheet *ws, int row, int col, int64_t n)
{
    check(k, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)n, k->count));
}

static void text(book *k, lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
    check(k, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f));
}

/* =IF(PLAN=0,"",EXEC/PLAN) in `col`, with its result. */
static void rate(book *k, lxw_worksheet *ws, int row, int col, int exec_col, int plan_col,
                 ratio q, lxw_format *f)
{
    char e[4], p[4], formula[96];
    col_name(e, exec_col);
    col_name(p, plan_col);
    snprintf(formula, sizeof formula, "=IF(%s%d=0,\"\",%s%d/%s%d)", p, row + 1, e, row + 1, p,
             row + 1);
    if (q.den == 0)
        check(k, worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)col, formula, f, ""));
    else
        check(k, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, formula, f,
                                             fraction(q)));
}

/* =SUM(col first..last) with its result. */
static void sum(book *k, lxw_worksheet *ws, int row, int col, int first, int last, double value,
                lxw_format *f)
{
    char c[4], formula[64];
    col_name(c, col);
    snprintf(formula, sizeof formula, "=SUM(%s%d:%s%d)", c, first + 1, c, last + 1);
    check(k, worksheet_write_formula_num(ws, (lxw_row_t)row, (lxw_col_t)col, formula, f, value));
}

static lxw_worksheet *sheet(book *k, const char *name, const char *title,
                            const char *const *headers, const double *widths, int n)
{
    lxw_worksheet *ws = workbook_add_worksheet(k->wb, name);
    if (!ws)
        alloc_failed();
    for (int c = 0; c < n; c++)
        check(k, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
    text(k, ws, 0, 0, title, k->title);
    for (int c = 0; c < n; c++)
        text(k, ws, 2, c, headers[c], k->header);
    worksheet_freeze_panes(ws, 3, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    check(k, worksheet_repeat_rows(ws, 2, 2));
    return ws;
}

/* The eight money columns from `col`: KH KCQG, KH KCĐP, KH, TH KCQG, TH KCĐP, TH, TH/KH. */
static void money_row(book *k, lxw_worksheet *ws, int row, int col, const figures *total,
                      const figures by_source[SOURCE_COUNT])
{
    money(k, ws, row, col, by_source[SOURCE_KCQG].plan);
    money(k, ws, row, col + 1, by_source[SOURCE_KCDP].plan);
    money(k, ws, row, col + 2, total->plan);
    money(k, ws, row, col + 3, by_source[SOURCE_KCQG].executed);
    money(k, ws, row, col + 4, by_source[SOURCE_KCDP].executed);
    money(k, ws, row, col + 5, total->executed);
    rate(k, ws, row, col + 6, col + 5, col + 2, figures_execution_rate(total), k->rate1);
}

static void money_total_row(book *k, lxw_worksheet *ws, int row, int col, int first, int last,
                            const figures *total, const figures by_source[SOURCE_COUNT])
{
    const int64_t values[6] = {by_source[SOURCE_KCQG].plan,     by_source[SOURCE_KCDP].plan,
                               total->plan,                     by_source[SOURCE_KCQG].executed,
                               by_source[SOURCE_KCDP].executed, total->executed};
    for (int i = 0; i < 6; i++)
        sum(k, ws, row, col + i, first, last, millions(values[i]), k->million_bold);
    rate(k, ws, row, col + 6, col + 5, col + 2, figures_execution_rate(total), k->rate1_bold);
}

static const char *const MONEY_HEADERS[7] = {
    "KH KCQG (triệu đồng)", "KH KCĐP (triệu đồng)", "Tổng KH (triệu đồng)",
    "TH KCQG (triệu đồng)", "TH KCĐP (triệu đồng)", "Tổng TH (triệu đồng)", "TH/KH"};

static void summary_sheet(book *k, const programme *p)
{
    buf title = BUF_INIT, span = BUF_INIT;
    programme_span_label(&span, p);
    buf_printf(&title, "%s: tổng hợp %s (triệu đồng)", p->def->name, span.data);
    static const char *const headers[] = {"Nguồn", "Kế hoạch (triệu đồng)",
                                          "Thực hiện (triệu đồng)", "TH/KH", "Số cơ sở",
                                          "Vốn đối ứng (triệu đồng)"};
    static const double widths[] = {22, 18, 18, 10, 12, 18};
    lxw_worksheet *ws = sheet(k, "Tổng hợp", title.data, headers, widths, 6);
    for (int s = 0; s < SOURCE_COUNT; s++) {
        const figures *f = &p->by_source[s];
        int row = 3 + s;
        text(k, ws, row, 0, s == SOURCE_KCQG ? "KCQG" : "KCĐP", k->text);
        money(k, ws, row, 1, f->plan);
        money(k, ws, row, 2, f->executed);
        rate(k, ws, row, 3, 2, 1, figures_execution_rate(f), k->rate2);
        count(k, ws, row, 4, f->establishments);
        money(k, ws, row, 5, f->counterpart);
    }
    int row = 3 + SOURCE_COUNT;
    text(k, ws, row, 0, "Tổng", k->bold);
    sum(k, ws, row, 1, 3, row - 1, millions(p->total.plan), k->million_bold);
    sum(k, ws, row, 2, 3, row - 1, millions(p->total.executed), k->million_bold);
    rate(k, ws, row, 3, 2, 1, figures_execution_rate(&p->total), k->rate1_bold);
    sum(k, ws, row, 4, 3, row - 1, (double)p->total.establishments, k->count_bold);
    sum(k, ws, row, 5, 3, row - 1, millions(p->total.counterpart), k->million_bold);
    buf line = BUF_INIT;
    buf_printf(&line, "Năm có số liệu: %zu/%zu.", p->n_present, p->n_years);
    for (size_t i = 0; i < p->n_years; i++) {
        const programme_year *y = &p->years[i];
        if (!y->present)
            buf_printf(&line, " Năm %d: chưa có số liệu, không tính vào tổng.", y->year);
        else if (!y->year_end) {
            buf_printf(&line, " Năm %d tính đến hết ", y->year);
            period_label(&line, y->period.year, y->period.month);
            buf_puts(&line, ".");
        }
    }
    text(k, ws, row + 2, 0, line.data, k->wrap);
    buf_free(&line);
    buf_free(&title);
    buf_free(&span);
}

static void years_sheet(book *k, const programme *p)
{
    static const char *const headers[] = {"Năm",
                                          "Kỳ số liệu",
                                          "Báo cáo hợp lệ",
                                          "Số tỉnh, thành phố",
                                          "KH KCQG (triệu đồng)",
                                          "KH KCĐP (triệu đồng)",
                                          "Tổng KH (triệu đồng)",
                                          "TH KCQG (triệu đồng)",
                                          "TH KCĐP (triệu đồng)",
                                          "Tổng TH (triệu đồng)",
                                          "TH/KH",
                                          "Tỷ trọng KCQG trong TH",
                                          "TH so với năm trước",
                                          "Ghi chú"};
    static const double widths[] = {8, 12, 10, 10, 14, 14, 14, 14, 14, 14, 9, 11, 12, 40};
    lxw_worksheet *ws =
        sheet(k, "Theo năm", "Kế hoạch và thực hiện theo năm (triệu đồng)", headers, widths, 14);
    int row = 3;
    for (size_t i = 0; i < p->n_years; i++, row++) {
        const programme_year *y = &p->years[i];
        count(k, ws, row, 0, y->year);
        if (!y->present) {
            text(k, ws, row, 1, "", k->text);
            text(k, ws, row, 13, "chưa có số liệu", k->text);
            continue;
        }
        const region *r = y->region;
        text(k, ws, row, 1, y->period_name, k->text);
        count(k, ws, row, 2, (int64_t)y->period.n_valid);
        count(k, ws, row, 3, (int64_t)y->period.n_roster);
        money_row(k, ws, row, 4, &r->total, r->by_source);
        rate(k, ws, row, 11, 7, 9, programme_kcqg_share(r->by_source), k->rate1);
        ratio change = programme_year_executed_change(y);
        if (change.den != 0)
            check(k, worksheet_write_number(ws, (lxw_row_t)row, 12, fraction(change), k->rate1));
        else
            text(k, ws, row, 12, "", k->text);
        buf note = BUF_INIT;
        if (!y->year_end) {
            buf_puts(&note, "tính đến hết ");
            period_label(&note, y->period.year, y->period.month);
        }
        if (y->compared && r->n_comparable > 0 && r->n_comparable < r->n_provinces)
            buf_printf(&note, "%sso sánh trên %zu tỉnh, thành phố có báo cáo hợp lệ cả hai năm",
                       note.len ? "; " : "", r->n_comparable);
        text(k, ws, row, 13, note.data ? note.data : "", k->text);
        buf_free(&note);
    }
    text(k, ws, row, 0, "Tổng", k->bold);
    money_total_row(k, ws, row, 4, 3, row - 1, &p->total, p->by_source);
    rate(k, ws, row, 11, 7, 9, programme_kcqg_share(p->by_source), k->rate1_bold);
}

static void provinces_sheet(book *k, const programme *p)
{
    const char *headers[11] = {"Mã", "Tỉnh, thành phố"};
    for (int i = 0; i < 7; i++)
        headers[2 + i] = MONEY_HEADERS[i];
    headers[9] = "Đủ số liệu các năm";
    headers[10] = "Gồm số liệu của";
    static const double widths[] = {6, 26, 14, 14, 14, 14, 14, 14, 9, 10, 50};
    lxw_worksheet *ws = sheet(k, "Tỉnh, thành phố",
                              "Kế hoạch và thực hiện cả giai đoạn theo tỉnh, thành phố hiện nay "
                              "(triệu đồng)",
                              headers, widths, 11);
    int row = 3;
    for (size_t i = 0; i < p->n_provinces; i++, row++) {
        const programme_province *pp = &p->provinces[i];
        const catalog_entry *e = &p->full->entries[pp->row];
        text(k, ws, row, 0, e->code, k->text);
        buf name = BUF_INIT;
        buf_puts(&name, e->name);
        if (pp->province < 0 && e->successor_name)
            buf_printf(&name, " (nay thuộc %s)", e->successor_name);
        text(k, ws, row, 1, name.data, k->text);
        buf_free(&name);
        money_row(k, ws, row, 2, &pp->total, pp->by_source);
        text(k, ws, row, 9, pp->complete ? "có" : "không", k->text);
        buf list = BUF_INIT;
        for (size_t j = 0; j < pp->n_predecessors; j++) {
            const catalog_entry *x = &p->full->entries[pp->predecessors[j]];
            buf_printf(&list, "%s%s (%s)", j ? ", " : "", x->name, x->code);
        }
        text(k, ws, row, 10, list.data ? list.data : "", k->text);
        buf_free(&list);
    }
    text(k, ws, row, 1, "Tổng cộng", k->bold);
    money_total_row(k, ws, row, 2, 3, row - 1, &p->total, p->by_source);
}

static void contents_sheet(book *k, const programme *p)
{
    const char *headers[11] = {"Mã", "Nội dung"};
    for (int i = 0; i < 7; i++)
        headers[2 + i] = MONEY_HEADERS[i];
    headers[9] = "Số cơ sở";
    headers[10] = "Vốn đối ứng (triệu đồng)";
    static const double widths[] = {6, 44, 14, 14, 14, 14, 14, 14, 9, 10, 14};
    lxw_worksheet *ws = sheet(k, "Nội dung",
                              "Kế hoạch và thực hiện cả giai đoạn theo nội dung (triệu đồng)",
                              headers, widths, 11);
    int row = 3;
    for (size_t c = 0; c < p->n_contents; c++, row++) {
        const figures *f = &p->content_total[c];
        text(k, ws, row, 0, p->contents->entries[c].code, k->text);
        text(k, ws, row, 1, p->contents->entries[c].name, k->text);
        money_row(k, ws, row, 2, f, &p->content_by_source[c * SOURCE_COUNT]);
        count(k, ws, row, 9, f->establishments);
        money(k, ws, row, 10, f->counterpart);
    }
    text(k, ws, row, 1, "Tổng cộng", k->bold);
    money_total_row(k, ws, row, 2, 3, row - 1, &p->total, p->by_source);
    sum(k, ws, row, 9, 3, row - 1, (double)p->total.establishments, k->count_bold);
    sum(k, ws, row, 10, 3, row - 1, millions(p->total.counterpart), k->million_bold);
}

static void notes_sheet(book *k, const programme *p)
{
    lxw_worksheet *ws = workbook_add_worksheet(k->wb, "Ghi chú");
    if (!ws)
        alloc_failed();
    check(k, worksheet_set_column(ws, 0, 0, 110, NULL));
    static const char *const notes[] = {
        "Số tiền tính bằng triệu đồng, ba chữ số thập phân; mọi phép cộng chính xác đến nghìn "
        "đồng.",
        "Mỗi năm của giai đoạn lấy số liệu kỳ cả năm (YYYY-12); năm chưa có kỳ cả năm lấy kỳ "
        "gần nhất của năm đó và ghi rõ; năm không có kỳ nào ghi là chưa có số liệu, không "
        "ước tính.",
        "Số tổng của mỗi năm chỉ gồm các tỉnh, thành phố có báo cáo hợp lệ năm đó.",
        "Theo tỉnh, thành phố: số liệu các năm trước được cộng vào tỉnh, thành phố hiện tiếp "
        "nhận địa bàn (quy đổi theo địa giới mới); tỉnh đã ra khỏi khu vực có dòng riêng để "
        "bảng cộng đúng bằng tổng giai đoạn.",
        "TH so với năm trước: chỉ tính khi hai năm cùng kỳ số liệu, trên các tỉnh, thành phố có "
        "báo cáo hợp lệ cả hai năm (so sánh cùng phạm vi).",
        "Tổng và tỷ lệ là công thức (SUM, phép chia), lưu kèm kết quả chương trình tính chính "
        "xác."};
    text(k, ws, 0, 0, p->def->name, k->title);
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
        text(k, ws, (int)i + 2, 0, notes[i], k->wrap);
}

static time_t creation_time(const programme *p)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env >= '0' && *env <= '9') {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(env, &end, 10);
        if (errno == 0 && *end == '\0' && v > 0 && v <= 253402300799LL)
            return (time_t)v;
    }
    const programme_year *y = programme_latest(p);
    int year = y->period.month == 12 ? y->period.year + 1 : y->period.year;
    int month = y->period.month == 12 ? 1 : y->period.month + 1;
    return (time_t)(((int64_t)day_from_civil(year, month, 1) - 1) * 86400);
}

int programme_annex_writer(const char *path, const void *context, diag_list *diags)
{
    const programme *p = context;
    book k = {0};
    k.wb = workbook_new(path);
    if (!k.wb) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create: %s", i18n_strerror(errno));
        return -1;
    }
    buf title = BUF_INIT;
    buf_printf(&title, "Phụ lục số liệu %s", p->def->name);
    lxw_doc_properties props = {.title = title.data,
                                .author = "Hội nghị khuyến công khu vực phía Nam (gen)",
                                .keywords = "khuyến công, KCQG, KCĐP, phía Nam",
                                .created = creation_time(p)};
    check(&k, workbook_set_properties(k.wb, &props));
    make_formats(&k);
    summary_sheet(&k, p);
    years_sheet(&k, p);
    provinces_sheet(&k, p);
    contents_sheet(&k, p);
    notes_sheet(&k, p);
    lxw_error closed = workbook_close(k.wb);
    buf_free(&title);
    lxw_error e = k.err != LXW_NO_ERROR ? k.err : closed;
    if (e != LXW_NO_ERROR) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write the Excel annex: %s (%s)",
                 lxw_strerror(e), "programme");
        return -1;
    }
    return 0;
}
