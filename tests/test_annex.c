/* test_annex.c - the Excel annex checked by readers that share no code with gen:
 *
 *   - Debian's python3-openpyxl (tests/annex/check_annex.py): the sheets, numbers as numbers,
 *     the formulas and their stored results, and every figure against the briefing, on the
 *     demo run and on every golden case's expected annex;
 *   - gnumeric's ssconvert --recalc: every formula recalculated gives the stored result;
 *   - LibreOffice headless: the annex converts to PDF (kept as tests/artifacts/annex.pdf);
 *   - the bytes: the same whatever the clock, time zone and locale, dated by
 *     SOURCE_DATE_EPOCH when it is set.
 *
 * Environment: GEN (default gen/gen). The readers run as child processes with a fixed
 * environment; their output is shown when a check fails. */
#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "annex.h"
#include "catalog.h"
#include "period.h"
#include "region.h"

/* Debian's interpreter, where python3-openpyxl is installed (a python3 earlier on PATH may be
 * another one). */
#define PYTHON  "/usr/bin/python3"
#define CHECKER "tests/annex/check_annex.py"

/* The demo run that most tests read, made once. */
static struct {
    char tmp[64];    /* the test's temporary folder */
    char annex[128]; /* tmp/demo/2024-09/annex.xlsx */
    char dir[128];   /* tmp/demo/2024-09 */
    const char *gen;
} fixture;

/* ------------------------------------------------------------------------------ children */

/* Runs argv with `env` (NULL-terminated "K=V" strings) as its whole environment, standard
 * output and error to `log`. Returns the exit status. */
static int run(char *const argv[], char *const env[], const char *log, int timeout)
{
    return test_run_status(&(test_cmd){.argv = argv,
                                       .env = env,
                                       .clean_env = true,
                                       .out = TEST_FILE,
                                       .out_path = log,
                                       .err = TEST_TO_STDOUT,
                                       .timeout = timeout});
}

static void show_log(const char *log)
{
    char *text = test_read_file(log, NULL);
    print_message("%s", text ? text : "(no output)\n");
    free(text);
}

/* Runs a checker or converter that must succeed; shows its output either way. */
static void run_ok(char *const argv[], const char *what)
{
    char home[160], log[160];
    test_path_in(home, sizeof home, "HOME=%s", fixture.tmp);
    test_path_in(log, sizeof log, "%s/log", fixture.tmp);
    char *const env[] = {"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8", "TZ=UTC", home,
                         NULL};
    int status = run(argv, env, log, TEST_TIMEOUT_SLOW);
    show_log(log);
    if (status != 0)
        fail_msg("%s exited with status %d", what, status);
}

static void check(const char *mode, const char *a, const char *b)
{
    char *argv[] = {PYTHON, CHECKER, (char *)mode, (char *)a, (char *)b, NULL};
    run_ok(argv, CHECKER);
}

/* Runs gen on `input` into `out` with extra environment settings; returns its status. */
static int run_gen(const char *input, const char *out, char *const extra[], const char *log)
{
    char *argv[] = {(char *)fixture.gen, "-q", "-i", (char *)input, "-o", (char *)out, NULL};
    char *env[8] = {"PATH=/usr/local/bin:/usr/bin:/bin"};
    size_t n = 1;
    for (size_t i = 0; extra && extra[i] && n < 7; i++)
        env[n++] = extra[i];
    env[n] = NULL;
    return run(argv, env, log, TEST_TIMEOUT);
}

