#include "annex.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

/* pkg-config gives libxlsxwriter's soname ("4"), not its version: the header does. The annex is
 * written and tested against Debian bookworm's 1.1.4. */
#if LXW_VERSION_ID < 114
#error "gen/annex.c needs libxlsxwriter 1.1.4 or later (LXW_VERSION_ID 114)"
#endif

#include "alloc.h"
#include "buf.h"
#include "fold.h"
#include "linefeed.h"
#include "number.h"

/* Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
#define SHEET_SUMMARY     "Tổng hợp"
#define SHEET_PROVINCES   "Tỉnh, thành phố"
#define SHEET_CHART       "Biểu đồ"
#define SHEET_CONTENTS    "Nội dung"
#define SHEET_LINES       "Đề án"
#define SHEET_STATUS      "Tình trạng nộp"
#define SHEET_DIAGNOSTICS "Lỗi, cảnh báo"
#define SHEET_NOTES       "Ghi chú"

/* In formulas a sheet name with spaces or commas is quoted. */
#define REF_PROVINCES "'" SHEET_PROVINCES "'!"

#define COMPARABLE_YES "có"
#define COMPARABLE_NO  "không"

/* A cell holds at most 32,767 characters; libxlsxwriter versions count them in bytes or in
 * characters, so longer text is cut to that many bytes (a submitted title never comes near). */
#define CELL_TEXT_MAX 32767

/* The styles of value cells; each has a plain and a bold (totals) format. */
enum style {
    STYLE_TEXT,
    STYLE_WRAP,
    STYLE_BILLION, /* tỷ đồng, three decimals */
    STYLE_MILLION, /* million VND, three decimals */
    STYLE_COUNT,
    STYLE_RATE1,  /* 27.7% */
    STYLE_RATE2,  /* 12.18% */
    STYLE_CHANGE, /* -8.1% / +3.2% */
    STYLE_N
};

/* Whether notes say "minh hoạ", remembered per note text: a file repeats a handful of notes
 * over all its lines, and folding is what costs (a direct-mapped cache, no eviction policy). */
enum { NOTE_MEMO_SLOTS = 64 };

typedef struct note_memo {
    char *text[NOTE_MEMO_SLOTS];
    bool illustrative[NOTE_MEMO_SLOTS];
} note_memo;

static size_t note_slot(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % NOTE_MEMO_SLOTS;
}

static bool is_illustrative(note_memo *m, const char *note)
{
    size_t slot = note_slot(note);
    if (m->text[slot] && strcmp(m->text[slot], note) == 0)
        return m->illustrative[slot];
    char *folded = fold_name(note, strlen(note));
    bool yes = strstr(folded, "minh hoa") != NULL;
    free(folded);
    free(m->text[slot]);
    m->text[slot] = xstrdup(note);
    m->illustrative[slot] = yes;
    return yes;
}

typedef struct annex {
    const region *r;
    size_t lines_per_sheet;
    lxw_workbook *wb;
    lxw_format *plain[STYLE_N];
    lxw_format *bold[STYLE_N];
    lxw_format *title;
    lxw_format *header;
    lxw_error err;        /* the first libxlsxwriter error; LXW_NO_ERROR while none */
    char where[160];      /* what was being written when it happened */
    size_t n_diagnostics; /* the diagnostics listed: those there when writing began */
    size_t n_line_sheets;
    note_memo notes;     /* while the project lines are written */
    size_t illustrative; /* lines whose note says they are made-up figures */
    diag_list *diags;
    bool lines_failed; /* a file could not be read again for its lines (in diags) */
} annex;

/* ------------------------------------------------------------------------------ errors */

static void fail_at(annex *a, lxw_error e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Keeps the first error and where it happened; writing goes on (libxlsxwriter stays usable)
 * and the caller turns the error into a diagnostic at the end. */
static void fail_at(annex *a, lxw_error e, const char *fmt, ...)
{
    if (e == LXW_NO_ERROR || a->err != LXW_NO_ERROR)
        return;
    a->err = e;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->where, sizeof a->where, fmt, ap);
    va_end(ap);
}

static void check_cell(annex *a, lxw_error e, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col)
{
    if (e == LXW_NO_ERROR)
        return;
    char cell[16];
    lxw_rowcol_to_cell(cell, row, col);
    fail_at(a, e, "%s!%s", ws->name, cell);
}

/* ------------------------------------------------------------------------------ cells */

static double billion(int64_t thousands)
{
    return (double)thousands / 1e6;
}

static double million(int64_t thousands)
{
    return (double)thousands / 1e3;
}

/* Both terms are exact in a double (below 2^53), so this is the exact ratio rounded once. */
static double ratio_value(ratio q)
{
    return (double)q.num / (double)q.den;
}

/* Cuts `s` to CELL_TEXT_MAX bytes at a character boundary, marking the cut with "…".
 * Returns `s` itself when it fits, else a copy in `*owned` (caller frees). */
static const char *fit_cell(const char *s, char **owned)
{
    size_t len = strlen(s);
    *owned = NULL;
    if (len <= CELL_TEXT_MAX)
        return s;
    size_t cut = CELL_TEXT_MAX - 3;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    buf b = BUF_INIT;
    buf_append(&b, s, cut);
    buf_puts(&b, "…");
    *owned = buf_detach(&b);
    return *owned;
}

/* Writes text as a string cell: never parsed, so "=1+1" or "@SUM(A1)" stays what it says. */
static void put_text(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                     lxw_format *f)
{
    if (!s || !*s) {
        if (f)
            check_cell(a, worksheet_write_blank(ws, row, col, f), ws, row, col);
        return;
    }
    char *owned;
    const char *text = fit_cell(s, &owned);
    check_cell(a, worksheet_write_string(ws, row, col, text, f), ws, row, col);
    free(owned);
}

static void put_number(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
                       lxw_format *f)
{
    check_cell(a, worksheet_write_number(ws, row, col, v, f), ws, row, col);
}

static void put_blank(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f)
{
    check_cell(a, worksheet_write_blank(ws, row, col, f), ws, row, col);
}

/* Spreadsheets do not grow a row for wrapped text written by a library, so a row holding
 * `text` wrapped in a column `width` characters wide gets the height of its lines (about one
 * character per unit of width, 15 points a line). */
static void fit_row(annex *a, lxw_worksheet *ws, lxw_row_t row, const char *text, double width)
{
    size_t chars = 0;
    for (const char *p = text; p && *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    size_t per_line = (size_t)(width * 0.9), lines = (chars + per_line - 1) / per_line;
    if (lines > 1)
        fail_at(a, worksheet_set_row(ws, row, 15.0 * (double)(lines < 400 ? lines : 400), NULL),
                "%s: row heights", ws->name);
}

static void put_formula(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f,
                        double value, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* A formula with the result the program computed, for viewers that do not recalculate. */
static void put_formula(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f,
                        double value, const char *fmt, ...)
{
    char formula[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(formula, sizeof formula, fmt, ap);
    va_end(ap);
    check_cell(a, worksheet_write_formula_num(ws, row, col, formula, f, value), ws, row, col);
}

static void cell_name(char out[16], lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(out, row, col);
}

/* "=SUM(D4:D23)" over rows first..last of column `col`, with its exact result. */
static void put_column_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                           lxw_row_t first, lxw_row_t last, lxw_format *f, double value)
{
    char from[16], to[16];
    cell_name(from, first, col);
    cell_name(to, last, col);
    put_formula(a, ws, row, col, f, value, "=SUM(%s:%s)", from, to);
}

/* "=SUM(D5:E5)": the two sources of one row, with its exact result. */
static void put_row_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_col_t first,
                        lxw_col_t last, lxw_format *f, double value)
{
    char from[16], to[16];
    cell_name(from, row, first);
    cell_name(to, row, last);
    put_formula(a, ws, row, col, f, value, "=SUM(%s:%s)", from, to);
}

/* "=I5/F5" when there is something to divide by; else the cell stays empty, as the
 * briefing shows no figure. */
static void put_rate(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_col_t num,
                     lxw_col_t den, ratio q, lxw_format *f)
{
    if (q.den == 0) {
        put_blank(a, ws, row, col, f);
        return;
    }
    char n[16], d[16];
    cell_name(n, row, num);
    cell_name(d, row, den);
    put_formula(a, ws, row, col, f, ratio_value(q), "=%s/%s", n, d);
}

/* ------------------------------------------------------------------------------ sheet setup */

typedef struct column {
    const char *heading;
    double width;
    enum style style; /* of the whole column, for cells left empty */
} column;

static void write_header(annex *a, lxw_worksheet *ws, lxw_row_t row, const column *cols, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        put_text(a, ws, row, (lxw_col_t)c, cols[c].heading, a->header);
        fail_at(a, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width, NULL),
                "%s: column widths", ws->name);
    }
    fail_at(a, worksheet_set_row(ws, row, 45, NULL), "%s: header row", ws->name);
}

