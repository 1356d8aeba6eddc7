#include "period.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "alloc.h"
#include "buf.h"
#include "context.h"
#include "day.h"
#include "fold.h"
#include "roster.h"
#include "path.h"
#include "text.h"

void period_label(buf *out, int year, int month)
{
    if (month == 12)
        buf_printf(out, "năm %d", year);
    else if (month == 1)
        buf_printf(out, "tháng 1 năm %d", year);
    else
        buf_printf(out, "%d tháng năm %d", month, year);
}

const char *province_state_label(province_state s)
{
    return s == PROVINCE_VALID      ? "đã nộp"
           : s == PROVINCE_REJECTED ? "đã nhận, chưa tổng hợp được"
                                    : "chưa nộp";
}

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

void period_previous_name(const period *p, char out[8])
{
    /* Parsed names have four-digit years from 1900 and months 01-12: the modulos only tell the
     * compiler that the text fits. */
    snprintf(out, 8, "%04u-%02u", (unsigned)(p->year - 1) % 10000u, (unsigned)p->month % 100u);
}

typedef struct strings {
    char **items;
    size_t count, cap;
} strings;

static bool is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool period_exists(const char *input_dir, const char *name)
{
    char *path = path_join(input_dir, name);
    bool exists = is_directory(path);
    free(path);
    return exists;
}

/* Keeps the entries of the input folder that are period folders. */
static bool is_period_folder(const char *path, const char *name, void *context)
{
    (void)context;
    int year, month;
    return period_parse_name(name, &year, &month) && is_directory(path);
}

int period_find_latest(const char *input_dir, char name[8], diag_list *diags)
{
    size_t n = 0;
    char **names = path_list_sorted(input_dir, is_period_folder, NULL, &n);
    if (!names) {
        diag_add(diags, DIAG_ERROR, input_dir, 0, 0, "cannot open the input folder: %s",
                 i18n_strerror(errno));
        return -1;
    }
    name[0] = '\0';
    if (n > 0)
        memcpy(name, names[n - 1], 8); /* a period name: 7 characters and its '\0' */
    path_list_free(names, n);
    if (!name[0]) {
        diag_add(diags, DIAG_ERROR, input_dir, 0, 0,
                 "no period folder (YYYY-MM, such as 2024-09) in the input folder");
        return -1;
    }
    return 0;
}

char **period_list_all(const char *input_dir, size_t *count, diag_list *diags)
{
    char **names = path_list_sorted(input_dir, is_period_folder, NULL, count);
    if (!names)
        diag_add(diags, DIAG_ERROR, input_dir, 0, 0, "cannot open the input folder: %s",
                 strerror(errno));
    return names;
}

int32_t period_last_day(const period *p)
{
    return day_last_of_month(p->year, p->month);
}

static bool has_extension(const char *name, const char *extension)
{
    size_t n = strlen(name), e = strlen(extension);
    return n > e && strcasecmp(name + n - e, extension) == 0;
}

/* True when the name is valid UTF-8 without a character text may not hold (text.h): any
 * other name would be printed raw into diagnostics and the documents, where a line break could
 * forge a line, U+202E show another name, and U+FFFF break the annex. */
static bool is_printable_name(const char *name)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
    utf8proc_int32_t c;
    while (*p) {
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
        if (n <= 0 || c < 0x20 || text_is_forbidden((uint32_t)c))
            return false;
        p += n;
    }
    return true;
}

/* Appends `name` in quotes with every byte that is not UTF-8 as \xHH and every character text
 * may not hold as U+XXXX, so that the name can be told without being shown. */
static void quote_raw_name(buf *out, const char *name)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
    buf_putc(out, '\'');
    while (*p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
        if (n <= 0 || c < 0x20 || (text_is_forbidden((uint32_t)c) && c < 0xA0)) {
            for (utf8proc_ssize_t k = 0; k < (n > 0 ? n : 1); k++)
                buf_printf(out, "\\x%02X", p[k]);
            p += n > 0 ? n : 1;
            continue;
        }
        if (text_is_forbidden((uint32_t)c))
            buf_printf(out, "U+%04X", (unsigned)c);
        else
            buf_append(out, (const char *)p, (size_t)n);
        p += n;
    }
    buf_putc(out, '\'');
}

