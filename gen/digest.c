#include "digest.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"

struct digest {
    struct sha256_ctx ctx;
};

digest *digest_new(void)
{
    digest *d = xmalloc(sizeof *d);
    sha256_init(&d->ctx);
    return d;
}

void digest_update(digest *d, const void *data, size_t len)
{
    sha256_update(&d->ctx, len, data);
}

void digest_update_string(digest *d, const char *s)
{
    digest_update(d, s, strlen(s) + 1);
}

int digest_update_file(digest *d, const char *path, diag_list *diags)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", i18n_strerror(errno));
        return -1;
    }
    unsigned char block[65536];
    ssize_t n;
    while ((n = read(fd, block, sizeof block)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", i18n_strerror(errno));
            close(fd);
            return -1;
        }
        digest_update(d, block, (size_t)n);
    }
    close(fd);
    return 0;
}

void digest_finish(digest *d, char hex[DIGEST_HEX_SIZE])
{
    uint8_t raw[SHA256_DIGEST_SIZE];
    sha256_digest(&d->ctx, sizeof raw, raw);
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(hex + 2 * i, 3, "%02x", raw[i]);
    free(d);
}

void digest_bytes(const void *data, size_t len, char hex[DIGEST_HEX_SIZE])
{
    digest *d = digest_new();
    digest_update(d, data, len);
    digest_finish(d, hex);
}