/* Landscape A4, one page wide, the header row repeated on every page, page numbers below. */
static void setup_print(annex *a, lxw_worksheet *ws, lxw_row_t header_row)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    fail_at(a, worksheet_repeat_rows(ws, header_row, header_row), "%s: repeated rows", ws->name);
    fail_at(a, worksheet_set_footer(ws, "&L&A&RTrang &P/&N"), "%s: footer", ws->name);
}

/* A table sheet: header frozen, filter buttons over the rows (header..last). Called right after
 * the header row: in constant-memory mode the filter cannot name a row already written out. */
static void setup_table(annex *a, lxw_worksheet *ws, lxw_row_t header_row, lxw_row_t last_row,
                        lxw_col_t cols, lxw_col_t frozen_cols)
{
    worksheet_freeze_panes(ws, header_row + 1, frozen_cols);
    fail_at(a, worksheet_autofilter(ws, header_row, 0, last_row, cols - 1), "%s: filter", ws->name);
    setup_print(a, ws, header_row);
}

static lxw_worksheet *add_sheet(annex *a, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(a->wb, name);
    /* The names are fixed, valid and distinct: only memory can fail here. */
    if (!ws)
        alloc_failed();
    return ws;
}

/* ------------------------------------------------------------------------------ words */

static void describe_rejected(const region *r, buf *b)
{
    const period *p = r->current;
    const char *sep = "; bị loại: ";
    for (size_t i = 0; i < p->n_files; i++) {
        const submission *s = p->files[i];
        if (!s->rejected)
            continue;
        if (s->province >= 0)
            buf_printf(b, "%s%s (%s, %zu lỗi)", sep, r->roster->entries[s->province].name, s->path,
                       s->errors);
        else
            buf_printf(b, "%stệp %s (%zu lỗi, không xác định được tỉnh)", sep, s->path, s->errors);
        sep = ", ";
    }
}

/* Who is in the totals: said beside the totals, as the contract asks of every output. */
static void describe_coverage(const region *r, buf *b)
{
    const period *p = r->current;
    buf_printf(b, "Tổng hợp từ báo cáo hợp lệ của %zu/%zu tỉnh, thành phố", p->n_valid,
               p->n_roster);
    const char *sep = "; chưa nộp: ";
    for (size_t i = 0; i < r->n_provinces; i++) {
        if (p->state[i] != PROVINCE_MISSING)
            continue;
        buf_printf(b, "%s%s", sep, r->roster->entries[i].name);
        sep = ", ";
    }
    describe_rejected(r, b);
    bool complete = p->n_valid == p->n_roster && p->n_files == p->n_valid;
    buf_puts(b, complete ? "." : ". Các số tổng cộng không gồm các tỉnh, thành phố này.");
}

static void describe_comparison(const region *r, buf *b)
{
    buf now = BUF_INIT, before = BUF_INIT;
    period_label(&now, r->current->year, r->current->month);
    period_label(&before, r->current->year - 1, r->current->month);
    if (!r->previous)
        buf_printf(b,
                   "Không có số liệu %s (không có thư mục kỳ %04d-%02d): không so sánh với "
                   "cùng kỳ.",
                   before.data, r->current->year - 1, r->current->month);
    else if (r->n_comparable == 0)
        buf_printf(b,
                   "Không tỉnh, thành phố nào có báo cáo hợp lệ ở cả %s và %s: không so "
                   "sánh với cùng kỳ.",
                   now.data, before.data);
    else
        buf_printf(b,
                   "So sánh cùng phạm vi: %zu/%zu tỉnh, thành phố có báo cáo hợp lệ ở cả %s "
                   "và %s.",
                   r->n_comparable, r->n_provinces, now.data, before.data);
    buf_free(&now);
    buf_free(&before);
}

/* ------------------------------------------------------------------------------ formats */

static lxw_format *new_format(annex *a, enum style s, bool bold)
{
    static const char *const num_formats[STYLE_N] = {
        [STYLE_BILLION] = "#,##0.000", [STYLE_MILLION] = "#,##0.000",
        [STYLE_COUNT] = "#,##0",       [STYLE_RATE1] = "0.0%",
        [STYLE_RATE2] = "0.00%",       [STYLE_CHANGE] = "+0.0%;-0.0%;0.0%"};
    lxw_format *f = workbook_add_format(a->wb);
    if (!f)
        alloc_failed();
    if (num_formats[s])
        format_set_num_format(f, num_formats[s]);
    if (s == STYLE_WRAP)
        format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (bold) {
        format_set_bold(f);
        format_set_top(f, LXW_BORDER_THIN);
    }
    return f;
}

