#include "annex_internal.h"

#include "period.h"

static void describe_rejected(const region *r, buf *b)
{
    const period *p = r->current;
    const char *sep = "; đã nhận, chưa tổng hợp được: ";
    for (size_t i = 0; i < p->n_files; i++) {
        const submission *s = p->files[i];
        if (!s->rejected)
            continue;
        int province = p->file_province[i];
        if (province >= 0)
            buf_printf(b, "%s%s (%s, %zu lỗi)", sep, r->roster->entries[province].name, s->name,
                       s->errors);
        else
            buf_printf(b, "%stệp %s (%zu lỗi, chưa xác định được tỉnh)", sep, s->name, s->errors);
        sep = ", ";
    }
}

void annex_describe_coverage(const region *r, buf *b)
{
    const period *p = r->current;
    buf_printf(b, "Tổng hợp từ báo cáo của %zu/%zu tỉnh, thành phố", p->n_valid, p->n_roster);
    const char *sep = "; chưa nhận được báo cáo của: ";
    for (size_t i = 0; i < r->n_provinces; i++) {
        if (p->state[i] != PROVINCE_MISSING)
            continue;
        buf_printf(b, "%s%s", sep, r->roster->entries[i].name);
        sep = ", ";
    }
    describe_rejected(r, b);
    buf_puts(b, period_complete(p) ? "." : ". Các số tổng cộng chưa gồm các tỉnh, thành phố này.");
}

void annex_describe_comparison(const region *r, buf *b)
{
    buf now = BUF_INIT, before = BUF_INIT;
    period_label(&now, r->current->year, r->current->month);
    period_label(&before, r->current->year - 1, r->current->month);
    char previous_name[8];
    period_previous_name(r->current, previous_name);
    if (!r->previous)
        buf_printf(b, "Không có số liệu %s (không có thư mục kỳ %s): không so sánh với cùng kỳ.",
                   before.data, previous_name);
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
