/* Unit tests for region.c: the totals, per source and per content, the like-for-like comparison
 * with the year before, the rates and the rankings. Each test writes small period folders to a
 * temporary input folder and reads them against the shipped roster and catalogue
 * (input/roster.csv, input/contents.csv). */
#include "support.h"

#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "figures.h"
#include "period.h"
#include "region.h"

typedef struct fixture {
    catalog roster;
    catalog contents;
    diag_list diags;
    char dir[64]; /* the temporary input folder */
    period current;
    period previous;
    bool has_current, has_previous;
    region *region;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    diag_list d = DIAG_LIST_INIT;
    assert_int_equal(catalog_load(&f->roster, "input/roster.csv", CATALOG_ROSTER, &d), 0);
    assert_int_equal(catalog_load(&f->contents, "input/contents.csv", CATALOG_CONTENTS, &d), 0);
    diag_list_free(&d);
    snprintf(f->dir, sizeof f->dir, "/tmp/gen-test-region-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    region_free(f->region);
    if (f->has_previous)
        period_free(&f->previous);
    if (f->has_current)
        period_free(&f->current);
    diag_list_free(&f->diags);
    catalog_free(&f->roster);
    catalog_free(&f->contents);
    test_remove_tree(f->dir);
    free(f);
    return 0;
}

/* Writes `text` to DIR/PERIOD/NAME, making the period folder when needed. */
static void put_file(fixture *f, const char *period_name, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, period_name);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/%s/%s", f->dir, period_name, name);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    fputs(text, out);
    assert_int_equal(fclose(out), 0);
}

#define HEADER "province,source,content,project,plan,executed,establishments,counterpart\n"

/* Reads the periods written and builds the region; `previous` may be NULL. */
static region *build(fixture *f, const char *current, const char *previous)
{
    assert_int_equal(period_read(&f->current, f->dir, current, &f->roster, &f->contents, &f->diags),
                     0);
    f->has_current = true;
    if (previous) {
        assert_int_equal(period_read_keeping(&f->previous, f->dir, previous, &f->roster,
                                             &f->contents, SUBMISSION_KEEP_SUMS, &f->diags),
                         0);
        f->has_previous = true;
    }
    f->region = region_new(&f->roster, &f->contents, &f->current, previous ? &f->previous : NULL);
    return f->region;
}

static int province(const fixture *f, const char *code)
{
    int p = catalog_find(&f->roster, code, strlen(code));
    assert_true(p >= 0);
    return p;
}

static int content(const fixture *f, const char *code)
{
    int c = catalog_find(&f->contents, code, strlen(code));
    assert_true(c >= 0);
    return c;
}

static void expect_figures(const figures *got, int64_t plan, int64_t executed,
                           int64_t establishments, int64_t counterpart, size_t lines)
{
    if (got->plan != plan || got->executed != executed || got->establishments != establishments ||
        got->counterpart != counterpart || got->lines != lines)
        fail_msg("figures are plan %lld, executed %lld, establishments %lld, counterpart %lld, "
                 "%zu lines; expected %lld, %lld, %lld, %lld, %zu",
                 (long long)got->plan, (long long)got->executed, (long long)got->establishments,
                 (long long)got->counterpart, got->lines, (long long)plan, (long long)executed,
                 (long long)establishments, (long long)counterpart, lines);
}

static void expect_ratio(ratio q, int64_t num, int64_t den)
{
    if (q.num != num || q.den != den)
        fail_msg("ratio %lld/%lld; expected %lld/%lld", (long long)q.num, (long long)q.den,
                 (long long)num, (long long)den);
}

static void test_totals_per_source_province_and_content(void **state)
{
    fixture *f = *state;
    put_file(f, "2024-09", "a.csv",
             HEADER "74,KCQG,01,A1,100,40,3,10\n"
                    "74,KCĐP,01,A2,50.5,20.25,,\n"
                    "74,KCQG,04,A3,10,10,1,0.001\n");
    put_file(f, "2024-09", "b.csv", HEADER "79,KCĐP,04,B1,200,150,0,5\n");
    region *r = build(f, "2024-09", NULL);
    assert_int_equal(r->n_provinces, r->roster->count);
    assert_int_equal(r->n_contents, f->contents.count);
    expect_figures(&r->by_source[SOURCE_KCQG], 110000, 50000, 4, 10001, 2);
    expect_figures(&r->by_source[SOURCE_KCDP], 250500, 170250, 0, 5000, 2);
    expect_figures(&r->total, 360500, 220250, 4, 15001, 4);
    const province_row *a = &r->provinces[province(f, "74")];
    assert_int_equal(a->province, province(f, "74"));
    assert_int_equal(a->state, PROVINCE_VALID);
    expect_figures(&a->by_source[SOURCE_KCQG], 110000, 50000, 4, 10001, 2);
    expect_figures(&a->by_source[SOURCE_KCDP], 50500, 20250, 0, 0, 1);
    expect_figures(&a->total, 160500, 70250, 4, 10001, 3);
    const province_row *missing = &r->provinces[province(f, "60")];
    assert_int_equal(missing->state, PROVINCE_MISSING);
    expect_figures(&missing->total, 0, 0, 0, 0, 0);
    const content_row *c01 = &r->content_rows[content(f, "01")];
    expect_figures(&c01->by_source[SOURCE_KCQG], 100000, 40000, 3, 10000, 1);
    expect_figures(&c01->total, 150500, 60250, 3, 10000, 2);
    const content_row *c04 = &r->content_rows[content(f, "04")];
    expect_figures(&c04->by_source[SOURCE_KCDP], 200000, 150000, 0, 5000, 1);
    expect_figures(&c04->total, 210000, 160000, 1, 5001, 2);
    expect_figures(&r->content_rows[content(f, "12")].total, 0, 0, 0, 0, 0);
}

