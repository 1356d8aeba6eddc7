/* fuzz_fold.c - libFuzzer target: name folding and matching (fold_name, fold_nfc, catalog_find
 * against the shipped roster and catalogue).
 *
 * Properties checked, beyond "no crash, no leak, no undefined behaviour":
 * - a folded name has no ASCII capital, no space at either end and no two spaces in a row;
 * - NFC and NFD spellings fold alike and find the same entry (the contract);
 * - fold_nfc gives valid UTF-8 for valid UTF-8, and is idempotent;
 * - catalog_find gives -1 or an entry of the catalogue. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "catalog.h"
#include "fold.h"

static catalog roster, contents;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load(catalog *c, const char *dir, const char *name, catalog_kind kind)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    diag_list diags = DIAG_LIST_INIT;
    if (catalog_load(c, path, kind, &diags) != 0) {
        fprintf(stderr, "fuzz_fold: cannot load %s\n", path);
        exit(1);
    }
    diag_list_free(&diags);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("FUZZ_INPUT") ? getenv("FUZZ_INPUT") : "input";
    load(&roster, dir, "roster.csv", CATALOG_ROSTER);
    load(&contents, dir, "contents.csv", CATALOG_CONTENTS);
    return 0;
}

static void check_folded(const char *f)
{
    size_t n = strlen(f);
    assert(n == 0 || (f[0] != ' ' && f[n - 1] != ' '));
    assert(!strstr(f, "  "));
    for (size_t i = 0; i < n; i++)
        assert(!(f[i] >= 'A' && f[i] <= 'Z'));
}

static bool valid_utf8(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t c;
    for (size_t i = 0; i < len;) {
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0)
            return false;
        i += (size_t)n;
    }
    return true;
}

/* The text in NFD, or NULL when it is not valid UTF-8. */
static char *nfd(const char *s, size_t len)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
    return n < 0 ? NULL : (char *)out;
}

static void check_matching(const catalog *c, const char *s, size_t len)
{
    int found = catalog_find(c, s, len);
    assert(found >= -1 && found < (int)c->count);
    char *d = nfd(s, len);
    if (d) {
        assert(catalog_find(c, d, strlen(d)) == found);
        free(d);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char *folded = fold_name(s, size);
    check_folded(folded);
    char *d = nfd(s, size);
    if (d && !memchr(s, '\0', size)) {
        char *folded_nfd = fold_name(d, strlen(d));
        assert(strcmp(folded, folded_nfd) == 0);
        free(folded_nfd);
    }
    free(d);
    free(folded);

    char *nfc = fold_nfc(s, size);
    if (valid_utf8(s, size) && !memchr(s, '\0', size)) {
        size_t n = strlen(nfc);
        assert(valid_utf8(nfc, n));
        char *again = fold_nfc(nfc, n);
        assert(strcmp(again, nfc) == 0);
        free(again);
    }
    free(nfc);

    check_matching(&roster, s, size);
    check_matching(&contents, s, size);
    return 0;
}
