/* mustache_render.c - mustache_render (mustache.h): parses the template, then walks its tree
 * against a context stack, loading, parsing and caching partials as they are first used.
 *
 * Data comes from submissions and is not trusted: nothing taken from the data is ever parsed,
 * it only flows through an escaper into the output. */
#include "mustache_internal.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "i18n.h"

/* The spec asks for recursive partials; a template that recurses without end must still stop. */
#define MAX_PARTIAL_DEPTH 64

/* Partials parsed during one render, by name and indentation: a partial used in a loop is
 * loaded and parsed once. `tmpl` is NULL when the loader has no such partial. */
typedef struct partial_entry {
    char *name;
    char *indent;
    unit *tmpl;
} partial_entry;

typedef struct renderer {
    const mustache_options *options;
    mustache_escape_fn escape;
    buf *out;
    mustache_error *error;
    const mustache_value **stack; /* the context stack; the top is the last element */
    size_t depth;
    size_t cap;
    partial_entry *partials;
    size_t partial_count;
    size_t partial_cap;
    int partial_depth;
} renderer;

static void push_context(renderer *r, const mustache_value *v)
{
    r->stack = xgrow(r->stack, &r->cap, r->depth + 1, sizeof *r->stack);
    r->stack[r->depth++] = v;
}

static void pop_context(renderer *r)
{
    r->depth--;
}

/* The spec's name resolution: the first part is looked up from the top of the context stack
 * down; the remaining parts only inside what the first found (no falling back further down). */
static const mustache_value *lookup(const renderer *r, const name_path *path)
{
    if (path->count == 0)
        return r->depth ? r->stack[r->depth - 1] : NULL;
    const mustache_value *v = NULL;
    for (size_t i = r->depth; i-- > 0 && !v;)
        v = mustache_map_get(r->stack[i], path->parts[0]);
    for (size_t k = 1; k < path->count && v; k++)
        v = mustache_map_get(v, path->parts[k]);
    return v;
}

static void write_value(renderer *r, const mustache_value *v, bool escaped)
{
    const char *s = "";
    size_t len = 0;
    if (v->kind == VALUE_STRING || v->kind == VALUE_NUMBER) {
        s = v->text;
        len = v->text_len;
    } else if (v->kind == VALUE_BOOL) {
        s = v->boolean ? "true" : "false";
        len = strlen(s);
    }
    /* null prints as nothing; so do lists and maps, which have no text of their own. */
    if (len == 0)
        return;
    if (escaped)
        r->escape(r->out, s, len);
    else
        buf_append(r->out, s, len);
}

static int render_nodes(renderer *r, const unit *t, const node_list *nodes);

static int render_interpolation(renderer *r, const unit *t, const node *n)
{
    const mustache_value *v = lookup(r, &n->path);
    if (!v) {
        if (r->options->strict_names) {
            mustache_set_error(r->error, t, n->offset, "no value named \"%s\"", n->name);
            return -1;
        }
        return 0;
    }
    write_value(r, v, n->kind == NODE_VARIABLE);
    return 0;
}

static int render_with_context(renderer *r, const unit *t, const node *n, const mustache_value *v)
{
    push_context(r, v);
    int rc = render_nodes(r, t, &n->children);
    pop_context(r);
    return rc;
}

static int render_section(renderer *r, const unit *t, const node *n)
{
    const mustache_value *v = lookup(r, &n->path);
    if (n->kind == NODE_INVERTED)
        return mustache_value_is_falsey(v) ? render_nodes(r, t, &n->children) : 0;
    if (mustache_value_is_falsey(v))
        return 0;
    if (v->kind != VALUE_LIST)
        return render_with_context(r, t, n, v);
    for (size_t i = 0; i < v->count; i++)
        if (render_with_context(r, t, n, v->items[i]) < 0)
            return -1;
    return 0;
}

/* The spec's standalone partial: the indentation goes before every line of the partial's text
 * before it is parsed (so it never reaches into interpolated values). Empty lines are left
 * alone so that the output gets no trailing blanks. */
