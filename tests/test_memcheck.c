/* End-to-end runs under valgrind memcheck: no error, no leak. The demo run, and a run on the demo
 * data with hostile files beside it (tests/hostile, links, a FIFO, a lock file) under low limits,
 * so that every rejection path (encodings, quoting, numbers, limits, the error cap, skipped
 * entries) frees what it took. */
#include "testutil.h"

#include <fcntl.h>
#include <stdbool.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int run_redirected(char *const argv[], bool quiet_stderr)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    if (quiet_stderr)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
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

static int run_quietly(char *const argv[])
{
    return run_redirected(argv, false);
}

static int run_quietly_without_stderr(char *const argv[])
{
    return run_redirected(argv, true);
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
                    "--suppressions=tests/valgrind/librsvg.supp",
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

static int shell(const char *command)
{
    int rc = system(command);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_hostile_run_is_clean_under_memcheck(void **state)
{
    (void)state;
    const char *gen = getenv("GEN") ? getenv("GEN") : "gen/gen";
    char dir[] = "/tmp/gen-memcheck-hostile-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char command[2048];
    /* Each hostile file once, with what the other entries need to be skipped or refused. */
    snprintf(command, sizeof command,
             "cp -R input '%1$s/input' && "
             "for f in binary-zip-xlsx binary-png windows-1258-dong-thap windows-1258-broken "
             "quote-storm unclosed-quote numbers-hostile many-errors truncated-utf16-odd "
             "truncated-utf8 markup-injection control-characters duplicate-columns; do "
             "cp tests/hostile/$f.csv '%1$s/input/2024-09/'; done && "
             "ln -s /etc/passwd '%1$s/input/2024-09/passwd.csv' && "
             "mkfifo '%1$s/input/2024-09/fifo.csv' && "
             "cp tests/hostile/formula-injection.csv '%1$s/input/2024-09/~$lock.csv' && "
             "awk 'BEGIN { for (i = 0; i < 50; i++) printf \"c%%d,\", i; print \"\" }' "
             "> '%1$s/input/2024-09/wide.csv' && "
             "awk 'BEGIN { print \"province,source,content,project,plan,executed\"; "
             "for (i = 0; i < 3000; i++) print \"80,KCQG,01,x,1,1\" }' "
             "> '%1$s/input/2024-09/long.csv' && "
             "awk 'BEGIN { printf \"a,\\\"\"; for (i = 0; i < 9000; i++) printf \"x\" }' "
             "> '%1$s/input/2024-09/field.csv'",
             dir);
    assert_int_equal(shell(command), 0);
    char input[64], out[64], log[80], log_option[96];
    snprintf(input, sizeof input, "%s/input", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(log, sizeof log, "%s/valgrind.log", dir);
    snprintf(log_option, sizeof log_option, "--log-file=%s", log);
    char *argv[] = {"valgrind",
                    "--quiet",
                    log_option,
                    "--leak-check=full",
                    "--show-leak-kinds=all",
                    "--errors-for-leak-kinds=all",
                    "--error-exitcode=99",
                    "--suppressions=tests/valgrind/librsvg.supp",
                    (char *)gen,
                    "--quiet",
                    "--input",
                    input,
                    "--out",
                    out,
                    "--max-columns",
                    "20",
                    "--max-rows",
                    "2000",
                    "--max-field-length",
                    "4K",
                    NULL};
    /* gen's diagnostics (one or more for every file) are not wanted here: valgrind's are. */
    int status = run_quietly_without_stderr(argv);
    if (status != 3) {
        snprintf(command, sizeof command, "cat '%s' >&2", log);
        shell(command);
    }
    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    assert_int_equal(shell(command), 0);
    /* 99: valgrind found an error or a leak; 3: the outputs are written without the bad files. */
    assert_int_equal(status, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_run_is_clean_under_memcheck),
        cmocka_unit_test(test_hostile_run_is_clean_under_memcheck),
    };
    return cmocka_run_group_tests_name("memcheck", tests, NULL, NULL);
}
