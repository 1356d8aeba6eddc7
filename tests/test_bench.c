/* test_bench.c - a smoke test of the benchmark harness (make bench), at the demo scale only:
 * tests/bench/bench.py --check-only runs gen and the reference (tests/bench/reference.py,
 * pandas and openpyxl) once each on input/ and fails unless both state the same figures in
 * data/region.csv, provinces.csv and contents.csv, byte for byte. The large scales take minutes
 * and stay out of make check.
 *
 * Environment: GEN (default gen/gen). */
#include "support.h"

#include <errno.h>
#include <sys/stat.h>

/* Debian's interpreter, where python3-pandas and python3-openpyxl are installed. */
#define PYTHON "/usr/bin/python3"
#define BENCH  "tests/bench/bench.py"
#define LOG    "tests/artifacts/bench-check.log"

static void test_gen_and_the_reference_agree_on_the_demo(void **state)
{
    (void)state;
    char *gen = test_pathf("GEN=%s", test_gen());
    char *argv[] = {PYTHON, BENCH, "--scales", "demo", "--check-only", NULL};
    char *env[] = {gen, NULL};
    int status = test_run_status(&(test_cmd){.argv = argv,
                                             .env = env,
                                             .out = TEST_FILE,
                                             .out_path = LOG,
                                             .err = TEST_TO_STDOUT,
                                             .timeout = TEST_TIMEOUT_SLOW});
    free(gen);
    char *log = test_read_file(LOG, NULL);
    printf("%s", log ? log : "(no output)\n");
    free(log);
    assert_int_equal(status, 0);
}

int main(void)
{
    if (mkdir("tests/artifacts", 0755) != 0 && errno != EEXIST)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_and_the_reference_agree_on_the_demo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
