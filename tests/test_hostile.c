/* test_hostile.c - hostile and messy files dropped beside valid data.
 *
 * Each case adds one file (or link, FIFO, folder) to 2024-09 of a copy of the demo input and runs
 * gen on it from the outside. Every run must:
 * - end within seconds (a hang is killed at TEST_TIMEOUT, 60 s, and fails), with status 3 when the
 *   file was read (it is rejected, or it names a province that already has a file) or 0 when it
 *   was rightly skipped (links, FIFOs, folders, lock, hidden and backup files, unprintable names);
 * - stay under $GEN_MAX_RSS_MB of memory (256 by default; 0 skips the check, as the sanitizer
 *   build does, whose shadow memory is no measure of gen's);
 * - name the file on standard error; for each committed file (tests/hostile/NAME.csv), print
 *   exactly the diagnostics of tests/hostile/expected/NAME.csv.en (text and FILE:LINE:COLUMN), and
 *   under LANGUAGE=vi exactly those of NAME.csv.vi (see tests/hostile/expected/README.md);
 * - write nothing outside its out folder and change nothing in the input;
 * - leave every other province's figures exact: the briefing's province and content tables are
 *   those of the demo, or, when the file names a province (which then has two files, both
 *   rejected), those of the demo without that province's file, but for that province's row.
 *
 * The committed files are in tests/hostile (see make_hostile.py); the large ones (a 200 MB
 * quoted field, a million columns, random bytes, rows past the limit) and those a repository
 * cannot hold are made here. GEN is the program (default gen/gen); run from the project root. */
#include "support.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "catalog.h"
#include "submission.h"

enum { SECONDS_ALLOWED = 10 };

static struct {
    char gen[PATH_MAX];
    char templates[PATH_MAX];
    char *work;          /* the test's folder under /tmp */
    char demo[PATH_MAX]; /* work/demo: a copy of input/ */
    long max_rss_kb;     /* 0: not checked */
    catalog roster, contents;
    char *baseline;     /* the demo's table rows */
    char *without[100]; /* ... without the file of roster province i (made on demand) */
    char *file_of[100]; /* the demo file of roster province i */
} t;

/* ------------------------------------------------------------------------------ helpers */

/* The environment of a run: messages in English (nothing that chooses a language), or in
 * Vietnamese (LANGUAGE=vi). */
static char *const english[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", NULL};
static char *const vietnamese[] = {"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE=vi", NULL};

/* Runs gen in `dir` on dir/input, writing dir/out, in `env`; standard error is kept. A run that
 * hangs is killed at the time limit and fails the test. */
static test_result run_gen_in(const char *dir, const char *extra, char *const *env)
{
    /* The hostile entries stand in 2024-09: that period is run (and 2023-09 read for the
     * comparison), not every period of the demo. */
    char *argv[] = {t.gen,       "-i", "input",       "-o", "out",
                    "-p",        "2024-09", "-t", t.templates, (char *)extra, NULL};
    return test_run(&(test_cmd){
        .argv = argv, .dir = dir, .env = env, .out = TEST_DISCARD, .err = TEST_CAPTURE});
}

static test_result run_gen(const char *dir, const char *extra)
{
    return run_gen_in(dir, extra, english);
}

/* Standard error against tests/hostile/expected/NAME.LANG, exactly, the test's folder written
 * WORK; prints the first line that differs. */
static void expect_stderr(const char *name, const char *lang, const char *got)
{
    char *path = test_pathf("tests/hostile/expected/%s.%s", name, lang);
    char *want = test_read_file(path, NULL);
    if (!want)
        fail_msg("%s is missing; standard error was:\n%s", path, got);
    buf norm = BUF_INIT;
    size_t wn = strlen(t.work);
    for (const char *p = got; *p;) {
        if (strncmp(p, t.work, wn) == 0) {
            buf_puts(&norm, "WORK");
            p += wn;
        } else {
            buf_append(&norm, p++, 1);
        }
    }
    const char *g = norm.data ? norm.data : "";
    if (strcmp(want, g) != 0) {
        size_t line = 1, i = 0;
        while (want[i] && want[i] == g[i])
            line += want[i++] == '\n';
        while (i > 0 && want[i - 1] != '\n')
            i--;
        print_error("--- %s\n+++ standard error\n@@ line %zu @@\n-%.*s\n+%.*s\n", path, line,
                    (int)strcspn(want + i, "\n"), want + i, (int)strcspn(g + i, "\n"), g + i);
        fail_msg("%s: standard error (%s) differs from %s", name, lang, path);
    }
    buf_free(&norm);
    free(want);
    free(path);
}

/* The lines of the briefing's tables (province rows, content rows, totals), in order. */
static char *table_rows(const char *dir)
{
    char *path = test_join(dir, "out/2024-09/briefing.md");
    char *md = test_read_file(path, NULL);
    if (!md)
        fail_msg("%s was not written", path);
    free(path);
    size_t n = 0;
    for (char *line = md; *line;) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line + 1) : strlen(line);
        if (line[0] == '|') {
            memmove(md + n, line, len);
            n += len;
        }
        line += len;
    }
    md[n] = '\0';
    return md;
}

