#include "period.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"

bool period_parse_name(const char *s, int *year, int *month)
{
    if (strlen(s) != 7 || s[4] != '-')
        return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = atoi(s + 5);
    if (m < 1 || m > 12 || y < 1900)
        return false;
    *year = y;
    *month = m;
    return true;
}

static char *join_path(const char *dir, const char *name)
{
    buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", dir, name);
    return buf_detach(&b);
}

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool period_exists(const char *input_dir, const char *name)
{
    char *path = join_path(input_dir, name);
    bool exists = is_directory(path);
    free(path);
    return exists;
}

int period_find_latest(const char *input_dir, char name[8], diag_list *diags)
{
    DIR *d = opendir(input_dir);
    if (!d) {
        diag_add(diags, DIAG_ERROR, input_dir, 0, 0, "cannot open the input folder: %s",
                 strerror(errno));
        return -1;
    }
    name[0] = '\0';
    struct dirent *e;
    int y, m;
    while ((e = readdir(d))) {
        if (period_parse_name(e->d_name, &y, &m) && strcmp(e->d_name, name) > 0 &&
            period_exists(input_dir, e->d_name))
            memcpy(name, e->d_name, 8);
    }
    closedir(d);
    if (!name[0]) {
        diag_add(diags, DIAG_ERROR, input_dir, 0, 0,
                 "no period folder (YYYY-MM, such as 2024-09) in the input folder");
        return -1;
    }
    return 0;
}

static bool has_csv_extension(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

/* Spreadsheet lock files (~$x.csv), hidden files and editor backups (x.csv~) are not
 * submissions. */
static bool is_scratch_file(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || strncmp(name, "~$", 2) == 0 || (n && name[n - 1] == '~');
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The submission files of a period folder, sorted by name so every run reads them in the same
 * order. Returns NULL (after an error) when the folder cannot be read. */
static char **list_submissions(const char *dir, size_t *count, diag_list *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot open the period folder: %s",
                 strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = join_path(dir, e->d_name);
        struct stat st;
        bool regular = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
        if (is_scratch_file(e->d_name)) {
            /* silently skipped: these are made by editors, not by provinces */
        } else if (!has_csv_extension(e->d_name) || !regular) {
            diag_add(diags, DIAG_WARNING, path, 0, 0, "ignored: not a regular file named *.csv");
        } else {
            names = xgrow(names, &cap, n + 1, sizeof *names);
            names[n++] = xstrdup(path);
        }
        free(path);
    }
    closedir(d);
    qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names ? names : xcalloc(1, sizeof *names);
}

/* Two files naming one province are both in error: the secretariat must say which counts. */
static void reject_duplicates(period *p, const catalog *roster, diag_list *diags)
{
    for (size_t i = 0; i < p->n_files; i++) {
        submission *a = p->files[i];
        for (size_t j = 0; a->province >= 0 && j < p->n_files; j++) {
            submission *b = p->files[j];
            if (j != i && b->province == a->province) {
                submission_reject(a, diags,
                                  "a second file for %s in period %s: %s; one file per "
                                  "province, remove one",
                                  roster->entries[a->province].name, p->name, b->path);
                break;
            }
        }
    }
}

static void settle_states(period *p)
{
    for (size_t i = 0; i < p->n_files; i++) {
        const submission *s = p->files[i];
        if (s->province < 0)
            continue;
        if (s->rejected) {
            p->state[s->province] = PROVINCE_REJECTED;
            p->accepted[s->province] = NULL;
        } else if (p->state[s->province] == PROVINCE_MISSING) {
            p->state[s->province] = PROVINCE_VALID;
            p->accepted[s->province] = s;
        }
    }
    for (size_t r = 0; r < p->n_roster; r++)
        p->n_valid += p->state[r] == PROVINCE_VALID;
}

int period_read(period *p, const char *input_dir, const char *name, const catalog *roster,
                const catalog *contents, diag_list *diags)
{
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    period_parse_name(name, &p->year, &p->month);
    p->n_roster = roster->count;
    p->state = xcalloc(roster->count, sizeof *p->state);
    p->accepted = xcalloc(roster->count, sizeof *p->accepted);
    char *dir = join_path(input_dir, name);
    size_t n = 0;
    char **paths = list_submissions(dir, &n, diags);
    free(dir);
    if (!paths)
        return -1;
    p->files = xcalloc(n, sizeof *p->files);
    for (size_t i = 0; i < n; i++) {
        p->files[p->n_files++] = submission_read(paths[i], roster, contents, diags);
        free(paths[i]);
    }
    free(paths);
    reject_duplicates(p, roster, diags);
    settle_states(p);
    return 0;
}

void period_free(period *p)
{
    for (size_t i = 0; i < p->n_files; i++)
        submission_free(p->files[i]);
    free(p->files);
    free(p->state);
    free(p->accepted);
    memset(p, 0, sizeof *p);
}

void period_describe(const period *p, const catalog *roster, buf *out)
{
    buf_printf(out, "%s: %zu of %zu provinces valid", p->name, p->n_valid, p->n_roster);
    const char *sep = "; missing: ";
    for (size_t r = 0; r < p->n_roster; r++) {
        if (p->state[r] != PROVINCE_MISSING)
            continue;
        buf_printf(out, "%s%s", sep, roster->entries[r].name);
        sep = ", ";
    }
    sep = "; rejected: ";
    for (size_t i = 0; i < p->n_files; i++) {
        const submission *s = p->files[i];
        if (!s->rejected)
            continue;
        buf_printf(out, "%s%s (%s, %zu error%s)", sep,
                   s->province >= 0 ? roster->entries[s->province].name : "unknown province",
                   s->path, s->errors, s->errors == 1 ? "" : "s");
        sep = ", ";
    }
}
