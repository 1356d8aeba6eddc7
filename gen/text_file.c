/* text_file.c - reading a whole file into memory within a size limit, optionally only a regular
 * file (text_read_file_limited, text_read_file in text.h). The caller owns the bytes read. */
#include "i18n.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"

/* Names what a file that is not a regular file is, for messages (in English: see i18n.h). */
static const char *file_kind(mode_t mode)
{
    if (S_ISLNK(mode))
        return N_("a symbolic link");
    if (S_ISDIR(mode))
        return N_("a folder");
    if (S_ISFIFO(mode))
        return N_("a FIFO (named pipe)");
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return N_("a device");
    if (S_ISSOCK(mode))
        return N_("a socket");
    return N_("not a regular file");
}

/* Closes `fd` and frees `data` after a failure, keeping the errno of that failure. */
static text_read_status fail_reading(int fd, unsigned char *data)
{
    int saved = errno;
    free(data);
    if (fd >= 0)
        close(fd);
    errno = saved;
    return TEXT_READ_FAILED;
}

/* Reads `fd` to its end into a buffer of `cap` bytes to start with (the file's size plus room for
 * the NUL and for the read that sees the end, so a regular file is read without reallocating).
 * Never reads more than max_size + 1 bytes: a file that grows, or whose size is unknown (a /proc
 * file), is refused as soon as it passes the limit. */
static text_read_status read_to_end(int fd, size_t cap, size_t max_size, unsigned char **data,
                                    size_t *len)
{
    unsigned char *p = xmalloc(cap);
    size_t used = 0;
    for (;;) {
        if (used > max_size) {
            free(p);
            *len = used;
            return TEXT_READ_TOO_LARGE;
        }
        if (used + 1 == cap)
            p = xgrow(p, &cap, cap + 1, 1);
        size_t room = cap - 1 - used;
        if (max_size - used < room)
            room = max_size - used + 1;
        ssize_t n = read(fd, p + used, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail_reading(-1, p);
        if (n == 0)
            break;
        used += (size_t)n;
    }
    p[used] = '\0';
    *data = p;
    *len = used;
    return TEXT_READ_OK;
}

/* With O_NOFOLLOW, open fails with ELOOP on a symbolic link; lstat tells it from a loop of links
 * in the folders above. */
static bool is_symbolic_link(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

text_read_status text_read_file_limited(const char *path, size_t max_size, bool regular_only,
                                        unsigned char **data, size_t *len, const char **kind)
{
    *data = NULL;
    *len = 0;
    if (kind)
        *kind = NULL;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NOFOLLOW | O_NONBLOCK : 0));
    if (fd < 0 && regular_only && errno == ELOOP && is_symbolic_link(path)) {
        if (kind)
            *kind = file_kind(S_IFLNK);
        return TEXT_READ_NOT_REGULAR;
    }
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        return fail_reading(fd, NULL);
    if (regular_only && !S_ISREG(st.st_mode)) {
        close(fd);
        if (kind)
            *kind = file_kind(st.st_mode);
        return TEXT_READ_NOT_REGULAR;
    }
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return fail_reading(fd, NULL);
    }
    size_t cap = 4096;
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((uintmax_t)st.st_size > max_size) {
            close(fd);
            *len = (uintmax_t)st.st_size > SIZE_MAX ? SIZE_MAX : (size_t)st.st_size;
            return TEXT_READ_TOO_LARGE;
        }
        cap = (size_t)st.st_size + 2;
    }
    text_read_status status = read_to_end(fd, cap, max_size, data, len);
    if (status == TEXT_READ_FAILED)
        return fail_reading(fd, NULL);
    if (close(fd) != 0 && status == TEXT_READ_OK) {
        int saved = errno;
        free(*data);
        *data = NULL;
        *len = 0;
        errno = saved;
        return TEXT_READ_FAILED;
    }
    return status;
}

int text_read_file(const char *path, unsigned char **data, size_t *len)
{
    return text_read_file_limited(path, SIZE_MAX - 2, false, data, len, NULL) == TEXT_READ_OK ? 0
                                                                                              : -1;
}
