/* test_mustache.c - gen's own tests of the Mustache engine, beyond the official spec: the
 * escapers (the Markdown one checked by parsing its output with cmark-gfm), strict names, error
 * positions, the partial loader's answers and the recursion limit. */
#include "support.h"

#include "buf.h"
#include "mustache.h"

/* ---- helpers ------------------------------------------------------------------------------- */

/* A partial loader over a fixed table of (name, text) pairs. */
typedef struct partial_table {
    const char *const *pairs; /* name, text, name, text, ..., NULL */
    int calls;
    int fail; /* when set, every lookup fails with -1 */
} partial_table;

static int table_partial(void *context, const char *name, buf *out, char *message,
                         size_t message_size)
{
    partial_table *t = context;
    t->calls++;
    if (t->fail) {
        snprintf(message, message_size, "cannot read templates/%s.mustache: disk on fire", name);
        return -1;
    }
    for (const char *const *p = t->pairs; p && p[0]; p += 2) {
        if (strcmp(p[0], name) == 0) {
            buf_puts(out, p[1]);
            return 0;
        }
    }
    return 1;
}

typedef struct render_result {
    int rc;
    char *text; /* malloc'd, never NULL */
    mustache_error error;
} render_result;

static render_result render_with(const char *text, const mustache_value *data,
                                 const mustache_options *options)
{
    render_result r;
    buf out = BUF_INIT;
    r.rc = mustache_render(text, strlen(text), data, options, &out, &r.error);
    r.text = buf_detach(&out);
    return r;
}

/* Renders with options and frees `data`. */
static render_result render_and_free(const char *text, mustache_value *data,
                                     const mustache_options *options)
{
    render_result r = render_with(text, data, options);
    mustache_value_free(data);
    return r;
}

static mustache_value *map_of(const char *key, const char *value)
{
    mustache_value *m = mustache_map_new();
    mustache_map_set_string(m, key, value);
    return m;
}

static void assert_renders(const char *text, mustache_value *data, const mustache_options *options,
                           const char *expected)
{
    render_result r = render_and_free(text, data, options);
    if (r.rc != 0)
        print_error("render failed: %s\n", r.error.message);
    int rc = r.rc;
    int same = strcmp(r.text, expected) == 0;
    if (!same)
        print_error("expected \"%s\"\n     got \"%s\"\n", expected, r.text);
    free(r.text);
    assert_int_equal(rc, 0);
    assert_true(same);
}

/* Renders a template that must fail, and checks where. */
static void assert_fails_at(const char *text, mustache_value *data, const mustache_options *options,
                            const char *template_name, int line, int column,
                            const char *message_part)
{
    render_result r = render_and_free(text, data, options);
    free(r.text);
    bool as_expected = r.rc == -1 && strcmp(r.error.template_name, template_name) == 0 &&
                       r.error.line == line && r.error.column == column &&
                       strstr(r.error.message, message_part);
    if (!as_expected)
        print_error("\"%s\": rc %d, got (%s) %d:%d %s\n", text, r.rc, r.error.template_name,
                    r.error.line, r.error.column, r.error.message);
    assert_int_equal(r.rc, -1);
    assert_string_equal(r.error.template_name, template_name);
    assert_int_equal(r.error.line, line);
    assert_int_equal(r.error.column, column);
    assert_non_null(strstr(r.error.message, message_part));
}

static char *escape_with(mustache_escape_fn escape, const char *s)
{
    buf out = BUF_INIT;
    escape(&out, s, strlen(s));
    return buf_detach(&out);
}

static void assert_escapes(mustache_escape_fn escape, const char *in, const char *expected)
{
    char *got = escape_with(escape, in);
    assert_string_equal(got, expected);
    free(got);
}

/* ---- Markdown, checked with cmark-gfm ------------------------------------------------------ */

