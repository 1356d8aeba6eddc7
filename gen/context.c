#include "context.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm/registry.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "buf.h"
#include "fold.h"
#include "path.h"
#include "strutil.h"
#include "text.h"

/* A context file is a page or two of text; anything much larger is not one. */
#define CONTEXT_MAX_BYTES (1u << 20)

typedef enum context_key {
    KEY_CONFERENCE,
    KEY_PLACE,
    KEY_DATE,
    KEY_ISSUER,
    KEY_ILLUSTRATIVE,
    KEY_UNKNOWN
} context_key;

/* Folded (fold.h) English and Vietnamese names of each key. */
static const char *const key_names[][2] = {
    [KEY_CONFERENCE] = {"conference", "hoi nghi"},
    [KEY_PLACE] = {"place", "dia diem"},
    [KEY_DATE] = {"date", "ngay"},
    [KEY_ISSUER] = {"issuer", "co quan"},
    [KEY_ILLUSTRATIVE] = {"illustrative", "minh hoa"},
};

static context_key find_key(const char *s, size_t len)
{
    char *folded = fold_name(s, len);
    context_key k = KEY_UNKNOWN;
    for (int i = 0; i < KEY_UNKNOWN && k == KEY_UNKNOWN; i++)
        if (strcmp(folded, key_names[i][0]) == 0 || strcmp(folded, key_names[i][1]) == 0)
            k = (context_key)i;
    free(folded);
    return k;
}

/* One physical line: its bytes without the line end. */
typedef struct line {
    const char *s;
    size_t len;
    int number;
} line;

/* The next line of `text` from `*at`; false at the end. */
static bool next_line(const char *src, size_t len, size_t *at, int *number, line *out)
{
    if (*at >= len)
        return false;
    const char *start = src + *at;
    const char *nl = memchr(start, '\n', len - *at);
    size_t n = nl ? (size_t)(nl - start) : len - *at;
    *at += n + (nl ? 1 : 0);
    if (n > 0 && start[n - 1] == '\r')
        n--;
    *out = (line){start, n, ++*number};
    return true;
}

static bool is_fence_line(const line *l)
{
    const char *s = l->s;
    size_t n = l->len;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n == 3 && memcmp(s, "---", 3) == 0;
}

/* The column (in characters, from 1) of `p` within line `l`. */
static int column_of(const line *l, const char *p)
{
    return (int)text_utf8_length(l->s, (size_t)(p - l->s)) + 1;
}

static bool parse_date(const char *s, size_t n, int *y, int *m, int *d)
{
    if (n != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int year = atoi(s), month = atoi(s + 5), day = atoi(s + 8);
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1900 || month < 1 || month > 12 || day < 1 || day > days[month - 1])
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap)
        return false;
    *y = year;
    *m = month;
    *d = day;
    return true;
}

static void set_text(char **field, const char *s, size_t n)
{
    free(*field);
    *field = fold_nfc(s, n);
}

/* Whether `value` says yes; -1 when it says neither yes nor no. */
static int yes_or_no(const char *s, size_t n)
{
    char *folded = fold_name(s, n);
    int answer = -1;
    static const char *const yes[] = {"yes", "co", "true", "1", "x"};
    static const char *const no[] = {"no", "khong", "false", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcmp(folded, yes[i]) == 0)
            answer = 1;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcmp(folded, no[i]) == 0)
            answer = 0;
    free(folded);
    return answer;
}

