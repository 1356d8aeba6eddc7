/* test_bench.c - a smoke test of the benchmark harness (make bench), at the demo scale only:
 * tests/bench/bench.py --check-only runs gen and the reference (tests/bench/reference.py,
 * pandas and openpyxl) once each on input/ and fails unless both state the same figures in
 * data/region.csv, provinces.csv and contents.csv, byte for byte. The large scales take minutes
 * and stay out of make check.
 *
 * Environment: GEN (default gen/gen). */
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Debian's interpreter, where python3-pandas and python3-openpyxl are installed. */
#define PYTHON "/usr/bin/python3"
#define BENCH  "tests/bench/bench.py"
#define LOG    "tests/artifacts/bench-check.log"

/* Runs argv with standard output and error to LOG; returns the exit status, or -1. */
static int run_logged(char *const argv[])
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(LOG, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
            _exit(126);
        execv(argv[0], argv);
        dprintf(2, "cannot execute %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int ws;
    if (waitpid(pid, &ws, 0) < 0 || !WIFEXITED(ws))
        return -1;
    return WEXITSTATUS(ws);
}

static void test_gen_and_the_reference_agree_on_the_demo(void **state)
{
    (void)state;
    const char *gen = getenv("GEN");
    assert_int_equal(setenv("GEN", gen && *gen ? gen : "gen/gen", 1), 0);
    char *argv[] = {PYTHON, BENCH, "--scales", "demo", "--check-only", NULL};
    int status = run_logged(argv);
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
