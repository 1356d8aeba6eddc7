/* Unit tests for programme.c: which period counts for each year, the totals over the years,
 * the province table on the latest period's provinces (earlier years carried through the
 * successors, a territory that left on a row of its own, the table adding up to the totals),
 * the gaps, the changes against the year before, and programmes.csv. Small period folders are
 * written to a temporary input folder and read against the shipped roster over time and
 * catalogue (input/roster.csv, input/contents.csv). */
#include "support.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "path.h"
#include "programme.h"

typedef struct fixture {
    catalog roster, contents;
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    diag_list d = DIAG_LIST_INIT;
    assert_int_equal(catalog_load(&f->roster, "input/roster.csv", CATALOG_ROSTER, &d), 0);
    assert_int_equal(catalog_load(&f->contents, "input/contents.csv", CATALOG_CONTENTS, &d), 0);
    diag_list_free(&d);
    snprintf(f->dir, sizeof f->dir, "/tmp/gen-test-programme-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    test_remove_tree(f->dir);
    catalog_free(&f->roster);
    catalog_free(&f->contents);
    free(f);
    return 0;
}

/* One province's file of one line: plan and executed in million VND. */
static void submit(fixture *f, const char *name, const char *province, const char *src,
                   const char *plan, const char *executed)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%s.csv", f->dir, name, province);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fprintf(out, "province,source,content,project,plan,executed\n%s,%s,01,Đề án,%s,%s\n",
            province, src, plan, executed);
    fclose(out);
}

static programme *run(fixture *f, programme_def *def, char ***names, size_t *n)
{
    diag_list d = DIAG_LIST_INIT;
    *names = period_list_all(f->dir, n, &d);
    assert_non_null(*names);
    bool failed = true;
    programme *p = programme_new(def, f->dir, *names, *n, &f->roster, &f->contents, &d, &failed);
    assert_false(failed);
    diag_list_free(&d);
    return p;
}

static const programme_province *row_of(const programme *p, const char *code, bool current)
{
    for (size_t i = 0; i < p->n_provinces; i++) {
        const programme_province *pp = &p->provinces[i];
        if ((pp->province >= 0) == current && strcmp(p->full->entries[pp->row].code, code) == 0)
            return pp;
    }
    fail_msg("no row %s", code);
    return NULL;
}

/* 2024 on the 20 provinces, 2025 on the 8: Thành phố Hồ Chí Minh 2024–2025 holds Bình Dương's
 * and Bà Rịa - Vũng Tàu's 2024; Bình Thuận (into Lâm Đồng, outside) has its own row. */
static void test_carried_through_successors(void **state)
{
    fixture *f = *state;
    submit(f, "2024-12", "79", "KCQG", "100", "90");
    submit(f, "2024-12", "74", "KCĐP", "50", "40.5");
    submit(f, "2024-12", "77", "KCĐP", "20", "20");
    submit(f, "2024-12", "60", "KCQG", "10", "7");
    submit(f, "2025-12", "79", "KCĐP", "200", "150");
    programme_def def = {"2024-2025", "P", 2024, 2025, 2};
    char **names;
    size_t n;
    programme *p = run(f, &def, &names, &n);
    assert_int_equal(p->n_present, 2);
    assert_int_equal(p->n_year_end, 2);
    assert_int_equal(p->total.plan, 380000);
    assert_int_equal(p->total.executed, 307500);
    assert_int_equal(p->by_source[SOURCE_KCQG].plan, 110000);
    const programme_province *hcm = row_of(p, "79", true);
    assert_int_equal(hcm->total.plan, 370000);
    assert_int_equal(hcm->total.executed, 300500);
    assert_int_equal(hcm->n_predecessors, 3); /* Thành phố Hồ Chí Minh (79) before, 74, 77 */
    assert_true(hcm->complete); /* it and every predecessor valid in every year */
    /* Đồng Nai: neither it nor Bình Phước submitted in 2024, nor it in 2025. */
    const programme_province *dn = row_of(p, "75", true);
    assert_false(dn->complete);
    assert_int_equal(dn->n_gaps, 3);
    const programme_province *bt = row_of(p, "60", false);
    assert_int_equal(bt->total.plan, 10000);
    assert_true(bt->complete);
    int64_t plan = 0, executed = 0;
    for (size_t i = 0; i < p->n_provinces; i++) {
        plan += p->provinces[i].total.plan;
        executed += p->provinces[i].total.executed;
    }
    assert_int_equal(plan, p->total.plan);
    assert_int_equal(executed, p->total.executed);
    /* 2025 compared like for like: only Thành phố Hồ Chí Minh, against its predecessors' 2024
     * (Bình Thuận, gone, is left out). */
    assert_true(p->years[1].compared);
    ratio x = programme_year_executed_change(&p->years[1]);
    assert_int_equal(x.num, 150000 - 150500);
    assert_int_equal(x.den, 150500);
    programme_free(p);
    path_list_free(names, n);
}