/* One `key: value` line of the block. Returns 0, or -1 after an error. */
static int parse_setting(period_context *c, const char *path, const line *l, bool seen[KEY_UNKNOWN],
                         diag_list *diags)
{
    const char *s = l->s;
    size_t n = l->len;
    str_trim(&s, &n, str_is_space);
    if (n == 0 || s[0] == '#')
        return 0;
    const char *colon = memchr(s, ':', n);
    buf q = BUF_INIT;
    if (!colon) {
        diag_quote(&q, s, n);
        diag_add(diags, DIAG_WARNING, path, l->number, column_of(l, s),
                 "%s is not a 'key: value' line; ignored", q.data);
        buf_free(&q);
        return 0;
    }
    const char *key = s, *value = colon + 1;
    size_t key_len = (size_t)(colon - s), value_len = n - key_len - 1;
    str_trim(&key, &key_len, str_is_space);
    str_trim(&value, &value_len, str_is_space);
    context_key k = find_key(key, key_len);
    int rc = 0;
    if (k == KEY_UNKNOWN) {
        diag_quote(&q, key, key_len);
        diag_add(diags, DIAG_WARNING, path, l->number, column_of(l, key),
                 "unknown key %s; ignored (known keys: conference, place, date, issuer, "
                 "illustrative, or hoi_nghi, dia_diem, ngay, co_quan, minh_hoa)",
                 q.data);
        buf_free(&q);
        return 0;
    }
    if (seen[k]) {
        diag_quote(&q, key, key_len);
        diag_add(diags, DIAG_WARNING, path, l->number, column_of(l, key),
                 "the key %s is given a second time; the later value counts", q.data);
        buf_clear(&q);
    }
    seen[k] = true;
    switch (k) {
    case KEY_CONFERENCE:
        set_text(&c->conference, value, value_len);
        break;
    case KEY_PLACE:
        set_text(&c->place, value, value_len);
        break;
    case KEY_ISSUER:
        set_text(&c->issuer, value, value_len);
        break;
    case KEY_DATE:
        c->year = c->month = c->day = 0;
        if (value_len > 0 && !parse_date(value, value_len, &c->year, &c->month, &c->day)) {
            diag_quote(&q, value, value_len);
            diag_add(diags, DIAG_ERROR, path, l->number, column_of(l, value),
                     "the date %s is not a day written YYYY-MM-DD (such as 2024-10-17)", q.data);
            rc = -1;
        }
        break;
    case KEY_ILLUSTRATIVE: {
        int answer = yes_or_no(value, value_len);
        if (answer < 0) {
            /* A reader must not be misled: when in doubt, the figures are said to be
             * illustrative. */
            diag_quote(&q, value, value_len);
            diag_add(diags, DIAG_WARNING, path, l->number, column_of(l, value),
                     "illustrative takes yes or no (có or không), not %s; taken as yes", q.data);
            answer = 1;
        }
        c->illustrative = answer == 1;
        break;
    }
    case KEY_UNKNOWN:
        break;
    }
    buf_free(&q);
    return rc;
}

/* The scheme of an address ("https", "javascript"), as its length; 0 for a relative one. */
static size_t scheme_length(const char *url)
{
    if (!url)
        return 0;
    size_t scheme = strcspn(url, ":/?#");
    return url[scheme] == ':' ? scheme : 0;
}

/* True for an address worth showing as text when its link goes: web and mail. */
static bool is_web_address(const char *url)
{
    size_t n = scheme_length(url);
    return (n == 4 && strncasecmp(url, "http", 4) == 0) ||
           (n == 5 && strncasecmp(url, "https", 5) == 0) ||
           (n == 6 && strncasecmp(url, "mailto", 6) == 0);
}

/* Puts the children of `node` in its place, and frees it; a link to the web or a mail address
 * leaves its address after its text, as text: "cổng thông tin (https://moit.gov.vn)". The
 * briefing links only to its own files (the HTML page is self-contained and fetches nothing). */
static void unwrap(cmark_node *node)
{
    cmark_node *child;
    while ((child = cmark_node_first_child(node)) != NULL)
        cmark_node_insert_before(node, child);
    const char *url = cmark_node_get_url(node);
    if (cmark_node_get_type(node) == CMARK_NODE_LINK && is_web_address(url)) {
        buf b = BUF_INIT;
        buf_printf(&b, " (%s)", url);
        cmark_node *shown = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(shown, b.data);
        cmark_node_insert_before(node, shown);
        buf_free(&b);
    }
    cmark_node_free(node);
}

/* Replaces `node` (raw HTML) by its text, shown as written: inert. */
static void html_as_text(cmark_node *node, bool block)
{
    const char *literal = cmark_node_get_literal(node);
    size_t n = literal ? strlen(literal) : 0;
    while (n > 0 && (literal[n - 1] == '\n' || literal[n - 1] == '\r'))
        n--;
    char *copy = xstrndup(literal ? literal : "", n);
    cmark_node *inert = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(inert, copy);
    free(copy);
    if (block) {
        cmark_node *paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
        cmark_node_append_child(paragraph, inert);
        inert = paragraph;
    }
    cmark_node_insert_before(node, inert);
    cmark_node_free(node);
}

