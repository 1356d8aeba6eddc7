#include "annex_internal.h"

#include "period.h"

enum { NOTES_WIDTH = 110 };

static void put_note(annex *a, lxw_worksheet *ws, lxw_row_t *row, const char *label,
                     const char *text)
{
    annex_put_text(a, ws, *row, 0, label, a->bold[STYLE_WRAP]);
    annex_put_text(a, ws, *row, 1, text, a->plain[STYLE_WRAP]);
    annex_fit_row(a, ws, *row, text, NOTES_WIDTH);
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
               " Một biểu chỉ chứa %zu dòng đề án (dưới hàng tiêu đề), nên các dòng tiếp tục "
               "trên %zu biểu:",
               a->lines_per_sheet, a->n_line_sheets);
    for (size_t i = 0; i < a->n_line_sheets; i++) {
        char name[64];
        annex_line_sheet_name(name, sizeof name, i);
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
    annex_describe_coverage(a->r, &b);
    put_note(a, ws, row, "Phạm vi", b.data);
    buf_clear(&b);
    annex_describe_comparison(a->r, &b);
    put_note(a, ws, row, "So sánh với năm trước", b.data);
    buf_free(&b);
}

static void write_notes_definitions(annex *a, lxw_worksheet *ws, lxw_row_t *row)
{
    static const char *const notes[][2] = {
        {"Đơn vị",
         "Mọi số tiền: triệu đồng, như các tỉnh báo cáo và như các biểu mẫu phụ lục chính thức "
         "(1 tỷ đồng = 1.000 triệu đồng; bản tóm tắt viết tỷ đồng). Tỷ lệ: phần trăm. Số cơ sở, "
         "số đề án: đơn vị. Mỗi ô lưu giá trị chính xác đến nghìn đồng (ba chữ số thập phân); ô "
         "hiển thị ba chữ số thập phân."},
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
         "xác trên số nguyên nghìn đồng. Số liệu từng tỉnh, thành phố và từng nội dung là công "
         "thức SUMIFS (COUNTIFS với số đề án) trên các dòng của biểu «" SHEET_LINES "» (và các "
         "biểu tiếp theo khi có), để mỗi số lần được đến từng dòng đề án; ô tổng cộng và tỷ lệ là "
         "công thức (SUM, SUMIFS, COUNTIF, phép chia) để người đọc thấy cách tính; mỗi công "
         "thức được lưu kèm kết quả chương trình đã tính chính xác, nên bảng tính tự tính lại "
         "cho cùng kết quả đến chữ số cuối cùng hiển thị. Tài liệu tóm tắt làm tròn mỗi số một "
         "lần từ giá trị chính xác, theo quy tắc thông thường (từ 5 trở lên thì làm tròn lên, "
         "tính theo giá trị tuyệt đối)."},
        {"Lưu ý kiểm tra",
         "Biểu «" SHEET_CHECKS "» liệt kê các điểm nên hỏi lại tỉnh, thành phố: thực hiện vượt "
         "kế hoạch năm, có vốn đối ứng mà số cơ sở được hỗ trợ bằng 0, dòng đề án lặp lại mọi cột "
         "của một dòng trước trong cùng tệp, kế hoạch năm tăng hay giảm quá một nửa so với năm "
         "trước. Các lưu ý không làm thay đổi số liệu nào."},
        {"Số liệu năm trước",
         "Số liệu cùng kỳ năm trước lấy từ báo cáo của kỳ đó (xem phụ lục của kỳ đó): phụ lục "
         "này không chứa các dòng đề án năm trước, nên số năm trước là số, không phải công thức."},
        {"Ô trống",
         "Không có số liệu: tỉnh, thành phố chưa nộp báo cáo hoặc báo cáo chưa tổng hợp được, "
         "hoặc không có số để tính tỷ lệ. Ô trống không phải là số 0."},
        {"Báo cáo chưa tổng hợp được",
         "Báo cáo của một tỉnh, thành phố được tổng hợp khi toàn bộ tệp hợp lệ; tệp còn lỗi "
         "chưa được tính dòng nào cho đến khi Sở Công Thương gửi lại bản đã sửa. "
         "Tình trạng từng tỉnh ở biểu «" SHEET_STATUS "»; mọi lỗi, cảnh báo ở biểu "
         "«" SHEET_DIAGNOSTICS "»."},
    };
    for (size_t i = 0; i < sizeof notes / sizeof notes[0]; i++)
        put_note(a, ws, row, notes[i][0], notes[i][1]);
}

void annex_write_notes(annex *a)
{
    lxw_worksheet *ws = annex_add_sheet(a, SHEET_NOTES);
    lxw_row_t row = 2;
    annex_write_title(a, ws, "Phụ lục số liệu khuyến công khu vực phía Nam", NULL);
    annex_fail_at(a, worksheet_set_column(ws, 0, 0, 22, NULL), "%s: column widths", ws->name);
    annex_fail_at(a, worksheet_set_column(ws, 1, 1, NOTES_WIDTH, NULL), "%s: column widths",
                  ws->name);
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
                   "%zu/%zu dòng đề án ghi chú là số liệu minh hoạ (xem cột «Ghi chú» của biểu "
                   "«" SHEET_LINES "»).",
                   illustrative, a->r->total.lines);
    if (illustrative > 0)
        put_note(a, ws, &row, "Số liệu minh hoạ", b.data);
    buf_free(&b);
    annex_setup_print(a, ws, 0);
}
