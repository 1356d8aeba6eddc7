/* mustache_internal.h - what the parts of the Mustache engine share and nothing else includes:
 * the layout of a data value (mustache_value.c), the parse tree (built by mustache_parse.c, its
 * lifetime in mustache_tree.c, walked by mustache_render.c), and error positions in a template.
 *
 * Ownership: a unit owns its nodes, each node its name, path, indentation and children; a node
 * of text points into its unit's source, which the unit owns only for a partial
 * (owned_source). Values are owned as mustache.h says. */
#ifndef GEN_MUSTACHE_INTERNAL_H
#define GEN_MUSTACHE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mustache.h"

#define NOT_FOUND SIZE_MAX

typedef enum value_kind {
    VALUE_NULL,
    VALUE_BOOL,
    VALUE_STRING,
    VALUE_NUMBER,
    VALUE_LIST,
    VALUE_MAP
} value_kind;

struct mustache_value {
    value_kind kind;
    bool boolean;
    char *text; /* strings and numbers, NUL-terminated */
    size_t text_len;
    mustache_value **items; /* list elements, or map values parallel to `keys` */
    char **keys;
    size_t count;
    size_t cap;
};

/* The value of `key` in `v`; NULL when v is not a map or has no such key. */
const mustache_value *mustache_map_get(const mustache_value *v, const char *key);
/* The spec's falsey values. Strings (even "") and numbers (even 0) are truthy: the spec leaves
 * this to the host language, and Ruby, where Mustache began, treats them so. */
bool mustache_value_is_falsey(const mustache_value *v);

typedef enum node_kind {
    NODE_TEXT,
    NODE_VARIABLE,  /* {{name}}: escaped */
    NODE_UNESCAPED, /* {{{name}}} and {{& name}} */
    NODE_SECTION,   /* {{#name}} ... {{/name}} */
    NODE_INVERTED,  /* {{^name}} ... {{/name}} */
    NODE_PARTIAL    /* {{> name}} */
} node_kind;

typedef struct node node;

typedef struct node_list {
    node *items;
    size_t count;
    size_t cap;
} node_list;

/* A dotted name split once at parse time. No parts means ".", the top of the context stack. */
typedef struct name_path {
    char **parts;
    size_t count;
} name_path;

struct node {
    node_kind kind;
    size_t offset;    /* where the tag (or text) starts in the source: error positions */
    const char *text; /* NODE_TEXT: a slice of the template source */
    size_t text_len;
    char *name; /* the tag's name as written */
    name_path path;
    char *indent; /* NODE_PARTIAL: the indentation of a standalone tag, else "" */
    node_list children;
};

/* A compilation unit (the spec's term): the main template or one partial, parsed. */
typedef struct unit {
    char *name; /* "" for the main template, else the partial's name */
    const char *source;
    size_t len;
    char *owned_source; /* a partial's text, indented; NULL for the caller's template */
    /* Indentation prepended to each line of a standalone partial: error columns subtract it so
     * that they point into the partial's file as written. */
    size_t indent_width;
    node_list nodes;
} unit;

/* Frees what a node owns (not the node itself, which lives in its list). */
void mustache_node_free(node *n);
/* Appends a copy of `n`; the list takes over what it owns. */
void mustache_node_list_push(node_list *list, const node *n);

/* A unit over `source` (not copied: it must outlive the unit) named `name` (copied). */
void mustache_unit_init(unit *t, const char *name, const char *source, size_t len);
/* Frees the unit's nodes, name and owned source, and zeroes it. */
void mustache_unit_clear(unit *t);

/* The 1-based line and column (in characters, in the file as written) of `offset` in `t`. */
void mustache_locate(const unit *t, size_t offset, int *line, int *column);
/* Fills `error` with the unit's name, the position of `offset` and the formatted message. */
void mustache_set_error(mustache_error *error, const unit *t, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Parses t->source into t->nodes. Returns 0, or -1 with `error` filled and t->nodes empty. */
int mustache_parse_unit(unit *t, mustache_error *error);

#endif