/* `rows` without the line of the province with code `code` (NULL: none left out). */
static char *without_row(const char *rows, const char *code)
{
    char *copy = strdup(rows), prefix[32] = "";
    assert_non_null(copy);
    if (!code)
        return copy;
    snprintf(prefix, sizeof prefix, "| %s |", code);
    size_t n = 0;
    for (const char *line = rows; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line + 1) : strlen(line);
        if (strncmp(line, prefix, strlen(prefix)) != 0) {
            memcpy(copy + n, line, len);
            n += len;
        }
        line += len;
    }
    copy[n] = '\0';
    return copy;
}

/* The roster province the file at `path` names, as gen reads it, or -1. */
static int province_of(const char *path)
{
    diag_list diags = DIAG_LIST_INIT;
    submission *s = submission_read(path, &t.roster, &t.contents, &diags);
    int p = s->province;
    submission_free(s);
    diag_list_free(&diags);
    return p;
}

/* The table rows of the demo without province p's file, made on first use. */
static const char *rows_without(int p)
{
    if (t.without[p])
        return t.without[p];
    char *dir = test_join(t.work, "without");
    test_remove_tree(dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    char *input = test_join(dir, "input");
    test_copy_tree(t.demo, input);
    char *file = test_join(input, "2024-09");
    char *victim = test_join(file, t.file_of[p]);
    assert_int_equal(unlink(victim), 0);
    test_result r = run_gen(dir, NULL);
    assert_int_equal(r.status, 3);
    t.without[p] = table_rows(dir);
    free(r.err);
    free(victim);
    free(file);
    free(input);
    test_remove_tree(dir);
    free(dir);
    return t.without[p];
}

/* ------------------------------------------------------------------------------ one case */

typedef enum expectation { READ_AND_REJECTED, SKIPPED } expectation;

/* A case folder: dir/input is a copy of the demo input. Returns dir (caller frees). */
static char *new_case(void)
{
    char *dir = test_join(t.work, "case");
    test_remove_tree(dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    char *input = test_join(dir, "input");
    test_copy_tree(t.demo, input);
    free(input);
    return dir;
}

static char *period_path(const char *dir, const char *name)
{
    char *period = test_join(dir, "input/2024-09");
    char *path = test_join(period, name);
    free(period);
    return path;
}

/* Names in `dir`, sorted, one a line. */
static char *listing(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    buf b = BUF_INIT;
    for (int i = 0; i < n; i++) {
        buf_printf(&b, "%s\n", names[i]->d_name);
        free(names[i]);
    }
    free(names);
    return buf_detach(&b);
}

/* Runs gen on the case folder `dir`, whose input/2024-09 holds the hostile entry `name`, and
 * checks everything the file comment promises. `shown` is how standard error names it. */
static void check_case(const char *dir, const char *name, const char *shown, expectation expect,
                       const char *extra, bool committed)
{
    char *entry = period_path(dir, name);
    /* The province the file names, when it is read: its row and the totals may change. */
    int own = expect == READ_AND_REJECTED ? province_of(entry) : -1;
    char *period = test_join(dir, "input/2024-09");
    char *before = listing(period);
    test_result r = run_gen(dir, extra);
    printf("# %-40.40s exit %d, %5.2f s, %6.1f MB%s%s\n", shown, r.status, r.seconds,
           (double)r.max_rss_kb / 1024, own >= 0 ? ", names " : "",
           own >= 0 ? t.roster.entries[own].name : "");
    if (r.status != (expect == SKIPPED ? 0 : 3))
        fail_msg("%s: exit %d, expected %d; stderr:\n%s", shown, r.status,
                 expect == SKIPPED ? 0 : 3, r.err);
    if (r.seconds > SECONDS_ALLOWED)
        fail_msg("%s: took %.1f s", shown, r.seconds);
    if (t.max_rss_kb && r.max_rss_kb > t.max_rss_kb)
        fail_msg("%s: peak RSS %ld kB, over %ld kB", shown, r.max_rss_kb, t.max_rss_kb);
    if (!strstr(r.err, shown))
        fail_msg("%s: not named on standard error:\n%s", shown, r.err);
    if (committed) {
        /* Every diagnostic, its text and position, in both languages. */
        expect_stderr(name, "en", r.err);
        char *out = test_join(dir, "out");
        test_remove_tree(out); /* a fresh publication again, not "unchanged" */
        free(out);
        test_result vi = run_gen_in(dir, extra, vietnamese);
        expect_stderr(name, "vi", vi.err);
        test_result_free(&vi);
    }
    /* Nothing written beside out/, nothing changed in the input. */
    char *top = listing(dir), *after = listing(period);
    assert_string_equal(top, ".\n..\ninput\nout\n");
    assert_string_equal(before, after);
    /* Every other province's figures, and the totals without the file's own province. */
    char *got = table_rows(dir);
    const char *code = own >= 0 ? t.roster.entries[own].code : NULL;
    char *want = without_row(own >= 0 ? rows_without(own) : t.baseline, code);
    char *have = without_row(got, code);
    if (strcmp(want, have) != 0)
        fail_msg("%s: the other provinces' figures changed:\n--- expected\n%s--- got\n%s", shown,
                 want, have);
    free(want);
    free(have);
    free(got);
    free(top);
    free(after);
    free(before);
    free(period);
    free(r.err);
    free(entry);
}

/* Drops `len` bytes as input/2024-09/name and checks the run; `committed`: a file of
 * tests/hostile, whose standard error is expected in tests/hostile/expected. */
static void drop_file(const char *name, const void *data, size_t len, expectation expect,
                      bool committed)
{
    char *dir = new_case();
    char *path = period_path(dir, name);
    test_write_file(path, data, len);
    check_case(dir, name, name, expect, NULL, committed);
    free(path);
    free(dir);
}

/* drop_file for a buffer of the test's own, freed before gen runs: the peak memory the kernel
 * reports for a child counts what the parent held when the child started. */
static void drop_and_free(const char *name, char *data, size_t len)
{
    char *dir = new_case();
    char *path = period_path(dir, name);
    test_write_file(path, data, len);
    free(data);
    check_case(dir, name, name, READ_AND_REJECTED, NULL, false);
    free(path);
    free(dir);
}

static char *xmalloc_test(size_t n)
{
    char *p = malloc(n);
    assert_non_null(p);
    return p;
}

/* ------------------------------------------------------------------------------ setup */

static int setup(void **state)
{
    (void)state;
    test_resolve(t.gen, sizeof t.gen, "GEN", "gen/gen");
    test_resolve(t.templates, sizeof t.templates, "GEN_TEMPLATES", "templates");
    const char *rss = getenv("GEN_MAX_RSS_MB");
    t.max_rss_kb = (rss && *rss ? atol(rss) : 256) * 1024;
    t.work = test_temp_dir("hostile");
    char *demo = test_join(t.work, "demo");
    snprintf(t.demo, sizeof t.demo, "%s", demo);
    free(demo);
    test_demo_input(t.demo);
    diag_list d = DIAG_LIST_INIT;
    assert_int_equal(catalog_load(&t.roster, "input/roster.csv", CATALOG_ROSTER, &d), 0);
    assert_int_equal(catalog_load(&t.contents, "input/contents.csv", CATALOG_CONTENTS, &d), 0);
    diag_list_free(&d);
    assert_true(t.roster.count <= 100);
    /* Which demo file is whose. */
    char *period = test_join(t.demo, "2024-09");
    DIR *dir = opendir(period);
    assert_non_null(dir);
    struct dirent *e;
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 4 || strcmp(e->d_name + len - 4, ".csv") != 0)
            continue; /* context.md and the like are no submission */
        char *path = test_join(period, e->d_name);
        int p = province_of(path);
        assert_true(p >= 0);
        t.file_of[p] = strdup(e->d_name);
        free(path);
    }
    closedir(dir);
    free(period);
    /* The demo itself: all valid. */
    char *base = test_join(t.work, "base");
    assert_int_equal(mkdir(base, 0755), 0);
    char *input = test_join(base, "input");
    test_copy_tree(t.demo, input);
    test_result r = run_gen(base, NULL);
    if (r.status != 0)
        fail_msg("the demo run exited %d:\n%s", r.status, r.err);
    t.baseline = table_rows(base);
    free(r.err);
    free(input);
    free(base);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(t.work);
    free(t.work);
    free(t.baseline);
    for (size_t i = 0; i < 100; i++) {
        free(t.without[i]);
        free(t.file_of[i]);
    }
    catalog_free(&t.roster);
    catalog_free(&t.contents);
    return 0;
}

