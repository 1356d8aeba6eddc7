/* test_opendata.c - the open data of every demo period is a valid Frictionless Tabular Data
 * Package: tests/opendata/check_datapackage.py (Debian's python3-jsonschema, the v1 profiles
 * committed in tests/opendata/schemas/) checks data/datapackage.json against the Tabular Data
 * Package and Table Schema JSON Schemas and every row of every CSV against its table's schema;
 * and a broken descriptor or row is caught. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "support.h"

#define PYTHON  "/usr/bin/python3"
#define CHECKER "tests/opendata/check_datapackage.py"

static char *tmp;

static int run_checker(const char *data_dir, char **output)
{
    char *argv[] = {PYTHON, CHECKER, (char *)data_dir, NULL};
    test_result r = test_run(&(test_cmd){.argv = argv, .out = TEST_CAPTURE, .err = TEST_TO_STDOUT});
    print_message("%s", r.out ? r.out : "");
    int status = r.status;
    if (output)
        *output = r.out ? strdup(r.out) : NULL;
    test_result_free(&r);
    return status;
}

static int setup(void **state)
{
    (void)state;
    tmp = test_temp_dir("opendata");
    char *out = test_join(tmp, "out");
    char *argv[] = {(char *)test_gen(), "-q", "-i", "input", "-o", out, NULL};
    int status = test_run_status(&(test_cmd){.argv = argv});
    free(out);
    return status == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(tmp);
    free(tmp);
    return 0;
}

static void test_every_period_is_a_valid_data_package(void **state)
{
    (void)state;
    /* The periods and the programme report (its own tables, its own descriptor). */
    static const char *const periods[] = {"2023-09", "2024-09", "2025-09", "2021-2025"};
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
        char *dir = test_pathf("%s/out/%s/data", tmp, periods[i]);
        char *json = test_pathf("%s/datapackage.json", dir);
        assert_true(test_exists(json));
        char *output = NULL;
        assert_int_equal(run_checker(dir, &output), 0);
        assert_non_null(output);
        assert_non_null(strstr(output, "rows valid against their schemas"));
        free(output);
        free(json);
        free(dir);
    }
}

/* The checker is not a rubber stamp: a wrong profile, a field type the specification does not
 * know, an amount that is not a number and a header that does not match are each reported. */
static void test_faults_are_caught(void **state)
{
    (void)state;
    char *from = test_pathf("%s/out/2024-09/data", tmp);
    static const struct {
        const char *file, *find, *replace, *message;
    } faults[] = {
        {"datapackage.json", "\"tabular-data-package\"", "\"tabular\"", "not one of"},
        {"datapackage.json", "\"type\": \"integer\"", "\"type\": \"int\"", "is not valid"},
        {"provinces.csv", ",4533.635,", ",4.533,635,", "cells"},
        {"contents.csv", ",10615.119,", ",10615.119x,", "is not a number"},
        {"region.csv", "source,plan", "nguon,plan", "header"},
    };
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        char *dir = test_pathf("%s/fault%zu", tmp, i);
        test_copy_tree(from, dir);
        char *path = test_pathf("%s/%s", dir, faults[i].file);
        size_t len = 0;
        char *text = test_must_read(path, &len);
        char *at = strstr(text, faults[i].find);
        assert_non_null(at);
        size_t before = (size_t)(at - text), find = strlen(faults[i].find);
        size_t replace = strlen(faults[i].replace);
        char *changed = malloc(len - find + replace + 1);
        assert_non_null(changed);
        memcpy(changed, text, before);
        memcpy(changed + before, faults[i].replace, replace);
        memcpy(changed + before + replace, at + find, len - before - find + 1);
        test_write_text(path, changed);
        char *output = NULL;
        assert_int_not_equal(run_checker(dir, &output), 0);
        assert_non_null(output);
        assert_non_null(strstr(output, faults[i].message));
        free(output);
        free(changed);
        free(text);
        free(path);
        free(dir);
    }
    free(from);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_period_is_a_valid_data_package),
        cmocka_unit_test(test_faults_are_caught),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
