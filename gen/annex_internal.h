/* annex_internal.h - what the annex's files share; private to gen/annex*.c (the program's
 * interface is annex.h).
 *
 * annex.c makes the workbook and one `annex` on its stack, which every sheet writer is handed:
 * the sheet writers only add to the workbook (which owns every sheet, format and chart) and
 * record the first error in the annex, never stop on it. The files, one concern each:
 *   annex.c              the workbook: properties, creation time, the sheets in order
 *   annex_cells.c        formats; cells, formulas and row heights, keeping the first error
 *   annex_sheet.c        a sheet's title, header row, print and table setup
 *   annex_words.c        the sentences on coverage and comparison several sheets repeat
 *   annex_summary.c      the summary sheet
 *   annex_provinces.c    the province sheet
 *   annex_chart.c        the chart sheet
 *   annex_contents.c     the content sheet
 *   annex_lines.c        the project-line sheets, continued from sheet to sheet
 *   annex_note_memo.c    which notes say "minh hoạ", remembered for the line sheets
 *   annex_checks.c       the plausibility notes (plausibility.h)
 *   annex_status.c       the submission status sheet
 *   annex_changes.c      the previous period's provinces before a change, and where each went
 *   annex_diagnostics.c  the diagnostics sheet
 *   annex_notes.c        the notes sheet */
#ifndef GEN_ANNEX_INTERNAL_H
#define GEN_ANNEX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xlsxwriter.h>

/* pkg-config gives libxlsxwriter's soname ("4"), not its version: the header does. The annex is
 * written and tested against Debian bookworm's 1.1.4. */
#if LXW_VERSION_ID < 114
#error "gen/annex*.c need libxlsxwriter 1.1.4 or later (LXW_VERSION_ID 114)"
#endif

#include "annex.h"
#include "buf.h"
#include "memo.h"
#include "plausibility.h"

/* Sheet names: at most 31 characters, none of []:*?/\ (Excel's rules). */
#define SHEET_SUMMARY     "Tổng hợp"
#define SHEET_PROVINCES   "Tỉnh, thành phố"
#define SHEET_CHART       "Biểu đồ"
#define SHEET_CONTENTS    "Nội dung"
#define SHEET_LINES       "Đề án"
#define SHEET_CHECKS      "Lưu ý kiểm tra"
#define SHEET_STATUS      "Tình trạng nộp"
#define SHEET_DIAGNOSTICS "Lỗi, cảnh báo"
#define SHEET_NOTES       "Ghi chú"
#define SHEET_CHANGES     "Tỉnh trước sắp xếp"

/* In formulas a sheet name with spaces or commas is quoted. */
#define REF_PROVINCES "'" SHEET_PROVINCES "'!"

#define COMPARABLE_YES "có"
#define COMPARABLE_NO  "không"

/* The styles of value cells; each has a plain and a bold (totals) format. */
enum style {
    STYLE_TEXT,
    STYLE_WRAP,
    STYLE_MILLION, /* triệu đồng (million VND), three decimals: the unit the provinces report in */
    STYLE_COUNT,
    STYLE_RATE1,  /* 27.7% */
    STYLE_RATE2,  /* 12.18% */
    STYLE_CHANGE, /* -8.1% / +3.2% */
    STYLE_N
};

/* Whether notes say "minh hoạ", remembered per note text (memo.h): a file repeats a handful
 * of notes over all its lines, and folding is what costs. Free with note_memo_free. */
typedef memo note_memo;

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
    plausibility *checks; /* fed with every line as it is written */
} annex;

/* A column of a table sheet. */
typedef struct column {
    const char *heading;
    double width;
    enum style style; /* of the whole column, for cells left empty */
} column;

/* The province sheet's rows and columns, which the summary's formulas and the chart's series
 * refer to. */
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

/* The columns of the project-line sheets, which the province and content sheets' formulas sum. */
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

/* Money is kept in thousands of VND; every amount cell shows triệu đồng (million VND). */
static inline double million(int64_t thousands)
{
    return (double)thousands / 1e3;
}

/* Both terms are exact in a double (below 2^53), so this is the exact ratio rounded once. */
static inline double ratio_value(ratio q)
{
    return (double)q.num / (double)q.den;
}

static inline void cell_name(char out[16], lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(out, row, col);
}

/* annex_cells.c */

/* Keeps the first error and where it happened; writing goes on (libxlsxwriter stays usable)
 * and annex_write_opt turns the error into a diagnostic at the end. */
void annex_fail_at(annex *a, lxw_error e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Adds the formats of a->plain, a->bold, a->title and a->header to the workbook. */
void annex_create_formats(annex *a);

/* Writes text as a string cell: never parsed, so "=1+1" or "@SUM(A1)" stays what it says.
 * Text longer than a cell holds is cut, marked "…"; empty text is a blank cell when `f` is
 * given, else nothing. */
void annex_put_text(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                    lxw_format *f);
void annex_put_number(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
                      lxw_format *f);
void annex_put_blank(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f);

/* A formula with the result the program computed, for viewers that do not recalculate. */
void annex_put_formula(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_format *f,
                       double value, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* annex_put_formula with a formula already made (as long as Excel allows, 8,192 characters). */
void annex_put_formula_text(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                            lxw_format *f, double value, const char *formula);

/* "=SUM(D4:D23)" over rows first..last of column `col`, with its exact result. */
void annex_put_column_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                          lxw_row_t first, lxw_row_t last, lxw_format *f, double value);

/* "=SUM(D5:E5)": the two sources of one row, with its exact result. */
void annex_put_row_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_col_t first,
                       lxw_col_t last, lxw_format *f, double value);

