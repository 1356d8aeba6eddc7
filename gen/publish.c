#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE: the atomic swap of two folders */
#include "publish.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "guard.h"
#include "path.h"
#include "sums.h"

/* Published files and folders are read by a web server running as another user: their modes
 * are set, not left to the umask (under umask 027 the server could read nothing). */
enum { PUBLISHED_FILE_MODE = 0644, PUBLISHED_FOLDER_MODE = 0755 };

/* Makes a folder unless it exists; one it makes gets the published mode. */
static int make_folder(const char *path, diag_list *diags)
{
    if (mkdir(path, PUBLISHED_FOLDER_MODE) == 0) {
        if (chmod(path, PUBLISHED_FOLDER_MODE) == 0)
            return 0;
    } else if (errno == EEXIST) {
        return 0;
    }
    diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create the folder: %s", i18n_strerror(errno));
    return -1;
}

/* Flushes a folder's entries (new names, renames) to disk. */
static int sync_folder(const char *path, diag_list *diags)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;
    if (rc != 0)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot flush the folder: %s",
                 i18n_strerror(errno));
    if (fd >= 0)
        close(fd);
    return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes `len` bytes to a new file at `path` and flushes it to disk. */
static int write_durably(const char *path, const char *data, size_t len, diag_list *diags)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, PUBLISHED_FILE_MODE);
    if (fd < 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create: %s", i18n_strerror(errno));
        return -1;
    }
    int rc = fchmod(fd, PUBLISHED_FILE_MODE) == 0 && write_all(fd, data, len) == 0 && fsync(fd) == 0
                 ? 0
                 : -1;
    if (rc != 0)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", i18n_strerror(errno));
    if (close(fd) != 0 && rc == 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", i18n_strerror(errno));
        rc = -1;
    }
    return rc;
}

/* Lets the writer make the file, then flushes it to disk like the others. */
static int write_by_writer(const char *path, const output_file *file, diag_list *diags)
{
    if (file->write(path, file->context, diags) != 0)
        return -1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int rc = fd >= 0 && fchmod(fd, PUBLISHED_FILE_MODE) == 0 && fsync(fd) == 0 ? 0 : -1;
    if (rc != 0)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot flush: %s", i18n_strerror(errno));
    if (fd >= 0)
        close(fd);
    return rc;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

/* Removes a folder of ours and everything in it, following no link. */
static int remove_tree(const char *path)
{
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A folder a run made beside a period or programme folder: ".YYYY-MM.new-XXXXXX" or
 * ".CODE.new-XXXXXX" (being written, or killed while being written) or the same after the swap,
 * holding the previous publication. CODE is a period's or a programme's code: letters, digits,
 * '-' and '_'. */
static bool is_leftover(const char *name)
{
    if (name[0] != '.')
        return false;
    const char *p = name + 1;
    while ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
           *p == '-' || *p == '_')
        p++;
    return p > name + 1 && strncmp(p, ".new-", 5) == 0 && strlen(p + 5) == 6;
}

static void remove_leftovers(const char *out_dir)
{
    DIR *d = opendir(out_dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_leftover(e->d_name))
            continue;
        char *path = path_join(out_dir, e->d_name);
        remove_tree(path);
        free(path);
    }
    closedir(d);
}

