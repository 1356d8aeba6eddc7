/* mustache_tree.c - the parse tree's lifetime (nodes, units) and positions in a unit's source
 * for error messages: mustache_internal.h. */
#include "mustache_internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "i18n.h"

static void node_list_free(node_list *list);

void mustache_node_free(node *n)
{
    free(n->name);
    for (size_t i = 0; i < n->path.count; i++)
        free(n->path.parts[i]);
    free(n->path.parts);
    free(n->indent);
    node_list_free(&n->children);
}

static void node_list_free(node_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        mustache_node_free(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

void mustache_node_list_push(node_list *list, const node *n)
{
    list->items = xgrow(list->items, &list->cap, list->count + 1, sizeof *list->items);
    list->items[list->count++] = *n;
}

void mustache_unit_init(unit *t, const char *name, const char *source, size_t len)
{
    memset(t, 0, sizeof *t);
    t->name = xstrdup(name);
    t->source = source;
    t->len = len;
}

void mustache_unit_clear(unit *t)
{
    node_list_free(&t->nodes);
    free(t->name);
    free(t->owned_source);
    memset(t, 0, sizeof *t);
}

static bool is_utf8_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

void mustache_locate(const unit *t, size_t offset, int *line, int *column)
{
    int l = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < t->len; i++) {
        if (t->source[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    }
    size_t chars = 0;
    for (size_t i = line_start; i < offset && i < t->len; i++)
        if (!is_utf8_continuation(t->source[i]))
            chars++;
    /* Every line holding a tag got the indentation (only empty lines are left alone). */
    if (chars >= t->indent_width)
        chars -= t->indent_width;
    *line = l;
    *column = chars >= INT_MAX ? INT_MAX : (int)chars + 1;
}

void mustache_set_error(mustache_error *error, const unit *t, size_t offset, const char *fmt, ...)
{
    snprintf(error->template_name, sizeof error->template_name, "%s", t->name);
    mustache_locate(t, offset, &error->line, &error->column);
    va_list ap;
    va_start(ap, fmt);
    i18n_vformat_to(error->message, sizeof error->message, i18n_stderr_lang(), fmt, ap);
    va_end(ap);
}