static char *indent_text(const char *s, size_t len, const char *indent, size_t *out_len)
{
    buf b = BUF_INIT;
    bool line_start = true;
    for (size_t i = 0; i < len; i++) {
        bool empty_line = s[i] == '\n' || (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n');
        if (line_start && !empty_line)
            buf_puts(&b, indent);
        buf_putc(&b, s[i]);
        line_start = s[i] == '\n';
    }
    *out_len = b.len;
    return buf_detach(&b);
}

static partial_entry *find_cached_partial(renderer *r, const node *n)
{
    for (size_t i = 0; i < r->partial_count; i++) {
        partial_entry *e = &r->partials[i];
        if (strcmp(e->name, n->name) == 0 && strcmp(e->indent, n->indent) == 0)
            return e;
    }
    return NULL;
}

static partial_entry *cache_partial(renderer *r, const node *n, unit *tmpl)
{
    r->partials = xgrow(r->partials, &r->partial_cap, r->partial_count + 1, sizeof *r->partials);
    partial_entry *e = &r->partials[r->partial_count++];
    e->name = xstrdup(n->name);
    e->indent = xstrdup(n->indent);
    e->tmpl = tmpl;
    return e;
}

/* Asks the loader for the partial's text; 0 found, 1 no such partial, -1 error reported. */
static int call_loader(renderer *r, const unit *t, const node *n, buf *text)
{
    if (!r->options->partial)
        return 1;
    char message[200] = "";
    int rc =
        r->options->partial(r->options->partial_context, n->name, text, message, sizeof message);
    if (rc < 0) {
        message[sizeof message - 1] = '\0';
        mustache_set_error(r->error, t, n->offset, "partial \"%s\": %s", n->name,
                           message[0] ? message : _("the loader failed"));
        return -1;
    }
    return rc == 0 ? 0 : 1;
}

/* Loads, indents and parses a partial, caching the result. */
static int load_partial(renderer *r, const unit *t, const node *n, partial_entry **entry)
{
    buf text = BUF_INIT;
    int rc = call_loader(r, t, n, &text);
    if (rc < 0) {
        buf_free(&text);
        return -1;
    }
    if (rc > 0) {
        buf_free(&text);
        *entry = cache_partial(r, n, NULL);
        return 0;
    }
    unit *partial = xmalloc(sizeof *partial);
    size_t len;
    char *source = indent_text(text.data ? text.data : "", text.len, n->indent, &len);
    buf_free(&text);
    mustache_unit_init(partial, n->name, source, len);
    partial->owned_source = source;
    partial->indent_width = strlen(n->indent);
    if (mustache_parse_unit(partial, r->error) < 0) {
        mustache_unit_clear(partial);
        free(partial);
        return -1;
    }
    *entry = cache_partial(r, n, partial);
    return 0;
}

static int render_partial(renderer *r, const unit *t, const node *n)
{
    if (r->partial_depth >= MAX_PARTIAL_DEPTH) {
        mustache_set_error(r->error, t, n->offset,
                           "partial \"%s\": partials nested deeper than %d (endless recursion?)",
                           n->name, MAX_PARTIAL_DEPTH);
        return -1;
    }
    partial_entry *entry = find_cached_partial(r, n);
    if (!entry && load_partial(r, t, n, &entry) < 0)
        return -1;
    /* Keep the template, not the entry: rendering may grow (and move) the cache. */
    const unit *partial = entry->tmpl;
    if (!partial)
        return 0;
    r->partial_depth++;
    int rc = render_nodes(r, partial, &partial->nodes);
    r->partial_depth--;
    return rc;
}

static int render_node(renderer *r, const unit *t, const node *n)
{
    switch (n->kind) {
    case NODE_TEXT:
        buf_append(r->out, n->text, n->text_len);
        return 0;
    case NODE_VARIABLE:
    case NODE_UNESCAPED:
        return render_interpolation(r, t, n);
    case NODE_SECTION:
    case NODE_INVERTED:
        return render_section(r, t, n);
    case NODE_PARTIAL:
        return render_partial(r, t, n);
    }
    return 0;
}

static int render_nodes(renderer *r, const unit *t, const node_list *nodes)
{
    for (size_t i = 0; i < nodes->count; i++)
        if (render_node(r, t, &nodes->items[i]) < 0)
            return -1;
    return 0;
}

static void renderer_free(renderer *r)
{
    for (size_t i = 0; i < r->partial_count; i++) {
        partial_entry *e = &r->partials[i];
        free(e->name);
        free(e->indent);
        if (e->tmpl) {
            mustache_unit_clear(e->tmpl);
            free(e->tmpl);
        }
    }
    free(r->partials);
    free(r->stack);
}

int mustache_render(const char *template_text, size_t len, const mustache_value *data,
                    const mustache_options *options, buf *out, mustache_error *error)
{
    static const mustache_options defaults = {0};
    mustache_error ignored;
    if (!options)
        options = &defaults;
    if (!error)
        error = &ignored;
    memset(error, 0, sizeof *error);

    unit root;
    mustache_unit_init(&root, "", template_text, len);
    if (mustache_parse_unit(&root, error) < 0) {
        mustache_unit_clear(&root);
        return -1;
    }
    renderer r = {0};
    r.options = options;
    r.escape = options->escape ? options->escape : mustache_escape_html;
    r.out = out;
    r.error = error;
    if (data)
        push_context(&r, data);
    int rc = render_nodes(&r, &root, &root.nodes);
    renderer_free(&r);
    mustache_unit_clear(&root);
    return rc;
}