/* The nodes to change, gathered before changing any: an iterator must not see its tree
 * change under it. */
typedef struct node_list {
    cmark_node **items;
    size_t count, cap;
} node_list;

static void make_safe(cmark_node *doc)
{
    node_list list = {NULL, 0, 0};
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) < 3)
            cmark_node_set_heading_level(n, 3); /* below the section's own heading */
        if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_IMAGE ||
            (t == CMARK_NODE_LINK && scheme_length(cmark_node_get_url(n)) > 0)) {
            list.items = xgrow(list.items, &list.cap, list.count + 1, sizeof *list.items);
            list.items[list.count++] = n;
        }
    }
    cmark_iter_free(it);
    /* Children before parents (the reverse of entering), so no node is changed after its
     * parent was freed. */
    for (size_t i = list.count; i-- > 0;) {
        cmark_node *n = list.items[i];
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE)
            html_as_text(n, t == CMARK_NODE_HTML_BLOCK);
        else
            unwrap(n); /* an image becomes its description; a link with a scheme its text */
    }
    free(list.items);
}

/* The Markdown of a section's body, made safe (see context.h). */
static char *safe_markdown(const char *s, size_t n)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (table)
        cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, s, n);
    cmark_node *doc = cmark_parser_finish(parser);
    make_safe(doc);
    char *md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    /* Trailing line ends go: the template places the blank lines. */
    size_t len = strlen(md);
    while (len > 0 && md[len - 1] == '\n')
        md[--len] = '\0';
    char *copy = xstrdup(md);
    free(md);
    return copy;
}

/* A `## title` line (up to three spaces before, as CommonMark allows): its title. */
static bool section_heading(const line *l, const char **title, size_t *title_len)
{
    const char *s = l->s;
    size_t n = l->len, indent = 0;
    while (indent < 3 && indent < n && s[indent] == ' ')
        indent++;
    s += indent;
    n -= indent;
    if (n < 2 || s[0] != '#' || s[1] != '#' || (n > 2 && s[2] != ' ' && s[2] != '\t'))
        return false;
    s += 2;
    n -= 2;
    str_trim(&s, &n, str_is_space);
    /* A closing sequence of #s, after a space, is not part of the title. */
    size_t end = n;
    while (end > 0 && s[end - 1] == '#')
        end--;
    if (end < n && (end == 0 || s[end - 1] == ' ' || s[end - 1] == '\t')) {
        n = end;
        str_trim(&s, &n, str_is_space);
    }
    *title = s;
    *title_len = n;
    return true;
}

/* Inside a fenced code block (``` or ~~~), a `##` line is code, not a section. */
static bool toggles_fence(const line *l, char *fence)
{
    const char *s = l->s;
    size_t n = l->len, i = 0;
    while (i < 3 && i < n && s[i] == ' ')
        i++;
    if (n - i < 3 || (s[i] != '`' && s[i] != '~') || s[i + 1] != s[i] || s[i + 2] != s[i])
        return false;
    if (*fence == 0) {
        *fence = s[i];
        return true;
    }
    if (*fence == s[i]) {
        *fence = 0;
        return true;
    }
    return false;
}

static void add_section(period_context *c, const char *title, size_t title_len, const buf *body)
{
    const char *b = body->data ? body->data : "";
    size_t blen = body->len;
    str_trim(&b, &blen, str_is_space);
    if (title_len == 0 && blen == 0)
        return; /* blank lines before the first heading */
    c->sections = xrealloc(c->sections, (c->n_sections + 1) * sizeof *c->sections);
    context_section *s = &c->sections[c->n_sections++];
    s->title = fold_nfc(title, title_len);
    char *nfc = fold_nfc(body->data ? body->data : "", body->len);
    s->body = safe_markdown(nfc, strlen(nfc));
    free(nfc);
}

static void parse_sections(period_context *c, const char *src, size_t len, size_t at, int number)
{
    buf body = BUF_INIT;
    const char *title = "";
    size_t title_len = 0;
    char fence = 0;
    line l;
    while (next_line(src, len, &at, &number, &l)) {
        const char *t;
        size_t tn;
        if (!toggles_fence(&l, &fence) && fence == 0 && section_heading(&l, &t, &tn)) {
            add_section(c, title, title_len, &body);
            buf_clear(&body);
            title = t;
            title_len = tn;
            continue;
        }
        buf_append(&body, l.s, l.len);
        buf_putc(&body, '\n');
    }
    add_section(c, title, title_len, &body);
    buf_free(&body);
}

