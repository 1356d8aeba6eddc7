#include "template.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "i18n.h"
#include "digest.h"
#include "text.h"

/* One file of the folder, read once. */
typedef struct template_file {
    char *name; /* "briefing.md" */
    char sha256[DIGEST_HEX_SIZE];
    buf text; /* decoded UTF-8 */
} template_file;

struct template_set {
    const char *dir;
    template_file *files; /* sorted by name */
    size_t count, cap;
    /* Pages are rendered on several threads, and a partial is read when first used: the array
     * of files may grow (and move) under another thread's render. The texts themselves never
     * move once read. */
    pthread_mutex_t lock;
};

typedef struct partial_loader {
    template_set *set;
    const char *extension; /* ".md", ".html": a partial has its parent's kind */
} partial_loader;

template_set *template_set_new(const char *dir)
{
    template_set *set = xcalloc(1, sizeof *set);
    set->dir = dir;
    if (pthread_mutex_init(&set->lock, NULL) != 0)
        alloc_failed(); /* only for want of memory */
    return set;
}

void template_set_free(template_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->count; i++) {
        free(set->files[i].name);
        buf_free(&set->files[i].text);
    }
    free(set->files);
    pthread_mutex_destroy(&set->lock);
    free(set);
}

size_t template_set_count(const template_set *set)
{
    return set->count;
}

void template_set_file(const template_set *set, size_t i, const char **name, const char **sha256)
{
    *name = set->files[i].name;
    *sha256 = set->files[i].sha256;
}

static bool is_plain_name(const char *name)
{
    if (!*name)
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return false;
    return true;
}

static int read_template(const char *path, template_file *file, char *message, size_t message_size)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    if (text_read_file(path, &bytes, &len) != 0) {
        i18n_format_to(message, message_size, i18n_stderr_lang(), "cannot read %s: %s", path,
                       i18n_strerror(errno));
        return -1;
    }
    digest_bytes(bytes, len, file->sha256);
    text t;
    text_error err;
    if (text_decode(bytes, len, &t, &err) != 0) {
        snprintf(message, message_size, "%s:%d:%d: %s", path, err.line, err.column,
                 i18n_stderr_lang() == I18N_VI ? err.message_vi : err.message);
        free(bytes);
        return -1;
    }
    free(bytes);
    buf_append(&file->text, t.data, t.len);
    text_free(&t);
    return 0;
}

/* The file `name` of the set, read now if it was not yet. NULL after filling `message`. */
static const template_file *get_file(template_set *set, const char *name, char *message,
                                     size_t message_size)
{
    size_t at = 0;
    while (at < set->count && strcmp(set->files[at].name, name) < 0)
        at++;
    if (at < set->count && strcmp(set->files[at].name, name) == 0)
        return &set->files[at];
    template_file file = {xstrdup(name), "", BUF_INIT};
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", set->dir, name);
    int rc = read_template(path.data, &file, message, message_size);
    buf_free(&path);
    if (rc != 0) {
        free(file.name);
        buf_free(&file.text);
        return NULL;
    }
    if (!file.text.data)
        buf_puts(&file.text, ""); /* an empty template is a NUL-terminated empty text */
    set->files = xgrow(set->files, &set->cap, set->count + 1, sizeof *set->files);
    memmove(&set->files[at + 1], &set->files[at], (set->count - at) * sizeof *set->files);
    set->files[at] = file;
    set->count++;
    return &set->files[at];
}

/* The text of file `name` (read now if it was not yet), which stays where it is until the set is
 * freed. NULL after filling `message`. Safe from several threads. */
static const char *file_text(template_set *set, const char *name, size_t *len, char *message,
                             size_t message_size)
{
    pthread_mutex_lock(&set->lock);
    const template_file *file = get_file(set, name, message, message_size);
    const char *contents = file ? file->text.data : NULL;
    *len = file ? file->text.len : 0;
    pthread_mutex_unlock(&set->lock);
    return contents;
}

const char *template_text(template_set *set, const char *name, size_t *len, diag_list *diags)
{
    char message[512];
    const char *contents = file_text(set, name, len, message, sizeof message);
    if (!contents)
        diag_add(diags, DIAG_ERROR, NULL, 0, 0, "%s", message);
    return contents;
}

static int load_partial(void *context, const char *name, buf *out, char *message,
                        size_t message_size)
{
    const partial_loader *loader = context;
    if (!is_plain_name(name)) {
        i18n_format_to(message, message_size, i18n_stderr_lang(),
                       "partial name '%s' is not a plain name (letters, digits, '_' and '-')",
                       name);
        return -1;
    }
    buf file_name = BUF_INIT;
    buf_printf(&file_name, "%s%s", name, loader->extension);
    size_t len;
    const char *contents = file_text(loader->set, file_name.data, &len, message, message_size);
    buf_free(&file_name);
    if (!contents)
        return -1;
    buf_append(out, contents, len);
    return 0;
}

int template_render(template_set *set, const char *name, const mustache_value *data,
                    mustache_escape_fn escape, buf *out, diag_list *diags)
{
    char message[512];
    size_t len;
    const char *contents = file_text(set, name, &len, message, sizeof message);
    if (!contents) {
        /* Templates are the secretariat's: their errors go to standard error only, in its
         * language, and stop the run before any document is written. */
        diag_add_texts(diags, DIAG_ERROR, NULL, 0, 0, (const char *const[]){message, message});
        return -1;
    }
    const char *dot = strrchr(name, '.');
    partial_loader loader = {set, dot ? dot : ""};
    mustache_options options = {escape, load_partial, &loader, true};
    mustache_error err;
    int rc = mustache_render(contents, len, data, &options, out, &err);
    if (rc != 0) {
        buf where = BUF_INIT;
        if (err.template_name[0])
            buf_printf(&where, "%s/%s%s", set->dir, err.template_name, loader.extension);
        else
            buf_printf(&where, "%s/%s", set->dir, name);
        diag_add_texts(diags, DIAG_ERROR, where.data, err.line, err.column,
                       (const char *const[]){err.message, err.message});
        buf_free(&where);
    }
    return rc;
}
