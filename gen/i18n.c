#include "i18n.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"

/* Where `make install` puts the catalogue (share/locale under PREFIX); the Makefile sets it. */
#ifndef GEN_LOCALEDIR
#define GEN_LOCALEDIR "/usr/local/share/locale"
#endif

#define CATALOGUE "vi/LC_MESSAGES/gen.mo"

typedef struct entry {
    const char *msgid;
    const char *msgstr;
} entry;

static struct {
    unsigned char *bytes;
    size_t len;
    entry *entries; /* sorted by msgid */
    size_t count;
    char *path;
} catalogue;

static i18n_lang stderr_lang = I18N_EN;

/* The catalogue's 32-bit word at `offset`, in the byte order its magic number says. */
static bool word_at(size_t offset, bool swap, uint32_t *out)
{
    if (offset > catalogue.len || catalogue.len - offset < 4)
        return false;
    const unsigned char *p = catalogue.bytes + offset;
    *out = swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
    return true;
}

/* The string of table entry `i` (length, then offset): NULL unless it lies within the file and
 * ends with a NUL. */
static const char *string_at(uint32_t table, uint32_t i, bool swap)
{
    uint32_t len, offset;
    if (!word_at((size_t)table + (size_t)i * 8, swap, &len) ||
        !word_at((size_t)table + (size_t)i * 8 + 4, swap, &offset))
        return NULL;
    if (offset > catalogue.len || catalogue.len - offset <= len || catalogue.bytes[offset + len])
        return NULL;
    return (const char *)catalogue.bytes + offset;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->msgid, ((const entry *)b)->msgid);
}

/* Indexes the catalogue read into `catalogue.bytes`: the header, then every pair of strings.
 * Returns -1 if it is not a .mo file (nothing is then translated). */
static int index_catalogue(void)
{
    uint32_t magic, revision, n, originals, translations;
    if (!word_at(0, false, &magic))
        return -1;
    bool swap = magic == 0xde120495u;
    if (!swap && magic != 0x950412deu)
        return -1;
    if (!word_at(4, swap, &revision) || revision >> 16 != 0 || !word_at(8, swap, &n) ||
        !word_at(12, swap, &originals) || !word_at(16, swap, &translations) ||
        n > catalogue.len / 8)
        return -1;
    catalogue.entries = xcalloc(n ? n : 1, sizeof *catalogue.entries);
    for (uint32_t i = 0; i < n; i++) {
        const char *id = string_at(originals, i, swap), *str = string_at(translations, i, swap);
        if (!id || !str)
            return -1;
        /* The header (msgid "") and untranslated entries are left out: their text is the
         * msgid. */
        if (*id && *str)
            catalogue.entries[catalogue.count++] = (entry){id, str};
    }
    qsort(catalogue.entries, catalogue.count, sizeof *catalogue.entries, compare_entries);
    return 0;
}

static int load(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    buf b = BUF_INIT;
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, got);
    bool failed = ferror(f);
    fclose(f);
    catalogue.len = b.len;
    catalogue.bytes = (unsigned char *)buf_detach(&b);
    if (failed || index_catalogue() != 0) {
        i18n_release();
        return -1;
    }
    catalogue.path = xstrdup(path);
    return 0;
}

/* The folder of the running program ("/src/gen/gen" -> "/src/gen"), or "" if unknown. */
static void program_dir(buf *out)
{
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0)
        return;
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    if (slash)
        buf_append(out, path, (size_t)(slash - path));
}

/* A language name of LANGUAGE or a locale ("vi", "vi_VN.UTF-8", "vi@x") that is Vietnamese. */
static bool is_vietnamese(const char *name, size_t len)
{
    return len >= 2 && name[0] == 'v' && name[1] == 'i' &&
           (len == 2 || name[2] == '_' || name[2] == '.' || name[2] == '@');
}

static bool is_english(const char *name, size_t len)
{
    return (len >= 2 && name[0] == 'e' && name[1] == 'n' &&
            (len == 2 || name[2] == '_' || name[2] == '.' || name[2] == '@')) ||
           (len == 1 && name[0] == 'C') || (len >= 2 && name[0] == 'C' && name[1] == '.') ||
           (len == 5 && memcmp(name, "POSIX", 5) == 0);
}

i18n_lang i18n_choose(const char *language, const char *lc_all, const char *lc_messages,
                      const char *lang)
{
    /* LANGUAGE is a list of languages by preference ("fr:vi"): the first that gen has wins.
     * gettext skips LANGUAGE when the locale is "C"; gen does not, so that LANGUAGE=vi works
     * wherever it is set, which is what a province officer is told to write. */
    if (language && *language) {
        for (const char *p = language; *p;) {
            size_t len = strcspn(p, ":");
            if (is_vietnamese(p, len))
                return I18N_VI;
            if (is_english(p, len))
                return I18N_EN;
            p += len + (p[len] == ':');
        }
        return I18N_EN;
    }
    const char *locale = lc_all && *lc_all             ? lc_all
                         : lc_messages && *lc_messages ? lc_messages
                                                       : lang;
    return locale && is_vietnamese(locale, strlen(locale)) ? I18N_VI : I18N_EN;
}