/* ------------------------------------------------------------------------------ cases */

static void test_committed_hostile_files(void **state)
{
    (void)state;
    struct dirent **names;
    int n = scandir("tests/hostile", &names, NULL, alphasort);
    assert_true(n > 0);
    int cases = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t len = strlen(name);
        if (len > 4 && strcmp(name + len - 4, ".csv") == 0) {
            char *path = test_join("tests/hostile", name);
            size_t size = 0;
            char *data = test_read_file(path, &size);
            assert_non_null(data);
            drop_file(name, data, size, READ_AND_REJECTED, true);
            free(data);
            free(path);
            cases++;
        }
        free(names[i]);
    }
    free(names);
    assert_true(cases >= 30);
}

/* xorshift: the same "random" bytes on every run. */
static void random_bytes(unsigned char *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        p[i] = (unsigned char)seed;
    }
}

static void test_huge_and_random_files(void **state)
{
    (void)state;
    /* 200 MB of one quoted field, past the file limit: refused before it is read. Made sparse, so
     * the test does not write 200 MB; gen refuses it on its size alone. */
    char *dir = new_case();
    char *path = period_path(dir, "quoted-field-200mb.csv");
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\"", 1), 1);
    assert_int_equal(ftruncate(fd, 200L << 20), 0);
    assert_int_equal(close(fd), 0);
    check_case(dir, "quoted-field-200mb.csv", "quoted-field-200mb.csv", READ_AND_REJECTED, NULL, false);
    free(path);
    free(dir);

    /* Under the file limit, one quoted field of 15 MB (with delimiters and line breaks inside):
     * refused at the field limit, without being buffered. */
    size_t n = 15u << 20;
    char *big = xmalloc_test(n);
    static const char header[] = "province,source,content,project,plan,executed\r\n80,KCQG,01,\"";
    memcpy(big, header, sizeof header - 1);
    for (size_t i = sizeof header - 1; i < n; i++)
        big[i] = i % 100 == 0 ? '\n' : i % 10 == 0 ? ',' : 'x';
    drop_and_free("quoted-field-15mb.csv", big, n);

    /* One line of 10 MB without a line break or a quote. */
    big = xmalloc_test(10u << 20);
    memset(big, 'x', 10u << 20);
    drop_and_free("line-10mb.csv", big, 10u << 20);

    /* A million columns. */
    big = xmalloc_test(2000000);
    for (size_t i = 0; i < 2000000; i += 2) {
        big[i] = 'a';
        big[i + 1] = ',';
    }
    drop_and_free("million-columns.csv", big, 2000000);

    /* Megabytes of random bytes. */
    big = xmalloc_test(8u << 20);
    random_bytes((unsigned char *)big, 8u << 20, 2463534242u);
    drop_and_free("random-8mb.csv", big, 8u << 20);

    /* Rows past the limit, each a valid line for Long An; and 3 MB of lone CRs. */
    buf rows = BUF_INIT;
    buf_puts(&rows, "province,source,content,project,plan,executed\r\n");
    for (int i = 0; i < 150000; i++)
        buf_printf(&rows, "80,KCQG,01,Dự án %d,1,1\r\n", i);
    size_t rows_len = rows.len;
    drop_and_free("rows-150000.csv", buf_detach(&rows), rows_len);
    big = xmalloc_test(3u << 20);
    memset(big, '\r', 3u << 20);
    drop_and_free("carriage-returns-3mb.csv", big, 3u << 20);
}