static void create_formats(annex *a)
{
    for (int s = 0; s < STYLE_N; s++) {
        /* Million and billion cells look alike (three decimals). One format object serves
         * both: libxlsxwriter 1.1.4 looks a duplicate format up in a hash table at every cell,
         * which cost a tenth of the project-line sheets' time. */
        if (s == STYLE_MILLION) {
            a->plain[s] = a->plain[STYLE_BILLION];
            a->bold[s] = a->bold[STYLE_BILLION];
            continue;
        }
        a->plain[s] = new_format(a, (enum style)s, false);
        a->bold[s] = new_format(a, (enum style)s, true);
    }
    a->title = workbook_add_format(a->wb);
    a->header = workbook_add_format(a->wb);
    if (!a->title || !a->header)
        alloc_failed();
    format_set_bold(a->title);
    format_set_font_size(a->title, 13);
    format_set_bold(a->header);
    format_set_text_wrap(a->header);
    format_set_align(a->header, LXW_ALIGN_CENTER);
    format_set_align(a->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_bg_color(a->header, 0xDDEBF7);
    format_set_border(a->header, LXW_BORDER_THIN);
}

/* ------------------------------------------------------------------------------ provinces */

enum { PROV_TITLE = 0, PROV_NOTE = 1, PROV_HEADER = 2, PROV_FIRST = 3 };

enum province_column {
    PC_CODE,
    PC_NAME,
    PC_STATE,
    PC_QG_PLAN,
    PC_DP_PLAN,
    PC_PLAN,
    PC_QG_EXEC,
    PC_DP_EXEC,
    PC_EXEC,
    PC_RATE,
    PC_ESTABLISHMENTS,
    PC_COUNTERPART,
    PC_LINES,
    PC_COMPARABLE,
    PC_PREV_PLAN,
    PC_PREV_EXEC,
    PC_SAME_PERIOD,
    PC_N
};

static const column province_columns[PC_N] = {
    {"Mã", 5, STYLE_TEXT},
    {"Tỉnh, thành phố", 22, STYLE_TEXT},
    {"Báo cáo kỳ này", 11, STYLE_TEXT},
    {"KH KCQG (tỷ đồng)", 11, STYLE_BILLION},
    {"KH KCĐP (tỷ đồng)", 11, STYLE_BILLION},
    {"Tổng KH (tỷ đồng)", 11, STYLE_BILLION},
    {"TH KCQG (tỷ đồng)", 11, STYLE_BILLION},
    {"TH KCĐP (tỷ đồng)", 11, STYLE_BILLION},
    {"Tổng TH (tỷ đồng)", 11, STYLE_BILLION},
    {"TH/KH (%)", 9, STYLE_RATE1},
    {"Số cơ sở được hỗ trợ", 10, STYLE_COUNT},
    {"Vốn đối ứng (tỷ đồng)", 11, STYLE_BILLION},
    {"Số dòng đề án", 9, STYLE_COUNT},
    {"Hợp lệ cả hai kỳ (so sánh được)", 12, STYLE_TEXT},
    {"KH năm trước (tỷ đồng)", 11, STYLE_BILLION},
    {"TH cùng kỳ năm trước (tỷ đồng)", 12, STYLE_BILLION},
    {"So với cùng kỳ (%)", 10, STYLE_RATE1},
};

static lxw_row_t province_total_row(const annex *a)
{
    return PROV_FIRST + (lxw_row_t)a->r->n_provinces;
}

static bool province_comparable(const region *r, const province_row *p)
{
    return p->state == PROVINCE_VALID && r->previous && p->previous_state == PROVINCE_VALID;
}

static void write_province_sources(annex *a, lxw_worksheet *ws, lxw_row_t row,
                                   const province_row *p)
{
    lxw_format *m = a->plain[STYLE_BILLION];
    const figures *qg = &p->by_source[SOURCE_KCQG], *dp = &p->by_source[SOURCE_KCDP];
    put_number(a, ws, row, PC_QG_PLAN, billion(qg->plan), m);
    put_number(a, ws, row, PC_DP_PLAN, billion(dp->plan), m);
    put_row_sum(a, ws, row, PC_PLAN, PC_QG_PLAN, PC_DP_PLAN, m, billion(p->total.plan));
    put_number(a, ws, row, PC_QG_EXEC, billion(qg->executed), m);
    put_number(a, ws, row, PC_DP_EXEC, billion(dp->executed), m);
    put_row_sum(a, ws, row, PC_EXEC, PC_QG_EXEC, PC_DP_EXEC, m, billion(p->total.executed));
    put_rate(a, ws, row, PC_RATE, PC_EXEC, PC_PLAN, figures_execution_rate(&p->total),
             a->plain[STYLE_RATE1]);
    put_number(a, ws, row, PC_ESTABLISHMENTS, (double)p->total.establishments,
               a->plain[STYLE_COUNT]);
    put_number(a, ws, row, PC_COUNTERPART, billion(p->total.counterpart), m);
    put_number(a, ws, row, PC_LINES, (double)p->total.lines, a->plain[STYLE_COUNT]);
}

static void write_province_previous(annex *a, lxw_worksheet *ws, lxw_row_t row,
                                    const province_row *p)
{
    lxw_format *m = a->plain[STYLE_BILLION];
    put_number(a, ws, row, PC_PREV_PLAN, billion(p->previous_total.plan), m);
    put_number(a, ws, row, PC_PREV_EXEC, billion(p->previous_total.executed), m);
    put_rate(a, ws, row, PC_SAME_PERIOD, PC_EXEC, PC_PREV_EXEC,
             figures_same_period_ratio(&p->total, &p->previous_total), a->plain[STYLE_RATE1]);
}

/* Leaves columns first..last empty (a province not in the totals has no figure, not 0). */
static void blank_columns(annex *a, lxw_worksheet *ws, lxw_row_t row, const column *cols,
                          lxw_col_t first, lxw_col_t last)
{
    for (lxw_col_t c = first; c <= last; c++)
        put_blank(a, ws, row, c, a->plain[cols[c].style]);
}

static void write_province_row(annex *a, lxw_worksheet *ws, lxw_row_t row, const province_row *p)
{
    const catalog_entry *e = &a->r->roster->entries[p->province];
    bool comparable = province_comparable(a->r, p);
    put_text(a, ws, row, PC_CODE, e->code, a->plain[STYLE_TEXT]);
    put_text(a, ws, row, PC_NAME, e->name, a->plain[STYLE_TEXT]);
    put_text(a, ws, row, PC_STATE, province_state_label(p->state), a->plain[STYLE_TEXT]);
    if (p->state == PROVINCE_VALID)
        write_province_sources(a, ws, row, p);
    else
        blank_columns(a, ws, row, province_columns, PC_QG_PLAN, PC_LINES);
    put_text(a, ws, row, PC_COMPARABLE, comparable ? COMPARABLE_YES : COMPARABLE_NO,
             a->plain[STYLE_TEXT]);
    if (comparable)
        write_province_previous(a, ws, row, p);
    else
        blank_columns(a, ws, row, province_columns, PC_PREV_PLAN, PC_SAME_PERIOD);
}

/* The region's figure that the SUM of a province column must give. */
static double province_column_total(const region *r, enum province_column c)
{
    const figures *qg = &r->by_source[SOURCE_KCQG], *dp = &r->by_source[SOURCE_KCDP];
    switch (c) {
    case PC_QG_PLAN:
        return billion(qg->plan);
    case PC_DP_PLAN:
        return billion(dp->plan);
    case PC_PLAN:
        return billion(r->total.plan);
    case PC_QG_EXEC:
        return billion(qg->executed);
    case PC_DP_EXEC:
        return billion(dp->executed);
    case PC_EXEC:
        return billion(r->total.executed);
    case PC_ESTABLISHMENTS:
        return (double)r->total.establishments;
    case PC_COUNTERPART:
        return billion(r->total.counterpart);
    case PC_LINES:
        return (double)r->total.lines;
    case PC_PREV_PLAN:
        return billion(r->previous_total.plan);
    case PC_PREV_EXEC:
        return billion(r->previous_total.executed);
    default:
        return 0;
    }
}

/* "=SUMIFS(I4:I23,N4:N23,"có")": a column over the provinces valid in both periods. */
static void put_comparable_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                               const char *sheet_ref, lxw_col_t sum_col, lxw_format *f,
                               double value)
{
    char sum[32], crit[32];
    lxw_row_t last = PROV_FIRST + (lxw_row_t)a->r->n_provinces - 1;
    lxw_rowcol_to_range_abs(sum, PROV_FIRST, sum_col, last, sum_col);
    lxw_rowcol_to_range_abs(crit, PROV_FIRST, PC_COMPARABLE, last, PC_COMPARABLE);
    put_formula(a, ws, row, col, f, value, "=SUMIFS(%s%s,%s%s,\"" COMPARABLE_YES "\")", sheet_ref,
                sum, sheet_ref, crit);
}

static void write_province_comparisons(annex *a, lxw_worksheet *ws, lxw_row_t row)
{
    const region *r = a->r;
    char crit[32], exec[16];
    lxw_row_t last = PROV_FIRST + (lxw_row_t)r->n_provinces - 1;
    lxw_rowcol_to_range(crit, PROV_FIRST, PC_COMPARABLE, last, PC_COMPARABLE);
    put_formula(a, ws, row, PC_COMPARABLE, a->bold[STYLE_COUNT], (double)r->n_comparable,
                "=COUNTIF(%s,\"" COMPARABLE_YES "\")", crit);
    if (!r->previous || r->n_comparable == 0) {
        blank_columns(a, ws, row, province_columns, PC_PREV_PLAN, PC_SAME_PERIOD);
        return;
    }
    put_column_sum(a, ws, row, PC_PREV_PLAN, PROV_FIRST, last, a->bold[STYLE_BILLION],
                   province_column_total(r, PC_PREV_PLAN));
    put_column_sum(a, ws, row, PC_PREV_EXEC, PROV_FIRST, last, a->bold[STYLE_BILLION],
                   province_column_total(r, PC_PREV_EXEC));
    ratio same = figures_same_period_ratio(&r->comparable_total, &r->previous_total);
    if (same.den == 0) {
        put_blank(a, ws, row, PC_SAME_PERIOD, a->bold[STYLE_RATE1]);
        return;
    }
    /* Like for like: this period's execution over the comparable provinces only. */
    char sum[32];
    lxw_rowcol_to_range(sum, PROV_FIRST, PC_EXEC, last, PC_EXEC);
    cell_name(exec, row, PC_PREV_EXEC);
    put_formula(a, ws, row, PC_SAME_PERIOD, a->bold[STYLE_RATE1], ratio_value(same),
                "=SUMIFS(%s,%s,\"" COMPARABLE_YES "\")/%s", sum, crit, exec);
}

static void write_province_totals(annex *a, lxw_worksheet *ws, lxw_row_t row)
{
    const region *r = a->r;
    lxw_row_t last = row - 1;
    char state[48];
    snprintf(state, sizeof state, "%zu/%zu hợp lệ", r->current->n_valid, r->current->n_roster);
    put_text(a, ws, row, PC_CODE, "", a->bold[STYLE_TEXT]);
    put_text(a, ws, row, PC_NAME, "Toàn vùng", a->bold[STYLE_TEXT]);
    put_text(a, ws, row, PC_STATE, state, a->bold[STYLE_TEXT]);
    static const enum province_column sums[] = {PC_QG_PLAN, PC_DP_PLAN,        PC_PLAN,
                                                PC_QG_EXEC, PC_DP_EXEC,        PC_EXEC,
                                                PC_LINES,   PC_ESTABLISHMENTS, PC_COUNTERPART};
    for (size_t i = 0; i < sizeof sums / sizeof sums[0]; i++)
        put_column_sum(a, ws, row, sums[i], PROV_FIRST, last,
                       a->bold[province_columns[sums[i]].style], province_column_total(r, sums[i]));
    put_rate(a, ws, row, PC_RATE, PC_EXEC, PC_PLAN, figures_execution_rate(&r->total),
             a->bold[STYLE_RATE1]);
    write_province_comparisons(a, ws, row);
}