/* Why a file of the period folder is not a submission, or NULL when it is one. Files left by
 * editors and spreadsheets (lock files ~$x.csv, hidden files such as LibreOffice's .~lock.x.csv#,
 * backups x.csv~) and anything but a regular file: a symbolic link could lead anywhere, a FIFO
 * would block the run, a device never ends. `st` comes from lstat: links are not followed. */
static const char *reason_to_skip(const char *name, const struct stat *st)
{
    if (strncmp(name, "~$", 2) == 0)
        return N_("ignored: a spreadsheet's lock file (the workbook is open in Excel)");
    if (name[0] == '.')
        return N_("ignored: a hidden file");
    if (name[strlen(name) - 1] == '~')
        return N_("ignored: an editor's backup copy");
    if (!st)
        return N_("ignored: cannot be examined");
    if (S_ISLNK(st->st_mode))
        return N_("ignored: a symbolic link; only regular files are read (put the file itself "
                  "in the folder)");
    if (S_ISDIR(st->st_mode))
        return N_("ignored: a folder; submissions are the .csv files directly in the period "
                  "folder");
    if (!S_ISREG(st->st_mode))
        return N_("ignored: not a regular file (a FIFO, device or socket)");
    if (has_extension(name, ".xlsx") || has_extension(name, ".xls"))
        return N_("ignored: a workbook, not a .csv file; save it as CSV UTF-8");
    if (!has_extension(name, ".csv"))
        return N_("ignored: not a .csv file");
    return NULL;
}

static void skip_unprintable_name(const char *dir, const char *name, diag_list *diags)
{
    buf quoted = BUF_INIT;
    quote_raw_name(&quoted, name);
    diag_add(diags, DIAG_WARNING, dir, 0, 0,
             "ignored: the file %s, whose name holds control, invisible or direction-changing "
             "characters or is not UTF-8; rename it",
             quoted.data);
    buf_free(&quoted);
}

/* The path of the entry `name` of folder `dir` when it is a submission; else NULL after a
 * warning saying why not. */
static char *submission_path(const char *dir, const char *name, diag_list *diags)
{
    if (strcmp(name, CONTEXT_FILE) == 0)
        return NULL; /* the period's own text (context.h), read on its own */
    if (!is_printable_name(name)) {
        skip_unprintable_name(dir, name, diags);
        return NULL;
    }
    char *path = path_join(dir, name);
    struct stat st;
    const char *why = reason_to_skip(name, lstat(path, &st) == 0 ? &st : NULL);
    if (why) {
        diag_add_texts(diags, DIAG_WARNING, path, 0, 0,
                       (const char *const[]){i18n_text(I18N_EN, why), i18n_text(I18N_VI, why)});
        free(path);
        return NULL;
    }
    return path;
}

static void push(strings *list, char *s)
{
    list->items = xgrow(list->items, &list->cap, list->count + 1, sizeof *list->items);
    list->items[list->count++] = s;
}

/* The paths of the submission files of a period folder, in name order. Returns NULL (after an
 * error) when the folder cannot be read. */
static char **list_submissions(const char *dir, size_t *count, diag_list *diags)
{
    /* Sorted, so that every run reads the files and reports the ones it skips in the same
     * order. */
    size_t n = 0;
    char **names = path_list_sorted(dir, NULL, NULL, &n);
    if (!names) {
        diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot open the period folder: %s",
                 i18n_strerror(errno));
        return NULL;
    }
    strings paths = {NULL, 0, 0};
    for (size_t i = 0; i < n; i++) {
        char *path = submission_path(dir, names[i], diags);
        if (path)
            push(&paths, path);
    }
    path_list_free(names, n);
    *count = paths.count;
    return paths.items ? paths.items : xcalloc(1, sizeof *paths.items);
}

/* The submissions of a folder, read on as many threads as there are cores (files are
 * independent): each file gets its own diagnostics, joined in file order afterwards, so the
 * output does not depend on which thread read what. */
typedef struct read_job {
    char **paths;
    size_t n;
    const catalog *roster;
    const catalog *contents;
    submission_keep keep;
    submission **out;
    diag_list *diags;   /* one list per file */
    atomic_size_t next; /* the next file to take */
} read_job;

