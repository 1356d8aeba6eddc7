/* annex_checks.c - the sheet «Lưu ý kiểm tra»: what plausibility.c found, one note a row. The
 * notes change no figure; the sheet says so at its top. */
#include "annex_internal.h"

#include "plausibility.h"

enum { CHECK_HEADER = 2, CHECK_FIRST = 3 };

enum check_column { KC_NUMBER, KC_KIND, KC_CODE, KC_NAME, KC_FILE, KC_LINE, KC_TITLE, KC_DETAIL, KC_N };

static const column check_columns[KC_N] = {
    {"STT", 5, STYLE_COUNT},
    {"Điểm cần kiểm tra", 26, STYLE_WRAP},
    {"Mã tỉnh", 6, STYLE_TEXT},
    {"Tỉnh, thành phố", 18, STYLE_TEXT},
    {"Tệp", 26, STYLE_TEXT},
    {"Dòng", 6, STYLE_COUNT},
    {"Tên đề án", 44, STYLE_WRAP},
    {"Chi tiết (số tiền bằng triệu đồng)", 56, STYLE_WRAP},
};

static void write_note(annex *a, lxw_worksheet *ws, lxw_row_t row, size_t number,
                       const plausibility_note *n)
{
    const catalog_entry *p = &a->r->roster->entries[n->province];
    lxw_format *text = a->plain[STYLE_TEXT], *wrap = a->plain[STYLE_WRAP];
    annex_put_number(a, ws, row, KC_NUMBER, (double)number, a->plain[STYLE_COUNT]);
    annex_put_text(a, ws, row, KC_KIND, plausibility_kind_label(n->kind), wrap);
    annex_put_text(a, ws, row, KC_CODE, p->code, text);
    annex_put_text(a, ws, row, KC_NAME, p->name, text);
    annex_put_text(a, ws, row, KC_FILE, n->file ? n->file : "", text);
    if (n->line > 0)
        annex_put_number(a, ws, row, KC_LINE, (double)n->line, a->plain[STYLE_COUNT]);
    else
        annex_put_blank(a, ws, row, KC_LINE, a->plain[STYLE_COUNT]);
    annex_put_text(a, ws, row, KC_TITLE, n->title ? n->title : "", wrap);
    buf b = BUF_INIT;
    plausibility_describe(n, a->r->current->year, &b);
    annex_put_text(a, ws, row, KC_DETAIL, b.data, wrap);
    annex_fit_row(a, ws, row, b.data, check_columns[KC_DETAIL].width);
    buf_free(&b);
}

void annex_write_checks(annex *a, const plausibility *checks)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_CHECKS);
    size_t count = 0;
    const plausibility_note *notes = plausibility_notes(checks, &count);
    annex_write_title(a, ws, "Lưu ý kiểm tra",
                      "Các điểm nên hỏi lại tỉnh, thành phố trước khi trích dẫn. Không điểm nào "
                      "làm thay đổi số liệu: mọi dòng đề án vẫn được tính đúng như báo cáo.");
    annex_write_header(a, ws, CHECK_HEADER, check_columns, KC_N);
    lxw_row_t last = CHECK_FIRST + (lxw_row_t)(count ? count - 1 : 0);
    annex_setup_table(a, ws, CHECK_HEADER, last, KC_N, 0);
    lxw_row_t row = CHECK_FIRST;
    for (size_t i = 0; i < count; i++)
        write_note(a, ws, row++, i + 1, &notes[i]);
    if (count == 0)
        annex_put_text(a, ws, row++, KC_KIND, "Không có điểm nào cần lưu ý.", NULL);
    for (int k = 0; k < PLAUSIBILITY_KIND_COUNT; k++) {
        size_t more = plausibility_unlisted(checks, (plausibility_kind)k);
        if (more == 0)
            continue;
        buf b = BUF_INIT;
        buf_printf(&b, "«%s»: chỉ liệt kê %d dòng đầu; còn %zu dòng khác.", plausibility_kind_label((plausibility_kind)k),
                   PLAUSIBILITY_LINE_NOTES_MAX, more);
        annex_put_text(a, ws, row++, KC_KIND, b.data, NULL);
        buf_free(&b);
    }
}
