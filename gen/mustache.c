/* mustache.c - the Mustache engine: data values, a parser that turns a template into a tree of
 * nodes once, a renderer that walks that tree against a context stack, and the escapers.
 *
 * Templates are trusted project files; data comes from submissions and is not: nothing taken
 * from the data is ever parsed, it only flows through an escaper into the output. */
#include "mustache.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* The spec asks for recursive partials; a template that recurses without end must still stop. */
#define MAX_PARTIAL_DEPTH 64

#define NOT_FOUND SIZE_MAX

/* ------------------------------------------------------------------------------------------ */
/* Values                                                                                      */
/* ------------------------------------------------------------------------------------------ */

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

static const mustache_value *map_get(const mustache_value *v, const char *key)
{
    if (!v || v->kind != VALUE_MAP)
        return NULL;
    size_t i = map_find(v, key);
    return i == NOT_FOUND ? NULL : v->items[i];
}

/* The spec's falsey values. Strings (even "") and numbers (even 0) are truthy: the spec leaves
 * this to the host language, and Ruby, where Mustache began, treats them so. */
static bool value_is_falsey(const mustache_value *v)
{
    if (!v || v->kind == VALUE_NULL)
        return true;
    if (v->kind == VALUE_BOOL)
        return !v->boolean;
    if (v->kind == VALUE_LIST)
        return v->count == 0;
    return false;
}

/* ------------------------------------------------------------------------------------------ */
/* The template tree                                                                           */
/* ------------------------------------------------------------------------------------------ */

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

static void node_list_free(node_list *list);

