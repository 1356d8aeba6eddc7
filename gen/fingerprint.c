#include "fingerprint.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every regular file of `dir` (sorted by name, so the order is the same everywhere): its
 * name within the folder, then its bytes. Paths are left out, so that the same inputs named
 * by another path give the same fingerprint. */
static int add_folder(digest *d, const char *label, const char *dir, diag_list *diags)
{
    digest_update_string(d, label);
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path.data, &st) == 0 && S_ISREG(st.st_mode)) {
            names = xgrow(names, &cap, n + 1, sizeof *names);
            names[n++] = buf_detach(&path);
        }
        buf_free(&path);
    }
    closedir(dp);
    if (n > 1) /* qsort must not be given NULL, even for no element */
        qsort(names, n, sizeof *names, compare_names);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        digest_update_string(d, strrchr(names[i], '/') + 1);
        if (rc == 0)
            rc = digest_update_file(d, names[i], diags);
        free(names[i]);
    }
    free(names);
    return rc;
}

static int add_file(digest *d, const char *dir, const char *name, diag_list *diags)
{
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    digest_update_string(d, name);
    int rc = digest_update_file(d, path.data, diags);
    buf_free(&path);
    return rc;
}

int fingerprint_compute(const fingerprint_sources *s, char hex[DIGEST_HEX_SIZE], diag_list *diags)
{
    digest *d = digest_new();
    diag_list ignored = DIAG_LIST_INIT;
    /* A program that cannot read its own image still fingerprints its inputs. */
    digest_update_file(d, "/proc/self/exe", &ignored);
    diag_list_free(&ignored);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    digest_update_string(d, epoch ? epoch : "");
    digest_update_string(d, s->settings ? s->settings : "");
    int rc = add_file(d, s->input_dir, "roster.csv", diags);
    if (rc == 0)
        rc = add_file(d, s->input_dir, "contents.csv", diags);
    buf dir = BUF_INIT;
    buf_printf(&dir, "%s/%s", s->input_dir, s->period);
    if (rc == 0)
        rc = add_folder(d, "period", dir.data, diags);
    buf_clear(&dir);
    if (rc == 0 && s->previous_period) {
        buf_printf(&dir, "%s/%s", s->input_dir, s->previous_period);
        rc = add_folder(d, "previous period", dir.data, diags);
    }
    buf_free(&dir);
    if (rc == 0)
        rc = add_folder(d, "templates", s->templates_dir, diags);
    digest_finish(d, hex);
    return rc;
}