int context_parse(period_context *c, const char *path, const unsigned char *bytes, size_t len,
                  diag_list *diags)
{
    c->present = true;
    digest_bytes(bytes, len, c->sha256);
    text t;
    text_error err;
    if (text_decode(bytes, len, &t, &err) != 0) {
        diag_add_texts(diags, DIAG_ERROR, path, err.line, err.column,
                       (const char *const[I18N_LANGS]){err.message, err.message_vi});
        return -1;
    }
    if (strcmp(t.encoding, TEXT_WINDOWS_1258) == 0)
        diag_add(diags, DIAG_WARNING, path, 0, 0,
                 "not UTF-8: read as Windows-1258; check its text and save it as UTF-8");
    size_t at = 0;
    int number = 0, rc = 0;
    line l;
    size_t before = 0;
    if (next_line(t.data, t.len, &at, &number, &l) && is_fence_line(&l)) {
        bool seen[KEY_UNKNOWN] = {false};
        bool closed = false;
        while (next_line(t.data, t.len, &at, &number, &l)) {
            if (is_fence_line(&l)) {
                closed = true;
                break;
            }
            if (parse_setting(c, path, &l, seen, diags) != 0)
                rc = -1;
        }
        if (!closed) {
            diag_add(diags, DIAG_ERROR, path, 1, 1,
                     "the block of settings that starts here with '---' has no closing '---' "
                     "line");
            rc = -1;
        }
        before = at;
    } else {
        at = before;
        number = 0;
    }
    if (rc == 0)
        parse_sections(c, t.data, t.len, before, number);
    text_free(&t);
    return rc;
}

int context_read(period_context *c, const char *input_dir, const char *period_name,
                 diag_list *diags)
{
    memset(c, 0, sizeof *c);
    char *dir = path_join(input_dir, period_name);
    char *path = path_join(dir, CONTEXT_FILE);
    free(dir);
    unsigned char *bytes = NULL;
    size_t len = 0;
    const char *kind = NULL;
    text_read_status status =
        text_read_file_limited(path, CONTEXT_MAX_BYTES, true, &bytes, &len, &kind);
    int rc = 0;
    if (status == TEXT_READ_FAILED && errno == ENOENT) {
        rc = 0; /* optional */
    } else if (status == TEXT_READ_TOO_LARGE) {
        diag_add(diags, DIAG_ERROR, path, 0, 0,
                 "the file is over the limit of %zu bytes; the period's text is a few pages",
                 (size_t)CONTEXT_MAX_BYTES);
        rc = -1;
    } else if (status == TEXT_READ_NOT_REGULAR) {
        buf en = BUF_INIT, vi = BUF_INIT;
        i18n_format(&en, I18N_EN,
                    "not read: %s, not a regular file; put the file itself in the folder",
                    i18n_text(I18N_EN, kind));
        i18n_format(&vi, I18N_VI,
                    "not read: %s, not a regular file; put the file itself in the folder",
                    i18n_text(I18N_VI, kind));
        diag_add_texts(diags, DIAG_ERROR, path, 0, 0, (const char *const[]){en.data, vi.data});
        buf_free(&en);
        buf_free(&vi);
        rc = -1;
    } else if (status != TEXT_READ_OK) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read the file: %s", i18n_strerror(errno));
        rc = -1;
    } else {
        buf name = BUF_INIT;
        buf_printf(&name, "%s/%s", period_name, CONTEXT_FILE);
        c->name = buf_detach(&name);
        rc = context_parse(c, path, bytes, len, diags);
    }
    free(bytes);
    free(path);
    return rc;
}

void context_free(period_context *c)
{
    for (size_t i = 0; i < c->n_sections; i++) {
        free(c->sections[i].title);
        free(c->sections[i].body);
    }
    free(c->sections);
    free(c->name);
    free(c->conference);
    free(c->place);
    free(c->issuer);
    memset(c, 0, sizeof *c);
}