/* Values that try to leave their table cell or open a construct. */
static const char *const hostile_values[] = {
    "|",
    "a | b",
    "*x*",
    "**x**",
    "_x_",
    "__x__",
    "[x](javascript:alert(1))",
    "![x](http://example.com/x.png)",
    "[x][1]",
    "[^1]",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<http://example.com>",
    "&amp;",
    "&#60;",
    "# h",
    "- item",
    "+ item",
    "1. item",
    "2) item",
    "> q",
    "first line\nsecond line",
    "crlf\r\nline",
    "cr\rline",
    "`code`",
    "``x``",
    "```",
    "~~s~~",
    "\\",
    "\\|",
    "x\\",
    "\\*",
    "---",
    "===",
    "91,301",
    "Bà Rịa - Vũng Tàu",
    "1.21",
    "12.5% (Q1: 3/4), \"quoted\" and 'single'",
};
#define HOSTILE_COUNT (sizeof hostile_values / sizeof hostile_values[0])

/* Node types no escaped value may produce. */
static const char *const forbidden_types[] = {
    "link",
    "image",
    "html_inline",
    "html_block",
    "emph",
    "strong",
    "code",
    "code_block",
    "heading",
    "list",
    "item",
    "block_quote",
    "thematic_break",
    "strikethrough",
    "linebreak",
    "softbreak",
    "footnote_reference",
};

static bool is_type(cmark_node *node, const char *type)
{
    return node && strcmp(cmark_node_get_type_string(node), type) == 0;
}

/* The first forbidden node type found under `root`, or NULL. */
static const char *forbidden_node(cmark_node *root)
{
    const char *found = NULL;
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type ev;
    while (!found && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        for (size_t i = 0;
             ev == CMARK_EVENT_ENTER && i < sizeof forbidden_types / sizeof forbidden_types[0]; i++)
            if (is_type(node, forbidden_types[i]))
                found = forbidden_types[i];
    }
    cmark_iter_free(iter);
    return found;
}

/* The literal text under `node`: its text nodes, concatenated. */
static char *literal_text(cmark_node *node)
{
    buf text = BUF_INIT;
    cmark_iter *iter = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(iter);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT)
            buf_puts(&text, cmark_node_get_literal(n));
    }
    cmark_iter_free(iter);
    return buf_detach(&text);
}

/* What the value should read as once rendered: line breaks as single spaces, and without the
 * blanks around it (table cells and paragraphs drop them). */
static char *expected_text(const char *value)
{
    buf b = BUF_INIT;
    for (const char *p = value; *p; p++) {
        if (*p == '\r' && p[1] == '\n')
            continue;
        buf_putc(&b, *p == '\r' || *p == '\n' ? ' ' : *p);
    }
    char *s = buf_detach(&b);
    size_t start = strspn(s, " \t");
    size_t end = strlen(s);
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
    return s;
}

static void assert_literal(cmark_node *node, const char *value)
{
    char *got = literal_text(node);
    char *want = expected_text(value);
    if (strcmp(got, want) != 0)
        print_error("value \"%s\": rendered as \"%s\"\n", value, got);
    int same = strcmp(got, want) == 0;
    free(got);
    free(want);
    assert_true(same);
}

static char *render_markdown(const char *text, const char *value)
{
    mustache_value *data = mustache_map_new();
    mustache_map_set_string(data, "a", value);
    mustache_map_set_string(data, "b", value);
    mustache_options options = {0};
    options.escape = mustache_escape_markdown;
    options.strict_names = true;
    render_result r = render_and_free(text, data, &options);
    assert_int_equal(r.rc, 0);
    return r.text;
}

/* One table, one body row of exactly two cells, each reading as the value, nothing else. */
static void check_table_row(const char *value)
{
    char *markdown = render_markdown("| A | B |\n| --- | --- |\n| {{a}} | {{b}} |\n", value);
    cmark_node *doc = test_parse_gfm(markdown);
    cmark_node *table = cmark_node_first_child(doc);
    const char *bad = forbidden_node(doc);
    if (!is_type(table, "table") || cmark_node_next(table) || bad)
        print_error("value \"%s\" gave:\n%s(forbidden node: %s)\n", value, markdown,
                    bad ? bad : "none");
    assert_true(is_type(table, "table"));
    assert_null(cmark_node_next(table));
    assert_null(bad);

    cmark_node *header = cmark_node_first_child(table);
    cmark_node *row = cmark_node_next(header);
    assert_true(is_type(row, "table_row"));
    assert_null(cmark_node_next(row));
    cmark_node *cell = cmark_node_first_child(row);
    int cells = 0;
    for (; cell; cell = cmark_node_next(cell), cells++) {
        assert_true(is_type(cell, "table_cell"));
        assert_literal(cell, value);
    }
    assert_int_equal(cells, 2);
    cmark_node_free(doc);
    free(markdown);
}

