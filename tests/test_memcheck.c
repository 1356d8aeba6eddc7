/* The end-to-end demo run under valgrind memcheck: no error, no leak. */
#include "testutil.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int run_quietly(char *const argv[])
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return -1;
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static void test_demo_run_is_clean_under_memcheck(void **state)
{
    (void)state;
    const char *gen = getenv("GEN") ? getenv("GEN") : "gen/gen";
    char out[] = "/tmp/gen-memcheck-XXXXXX";
    assert_non_null(mkdtemp(out));
    char *argv[] = {"valgrind",
                    "--quiet",
                    "--leak-check=full",
                    "--errors-for-leak-kinds=all",
                    "--error-exitcode=99",
                    (char *)gen,
                    "--quiet",
                    "--input",
                    "input",
                    "--out",
                    out,
                    NULL};
    int status = run_quietly(argv);
    char cleanup[128];
    snprintf(cleanup, sizeof cleanup, "rm -rf '%s'", out);
    assert_int_equal(system(cleanup), 0);
    /* 99: valgrind found an error or a leak (printed above); anything else is gen's own. */
    assert_int_equal(status, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_run_is_clean_under_memcheck),
    };
    return cmocka_run_group_tests_name("memcheck", tests, NULL, NULL);
}
