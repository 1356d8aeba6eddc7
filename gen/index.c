#include "index.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "briefing.h"
#include "digest.h"
#include "escape.h"
#include "mustache.h"
#include "number.h"
#include "opendata.h"
#include "path.h"
#include "period.h"
#include "province_page.h"
#include "publish.h"
#include "template.h"

/* Keeps the entries of the output folder that are period folders (not links to one). */
static bool is_period_folder(const char *path, const char *name, void *context)
{
    (void)context;
    int year, month;
    struct stat st;
    return period_parse_name(name, &year, &month) && lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* What each published file is, in the reader's words, and the end of its download name; in
 * the order the page lists them (the briefing first). Files not named here come after, under
 * their own names. */
static const struct {
    const char *name, *what, *kind, *download;
} known_files[] = {
    {"briefing.html", "Bản tóm tắt: đọc trên máy tính, điện thoại, in ra giấy", "HTML",
     "tom-tat.html"},
    {"briefing.docx", "Bản tóm tắt dạng văn bản Word, trình bày như văn bản hành chính", "Word",
     "tom-tat.docx"},
    {"briefing.md", "Bản tóm tắt dạng văn bản thuần (Markdown)", "Markdown", "tom-tat.md"},
    {"annex.xlsx",
     "Phụ lục Excel (triệu đồng): số liệu theo tỉnh, theo nội dung, từng đề án; công thức dẫn "
     "đến từng dòng đề án; điểm cần kiểm tra",
     "Excel", "phu-luc.xlsx"},
    {"chart-provinces.png", "Biểu đồ kế hoạch và thực hiện theo tỉnh, thành phố (ảnh, để đưa vào "
                            "bài viết, Word)",
     "PNG", "bieu-do-theo-tinh.png"},
    {"chart-rates.png", "Biểu đồ tỷ lệ thực hiện theo tỉnh, thành phố (ảnh)", "PNG",
     "bieu-do-ty-le-thuc-hien.png"},
    {"chart-years.png", "Biểu đồ kế hoạch và thực hiện theo năm (ảnh, để đưa vào bài viết, Word)",
     "PNG", "bieu-do-theo-nam.png"},
    {"chart-year-rates.png", "Biểu đồ tỷ lệ thực hiện theo năm (ảnh)", "PNG",
     "bieu-do-ty-le-thuc-hien-theo-nam.png"},
    {"chart-contents.png", "Biểu đồ kế hoạch và thực hiện theo nội dung khuyến công (ảnh)", "PNG",
     "bieu-do-theo-noi-dung.png"},
    {"chart-provinces.svg", "Biểu đồ theo tỉnh, thành phố (hình vẽ SVG, phóng to không vỡ)", "SVG",
     "bieu-do-theo-tinh.svg"},
    {"chart-rates.svg", "Biểu đồ tỷ lệ thực hiện (hình vẽ SVG)", "SVG",
     "bieu-do-ty-le-thuc-hien.svg"},
    {"chart-years.svg", "Biểu đồ theo năm (hình vẽ SVG, phóng to không vỡ)", "SVG",
     "bieu-do-theo-nam.svg"},
    {"chart-year-rates.svg", "Biểu đồ tỷ lệ thực hiện theo năm (hình vẽ SVG)", "SVG",
     "bieu-do-ty-le-thuc-hien-theo-nam.svg"},
    {"chart-contents.svg", "Biểu đồ theo nội dung khuyến công (hình vẽ SVG)", "SVG",
     "bieu-do-theo-noi-dung.svg"},
    {"data/region.csv", "Số liệu mở: toàn vùng theo nguồn kinh phí", "CSV", "du-lieu-toan-vung.csv"},
    {"data/years.csv", "Số liệu mở: toàn vùng theo từng năm của giai đoạn", "CSV",
     "du-lieu-theo-nam.csv"},
    {"data/provinces.csv", "Số liệu mở: theo tỉnh, thành phố", "CSV", "du-lieu-theo-tinh.csv"},
    {"data/contents.csv", "Số liệu mở: theo nội dung khuyến công", "CSV",
     "du-lieu-theo-noi-dung.csv"},
    {"data/projects.csv", "Số liệu mở: từng dòng đề án", "CSV", "du-lieu-de-an.csv"},
    {OPENDATA_PERIOD, "Số liệu mở: kỳ báo cáo, hội nghị, số liệu có phải minh hoạ không", "CSV",
     "du-lieu-ky-bao-cao.csv"},
    {"data/province_changes.csv", "Số liệu mở: tỉnh, thành phố trước và sau sắp xếp", "CSV",
     "du-lieu-sap-xep-tinh.csv"},
    {"data/datapackage.json",
     "Mô tả số liệu mở (Frictionless Data Package): tên, kiểu, đơn vị từng cột, giấy phép "
     "CC-BY-4.0",
     "JSON", "du-lieu-mo-ta.json"},
    {PUBLISH_SUMS_FILE, "Mã kiểm tra SHA-256 của mọi tệp (lệnh sha256sum -c SHA256SUMS)", "văn bản",
     "SHA256SUMS.txt"},
};

enum { KNOWN_FILES = sizeof known_files / sizeof known_files[0] };

/* What a programme report's files are where it differs from a period's: the report covers the
 * years of the programme, its annex and tables add the years up, it has no project lines. */
static const struct {
    const char *name, *what;
} programme_files[] = {
    {"briefing.html", "Báo cáo giai đoạn: đọc trên máy tính, điện thoại, in ra giấy"},
    {"briefing.docx", "Báo cáo giai đoạn dạng văn bản Word"},
    {"briefing.md", "Báo cáo giai đoạn dạng văn bản thuần (Markdown)"},
    {"annex.xlsx", "Phụ lục Excel (triệu đồng): cả giai đoạn theo nguồn, theo năm, theo tỉnh, "
                   "thành phố hiện nay và theo nội dung; ô tổng là công thức"},
    {"data/region.csv", "Số liệu mở: cả giai đoạn theo nguồn kinh phí"},
    {"data/provinces.csv", "Số liệu mở: cả giai đoạn theo tỉnh, thành phố hiện nay (số liệu các "
                           "tỉnh đã sáp nhập cộng vào tỉnh nhận địa giới)"},
    {"data/contents.csv", "Số liệu mở: cả giai đoạn theo nội dung khuyến công"},
};

/* What file `known` is, for a programme report (`programme`) or a period. */
static const char *file_what(int known, bool programme)
{
    for (size_t i = 0; programme && i < sizeof programme_files / sizeof programme_files[0]; i++)
        if (strcmp(programme_files[i].name, known_files[known].name) == 0)
            return programme_files[i].what;
    return known_files[known].what;
}

/* "khuyen-cong-phia-nam-9t2024-" (or "...-nam2024-" for a whole year): what and when, before
 * each download name. */
static void download_prefix(buf *b, int year, int month)
{
    if (month == 12)
        buf_printf(b, "khuyen-cong-phia-nam-nam%d-", year);
    else
        buf_printf(b, "khuyen-cong-phia-nam-%dt%d-", month, year);
}

/* The province pages are linked by name (read_province_pages), not among the downloads. */
static bool is_province_page(const char *name)
{
    return strncmp(name, PROVINCE_PAGES_DIR "/", strlen(PROVINCE_PAGES_DIR) + 1) == 0;
}

static mustache_value *file_entry(const char *dir, const char *code, const char *name, int known,
                                  const char *prefix, bool programme)
{
    mustache_value *f = mustache_map_new();
    buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", dir, name);
    struct stat st;
    int64_t size = stat(b.data, &st) == 0 ? (int64_t)st.st_size : 0;
    buf_clear(&b);
    buf_printf(&b, "%s/%s", code, name);
    mustache_map_set_string(f, "href", b.data);
    buf_clear(&b);
    mustache_map_set_string(f, "name", name);
    const char *slash = strrchr(name, '/');
    buf_printf(&b, "%s%s", prefix, known >= 0 ? known_files[known].download : slash ? slash + 1 : name);
    mustache_map_set_string(f, "download", b.data);
    buf_clear(&b);
    mustache_map_set_string(f, "what", known >= 0 ? file_what(known, programme) : name);
    mustache_map_set_string(f, "kind", known >= 0 ? known_files[known].kind : "");
    if (size >= 1024 * 1024)
        buf_printf(&b, "%.1f MB", (double)size / (1024.0 * 1024.0));
    else
        buf_printf(&b, "%lld KB", (long long)((size + 1023) / 1024));
    for (char *p = b.data; *p; p++)
        if (*p == '.')
            *p = ','; /* Vietnamese decimal comma */
    mustache_map_set_string(f, "size", b.data);
    buf_free(&b);
    return f;
}

static int known_index(const char *name)
{
    for (int i = 0; i < (int)KNOWN_FILES; i++)
        if (strcmp(known_files[i].name, name) == 0)
            return i;
    return -1;
}

/* The headline figures the publication states (BRIEFING_HEADLINE_FILE: a period's, or a
 * programme report's), as keys of `p`; "has_headline" false when the file is missing (a
 * publication of an earlier version). `full_year`: a year-end period, compared with the year
 * before rather than the same period. */
static void read_headline(mustache_value *p, const char *dir, bool full_year)
{
    static const char *const keys[] = {"label",       "plan",        "executed",   "rate",
                                       "same_period", "plan_change", "comparable", "coverage",
                                       "years"};
    enum { N_KEYS = sizeof keys / sizeof keys[0], COMPARABLE = 6 };
    char values[N_KEYS][256] = {{0}};
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, BRIEFING_HEADLINE_FILE);
    FILE *f = fopen(path.data, "r");
    buf_free(&path);
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t'), *end = strchr(line, '\n');
        if (!tab)
            continue;
        *tab = '\0';
        if (end)
            *end = '\0';
        for (size_t k = 0; k < N_KEYS; k++)
            if (strcmp(line, keys[k]) == 0)
                snprintf(values[k], sizeof values[k], "%s", tab + 1);
    }
    if (f)
        fclose(f);
    /* Every name is there (empty when unknown), so templates can name them all. */
    mustache_value *h = mustache_map_new();
    for (size_t k = 0; k < N_KEYS; k++)
        mustache_map_set_string(h, keys[k], values[k]);
    mustache_map_set_bool(h, "has_comparison", values[COMPARABLE][0] != '\0');
    mustache_map_set_bool(h, "full_year", full_year); /* compared with the year before */
    mustache_map_set_bool(p, "has_headline", f != NULL);
    mustache_map_set(p, "headline", h);
}