static void test_markdown_table_cells(void **state)
{
    (void)state;
    for (size_t i = 0; i < HOSTILE_COUNT; i++)
        check_table_row(hostile_values[i]);
}

/* Values that would start a block if they began a line of their own. */
static const char *const block_starts[] = {
    "# h",
    "###### h",
    "#",
    "- item",
    "-",
    "+ item",
    "* item",
    "1. item",
    "1.",
    "1) item",
    "> quote",
    "=",
    "===",
    "---",
    "- - -",
    "***",
    "___",
    "```c",
    "~~~",
    "<div>",
    "| a | b |",
    "[x]: /u",
    "  # h",
    "\n# h",
    "\r\n- x",
    "   1. x",
    "[ ] task",
    "\t> q",
    "    indented code",
    "\t\tcode",
    "hard break  ",
};

/* The value alone on a line is one paragraph reading as the value. */
static void check_paragraph(const char *value)
{
    char *markdown = render_markdown("{{a}}\n", value);
    cmark_node *doc = test_parse_gfm(markdown);
    cmark_node *para = cmark_node_first_child(doc);
    const char *bad = forbidden_node(doc);
    if (!is_type(para, "paragraph") || cmark_node_next(para) || bad)
        print_error("value \"%s\" gave:\n%s(forbidden node: %s)\n", value, markdown,
                    bad ? bad : "none");
    assert_true(is_type(para, "paragraph"));
    assert_null(cmark_node_next(para));
    assert_null(bad);
    assert_literal(para, value);
    cmark_node_free(doc);
    free(markdown);
}

static void test_markdown_block_starts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof block_starts / sizeof block_starts[0]; i++)
        check_paragraph(block_starts[i]);
    for (size_t i = 0; i < HOSTILE_COUNT; i++)
        check_paragraph(hostile_values[i]);
}

/* The source stays readable: figures and names are left alone, and only what could open a
 * construct gets a backslash. */
static void test_markdown_source_text(void **state)
{
    (void)state;
    assert_escapes(mustache_escape_markdown, "91,301", "91,301");
    assert_escapes(mustache_escape_markdown, "Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu");
    assert_escapes(mustache_escape_markdown, "1.21", "1.21");
    assert_escapes(mustache_escape_markdown, "91.301", "91.301");
    assert_escapes(mustache_escape_markdown, "12.5% (Q1: 3/4), \"x\" 'y'",
                   "12.5% (Q1: 3/4), \"x\" 'y'");
    assert_escapes(mustache_escape_markdown, "1. item", "1\\. item");
    assert_escapes(mustache_escape_markdown, "2)", "2\\)");
    assert_escapes(mustache_escape_markdown, " # h", " \\# h");
    assert_escapes(mustache_escape_markdown, "-5%", "\\-5%");
    assert_escapes(mustache_escape_markdown, "a - b", "a - b");
    assert_escapes(mustache_escape_markdown, "a|b", "a\\|b");
    assert_escapes(mustache_escape_markdown, "*_[]<>~&!`\\", "\\*\\_\\[\\]\\<\\>\\~\\&\\!\\`\\\\");
    assert_escapes(mustache_escape_markdown, "a\r\nb\rc\nd", "a b c d");
    assert_escapes(mustache_escape_markdown, "    code", " code");
    assert_escapes(mustache_escape_markdown, "\t\n- x  \r\n", " \\- x ");
    assert_escapes(mustache_escape_markdown, "  ", " ");
    assert_escapes(mustache_escape_markdown, "", "");
}

