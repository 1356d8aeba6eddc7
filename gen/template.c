#include "template.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "text.h"

typedef struct partial_loader {
    const char *dir;
    const char *extension; /* ".md", ".html": a partial has its parent's kind */
} partial_loader;

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

static int read_template(const char *path, buf *out, char *message, size_t message_size)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    if (text_read_file(path, &bytes, &len) != 0) {
        snprintf(message, message_size, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    text t;
    text_error err;
    if (text_decode(bytes, len, &t, &err) != 0) {
        snprintf(message, message_size, "%s:%d:%d: %s", path, err.line, err.column, err.message);
        free(bytes);
        return -1;
    }
    free(bytes);
    buf_append(out, t.data, t.len);
    text_free(&t);
    return 0;
}

static int load_partial(void *context, const char *name, buf *out, char *message,
                        size_t message_size)
{
    const partial_loader *loader = context;
    if (!is_plain_name(name)) {
        snprintf(message, message_size,
                 "partial name '%s' is not a plain name (letters, digits, '_' and '-')", name);
        return -1;
    }
    buf path = BUF_INIT;
    buf_printf(&path, "%s/%s%s", loader->dir, name, loader->extension);
    int rc = read_template(path.data, out, message, message_size);
    buf_free(&path);
    return rc;
}

int template_render(const char *dir, const char *name, const mustache_value *data,
                    mustache_escape_fn escape, buf *out, diag_list *diags)
{
    buf path = BUF_INIT, source = BUF_INIT;
    buf_printf(&path, "%s/%s", dir, name);
    char message[512];
    int rc = read_template(path.data, &source, message, sizeof message);
    if (rc != 0) {
        diag_add(diags, DIAG_ERROR, NULL, 0, 0, "%s", message);
    } else {
        const char *dot = strrchr(name, '.');
        partial_loader loader = {dir, dot ? dot : ""};
        mustache_options options = {escape, load_partial, &loader, true};
        mustache_error err;
        rc = mustache_render(source.data, source.len, data, &options, out, &err);
        if (rc != 0) {
            buf where = BUF_INIT;
            if (err.template_name[0])
                buf_printf(&where, "%s/%s%s", dir, err.template_name, loader.extension);
            else
                buf_puts(&where, path.data);
            diag_add(diags, DIAG_ERROR, where.data, err.line, err.column, "%s", err.message);
            buf_free(&where);
        }
    }
    buf_free(&path);
    buf_free(&source);
    return rc;
}
