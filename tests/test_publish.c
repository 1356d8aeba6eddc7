/* Nightly publication, from the outside: the real program run on copies of the demo data, and
 * killed at chosen system calls (strace's fault injection) to show that readers only ever see
 * a whole publication. */
#define _GNU_SOURCE /* posix_spawn_file_actions_addchdir_np, realpath */
#include "support.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"

extern char **environ;

static char work[] = "/tmp/gen-publish-XXXXXX";
static char gen[4096];

typedef struct run_result {
    int status; /* exit status, or 128 + signal */
    char *err;  /* standard error */
} run_result;

/* Runs argv (in `dir` when not NULL) with `env` added to the environment. */
static run_result run_in(const char *dir, char *const argv[], char *const env[])
{
    char err_path[4200];
    snprintf(err_path, sizeof err_path, "%s/stderr.txt", work);
    char *envp[256];
    size_t n = 0;
    for (size_t i = 0; env && env[i]; i++)
        envp[n++] = env[i];
    for (char **e = environ; *e && n < 255; e++)
        envp[n++] = *e;
    envp[n] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, err_path, O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    if (dir)
        posix_spawn_file_actions_addchdir_np(&fa, dir);
    pid_t pid;
    run_result r = {-1, NULL};
    if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, envp) == 0) {
        int status;
        waitpid(pid, &status, 0);
        r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    posix_spawn_file_actions_destroy(&fa);
    r.err = test_read_file(err_path, NULL);
    return r;
}

static void run_free(run_result *r)
{
    free(r->err);
}

static char *path2(const char *a, const char *b)
{
    buf p = BUF_INIT;
    buf_printf(&p, "%s/%s", a, b);
    return buf_detach(&p);
}

