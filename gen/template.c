#include "template.h"

#include <errno.h>
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
};

typedef struct partial_loader {
    template_set *set;
    const char *extension; /* ".md", ".html": a partial has its parent's kind */
} partial_loader;

template_set *template_set_new(const char *dir)
{
    template_set *set = xcalloc(1, sizeof *set);
    set->dir = dir;
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

const char *template_text(template_set *set, const char *name, size_t *len, diag_list *diags)
{
    char message[512];
    const template_file *file = get_file(set, name, message, sizeof message);
    if (!file) {
        diag_add(diags, DIAG_ERROR, NULL, 0, 0, "%s", message);
        return NULL;
    }
    *len = file->text.len;
    return file->text.data;
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
    const template_file *file = get_file(loader->set, file_name.data, message, message_size);
    buf_free(&file_name);
    if (!file)
        return -1;
    buf_append(out, file->text.data, file->text.len);
    return 0;
}

int template_render(template_set *set, const char *name, const mustache_value *data,
                    mustache_escape_fn escape, buf *out, diag_list *diags)
{
    char message[512];
    const template_file *file = get_file(set, name, message, sizeof message);
    if (!file) {
        /* Templates are the secretariat's: their errors go to standard error only, in its
         * language, and stop the run before any document is written. */
        diag_add_texts(diags, DIAG_ERROR, NULL, 0, 0, (const char *const[]){message, message});
        return -1;
    }
    /* The text is copied: a partial read during the render may move the set's array. */
    buf source = BUF_INIT;
    buf_append(&source, file->text.data, file->text.len);
    const char *dot = strrchr(name, '.');
    partial_loader loader = {set, dot ? dot : ""};
    mustache_options options = {escape, load_partial, &loader, true};
    mustache_error err;
    int rc = mustache_render(source.data ? source.data : "", source.len, data, &options, out, &err);
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
    buf_free(&source);
    return rc;
}