static void test_rejected_file_counts_nowhere(void **state)
{
    fixture *f = *state;
    put_file(f, "2024-09", "a.csv", HEADER "74,KCQG,01,A1,100,40,,\n");
    put_file(f, "2024-09", "b.csv", HEADER "79,KCQG,01,B1,100,40,,\n79,KCQG,01,B2,x,1,,\n");
    region *r = build(f, "2024-09", NULL);
    assert_int_equal(r->provinces[province(f, "79")].state, PROVINCE_REJECTED);
    expect_figures(&r->provinces[province(f, "79")].total, 0, 0, 0, 0, 0);
    expect_figures(&r->total, 100000, 40000, 0, 0, 1);
}

/* Only provinces valid in both years are compared: a province missing or rejected in either
 * year is out of both sides of the comparison, and has no same-period ratio. */
static void test_comparison_is_like_for_like(void **state)
{
    fixture *f = *state;
    put_file(f, "2024-09", "74.csv", HEADER "74,KCQG,01,x,100,60,,\n74,KCĐP,01,y,20,10,,\n");
    put_file(f, "2024-09", "79.csv", HEADER "79,KCQG,01,x,300,30,,\n");
    put_file(f, "2024-09", "80.csv", HEADER "80,KCQG,01,x,50,5,,\n");
    put_file(f, "2023-09", "74.csv", HEADER "74,KCQG,01,x,80,40,,\n74,KCĐP,01,y,40,8,,\n");
    put_file(f, "2023-09", "80.csv", HEADER "80,KCQG,01,x,oops,5,,\n"); /* rejected */
    put_file(f, "2023-09", "96.csv", HEADER "96,KCQG,01,x,70,7,,\n");   /* not this year */
    region *r = build(f, "2024-09", "2023-09");
    assert_ptr_equal(r->previous, &f->previous);
    const province_row *both = &r->provinces[province(f, "74")];
    const province_row *new_one = &r->provinces[province(f, "79")];
    const province_row *rejected_before = &r->provinces[province(f, "80")];
    const province_row *gone = &r->provinces[province(f, "96")];
    assert_true(both->comparable);
    assert_false(new_one->comparable);
    assert_false(rejected_before->comparable);
    assert_false(gone->comparable);
    assert_int_equal(new_one->previous_state, PROVINCE_MISSING);
    assert_int_equal(rejected_before->previous_state, PROVINCE_REJECTED);
    assert_int_equal(gone->previous_state, PROVINCE_VALID);
    expect_figures(&both->previous_total, 120000, 48000, 0, 0, 2);
    expect_figures(&gone->previous_total, 0, 0, 0, 0, 0);
    expect_figures(&rejected_before->previous_total, 0, 0, 0, 0, 0);
    assert_int_equal(r->n_comparable, 1);
    expect_figures(&r->comparable_total, 120000, 70000, 0, 0, 2);
    expect_figures(&r->previous_total, 120000, 48000, 0, 0, 2);
    expect_figures(&r->previous_by_source[SOURCE_KCQG], 80000, 40000, 0, 0, 1);
    expect_figures(&r->previous_by_source[SOURCE_KCDP], 40000, 8000, 0, 0, 1);
    expect_figures(&r->total, 470000, 105000, 0, 0, 4); /* the totals keep every province */
    expect_ratio(region_province_same_period_ratio(both), 70000, 48000);
    assert_int_equal(region_province_same_period_ratio(new_one).den, 0);
    assert_int_equal(region_province_same_period_ratio(rejected_before).den, 0);
    assert_int_equal(region_province_same_period_ratio(gone).den, 0);
    expect_ratio(figures_plan_change(&r->comparable_total, &r->previous_total), 0, 120000);
}

static void test_without_previous_period_nothing_is_comparable(void **state)
{
    fixture *f = *state;
    put_file(f, "2024-09", "74.csv", HEADER "74,KCQG,01,x,100,60,,\n");
    region *r = build(f, "2024-09", NULL);
    assert_null(r->previous);
    assert_int_equal(r->n_comparable, 0);
    for (size_t i = 0; i < r->n_provinces; i++) {
        assert_false(r->provinces[i].comparable);
        assert_int_equal(r->provinces[i].previous_state, PROVINCE_MISSING);
        assert_int_equal(region_province_same_period_ratio(&r->provinces[i]).den, 0);
    }
    expect_figures(&r->previous_total, 0, 0, 0, 0, 0);
    expect_figures(&r->comparable_total, 0, 0, 0, 0, 0);
}