static void write_title(annex *a, lxw_worksheet *ws, const char *what, const char *note)
{
    buf b = BUF_INIT;
    buf_printf(&b, "%s — ", what);
    period_label(&b, a->r->current->year, a->r->current->month);
    put_text(a, ws, 0, 0, b.data, a->title);
    if (note)
        put_text(a, ws, 1, 0, note, NULL);
    buf_free(&b);
}

static void write_provinces(annex *a)
{
    lxw_worksheet *ws = add_sheet(a, SHEET_PROVINCES);
    buf note = BUF_INIT;
    describe_coverage(a->r, &note);
    buf_puts(&note, " ");
    describe_comparison(a->r, &note);
    write_title(a, ws, "Kết quả theo tỉnh, thành phố (tỷ đồng)", note.data);
    buf_free(&note);
    write_header(a, ws, PROV_HEADER, province_columns, PC_N);
    setup_table(a, ws, PROV_HEADER, province_total_row(a) - 1, PC_N, PC_NAME + 1);
    for (size_t i = 0; i < a->r->n_provinces; i++)
        write_province_row(a, ws, PROV_FIRST + (lxw_row_t)i, &a->r->provinces[i]);
    write_province_totals(a, ws, province_total_row(a));
}

/* ------------------------------------------------------------------------------ summary */

enum { SUM_HEADER = 4, SUM_PLAN, SUM_EXEC, SUM_RATE, SUM_ESTABLISHMENTS, SUM_COUNTERPART };
enum { CMP_TEXT = SUM_COUNTERPART + 2, CMP_HEADER, CMP_PLAN, CMP_EXEC };

static const column summary_columns[] = {
    {"Chỉ tiêu", 58, STYLE_TEXT},
    {"KCQG", 16, STYLE_BILLION},
    {"KCĐP", 16, STYLE_BILLION},
    {"Tổng cộng", 16, STYLE_BILLION},
};

/* "='Tỉnh, thành phố'!F24": the summary shows the province sheet's totals. */
static void put_province_total(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                               enum province_column pc, lxw_format *f)
{
    char ref[16];
    cell_name(ref, province_total_row(a), pc);
    put_formula(a, ws, row, col, f, province_column_total(a->r, pc), "=" REF_PROVINCES "%s", ref);
}

static void write_summary_rates(annex *a, lxw_worksheet *ws)
{
    const region *r = a->r;
    put_text(a, ws, SUM_RATE, 0, "Tỷ lệ thực hiện so với kế hoạch năm (%)", a->plain[STYLE_TEXT]);
    /* Unlike the tables' rates (put_rate), these divide one row by another. */
    for (int s = 0; s <= SOURCE_COUNT; s++) {
        const figures *f = s < SOURCE_COUNT ? &r->by_source[s] : &r->total;
        ratio q = figures_execution_rate(f);
        lxw_format *fmt = a->plain[s < SOURCE_COUNT ? STYLE_RATE2 : STYLE_RATE1];
        char num[16], den[16];
        cell_name(num, SUM_EXEC, (lxw_col_t)(1 + s));
        cell_name(den, SUM_PLAN, (lxw_col_t)(1 + s));
        if (q.den == 0)
            put_blank(a, ws, SUM_RATE, (lxw_col_t)(1 + s), fmt);
        else
            put_formula(a, ws, SUM_RATE, (lxw_col_t)(1 + s), fmt, ratio_value(q), "=%s/%s", num,
                        den);
    }
}

/* The workbook is written in constant-memory mode (annex_write_opt): every sheet row by row,
 * each row whole before the next one starts. */
static void write_summary_figures(annex *a, lxw_worksheet *ws)
{
    lxw_format *m = a->plain[STYLE_BILLION];
    buf label = BUF_INIT;
    buf_printf(&label, "Kế hoạch năm %d (tỷ đồng)", a->r->current->year);
    put_text(a, ws, SUM_PLAN, 0, label.data, a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_PLAN, 1, PC_QG_PLAN, m);
    put_province_total(a, ws, SUM_PLAN, 2, PC_DP_PLAN, m);
    put_row_sum(a, ws, SUM_PLAN, 3, 1, 2, m, billion(a->r->total.plan));
    buf_clear(&label);
    buf_puts(&label, "Thực hiện đến hết ");
    period_label(&label, a->r->current->year, a->r->current->month);
    buf_puts(&label, " (tỷ đồng)");
    put_text(a, ws, SUM_EXEC, 0, label.data, a->plain[STYLE_TEXT]);
    buf_free(&label);
    put_province_total(a, ws, SUM_EXEC, 1, PC_QG_EXEC, m);
    put_province_total(a, ws, SUM_EXEC, 2, PC_DP_EXEC, m);
    put_row_sum(a, ws, SUM_EXEC, 3, 1, 2, m, billion(a->r->total.executed));
    write_summary_rates(a, ws);
    put_text(a, ws, SUM_ESTABLISHMENTS, 0, "Số cơ sở công nghiệp nông thôn được hỗ trợ",
             a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_ESTABLISHMENTS, 3, PC_ESTABLISHMENTS, a->plain[STYLE_COUNT]);
    put_text(a, ws, SUM_COUNTERPART, 0, "Vốn đối ứng của các cơ sở (tỷ đồng)",
             a->plain[STYLE_TEXT]);
    put_province_total(a, ws, SUM_COUNTERPART, 3, PC_COUNTERPART, m);
}

static void write_comparison_header(annex *a, lxw_worksheet *ws)
{
    buf now = BUF_INIT, before = BUF_INIT;
    period_label(&now, a->r->current->year, a->r->current->month);
    period_label(&before, a->r->current->year - 1, a->r->current->month);
    buf_puts(&now, " (cùng phạm vi, tỷ đồng)");
    buf_puts(&before, " (tỷ đồng)");
    put_text(a, ws, CMP_HEADER, 0, "Chỉ tiêu", a->header);
    put_text(a, ws, CMP_HEADER, 1, now.data, a->header);
    put_text(a, ws, CMP_HEADER, 2, before.data, a->header);
    put_text(a, ws, CMP_HEADER, 3, "So sánh (%)", a->header);
    fail_at(a, worksheet_set_row(ws, CMP_HEADER, 45, NULL), "%s: header row", ws->name);
    buf_free(&now);
    buf_free(&before);
}

/* Like for like: both columns over the provinces valid in both periods. */
static void write_comparison(annex *a, lxw_worksheet *ws)
{
    const region *r = a->r;
    lxw_format *m = a->plain[STYLE_BILLION];
    write_comparison_header(a, ws);
    put_text(a, ws, CMP_PLAN, 0, "Kế hoạch năm; so sánh: mức tăng (+), giảm (−) so với năm trước",
             a->plain[STYLE_TEXT]);
    put_comparable_sum(a, ws, CMP_PLAN, 1, REF_PROVINCES, PC_PLAN, m,
                       billion(r->comparable_total.plan));
    put_province_total(a, ws, CMP_PLAN, 2, PC_PREV_PLAN, m);
    ratio change = figures_plan_change(&r->comparable_total, &r->previous_total);
    if (change.den == 0)
        put_blank(a, ws, CMP_PLAN, 3, a->plain[STYLE_CHANGE]);
    else
        put_formula(a, ws, CMP_PLAN, 3, a->plain[STYLE_CHANGE], ratio_value(change),
                    "=(B%d-C%d)/C%d", CMP_PLAN + 1, CMP_PLAN + 1, CMP_PLAN + 1);
    put_text(a, ws, CMP_EXEC, 0, "Thực hiện đến hết kỳ; so sánh: bằng … % cùng kỳ năm trước",
             a->plain[STYLE_TEXT]);
    put_comparable_sum(a, ws, CMP_EXEC, 1, REF_PROVINCES, PC_EXEC, m,
                       billion(r->comparable_total.executed));
    put_province_total(a, ws, CMP_EXEC, 2, PC_PREV_EXEC, m);
    ratio same = figures_same_period_ratio(&r->comparable_total, &r->previous_total);
    if (same.den == 0)
        put_blank(a, ws, CMP_EXEC, 3, a->plain[STYLE_RATE1]);
    else
        put_formula(a, ws, CMP_EXEC, 3, a->plain[STYLE_RATE1], ratio_value(same), "=B%d/C%d",
                    CMP_EXEC + 1, CMP_EXEC + 1);
}