static int shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int shell(const char *fmt, ...)
{
    char command[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(command, sizeof command, fmt, ap);
    va_end(ap);
    return system(command);
}

/* gen on `input` into `out`, with optional extra arguments. */
static run_result gen_run(const char *input, const char *out, const char *extra1,
                          const char *extra2, char *const env[])
{
    char *argv[] = {gen,           "--input",   (char *)input,  "--out",        (char *)out,
                    "--templates", "templates", (char *)extra1, (char *)extra2, NULL};
    if (!extra1)
        argv[7] = NULL;
    return run_in(NULL, argv, env);
}

static int setup(void **state)
{
    (void)state;
    const char *g = getenv("GEN") ? getenv("GEN") : "gen/gen";
    if (!realpath(g, gen) || !mkdtemp(work))
        return -1;
    /* Input A: the demo. Input B: the demo with one Bình Dương amount changed. */
    if (shell("cp -r input '%s/a' && cp -r input '%s/b'", work, work) != 0)
        return -1;
    return shell("sed -i 's/\"3,000\",\"2,675\"/\"3,001\",\"2,675\"/' "
                 "'%s/b/2024-09/BINH_DUONG_KHUYENCONG_2024.csv' && grep -q '3,001' "
                 "'%s/b/2024-09/BINH_DUONG_KHUYENCONG_2024.csv'",
                 work, work) == 0
               ? 0
               : -1;
}

static int teardown(void **state)
{
    (void)state;
    return shell("rm -rf '%s'%s", work, "");
}

/* `sha256sum -c SHA256SUMS` in the period folder passes. */
static bool sums_check(const char *period_dir)
{
    char *argv[] = {"sha256sum", "--quiet", "--strict", "-c", "SHA256SUMS", NULL};
    run_result r = run_in(period_dir, argv, NULL);
    bool ok = r.status == 0;
    run_free(&r);
    return ok;
}

static void test_publication_checks_out(void **state)
{
    (void)state;
    char *in = path2(work, "a"), *out = path2(work, "out-check");
    run_result r = gen_run(in, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    char *dir = path2(out, "2024-09");
    assert_true(sums_check(dir));
    const char *expected[] = {"briefing.md",       "briefing.html",       "annex.xlsx",
                              "data/region.csv",   "data/provinces.csv",  "data/contents.csv",
                              "data/projects.csv", "chart-provinces.svg", "SHA256SUMS"};
    char *sums_path = path2(dir, "SHA256SUMS");
    char *sums = test_read_file(sums_path, NULL);
    free(sums_path);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        char *p = path2(dir, expected[i]);
        struct stat st;
        if (stat(p, &st) != 0)
            fail_msg("%s was not published", expected[i]);
        free(p);
    }
    /* The index lists every file with the checksum SHA256SUMS gives it. */
    char *index_path = path2(out, "index.html");
    char *index = test_read_file(index_path, NULL);
    free(index_path);
    assert_non_null(index);
    for (char *line = sums; line && *line;) {
        char hex[65];
        memcpy(hex, line, 64);
        hex[64] = '\0';
        if (!strstr(index, hex))
            fail_msg("index.html lacks %s", hex);
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    free(index);
    free(sums);
    free(dir);
    run_free(&r);
    free(in);
    free(out);
}

/* Modification times and inodes of everything under `dir`, as text, to compare. */
static char *listing(const char *dir)
{
    char command[4200];
    snprintf(command, sizeof command,
             "cd '%s' && find . -printf '%%p %%i %%T@\\n' | sort > '%s/listing.txt'", dir, work);
    if (system(command) != 0)
        return NULL;
    char *path = path2(work, "listing.txt");
    char *text = test_read_file(path, NULL);
    free(path);
    return text;
}

static void test_unchanged_input_touches_nothing(void **state)
{
    (void)state;
    char *a = path2(work, "a"), *b = path2(work, "b"), *out = path2(work, "out-same");
    run_result r = gen_run(a, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char *before = listing(out);
    sleep(1); /* a rewrite would show in the modification times */
    r = gen_run(a, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "up to date"));
    run_free(&r);
    char *after = listing(out);
    assert_non_null(before);
    assert_string_equal(before, after);
    /* One changed submission publishes again. */
    r = gen_run(b, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "published"));
    run_free(&r);
    char *changed = listing(out);
    assert_string_not_equal(after, changed);
    /* --force publishes even when nothing changed. */
    r = gen_run(b, out, "--force", NULL, NULL);
    assert_non_null(strstr(r.err, "published"));
    run_free(&r);
    free(before);
    free(after);
    free(changed);
    free(a);
    free(b);
    free(out);
}

static void test_same_bytes_whatever_the_clock_zone_or_locale(void **state)
{
    (void)state;
    char *a = path2(work, "a"), *o1 = path2(work, "out-utc"), *o2 = path2(work, "out-hcm");
    char *utc[] = {"TZ=UTC", "LC_ALL=C", "LANG=C", NULL};
    char *hcm[] = {"TZ=Asia/Ho_Chi_Minh", "LC_ALL=vi_VN.UTF-8", "LANG=vi_VN.UTF-8", NULL};
    run_result r1 = gen_run(a, o1, NULL, NULL, utc);
    sleep(1); /* and another second on the clock */
    run_result r2 = gen_run(a, o2, NULL, NULL, hcm);
    assert_int_equal(r1.status, 0);
    assert_int_equal(r2.status, 0);
    assert_int_equal(shell("diff -r '%s' '%s' >/dev/null", o1, o2), 0);
    run_free(&r1);
    run_free(&r2);
    free(a);
    free(o1);
    free(o2);
}

static char *read_sums(const char *out)
{
    char *p = path2(out, "2024-09/SHA256SUMS");
    char *text = test_read_file(p, NULL);
    free(p);
    return text;
}

/* For strace's -E: LeakSanitizer cannot work in a traced process, so a sanitized gen (make
 * check-asan) runs under strace without it; the other sanitizer settings stay. */
static const char *asan_options_under_strace(void)
{
    static char option[512];
    const char *current = getenv("ASAN_OPTIONS");
    snprintf(option, sizeof option, "ASAN_OPTIONS=%s%sdetect_leaks=0", current ? current : "",
             current && *current ? ":" : "");
    return option;
}

/* Kills the run at the n-th call of `syscall` (strace's fault injection). Returns the status:
 * 128 + 9 when it was killed, the program's own status when the n-th call never came. */
static int run_killed_at(const char *input, const char *out, const char *syscall, int n)
{
    char trace[64], inject[128];
    snprintf(trace, sizeof trace, "trace=%s", syscall);
    snprintf(inject, sizeof inject, "inject=%s:signal=SIGKILL:when=%d", syscall, n);
    char *argv[] = {"strace",
                    "-f",
                    "-qq",
                    "-o",
                    "/dev/null",
                    "-E",
                    (char *)asan_options_under_strace(),
                    "-e",
                    trace,
                    "-e",
                    inject,
                    gen,
                    "-q",
                    "--force",
                    "--input",
                    (char *)input,
                    "--out",
                    (char *)out,
                    "--templates",
                    "templates",
                    NULL};
    run_result r = run_in(NULL, argv, NULL);
    int status = r.status;
    run_free(&r);
    return status;
}

static void test_killed_runs_leave_a_whole_publication(void **state)
{
    (void)state;
    char *a = path2(work, "a"), *b = path2(work, "b"), *out = path2(work, "out-kill");
    char *dir = path2(out, "2024-09");
    run_result r = gen_run(b, out, NULL, NULL, NULL);
    run_free(&r);
    char *sums_b = read_sums(out);
    r = gen_run(a, out, NULL, NULL, NULL);
    run_free(&r);
    char *sums_a = read_sums(out);
    assert_string_not_equal(sums_a, sums_b);
    const char *calls[] = {"fsync", "renameat2", "rename", "unlink",
                           "rmdir", "mkdir",     "openat", "write"};
    int kills = 0;
    for (size_t c = 0; c < sizeof calls / sizeof calls[0]; c++) {
        for (int n = 1; n <= 60; n++) {
            int status = run_killed_at(n % 2 ? b : a, out, calls[c], n);
            char *sums = read_sums(out);
            if (!sums_check(dir) || !sums ||
                (strcmp(sums, sums_a) != 0 && strcmp(sums, sums_b) != 0))
                fail_msg("killed at %s #%d: the published folder is not whole", calls[c], n);
            free(sums);
            if (status != 128 + SIGKILL)
                break; /* the run got through: no later call to kill at */
            kills++;
        }
    }
    /* The next run removes what the killed ones left beside the published folder. */
    r = gen_run(a, out, "--force", NULL, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    assert_int_equal(shell("ls -a '%s' | grep -q 'new-' && exit 1 || exit 0%s", out, ""), 0);
    printf("# %d runs killed at a chosen system call\n", kills);
    assert_true(kills > 40);
    free(sums_a);
    free(sums_b);
    free(dir);
    free(a);
    free(b);
    free(out);
}

static void test_two_runs_never_interleave(void **state)
{
    (void)state;
    char *a = path2(work, "a"), *out = path2(work, "out-lock");
    /* Run 1 holds the lock, slowed by two seconds at its first fsync. */
    char *argv[] = {"strace",
                    "-f",
                    "-qq",
                    "-o",
                    "/dev/null",
                    "-E",
                    (char *)asan_options_under_strace(),
                    "-e",
                    "trace=fsync",
                    "-e",
                    "inject=fsync:delay_enter=2s:when=1",
                    gen,
                    "-q",
                    "--input",
                    a,
                    "--out",
                    out,
                    "--templates",
                    "templates",
                    NULL};
    pid_t first;
    assert_int_equal(posix_spawnp(&first, "strace", NULL, NULL, argv, environ), 0);
    nanosleep(&(struct timespec){0, 700 * 1000 * 1000}, NULL);
    run_result second = gen_run(a, out, "--wait", "0", NULL);
    assert_int_equal(second.status, 2);
    assert_non_null(strstr(second.err, "another gen run is publishing"));
    run_result patient = gen_run(a, out, "--wait", "30", NULL);
    int status;
    waitpid(first, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(patient.status, 0); /* waited, then found it up to date */
    assert_non_null(strstr(patient.err, "up to date"));
    char *dir = path2(out, "2024-09");
    assert_true(sums_check(dir));
    run_free(&second);
    run_free(&patient);
    free(dir);
    free(a);
    free(out);
}

/* Python's csv module, knowing nothing of gen, reads the open data back to the report's
 * figures. */
static void test_open_data_reads_back(void **state)
{
    (void)state;
    char *a = path2(work, "a"), *out = path2(work, "out-data");
    run_result r = gen_run(a, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char *dir = path2(out, "2024-09/data");
    assert_int_equal(shell("python3 tests/publish/check_data.py '%s'%s", dir, ""), 0);
    free(dir);
    free(a);
    free(out);
}

static void test_install_and_uninstall(void **state)
{
    (void)state;
    char *root = path2(work, "root");
    assert_int_equal(shell("make -s DESTDIR='%s' install >/dev/null%s", root, ""), 0);
    char *bin = path2(root, "usr/local/bin/gen");
    char *templates = path2(root, "usr/local/share/gen/templates");
    char *man = path2(root, "usr/local/share/man/man1/gen.1");
    struct stat st;
    assert_int_equal(stat(bin, &st), 0);
    assert_int_equal(stat(man, &st), 0);
    char *argv[] = {bin, "-q", "--check", "--input", "input", "--templates", templates, NULL};
    run_result r = run_in(NULL, argv, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    assert_int_equal(shell("make -s DESTDIR='%s' uninstall >/dev/null%s", root, ""), 0);
    assert_int_not_equal(stat(bin, &st), 0);
    assert_int_not_equal(stat(templates, &st), 0);
    free(bin);
    free(templates);
    free(man);
    free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_publication_checks_out),
        cmocka_unit_test(test_unchanged_input_touches_nothing),
        cmocka_unit_test(test_same_bytes_whatever_the_clock_zone_or_locale),
        cmocka_unit_test(test_killed_runs_leave_a_whole_publication),
        cmocka_unit_test(test_two_runs_never_interleave),
        cmocka_unit_test(test_open_data_reads_back),
        cmocka_unit_test(test_install_and_uninstall),
    };
    return cmocka_run_group_tests_name("publish", tests, setup, teardown);
}