/* The province pages the period published in `dir` (PROVINCE_PAGES_LIST_FILE), as the list
 * "provinces" of `p`: code, name, state and the page's address from out/; "has_provinces"
 * false for a publication without them. */
static void read_province_pages(mustache_value *p, const char *dir, const char *code)
{
    mustache_value *list = mustache_list_new();
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, PROVINCE_PAGES_LIST_FILE);
    FILE *f = fopen(path.data, "r");
    char line[1024];
    size_t n = 0;
    while (f && fgets(line, sizeof line, f)) {
        char *field[4], *rest = line;
        size_t k = 0;
        line[strcspn(line, "\n")] = '\0';
        for (; k < 4 && rest; k++) {
            field[k] = rest;
            rest = strchr(rest, '\t');
            if (rest)
                *rest++ = '\0';
        }
        if (k < 4 || strncmp(field[0], PROVINCE_PAGES_DIR "/", strlen(PROVINCE_PAGES_DIR) + 1))
            continue; /* not a line gen writes */
        mustache_value *e = mustache_map_new();
        buf href = BUF_INIT;
        buf_printf(&href, "%s/%s.html", code, field[0]);
        mustache_map_set_string(e, "href", href.data);
        buf_free(&href);
        mustache_map_set_string(e, "province_code", field[1]);
        mustache_map_set_string(e, "name", field[2]);
        mustache_map_set_string(e, "state", field[3]);
        mustache_map_set_bool(e, "first", n == 0);
        mustache_list_push(list, e);
        n++;
    }
    if (f)
        fclose(f);
    buf_free(&path);
    mustache_map_set(p, "provinces", list);
    mustache_map_set_bool(p, "has_provinces", n > 0);
}

