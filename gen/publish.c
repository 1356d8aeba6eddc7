#include "publish.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"

static int make_folder(const char *path, diag_list *diags)
{
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create the output folder: %s", strerror(errno));
    return -1;
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
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create: %s", strerror(errno));
        return -1;
    }
    int rc = write_all(fd, data, len) == 0 && fsync(fd) == 0 ? 0 : -1;
    if (rc != 0)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
    if (close(fd) != 0 && rc == 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
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
    int rc = fd >= 0 && fsync(fd) == 0 ? 0 : -1;
    if (rc != 0)
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot flush: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    return rc;
}

static char *path_in(const char *dir, const char *prefix, const char *name)
{
    buf b = BUF_INIT;
    buf_printf(&b, "%s/%s%s", dir, prefix, name);
    return buf_detach(&b);
}

int publish_files(const char *out_dir, const char *period, const output_file *files, size_t n,
                  diag_list *diags)
{
    char *dir = path_in(out_dir, "", period);
    int rc = make_folder(out_dir, diags) == 0 && make_folder(dir, diags) == 0 ? 0 : -1;
    char **temps = xcalloc(n, sizeof *temps);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        temps[i] = path_in(dir, ".tmp-", files[i].name);
        rc = files[i].write ? write_by_writer(temps[i], &files[i], diags)
                            : write_durably(temps[i], files[i].data, files[i].len, diags);
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char *final = path_in(dir, "", files[i].name);
        if (rename(temps[i], final) != 0) {
            diag_add(diags, DIAG_ERROR, final, 0, 0, "cannot publish: %s", strerror(errno));
            rc = -1;
        }
        free(final);
    }
    for (size_t i = 0; i < n; i++) {
        if (rc != 0 && temps[i])
            unlink(temps[i]);
        free(temps[i]);
    }
    free(temps);
    free(dir);
    return rc;
}