static void write_summary(annex *a)
{
    lxw_worksheet *ws = add_sheet(a, SHEET_SUMMARY);
    buf note = BUF_INIT;
    describe_coverage(a->r, &note);
    write_title(a, ws, "Kinh phí khuyến công khu vực phía Nam", note.data);
    put_text(a, ws, 2, 0,
             "Đơn vị: tỷ đồng. Chi tiết ở các sheet «" SHEET_PROVINCES "», «" SHEET_CONTENTS
             "», «" SHEET_LINES "»; đơn vị, định nghĩa và cách tính ở sheet «" SHEET_NOTES "».",
             NULL);
    write_header(a, ws, SUM_HEADER, summary_columns, 4);
    write_summary_figures(a, ws);
    buf_clear(&note);
    describe_comparison(a->r, &note);
    put_text(a, ws, CMP_TEXT, 0, note.data, a->plain[STYLE_TEXT]);
    buf_free(&note);
    if (a->r->previous && a->r->n_comparable > 0)
        write_comparison(a, ws);
    worksheet_freeze_panes(ws, SUM_HEADER + 1, 1);
    setup_print(a, ws, SUM_HEADER);
}

/* ------------------------------------------------------------------------------ chart */

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
            point->number = billion(c == PC_PLAN ? p->total.plan : p->total.executed);
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

static void write_chart(annex *a)
{
    lxw_worksheet *ws = add_sheet(a, SHEET_CHART);
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
    buf_puts(&title, " (tỷ đồng)");
    chart_title_set_name(chart, title.data);
    chart_axis_set_num_format(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y), "#,##0");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options placement = {
        .x_offset = 10, .y_offset = 10, .x_scale = 2.2, .y_scale = 2.2, .description = title.data};
    fail_at(a, worksheet_insert_chart_opt(ws, 0, 0, chart, &placement), "%s: chart", ws->name);
    buf_free(&title);
    /* Below the chart (about 32 rows high), where its figures are. The line also keeps the
     * sheet from being empty: libxlsxwriter 1.1.4 never closes the temporary file of an empty
     * constant-memory sheet. */
    put_text(a, ws, CHART_NOTE_ROW, 0,
             "Số liệu của biểu đồ: cột «Tổng KH (tỷ đồng)» và «Tổng TH (tỷ đồng)» của sheet "
             "«" SHEET_PROVINCES "».",
             NULL);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 1);
}

/* ------------------------------------------------------------------------------ contents */

enum { CONT_HEADER = 2, CONT_FIRST = 3 };

enum content_column {
    CC_CODE,
    CC_NAME,
    CC_QG_PLAN,
    CC_DP_PLAN,
    CC_PLAN,
    CC_QG_EXEC,
    CC_DP_EXEC,
    CC_EXEC,
    CC_RATE,
    CC_LINES,
    CC_ESTABLISHMENTS,
    CC_COUNTERPART,
    CC_N
};

static const column content_columns[CC_N] = {
    {"Mã", 5, STYLE_TEXT},
    {"Nội dung khuyến công", 48, STYLE_WRAP},
    {"KH KCQG (tỷ đồng)", 11, STYLE_BILLION},
    {"KH KCĐP (tỷ đồng)", 11, STYLE_BILLION},
    {"Tổng KH (tỷ đồng)", 11, STYLE_BILLION},
    {"TH KCQG (tỷ đồng)", 11, STYLE_BILLION},
    {"TH KCĐP (tỷ đồng)", 11, STYLE_BILLION},
    {"Tổng TH (tỷ đồng)", 11, STYLE_BILLION},
    {"TH/KH (%)", 9, STYLE_RATE1},
    {"Số dòng đề án", 9, STYLE_COUNT},
    {"Số cơ sở được hỗ trợ", 10, STYLE_COUNT},
    {"Vốn đối ứng (tỷ đồng)", 11, STYLE_BILLION},
};

/* The figures of one content row (or, with bold formats, of the region's total row). */
static void write_content_figures(annex *a, lxw_worksheet *ws, lxw_row_t row,
                                  const figures *by_source, const figures *total,
                                  lxw_format *const *fmt)
{
    lxw_format *m = fmt[STYLE_BILLION];
    put_number(a, ws, row, CC_QG_PLAN, billion(by_source[SOURCE_KCQG].plan), m);
    put_number(a, ws, row, CC_DP_PLAN, billion(by_source[SOURCE_KCDP].plan), m);
    put_row_sum(a, ws, row, CC_PLAN, CC_QG_PLAN, CC_DP_PLAN, m, billion(total->plan));
    put_number(a, ws, row, CC_QG_EXEC, billion(by_source[SOURCE_KCQG].executed), m);
    put_number(a, ws, row, CC_DP_EXEC, billion(by_source[SOURCE_KCDP].executed), m);
    put_row_sum(a, ws, row, CC_EXEC, CC_QG_EXEC, CC_DP_EXEC, m, billion(total->executed));
    put_rate(a, ws, row, CC_RATE, CC_EXEC, CC_PLAN, figures_execution_rate(total),
             fmt[STYLE_RATE1]);
    put_number(a, ws, row, CC_LINES, (double)total->lines, fmt[STYLE_COUNT]);
    put_number(a, ws, row, CC_ESTABLISHMENTS, (double)total->establishments, fmt[STYLE_COUNT]);
    put_number(a, ws, row, CC_COUNTERPART, billion(total->counterpart), m);
}

/* The total row: every column a SUM of the rows above, the rate a division. */
static void write_content_totals(annex *a, lxw_worksheet *ws, lxw_row_t row)
{
    const region *r = a->r;
    const figures *qg = &r->by_source[SOURCE_KCQG], *dp = &r->by_source[SOURCE_KCDP];
    const double values[CC_N] = {
        [CC_QG_PLAN] = billion(qg->plan),
        [CC_DP_PLAN] = billion(dp->plan),
        [CC_PLAN] = billion(r->total.plan),
        [CC_QG_EXEC] = billion(qg->executed),
        [CC_DP_EXEC] = billion(dp->executed),
        [CC_EXEC] = billion(r->total.executed),
        [CC_LINES] = (double)r->total.lines,
        [CC_ESTABLISHMENTS] = (double)r->total.establishments,
        [CC_COUNTERPART] = billion(r->total.counterpart),
    };
    put_text(a, ws, row, CC_CODE, "", a->bold[STYLE_TEXT]);
    put_text(a, ws, row, CC_NAME, "Tổng cộng", a->bold[STYLE_TEXT]);
    for (lxw_col_t c = CC_QG_PLAN; c < CC_N; c++) {
        if (c == CC_RATE)
            put_rate(a, ws, row, c, CC_EXEC, CC_PLAN, figures_execution_rate(&r->total),
                     a->bold[STYLE_RATE1]);
        else
            put_column_sum(a, ws, row, c, CONT_FIRST, row - 1, a->bold[content_columns[c].style],
                           values[c]);
    }
}

static void write_contents(annex *a)
{
    lxw_worksheet *ws = add_sheet(a, SHEET_CONTENTS);
    buf note = BUF_INIT;
    describe_coverage(a->r, &note);
    write_title(a, ws, "Kết quả theo nội dung khuyến công (tỷ đồng)", note.data);
    buf_free(&note);
    write_header(a, ws, CONT_HEADER, content_columns, CC_N);
    lxw_row_t total_row = CONT_FIRST + (lxw_row_t)a->r->n_contents;
    setup_table(a, ws, CONT_HEADER, total_row - 1, CC_N, CC_NAME + 1);
    for (size_t i = 0; i < a->r->n_contents; i++) {
        const content_row *c = &a->r->content_rows[i];
        const catalog_entry *e = &a->r->contents->entries[c->content];
        lxw_row_t row = CONT_FIRST + (lxw_row_t)i;
        put_text(a, ws, row, CC_CODE, e->code, a->plain[STYLE_TEXT]);
        put_text(a, ws, row, CC_NAME, e->name, a->plain[STYLE_WRAP]);
        write_content_figures(a, ws, row, c->by_source, &c->total, a->plain);
    }
    write_content_totals(a, ws, total_row);
}

/* ------------------------------------------------------------------------------ project lines */

