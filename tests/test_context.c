/* Unit tests for context.c: input/PERIOD/context.md, the period's settings and sections.
 * Keys in English and Vietnamese, an unknown key (a warning at its position), a malformed
 * date (an error at its line: fatal), sections in order, hostile HTML and links made inert,
 * no settings block at all, a byte-order mark, CRLF line ends, a file that is absent. */
#include "support.h"

#include "context.h"

typedef struct parsed {
    period_context c;
    diag_list diags;
    int rc;
} parsed;

static void parse(parsed *p, const char *text)
{
    memset(p, 0, sizeof *p);
    p->rc = context_parse(&p->c, "in/2024-09/context.md", (const unsigned char *)text,
                          strlen(text), &p->diags);
}

static void done(parsed *p)
{
    context_free(&p->c);
    diag_list_free(&p->diags);
}

/* The diagnostic of `severity` at LINE:COLUMN whose English message holds `part`. */
static void expect_diag(const parsed *p, diag_severity severity, int line, int column,
                        const char *part)
{
    for (size_t i = 0; i < p->diags.count; i++) {
        const diag *d = &p->diags.items[i];
        if (d->severity == severity && d->line == line && d->column == column &&
            strstr(d->message, part) && strcmp(d->file, "in/2024-09/context.md") == 0)
            return;
    }
    fail_msg("no %s at %d:%d mentioning '%s' among %zu diagnostics",
             severity == DIAG_ERROR ? "error" : "warning", line, column, part, p->diags.count);
}

static void test_english_keys(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "---\n"
              "conference: Hội nghị khuyến công các tỉnh, thành phố khu vực phía Nam lần thứ XIV\n"
              "place: Tây Ninh\n"
              "date: 2024-10-17\n"
              "issuer: BAN TỔ CHỨC HỘI NGHỊ\n"
              "illustrative: yes\n"
              "---\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.diags.count, 0);
    assert_true(p.c.present);
    assert_string_equal(p.c.conference,
                        "Hội nghị khuyến công các tỉnh, thành phố khu vực phía Nam lần thứ XIV");
    assert_string_equal(p.c.place, "Tây Ninh");
    assert_string_equal(p.c.issuer, "BAN TỔ CHỨC HỘI NGHỊ");
    assert_int_equal(p.c.year, 2024);
    assert_int_equal(p.c.month, 10);
    assert_int_equal(p.c.day, 17);
    assert_true(p.c.illustrative);
    assert_int_equal(p.c.n_sections, 0);
    done(&p);
}

/* Vietnamese keys, also with diacritics and other spellings (folded as header names are). */
static void test_vietnamese_keys(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "---\n"
              "hoi_nghi: Hội nghị lần thứ XIV\n"
              "Địa điểm: Tây Ninh\n"
              "NGAY: 2024-10-17\n"
              "co-quan: SỞ CÔNG THƯƠNG\n"
              "minh_hoa: có\n"
              "---\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.diags.count, 0);
    assert_string_equal(p.c.conference, "Hội nghị lần thứ XIV");
    assert_string_equal(p.c.place, "Tây Ninh");
    assert_string_equal(p.c.issuer, "SỞ CÔNG THƯƠNG");
    assert_int_equal(p.c.day, 17);
    assert_true(p.c.illustrative);
    done(&p);
    parse(&p, "---\nminh_hoa: không\n---\n");
    assert_int_equal(p.rc, 0);
    assert_false(p.c.illustrative);
    done(&p);
    /* Neither yes nor no: said, and taken as yes (a reader must not be misled). */
    parse(&p, "---\nminh_hoa: có lẽ\n---\n");
    assert_int_equal(p.rc, 0);
    assert_true(p.c.illustrative);
    expect_diag(&p, DIAG_WARNING, 2, 11, "illustrative takes yes or no");
    done(&p);
}

static void test_unknown_key_is_a_warning_at_its_position(void **state)
{
    (void)state;
    assert_int_equal(i18n_init("build/locale/vi/LC_MESSAGES/gen.mo"), 0);
    parsed p;
    parse(&p, "---\nplace: Tây Ninh\n  chủ_trì: Cục Công Thương địa phương\nno colon here\n---\n");
    assert_int_equal(p.rc, 0);
    expect_diag(&p, DIAG_WARNING, 3, 3, "unknown key 'chủ_trì'");
    expect_diag(&p, DIAG_WARNING, 4, 1, "is not a 'key: value' line");
    /* Vietnamese for the documents and a Vietnamese standard error. */
    if (!strstr(p.diags.items[0].message_vi, "không có trong danh sách"))
        fail_msg("Vietnamese: %s", p.diags.items[0].message_vi);
    assert_string_equal(p.c.place, "Tây Ninh");
    done(&p);
    i18n_release();
}