static bool same_bytes(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *x = test_must_read(a, &la), *y = test_must_read(b, &lb);
    bool same = la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* ------------------------------------------------------------------------------ fixture */

static int setup(void **state)
{
    (void)state;
    fixture.gen = test_gen();
    test_path_in(fixture.tmp, sizeof fixture.tmp, "/tmp/gen-annex-XXXXXX");
    if (!mkdtemp(fixture.tmp))
        return -1;
    char out[128], log[160];
    test_path_in(out, sizeof out, "%s/demo", fixture.tmp);
    test_path_in(fixture.dir, sizeof fixture.dir, "%s/2024-09", out);
    test_path_in(fixture.annex, sizeof fixture.annex, "%s/annex.xlsx", fixture.dir);
    test_path_in(log, sizeof log, "%s/demo.log", fixture.tmp);
    char *const env[] = {"TZ=UTC", "LC_ALL=C.UTF-8", NULL};
    int status = run_gen("input", out, env, log);
    if (status != 0) {
        show_log(log);
        fprintf(stderr, "test_annex: gen on the demo data exited with %d\n", status);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(fixture.tmp);
    return 0;
}

/* ------------------------------------------------------------------------------ openpyxl */

static void test_demo_annex_states_the_briefings_figures(void **state)
{
    (void)state;
    check("briefing", fixture.dir, NULL);
    /* Without SOURCE_DATE_EPOCH, the document is dated the period's last day. */
    check("created", fixture.annex, "2024-09-30T00:00:00Z");
}

/* Appends to argv (at *n, up to max) every expected/PERIOD folder of case `dir` holding an
 * annex. */
static void add_golden_periods(const char *dir, char **argv, size_t *n, size_t max)
{
    char expected[512];
    test_path_in(expected, sizeof expected, "%s/expected", dir);
    DIR *d = opendir(expected);
    struct dirent *e;
    while (d && (e = readdir(d)) && *n < max) {
        char period_dir[768], annex[800];
        test_path_in(period_dir, sizeof period_dir, "%s/%s", expected, e->d_name);
        test_path_in(annex, sizeof annex, "%s/annex.xlsx", period_dir);
        struct stat st;
        /* A period's folder (YYYY-MM); a programme report's annex is another layout. */
        bool is_period = strlen(e->d_name) == 7 && e->d_name[4] == '-';
        if (is_period && stat(annex, &st) == 0)
            argv[(*n)++] = strdup(period_dir);
    }
    if (d && *n >= max)
        fail_msg("more golden annexes than %zu: raise the limit", max);
    if (d)
        closedir(d);
}

/* Every golden case that writes an annex: its expected annex states its expected briefing's
 * figures (the styles cases put many figures exactly on a rounding half). */
static void test_golden_annexes_state_their_briefings_figures(void **state)
{
    (void)state;
    const char *golden = "tests/golden";
    DIR *d = opendir(golden);
    assert_non_null(d);
    char *argv[512] = {PYTHON, CHECKER, "briefing"};
    size_t n = 3;
    struct dirent *e;
    while ((e = readdir(d))) {
        char dir[512];
        test_path_in(dir, sizeof dir, "%s/%s", golden, e->d_name);
        if (e->d_name[0] != '.')
            add_golden_periods(dir, argv, &n, 500);
    }
    closedir(d);
    argv[n] = NULL;
    if (n == 3)
        fail_msg("no golden case holds an annex");
    run_ok(argv, CHECKER);
    for (size_t i = 3; i < n; i++)
        free(argv[i]);
}

/* ------------------------------------------------------------------------------ spreadsheets */

static void recalculate_and_compare(const char *annex)
{
    char recalculated[160];
    test_path_in(recalculated, sizeof recalculated, "%s/recalculated.xlsx", fixture.tmp);
    char *argv[] = {"/usr/bin/ssconvert", "--recalc", (char *)annex, recalculated, NULL};
    run_ok(argv, "ssconvert --recalc");
    check("recalc", annex, recalculated);
}

/* The demo, and the styles case whose figures fall exactly on rounding halves. */
static void test_gnumeric_recalculates_the_stored_values(void **state)
{
    (void)state;
    recalculate_and_compare(fixture.annex);
    recalculate_and_compare("tests/golden/styles/expected/2024-09/annex.xlsx");
}

/* The text of a PDF, as pdftotext lays it out, into `text`. */
static void pdf_text(const char *pdf, const char *text)
{
    char *argv[] = {"/usr/bin/pdftotext", "-layout", (char *)pdf, (char *)text, NULL};
    run_ok(argv, "pdftotext");
}

/* LibreOffice (started once: its first start is slow) prints the demo annex and the styles
 * case's to PDF, kept as tests/artifacts/annex.pdf and styles.pdf; each summary figure is
 * printed as the briefing rounds it. */
static void test_libreoffice_converts_to_pdf(void **state)
{
    (void)state;
    const char *styles = "tests/golden/styles/expected/2024-09/annex.xlsx";
    char profile[160], styles_copy[160];
    test_path_in(profile, sizeof profile, "-env:UserInstallation=file://%s/libreoffice",
                fixture.tmp);
    test_path_in(styles_copy, sizeof styles_copy, "%s/styles.xlsx", fixture.tmp);
    test_copy_file(styles, styles_copy);
    assert_true(mkdir("tests/artifacts", 0777) == 0 || errno == EEXIST);
    unlink("tests/artifacts/annex.pdf");
    unlink("tests/artifacts/styles.pdf");
    char *argv[] = {"/usr/bin/soffice", profile,     "--headless", "--norestore",
                    "--convert-to",     "pdf",       "--outdir",   "tests/artifacts",
                    fixture.annex,      styles_copy, NULL};
    run_ok(argv, "soffice --convert-to pdf");
    const char *pdfs[][2] = {{"tests/artifacts/annex.pdf", fixture.annex},
                             {"tests/artifacts/styles.pdf", styles}};
    for (size_t i = 0; i < 2; i++) {
        size_t len = 0;
        char *data = test_must_read(pdfs[i][0], &len);
        assert_true(len > 10000);
        assert_memory_equal(data, "%PDF-", 5);
        free(data);
        char text[160];
        test_path_in(text, sizeof text, "%s/pdf.txt", fixture.tmp);
        pdf_text(pdfs[i][0], text);
        check("pdf", pdfs[i][1], text);
    }
}

/* ------------------------------------------------------------------------------ bytes */

static void annex_of_run(char *path, size_t size, const char *name, char *const env[])
{
    char out[160], log[160];
    test_path_in(out, sizeof out, "%s/%s", fixture.tmp, name);
    test_path_in(log, sizeof log, "%s/%s.log", fixture.tmp, name);
    int status = run_gen("input", out, env, log);
    if (status != 0) {
        show_log(log);
        fail_msg("gen (%s) exited with %d", name, status);
    }
    test_path_in(path, size, "%s/2024-09/annex.xlsx", out);
}

static void test_bytes_do_not_depend_on_clock_zone_or_locale(void **state)
{
    (void)state;
    char other[160], dated[160], dated_again[160];
    /* A second later, in another zone and locale: a clock read anywhere would show. */
    struct timespec second = {1, 100000000};
    nanosleep(&second, NULL);
    char *const elsewhere[] = {"TZ=America/Los_Angeles", "LC_ALL=vi_VN.UTF-8", "LANG=vi_VN.UTF-8",
                               NULL};
    annex_of_run(other, sizeof other, "elsewhere", elsewhere);
    if (!same_bytes(fixture.annex, other))
        fail_msg("%s and %s differ", fixture.annex, other);
    char *const epoch[] = {"SOURCE_DATE_EPOCH=1700000000", "TZ=Asia/Ho_Chi_Minh", NULL};
    annex_of_run(dated, sizeof dated, "dated", epoch);
    check("created", dated, "2023-11-14T22:13:20Z");
    nanosleep(&second, NULL);
    char *const epoch_again[] = {"SOURCE_DATE_EPOCH=1700000000", "TZ=UTC", "LC_ALL=C", NULL};
    annex_of_run(dated_again, sizeof dated_again, "dated-again", epoch_again);
    if (!same_bytes(dated, dated_again))
        fail_msg("%s and %s differ", dated, dated_again);
}

/* A SOURCE_DATE_EPOCH that is not a time is said, and the period dates the annex. */
static void test_bad_source_date_epoch_is_a_warning(void **state)
{
    (void)state;
    char out[160], log[160], annex[200];
    test_path_in(out, sizeof out, "%s/bad-epoch", fixture.tmp);
    test_path_in(log, sizeof log, "%s/bad-epoch.log", fixture.tmp);
    char *argv[] = {(char *)fixture.gen, "-i", "input", "-o", out, NULL};
    char *const env[] = {"PATH=/usr/bin:/bin", "SOURCE_DATE_EPOCH=yesterday", NULL};
    assert_int_equal(run(argv, env, log, TEST_TIMEOUT), 0);
    char *text = test_must_read(log, NULL);
    assert_non_null(strstr(text, "gen: warning: SOURCE_DATE_EPOCH 'yesterday' is not"));
    free(text);
    test_path_in(annex, sizeof annex, "%s/2024-09/annex.xlsx", out);
    assert_true(same_bytes(fixture.annex, annex));
}

/* ------------------------------------------------------------------------------ text */

/* Titles and notes that a spreadsheet would take for formulas stay text. */
static void test_text_that_looks_like_a_formula_stays_text(void **state)
{
    (void)state;
    char input[160], period_dir[200], path[240], out[160], log[160], annex[200];
    test_path_in(input, sizeof input, "%s/formula-input", fixture.tmp);
    test_path_in(period_dir, sizeof period_dir, "%s/2024-09", input);
    assert_int_equal(mkdir(input, 0777), 0);
    assert_int_equal(mkdir(period_dir, 0777), 0);
    test_path_in(path, sizeof path, "%s/roster.csv", input);
    test_copy_file("input/roster.csv", path);
    test_path_in(path, sizeof path, "%s/contents.csv", input);
    test_copy_file("input/contents.csv", path);
    test_path_in(path, sizeof path, "%s/60.csv", period_dir);
    test_write_text(path, "province,source,content,project,plan,executed,note\n"
                          "60,KCQG,01,=1+1,10,5,@SUM(A1:A2)\n"
                          "60,KCQG,02,\"=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",1,1,\n"
                          "60,KCĐP,03,+84 909 000 000,2,1,-5 cơ sở\n"
                          "60,KCĐP,04,\"=cmd|' /C calc'!A0\",3,1,\n");
    test_path_in(out, sizeof out, "%s/formula-out", fixture.tmp);
    test_path_in(log, sizeof log, "%s/formula.log", fixture.tmp);
    int status = run_gen(input, out, NULL, log);
    if (status != 3) {
        show_log(log);
        fail_msg("gen exited with %d, expected 3 (19 provinces missing)", status);
    }
    test_path_in(annex, sizeof annex, "%s/2024-09/annex.xlsx", out);
    char *argv[] = {PYTHON,
                    CHECKER,
                    "text",
                    annex,
                    "=1+1",
                    "@SUM(A1:A2)",
                    "=HYPERLINK(\"http://example.com\",\"x\")",
                    "+84 909 000 000",
                    "-5 cơ sở",
                    "=cmd|' /C calc'!A0",
                    NULL};
    run_ok(argv, CHECKER);
}

/* ------------------------------------------------------------------------------ diagnostics */

/* A run with rejected files lists, on its diagnostics sheet, what standard error says. */
static void test_diagnostics_sheet_lists_standard_error(void **state)
{
    (void)state;
    char out[160], log[160], annex[200];
    test_path_in(out, sizeof out, "%s/rejected", fixture.tmp);
    test_path_in(log, sizeof log, "%s/rejected.log", fixture.tmp);
    char *argv[] = {(char *)fixture.gen, "-i", "tests/golden/rejected/input", "-o", out, NULL};
    char *const env[] = {"PATH=/usr/bin:/bin", "LANGUAGE=vi", NULL};
    assert_int_equal(run(argv, env, log, TEST_TIMEOUT), 3);
    test_path_in(annex, sizeof annex, "%s/2024-09/annex.xlsx", out);
    check("diagnostics", annex, log);
}

/* ------------------------------------------------------------------------------ in process */

/* The demo loaded in process, its region listing the run's diagnostics. */
static void demo_load(test_demo *d)
{
    test_demo_load(d);
    d->r->diagnostics = d->diags;
}

/* With a small sheet limit (an Excel sheet holds 1,048,575 lines below its header), the 124
 * demo lines continue over three sheets, and the notes say so. */
static void test_project_lines_continue_on_further_sheets(void **state)
{
    (void)state;
    test_demo d;
    demo_load(&d);
    char path[160];
    test_path_in(path, sizeof path, "%s/split.xlsx", fixture.tmp);
    annex_options options = {.lines_per_sheet = 50};
    assert_int_equal(annex_write_opt(d.r, &options, path, d.diags), 0);
    assert_int_equal(d.r->total.lines, 124);
    test_demo_free(&d);
    char *argv[] = {PYTHON, CHECKER, "split", path, "50", "124", NULL};
    run_ok(argv, CHECKER);
}

/* A file that cannot be written is a diagnostic naming it, not a crash or a silent 0. */
static void test_unwritable_path_is_a_diagnostic(void **state)
{
    (void)state;
    test_demo d;
    demo_load(&d);
    size_t before = d.diags->count;
    const char *path = "/nonexistent-folder/annex.xlsx";
    assert_int_equal(annex_write(d.r, path, d.diags), -1);
    assert_int_equal(d.diags->count, before + 1);
    const diag *e = &d.diags->items[before];
    assert_int_equal(e->severity, DIAG_ERROR);
    assert_string_equal(e->file, path);
    assert_non_null(strstr(e->message, "cannot write the Excel annex"));
    test_demo_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_annex_states_the_briefings_figures),
        cmocka_unit_test(test_golden_annexes_state_their_briefings_figures),
        cmocka_unit_test(test_gnumeric_recalculates_the_stored_values),
        cmocka_unit_test(test_libreoffice_converts_to_pdf),
        cmocka_unit_test(test_bytes_do_not_depend_on_clock_zone_or_locale),
        cmocka_unit_test(test_bad_source_date_epoch_is_a_warning),
        cmocka_unit_test(test_text_that_looks_like_a_formula_stays_text),
        cmocka_unit_test(test_diagnostics_sheet_lists_standard_error),
        cmocka_unit_test(test_project_lines_continue_on_further_sheets),
        cmocka_unit_test(test_unwritable_path_is_a_diagnostic),
    };
    return cmocka_run_group_tests_name("annex", tests, setup, teardown);
}