enum line_column {
    LC_NUMBER,
    LC_PROVINCE_CODE,
    LC_PROVINCE,
    LC_SOURCE,
    LC_CONTENT_CODE,
    LC_CONTENT,
    LC_TITLE,
    LC_PLAN,
    LC_EXEC,
    LC_ESTABLISHMENTS,
    LC_COUNTERPART,
    LC_NOTE,
    LC_FILE,
    LC_LINE,
    LC_N
};

static const column line_columns[LC_N] = {
    {"STT", 6, STYLE_COUNT},
    {"Mã tỉnh", 6, STYLE_TEXT},
    {"Tỉnh, thành phố", 18, STYLE_TEXT},
    {"Nguồn", 7, STYLE_TEXT},
    {"Mã nội dung", 7, STYLE_TEXT},
    {"Nội dung khuyến công", 30, STYLE_TEXT},
    {"Tên đề án", 60, STYLE_TEXT},
    {"Kế hoạch (triệu đồng)", 12, STYLE_MILLION},
    {"Thực hiện (triệu đồng)", 12, STYLE_MILLION},
    {"Số cơ sở", 7, STYLE_COUNT},
    {"Vốn đối ứng (triệu đồng)", 12, STYLE_MILLION},
    {"Ghi chú", 24, STYLE_TEXT},
    {"Tệp", 30, STYLE_TEXT},
    {"Dòng", 6, STYLE_COUNT},
};

/* The project lines continue from sheet to sheet; this tracks where. */
typedef struct line_cursor {
    lxw_worksheet *ws;
    lxw_row_t row; /* the last row written on ws */
    size_t number; /* lines written so far */
} line_cursor;

static void line_sheet_name(char *out, size_t size, size_t index)
{
    if (index == 0)
        snprintf(out, size, "%s", SHEET_LINES);
    else
        snprintf(out, size, "%s (%zu)", SHEET_LINES, index + 1);
}

/* A new sheet for the lines from cur->number on: as many as fit, or one row saying there are
 * none. */
static void start_line_sheet(annex *a, line_cursor *cur)
{
    char name[64];
    line_sheet_name(name, sizeof name, a->n_line_sheets++);
    cur->ws = add_sheet(a, name);
    cur->row = 0;
    write_header(a, cur->ws, 0, line_columns, LC_N);
    size_t left = a->r->total.lines - cur->number;
    size_t rows = left == 0 ? 1 : left < a->lines_per_sheet ? left : a->lines_per_sheet;
    setup_table(a, cur->ws, 0, (lxw_row_t)rows, LC_N, 0);
}

static void write_line(annex *a, line_cursor *cur, const submission *s, const project_line *l)
{
    a->illustrative += is_illustrative(&a->notes, l->note);
    if (!cur->ws || cur->number % a->lines_per_sheet == 0)
        start_line_sheet(a, cur);
    lxw_worksheet *ws = cur->ws;
    lxw_row_t row = ++cur->row;
    const catalog_entry *p = &a->r->roster->entries[s->province];
    const catalog_entry *c = &a->r->contents->entries[l->content];
    lxw_format *text = a->plain[STYLE_TEXT], *m = a->plain[STYLE_MILLION];
    put_number(a, ws, row, LC_NUMBER, (double)++cur->number, a->plain[STYLE_COUNT]);
    put_text(a, ws, row, LC_PROVINCE_CODE, p->code, text);
    put_text(a, ws, row, LC_PROVINCE, p->name, text);
    put_text(a, ws, row, LC_SOURCE, source_label(l->source), text);
    put_text(a, ws, row, LC_CONTENT_CODE, c->code, text);
    put_text(a, ws, row, LC_CONTENT, c->name, text);
    put_text(a, ws, row, LC_TITLE, l->title, text);
    put_number(a, ws, row, LC_PLAN, million(l->plan), m);
    put_number(a, ws, row, LC_EXEC, million(l->executed), m);
    put_number(a, ws, row, LC_ESTABLISHMENTS, (double)l->establishments, a->plain[STYLE_COUNT]);
    put_number(a, ws, row, LC_COUNTERPART, million(l->counterpart), m);
    put_text(a, ws, row, LC_NOTE, l->note, text);
    put_text(a, ws, row, LC_FILE, s->path, text);
    put_number(a, ws, row, LC_LINE, (double)l->line, a->plain[STYLE_COUNT]);
}

typedef struct line_writer {
    annex *annex;
    line_cursor cursor;
} line_writer;

static int on_line(void *context, const submission *s, const project_line *l)
{
    line_writer *w = context;
    write_line(w->annex, &w->cursor, s, l);
    return 0;
}

/* The lines read on this thread: when no second one could be started. */
static void write_lines_here(annex *a, line_writer *w)
{
    for (size_t p = 0; p < a->r->n_provinces && !a->lines_failed; p++) {
        const submission *s = a->r->current->accepted[p];
        if (s && submission_each_line(s, a->r->roster, a->r->contents, on_line, w, a->diags) != 0)
            a->lines_failed = true;
    }
}

/* Every line that counts (those of valid submissions), province by province in roster order,
 * each in its file's order; files kept without their lines are read again by a second thread
 * while this one writes. */
static void write_lines(annex *a)
{
    line_writer w = {a, {NULL, 0, 0}};
    linefeed *feed = linefeed_start(a->r);
    if (feed) {
        const submission *s;
        for (const project_line *l; (l = linefeed_next(feed, &s));)
            write_line(a, &w.cursor, s, l);
        a->lines_failed = linefeed_finish(feed, a->diags) != 0;
    } else {
        write_lines_here(a, &w);
    }
    for (size_t i = 0; i < NOTE_MEMO_SLOTS; i++)
        free(a->notes.text[i]);
    line_cursor cur = w.cursor;
    if (!cur.ws) {
        start_line_sheet(a, &cur);
        put_text(a, cur.ws, ++cur.row, LC_NUMBER, "Không có dòng đề án nào được tính.", NULL);
    }
}

/* ------------------------------------------------------------------------------ status */

enum { STAT_HEADER = 2, STAT_FIRST = 3 };

enum status_column {
    SC_CODE,
    SC_NAME,
    SC_STATE,
    SC_FILE,
    SC_LINES,
    SC_ERRORS,
    SC_WARNINGS,
    SC_FIRST_ERROR,
    SC_PREVIOUS,
    SC_N
};

static const column status_columns[SC_N] = {
    {"Mã", 5, STYLE_TEXT},
    {"Tỉnh, thành phố", 22, STYLE_TEXT},
    {"Báo cáo kỳ này", 11, STYLE_TEXT},
    {"Tệp", 34, STYLE_TEXT},
    {"Số dòng đề án được tính", 10, STYLE_COUNT},
    {"Số lỗi", 7, STYLE_COUNT},
    {"Số cảnh báo", 8, STYLE_COUNT},
    {"Lỗi đầu tiên (dòng:cột: thông báo)", 70, STYLE_WRAP},
    {"Báo cáo cùng kỳ năm trước", 12, STYLE_TEXT},
};

static void write_status_file(annex *a, lxw_worksheet *ws, lxw_row_t row, const submission *s)
{
    lxw_format *count = a->plain[STYLE_COUNT];
    put_text(a, ws, row, SC_FILE, s->path, a->plain[STYLE_TEXT]);
    if (s->rejected)
        put_blank(a, ws, row, SC_LINES, count);
    else
        put_number(a, ws, row, SC_LINES, (double)submission_line_count(s), count);
    put_number(a, ws, row, SC_ERRORS, (double)s->errors, count);
    put_number(a, ws, row, SC_WARNINGS, (double)s->warnings, count);
    put_text(a, ws, row, SC_FIRST_ERROR, s->first_error, a->plain[STYLE_WRAP]);
    fit_row(a, ws, row, s->first_error, status_columns[SC_FIRST_ERROR].width);
}

static void write_status_row(annex *a, lxw_worksheet *ws, lxw_row_t row, size_t p,
                             const submission *s)
{
    const catalog_entry *e = &a->r->roster->entries[p];
    const period *previous = a->r->previous;
    lxw_format *text = a->plain[STYLE_TEXT];
    put_text(a, ws, row, SC_CODE, e->code, text);
    put_text(a, ws, row, SC_NAME, e->name, text);
    put_text(a, ws, row, SC_STATE, province_state_label(a->r->current->state[p]), text);
    if (s)
        write_status_file(a, ws, row, s);
    put_text(a, ws, row, SC_PREVIOUS, previous ? province_state_label(previous->state[p]) : "—",
             text);
}