enum { MAX_READERS = 8 };

static void *read_files(void *context)
{
    read_job *job = context;
    for (size_t i; (i = atomic_fetch_add(&job->next, 1)) < job->n;)
        job->out[i] = submission_read_keeping(job->paths[i], job->roster, job->contents, job->keep,
                                              &job->diags[i]);
    return NULL;
}

static size_t reader_count(size_t files)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cores > 1 ? (size_t)cores : 1;
    n = n < MAX_READERS ? n : MAX_READERS;
    return n < files ? n : files;
}

static void read_all(read_job *job, diag_list *diags)
{
    job->diags = xcalloc(job->n, sizeof *job->diags);
    pthread_t helpers[MAX_READERS];
    size_t started = 0, wanted = reader_count(job->n);
    /* A helper that cannot be started leaves its share to the others: slower, not wrong. */
    while (started + 1 < wanted && pthread_create(&helpers[started], NULL, read_files, job) == 0)
        started++;
    read_files(job);
    for (size_t i = 0; i < started; i++)
        pthread_join(helpers[i], NULL);
    for (size_t i = 0; i < job->n; i++)
        diag_list_append(diags, &job->diags[i]);
    free(job->diags);
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
                                  roster->entries[a->province].name, p->name, path_base(b->path));
                break;
            }
        }
    }
}

/* Notes province `entry` as named; `*found` becomes -2 once two provinces are. */
static void note_named(int entry, int *found)
{
    if (entry < 0 || *found == -2 || *found == entry)
        return;
    *found = *found == -1 ? entry : -2;
}

static bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The runs of letters of a folded name, each as an offset and a length. */
typedef struct letter_runs {
    size_t start[64], len[64];
    size_t count;
} letter_runs;