int i18n_init(const char *path)
{
    stderr_lang =
        i18n_choose(getenv("LANGUAGE"), getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"));
    i18n_release();
    if (path)
        return load(path);
    /* From a checkout, the catalogue built beside the program (gen/gen and build/locale/);
     * installed, the one under PREFIX, or beside a program installed under another root
     * (DESTDIR). */
    buf dir = BUF_INIT, candidate = BUF_INIT;
    program_dir(&dir);
    int rc = -1;
    for (int i = 0; i < 3 && rc != 0; i++) {
        buf_clear(&candidate);
        if (i == 1)
            buf_puts(&candidate, GEN_LOCALEDIR "/" CATALOGUE);
        else if (dir.len)
            buf_printf(&candidate, "%s/../%s/" CATALOGUE, dir.data,
                       i == 0 ? "build/locale" : "share/locale");
        else
            continue;
        rc = load(candidate.data);
    }
    buf_free(&candidate);
    buf_free(&dir);
    return rc;
}

const char *i18n_catalogue_path(void)
{
    return catalogue.path;
}

const unsigned char *i18n_catalogue_bytes(size_t *len)
{
    *len = catalogue.bytes ? catalogue.len : 0;
    return catalogue.bytes;
}

void i18n_release(void)
{
    free(catalogue.entries);
    free(catalogue.bytes);
    free(catalogue.path);
    memset(&catalogue, 0, sizeof catalogue);
}

i18n_lang i18n_stderr_lang(void)
{
    return stderr_lang;
}

void i18n_set_stderr_lang(i18n_lang lang)
{
    stderr_lang = lang;
}

const char *i18n_text(i18n_lang lang, const char *msgid)
{
    if (lang != I18N_VI || catalogue.count == 0)
        return msgid;
    entry key = {msgid, NULL};
    const entry *e = bsearch(&key, catalogue.entries, catalogue.count, sizeof *catalogue.entries,
                             compare_entries);
    return e ? e->msgstr : msgid;
}

void i18n_fragments(buf *out, i18n_lang lang, const char *text)
{
    buf key = BUF_INIT;
    for (;;) {
        const char *open = strchr(text, '\x1F');
        const char *close = open ? strchr(open + 1, '\x1E') : NULL;
        if (!close) {
            /* A lone mark (never one of ours: quoted text shows control characters escaped) is
             * dropped. */
            for (; *text; text++)
                if (*text != '\x1F')
                    buf_putc(out, *text);
            break;
        }
        buf_append(out, text, (size_t)(open - text));
        buf_clear(&key);
        buf_append(&key, open + 1, (size_t)(close - open - 1));
        buf_puts(out, i18n_text(lang, key.data ? key.data : ""));
        text = close + 1;
    }
    buf_free(&key);
}

/* The format is a translation of `fmt`, which no compiler can see: msgfmt --check (c-format,
 * at build time) is what proves its conversions match the English ones. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void i18n_vformat(buf *out, i18n_lang lang, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    const char *translated = i18n_text(lang, fmt);
    int n = vsnprintf(NULL, 0, translated, copy);
    va_end(copy);
    if (n < 0)
        return;
    char *text = xmalloc((size_t)n + 1);
    vsnprintf(text, (size_t)n + 1, translated, ap);
    if (strchr(text, '\x1F') || strchr(text, '\x1E'))
        i18n_fragments(out, lang, text);
    else
        buf_append(out, text, (size_t)n);
    free(text);
}
#pragma GCC diagnostic pop

void i18n_vformat_to(char *out, size_t size, i18n_lang lang, const char *fmt, va_list ap)
{
    buf b = BUF_INIT;
    i18n_vformat(&b, lang, fmt, ap);
    size_t n = b.len;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)b.data[n] & 0xC0) == 0x80)
            n--;
    }
    if (n)
        memcpy(out, b.data, n);
    out[n] = '\0';
    buf_free(&b);
}

void i18n_format_to(char *out, size_t size, i18n_lang lang, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    i18n_vformat_to(out, size, lang, fmt, ap);
    va_end(ap);
}

void i18n_format(buf *out, i18n_lang lang, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    i18n_vformat(out, lang, fmt, ap);
    va_end(ap);
}

/* The errors a file or folder operation meets, with the C library's English text. */
static const struct {
    int errnum;
    const char *text;
} system_errors[] = {
    {EPERM, F_("Operation not permitted")},
    {ENOENT, F_("No such file or directory")},
    {EIO, F_("Input/output error")},
    {EBADF, F_("Bad file descriptor")},
    {ENOMEM, F_("Cannot allocate memory")},
    {EACCES, F_("Permission denied")},
    {EBUSY, F_("Device or resource busy")},
    {EEXIST, F_("File exists")},
    {EXDEV, F_("Invalid cross-device link")},
    {ENOTDIR, F_("Not a directory")},
    {EISDIR, F_("Is a directory")},
    {EINVAL, F_("Invalid argument")},
    {ENFILE, F_("Too many open files in system")},
    {EMFILE, F_("Too many open files")},
    {ETXTBSY, F_("Text file busy")},
    {EFBIG, F_("File too large")},
    {ENOSPC, F_("No space left on device")},
    {ESPIPE, F_("Illegal seek")},
    {EROFS, F_("Read-only file system")},
    {EMLINK, F_("Too many links")},
    {EPIPE, F_("Broken pipe")},
    {ENAMETOOLONG, F_("File name too long")},
    {ENOTEMPTY, F_("Directory not empty")},
    {ELOOP, F_("Too many levels of symbolic links")},
    {EDQUOT, F_("Disk quota exceeded")},
    {EWOULDBLOCK, F_("Resource temporarily unavailable")},
    {ENXIO, F_("No such device or address")},
    {ENODEV, F_("No such device")},
    {EOVERFLOW, F_("Value too large for defined data type")},
    {ESTALE, F_("Stale file handle")},
    {ENOSYS, F_("Function not implemented")},
    {EOPNOTSUPP, F_("Operation not supported")},
    {EINTR, F_("Interrupted system call")},
};

const char *i18n_strerror(int errnum)
{
    for (size_t i = 0; i < sizeof system_errors / sizeof *system_errors; i++)
        if (system_errors[i].errnum == errnum)
            return system_errors[i].text;
    return strerror(errnum);
}