/* Creates the folders a name like "data/provinces.csv" needs inside `dir`. */
static int make_parents(const char *dir, const char *name, diag_list *diags)
{
    for (const char *slash = strchr(name, '/'); slash; slash = strchr(slash + 1, '/')) {
        buf sub = BUF_INIT;
        buf_printf(&sub, "%s/%.*s", dir, (int)(slash - name), name);
        int rc = make_folder(sub.data, diags);
        buf_free(&sub);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static int compare_by_name(const void *a, const void *b)
{
    return strcmp((*(const output_file *const *)a)->name, (*(const output_file *const *)b)->name);
}

/* True when the open file `fd` holds exactly the `len` bytes `data`. */
static bool holds_bytes(int fd, const char *data, size_t len)
{
    char block[65536];
    size_t at = 0;
    while (at < len) {
        ssize_t n = read(fd, block, sizeof block);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || (size_t)n > len - at || memcmp(block, data + at, (size_t)n) != 0)
            return false;
        at += (size_t)n;
    }
    return read(fd, block, 1) == 0;
}

/* Links the file `name` of the publication being replaced (`previous`) at `path` when it holds
 * exactly `len` bytes `data`, rather than writing them again: its bytes were flushed when it was
 * published, and the swap then frees nothing of it. Only a regular file of the published mode
 * with no other name qualifies; a damaged or changed one is written afresh. */
static bool link_unchanged(const char *previous, const char *name, const char *path,
                           const char *data, size_t len)
{
    if (!previous)
        return false;
    char *old = path_join(previous, name);
    int fd = open(old, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    bool same = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
                (st.st_mode & 07777) == PUBLISHED_FILE_MODE && (uint64_t)st.st_size == len &&
                holds_bytes(fd, data, len);
    if (fd >= 0)
        close(fd);
    same = same && link(old, path) == 0;
    free(old);
    return same;
}

/* Writes one file into `dir` (or links it from `previous`, unchanged), flushed to disk, and
 * its SHA-256 into `hex`. */
static int write_one(const char *dir, const char *previous, const output_file *f,
                     char hex[DIGEST_HEX_SIZE], diag_list *diags)
{
    char *path = path_join(dir, f->name);
    int rc = make_parents(dir, f->name, diags);
    if (rc == 0 && f->write) {
        digest *d = digest_new();
        rc = write_by_writer(path, f, diags);
        if (rc == 0)
            rc = digest_update_file(d, path, diags);
        digest_finish(d, hex);
    } else if (rc == 0) {
        size_t len = f->len;
        const char *data = f->bytes ? f->bytes(f->context, &len, diags) : f->data;
        if (!data)
            rc = -1;
        else if (!link_unchanged(previous, f->name, path, data, len))
            rc = write_durably(path, data, len, diags);
        if (data)
            digest_bytes(data, len, hex);
    }
    free(path);
    return rc;
}

/* The files of a period, written by a few threads that take them in name order: the annex, by
 * far the longest, comes first, so one thread writes it while the others write the rest. */
typedef struct write_job {
    const char *dir;
    const char *previous; /* the publication being replaced, or NULL */
    const output_file **sorted;
    size_t n;
    char (*hex)[DIGEST_HEX_SIZE];
    diag_list *diags; /* one list per file, joined in name order */
    atomic_size_t next;
    atomic_bool failed;
} write_job;

static void *write_files(void *context)
{
    write_job *job = context;
    for (size_t i; !atomic_load(&job->failed) && (i = atomic_fetch_add(&job->next, 1)) < job->n;)
        if (write_one(job->dir, job->previous, job->sorted[i], job->hex[i], &job->diags[i]) != 0)
            atomic_store(&job->failed, true);
    return NULL;
}

/* Threads beside this one. Most of a period's files are small and the time goes to waiting for
 * each one's fsync: flushes in flight together share the file system's journal commits. */
enum { WRITE_HELPERS = 3 };

static void run_write_job(write_job *job)
{
    pthread_t helpers[WRITE_HELPERS];
    bool helped[WRITE_HELPERS];
    /* A helper that cannot be started leaves its files to the others: slower, not wrong. */
    for (int i = 0; i < WRITE_HELPERS; i++)
        helped[i] = pthread_create(&helpers[i], NULL, write_files, job) == 0;
    write_files(job);
    for (int i = 0; i < WRITE_HELPERS; i++)
        if (helped[i])
            pthread_join(helpers[i], NULL);
}

/* Writes the files and SHA256SUMS (names sorted, as `sha256sum` writes them) into `dir`, and
 * `unlisted` (the fingerprint), which SHA256SUMS does not list, beside them. */
static int write_contents(const char *dir, const char *previous, const output_file *files, size_t n,
                          const output_file *unlisted, diag_list *diags)
{
    const output_file **sorted = xcalloc(n + 1, sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        sorted[i] = &files[i];
    qsort(sorted, n, sizeof *sorted, compare_by_name);
    sorted[n] = unlisted; /* last: the annex, first by name, starts at once */
    write_job job = {dir,
                     previous,
                     sorted,
                     n + 1,
                     xcalloc(n + 1, sizeof *job.hex),
                     xcalloc(n + 1, sizeof *job.diags),
                     0,
                     false};
    run_write_job(&job);
    diag_list_append(diags, &job.diags[n]);
    buf listing = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        diag_list_append(diags, &job.diags[i]);
        buf_printf(&listing, "%s  %s\n", job.hex[i], sorted[i]->name);
    }
    int rc = atomic_load(&job.failed) ? -1 : 0;
    if (rc == 0) {
        char *path = path_join(dir, PUBLISH_SUMS_FILE);
        rc = write_durably(path, listing.data ? listing.data : "", listing.len, diags);
        free(path);
    }
    buf_free(&listing);
    free(job.diags);
    free(job.hex);
    free(sorted);
    return rc;
}

/* True when an earlier file than files[i] is in the same subfolder: it was flushed already. */
static bool folder_seen(const output_file *files, size_t i, size_t folder_len)
{
    for (size_t k = 0; k < i; k++) {
        const char *slash = strrchr(files[k].name, '/');
        if (slash && (size_t)(slash - files[k].name) == folder_len &&
            strncmp(files[k].name, files[i].name, folder_len) == 0)
            return true;
    }
    return false;
}

static int sync_subfolders(const char *dir, const output_file *files, size_t n, diag_list *diags)
{
    for (size_t i = 0; i < n; i++) {
        const char *slash = strrchr(files[i].name, '/');
        if (!slash || folder_seen(files, i, (size_t)(slash - files[i].name)))
            continue;
        buf sub = BUF_INIT;
        buf_printf(&sub, "%s/%.*s", dir, (int)(slash - files[i].name), files[i].name);
        int rc = sync_folder(sub.data, diags);
        buf_free(&sub);
        if (rc != 0)
            return -1;
    }
    return sync_folder(dir, diags);
}

/* Puts the complete `staging` folder in the place of `final` in one step; the previous
 * publication, if any, ends up at `staging` and is removed. */
static int swap_in(const char *staging, const char *final, const char *out_dir, diag_list *diags)
{
    struct stat st;
    bool exists = lstat(final, &st) == 0;
    int rc = exists ? renameat2(AT_FDCWD, staging, AT_FDCWD, final, RENAME_EXCHANGE)
                    : rename(staging, final);
    if (rc != 0) {
        diag_add(diags, DIAG_ERROR, final, 0, 0, "cannot publish: %s", i18n_strerror(errno));
        return -1;
    }
    if (sync_folder(out_dir, diags) != 0)
        return -1;
    if (exists)
        remove_tree(staging);
    return 0;
}

int publish_period(const char *out_dir, const char *period, const output_file *files, size_t n,
                   const char *fingerprint, diag_list *diags)
{
    if (guard_period_folder(out_dir, period, diags) != 0)
        return -1;
    buf staging = BUF_INIT;
    buf_printf(&staging, "%s/.%s.new-XXXXXX", out_dir, period);
    if (!mkdtemp(staging.data)) {
        diag_add(diags, DIAG_ERROR, staging.data, 0, 0, "cannot create: %s", i18n_strerror(errno));
        buf_free(&staging);
        return -1;
    }
    /* mkdtemp makes the folder private; a published folder is read by the web server. */
    int rc = chmod(staging.data, PUBLISHED_FOLDER_MODE);
    if (rc != 0)
        diag_add(diags, DIAG_ERROR, staging.data, 0, 0, "cannot open the folder to readers: %s",
                 i18n_strerror(errno));
    buf line = BUF_INIT;
    buf_printf(&line, "%s\n", fingerprint);
    output_file fingerprint_file = output_data(GUARD_PUBLICATION_MARK, line.data, line.len);
    char *final = path_join(out_dir, period);
    struct stat st;
    const char *previous = lstat(final, &st) == 0 && S_ISDIR(st.st_mode) ? final : NULL;
    if (rc == 0)
        rc = write_contents(staging.data, previous, files, n, &fingerprint_file, diags);
    buf_free(&line);
    if (rc == 0)
        rc = sync_subfolders(staging.data, files, n, diags);
    if (rc == 0)
        rc = swap_in(staging.data, final, out_dir, diags);
    if (rc != 0)
        remove_tree(staging.data);
    free(final);
    buf_free(&staging);
    return rc;
}

/* The fingerprint the published out_dir/period was made from, or "" when there is none. */
static void read_fingerprint(const char *folder, char fingerprint[DIGEST_HEX_SIZE])
{
    fingerprint[0] = '\0';
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", folder, GUARD_PUBLICATION_MARK);
    FILE *f = fopen(path.data, "r");
    buf_free(&path);
    if (!f)
        return;
    if (!fgets(fingerprint, DIGEST_HEX_SIZE, f) || strlen(fingerprint) != DIGEST_HEX_SIZE - 1)
        fingerprint[0] = '\0';
    fclose(f);
}

bool publish_is_current(const char *out_dir, const char *period,
                        const char fingerprint[DIGEST_HEX_SIZE])
{
    buf folder = BUF_INIT, list = BUF_INIT;
    buf_printf(&folder, "%s/%s", out_dir, period);
    buf_printf(&list, "%s/%s", folder.data, PUBLISH_SUMS_FILE);
    char published[DIGEST_HEX_SIZE];
    read_fingerprint(folder.data, published);
    bool current = strcmp(published, fingerprint) == 0;
    sums listed;
    if (current) {
        current = sums_read(list.data, &listed) == 0 && sums_verify(&listed, folder.data);
        sums_free(&listed);
    }
    buf_free(&folder);
    buf_free(&list);
    return current;
}

static bool holds_exactly(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char block[65536];
    size_t offset = 0, n;
    bool same = true;
    while (same && (n = fread(block, 1, sizeof block, f)) > 0) {
        same = offset + n <= len && memcmp(block, data + offset, n) == 0;
        offset += n;
    }
    same = same && !ferror(f) && offset == len;
    fclose(f);
    return same;
}

int publish_top_file(const char *out_dir, const char *name, const char *data, size_t len,
                     diag_list *diags)
{
    char *final = path_join(out_dir, name);
    if (holds_exactly(final, data, len)) {
        free(final);
        return 0;
    }
    buf temp = BUF_INIT;
    buf_printf(&temp, "%s/.%s.new", out_dir, name);
    int rc = write_durably(temp.data, data, len, diags);
    if (rc == 0 && rename(temp.data, final) != 0) {
        diag_add(diags, DIAG_ERROR, final, 0, 0, "cannot publish: %s", i18n_strerror(errno));
        rc = -1;
    }
    if (rc == 0)
        rc = sync_folder(out_dir, diags);
    else
        unlink(temp.data);
    free(final);
    buf_free(&temp);
    return rc;
}

int publish_lock(const char *out_dir, int wait_seconds, diag_list *diags)
{
    if (make_folder(out_dir, diags) != 0)
        return -1;
    char *path = path_join(out_dir, GUARD_LOCK_FILE);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open the lock: %s", i18n_strerror(errno));
        free(path);
        return -1;
    }
    for (int waited = 0;; waited++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            break;
        if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= wait_seconds) {
            diag_add(diags, DIAG_ERROR, path, 0, 0,
                     "another gen run is publishing into %s (waited %d s for its lock); try "
                     "again later or raise --wait",
                     out_dir, waited);
            close(fd);
            fd = -1;
            break;
        }
        sleep(1);
    }
    free(path);
    /* Whatever a killed run left is removed by the next run that holds the lock, whether or
     * not it finds anything to publish. */
    if (fd >= 0)
        remove_leftovers(out_dir);
    return fd;
}

void publish_unlock(int lock)
{
    if (lock >= 0)
        close(lock);
}
