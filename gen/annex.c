#include "annex.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "annex_internal.h"
#include "period.h"

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

/* The issuer named in the document properties when context.md gives none. */
#define ANNEX_ISSUER "Ban tổ chức Hội nghị khuyến công khu vực phía Nam"

/* context.md's issuer when the period has one, else ANNEX_ISSUER. */
static const char *annex_issuer(const annex *a)
{
    const period_context *c = a->r->context;
    return c && c->present && c->issuer && *c->issuer ? c->issuer : ANNEX_ISSUER;
}

static void set_properties(annex *a, time_t created)
{
    const period *p = a->r->current;
    buf title = BUF_INIT, subject = BUF_INIT, keywords = BUF_INIT, issuer = BUF_INIT;
    buf_puts(&issuer, annex_issuer(a)); /* lxw_doc_properties holds non-const strings */
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
        .author = issuer.data,
        .company = issuer.data,
        .keywords = keywords.data,
        .comments = "Tổng hợp từ báo cáo của các Sở Công Thương; đơn vị triệu đồng; cách tính ở "
                    "biểu «" SHEET_NOTES "», điểm cần kiểm tra ở biểu «" SHEET_CHECKS "».",
        .created = created,
    };
    annex_fail_at(a, workbook_set_properties(a->wb, &props), "document properties");
    buf_free(&title);
    buf_free(&subject);
    buf_free(&keywords);
    buf_free(&issuer);
}

static void write_sheets(annex *a)
{
    annex_create_formats(a);
    annex_write_summary(a);
    annex_write_provinces(a);
    annex_write_chart(a);
    annex_write_contents(a);
    a->checks = plausibility_new(a->r);
    annex_write_lines(a);
    plausibility_finish(a->checks);
    annex_write_checks(a, a->checks);
    plausibility_free(a->checks);
    a->checks = NULL;
    annex_write_status(a);
    annex_write_changes(a);
    annex_write_diagnostics(a);
    annex_write_notes(a);
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
                 lxw_strerror(closed), sys ? ": " : "", sys ? i18n_strerror(saved_errno) : "");
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
