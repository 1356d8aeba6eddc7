/* mustache_value.c - the data tree a template is rendered against: constructors, containers,
 * freeing (mustache.h), and the two queries the renderer makes of it (mustache_internal.h). */
#include "mustache_internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static mustache_value *value_new(value_kind kind)
{
    mustache_value *v = xcalloc(1, sizeof *v);
    v->kind = kind;
    return v;
}

mustache_value *mustache_null_new(void)
{
    return value_new(VALUE_NULL);
}

mustache_value *mustache_bool_new(bool value)
{
    mustache_value *v = value_new(VALUE_BOOL);
    v->boolean = value;
    return v;
}

static mustache_value *text_value_new(value_kind kind, const char *s, size_t len)
{
    mustache_value *v = value_new(kind);
    v->text = xstrndup(s, len);
    v->text_len = len;
    return v;
}

mustache_value *mustache_string_new(const char *s)
{
    return text_value_new(VALUE_STRING, s, strlen(s));
}

mustache_value *mustache_string_new_len(const char *s, size_t len)
{
    /* Not xstrndup: a string value may hold NUL bytes, and its length is what counts. */
    mustache_value *v = value_new(VALUE_STRING);
    v->text = xmalloc(len + 1);
    if (len)
        memcpy(v->text, s, len);
    v->text[len] = '\0';
    v->text_len = len;
    return v;
}

mustache_value *mustache_number_new(const char *text)
{
    return text_value_new(VALUE_NUMBER, text, strlen(text));
}

mustache_value *mustache_list_new(void)
{
    return value_new(VALUE_LIST);
}

mustache_value *mustache_map_new(void)
{
    return value_new(VALUE_MAP);
}

/* Maps are small (one record's fields), so a linear scan beats the bookkeeping of a hash. */
static size_t map_find(const mustache_value *map, const char *key)
{
    for (size_t i = 0; i < map->count; i++)
        if (strcmp(map->keys[i], key) == 0)
            return i;
    return NOT_FOUND;
}

static void append_item(mustache_value *container, char *key, mustache_value *value)
{
    size_t cap = container->cap;
    container->items =
        xgrow(container->items, &container->cap, container->count + 1, sizeof *container->items);
    if (container->kind == VALUE_MAP && container->cap != cap)
        container->keys = xrealloc(container->keys, container->cap * sizeof *container->keys);
    if (key)
        container->keys[container->count] = key;
    container->items[container->count++] = value;
}

void mustache_map_set(mustache_value *map, const char *key, mustache_value *value)
{
    assert(map && map->kind == VALUE_MAP && value);
    size_t i = map_find(map, key);
    if (i != NOT_FOUND) {
        mustache_value_free(map->items[i]);
        map->items[i] = value;
        return;
    }
    append_item(map, xstrdup(key), value);
}

void mustache_list_push(mustache_value *list, mustache_value *value)
{
    assert(list && list->kind == VALUE_LIST && value);
    append_item(list, NULL, value);
}

void mustache_map_set_string(mustache_value *map, const char *key, const char *s)
{
    mustache_map_set(map, key, mustache_string_new(s));
}

void mustache_map_set_bool(mustache_value *map, const char *key, bool value)
{
    mustache_map_set(map, key, mustache_bool_new(value));
}

void mustache_value_free(mustache_value *value)
{
    if (!value)
        return;
    for (size_t i = 0; i < value->count; i++) {
        mustache_value_free(value->items[i]);
        if (value->keys)
            free(value->keys[i]);
    }
    free(value->items);
    free(value->keys);
    free(value->text);
    free(value);
}

const mustache_value *mustache_map_get(const mustache_value *v, const char *key)
{
    if (!v || v->kind != VALUE_MAP)
        return NULL;
    size_t i = map_find(v, key);
    return i == NOT_FOUND ? NULL : v->items[i];
}

/* The spec's falsey values. Strings (even "") and numbers (even 0) are truthy: the spec leaves
 * this to the host language, and Ruby, where Mustache began, treats them so. */
bool mustache_value_is_falsey(const mustache_value *v)
{
    if (!v || v->kind == VALUE_NULL)
        return true;
    if (v->kind == VALUE_BOOL)
        return !v->boolean;
    if (v->kind == VALUE_LIST)
        return v->count == 0;
    return false;
}