/* A year without its year-end folder counts its latest period; a year without any is missing. */
static void test_partial_and_missing_years(void **state)
{
    fixture *f = *state;
    submit(f, "2023-09", "79", "KCQG", "100", "30");
    submit(f, "2023-06", "79", "KCQG", "100", "10");
    submit(f, "2025-09", "79", "KCĐP", "40", "20");
    programme_def def = {"2023-2025", "P", 2023, 2025, 2};
    char **names;
    size_t n;
    programme *p = run(f, &def, &names, &n);
    assert_string_equal(p->years[0].period_name, "2023-09");
    assert_false(p->years[0].year_end);
    assert_false(p->years[1].present);
    assert_string_equal(p->years[2].period_name, "2025-09");
    assert_int_equal(p->n_present, 2);
    assert_false(p->complete);
    assert_int_equal(p->total.executed, 50000);
    assert_false(p->years[2].compared); /* the year before is missing */
    programme_free(p);
    path_list_free(names, n);
}

/* Plan and executed changes against the year before, over the provinces valid in both. */
static void test_changes(void **state)
{
    fixture *f = *state;
    submit(f, "2022-12", "92", "KCQG", "100", "80");
    submit(f, "2022-12", "96", "KCQG", "100", "80");
    submit(f, "2023-12", "92", "KCQG", "110", "88");
    programme_def def = {"2022-2023", "P", 2022, 2023, 2};
    char **names;
    size_t n;
    programme *p = run(f, &def, &names, &n);
    ratio x = programme_year_executed_change(&p->years[1]);
    assert_int_equal(x.num, 8000);
    assert_int_equal(x.den, 80000);
    ratio q = programme_year_plan_change(&p->years[1]);
    assert_int_equal(q.num, 10000);
    assert_int_equal(q.den, 100000);
    assert_false(p->all_valid);
    programme_free(p);
    path_list_free(names, n);
}

static void test_programmes_csv(void **state)
{
    fixture *f = *state;
    char path[256];
    snprintf(path, sizeof path, "%s/programmes.csv", f->dir);
    programme_list l;
    diag_list d = DIAG_LIST_INIT;
    assert_int_equal(programme_list_load(&l, path, &d), 0); /* no file: no programme */
    assert_false(l.exists);
    programme_list_free(&l);
    FILE *out = fopen(path, "w");
    fputs("code,name,first_year,last_year\n2021-2025,Giai đoạn,2021,2025\n../x,X,2021,2025\n"
          "2026-2030,Y,2030,2026\n2021-2025,Z,2021,2025\n",
          out);
    fclose(out);
    assert_int_equal(programme_list_load(&l, path, &d), -1);
    assert_int_equal(l.count, 1);
    assert_int_equal(d.errors, 3);
    programme_list_free(&l);
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_carried_through_successors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_and_missing_years, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_programmes_csv, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
