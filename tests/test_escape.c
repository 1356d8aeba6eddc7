/* test_escape.c - the last defence of the XML documents (HTML page, SVG charts, annex): a
 * character XML 1.0 cannot hold never reaches them, whatever path it took. */
#include "support.h"

#include "escape.h"

static char *escaped_html(const char *s, size_t len)
{
    buf out = BUF_INIT;
    mustache_escape_html(&out, s, len);
    return buf_detach(&out);
}

static void html_escaping_replaces_what_xml_cannot_hold(void **state)
{
    (void)state;
    static const char hostile[] = "a\x01<b>\xEF\xBF\xBF&\xEF\xBF\xBE\t\n\r\x1B";
    char *got = escaped_html(hostile, sizeof hostile - 1);
    assert_string_equal(got,
                        "a\xEF\xBF\xBD&lt;b&gt;\xEF\xBF\xBD&amp;\xEF\xBF\xBD\t\n\r\xEF\xBF\xBD");
    free(got);
    /* Neighbours of U+FFFF are text: U+FFFD, U+FFFC, U+FEFF's bytes do not match. */
    got = escaped_html("\xEF\xBF\xBD\xEF\xBF\xBC\xEF\xBF", 8);
    assert_string_equal(got, "\xEF\xBF\xBD\xEF\xBF\xBC\xEF\xBF");
    free(got);
}

static void clean_copies_only_when_needed(void **state)
{
    (void)state;
    char *owned;
    const char *plain = "Đồng Tháp – 12,7%";
    assert_ptr_equal(escape_xml_clean(plain, &owned), plain);
    assert_null(owned);
    const char *empty = "";
    assert_ptr_equal(escape_xml_clean(empty, &owned), empty);
    const char *cleaned = escape_xml_clean("T\xEF\xBF\xBFx\x02", &owned);
    assert_non_null(owned);
    assert_string_equal(cleaned, "T\xEF\xBF\xBDx\xEF\xBF\xBD");
    free(owned);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_escaping_replaces_what_xml_cannot_hold),
        cmocka_unit_test(clean_copies_only_when_needed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