static void node_free(node *n)
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
        node_free(&list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

static void node_list_push(node_list *list, const node *n)
{
    list->items = xgrow(list->items, &list->cap, list->count + 1, sizeof *list->items);
    list->items[list->count++] = *n;
}

static void unit_init(unit *t, const char *name, const char *source, size_t len)
{
    memset(t, 0, sizeof *t);
    t->name = xstrdup(name);
    t->source = source;
    t->len = len;
}

static void unit_clear(unit *t)
{
    node_list_free(&t->nodes);
    free(t->name);
    free(t->owned_source);
    memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------------------------------------ */
/* Error positions                                                                             */
/* ------------------------------------------------------------------------------------------ */

static bool is_utf8_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

static void locate(const unit *t, size_t offset, int *line, int *column)
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

static void set_error(mustache_error *error, const unit *t, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void set_error(mustache_error *error, const unit *t, size_t offset, const char *fmt, ...)
{
    snprintf(error->template_name, sizeof error->template_name, "%s", t->name);
    locate(t, offset, &error->line, &error->column);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error->message, sizeof error->message, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------------------------------ */
/* Scanning tags                                                                               */
/* ------------------------------------------------------------------------------------------ */

typedef enum tag_kind {
    TAG_VARIABLE,
    TAG_UNESCAPED,
    TAG_SECTION,
    TAG_INVERTED,
    TAG_CLOSE,
    TAG_PARTIAL,
    TAG_COMMENT,
    TAG_DELIMITERS
} tag_kind;

typedef struct tag {
    tag_kind kind;
    size_t start;        /* at the opening delimiter */
    size_t end;          /* just past the closing delimiter */
    const char *content; /* between the sigil and the closing mark, untrimmed */
    size_t content_len;
} tag;

typedef struct delimiters {
    const char *open;
    size_t open_len;
    const char *close;
    size_t close_len;
} delimiters;

typedef struct parser {
    unit *tmpl;
    size_t pos;
    delimiters delims;
    /* Sections still open. stack[0] is a pseudo-section collecting the top-level nodes, so the
     * node being built is always the top's children. */
    node *stack;
    size_t depth;
    size_t cap;
    mustache_error *error;
} parser;

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Finds `needle` in s[from, len); NOT_FOUND if absent. (memmem is not POSIX.) */
static size_t find_bytes(const char *s, size_t len, size_t from, const char *needle,
                         size_t needle_len)
{
    if (needle_len == 0 || len < needle_len)
        return NOT_FOUND;
    for (size_t i = from; i + needle_len <= len; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, needle_len) == 0)
            return i;
    return NOT_FOUND;
}

/* Finds the end of the tag opened at content_start: `mark` (a "}" or "=", or nothing) followed
 * by the closing delimiter. */
static size_t find_tag_close(const parser *p, size_t content_start, char mark)
{
    const unit *t = p->tmpl;
    if (!mark)
        return find_bytes(t->source, t->len, content_start, p->delims.close, p->delims.close_len);
    for (size_t i = content_start; i < t->len; i++) {
        i = find_bytes(t->source, t->len, i, &mark, 1);
        if (i == NOT_FOUND)
            return NOT_FOUND;
        if (t->len - (i + 1) >= p->delims.close_len &&
            memcmp(t->source + i + 1, p->delims.close, p->delims.close_len) == 0)
            return i;
    }
    return NOT_FOUND;
}

/* What the character after the opening delimiter makes of the tag. */
static tag_kind tag_kind_of_sigil(char c)
{
    switch (c) {
    case '#':
        return TAG_SECTION;
    case '^':
        return TAG_INVERTED;
    case '/':
        return TAG_CLOSE;
    case '>':
        return TAG_PARTIAL;
    case '&':
    case '{':
        return TAG_UNESCAPED;
    case '!':
        return TAG_COMMENT;
    case '=':
        return TAG_DELIMITERS;
    default:
        return TAG_VARIABLE;
    }
}

/* Triple mustaches and set-delimiter tags repeat their sigil before the closing delimiter
 * ("{{{a}}}", "{{=<% %>=}}"); the other tags end at its first occurrence. */
static char closing_mark(char sigil)
{
    return sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
}

/* Reads the tag whose opening delimiter is at `start`. */
static int scan_tag(parser *p, size_t start, tag *out)
{
    const unit *t = p->tmpl;
    size_t content_start = start + p->delims.open_len;
    char sigil = content_start < t->len ? t->source[content_start] : '\0';
    out->kind = tag_kind_of_sigil(sigil);
    if (out->kind != TAG_VARIABLE)
        content_start++;
    char mark = closing_mark(sigil);
    size_t close = find_tag_close(p, content_start, mark);
    if (close == NOT_FOUND) {
        char mark_text[2] = {mark, '\0'};
        set_error(p->error, t, start, "unclosed tag: no \"%s%.*s\" after this \"%.*s\"", mark_text,
                  (int)p->delims.close_len, p->delims.close, (int)p->delims.open_len,
                  p->delims.open);
        return -1;
    }
    out->start = start;
    out->end = close + (mark ? 1 : 0) + p->delims.close_len;
    out->content = t->source + content_start;
    out->content_len = close - content_start;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Standalone lines                                                                            */
/* ------------------------------------------------------------------------------------------ */

static bool may_stand_alone(tag_kind kind)
{
    return kind != TAG_VARIABLE && kind != TAG_UNESCAPED;
}

/* Where the line holding `pos` starts, if only blanks precede `pos` on it; else NOT_FOUND. */
static size_t blank_line_start(const unit *t, size_t pos)
{
    size_t i = pos;
    while (i > 0 && is_blank(t->source[i - 1]))
        i--;
    return i == 0 || t->source[i - 1] == '\n' ? i : NOT_FOUND;
}

/* Just past the end of the line holding `pos` (its newline included), if only blanks follow
 * `pos` on it; else NOT_FOUND. */
static size_t blank_line_end(const unit *t, size_t pos)
{
    size_t i = pos;
    while (i < t->len && is_blank(t->source[i]))
        i++;
    if (i == t->len)
        return i;
    if (t->source[i] == '\n')
        return i + 1;
    if (t->source[i] == '\r' && i + 1 < t->len && t->source[i + 1] == '\n')
        return i + 2;
    return NOT_FOUND;
}

/* ------------------------------------------------------------------------------------------ */
/* Names                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void trim(const char **s, size_t *len)
{
    while (*len && is_space(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_space((*s)[*len - 1]))
        (*len)--;
}

/* A tag's content must be one word (the spec: "a non-whitespace character sequence"). */
static int read_word(parser *p, const tag *tg, char **word)
{
    const char *s = tg->content;
    size_t len = tg->content_len;
    trim(&s, &len);
    if (len == 0) {
        set_error(p->error, p->tmpl, tg->start, "empty tag: a name is missing");
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if (is_space(s[i])) {
            set_error(p->error, p->tmpl, tg->start, "bad tag name \"%.*s\": it contains a space",
                      (int)len, s);
            return -1;
        }
    }
    *word = xstrndup(s, len);
    return 0;
}

/* Splits "a.b.c" into its parts; "." is the empty path. "a..b", ".a" and "a." are errors. */
static int split_name(parser *p, const tag *tg, const char *name, name_path *path)
{
    memset(path, 0, sizeof *path);
    if (strcmp(name, ".") == 0)
        return 0;
    const char *part = name;
    for (;;) {
        const char *dot = strchr(part, '.');
        size_t len = dot ? (size_t)(dot - part) : strlen(part);
        if (len == 0) {
            set_error(p->error, p->tmpl, tg->start,
                      "bad tag name \"%s\": a dotted name has an empty part", name);
            return -1;
        }
        path->parts = xrealloc(path->parts, (path->count + 1) * sizeof *path->parts);
        path->parts[path->count++] = xstrndup(part, len);
        if (!dot)
            return 0;
        part = dot + 1;
    }
}

/* Fills the name and path of a variable or section node from its tag. */
static int read_name(parser *p, const tag *tg, node *n)
{
    if (read_word(p, tg, &n->name) < 0)
        return -1;
    if (split_name(p, tg, n->name, &n->path) < 0) {
        node_free(n);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Parsing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static node_list *current_list(parser *p)
{
    return &p->stack[p->depth - 1].children;
}

static void add_text(parser *p, size_t start, size_t end)
{
    if (end <= start)
        return;
    node n = {0};
    n.kind = NODE_TEXT;
    n.offset = start;
    n.text = p->tmpl->source + start;
    n.text_len = end - start;
    node_list_push(current_list(p), &n);
}

static int add_interpolation(parser *p, const tag *tg)
{
    node n = {0};
    n.kind = tg->kind == TAG_UNESCAPED ? NODE_UNESCAPED : NODE_VARIABLE;
    n.offset = tg->start;
    if (read_name(p, tg, &n) < 0)
        return -1;
    node_list_push(current_list(p), &n);
    return 0;
}

static int open_section(parser *p, const tag *tg)
{
    node n = {0};
    n.kind = tg->kind == TAG_INVERTED ? NODE_INVERTED : NODE_SECTION;
    n.offset = tg->start;
    if (read_name(p, tg, &n) < 0)
        return -1;
    p->stack = xgrow(p->stack, &p->cap, p->depth + 1, sizeof *p->stack);
    p->stack[p->depth++] = n;
    return 0;
}

static int close_section(parser *p, const tag *tg)
{
    char *name;
    if (read_word(p, tg, &name) < 0)
        return -1;
    if (p->depth == 1) {
        set_error(p->error, p->tmpl, tg->start, "closing tag \"%s\" has no open section", name);
        free(name);
        return -1;
    }
    node *open = &p->stack[p->depth - 1];
    if (strcmp(open->name, name) != 0) {
        int line, column;
        locate(p->tmpl, open->offset, &line, &column);
        set_error(p->error, p->tmpl, tg->start,
                  "closing tag \"%s\" does not match the open section \"%s\" (line %d, column %d)",
                  name, open->name, line, column);
        free(name);
        return -1;
    }
    free(name);
    node done = *open;
    p->depth--;
    node_list_push(current_list(p), &done);
    return 0;
}

static int add_partial(parser *p, const tag *tg, size_t indent_start)
{
    node n = {0};
    n.kind = NODE_PARTIAL;
    n.offset = tg->start;
    if (read_word(p, tg, &n.name) < 0)
        return -1;
    n.indent = xstrndup(p->tmpl->source + indent_start, tg->start - indent_start);
    node_list_push(current_list(p), &n);
    return 0;
}

/* Reads the next whitespace-delimited word of s[*pos, len); false if there is none. */
static bool next_word(const char *s, size_t len, size_t *pos, const char **word, size_t *word_len)
{
    while (*pos < len && is_space(s[*pos]))
        (*pos)++;
    size_t start = *pos;
    while (*pos < len && !is_space(s[*pos]))
        (*pos)++;
    *word = s + start;
    *word_len = *pos - start;
    return *word_len > 0;
}

/* {{=<% %>=}}: exactly two words, neither holding "=" (which would make the next set-delimiter
 * tag ambiguous). The new delimiters point into the source, which outlives the parse. */
static int set_delimiters(parser *p, const tag *tg)
{
    size_t pos = 0;
    const char *open, *close, *extra;
    size_t open_len, close_len, extra_len;
    bool ok = next_word(tg->content, tg->content_len, &pos, &open, &open_len) &&
              next_word(tg->content, tg->content_len, &pos, &close, &close_len) &&
              !next_word(tg->content, tg->content_len, &pos, &extra, &extra_len) &&
              !memchr(open, '=', open_len) && !memchr(close, '=', close_len);
    if (!ok) {
        set_error(p->error, p->tmpl, tg->start,
                  "bad set-delimiter tag \"%.*s\": expected two delimiters without \"=\", "
                  "separated by a space, as in {{=<%% %%>=}}",
                  (int)tg->content_len, tg->content);
        return -1;
    }
    p->delims = (delimiters){open, open_len, close, close_len};
    return 0;
}

static int handle_tag(parser *p, const tag *tg, size_t indent_start)
{
    switch (tg->kind) {
    case TAG_VARIABLE:
    case TAG_UNESCAPED:
        return add_interpolation(p, tg);
    case TAG_SECTION:
    case TAG_INVERTED:
        return open_section(p, tg);
    case TAG_CLOSE:
        return close_section(p, tg);
    case TAG_PARTIAL:
        return add_partial(p, tg, indent_start);
    case TAG_DELIMITERS:
        return set_delimiters(p, tg);
    case TAG_COMMENT:
        return 0;
    }
    return 0;
}

/* Handles the tag at `open_at`: the text before it becomes a node, and a standalone tag takes
 * its whole line with it (the blanks before it become a partial's indentation). */
static int parse_tag_at(parser *p, size_t open_at)
{
    tag tg;
    if (scan_tag(p, open_at, &tg) < 0)
        return -1;
    size_t text_end = open_at;
    size_t resume = tg.end;
    if (may_stand_alone(tg.kind)) {
        size_t line_start = blank_line_start(p->tmpl, open_at);
        size_t line_end = blank_line_end(p->tmpl, tg.end);
        if (line_start != NOT_FOUND && line_start >= p->pos && line_end != NOT_FOUND) {
            text_end = line_start;
            resume = line_end;
        }
    }
    add_text(p, p->pos, text_end);
    if (handle_tag(p, &tg, text_end) < 0)
        return -1;
    p->pos = resume;
    return 0;
}

static void parser_free_stack(parser *p)
{
    for (size_t i = 0; i < p->depth; i++)
        node_free(&p->stack[i]);
    free(p->stack);
    p->stack = NULL;
    p->depth = p->cap = 0;
}

static int parse_all(parser *p)
{
    const unit *t = p->tmpl;
    while (p->pos < t->len) {
        size_t open_at = find_bytes(t->source, t->len, p->pos, p->delims.open, p->delims.open_len);
        if (open_at == NOT_FOUND)
            break;
        if (parse_tag_at(p, open_at) < 0)
            return -1;
    }
    add_text(p, p->pos, t->len);
    if (p->depth > 1) {
        const node *open = &p->stack[p->depth - 1];
        set_error(p->error, t, open->offset, "section \"%s\" is never closed", open->name);
        return -1;
    }
    return 0;
}

/* Parses t->source into t->nodes. Every template starts with the default delimiters: a
 * set-delimiter tag reaches neither into partials nor back out of them. */
static int parse_unit(unit *t, mustache_error *error)
{
    parser p = {0};
    p.tmpl = t;
    p.delims = (delimiters){"{{", 2, "}}", 2};
    p.error = error;
    p.stack = xgrow(NULL, &p.cap, 1, sizeof *p.stack);
    p.stack[0] = (node){0};
    p.depth = 1;
    if (parse_all(&p) < 0) {
        parser_free_stack(&p);
        return -1;
    }
    t->nodes = p.stack[0].children;
    p.stack[0].children = (node_list){0};
    parser_free_stack(&p);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Rendering                                                                                   */
/* ------------------------------------------------------------------------------------------ */

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
        v = map_get(r->stack[i], path->parts[0]);
    for (size_t k = 1; k < path->count && v; k++)
        v = map_get(v, path->parts[k]);
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
            set_error(r->error, t, n->offset, "no value named \"%s\"", n->name);
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
        return value_is_falsey(v) ? render_nodes(r, t, &n->children) : 0;
    if (value_is_falsey(v))
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
        set_error(r->error, t, n->offset, "partial \"%s\": %s", n->name,
                  message[0] ? message : "the loader failed");
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
    unit_init(partial, n->name, source, len);
    partial->owned_source = source;
    partial->indent_width = strlen(n->indent);
    if (parse_unit(partial, r->error) < 0) {
        unit_clear(partial);
        free(partial);
        return -1;
    }
    *entry = cache_partial(r, n, partial);
    return 0;
}

static int render_partial(renderer *r, const unit *t, const node *n)
{
    if (r->partial_depth >= MAX_PARTIAL_DEPTH) {
        set_error(r->error, t, n->offset,
                  "partial \"%s\": partials nested deeper than %d (endless recursion?)", n->name,
                  MAX_PARTIAL_DEPTH);
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
            unit_clear(e->tmpl);
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
    unit_init(&root, "", template_text, len);
    if (parse_unit(&root, error) < 0) {
        unit_clear(&root);
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
    unit_clear(&root);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Escapers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static const char *html_entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

void mustache_escape_html(buf *out, const char *s, size_t len)
{
    size_t run = 0; /* start of the pending run of bytes that need no escaping */
    for (size_t i = 0; i < len; i++) {
        const char *entity = html_entity(s[i]);
        if (!entity)
            continue;
        buf_append(out, s + run, i - run);
        buf_puts(out, entity);
        run = i + 1;
    }
    buf_append(out, s + run, len - run);
}

void mustache_escape_none(buf *out, const char *s, size_t len)
{
    buf_append(out, s, len);
}

/* Characters that open an inline construct (or a block one) wherever they stand: backslash
 * escapes, code spans and fences, emphasis, strikethrough, links, images, footnotes, autolinks
 * and raw HTML, entities, and GFM table cells. A backslash before any of them is always a
 * valid CommonMark escape, and in a GFM table "\|" is the documented way to write a pipe. */
static bool is_markdown_special(char c)
{
    return c != '\0' && strchr("\\`*_[]<>|~&!", c) != NULL;
}

/* Characters that start a block (heading, list, setext underline) when they begin a line. */
static bool is_block_marker(char c)
{
    return c == '#' || c == '+' || c == '-' || c == '=';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_line_break(char c)
{
    return c == '\n' || c == '\r';
}

/* Appends the line break at s[*i] as one space (CRLF counts once), advancing *i past it. */
static void put_line_break(buf *out, const char *s, size_t len, size_t *i)
{
    if (s[*i] == '\r' && *i + 1 < len && s[*i + 1] == '\n')
        (*i)++;
    buf_putc(out, ' ');
}

/* For "12. x" or "3)": the position of the '.' or ')' that would make the value an ordered
 * list item, else NOT_FOUND. CommonMark wants a blank (or the line's end) after it, so figures
 * such as "1.21" or "91.301" are left as they are. */
static size_t ordered_list_delimiter(const char *s, size_t len, size_t start)
{
    size_t i = start;
    while (i < len && is_digit(s[i]))
        i++;
    if (i == start || i >= len || (s[i] != '.' && s[i] != ')'))
        return NOT_FOUND;
    if (i + 1 == len || is_blank(s[i + 1]) || is_line_break(s[i + 1]))
        return i;
    return NOT_FOUND;
}

static bool is_blank_or_line_break(char c)
{
    return is_blank(c) || is_line_break(c);
}

/* Escapes a value that neither starts nor ends with blanks or line breaks. */
static void escape_markdown_words(buf *out, const char *s, size_t len)
{
    if (len && is_block_marker(s[0]))
        buf_putc(out, '\\');
    size_t list_delimiter = ordered_list_delimiter(s, len, 0);
    for (size_t i = 0; i < len; i++) {
        if (is_line_break(s[i])) {
            put_line_break(out, s, len, &i);
            continue;
        }
        if (i == list_delimiter || is_markdown_special(s[i]))
            buf_putc(out, '\\');
        buf_putc(out, s[i]);
    }
}

void mustache_escape_markdown(buf *out, const char *s, size_t len)
{
    /* Blanks around the value become one space each side: leading ones could indent it into a
     * code block, trailing ones before a line end make a hard line break, and one space still
     * keeps it apart from its neighbours. Rendered Markdown collapses them anyway. */
    size_t start = 0, end = len;
    while (start < end && is_blank_or_line_break(s[start]))
        start++;
    while (end > start && is_blank_or_line_break(s[end - 1]))
        end--;
    if (start > 0)
        buf_putc(out, ' ');
    escape_markdown_words(out, s + start, end - start);
    if (end < len && end > start)
        buf_putc(out, ' ');
}
