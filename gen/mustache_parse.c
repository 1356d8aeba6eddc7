/* mustache_parse.c - turns a template's text into a tree of nodes, once per template: tags and
 * their delimiters, standalone lines, names, sections: mustache_parse_unit in
 * mustache_internal.h.
 *
 * Templates are trusted project files, but their errors are the user's to fix: every one is
 * reported with the template's name, line and column. */
#include "mustache_internal.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "strutil.h"

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
        mustache_set_error(p->error, t, start, "unclosed tag: no \"%s%.*s\" after this \"%.*s\"",
                           mark_text, (int)p->delims.close_len, p->delims.close,
                           (int)p->delims.open_len, p->delims.open);
        return -1;
    }
    out->start = start;
    out->end = close + (mark ? 1 : 0) + p->delims.close_len;
    out->content = t->source + content_start;
    out->content_len = close - content_start;
    return 0;
}

static bool may_stand_alone(tag_kind kind)
{
    return kind != TAG_VARIABLE && kind != TAG_UNESCAPED;
}

/* Where the line holding `pos` starts, if only blanks precede `pos` on it; else NOT_FOUND. */
static size_t blank_line_start(const unit *t, size_t pos)
{
    size_t i = pos;
    while (i > 0 && str_is_blank(t->source[i - 1]))
        i--;
    return i == 0 || t->source[i - 1] == '\n' ? i : NOT_FOUND;
}

/* Just past the end of the line holding `pos` (its newline included), if only blanks follow
 * `pos` on it; else NOT_FOUND. */
static size_t blank_line_end(const unit *t, size_t pos)
{
    size_t i = pos;
    while (i < t->len && str_is_blank(t->source[i]))
        i++;
    if (i == t->len)
        return i;
    if (t->source[i] == '\n')
        return i + 1;
    if (t->source[i] == '\r' && i + 1 < t->len && t->source[i + 1] == '\n')
        return i + 2;
    return NOT_FOUND;
}

/* A tag's content must be one word (the spec: "a non-whitespace character sequence"). */
static int read_word(parser *p, const tag *tg, char **word)
{
    const char *s = tg->content;
    size_t len = tg->content_len;
    str_trim(&s, &len, str_is_space);
    if (len == 0) {
        mustache_set_error(p->error, p->tmpl, tg->start, "empty tag: a name is missing");
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if (str_is_space(s[i])) {
            mustache_set_error(p->error, p->tmpl, tg->start,
                               "bad tag name \"%.*s\": it contains a space", (int)len, s);
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
            mustache_set_error(p->error, p->tmpl, tg->start,
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
        mustache_node_free(n);
        return -1;
    }
    return 0;
}

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
    mustache_node_list_push(current_list(p), &n);
}

static int add_interpolation(parser *p, const tag *tg)
{
    node n = {0};
    n.kind = tg->kind == TAG_UNESCAPED ? NODE_UNESCAPED : NODE_VARIABLE;
    n.offset = tg->start;
    if (read_name(p, tg, &n) < 0)
        return -1;
    mustache_node_list_push(current_list(p), &n);
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
        mustache_set_error(p->error, p->tmpl, tg->start, "closing tag \"%s\" has no open section",
                           name);
        free(name);
        return -1;
    }
    node *open = &p->stack[p->depth - 1];
    if (strcmp(open->name, name) != 0) {
        int line, column;
        mustache_locate(p->tmpl, open->offset, &line, &column);
        mustache_set_error(
            p->error, p->tmpl, tg->start,
            "closing tag \"%s\" does not match the open section \"%s\" (line %d, column %d)", name,
            open->name, line, column);
        free(name);
        return -1;
    }
    free(name);
    node done = *open;
    p->depth--;
    mustache_node_list_push(current_list(p), &done);
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
    mustache_node_list_push(current_list(p), &n);
    return 0;
}

/* Reads the next whitespace-delimited word of s[*pos, len); false if there is none. */
static bool next_word(const char *s, size_t len, size_t *pos, const char **word, size_t *word_len)
{
    while (*pos < len && str_is_space(s[*pos]))
        (*pos)++;
    size_t start = *pos;
    while (*pos < len && !str_is_space(s[*pos]))
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
        mustache_set_error(p->error, p->tmpl, tg->start,
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
        mustache_node_free(&p->stack[i]);
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
        mustache_set_error(p->error, t, open->offset, "section \"%s\" is never closed", open->name);
        return -1;
    }
    return 0;
}

/* Parses t->source into t->nodes. Every template starts with the default delimiters: a
 * set-delimiter tag reaches neither into partials nor back out of them. */
int mustache_parse_unit(unit *t, mustache_error *error)
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