/* A valid submission for Long An, to be placed where gen must not read it. */
static char *long_an_copy(size_t *len)
{
    char *path = test_join(t.demo, "2024-09");
    char *file = test_join(path, t.file_of[7]); /* roster order: 80 Long An is the 8th */
    assert_string_equal(t.roster.entries[7].code, "80");
    char *data = test_read_file(file, len);
    assert_non_null(data);
    free(file);
    free(path);
    return data;
}

static void test_what_is_not_a_regular_file_is_skipped(void **state)
{
    (void)state;
    size_t len;
    char *valid = long_an_copy(&len);
    /* A link to a valid file outside the folder: not followed, so no second Long An. */
    char *outside = test_join(t.work, "outside-long-an.csv");
    test_write_file(outside, valid, len);
    struct {
        const char *name;
        const char *target;
    } links[] = {{"linked-long-an.csv", outside},
                 {"dangling.csv", "/nonexistent/file.csv"},
                 {"zero.csv", "/dev/zero"},
                 {"passwd.csv", "/etc/passwd"}};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        char *dir = new_case(), *path = period_path(dir, links[i].name);
        assert_int_equal(symlink(links[i].target, path), 0);
        check_case(dir, links[i].name, links[i].name, SKIPPED, NULL, false);
        free(path);
        free(dir);
    }
    /* A FIFO that nobody writes: reading it would block the run forever. */
    char *dir = new_case(), *path = period_path(dir, "fifo.csv");
    assert_int_equal(mkfifo(path, 0644), 0);
    check_case(dir, "fifo.csv", "fifo.csv", SKIPPED, NULL, false);
    free(path);
    free(dir);
    /* A folder named like a submission. */
    dir = new_case();
    path = period_path(dir, "folder.csv");
    assert_int_equal(mkdir(path, 0755), 0);
    check_case(dir, "folder.csv", "folder.csv", SKIPPED, NULL, false);
    free(path);
    free(dir);
    /* Lock, hidden and backup files holding a valid Long An submission: ignored. */
    const char *scratch[] = {"~$long-an.csv", ".long-an.csv", "long-an.csv~",
                             ".~lock.long-an.csv#"};
    for (size_t i = 0; i < sizeof scratch / sizeof scratch[0]; i++)
        drop_file(scratch[i], valid, len, SKIPPED, false);
    free(outside);
    free(valid);
}