/* One row per file naming the province (two when it sent two), or one with no file. */
static lxw_row_t write_status_province(annex *a, lxw_worksheet *ws, lxw_row_t row, size_t p)
{
    const period *cur = a->r->current;
    lxw_row_t first = row;
    for (size_t i = 0; i < cur->n_files; i++)
        if (cur->files[i]->province == (int)p)
            write_status_row(a, ws, row++, p, cur->files[i]);
    if (row == first)
        write_status_row(a, ws, row++, p, NULL);
    return row;
}

/* The rows write_status writes: one per file, plus one per province that sent none. */
static size_t status_rows(const region *r)
{
    size_t rows = r->current->n_files;
    for (size_t p = 0; p < r->n_provinces; p++)
        rows += r->current->state[p] == PROVINCE_MISSING;
    return rows;
}

static void write_status(annex *a)
{
    lxw_worksheet *ws = add_sheet(a, SHEET_STATUS);
    buf note = BUF_INIT;
    describe_coverage(a->r, &note);
    write_title(a, ws, "Tình trạng nộp báo cáo", note.data);
    buf_free(&note);
    write_header(a, ws, STAT_HEADER, status_columns, SC_N);
    setup_table(a, ws, STAT_HEADER, STAT_HEADER + (lxw_row_t)status_rows(a->r), SC_N, SC_NAME + 1);
    lxw_row_t row = STAT_FIRST;
    for (size_t p = 0; p < a->r->n_provinces; p++)
        row = write_status_province(a, ws, row, p);
    const period *cur = a->r->current;
    for (size_t i = 0; i < cur->n_files; i++) {
        if (cur->files[i]->province >= 0)
            continue;
        put_text(a, ws, row, SC_NAME, "(không xác định được tỉnh)", a->plain[STYLE_TEXT]);
        put_text(a, ws, row, SC_STATE, province_state_label(PROVINCE_REJECTED),
                 a->plain[STYLE_TEXT]);
        write_status_file(a, ws, row++, cur->files[i]);
    }
}

/* ------------------------------------------------------------------------------ diagnostics */

enum diagnostic_column { DC_SEVERITY, DC_FILE, DC_LINE, DC_COLUMN, DC_MESSAGE, DC_N };

static const column diagnostic_columns[DC_N] = {
    {"Mức độ", 9, STYLE_TEXT}, {"Tệp", 34, STYLE_TEXT},        {"Dòng", 6, STYLE_COUNT},
    {"Cột", 6, STYLE_COUNT},   {"Thông báo", 110, STYLE_WRAP},
};

static void write_diagnostic(annex *a, lxw_worksheet *ws, lxw_row_t row, const diag *d)
{
    lxw_format *text = a->plain[STYLE_TEXT], *count = a->plain[STYLE_COUNT];
    put_text(a, ws, row, DC_SEVERITY, d->severity == DIAG_ERROR ? "lỗi" : "cảnh báo", text);
    put_text(a, ws, row, DC_FILE, d->file ? d->file : "(cả lượt chạy)", text);
    if (d->line > 0)
        put_number(a, ws, row, DC_LINE, d->line, count);
    if (d->column > 0)
        put_number(a, ws, row, DC_COLUMN, d->column, count);
    put_text(a, ws, row, DC_MESSAGE, d->message, a->plain[STYLE_WRAP]);
    fit_row(a, ws, row, d->message, diagnostic_columns[DC_MESSAGE].width);
}

/* Every diagnostic of the run, in the order standard error shows them; a sheet holds
 * LXW_ROW_MAX rows, which no real run approaches, so the rest are only counted. */
static void write_diagnostics(annex *a)
{
    lxw_worksheet *ws = add_sheet(a, SHEET_DIAGNOSTICS);
    write_header(a, ws, 0, diagnostic_columns, DC_N);
    const diag_list *list = a->r->diagnostics;
    size_t fit = LXW_ROW_MAX - 2, n = a->n_diagnostics < fit ? a->n_diagnostics : fit;
    bool closing_line = a->n_diagnostics == 0 || n < a->n_diagnostics;
    setup_table(a, ws, 0, (lxw_row_t)(n + closing_line), DC_N, 0);
    lxw_row_t row = 1;
    for (size_t i = 0; i < n; i++)
        write_diagnostic(a, ws, row++, &list->items[i]);
    char text[160];
    if (a->n_diagnostics == 0)
        snprintf(text, sizeof text, "Không có lỗi hay cảnh báo nào.");
    else if (n < a->n_diagnostics)
        snprintf(text, sizeof text, "… và %zu lỗi, cảnh báo khác (xem đầu ra lỗi chuẩn).",
                 a->n_diagnostics - n);
    if (closing_line)
        put_text(a, ws, row, DC_SEVERITY, text, NULL);
}

/* ------------------------------------------------------------------------------ notes */

enum { NOTES_WIDTH = 110 };

static void put_note(annex *a, lxw_worksheet *ws, lxw_row_t *row, const char *label,
                     const char *text)
{
    put_text(a, ws, *row, 0, label, a->bold[STYLE_WRAP]);
    put_text(a, ws, *row, 1, text, a->plain[STYLE_WRAP]);
    fit_row(a, ws, *row, text, NOTES_WIDTH);
    (*row)++;
}

static void describe_line_sheets(const annex *a, buf *b)
{
    size_t total = a->r->total.lines;
    buf_printf(b,
               "%zu dòng đề án của các báo cáo hợp lệ, theo thứ tự tỉnh trong danh mục và thứ "
               "tự dòng trong tệp; cột «Tệp» và «Dòng» chỉ nơi lấy từng số liệu.",
               total);
    if (a->n_line_sheets < 2)
        return;
    buf_printf(b,
               " Một sheet chỉ chứa %zu dòng đề án (dưới hàng tiêu đề), nên các dòng tiếp tục "
               "trên %zu sheet:",
               a->lines_per_sheet, a->n_line_sheets);
    for (size_t i = 0; i < a->n_line_sheets; i++) {
        char name[64];
        line_sheet_name(name, sizeof name, i);
        size_t first = i * a->lines_per_sheet + 1, last = first + a->lines_per_sheet - 1;
        buf_printf(b, "%s «%s» (STT %zu–%zu)", i ? ";" : "", name, first,
                   last < total ? last : total);
    }
    buf_puts(b, ".");
}

static void write_notes_period(annex *a, lxw_worksheet *ws, lxw_row_t *row)
{
    const period *p = a->r->current;
    buf b = BUF_INIT;
    period_label(&b, p->year, p->month);
    buf_printf(&b, " (kỳ %s: từ tháng 1 đến hết tháng %d năm %d)", p->name, p->month, p->year);
    put_note(a, ws, row, "Kỳ báo cáo", b.data);
    buf_clear(&b);
    describe_coverage(a->r, &b);
    put_note(a, ws, row, "Phạm vi", b.data);
    buf_clear(&b);
    describe_comparison(a->r, &b);
    put_note(a, ws, row, "So sánh với năm trước", b.data);
    buf_free(&b);
}

