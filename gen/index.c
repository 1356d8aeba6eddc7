#include "index.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "digest.h"
#include "escape.h"
#include "mustache.h"
#include "number.h"
#include "opendata.h"
#include "path.h"
#include "period.h"
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

static mustache_value *file_entry(const char *dir, const char *code, const char *name,
                                  const char *sha256)
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
    number_format_count(&b, size);
    buf_puts(&b, " byte");
    mustache_map_set_string(f, "size", b.data);
    mustache_map_set_string(f, "sha256", sha256);
    buf_free(&b);
    return f;
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

/* One period or programme (labelled `label_text`, else by its period name): the files its
 * SHA256SUMS lists, then SHA256SUMS itself. */
static mustache_value *folder_entry(const char *out_dir, const char *code, const char *label_text,
                                    diag_list *diags)
{
    mustache_value *p = mustache_map_new(), *files = mustache_list_new();
    buf dir = BUF_INIT, label = BUF_INIT;
    buf_printf(&dir, "%s/%s", out_dir, code);
    int year = 0, month = 0;
    if (label_text) {
        buf_puts(&label, label_text);
    } else {
        period_parse_name(code, &year, &month);
        period_label(&label, year, month);
    }
    mustache_map_set_string(p, "code", code);
    mustache_map_set_string(p, "label", label.data);
    mustache_map_set_bool(p, "illustrative", is_illustrative(dir.data, code));
    buf sums_path = BUF_INIT;
    buf_printf(&sums_path, "%s/%s", dir.data, PUBLISH_SUMS_FILE);
    FILE *sums = fopen(sums_path.data, "r");
    char line[1024], hex[DIGEST_HEX_SIZE], name[900];
    while (sums && fgets(line, sizeof line, sums))
        if (sscanf(line, "%64s  %899[^\n]", hex, name) == 2)
            mustache_list_push(files, file_entry(dir.data, code, name, hex));
    if (sums) {
        fclose(sums);
        digest *d = digest_new();
        digest_update_file(d, sums_path.data, diags);
        digest_finish(d, hex);
        mustache_list_push(files, file_entry(dir.data, code, PUBLISH_SUMS_FILE, hex));
    }
    mustache_map_set(p, "files", files);
    buf_free(&sums_path);
    buf_free(&label);
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