static void test_hostile_names(void **state)
{
    (void)state;
    size_t len;
    char *valid = long_an_copy(&len);
    /* A line break in a name could forge a diagnostic line; a name that is not UTF-8 cannot be
     * shown. Both are skipped, named with their bytes escaped. */
    char *dir = new_case(), *path = period_path(dir, "evil\nx.csv:1:1: error: forged.csv");
    test_write_file(path, valid, len);
    check_case(dir, "evil\nx.csv:1:1: error: forged.csv", "'evil\\x0Ax.csv:1:1: error: forged.csv'",
               SKIPPED, NULL, false);
    free(path);
    free(dir);
    dir = new_case();
    path = period_path(dir, "\xFF\xFE.csv");
    test_write_file(path, valid, len);
    check_case(dir, "\xFF\xFE.csv", "'\\xFF\\xFE.csv'", SKIPPED, NULL, false);
    free(path);
    free(dir);
    /* Names a shell, Markdown or HTML would act on: read as any name, and nothing runs. */
    const char *names[] = {
        "$(touch pwned).csv", "`touch pwned`.csv",           "<img src=x onerror=alert(1)>.csv",
        "-rf --help.csv",     "a|b*c_[x](javascript:y).csv", "%2e%2e%2f..%2fescape.csv"};
    static const char junk[] = "\x7F"
                               "ELF";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        drop_file(names[i], junk, sizeof junk - 1, READ_AND_REJECTED, false);
    free(valid);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_committed_hostile_files),
        cmocka_unit_test(test_huge_and_random_files),
        cmocka_unit_test(test_what_is_not_a_regular_file_is_skipped),
        cmocka_unit_test(test_hostile_names),
    };
    return cmocka_run_group_tests_name("hostile", tests, setup, teardown);
}