/* ---- the other escapers -------------------------------------------------------------------- */

static void test_html_escaper(void **state)
{
    (void)state;
    assert_escapes(mustache_escape_html, "& < > \" '", "&amp; &lt; &gt; &quot; &#39;");
    assert_escapes(mustache_escape_html, "Bà Rịa - Vũng Tàu, 91,301", "Bà Rịa - Vũng Tàu, 91,301");
    assert_escapes(mustache_escape_html, "<<&>>", "&lt;&lt;&amp;&gt;&gt;");
    assert_escapes(mustache_escape_html, "", "");
    /* HTML is the default, and triple mustaches bypass the escaper. */
    assert_renders("{{a}}|{{{a}}}|{{&a}}", map_of("a", "<b>&'"), NULL,
                   "&lt;b&gt;&amp;&#39;|<b>&'|<b>&'");
}

static void test_no_escaper(void **state)
{
    (void)state;
    mustache_options options = {0};
    options.escape = mustache_escape_none;
    assert_renders("{{a}}", map_of("a", "<b>&\"*_|"), &options, "<b>&\"*_|");
}

/* ---- data ---------------------------------------------------------------------------------- */

static void test_data_never_becomes_template(void **state)
{
    (void)state;
    partial_table partials = {(const char *const[]){"p", "PARTIAL", NULL}, 0, 0};
    mustache_options options = {0};
    options.escape = mustache_escape_none;
    options.partial = table_partial;
    options.partial_context = &partials;
    mustache_value *data = map_of("a", "{{#x}}{{>p}}{{/x}}{{=<% %>=}}");
    mustache_map_set_bool(data, "x", true);
    assert_renders("{{a}}", data, &options, "{{#x}}{{>p}}{{/x}}{{=<% %>=}}");
    assert_int_equal(partials.calls, 0);
}

static void test_truthiness(void **state)
{
    (void)state;
    mustache_value *data = mustache_map_new();
    mustache_map_set(data, "zero", mustache_number_new("0"));
    mustache_map_set_string(data, "empty", "");
    mustache_map_set(data, "list", mustache_list_new());
    mustache_map_set(data, "map", mustache_map_new());
    mustache_map_set(data, "null", mustache_null_new());
    mustache_map_set_bool(data, "no", false);
    assert_renders("{{#zero}}z{{/zero}}{{#empty}}e{{/empty}}{{#list}}L{{/list}}{{#map}}m{{/map}}"
                   "{{#null}}N{{/null}}{{#no}}F{{/no}}{{^list}}!{{/list}}",
                   data, NULL, "zem!");
}

static void test_map_set_replaces(void **state)
{
    (void)state;
    mustache_value *data = map_of("a", "first");
    mustache_map_set_string(data, "a", "second");
    mustache_map_set(data, "n", mustache_number_new("85"));
    mustache_value *list = mustache_list_new();
    mustache_list_push(list, mustache_number_new("1"));
    mustache_list_push(list, mustache_bool_new(true));
    mustache_map_set(data, "list", list);
    assert_renders("{{a}} {{n}} {{#list}}[{{.}}]{{/list}}", data, NULL, "second 85 [1][true]");
}

/* ---- strict names -------------------------------------------------------------------------- */

static void test_strict_names(void **state)
{
    (void)state;
    mustache_options strict = {0};
    strict.strict_names = true;
    /* Columns count characters: "éé" is two, not four bytes. */
    assert_fails_at("Line one\n  éé {{missing}}", mustache_map_new(), &strict, "", 2, 6,
                    "\"missing\"");
    mustache_value *data = mustache_map_new();
    mustache_map_set(data, "a", mustache_map_new());
    assert_fails_at("{{#a}}\n{{{a.b}}}{{/a}}", data, &strict, "", 2, 1, "\"a.b\"");
    assert_fails_at("{{& nope }}", mustache_map_new(), &strict, "", 1, 1, "nope");
    assert_fails_at("{{.}}", NULL, &strict, "", 1, 1, "\".\"");

    /* Sections and null values are not misses; without strict_names a miss is empty. */
    mustache_value *ok = map_of("present", "yes");
    mustache_map_set(ok, "null", mustache_null_new());
    assert_renders("{{#nope}}x{{/nope}}{{^nope}}y{{/nope}}[{{null}}]{{present}}", ok, &strict,
                   "y[]yes");
    assert_renders("[{{missing}}]", mustache_map_new(), NULL, "[]");
}

