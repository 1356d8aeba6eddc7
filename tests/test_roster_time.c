/* Unit tests for the roster over time (roster.c, catalog.c) and the comparisons carried across a
 * change (region.c): the roster's contradictions at their cells, resolution on a day, a code
 * passed on, a name reused, a rename, two successive changes, a province leaving the region, a
 * successor not comparable when a predecessor is missing. Each test writes a roster and period
 * folders into a temporary input folder. */
#include "support.h"

#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "day.h"
#include "period.h"
#include "region.h"
#include "roster.h"
#include "i18n.h"

typedef struct fixture {
    char dir[64];
    catalog roster, contents;
    diag_list diags;
    period now, before;
    bool has_now, has_before;
    region *region;
} fixture;

/* A description as standard error shows it in English: its translatable fragments (the
 * F_() markers of i18n.h) rendered. Caller frees. */
static char *in_english(const char *text)
{
    buf plain = BUF_INIT;
    i18n_fragments(&plain, I18N_EN, text);
    return buf_detach(&plain);
}

static void assert_english_equal(const char *text, const char *expected)
{
    char *shown = in_english(text);
    assert_string_equal(shown, expected);
    free(shown);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/gen-test-roster-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    region_free(f->region);
    if (f->has_before)
        period_free(&f->before);
    if (f->has_now)
        period_free(&f->now);
    catalog_free(&f->roster);
    catalog_free(&f->contents);
    diag_list_free(&f->diags);
    test_remove_tree(f->dir);
    free(f);
    return 0;
}

static void put(fixture *f, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    mkdir(path, 0777);
    *slash = '/';
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    fputs(text, out);
    assert_int_equal(fclose(out), 0);
}

static int load(fixture *f, const char *roster)
{
    char path[256];
    put(f, "roster.csv", roster);
    snprintf(path, sizeof path, "%s/roster.csv", f->dir);
    return catalog_load(&f->roster, path, CATALOG_ROSTER, &f->diags);
}

/* True when some diagnostic is at LINE:COLUMN and holds `text`. */
static bool has_diag(const fixture *f, int line, int column, const char *text)
{
    if (getenv("SHOW_DIAGS"))
        diag_print(&f->diags, stderr, false);
    for (size_t i = 0; i < f->diags.count; i++) {
        const diag *d = &f->diags.items[i];
        if (d->line == line && d->column == column && strstr(d->message, text))
            return true;
    }
    return false;
}

#define H "code,name,aliases,from,until,successor,successor_name\n"

static void test_overlap_is_fatal_at_its_cell(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, H "72,Tây Ninh,,,2025-06-30,80,\n"
                               "80,Long An,,,2025-06-30,80,\n"
                               "80,Tây Ninh,,2025-06-15,,,\n"),
                     -1);
    assert_true(has_diag(f, 4, 1, "'80' already names 'Long An'"));
    assert_true(has_diag(f, 4, 4, "'Tây Ninh' already names 'Tây Ninh' (code 72, line 2)"));
}

static void test_until_before_from(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, H "80,Long An,,2025-07-01,2025-06-30,81,\n81,X,,2025-07-01,,,\n"), -1);
    assert_true(has_diag(f, 2, 24, "until 2025-06-30 is before from 2025-07-01"));
}

static void test_dangling_successor(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, H "80,Long An,,,2025-06-30,99,\n"), -1);
    assert_true(has_diag(f, 2, 25, "successor '99' is no province of the roster on 1/7/2025"));
}

static void test_successors_that_loop(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, H "80,Long An,,,2025-06-30,81,\n81,Mới,,,2025-06-30,80,\n"), -1);
    assert_true(has_diag(f, 2, 25, "the successors loop: Long An (80) → Mới (81) → Long An (80)"));
}

static void test_leaving_needs_no_row(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, H "60,Bình Thuận,,,2025-06-30,68,Lâm Đồng\n75,Đồng Nai,,,,,\n"), 0);
    assert_int_equal(f->diags.count, 0);
}

/* A code passed on and a name reused: each resolves to the row of the day. */
static void test_resolution_on_a_day(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, H "72,Tây Ninh,Tỉnh Tây Ninh,,2025-06-30,80,\n"
                               "80,Long An,,,2025-06-30,80,\n"
                               "80,Tây Ninh,Tỉnh Tây Ninh,2025-07-01,,,\n"),
                     0);
    catalog y2024, y2025;
    roster_on_day(&f->roster, day_from_civil(2024, 9, 30), &y2024);
    roster_on_day(&f->roster, day_from_civil(2025, 9, 30), &y2025);
    assert_int_equal(y2024.count, 2);
    assert_int_equal(y2025.count, 1);
    assert_string_equal(y2024.entries[catalog_find(&y2024, "80", strlen("80"))].name, "Long An");
    assert_string_equal(y2024.entries[catalog_find(&y2024, "Tây Ninh", strlen("Tây Ninh"))].code,
                        "72");
    assert_string_equal(
        y2025.entries[catalog_find(&y2025, "Tỉnh Tây Ninh", strlen("Tỉnh Tây Ninh"))].code, "80");
    assert_int_equal(catalog_find(&y2025, "Long An", strlen("Long An")), -1);
    buf why = BUF_INIT;
    assert_true(roster_describe_absent(&y2025, "Long An", strlen("Long An"), &why));
    assert_english_equal(why.data,
                         "Long An (80) ceased to exist on 30/6/2025: merged into Tây Ninh "
                         "(80) from 1/7/2025");
    buf_free(&why);
    catalog_free(&y2024);
    catalog_free(&y2025);
}

