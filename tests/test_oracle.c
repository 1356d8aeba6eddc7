/* test_oracle.c - the independent oracle (tests/oracle/, tests/tools/independent_totals.py, standard
 * library and openpyxl, no code shared with gen) run on fresh outputs of gen:
 *
 *   - fresh_outputs: tests/oracle/run_fresh.sh runs gen on a copy of every case that
 *     tests/oracle/cases.txt lists (every golden case that writes a briefing; the file says why
 *     each other case is left out) and check_case.py checks every figure of every listed period
 *     (briefing.md, .html, .docx, every province's page provinces/CODE.md and .html, the charts,
 *     data/ CSV files, the annex, index.html and SHA256SUMS, standard error), and that the run
 *     published no period the list does not name;
 *   - provinces_over_time: the same runs for the cases whose roster dates its provinces, each
 *     briefing checked by over_time.py (figures carried through successors, mergers named);
 *   - planted_faults: plant_faults.py plants one wrong figure at a time in copies of out folders
 *     GEN makes afresh from golden cases (every kind of output, the province pages included) and
 *     the oracle must catch each.
 *
 * Environment: GEN (default gen/gen); PYTHON (default /usr/bin/python3, Debian's, with openpyxl);
 * run from the top of the checkout. */
#include "support.h"

static const char *python(void)
{
    const char *p = getenv("PYTHON");
    return p && *p ? p : "/usr/bin/python3";
}

/* Runs argv under the slow time limit; fails the test with its output unless it exits 0. */
static void must_pass(char *const *argv, const char *what)
{
    char py[300];
    test_path_in(py, sizeof py, "PYTHON=%s", python());
    char *env[] = {py, "LC_ALL=C.UTF-8", "TZ=UTC", NULL};
    test_result r = test_run(&(test_cmd){.argv = argv,
                                         .env = env,
                                         .out = TEST_CAPTURE,
                                         .err = TEST_TO_STDOUT,
                                         .timeout = TEST_TIMEOUT_SLOW});
    if (r.status != 0) {
        print_error("%s\n", r.out);
        fail_msg("%s: exit %d (the output above)", what, r.status);
    }
    /* The last line says what was checked. */
    size_t end = r.out_len;
    while (end > 0 && r.out[end - 1] == '\n')
        end--;
    size_t start = end;
    while (start > 0 && r.out[start - 1] != '\n')
        start--;
    print_message("%.*s\n", (int)(end - start), r.out + start);
    test_result_free(&r);
}

static void fresh_outputs(void **state)
{
    (void)state;
    must_pass((char *[]){"sh", "tests/oracle/run_fresh.sh", (char *)test_gen(), NULL},
              "the oracle on fresh outputs of every case of tests/oracle/cases.txt");
}

static void provinces_over_time(void **state)
{
    (void)state;
    must_pass(
        (char *[]){"sh", "tests/oracle/run_fresh.sh", "--over-time", (char *)test_gen(), NULL},
        "over_time.py on fresh outputs of the cases with a roster over time");
}

static void planted_faults(void **state)
{
    (void)state;
    must_pass((char *[]){(char *)python(), "tests/oracle/plant_faults.py", "--gen", (char *)test_gen(),
                         NULL},
              "plant_faults.py: a planted fault the oracle did not catch");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fresh_outputs),
        cmocka_unit_test(provinces_over_time),
        cmocka_unit_test(planted_faults),
    };
    return cmocka_run_group_tests_name("oracle", tests, NULL, NULL);
}
