#define _XOPEN_SOURCE 700 /* realpath */
#include "guard.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "publish.h"
#include "sums.h"

/* The absolute path `path` names, links resolved as far as it exists; the components that do
 * not exist yet (an output folder a first run will make) are appended as written, "." and ".."
 * applied to the text. */
static char *resolve(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    if (errno != ENOENT)
        return NULL;
    char *copy = xstrdup(path);
    size_t len = strlen(copy);
    while (len > 1 && copy[len - 1] == '/')
        copy[--len] = '\0';
    char *slash = strrchr(copy, '/');
    const char *last = slash ? slash + 1 : copy;
    char *parent = slash ? resolve(slash == copy ? "/" : (*slash = '\0', copy)) : resolve(".");
    char *result = NULL;
    if (parent) {
        buf b = BUF_INIT;
        if (strcmp(last, "..") == 0) {
            char *up = strrchr(parent, '/');
            buf_append(&b, parent, up && up != parent ? (size_t)(up - parent) : 1);
        } else if (strcmp(last, ".") == 0 || *last == '\0') {
            buf_puts(&b, parent);
        } else {
            buf_printf(&b, "%s%s%s", parent, strcmp(parent, "/") == 0 ? "" : "/", last);
        }
        result = buf_detach(&b);
        free(parent);
    }
    free(copy);
    return result;
}

/* True when `inner` is `outer` or lies inside it (both resolved). */
static bool is_within(const char *inner, const char *outer)
{
    size_t len = strlen(outer);
    if (strcmp(outer, "/") == 0)
        return true;
    return strncmp(inner, outer, len) == 0 && (inner[len] == '\0' || inner[len] == '/');
}

static int check_apart(const char *out_dir, const char *out_real, const char *other,
                       const char *what, diag_list *diags)
{
    char *other_real = resolve(other);
    int rc = 0;
    if (other_real && is_within(out_real, other_real)) {
        bool same = strcmp(out_real, other_real) == 0;
        diag_add(diags, DIAG_ERROR, NULL, 0, 0,
                 "the output folder %s %s the %s folder %s: publishing there would replace or "
                 "remove its files; choose another output folder with -o",
                 out_dir, same ? F_("is") : F_("lies inside"), what, other);
        rc = -1;
    } else if (other_real && is_within(other_real, out_real)) {
        diag_add(diags, DIAG_ERROR, NULL, 0, 0,
                 "the output folder %s contains the %s folder %s: publishing there could replace "
                 "or remove its files; choose another output folder with -o",
                 out_dir, what, other);
        rc = -1;
    }
    free(other_real);
    return rc;
}

int guard_out_dir(const char *out_dir, const char *input_dir, const char *templates_dir,
                  diag_list *diags)
{
    char *out_real = resolve(out_dir);
    if (!out_real) {
        diag_add(diags, DIAG_ERROR, out_dir, 0, 0, "cannot resolve the output folder: %s",
                 i18n_strerror(errno));
        return -1;
    }
    int rc = check_apart(out_dir, out_real, input_dir, F_("input"), diags);
    if (rc == 0)
        rc = check_apart(out_dir, out_real, templates_dir, F_("templates"), diags);
    free(out_real);
    return rc;
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int guard_top_file(const char *out_dir, const char *name, diag_list *diags)
{
    buf file = BUF_INIT, lock = BUF_INIT;
    buf_printf(&file, "%s/%s", out_dir, name);
    buf_printf(&lock, "%s/%s", out_dir, GUARD_LOCK_FILE);
    int rc = 0;
    if (exists(file.data) && !exists(lock.data)) {
        diag_add(diags, DIAG_ERROR, file.data, 0, 0,
                 "was not written by gen (the folder has no %s of gen's), and gen would replace "
                 "it; move it away or choose another output folder with -o",
                 GUARD_LOCK_FILE);
        rc = -1;
    }
    buf_free(&file);
    buf_free(&lock);
    return rc;
}

/* Finds the first entry of the folder `dir` (inside the publication at `root`, `rel` its path
 * there, "" for the top) that the publication's SHA256SUMS does not account for. */
static char *first_foreign_entry(const char *root, const char *rel, const sums *listed)
{
    buf dir = BUF_INIT;
    buf_printf(&dir, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(dir.data);
    buf_free(&dir);
    if (!d)
        return xstrdup(*rel ? rel : ".");
    char *foreign = NULL;
    struct dirent *e;
    while (!foreign && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        buf name = BUF_INIT, path = BUF_INIT;
        buf_printf(&name, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        buf_printf(&path, "%s/%s", root, name.data);
        struct stat st;
        bool top = *rel == '\0';
        bool own_file = top && (strcmp(e->d_name, PUBLISH_SUMS_FILE) == 0 ||
                                strcmp(e->d_name, GUARD_PUBLICATION_MARK) == 0);
        if (lstat(path.data, &st) != 0)
            foreign = buf_detach(&name);
        else if (S_ISDIR(st.st_mode) && sums_lists_folder(listed, name.data))
            foreign = first_foreign_entry(root, name.data, listed);
        else if (!(S_ISREG(st.st_mode) && (own_file || sums_lists(listed, name.data))))
            foreign = buf_detach(&name);
        buf_free(&name);
        buf_free(&path);
    }
    closedir(d);
    return foreign;
}

/* Says why the folder is not gen's to replace (`fmt` ends with what to do). */
static int refuse(const char *folder, diag_list *diags, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(const char *folder, diag_list *diags, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(diags, DIAG_ERROR, folder, 0, 0, fmt, ap);
    va_end(ap);
    return -1;
}

int guard_period_folder(const char *out_dir, const char *period, diag_list *diags)
{
    buf folder = BUF_INIT, mark = BUF_INIT, list = BUF_INIT;
    buf_printf(&folder, "%s/%s", out_dir, period);
    buf_printf(&mark, "%s/%s", folder.data, GUARD_PUBLICATION_MARK);
    buf_printf(&list, "%s/%s", folder.data, PUBLISH_SUMS_FILE);
    struct stat st;
    int rc = 0;
    sums listed = {NULL, 0, 0};
    if (lstat(folder.data, &st) != 0) {
        rc = errno == ENOENT ? 0
                             : refuse(folder.data, diags,
                                      "cannot be examined; gen replaces only the folders it "
                                      "published, whole: move it away or choose another output "
                                      "folder with -o");
    } else if (!S_ISDIR(st.st_mode)) {
        rc = refuse(folder.data, diags,
                    "is not a folder gen published; gen replaces only the folders it published, "
                    "whole: move it away or choose another output folder with -o");
    } else if (lstat(mark.data, &st) != 0 || !S_ISREG(st.st_mode) ||
               sums_read(list.data, &listed) != 0) {
        rc = refuse(folder.data, diags,
                    "was not published by gen (it has no %s and %s of gen's); gen replaces only "
                    "the folders it published, whole: move it away or choose another output "
                    "folder with -o",
                    GUARD_PUBLICATION_MARK, PUBLISH_SUMS_FILE);
    } else {
        char *foreign = first_foreign_entry(folder.data, "", &listed);
        if (foreign) {
            rc = refuse(folder.data, diags,
                        "holds %s, which gen did not publish; gen replaces only the folders it "
                        "published, whole: move it away or choose another output folder with -o",
                        foreign);
            free(foreign);
        }
    }
    sums_free(&listed);
    buf_free(&folder);
    buf_free(&mark);
    buf_free(&list);
    return rc;
}