#define SUB "province,source,content,project,plan,executed\n"

static region *build(fixture *f, const char *now, const char *before)
{
    char path[256];
    put(f, "contents.csv", "code,name\n01,Đào tạo nghề\n");
    snprintf(path, sizeof path, "%s/contents.csv", f->dir);
    assert_int_equal(catalog_load(&f->contents, path, CATALOG_CONTENTS, &f->diags), 0);
    assert_int_equal(period_read(&f->now, f->dir, now, &f->roster, &f->contents, &f->diags), 0);
    f->has_now = true;
    assert_int_equal(period_read(&f->before, f->dir, before, &f->roster, &f->contents, &f->diags),
                     0);
    f->has_before = true;
    f->region = region_new(&f->roster, &f->contents, &f->now, &f->before);
    return f->region;
}

/* Two successive changes (A and B merge into C in 2025, C is renamed D in 2026), a rename, and
 * a province leaving: 2024's figures reach D, and E's are left out. */
static void test_carried_over_two_changes(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, H "01,A,,,2025-06-30,03,\n"
                               "02,B,,,2025-06-30,03,\n"
                               "03,C,,2025-07-01,2026-03-31,04,\n"
                               "04,D,,2026-04-01,,,\n"
                               "05,E,,,2025-12-31,68,Lâm Đồng\n"),
                     0);
    put(f, "2024-09/a.csv", SUB "A,KCQG,01,x,100,40\n");
    put(f, "2024-09/b.csv", SUB "B,KCĐP,01,x,300,20\n");
    put(f, "2024-09/e.csv", SUB "E,KCĐP,01,x,999,999\n");
    put(f, "2026-09/d.csv", SUB "D,KCĐP,01,x,500,120\n");
    /* Compared with 2024-09 directly, so that both changes lie between the periods. */
    region *r = build(f, "2026-09", "2024-09");
    assert_int_equal(r->n_provinces, 1);
    assert_int_equal(r->n_earlier, 3);
    assert_true(r->changed);
    assert_int_equal(r->n_left, 1);
    assert_true(r->provinces[0].formed);
    assert_true(r->provinces[0].comparable);
    assert_int_equal(r->provinces[0].n_predecessors, 2);
    assert_int_equal(r->previous_total.plan, 400000);
    assert_int_equal(r->previous_total.executed, 60000);
    ratio q = region_province_same_period_ratio(&r->provinces[0]);
    assert_int_equal(q.num, 120000);
    assert_int_equal(q.den, 60000);
    assert_int_equal(r->earlier[2].holder, -1);
    assert_string_equal(r->earlier[2].left_to_name, "Lâm Đồng");
}

/* A predecessor missing in the earlier period: its successor is not comparable, the region
 * compares over the others. */
static void test_missing_predecessor_not_comparable(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, H "01,A,,,2025-06-30,03,\n"
                               "02,B,,,2025-06-30,03,\n"
                               "03,C,,2025-07-01,,,\n"
                               "04,F,,,,,\n"),
                     0);
    put(f, "2024-09/a.csv", SUB "A,KCQG,01,x,100,40\n");
    put(f, "2024-09/f.csv", SUB "F,KCQG,01,x,10,4\n");
    put(f, "2025-09/c.csv", SUB "C,KCĐP,01,x,500,120\n");
    put(f, "2025-09/f.csv", SUB "04,KCĐP,01,x,20,8\n");
    region *r = build(f, "2025-09", "2024-09");
    assert_int_equal(r->n_provinces, 2);
    assert_false(r->provinces[0].comparable);
    assert_int_equal(r->provinces[0].previous_state, PROVINCE_MISSING);
    assert_true(r->provinces[1].comparable);
    assert_false(r->provinces[1].formed);
    assert_int_equal(r->n_comparable, 1);
    assert_int_equal(r->previous_total.executed, 4000);
    assert_int_equal(r->comparable_total.executed, 8000);
}

/* A roster without the columns behaves as before: every row always, nothing changed. */
static void test_no_history_no_change(void **state)
{
    fixture *f = *state;
    assert_int_equal(load(f, "code,name,aliases\n01,A,\n02,B,\n"), 0);
    assert_false(f->roster.has_history);
    put(f, "2024-09/a.csv", SUB "A,KCQG,01,x,100,40\n");
    put(f, "2025-09/a.csv", SUB "A,KCQG,01,x,100,50\n");
    region *r = build(f, "2025-09", "2024-09");
    assert_false(r->changed);
    assert_true(r->provinces[0].comparable);
    assert_false(r->provinces[1].comparable);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_overlap_is_fatal_at_its_cell, setup, teardown),
        cmocka_unit_test_setup_teardown(test_until_before_from, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dangling_successor, setup, teardown),
        cmocka_unit_test_setup_teardown(test_successors_that_loop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leaving_needs_no_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_resolution_on_a_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_carried_over_two_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_predecessor_not_comparable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_history_no_change, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
