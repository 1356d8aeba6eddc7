/* annex_checks.c - the sheet «Lưu ý kiểm tra»: what plausibility.c found, one note a row. The
 * notes change no figure; the sheet says so at its top. */
#include "annex_internal.h"

#include "number.h"
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

static const char *const kind_label[PLAUSIBILITY_KIND_COUNT] = {
    [PLAUSIBILITY_EXECUTED_ABOVE_PLAN] = "Thực hiện vượt kế hoạch năm",
    [PLAUSIBILITY_COUNTERPART_WITHOUT_ESTABLISHMENTS] =
        "Có vốn đối ứng nhưng số cơ sở được hỗ trợ bằng 0",
    [PLAUSIBILITY_REPEATED_LINE] = "Dòng đề án lặp lại",
    [PLAUSIBILITY_PLAN_MOVED] = "Kế hoạch năm tăng, giảm quá một nửa so với năm trước",
};

static void describe(const annex *a, const plausibility_note *n, buf *b)
{
    buf x = BUF_INIT, y = BUF_INIT;
    number_format_million(&x, n->a);
    number_format_million(&y, n->b);
    const char *whose = n->file ? "" : " (tổng của tỉnh)";
    switch (n->kind) {
    case PLAUSIBILITY_EXECUTED_ABOVE_PLAN:
        buf_printf(b, "Thực hiện %s, kế hoạch năm %s%s.", x.data, y.data, whose);
        break;
    case PLAUSIBILITY_COUNTERPART_WITHOUT_ESTABLISHMENTS:
        buf_printf(b, "Vốn đối ứng %s, số cơ sở được hỗ trợ 0%s.", x.data, whose);
        break;
    case PLAUSIBILITY_REPEATED_LINE:
        buf_printf(b,
                   "Giống dòng %d của cùng tệp ở mọi cột (kế hoạch %s, thực hiện %s); cả hai "
                   "dòng đều được tính như tỉnh báo cáo.",
                   n->earlier_line, x.data, y.data);
        break;
    case PLAUSIBILITY_PLAN_MOVED:
        buf_printf(b, "Kế hoạch năm %d: %s; năm %d (cùng địa giới): %s.", a->r->current->year,
                   x.data, a->r->current->year - 1, y.data);
        break;
    default:
        break;
    }
    buf_free(&x);
    buf_free(&y);
}

static void write_note(annex *a, lxw_worksheet *ws, lxw_row_t row, size_t number,
                       const plausibility_note *n)
{
    const catalog_entry *p = &a->r->roster->entries[n->province];
    lxw_format *text = a->plain[STYLE_TEXT], *wrap = a->plain[STYLE_WRAP];
    annex_put_number(a, ws, row, KC_NUMBER, (double)number, a->plain[STYLE_COUNT]);
    annex_put_text(a, ws, row, KC_KIND, kind_label[n->kind], wrap);
    annex_put_text(a, ws, row, KC_CODE, p->code, text);
    annex_put_text(a, ws, row, KC_NAME, p->name, text);
    annex_put_text(a, ws, row, KC_FILE, n->file ? n->file : "", text);
    if (n->line > 0)
        annex_put_number(a, ws, row, KC_LINE, (double)n->line, a->plain[STYLE_COUNT]);
    else
        annex_put_blank(a, ws, row, KC_LINE, a->plain[STYLE_COUNT]);
    annex_put_text(a, ws, row, KC_TITLE, n->title ? n->title : "", wrap);
    buf b = BUF_INIT;
    describe(a, n, &b);
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
        buf_printf(&b, "«%s»: chỉ liệt kê %d dòng đầu; còn %zu dòng khác.", kind_label[k],
                   PLAUSIBILITY_LINE_NOTES_MAX, more);
        annex_put_text(a, ws, row++, KC_KIND, b.data, NULL);
        buf_free(&b);
    }
}