static void test_rates_are_exact_fractions(void **state)
{
    (void)state;
    figures now = {.plan = 200000, .executed = 150000};
    figures before = {.plan = 250000, .executed = 100000};
    figures empty = {0};
    expect_ratio(figures_execution_rate(&now), 150000, 200000);
    expect_ratio(figures_same_period_ratio(&now, &before), 150000, 100000);
    expect_ratio(figures_plan_change(&now, &before), -50000, 250000);
    assert_int_equal(figures_execution_rate(&empty).den, 0);
    assert_int_equal(figures_same_period_ratio(&now, &empty).den, 0);
    assert_int_equal(figures_plan_change(&now, &empty).den, 0);
}

static void test_year_elapsed(void **state)
{
    fixture *f = *state;
    put_file(f, "2024-09", "74.csv", HEADER "74,KCQG,01,x,100,60,,\n");
    put_file(f, "2024-12", "74.csv", HEADER "74,KCQG,01,x,100,60,,\n");
    region *r = build(f, "2024-09", NULL);
    expect_ratio(region_year_elapsed(r), 9, 12);
    region_free(f->region);
    period_free(&f->current);
    f->region = NULL;
    f->has_current = false;
    r = build(f, "2024-12", NULL);
    expect_ratio(region_year_elapsed(r), 12, 12);
}

/* The rankings the charts draw: valid provinces by plan, then the rest in roster order; by
 * execution rate, with provinces without a plan last; ties in roster order. */
static void test_rankings(void **state)
{
    fixture *f = *state;
    put_file(f, "2024-09", "60.csv", HEADER "60,KCQG,01,x,100,50,,\n");  /* 50% */
    put_file(f, "2024-09", "70.csv", HEADER "70,KCQG,01,x,300,30,,\n");  /* 10% */
    put_file(f, "2024-09", "72.csv", HEADER "72,KCQG,01,x,200,100,,\n"); /* 50% */
    put_file(f, "2024-09", "74.csv", HEADER "74,KCQG,01,x,0,10,,\n");    /* no plan */
    put_file(f, "2024-09", "75.csv", HEADER "75,KCQG,01,x,100,90,,\n");  /* 90% */
    put_file(f, "2024-09", "77.csv", HEADER "77,KCQG,01,x,bad,1,,\n");   /* rejected */
    region *r = build(f, "2024-09", NULL);
    int p60 = province(f, "60"), p70 = province(f, "70"), p72 = province(f, "72");
    int p74 = province(f, "74"), p75 = province(f, "75"), p77 = province(f, "77");
    /* The roster lists these six first, in this order. */
    assert_true(p60 == 0 && p70 == 1 && p72 == 2 && p74 == 3 && p75 == 4 && p77 == 5);
    int by_plan[] = {p70, p72, p60, p75, p74};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(r->by_plan[i], by_plan[i]);
    for (size_t i = 5; i < r->n_provinces; i++) /* not valid: roster order */
        assert_int_equal(r->by_plan[i], (int)i);
    int by_rate[] = {p75, p60, p72, p70, p74, p77};
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(r->by_rate[i], by_rate[i]);
    for (size_t i = 6; i < r->n_provinces; i++)
        assert_int_equal(r->by_rate[i], (int)i);
}

static void test_figures_add(void **state)
{
    (void)state;
    figures sum = {1, 2, 3, 4, 5};
    figures_add(&sum, &(figures){10, 20, 30, 40, 50});
    expect_figures(&sum, 11, 22, 33, 44, 55);
    figures_add(&sum, &(figures){-1, 0, 0, 0, 0});
    expect_figures(&sum, 10, 22, 33, 44, 55);
}

/* Adds 1 to a total already at INT64_MAX in the field *arg names; figures_add must exit. */
static void add_past_the_maximum(void *arg)
{
    int field = *(const int *)arg;
    figures sum = {0}, big = {0};
    int64_t *s = field == 0   ? &sum.plan
                 : field == 1 ? &sum.executed
                 : field == 2 ? &sum.establishments
                              : &sum.counterpart;
    *s = INT64_MAX;
    int64_t *b = field == 0   ? &big.plan
                 : field == 1 ? &big.executed
                 : field == 2 ? &big.establishments
                              : &big.counterpart;
    *b = 1;
    figures_add(&sum, &big);
}

/* An overflowing total stops the program with status 2 (nothing written), whichever field. */
static void test_figures_add_overflow_stops(void **state)
{
    (void)state;
    for (int field = 0; field < 4; field++)
        assert_int_equal(test_run_function(add_past_the_maximum, &field, true), 2);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_totals_per_source_province_and_content),
        T(test_rejected_file_counts_nowhere),
        T(test_comparison_is_like_for_like),
        T(test_without_previous_period_nothing_is_comparable),
        T(test_rates_are_exact_fractions),
        T(test_year_elapsed),
        T(test_rankings),
        T(test_figures_add),
        T(test_figures_add_overflow_stops),
    };
    return cmocka_run_group_tests_name("region", tests, NULL, NULL);
}
