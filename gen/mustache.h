/* mustache.h - a Mustache template engine (spec v1.4 required modules: comments, delimiters,
 * interpolation, inverted, partials, sections).
 *
 * No C Mustache library is packaged by Debian, so gen carries its own; tests/test_mustache_spec.c
 * runs every test of the official spec (../shared/mustache-spec) against it.
 *
 * Data is a tree of mustache_value nodes built by the caller. Values are owned by their parent:
 * freeing the root frees the tree. Rendering never re-reads data as template text: a value that
 * looks like a tag is printed (escaped), not expanded.
 *
 * The escapers (and mustache_escape_fn) are in escape.h, included here for the options. The
 * engine is mustache_value.c (values), mustache_parse.c and mustache_tree.c (templates parsed
 * into a tree), mustache_render.c (mustache_render), sharing mustache_internal.h. */
#ifndef GEN_MUSTACHE_H
#define GEN_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "escape.h"

typedef struct mustache_value mustache_value;

/* Constructors. Strings are copied. A number is kept as the text it prints as ("85", "1.21"):
 * the engine never does arithmetic, and 0 is truthy as in the spec. */
mustache_value *mustache_null_new(void);
mustache_value *mustache_bool_new(bool value);
mustache_value *mustache_string_new(const char *s);
mustache_value *mustache_string_new_len(const char *s, size_t len);
mustache_value *mustache_number_new(const char *text);
mustache_value *mustache_list_new(void);
mustache_value *mustache_map_new(void);

/* Adds `value` (ownership passes to the container). Setting a key twice replaces the value. */
void mustache_map_set(mustache_value *map, const char *key, mustache_value *value);
void mustache_list_push(mustache_value *list, mustache_value *value);

/* Convenience: map_set with a fresh string / bool. */
void mustache_map_set_string(mustache_value *map, const char *key, const char *s);
void mustache_map_set_bool(mustache_value *map, const char *key, bool value);

void mustache_value_free(mustache_value *value);

/* Looks up a partial by name and appends its template text to `out`.
 * Returns 0 when found, 1 when there is no such partial (the spec renders it as empty), and -1
 * on an error the loader has described in `message` (size `message_size`): rendering stops. */
typedef int (*mustache_partial_fn)(void *context, const char *name, buf *out, char *message,
                                   size_t message_size);

typedef struct mustache_options {
    mustache_escape_fn escape;   /* NULL means HTML escaping, the spec's default */
    mustache_partial_fn partial; /* NULL means no partials exist */
    void *partial_context;
    /* When true, {{name}} whose name resolves to nothing is an error, not "": a typo in a
     * template is reported instead of leaving a figure silently blank. Sections are unaffected
     * (a missing section name is simply false). */
    bool strict_names;
} mustache_options;

typedef struct mustache_error {
    char template_name[128]; /* "" for the main template, else the partial's name */
    int line;                /* 1-based, in that template */
    int column;              /* 1-based, in characters */
    char message[512];       /* in the language of standard error (i18n.h) */
} mustache_error;

/* Renders `template` (UTF-8, `len` bytes) against `data`, appending to `out`.
 * Returns 0 on success; on a template error (unclosed or mismatched section, bad delimiters,
 * strict-name miss, partial loader error, partial recursion deeper than 64) returns -1 and fills
 * `error`, and `out` holds an unspecified partial result. */
int mustache_render(const char *template, size_t len, const mustache_value *data,
                    const mustache_options *options, buf *out, mustache_error *error);

#endif