/* True when the period published in `dir` says its figures are illustrative: its
 * data/period.csv (opendata.h) has "yes" in its second column. */
static bool is_illustrative(const char *dir, const char *code)
{
    buf path = BUF_INIT, expected = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, OPENDATA_PERIOD);
    buf_printf(&expected, "\"%s\",\"yes\",", code);
    FILE *f = fopen(path.data, "r");
    char line[512];
    bool yes = false;
    if (f && fgets(line, sizeof line, f) && fgets(line, sizeof line, f))
        yes = strncmp(line, expected.data, expected.len) == 0;
    if (f)
        fclose(f);
    buf_free(&path);
    buf_free(&expected);
    return yes;
}

/* One period or programme (labelled `label_text`, else by its period name): its headline
 * figures, whether its figures are illustrative, and the files its SHA256SUMS lists
 * (SHA256SUMS too), the briefing first. No hash is shown: they are in SHA256SUMS. */
static mustache_value *folder_entry(const char *out_dir, const char *code, const char *label_text,
                                    diag_list *diags)
{
    (void)diags;
    mustache_value *p = mustache_map_new(), *files = mustache_list_new();
    buf dir = BUF_INIT, label = BUF_INIT, prefix = BUF_INIT;
    buf_printf(&dir, "%s/%s", out_dir, code);
    int year = 0, month = 0;
    if (label_text) {
        buf_puts(&label, label_text);
        buf_printf(&prefix, "khuyen-cong-phia-nam-%s-", code); /* "...-2021-2025-" */
    } else {
        period_parse_name(code, &year, &month);
        period_label(&label, year, month);
        download_prefix(&prefix, year, month);
    }
    mustache_map_set_string(p, "code", code);
    mustache_map_set_string(p, "label", label.data);
    mustache_map_set_bool(p, "illustrative", is_illustrative(dir.data, code));
    read_headline(p, dir.data, !label_text && month == 12);
    read_province_pages(p, dir.data, code);
    buf sums_path = BUF_INIT;
    buf_printf(&sums_path, "%s/%s", dir.data, PUBLISH_SUMS_FILE);
    FILE *sums = fopen(sums_path.data, "r");
    char line[1024], hex[DIGEST_HEX_SIZE], name[900];
    char **listed = NULL;
    size_t n = 0, cap = 0;
    while (sums && fgets(line, sizeof line, sums))
        if (sscanf(line, "%64s  %899[^\n]", hex, name) == 2 && name[0] != '.' &&
            !is_province_page(name)) {
            listed = xgrow(listed, &cap, n + 1, sizeof *listed);
            listed[n++] = xstrdup(name);
        }
    if (sums) {
        fclose(sums);
        listed = xgrow(listed, &cap, n + 1, sizeof *listed);
        listed[n++] = xstrdup(PUBLISH_SUMS_FILE);
    }
    for (int k = 0; k < (int)KNOWN_FILES; k++)
        for (size_t i = 0; i < n; i++)
            if (listed[i] && strcmp(listed[i], known_files[k].name) == 0) {
                mustache_list_push(files, file_entry(dir.data, code, listed[i], k, prefix.data,
                                                             label_text != NULL));
                free(listed[i]);
                listed[i] = NULL;
            }
    for (size_t i = 0; i < n; i++)
        if (listed[i]) {
            mustache_list_push(files, file_entry(dir.data, code, listed[i], known_index(listed[i]),
                                                 prefix.data, label_text != NULL));
            free(listed[i]);
        }
    free(listed);
    mustache_map_set(p, "files", files);
    buf_free(&sums_path);
    buf_free(&label);
    buf_free(&prefix);
    buf_free(&dir);
    return p;
}

