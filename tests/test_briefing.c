/* The Markdown briefing of the demo data, rendered in process and read back with cmark-gfm:
 * it must parse as CommonMark with its two GFM tables whole, and state the 2024 report's ten
 * figures. */
#include "support.h"

static char *render_demo(void)
{
    char *markdown;
    test_demo_render(&markdown, NULL);
    return markdown;
}

typedef struct table_shape {
    int rows;
    int cells_min;
    int cells_max;
} table_shape;

static table_shape shape_of(cmark_node *table)
{
    table_shape s = {0, 1000, 0};
    for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
        int cells = 0;
        for (cmark_node *c = cmark_node_first_child(row); c; c = cmark_node_next(c))
            cells++;
        s.rows++;
        s.cells_min = cells < s.cells_min ? cells : s.cells_min;
        s.cells_max = cells > s.cells_max ? cells : s.cells_max;
    }
    return s;
}

static void test_tables_parse_whole(void **state)
{
    (void)state;
    char *md = render_demo();
    cmark_node *doc = test_parse_gfm(md);
    cmark_iter *it = cmark_iter_new(doc);
    table_shape shapes[4];
    int tables = 0, raw_html = 0;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (strcmp(cmark_node_get_type_string(n), "table") == 0 && tables < 4)
            shapes[tables++] = shape_of(n);
        int type = cmark_node_get_type(n);
        raw_html += type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE;
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    free(md);
    assert_int_equal(tables, 2);
    /* Provinces: header, 20 provinces, region total; 12 columns on every row (the plan against
     * last year is the sixth). */
    assert_int_equal(shapes[0].rows, 22);
    assert_int_equal(shapes[0].cells_min, 12);
    assert_int_equal(shapes[0].cells_max, 12);
    /* Contents: header, 12 contents, total; 9 columns. */
    assert_int_equal(shapes[1].rows, 14);
    assert_int_equal(shapes[1].cells_min, 9);
    assert_int_equal(shapes[1].cells_max, 9);
    assert_int_equal(raw_html, 0);
}

static void test_states_the_reports_figures(void **state)
{
    (void)state;
    char *md = render_demo();
    const char *stated[] = {"**91,301 tỷ đồng**", "giảm 8,1%",  "99,354 tỷ đồng",
                            "**25,297 tỷ đồng**", "**27,7%**",  "**74,5%**",
                            "**3,933 tỷ đồng**",  "**12,18%**", "**21,364 tỷ đồng**",
                            "**36,21%**"};
    for (size_t i = 0; i < sizeof stated / sizeof stated[0]; i++)
        if (!strstr(md, stated[i]))
            fail_msg("the briefing does not state %s", stated[i]);
    assert_non_null(strstr(md, "**20/20**"));
    free(md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables_parse_whole),
        cmocka_unit_test(test_states_the_reports_figures),
    };
    return cmocka_run_group_tests_name("briefing", tests, NULL, NULL);
}
