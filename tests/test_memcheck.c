/* End-to-end runs under valgrind memcheck: no error, no leak. The demo run, and a run on the demo
 * data with hostile files beside it (tests/hostile, links, a FIFO, a lock file) under low limits,
 * so that every rejection path (encodings, quoting, numbers, limits, the error cap, skipped
 * entries) frees what it took. */
#include "support.h"

#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

/* Runs valgrind with its arguments, standard output to nowhere, standard error shown or not. */
static int run_valgrind(char *const argv[], bool quiet_stderr)
{
    return test_run_status(&(test_cmd){.argv = argv,
                                       .out = TEST_DISCARD,
                                       .err = quiet_stderr ? TEST_DISCARD : TEST_INHERIT,
                                       .timeout = TEST_TIMEOUT_SLOW});
}

static void test_demo_run_is_clean_under_memcheck(void **state)
{
    (void)state;
    const char *gen = test_gen();
    char *out = test_temp_dir("memcheck");
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
    int status = run_valgrind(argv, false);
    test_remove_tree(out);
    free(out);
    /* 99: valgrind found an error or a leak (printed above); anything else is gen's own. */
    assert_int_equal(status, 0);
}

/* The demo's input in dir/input, with each hostile file once beside it and what the other
 * entries need to be skipped or refused. */
static void lay_out_hostile_input(const char *dir)
{
    char *input = test_join(dir, "input");
    test_demo_input(input);
    char *folder = test_join(input, "2024-09");
    const char *hostile[] = {"binary-zip-xlsx",     "binary-png",
                             "windows-1258-dong-thap", "windows-1258-broken",
                             "quote-storm",         "unclosed-quote",
                             "numbers-hostile",     "many-errors",
                             "truncated-utf16-odd", "truncated-utf8",
                             "markup-injection",    "control-characters",
                             "duplicate-columns"};
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        char *from = test_pathf("tests/hostile/%s.csv", hostile[i]);
        char *to = test_pathf("%s/%s.csv", folder, hostile[i]);
        test_copy_file(from, to);
        free(from);
        free(to);
    }
    char *path = test_join(folder, "passwd.csv");
    assert_int_equal(symlink("/etc/passwd", path), 0);
    free(path);
    path = test_join(folder, "fifo.csv");
    assert_int_equal(mkfifo(path, 0666), 0);
    free(path);
    path = test_join(folder, "~$lock.csv");
    test_copy_file("tests/hostile/formula-injection.csv", path);
    free(path);
    /* 50 columns, past --max-columns 20. */
    buf b = BUF_INIT;
    for (int i = 0; i < 50; i++)
        buf_printf(&b, "c%d,", i);
    buf_putc(&b, '\n');
    path = test_join(folder, "wide.csv");
    test_write_file(path, b.data, b.len);
    free(path);
    /* 3,000 rows, past --max-rows 2000. */
    buf_clear(&b);
    buf_puts(&b, "province,source,content,project,plan,executed\n");
    for (int i = 0; i < 3000; i++)
        buf_puts(&b, "80,KCQG,01,x,1,1\n");
    path = test_join(folder, "long.csv");
    test_write_file(path, b.data, b.len);
    free(path);
    /* A field of 9,000 bytes, past --max-field-length 4K, never closed. */
    buf_clear(&b);
    buf_puts(&b, "a,\"");
    for (int i = 0; i < 9000; i++)
        buf_putc(&b, 'x');
    path = test_join(folder, "field.csv");
    test_write_file(path, b.data, b.len);
    free(path);
    buf_free(&b);
    free(folder);
    free(input);
}

static void test_hostile_run_is_clean_under_memcheck(void **state)
{
    (void)state;
    const char *gen = test_gen();
    char *dir = test_temp_dir("memcheck-hostile");
    lay_out_hostile_input(dir);
    char *input = test_join(dir, "input"), *out = test_join(dir, "out");
    char *log = test_join(dir, "valgrind.log"), *log_option = test_pathf("--log-file=%s", log);
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
    int status = run_valgrind(argv, true);
    if (status != 3) {
        char *text = test_read_file(log, NULL);
        print_error("%s", text ? text : "");
        free(text);
    }
    test_remove_tree(dir);
    free(dir);
    free(input);
    free(out);
    free(log);
    free(log_option);
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