/* "=I5/F5" when there is something to divide by; else the cell stays empty, as the
 * briefing shows no figure. */
void annex_put_rate(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_col_t num,
                    lxw_col_t den, ratio q, lxw_format *f);

/* Spreadsheets do not grow a row for wrapped text written by a library, so a row holding
 * `text` wrapped in a column `width` characters wide gets the height of its lines (about one
 * character per unit of width, 15 points a line). */
void annex_fit_row(annex *a, lxw_worksheet *ws, lxw_row_t row, const char *text, double width);

/* annex_sheet.c */

/* A new sheet named `name`; exits when memory runs out (the names cannot be refused). */
lxw_worksheet *annex_add_sheet(annex *a, const char *name);

/* What row 1 of each sheet starts with when context.md says `illustrative: yes`. */
#define ANNEX_ILLUSTRATIVE_BANNER                                                                  \
    "SỐ LIỆU MINH HỌA, KHÔNG PHẢI SỐ LIỆU CHÍNH THỨC, KHÔNG TRÍCH DẪN."
/* "`what` — <period>" in row 0 (after the banner above when the figures are illustrative),
 * and `note` (when not NULL) in row 1. */
void annex_write_title(annex *a, lxw_worksheet *ws, const char *what, const char *note);

/* The headings of `n` columns in `row`, and the columns' widths. */
void annex_write_header(annex *a, lxw_worksheet *ws, lxw_row_t row, const column *cols, size_t n);

/* Landscape A4, one page wide, the header row repeated on every page, page numbers below. */
void annex_setup_print(annex *a, lxw_worksheet *ws, lxw_row_t header_row);

/* A table sheet: header frozen, filter buttons over the rows (header..last). Called right after
 * the header row: in constant-memory mode the filter cannot name a row already written out. */
void annex_setup_table(annex *a, lxw_worksheet *ws, lxw_row_t header_row, lxw_row_t last_row,
                       lxw_col_t cols, lxw_col_t frozen_cols);

/* annex_words.c */

/* Who is in the totals (valid, missing and rejected provinces): said beside the totals, as the
 * contract asks of every output. Appended to `b`. */
void annex_describe_coverage(const region *r, buf *b);

/* Which provinces the comparison with last year covers, or why there is none. */
void annex_describe_comparison(const region *r, buf *b);

/* annex_provinces.c */

/* The row of the province sheet's totals. */
lxw_row_t annex_province_total_row(const annex *a);

/* The region's figure that the SUM of a province column must give. */
double annex_province_column_total(const region *r, enum province_column c);

/* "=SUMIFS(I4:I23,N4:N23,"có")": a column of the province sheet (`sheet_ref` is REF_PROVINCES)
 * over the provinces valid in both periods. */
void annex_put_comparable_sum(annex *a, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                              const char *sheet_ref, lxw_col_t sum_col, lxw_format *f,
                              double value);

/* annex_lines.c */

/* The name of the index'th project-line sheet (from 0): "Đề án", "Đề án (2)", ... */
void annex_line_sheet_name(char *out, size_t size, size_t index);

/* How many project-line sheets the annex has (one, saying there are none, when no line counts). */
size_t annex_line_sheet_count(const annex *a);

/* Appends to `out` the formula of the sum of column `sum_col` (a count of lines when `sum_col`
 * is LC_N) over the project lines whose column `key_col` equals the cell `key_ref` ("$A4") and,
 * when `from_source` is not NULL, whose source is it: one SUMIFS (COUNTIFS) per line sheet,
 * added up, so that every figure can be followed to its lines. */
void annex_lines_formula(const annex *a, buf *out, enum line_column sum_col,
                         enum line_column key_col, const char *key_ref, const char *from_source);

/* annex_note_memo.c */

/* Whether `note` says its figures are illustrative ("minh hoạ", folded). */
bool note_memo_is_illustrative(note_memo *m, const char *note);

/* Frees the texts remembered; the memo is then empty, and can be used again. */
void note_memo_free(note_memo *m);

/* The sheets, in the workbook's order, each in its annex_<sheet>.c and each written row by row
 * (constant-memory mode: annex_write_opt). */
void annex_write_summary(annex *a);
void annex_write_provinces(annex *a);
void annex_write_chart(annex *a);
void annex_write_contents(annex *a);

/* Every line that counts (those of valid submissions), province by province in roster order,
 * each in its file's order, continuing on further sheets past a->lines_per_sheet; files kept
 * without their lines are read again by a second thread while this one writes. Sets
 * a->n_line_sheets, a->illustrative and, when a file cannot be read again, a->lines_failed. */
void annex_write_lines(annex *a);
/* The plausibility notes (plausibility.h), after the lines that fed them. */
void annex_write_checks(annex *a, const plausibility *checks);
void annex_write_status(annex *a);
/* The previous period's provinces and where each went; only when the provinces changed. */
void annex_write_changes(annex *a);

/* Every diagnostic of the run (the first a->n_diagnostics), in the order standard error shows
 * them; a sheet holds LXW_ROW_MAX rows, which no real run approaches, so the rest are only
 * counted. */
void annex_write_diagnostics(annex *a);

/* The notes: period, coverage, definitions, the line sheets; after annex_write_lines. */
void annex_write_notes(annex *a);

#endif
