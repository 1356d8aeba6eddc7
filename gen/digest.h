/* digest.h - SHA-256 (from Debian's nettle), as lowercase hex: the checksums journalists
 * verify with `sha256sum -c`, and the fingerprint that tells whether a run has anything new
 * to publish. */
#ifndef GEN_DIGEST_H
#define GEN_DIGEST_H

#include <stddef.h>

#include "diag.h"

enum { DIGEST_HEX_SIZE = 65 }; /* 64 hex digits and a NUL */

typedef struct digest digest;

digest *digest_new(void);
void digest_update(digest *d, const void *data, size_t len);
/* Adds a C string and its terminating NUL, so that ("ab","c") and ("a","bc") differ. */
void digest_update_string(digest *d, const char *s);
/* Adds the whole content of a file. Returns 0, or -1 after an error. */
int digest_update_file(digest *d, const char *path, diag_list *diags);
/* Writes the hex digest and frees `d`. */
void digest_finish(digest *d, char hex[DIGEST_HEX_SIZE]);

/* The SHA-256 of `len` bytes. */
void digest_bytes(const void *data, size_t len, char hex[DIGEST_HEX_SIZE]);

#endif