static void find_letter_runs(const char *folded, letter_runs *runs)
{
    runs->count = 0;
    for (size_t i = 0; folded[i] && runs->count < 64;) {
        if (!is_ascii_letter(folded[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (is_ascii_letter(folded[i]))
            i++;
        runs->start[runs->count] = start;
        runs->len[runs->count++] = i - start;
    }
}

/* True when some consecutive whole runs of `file` spell `name` (a folded name, its spaces
 * ignored): "ca mau" is in "bao cao khuyen cong ca mau 9thang", "ba ria vung tau" in
 * "bariavungtau 9t2024"; "an giang" is not in "sct tien giang". */
static bool runs_spell(const char *file, const letter_runs *runs, const char *name)
{
    char spelled[256];
    size_t n = 0;
    for (const char *c = name; *c && n + 1 < sizeof spelled; c++) {
        if (*c >= '0' && *c <= '9')
            return false; /* codes are matched as numbers */
        if (is_ascii_letter(*c))
            spelled[n++] = *c;
    }
    spelled[n] = '\0';
    if (n == 0)
        return false;
    for (size_t first = 0; first < runs->count; first++) {
        size_t at = 0;
        for (size_t k = first; k < runs->count && at < n; k++) {
            if (runs->len[k] > n - at || memcmp(file + runs->start[k], spelled + at, runs->len[k]))
                break;
            at += runs->len[k];
            if (at == n)
                return true;
        }
    }
    return false;
}

int period_province_named_by(const char *file_name, const catalog *roster)
{
    const char *base = path_base(file_name);
    size_t len = strlen(base);
    if (has_extension(base, ".csv"))
        len -= 4;
    int found = -1;
    /* Codes: each run of digits on its own. */
    for (size_t i = 0; i < len;) {
        if (base[i] < '0' || base[i] > '9') {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && base[i] >= '0' && base[i] <= '9')
            i++;
        note_named(catalog_find(roster, base + start, i - start), &found);
    }
    /* Names and aliases, on whole words. */
    char *folded = fold_name(base, len);
    letter_runs runs;
    find_letter_runs(folded, &runs);
    for (size_t i = 0; i < roster->n_names; i++)
        if (runs_spell(folded, &runs, roster->names[i].folded))
            note_named(roster->names[i].entry, &found);
    free(folded);
    return found >= 0 ? found : -1;
}

/* Which province each file stands for: its rows', else its name's (period.h). */
static void attribute_files(period *p, const catalog *roster)
{
    p->file_province = xcalloc(p->n_files ? p->n_files : 1, sizeof *p->file_province);
    for (size_t i = 0; i < p->n_files; i++) {
        const submission *s = p->files[i];
        p->file_province[i] = s->province >= 0 ? s->province
                                               : period_province_named_by(s->path, roster);
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
    /* Files told by their name only: received, so not missing, but not counted; a valid file
     * of the same province (read after, or before) still counts. */
    for (size_t i = 0; i < p->n_files; i++) {
        int named = p->files[i]->province < 0 ? p->file_province[i] : -1;
        if (named >= 0 && p->state[named] == PROVINCE_MISSING)
            p->state[named] = PROVINCE_REJECTED;
    }
    for (size_t r = 0; r < p->n_roster; r++)
        p->n_valid += p->state[r] == PROVINCE_VALID;
}

int period_read(period *p, const char *input_dir, const char *name, const catalog *roster,
                const catalog *contents, diag_list *diags)
{
    return period_read_keeping(p, input_dir, name, roster, contents, SUBMISSION_KEEP_LINES, diags);
}

int period_read_keeping(period *p, const char *input_dir, const char *name, const catalog *roster,
                        const catalog *contents, submission_keep keep, diag_list *diags)
{
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    p->input_dir = input_dir;
    period_parse_name(name, &p->year, &p->month);
    if (roster->has_history && !roster->full) {
        p->own_roster = xcalloc(1, sizeof *p->own_roster);
        roster_on_day(roster, period_last_day(p), p->own_roster);
        roster = p->own_roster;
    }
    p->n_roster = roster->count;
    p->roster = roster;
    p->state = xcalloc(roster->count, sizeof *p->state);
    p->accepted = xcalloc(roster->count, sizeof *p->accepted);
    char *dir = path_join(input_dir, name);
    size_t n = 0;
    char **paths = list_submissions(dir, &n, diags);
    free(dir);
    if (!paths)
        return -1;
    p->files = xcalloc(n, sizeof *p->files);
    read_all(&(read_job){paths, n, roster, contents, keep, p->files, NULL, 0}, diags);
    p->n_files = n;
    for (size_t i = 0; i < n; i++) {
        p->files[i]->name = path_inside(p->files[i]->path, input_dir);
        free(paths[i]);
    }
    free(paths);
    reject_duplicates(p, roster, diags);
    attribute_files(p, roster);
    settle_states(p);
    return 0;
}

bool period_complete(const period *p)
{
    return p->n_valid == p->n_roster && p->n_files == p->n_valid;
}

void period_free(period *p)
{
    for (size_t i = 0; i < p->n_files; i++)
        submission_free(p->files[i]);
    free(p->files);
    free(p->state);
    free(p->accepted);
    free(p->file_province);
    if (p->own_roster) {
        catalog_free(p->own_roster);
        free(p->own_roster);
    }
    memset(p, 0, sizeof *p);
}

void period_describe(const period *p, const catalog *roster, buf *out)
{
    if (p->roster)
        roster = p->roster;
    buf_printf(out, _("%s: %zu of %zu provinces valid"), p->name, p->n_valid, p->n_roster);
    const char *sep = _("; missing: ");
    for (size_t r = 0; r < p->n_roster; r++) {
        if (p->state[r] != PROVINCE_MISSING)
            continue;
        buf_printf(out, "%s%s", sep, roster->entries[r].name);
        sep = ", ";
    }
    sep = _("; rejected: ");
    for (size_t i = 0; i < p->n_files; i++) {
        const submission *s = p->files[i];
        if (!s->rejected)
            continue;
        int province = p->file_province ? p->file_province[i] : s->province;
        const char *name = province >= 0 ? roster->entries[province].name : _("unknown province");
        if (s->errors == 1)
            buf_printf(out, _("%s%s (%s, %zu error)"), sep, name, s->path, s->errors);
        else
            buf_printf(out, _("%s%s (%s, %zu errors)"), sep, name, s->path, s->errors);
        sep = ", ";
    }
}