/* ---- structural errors --------------------------------------------------------------------- */

static void test_unclosed_section(void **state)
{
    (void)state;
    assert_fails_at("ab\n cd{{#sec}}x", NULL, NULL, "", 2, 4, "\"sec\"");
    assert_fails_at("{{#a}}{{#b}}{{/b}}\n", NULL, NULL, "", 1, 1, "\"a\"");
    assert_fails_at("{{=<% %>=}}\n<%^inv%>", NULL, NULL, "", 2, 1, "\"inv\"");
}

static void test_mismatched_closing_tag(void **state)
{
    (void)state;
    assert_fails_at("{{#a}}\n  {{/b}}", NULL, NULL, "", 2, 3, "\"b\"");
    assert_fails_at("{{#a}}{{#b}}{{/a}}{{/b}}", NULL, NULL, "", 1, 13, "\"a\"");
}

static void test_closing_tag_without_opening(void **state)
{
    (void)state;
    assert_fails_at("x {{/a}}", NULL, NULL, "", 1, 3, "\"a\"");
    assert_fails_at("{{#a}}{{/a}}\nẞ{{/a}}", NULL, NULL, "", 2, 2, "no open section");
}

static void test_unclosed_tag(void **state)
{
    (void)state;
    assert_fails_at("é {{name", NULL, NULL, "", 1, 3, "unclosed tag");
    assert_fails_at("\n{{{name}}", NULL, NULL, "", 2, 1, "unclosed tag");
    assert_fails_at("{{=[ ]=}}\n\n  [name", NULL, NULL, "", 3, 3, "unclosed tag");
    assert_fails_at("{{! never closed", NULL, NULL, "", 1, 1, "unclosed tag");
}

static void test_bad_set_delimiter(void **state)
{
    (void)state;
    assert_fails_at("\n{{=<%%>=}}", NULL, NULL, "", 2, 1, "set-delimiter");
    assert_fails_at("x{{=a b c=}}", NULL, NULL, "", 1, 2, "set-delimiter");
    assert_fails_at("{{= =}}", NULL, NULL, "", 1, 1, "set-delimiter");
    assert_fails_at("{{=<= =>=}}", NULL, NULL, "", 1, 1, "set-delimiter");
    assert_fails_at("{{=<% %>}}", NULL, NULL, "", 1, 1, "unclosed tag");
}

static void test_bad_names(void **state)
{
    (void)state;
    assert_fails_at("{{}}", NULL, NULL, "", 1, 1, "empty tag");
    assert_fails_at("a{{# }}", NULL, NULL, "", 1, 2, "empty tag");
    assert_fails_at("{{a b}}", NULL, NULL, "", 1, 1, "space");
    assert_fails_at("{{a..b}}", NULL, NULL, "", 1, 1, "empty part");
    assert_fails_at("{{>}}", NULL, NULL, "", 1, 1, "empty tag");
}

/* ---- partials ------------------------------------------------------------------------------ */

static void test_partial_not_found_is_empty(void **state)
{
    (void)state;
    partial_table partials = {(const char *const[]){"p", "P", NULL}, 0, 0};
    mustache_options options = {0};
    options.partial = table_partial;
    options.partial_context = &partials;
    assert_renders("[{{>none}}|{{>p}}]", NULL, &options, "[|P]");
    assert_int_equal(partials.calls, 2);
    /* No loader at all: every partial is missing. */
    assert_renders("[{{>p}}]", NULL, NULL, "[]");
}

