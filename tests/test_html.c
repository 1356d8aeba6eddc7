/* The HTML briefing: self-contained, well-formed, carrying every figure of the Markdown, and
 * inert whatever the submitted text holds. */
#include "support.h"

#include <ctype.h>
#include <unistd.h>

#include "briefing.h"
#include "catalog.h"
#include "chart.h"
#include "html.h"
#include "period.h"
#include "region.h"

typedef struct demo {
    char *markdown;
    char *html;
} demo;

static demo render_demo(void)
{
    demo d;
    test_demo_render(&d.markdown, &d.html);
    return d;
}

static void demo_free(demo *d)
{
    free(d->markdown);
    free(d->html);
}

static size_t count(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void test_page_is_self_contained(void **state)
{
    (void)state;
    demo d = render_demo();
    assert_true(strncmp(d.html, "<!doctype html>", 15) == 0);
    assert_non_null(strstr(d.html, "<html lang=\"vi\">"));
    assert_non_null(strstr(d.html, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(d.html, "<title>Công tác khuyến công khu vực phía Nam, 9 tháng năm "
                                   "2024</title>"));
    const char *forbidden[] = {"<script", "<link",  "<img",     "<iframe", "@import",
                               "src=",    "https:", "url(http", "url(\"",  "url('"};
    for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++)
        if (strstr(d.html, forbidden[i]))
            fail_msg("the page holds '%s'", forbidden[i]);
    /* The only address is the SVG namespace, which names and fetches nothing. */
    assert_int_equal(count(d.html, "http:"), count(d.html, "http://www.w3.org/2000/svg"));
    assert_int_equal(count(d.html, "<svg "), 3);
    demo_free(&d);
}

/* Every number of the Markdown (figures, rates, counts) appears in the HTML as often. */
static void test_every_figure_of_the_markdown_is_in_the_html(void **state)
{
    (void)state;
    demo d = render_demo();
    size_t checked = 0;
    for (const char *p = d.markdown; *p;) {
        if (!isdigit((unsigned char)*p)) {
            p++;
            continue;
        }
        size_t n = strspn(p, "0123456789.,%");
        char token[64];
        snprintf(token, sizeof token, "%.*s", (int)(n < 63 ? n : 63), p);
        if (strchr(token, ',') && count(d.html, token) < count(d.markdown, token))
            fail_msg("figure %s: %zu times in the Markdown, %zu in the HTML", token,
                     count(d.markdown, token), count(d.html, token));
        checked += strchr(token, ',') != NULL;
        p += n;
    }
    /* Two tables of 22 and 14 rows of figures, and the prose: a few hundred. */
    assert_true(checked > 250);
    demo_free(&d);
}

static void test_tables_keep_every_row(void **state)
{
    (void)state;
    demo d = render_demo();
    const char *first = strstr(d.html, "<table>");
    const char *second = first ? strstr(first + 1, "<table>") : NULL;
    assert_non_null(second);
    char *province_table = strndup(first, (size_t)(second - first));
    /* Header, 20 roster provinces, region total. */
    assert_int_equal(count(province_table, "<tr>"), 22);
    assert_int_equal(count(province_table, "<caption>"), 1);
    assert_non_null(strstr(province_table, "Bà Rịa - Vũng Tàu"));
    free(province_table);
    assert_int_equal(count(d.html, "<div class=\"table-scroll\"><table>"), 2);
    assert_int_equal(count(d.html, " align="), 0);
    demo_free(&d);
}

/* Every tag of `html` is one the table-and-paragraph Markdown makes, with no attribute but the
 * alignment class: text '<' is escaped, so each '<' starts a real tag. */
static void assert_only_table_markup(const char *html, const char *input)
{
    const char *allowed[] = {"div class=\"table-scroll\"",
                             "div",
                             "table",
                             "thead",
                             "tbody",
                             "tr",
                             "th",
                             "td",
                             "p",
                             "th class=\"align-right\"",
                             "td class=\"align-right\""};
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        const char *end = strchr(p, '>');
        assert_non_null(end);
        const char *name = p + 1 + (p[1] == '/');
        size_t n = (size_t)(end - name);
        bool ok = false;
        for (size_t k = 0; k < sizeof allowed / sizeof allowed[0] && !ok; k++)
            ok = strlen(allowed[k]) == n && strncmp(allowed[k], name, n) == 0;
        if (!ok)
            fail_msg("'%s' made the tag <%.*s>", input, (int)n, name);
    }
}

/* Hostile text, escaped for Markdown as the briefing does, stays text in the page. */
static void test_hostile_text_stays_text(void **state)
{
    (void)state;
    const char *hostile[] = {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "javascript:alert(1)",
        "&lt;script&gt;",
        "| a | b |",
        "<svg onload=alert(1)>",
        "[x]: javascript:alert(1)",
        "<img src=\"chart-provinces.svg\" />",
        "![c](chart-provinces.svg)",
    };
    chart_set charts = {{{"chart-provinces.svg", strdup("<svg class=\"chart\"></svg>")},
                         {"chart-rates.svg", strdup("<svg></svg>")},
                         {"chart-contents.svg", strdup("<svg></svg>")}}};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        buf md = BUF_INIT, html = BUF_INIT;
        buf_puts(&md, "| a | b |\n|---|--:|\n| ");
        mustache_escape_markdown(&md, hostile[i], strlen(hostile[i]));
        buf_puts(&md, " | 1 |\n\nText: ");
        mustache_escape_markdown(&md, hostile[i], strlen(hostile[i]));
        buf_puts(&md, "\n");
        diag_list diags = DIAG_LIST_INIT;
        assert_int_equal(html_body(md.data, md.len, &charts, &html, &diags), 0);
        assert_only_table_markup(html.data, hostile[i]);
        assert_int_equal(count(html.data, "<td"), 2);
        buf_free(&md);
        buf_free(&html);
        diag_list_free(&diags);
    }
    chart_set_free(&charts);
}

static int run_tidy(const char *path)
{
    char *argv[] = {"tidy", "-q", "-e", (char *)path, NULL};
    return test_run_status(&(test_cmd){.argv = argv});
}

/* HTML Tidy (an HTML5 checker packaged by Debian) finds neither error nor warning. */
static void test_tidy_finds_nothing(void **state)
{
    (void)state;
    demo d = render_demo();
    char path[] = "/tmp/gen-test-html-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(d.html);
    assert_int_equal(write(fd, d.html, len), (ssize_t)len);
    close(fd);
    int status = run_tidy(path);
    unlink(path);
    demo_free(&d);
    assert_int_equal(status, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_is_self_contained),
        cmocka_unit_test(test_every_figure_of_the_markdown_is_in_the_html),
        cmocka_unit_test(test_tables_keep_every_row),
        cmocka_unit_test(test_hostile_text_stays_text),
        cmocka_unit_test(test_tidy_finds_nothing),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