static void write_notes_definitions(annex *a, lxw_worksheet *ws, lxw_row_t *row)
{
    static const char *const notes[][2] = {
        {"Đơn vị",
         "Sheet «" SHEET_SUMMARY "», «" SHEET_PROVINCES "», «" SHEET_CONTENTS
         "»: tỷ đồng. Sheet «" SHEET_LINES "»: triệu đồng, như các tỉnh báo cáo. Tỷ lệ: phần "
         "trăm. Số cơ sở, số dòng: đơn vị. Mỗi ô lưu giá trị chính xác đến nghìn đồng (ba chữ số "
         "thập phân của triệu đồng, sáu của tỷ đồng); ô hiển thị ba chữ số thập phân."},
        {"KCQG", "Khuyến công quốc gia: kinh phí của Chương trình khuyến công quốc gia."},
        {"KCĐP", "Khuyến công địa phương: kinh phí từ ngân sách của tỉnh, thành phố."},
        {"KH", "Kế hoạch kinh phí năm được giao."},
        {"TH", "Kinh phí đã thực hiện từ đầu năm đến hết kỳ báo cáo."},
        {"TH/KH", "Tỷ lệ thực hiện: kinh phí thực hiện chia cho kế hoạch năm."},
        {"So với cùng kỳ",
         "Kinh phí thực hiện kỳ này chia cho kinh phí thực hiện cùng kỳ năm trước, chỉ trên các "
         "tỉnh, thành phố có báo cáo hợp lệ ở cả hai kỳ (cột «Hợp lệ cả hai kỳ» là «" COMPARABLE_YES
         "»), để một tỉnh thiếu báo cáo ở một năm không thành mức tăng hay giảm."},
        {"Tăng, giảm kế hoạch",
         "(Kế hoạch năm nay − kế hoạch năm trước) / kế hoạch năm trước, cùng phạm vi như trên; "
         "số âm là giảm."},
        {"Số cơ sở, vốn đối ứng",
         "Số cơ sở công nghiệp nông thôn được hỗ trợ và vốn đối ứng các cơ sở bỏ ra, theo báo "
         "cáo."},
        {"Cách tính",
         "Các tỉnh báo cáo bằng triệu đồng, tối đa ba chữ số thập phân; chương trình cộng chính "
         "xác trên số nguyên nghìn đồng. Ô tổng cộng và tỷ lệ là công thức (SUM, SUMIFS, COUNTIF, "
         "phép chia) để người đọc thấy cách tính; mỗi công thức được lưu kèm kết quả chương trình "
         "đã tính chính xác, nên bảng tính tự tính lại cho cùng kết quả đến chữ số cuối cùng hiển "
         "thị. Tài liệu tóm tắt làm tròn mỗi số một lần từ giá trị chính xác, nửa đơn vị làm tròn "
         "ra xa số 0."},
        {"Ô trống",
         "Không có số liệu: tỉnh, thành phố chưa nộp hoặc bị loại, hoặc không có mẫu số để tính "
         "tỷ lệ. Ô trống không phải là số 0."},
        {"Báo cáo bị loại",
         "Một tệp báo cáo có bất kỳ lỗi nào bị loại cả tệp: không dòng nào của tệp được tính. "
         "Tình trạng từng tỉnh ở sheet «" SHEET_STATUS "»; mọi lỗi, cảnh báo ở sheet "
         "«" SHEET_DIAGNOSTICS "»."},
    };
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
        put_note(a, ws, row, notes[i][0], notes[i][1]);
}

static void write_notes(annex *a)
{
    lxw_worksheet *ws = add_sheet(a, SHEET_NOTES);
    lxw_row_t row = 2;
    write_title(a, ws, "Phụ lục số liệu khuyến công khu vực phía Nam", NULL);
    fail_at(a, worksheet_set_column(ws, 0, 0, 22, NULL), "%s: column widths", ws->name);
    fail_at(a, worksheet_set_column(ws, 1, 1, NOTES_WIDTH, NULL), "%s: column widths", ws->name);
    write_notes_period(a, ws, &row);
    write_notes_definitions(a, ws, &row);
    buf b = BUF_INIT;
    describe_line_sheets(a, &b);
    put_note(a, ws, &row, "Dòng đề án", b.data);
    size_t illustrative = a->illustrative;
    buf_clear(&b);
    if (illustrative > 0 && illustrative == a->r->total.lines)
        buf_puts(&b, "Mọi dòng đề án đều ghi chú là số liệu minh hoạ: cách chia theo tỉnh, nội "
                     "dung và đề án không phải số liệu báo cáo thực tế.");
    else if (illustrative > 0)
        buf_printf(&b,
                   "%zu/%zu dòng đề án ghi chú là số liệu minh hoạ (xem cột «Ghi chú» của sheet "
                   "«" SHEET_LINES "»).",
                   illustrative, a->r->total.lines);
    if (illustrative > 0)
        put_note(a, ws, &row, "Số liệu minh hoạ", b.data);
    buf_free(&b);
    setup_print(a, ws, 0);
}

/* ------------------------------------------------------------------------------ workbook */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): timegm is
 * not POSIX, and mktime would read the time zone. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The latest time an Excel date can show: 9999-12-31T23:59:59Z. */
#define MAX_EPOCH 253402300799LL

/* The creation time in the document properties: SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), else midnight UTC of the period's last day; never the
 * clock, so the same input gives the same bytes. */
static time_t creation_time(const period *p, diag_list *diags)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(env, &end, 10);
        if (env[0] >= '0' && env[0] <= '9' && errno == 0 && *end == '\0' && v > 0 && v <= MAX_EPOCH)
            return (time_t)v;
        buf q = BUF_INIT;
        diag_quote(&q, env, strlen(env));
        diag_add(diags, DIAG_WARNING, NULL, 0, 0,
                 "SOURCE_DATE_EPOCH %s is not a number of seconds after 1970 (up to the year "
                 "9999); the annex is dated from the period instead",
                 q.data);
        buf_free(&q);
    }
    int y = p->month == 12 ? p->year + 1 : p->year, m = p->month == 12 ? 1 : p->month + 1;
    return (time_t)((days_from_civil(y, m, 1) - 1) * 86400);
}

static void set_properties(annex *a, time_t created)
{
    const period *p = a->r->current;
    buf title = BUF_INIT, subject = BUF_INIT, keywords = BUF_INIT;
    buf_puts(&title, "Phụ lục số liệu khuyến công khu vực phía Nam, ");
    period_label(&title, p->year, p->month);
    buf_printf(&subject,
               "Kinh phí khuyến công quốc gia (KCQG) và địa phương (KCĐP) của %zu tỉnh, thành "
               "phố khu vực phía Nam, kỳ %s",
               p->n_roster, p->name);
    buf_printf(&keywords, "khuyến công, KCQG, KCĐP, phía Nam, %s", p->name);
    lxw_doc_properties props = {
        .title = title.data,
        .subject = subject.data,
        .author = "Hội nghị khuyến công khu vực phía Nam (gen)",
        .keywords = keywords.data,
        .comments = "Tạo tự động từ báo cáo của các Sở Công Thương; xem sheet «" SHEET_NOTES "».",
        .created = created,
    };
    fail_at(a, workbook_set_properties(a->wb, &props), "document properties");
    buf_free(&title);
    buf_free(&subject);
    buf_free(&keywords);
}

static void write_sheets(annex *a)
{
    create_formats(a);
    write_summary(a);
    write_provinces(a);
    write_chart(a);
    write_contents(a);
    write_lines(a);
    write_status(a);
    write_diagnostics(a);
    write_notes(a);
}

/* Lines past which the annex's temporary files go beside it (about 50 MB of them). */
enum { TEMPORARY_FILES_BESIDE = 50000 };

/* The folder part of `path` ("." for a bare name), malloc'd. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

int annex_write_opt(const region *r, const annex_options *options, const char *path,
                    diag_list *diags)
{
    annex a = {.r = r, .lines_per_sheet = LXW_ROW_MAX - 1, .diags = diags};
    if (options && options->lines_per_sheet > 0 && options->lines_per_sheet < LXW_ROW_MAX)
        a.lines_per_sheet = options->lines_per_sheet;
    /* Listed as they stand now: what this writer adds later is about the annex itself. */
    a.n_diagnostics = r->diagnostics ? r->diagnostics->count : 0;
    time_t created = creation_time(r->current, diags);
    /* Constant-memory mode writes each row out as soon as the next one starts, strings inline:
     * the workbook costs the same memory for twenty lines or a million (every sheet is written
     * row by row for it). The rows wait in temporary files, about a kilobyte a line: a large
     * annex's go beside it, on the disk that holds the output, not in /tmp, which may be memory;
     * a small one's in the system's (tmpfile(): unnamed, the quickest to make). */
    char *folder = r->total.lines > TEMPORARY_FILES_BESIDE ? folder_of(path) : NULL;
    lxw_workbook_options workbook_options = {.constant_memory = LXW_TRUE, .tmpdir = folder};
    a.wb = workbook_new_opt(path, &workbook_options);
    free(folder);
    if (!a.wb)
        alloc_failed();
    set_properties(&a, created);
    write_sheets(&a);
    lxw_error closed = workbook_close(a.wb); /* writes the file and frees the workbook */
    int saved_errno = errno;
    if (a.lines_failed)
        return -1;
    if (a.err != LXW_NO_ERROR) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write the Excel annex: %s (%s)",
                 lxw_strerror(a.err), a.where);
        return -1;
    }
    if (closed != LXW_NO_ERROR) {
        bool sys = closed == LXW_ERROR_CREATING_XLSX_FILE || closed == LXW_ERROR_CREATING_TMPFILE;
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write the Excel annex: %s%s%s",
                 lxw_strerror(closed), sys ? ": " : "", sys ? strerror(saved_errno) : "");
        return -1;
    }
    return 0;
}

int annex_write(const region *r, const char *path, diag_list *diags)
{
    return annex_write_opt(r, NULL, path, diags);
}

int annex_output_writer(const char *path, const void *context, diag_list *diags)
{
    return annex_write(context, path, diags);
}
