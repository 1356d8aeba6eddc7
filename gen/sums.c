#include "sums.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"

static bool is_hex_digest(const char *s)
{
    for (int i = 0; i < DIGEST_HEX_SIZE - 1; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

/* One line "HEX  NAME\n" as publish.c writes it; false for anything else. */
static bool parse_line(sums *s, const char *line, size_t len)
{
    const size_t hex_len = DIGEST_HEX_SIZE - 1;
    if (len < hex_len + 3 || line[len - 1] != '\n' || !is_hex_digest(line) ||
        line[hex_len] != ' ' || line[hex_len + 1] != ' ')
        return false;
    const char *name = line + hex_len + 2;
    size_t name_len = len - hex_len - 3;
    if (memchr(name, '\0', name_len))
        return false;
    s->entries = xgrow(s->entries, &s->cap, s->count + 1, sizeof *s->entries);
    sums_entry *e = &s->entries[s->count++];
    memcpy(e->hex, line, hex_len);
    e->hex[hex_len] = '\0';
    e->name = xstrndup(name, name_len);
    return true;
}

int sums_read(const char *path, sums *out)
{
    *out = (sums){NULL, 0, 0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    bool well_formed = true;
    while (well_formed && (n = getline(&line, &cap, f)) > 0)
        well_formed = parse_line(out, line, (size_t)n);
    well_formed = well_formed && !ferror(f);
    free(line);
    fclose(f);
    if (!well_formed) {
        sums_free(out);
        return -1;
    }
    return 0;
}

void sums_free(sums *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->entries[i].name);
    free(s->entries);
    *s = (sums){NULL, 0, 0};
}

bool sums_lists(const sums *s, const char *name)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->entries[i].name, name) == 0)
            return true;
    return false;
}

bool sums_lists_folder(const sums *s, const char *dir)
{
    size_t len = strlen(dir);
    for (size_t i = 0; i < s->count; i++)
        if (strncmp(s->entries[i].name, dir, len) == 0 && s->entries[i].name[len] == '/')
            return true;
    return false;
}

bool sums_verify(const sums *s, const char *dir)
{
    bool whole = s->count > 0;
    for (size_t i = 0; whole && i < s->count; i++) {
        buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, s->entries[i].name);
        diag_list ignored = DIAG_LIST_INIT; /* a file that cannot be read is not whole: no more */
        digest *d = digest_new();
        int rc = digest_update_file(d, path.data, &ignored);
        char hex[DIGEST_HEX_SIZE];
        digest_finish(d, hex);
        whole = rc == 0 && strcmp(hex, s->entries[i].hex) == 0;
        diag_list_free(&ignored);
        buf_free(&path);
    }
    return whole;
}