static mustache_value *period_entry(const char *out_dir, const char *code, diag_list *diags)
{
    return folder_entry(out_dir, code, NULL, diags);
}

int index_render(const char *out_dir, template_set *templates, buf *out, diag_list *diags)
{
    return index_render_with(out_dir, NULL, 0, templates, out, diags);
}

int index_render_with(const char *out_dir, const index_programme *programmes, size_t n_programmes,
                      template_set *templates, buf *out, diag_list *diags)
{
    size_t n = 0;
    char **periods = path_list_sorted(out_dir, is_period_folder, NULL, &n);
    mustache_value *model = mustache_map_new(), *list = mustache_list_new();
    for (size_t i = n; i-- > 0;) /* newest first */
        mustache_list_push(list, period_entry(out_dir, periods[i], diags));
    path_list_free(periods, n);
    mustache_map_set(model, "periods", list);
    /* The programme reports published (their folder holds SHA256SUMS), newest first. */
    mustache_value *programme_list = mustache_list_new();
    size_t n_listed = 0;
    for (size_t i = n_programmes; i-- > 0;) {
        buf sums = BUF_INIT;
        buf_printf(&sums, "%s/%s/%s", out_dir, programmes[i].code, PUBLISH_SUMS_FILE);
        struct stat st;
        if (stat(sums.data, &st) == 0 && S_ISREG(st.st_mode)) {
            mustache_list_push(programme_list, folder_entry(out_dir, programmes[i].code,
                                                            programmes[i].name, diags));
            n_listed++;
        }
        buf_free(&sums);
    }
    mustache_map_set_bool(model, "has_programmes", n_listed > 0);
    mustache_map_set(model, "programmes", programme_list);
    int rc = template_render(templates, "index.html", model, mustache_escape_html, out, diags);
    mustache_value_free(model);
    return rc;
}
