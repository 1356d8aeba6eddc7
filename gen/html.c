#include "html.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm/registry.h>

#include "alloc.h"
#include "escape.h"
#include "template.h"

/* Per table, in document order: the HTML of its caption, or NULL. */
typedef struct captions {
    char **html;
    size_t count;
    size_t cap;
} captions;

static bool is_type(cmark_node *node, const char *type)
{
    return node && strcmp(cmark_node_get_type_string(node), type) == 0;
}

static bool starts_with_table_word(cmark_node *paragraph)
{
    cmark_node *first = cmark_node_first_child(paragraph);
    while (first && cmark_node_get_type(first) != CMARK_NODE_TEXT)
        first = cmark_node_first_child(first);
    const char *literal = first ? cmark_node_get_literal(first) : NULL;
    return literal && strncmp(literal, "Bảng", strlen("Bảng")) == 0;
}

/* The inline HTML of a paragraph, without its <p> and </p>. */
static char *paragraph_inner_html(cmark_node *paragraph, cmark_llist *extensions)
{
    char *html = cmark_render_html(paragraph, CMARK_OPT_DEFAULT, extensions);
    if (!html)
        alloc_failed();
    size_t len = strlen(html);
    while (len && html[len - 1] == '\n')
        len--;
    char *inner = (len >= 7 && strncmp(html, "<p>", 3) == 0) ? xstrndup(html + 3, len - 7)
                                                             : xstrndup(html, len);
    free(html);
    return inner;
}

/* Takes caption paragraphs out of the tree, remembering them per table. */
static void collect_captions(cmark_node *doc, cmark_llist *extensions, captions *c)
{
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        if (!is_type(n, "table"))
            continue;
        cmark_node *before = cmark_node_previous(n);
        char *caption = NULL;
        if (before && cmark_node_get_type(before) == CMARK_NODE_PARAGRAPH &&
            starts_with_table_word(before)) {
            caption = paragraph_inner_html(before, extensions);
            cmark_node_free(before); /* unlinks it too */
        }
        c->html = xgrow(c->html, &c->cap, c->count + 1, sizeof *c->html);
        c->html[c->count++] = caption;
    }
}

static void free_captions(captions *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->html[i]);
    free(c->html);
}

/* cmark writes `<img src="URL" alt="..." />`; data cannot forge one, since it is escaped. */
static const chart *chart_at(const chart_set *charts, const char *s)
{
    static const char prefix[] = "<img src=\"";
    if (!charts || strncmp(s, prefix, sizeof prefix - 1) != 0)
        return NULL;
    for (int i = 0; i < CHART_COUNT; i++) {
        const char *name = charts->charts[i].file_name;
        size_t n = strlen(name);
        if (strncmp(s + sizeof prefix - 1, name, n) == 0 && s[sizeof prefix - 1 + n] == '"')
            return &charts->charts[i];
    }
    return NULL;
}

/* Copies cmark's HTML, wrapping tables, placing captions, turning alignment into classes and
 * inlining charts. Data cannot forge any of these tags or attributes: cmark escapes '<' and '"'
 * in text. */
static void finish_html(const char *html, const captions *c, const chart_set *charts, buf *out)
{
    size_t table = 0;
    for (const char *p = html; *p;) {
        const chart *figure;
        if (strncmp(p, "<table>", 7) == 0) {
            buf_puts(out, "<div class=\"table-scroll\"><table>");
            if (table < c->count && c->html[table])
                buf_printf(out, "\n<caption>%s</caption>", c->html[table]);
            table++;
            p += 7;
        } else if (strncmp(p, "</table>", 8) == 0) {
            buf_puts(out, "</table></div>");
            p += 8;
        } else if (strncmp(p, " align=\"", 8) == 0) {
            /* cmark-gfm marks column alignment with the align attribute, which HTML5 dropped:
             * say it with a class the stylesheet aligns. */
            const char *end = strchr(p + 8, '"');
            buf_printf(out, " class=\"align-%.*s\"", end ? (int)(end - p - 8) : 0, p + 8);
            p = end ? end + 1 : p + 8;
        } else if ((figure = chart_at(charts, p)) != NULL) {
            /* In a box of its own, which a phone scrolls sideways rather than shrink the
             * chart's labels below reading size. */
            buf_puts(out, "<span class=\"chart-scroll\">");
            buf_puts(out, figure->svg);
            buf_puts(out, "</span>");
            const char *end = strstr(p, "/>");
            p = end ? end + 2 : p + strlen(p);
        } else {
            /* Up to the next place one of the above can begin ('<' or ' '), in one copy. */
            size_t run = 1 + strcspn(p + 1, "< ");
            buf_append(out, p, run);
            p += run;
        }
    }
}

void html_prepare(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

int html_body(const char *markdown, size_t len, const chart_set *charts, buf *out, diag_list *diags)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (!parser || !table) {
        diag_add(diags, DIAG_ERROR, NULL, 0, 0, "cmark-gfm has no table extension");
        if (parser)
            cmark_parser_free(parser);
        return -1;
    }
    cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, markdown, len);
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_llist *extensions = cmark_parser_get_syntax_extensions(parser);
    captions c = {0};
    collect_captions(doc, extensions, &c);
    char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, extensions);
    if (!html)
        alloc_failed();
    finish_html(html, &c, charts, out);
    free(html);
    free_captions(&c);
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return 0;
}

int html_render_page(const char *template_name, const char *markdown, size_t len,
                     const chart_set *charts, mustache_value *model, template_set *templates,
                     buf *out, diag_list *diags)
{
    buf body = BUF_INIT;
    int rc = html_body(markdown, len, charts, &body, diags);
    if (rc == 0) {
        mustache_map_set_string(model, "body", body.data ? body.data : "");
        rc = template_render(templates, template_name, model, mustache_escape_html, out, diags);
    }
    buf_free(&body);
    return rc;
}

int html_render_briefing(const char *markdown, size_t len, const chart_set *charts,
                         mustache_value *model, template_set *templates, buf *out, diag_list *diags)
{
    return html_render_page("briefing.html", markdown, len, charts, model, templates, out, diags);
}

void html_release(void)
{
    cmark_release_plugins();
}
