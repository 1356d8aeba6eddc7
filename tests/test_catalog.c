/* Unit tests for catalog.c: loading the roster and the catalogue of contents, finding an entry
 * by code, name or alias whatever the case, diacritics, normalisation form and separators, and
 * the errors of a malformed file. The shipped files are input/roster.csv and
 * input/contents.csv; the malformed ones are written to a temporary file. */
#include "support.h"

#include <unistd.h>

#include "catalog.h"

typedef struct fixture {
    catalog c;
    diag_list diags;
    char path[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    catalog_free(&f->c);
    diag_list_free(&f->diags);
    if (f->path[0])
        unlink(f->path);
    free(f);
    return 0;
}

/* Loads `text` as a catalogue of `kind`; returns catalog_load's result. */
static int load_text(fixture *f, const char *text, catalog_kind kind)
{
    snprintf(f->path, sizeof f->path, "/tmp/gen-test-catalog-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return catalog_load(&f->c, f->path, kind, &f->diags);
}

static int find(const catalog *c, const char *s)
{
    return catalog_find(c, s, strlen(s));
}

/* Asserts that some diagnostic has the given severity and mentions `part`. */
static void expect_diag(const fixture *f, diag_severity severity, const char *part)
{
    for (size_t i = 0; i < f->diags.count; i++)
        if (f->diags.items[i].severity == severity && strstr(f->diags.items[i].message, part))
            return;
    fail_msg("no %s mentioning '%s' among %zu diagnostics",
             severity == DIAG_ERROR ? "error" : "warning", part, f->diags.count);
}

static void test_shipped_roster(void **state)
{
    fixture *f = *state;
    assert_int_equal(catalog_load(&f->c, "input/roster.csv", CATALOG_ROSTER, &f->diags), 0);
    assert_int_equal(f->diags.count, 0);
    assert_int_equal(f->c.count, 28); /* 20 until 30/6/2025, 8 from 1/7/2025 */
    assert_true(f->c.has_history);
    assert_string_equal(f->c.entries[0].code, "60");
    assert_string_equal(f->c.entries[0].name, "Bình Thuận");
    assert_string_equal(f->c.entries[19].code, "96");
    assert_string_equal(f->c.entries[19].name, "Cà Mau");
    int hcm = find(&f->c, "79");
    assert_int_equal(hcm, 6);
    assert_string_equal(f->c.entries[hcm].name, "Thành phố Hồ Chí Minh");
    assert_int_equal(find(&f->c, "Thành phố Hồ Chí Minh"), hcm);
    assert_int_equal(find(&f->c, "TPHCM"), hcm); /* aliases */
    assert_int_equal(find(&f->c, "TP. Hồ Chí Minh"), hcm);
    assert_int_equal(find(&f->c, "hcm"), hcm);
    assert_int_equal(find(&f->c, "BR-VT"), find(&f->c, "77"));
    assert_int_equal(find(&f->c, "Tỉnh Bình Thuận"), 0);
}

/* Matching ignores case, diacritics (đ read as d), normalisation form, surrounding spaces, and
 * takes space, '_' and '-' alike; codes written as numbers match without leading zeros. */
static void test_folding_matches(void **state)
{
    fixture *f = *state;
    assert_int_equal(catalog_load(&f->c, "input/roster.csv", CATALOG_ROSTER, &f->diags), 0);
    int hcm = find(&f->c, "79"), dong_nai = find(&f->c, "75"), ca_mau = find(&f->c, "96");
    assert_int_equal(find(&f->c, "THÀNH PHỐ HỒ CHÍ MINH"), hcm);
    assert_int_equal(find(&f->c, "thanh pho ho chi minh"), hcm);
    assert_int_equal(find(&f->c, "  Thanh_Pho-Ho Chi_Minh  "), hcm);
    assert_int_equal(find(&f->c, "tp_hcm"), hcm);
    assert_int_equal(find(&f->c, "dong nai"), dong_nai);
    assert_int_equal(find(&f->c, "ĐỒNG NAI"), dong_nai);
    assert_int_equal(find(&f->c, "Ca\xCC\x80 Mau"), ca_mau); /* NFD: a + combining grave */
    assert_int_equal(find(&f->c, "096"), ca_mau);
    assert_int_equal(find(&f->c, "9"), -1); /* no code 9 */
    assert_int_equal(find(&f->c, "Hà Nội"), -1);
    assert_int_equal(find(&f->c, ""), -1);
    assert_int_equal(find(&f->c, "   "), -1);
}

static void test_shipped_contents(void **state)
{
    fixture *f = *state;
    assert_int_equal(catalog_load(&f->c, "input/contents.csv", CATALOG_CONTENTS, &f->diags), 0);
    assert_int_equal(f->diags.count, 0);
    assert_int_equal(f->c.count, 12);
    assert_string_equal(f->c.entries[0].code, "01");
    assert_string_equal(f->c.entries[0].name, "Đào tạo nghề, truyền nghề");
    assert_int_equal(find(&f->c, "4"), 3);
    assert_int_equal(find(&f->c, "04"), 3);
    assert_int_equal(find(&f->c, "dao tao nghe, truyen nghe"), 0);
    assert_int_equal(find(&f->c, "12"), 11);
    assert_int_equal(find(&f->c, "13"), -1);
}

static void test_vietnamese_header_and_aliases(void **state)
{
    fixture *f = *state;
    assert_int_equal(
        load_text(f, "Mã,Tên,Tên khác\n01,Một,Số một;Đầu tiên\n02,Hai,\n", CATALOG_ROSTER), 0);
    assert_int_equal(f->c.count, 2);
    assert_int_equal(find(&f->c, "so mot"), 0);
    assert_int_equal(find(&f->c, "DAU TIEN"), 0);
    assert_int_equal(find(&f->c, "hai"), 1);
}

/* The catalogue of contents has no aliases: such a column is an unknown one, and ignored. */
static void test_contents_take_no_aliases(void **state)
{
    fixture *f = *state;
    assert_int_equal(load_text(f, "code,name,aliases\n01,Một,Số một\n", CATALOG_CONTENTS), 0);
    expect_diag(f, DIAG_WARNING, "unknown column");
    assert_int_equal(find(&f->c, "mot"), 0);
    assert_int_equal(find(&f->c, "so mot"), -1);
}

static void test_code_twice_is_an_error(void **state)
{
    fixture *f = *state;
    assert_int_equal(load_text(f, "code,name\n01,Một\n1,Hai\n", CATALOG_CONTENTS), -1);
    expect_diag(f, DIAG_ERROR, "'1' already names 'Một' (code 01)");
}

static void test_alias_naming_two_entries_is_an_error(void **state)
{
    fixture *f = *state;
    assert_int_equal(load_text(f, "code,name,aliases\n60,Một,Hai\n70,Hai,\n", CATALOG_ROSTER), -1);
    expect_diag(f, DIAG_ERROR, "'Hai' already names 'Một' (code 60)");
}

static void test_empty_code_or_name_is_an_error(void **state)
{
    fixture *f = *state;
    assert_int_equal(load_text(f, "code,name\n01,\n", CATALOG_CONTENTS), -1);
    expect_diag(f, DIAG_ERROR, "empty name");
    catalog_free(&f->c);
    unlink(f->path);
    assert_int_equal(load_text(f, "code,name\n  ,Một\n", CATALOG_CONTENTS), -1);
    expect_diag(f, DIAG_ERROR, "empty code");
}

static void test_no_entries_is_an_error(void **state)
{
    fixture *f = *state;
    assert_int_equal(load_text(f, "code,name\n\n", CATALOG_CONTENTS), -1);
    expect_diag(f, DIAG_ERROR, "no entries");
}

static void test_missing_column_is_an_error(void **state)
{
    fixture *f = *state;
    assert_int_equal(load_text(f, "code,title\n01,Một\n", CATALOG_CONTENTS), -1);
    expect_diag(f, DIAG_ERROR, "the header has no column 'name'");
}

static void test_unreadable_file_is_an_error(void **state)
{
    fixture *f = *state;
    assert_int_equal(catalog_load(&f->c, "/nonexistent/gen-roster.csv", CATALOG_ROSTER, &f->diags),
                     -1);
    expect_diag(f, DIAG_ERROR, "cannot read the file");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_shipped_roster),
        T(test_folding_matches),
        T(test_shipped_contents),
        T(test_vietnamese_header_and_aliases),
        T(test_contents_take_no_aliases),
        T(test_code_twice_is_an_error),
        T(test_alias_naming_two_entries_is_an_error),
        T(test_empty_code_or_name_is_an_error),
        T(test_no_entries_is_an_error),
        T(test_missing_column_is_an_error),
        T(test_unreadable_file_is_an_error),
    };
    return cmocka_run_group_tests_name("catalog", tests, NULL, NULL);
}