static void test_malformed_date_is_fatal_with_its_line(void **state)
{
    (void)state;
    static const char *const bad[] = {"17/10/2024", "2024-10-32", "2023-02-29", "2024-1-7",
                                      "2024-10-17x", "hôm nay"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        parsed p;
        char text[128];
        snprintf(text, sizeof text, "---\nplace: Tây Ninh\nngay: %s\n---\n## A\ntext\n", bad[i]);
        parse(&p, text);
        assert_int_equal(p.rc, -1);
        expect_diag(&p, DIAG_ERROR, 3, 7, "is not a day written YYYY-MM-DD");
        done(&p);
    }
    parsed p;
    parse(&p, "---\nngay: 2024-02-29\n---\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.c.month, 2);
    done(&p);
    /* A block that never closes is fatal too. */
    parse(&p, "---\nplace: Tây Ninh\n## Kết quả\n");
    assert_int_equal(p.rc, -1);
    expect_diag(&p, DIAG_ERROR, 1, 1, "has no closing '---'");
    done(&p);
}

static void test_sections_in_order(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "---\nplace: Tây Ninh\n---\n\n"
              "## Kết quả nổi bật\n\nMột đoạn **đậm**.\n\n"
              "## Khó khăn – vướng mắc ##\n\n- thứ nhất\n- thứ hai\n\n"
              "```\n## not a heading, code\n```\n\n"
              "## Kiến nghị\n\n# Tiêu đề lớn\n\nĐề nghị.\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.c.n_sections, 3);
    assert_string_equal(p.c.sections[0].title, "Kết quả nổi bật");
    assert_string_equal(p.c.sections[0].body, "Một đoạn **đậm**.");
    assert_string_equal(p.c.sections[1].title, "Khó khăn – vướng mắc");
    assert_non_null(strstr(p.c.sections[1].body, "thứ hai"));
    assert_non_null(strstr(p.c.sections[1].body, "## not a heading, code"));
    assert_string_equal(p.c.sections[2].title, "Kiến nghị");
    /* A heading inside a section goes below the section's own. */
    assert_non_null(strstr(p.c.sections[2].body, "### Tiêu đề lớn"));
    done(&p);
}

/* Parses `md` as the briefing's HTML does and counts what must not be there. */
static void expect_inert(const char *md)
{
    cmark_node *doc = test_parse_gfm(md);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        int t = cmark_node_get_type(n);
        if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_IMAGE)
            fail_msg("raw HTML or an image left in: %s", md);
        if (t == CMARK_NODE_LINK && strchr(cmark_node_get_url(n), ':'))
            fail_msg("a link to '%s' left in: %s", cmark_node_get_url(n), md);
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
}

static void test_hostile_html_is_inert(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "## Kiến nghị <script>alert(1)</script>\n\n"
              "Chữ <script>alert(1)</script> và <img src=x onerror=alert(1)>.\n\n"
              "<div onclick=\"alert(1)\">\n<iframe src=\"https://evil\"></iframe>\n</div>\n\n"
              "[bấm](javascript:alert(1)) [b2](JAVASCRIPT:alert(1)) <javascript:alert(2)> "
              "[ok](https://moit.gov.vn) ![ảnh](https://evil/x.png) [tệp](annex.xlsx)\n\n"
              "[ref]: data:text/html,<script>alert(3)</script>\n\n[x][ref]\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.c.n_sections, 1);
    const char *body = p.c.sections[0].body;
    expect_inert(body);
    /* The text stays, shown as written. */
    assert_non_null(strstr(body, "\\<script\\>alert(1)\\</script\\>"));
    assert_non_null(strstr(body, "bấm"));
    assert_non_null(strstr(body, "ảnh"));
    assert_non_null(strstr(body, "ok (https://moit.gov.vn)"));
    assert_null(strstr(body, "javascript:alert(1))"));
    if (!strstr(body, "[tệp](annex.xlsx)")) /* relative: kept */
        fail_msg("%s", body);
    /* The title is plain text: the template escapes it. */
    assert_string_equal(p.c.sections[0].title, "Kiến nghị <script>alert(1)</script>");
    done(&p);
}