static void test_partial_loader_error(void **state)
{
    (void)state;
    partial_table partials = {NULL, 0, 1};
    mustache_options options = {0};
    options.partial = table_partial;
    options.partial_context = &partials;
    assert_fails_at("ok\n  x {{> header }}", NULL, &options, "", 2, 5, "disk on fire");
    assert_fails_at("{{>header}}", NULL, &options, "", 1, 1, "\"header\"");
}

/* An error inside a partial names the partial and points into its own text, even when a
 * standalone tag indented it. */
static void test_errors_inside_partials(void **state)
{
    (void)state;
    partial_table partials = {(const char *const[]){"p", "ok\n  {{nope}}\n", "bad", "\n {{#a}}",
                                                    "outer", "x {{>bad}}", NULL},
                              0, 0};
    mustache_options options = {0};
    options.partial = table_partial;
    options.partial_context = &partials;
    options.strict_names = true;
    assert_fails_at("top\n    {{>p}}\n", NULL, &options, "p", 2, 3, "\"nope\"");
    assert_fails_at("{{>outer}}", NULL, &options, "bad", 2, 2, "never closed");
}

/* A partial used in a loop is loaded once per render. */
static void test_partial_loaded_once(void **state)
{
    (void)state;
    partial_table partials = {(const char *const[]){"item", "<{{.}}>", NULL}, 0, 0};
    mustache_options options = {0};
    options.partial = table_partial;
    options.partial_context = &partials;
    mustache_value *data = mustache_map_new();
    mustache_value *list = mustache_list_new();
    for (int i = 0; i < 3; i++)
        mustache_list_push(list, mustache_number_new(i == 0 ? "1" : i == 1 ? "2" : "3"));
    mustache_map_set(data, "list", list);
    assert_renders("{{#list}}{{>item}}{{/list}}", data, &options, "<1><2><3>");
    assert_int_equal(partials.calls, 1);
}

/* {"c": {"c": ... {"c": false}}}, `depth` maps above the innermost one. The chain has to end
 * in false: a missing "c" would be found again further down the context stack. */
static mustache_value *nested_maps(int depth)
{
    mustache_value *v = mustache_map_new();
    mustache_map_set_bool(v, "c", false);
    for (int i = 0; i < depth; i++) {
        mustache_value *outer = mustache_map_new();
        mustache_map_set(outer, "c", v);
        v = outer;
    }
    return v;
}

static void test_recursion_limit(void **state)
{
    (void)state;
    partial_table partials = {
        (const char *const[]){"n", "{{#c}}.{{>n}}{{/c}}", "self", "x{{>self}}", NULL}, 0, 0};
    mustache_options options = {0};
    options.partial = table_partial;
    options.partial_context = &partials;

    /* The main template's {{>n}} is level 1, each nested map adds one: 64 levels render. */
    char dots[64];
    memset(dots, '.', 63);
    dots[63] = '\0';
    assert_renders("{{>n}}", nested_maps(63), &options, dots);
    assert_fails_at("{{>n}}", nested_maps(64), &options, "n", 1, 8, "deeper than 64");
    assert_fails_at("{{>self}}", NULL, &options, "self", 1, 2, "deeper than 64");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_table_cells),
        cmocka_unit_test(test_markdown_block_starts),
        cmocka_unit_test(test_markdown_source_text),
        cmocka_unit_test(test_html_escaper),
        cmocka_unit_test(test_no_escaper),
        cmocka_unit_test(test_data_never_becomes_template),
        cmocka_unit_test(test_truthiness),
        cmocka_unit_test(test_map_set_replaces),
        cmocka_unit_test(test_strict_names),
        cmocka_unit_test(test_unclosed_section),
        cmocka_unit_test(test_mismatched_closing_tag),
        cmocka_unit_test(test_closing_tag_without_opening),
        cmocka_unit_test(test_unclosed_tag),
        cmocka_unit_test(test_bad_set_delimiter),
        cmocka_unit_test(test_bad_names),
        cmocka_unit_test(test_partial_not_found_is_empty),
        cmocka_unit_test(test_partial_loader_error),
        cmocka_unit_test(test_errors_inside_partials),
        cmocka_unit_test(test_partial_loaded_once),
        cmocka_unit_test(test_recursion_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