static void test_no_settings_block(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "Lời mở đầu.\n\n## Nhiệm vụ thời gian tới\n\nTiếp tục.\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.diags.count, 0);
    assert_null(p.c.conference);
    assert_int_equal(p.c.year, 0);
    assert_false(p.c.illustrative);
    assert_int_equal(p.c.n_sections, 2);
    assert_string_equal(p.c.sections[0].title, "");
    assert_string_equal(p.c.sections[0].body, "Lời mở đầu.");
    assert_string_equal(p.c.sections[1].title, "Nhiệm vụ thời gian tới");
    done(&p);
    /* Empty: present, nothing in it. */
    parse(&p, "");
    assert_int_equal(p.rc, 0);
    assert_true(p.c.present);
    assert_int_equal(p.c.n_sections, 0);
    done(&p);
}

static void test_bom_and_crlf(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "\xEF\xBB\xBF---\r\nhoi_nghi: Hội nghị XIV\r\nngay: 2024-10-17\r\nbogus: 1\r\n---\r\n"
              "## Kết quả\r\n\r\nDòng một.\r\n");
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.c.conference, "Hội nghị XIV");
    assert_int_equal(p.c.day, 17);
    expect_diag(&p, DIAG_WARNING, 4, 1, "unknown key 'bogus'");
    assert_int_equal(p.c.n_sections, 1);
    assert_string_equal(p.c.sections[0].title, "Kết quả");
    assert_string_equal(p.c.sections[0].body, "Dòng một.");
    done(&p);
    /* UTF-16 with its BOM reads the same. */
    static const unsigned char utf16[] = {0xFF, 0xFE, '-', 0, '-', 0, '-', 0, '\n', 0, 'p', 0,
                                          'l',  0,    'a', 0, 'c', 0, 'e', 0, ':',  0, ' ', 0,
                                          'X',  0,    '\n', 0, '-', 0, '-', 0, '-', 0, '\n', 0};
    memset(&p, 0, sizeof p);
    p.rc = context_parse(&p.c, "in/2024-09/context.md", utf16, sizeof utf16, &p.diags);
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.c.place, "X");
    done(&p);
}

/* Control and invisible characters are refused, as in every file gen reads. */
static void test_forbidden_characters(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "---\nplace: Tây\x01Ninh\n---\n");
    assert_int_equal(p.rc, -1);
    assert_true(p.diags.errors > 0);
    assert_int_equal(p.diags.items[0].line, 2);
    done(&p);
    parse(&p, "## A\n\nab\xE2\x80\xAE" "cd\n"); /* U+202E RIGHT-TO-LEFT OVERRIDE */
    assert_int_equal(p.rc, -1);
    done(&p);
}

static void test_read_from_a_folder(void **state)
{
    (void)state;
    char *dir = test_temp_dir("context");
    char *period_dir = test_join(dir, "2024-09");
    char *path = test_join(period_dir, "context.md");
    test_make_parents(path);
    period_context c;
    diag_list diags = DIAG_LIST_INIT;
    assert_int_equal(context_read(&c, dir, "2024-09", &diags), 0); /* absent: no error */
    assert_false(c.present);
    assert_int_equal(diags.count, 0);
    context_free(&c);
    test_write_text(path, "---\nngay: 2024-13-01\n---\n");
    assert_int_equal(context_read(&c, dir, "2024-09", &diags), -1);
    assert_int_equal(diags.count, 1);
    assert_int_equal(diags.items[0].line, 2);
    assert_non_null(strstr(diags.items[0].file, "2024-09/context.md"));
    context_free(&c);
    diag_list_free(&diags);
    test_write_text(path, "---\nngay: 2024-10-17\n---\n");
    assert_int_equal(context_read(&c, dir, "2024-09", &diags), 0);
    assert_string_equal(c.name, "2024-09/context.md"); /* as published files name it */
    assert_int_equal(strlen(c.sha256), 64);
    context_free(&c);
    diag_list_free(&diags);
    test_remove_tree(dir);
    free(path);
    free(period_dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_keys),
        cmocka_unit_test(test_vietnamese_keys),
        cmocka_unit_test(test_unknown_key_is_a_warning_at_its_position),
        cmocka_unit_test(test_malformed_date_is_fatal_with_its_line),
        cmocka_unit_test(test_sections_in_order),
        cmocka_unit_test(test_hostile_html_is_inert),
        cmocka_unit_test(test_no_settings_block),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_forbidden_characters),
        cmocka_unit_test(test_read_from_a_folder),
    };
    return cmocka_run_group_tests_name("context", tests, NULL, NULL);
}
