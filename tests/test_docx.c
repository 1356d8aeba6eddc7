/* test_docx.c - the Word briefing (out/PERIOD/briefing.docx), checked by readers that share
 * no code with gen:
 *
 *   - Debian's python3-docx (tests/docx/check_docx.py): it opens; the ten figures; A4, the
 *     margins, font and sizes of Nghị định 30; the header block; page numbers from page 2;
 *     the tables; the charts as PNG in their SVG's proportions;
 *   - LibreOffice headless converts it to PDF (kept as tests/artifacts/briefing-docx.pdf,
 *     its first page as briefing-docx-1.png), whose text (pdftotext) states the figures;
 *   - the bytes: the same from a run a second later in another zone, drawn afresh, and from a
 *     run that takes the charts from the published document;
 *   - in process: XML escaping, hostile Markdown, the PNG provenance, and errors.
 *
 * Environment: GEN (default gen/gen). Child processes run with a fixed environment; their
 * output is shown when a check fails. */
#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "docx.h"
#include "svg_png.h"
#include "xml.h"

#define PYTHON  "/usr/bin/python3"
#define CHECKER "tests/docx/check_docx.py"

static struct {
    char tmp[64];
    char dir[128];  /* tmp/demo/2024-09 */
    char docx[160]; /* dir/briefing.docx */
    const char *gen;
} fixture;

static void path_printf(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void path_printf(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, size, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= size)
        fail_msg("path too long: %s", out);
}

/* ------------------------------------------------------------------------------ children */

/* Runs argv in a clean environment made of `env`, standard output and error to `log`; the
 * exit status (under the support library's time limit). */
static int run(char *const argv[], char *const env[], const char *log)
{
    test_cmd cmd = {.argv = argv,
                    .env = env,
                    .clean_env = true,
                    .out = TEST_FILE,
                    .out_path = log,
                    .err = TEST_TO_STDOUT,
                    .timeout = TEST_TIMEOUT_SLOW};
    return test_run_status(&cmd);
}

static void show_log(const char *log)
{
    char *text = test_read_file(log, NULL);
    print_message("%s", text ? text : "(no output)\n");
    free(text);
}

static void run_ok(char *const argv[], const char *what)
{
    char home[160], log[160];
    path_printf(home, sizeof home, "HOME=%s", fixture.tmp);
    path_printf(log, sizeof log, "%s/log", fixture.tmp);
    char *const env[] = {"PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8", "TZ=UTC", home,
                         NULL};
    int status = run(argv, env, log);
    show_log(log);
    if (status != 0)
        fail_msg("%s exited with status %d", what, status);
}

/* Runs gen -q on the demo into `out` (extra: more "K=V" settings); fails unless it exits 0. */
static void run_gen(const char *out, char *const extra[], bool force)
{
    char log[200];
    path_printf(log, sizeof log, "%s.log", out);
    char *argv[] = {(char *)fixture.gen,      "-q", "-i", "input", "-o", (char *)out,
                    force ? "--force" : NULL, NULL};
    char *env[8] = {"PATH=/usr/local/bin:/usr/bin:/bin"};
    size_t n = 1;
    for (size_t i = 0; extra && extra[i] && n < 7; i++)
        env[n++] = extra[i];
    env[n] = NULL;
    int status = run(argv, env, log);
    if (status != 0) {
        show_log(log);
        fail_msg("gen -o %s exited with %d", out, status);
    }
}

static char *read_whole(const char *path, size_t *len)
{
    char *data = test_read_file(path, len);
    if (!data)
        fail_msg("cannot read %s", path);
    return data;
}

static void assert_same_bytes(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *x = read_whole(a, &la), *y = read_whole(b, &lb);
    bool same = la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    if (!same)
        fail_msg("%s and %s differ", a, b);
}

/* The project's Word styles (templates/docx-styles.xml), as gen reads them. Caller frees. */
static char *project_styles(void)
{
    return read_whole("templates/" DOCX_STYLES_TEMPLATE, NULL);
}

/* ------------------------------------------------------------------------------ fixture */

static int setup(void **state)
{
    (void)state;
    fixture.gen = getenv("GEN") && *getenv("GEN") ? getenv("GEN") : "gen/gen";
    snprintf(fixture.tmp, sizeof fixture.tmp, "/tmp/gen-docx-XXXXXX");
    if (!mkdtemp(fixture.tmp))
        return -1;
    snprintf(fixture.dir, sizeof fixture.dir, "%s/demo/2024-09", fixture.tmp);
    snprintf(fixture.docx, sizeof fixture.docx, "%s/briefing.docx", fixture.dir);
    char out[128], log[160];
    snprintf(out, sizeof out, "%s/demo", fixture.tmp);
    snprintf(log, sizeof log, "%s/demo.log", fixture.tmp);
    char *argv[] = {(char *)fixture.gen, "-q", "-i", "input", "-o", out, NULL};
    char *const env[] = {"PATH=/usr/bin:/bin", "TZ=UTC", "LC_ALL=C.UTF-8", NULL};
    if (run(argv, env, log) != 0) {
        show_log(log);
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

/* ------------------------------------------------------------------------------ readers */

static void test_python_docx_reads_the_briefing(void **state)
{
    (void)state;
    char *argv[] = {PYTHON, CHECKER, "briefing", fixture.docx, fixture.dir, NULL};
    run_ok(argv, CHECKER);
}

/* Every golden case's expected Word briefing states every figure of the briefing beside it. */
static void test_golden_documents_state_their_briefings_figures(void **state)
{
    (void)state;
    DIR *d = opendir("tests/golden");
    assert_non_null(d);
    struct dirent *e;
    size_t checked = 0;
    while ((e = readdir(d))) {
        char expected[512];
        path_printf(expected, sizeof expected, "tests/golden/%s/expected", e->d_name);
        DIR *periods = e->d_name[0] != '.' ? opendir(expected) : NULL;
        struct dirent *p;
        while (periods && (p = readdir(periods))) {
            char docx[800], md[800];
            path_printf(docx, sizeof docx, "%s/%s/briefing.docx", expected, p->d_name);
            path_printf(md, sizeof md, "%s/%s/briefing.md", expected, p->d_name);
            if (p->d_name[0] == '.' || access(docx, R_OK) != 0)
                continue;
            char *argv[] = {PYTHON, CHECKER, "numbers", docx, md, NULL};
            run_ok(argv, CHECKER);
            checked++;
        }
        if (periods)
            closedir(periods);
    }
    closedir(d);
    assert_true(checked > 0);
}

static void test_libreoffice_converts_it_to_pdf(void **state)
{
    (void)state;
    char profile[160], copy[160], text[160];
    path_printf(profile, sizeof profile, "-env:UserInstallation=file://%s/libreoffice",
                fixture.tmp);
    assert_true(mkdir("tests/artifacts", 0777) == 0 || errno == EEXIST);
    path_printf(copy, sizeof copy, "%s/briefing-docx.docx", fixture.tmp);
    assert_int_equal(link(fixture.docx, copy), 0);
    unlink("tests/artifacts/briefing-docx.pdf");
    char *convert[] = {
        "/usr/bin/soffice", profile,           "--headless", "--norestore", "--convert-to", "pdf",
        "--outdir",         "tests/artifacts", copy,         NULL};
    run_ok(convert, "soffice --convert-to pdf");
    size_t len = 0;
    char *pdf = read_whole("tests/artifacts/briefing-docx.pdf", &len);
    assert_true(len > 10000);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
    path_printf(text, sizeof text, "%s/pdf.txt", fixture.tmp);
    char *to_text[] = {"/usr/bin/pdftotext", "tests/artifacts/briefing-docx.pdf", text, NULL};
    run_ok(to_text, "pdftotext");
    char *check[] = {PYTHON, CHECKER, "pdf", text, NULL};
    run_ok(check, CHECKER);
    /* The first page, to look at: the header block of an administrative document. */
    char *page[] = {"/usr/bin/pdftoppm",
                    "-r",
                    "60",
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    "tests/artifacts/briefing-docx.pdf",
                    "tests/artifacts/briefing-docx-1",
                    NULL};
    run_ok(page, "pdftoppm");
}

/* ------------------------------------------------------------------------------ bytes */

/* A second later, in another zone and language, into a fresh folder (every chart drawn again);
 * then again into that folder (the charts taken from the published document). */
static void test_bytes_do_not_depend_on_clock_or_zone(void **state)
{
    (void)state;
    struct timespec second = {1, 100000000};
    nanosleep(&second, NULL);
    char out[160], docx[200];
    path_printf(out, sizeof out, "%s/elsewhere", fixture.tmp);
    path_printf(docx, sizeof docx, "%s/2024-09/briefing.docx", out);
    /* LANGUAGE=vi: Vietnamese messages, which must not reach a published byte (gen never calls
     * setlocale; the language of standard error is all the environment chooses). */
    char *const elsewhere[] = {"TZ=America/Los_Angeles", "LANGUAGE=vi", NULL};
    run_gen(out, elsewhere, false);
    assert_same_bytes(fixture.docx, docx);
    nanosleep(&second, NULL);
    char *const utc[] = {"TZ=UTC", NULL};
    run_gen(out, utc, true);
    assert_same_bytes(fixture.docx, docx);
}

/* SOURCE_DATE_EPOCH dates the document properties, and only them. */
static void test_source_date_epoch_dates_the_properties(void **state)
{
    (void)state;
    char out[160], docx[200];
    path_printf(out, sizeof out, "%s/dated", fixture.tmp);
    path_printf(docx, sizeof docx, "%s/2024-09/briefing.docx", out);
    char *const epoch[] = {"SOURCE_DATE_EPOCH=1700000000", "TZ=Asia/Ho_Chi_Minh", NULL};
    run_gen(out, epoch, false);
    char *argv[] = {PYTHON, "-c",
                    "import sys, docx\n"
                    "d = docx.Document(sys.argv[1]).core_properties\n"
                    "print(d.created, d.title)\n"
                    "sys.exit(str(d.created) != '2023-11-14 22:13:20')\n",
                    docx, NULL};
    run_ok(argv, "python3 core properties");
}

/* ------------------------------------------------------------------------------ in process */

static void test_xml_text_escapes_and_drops_what_xml_forbids(void **state)
{
    (void)state;
    buf out = BUF_INIT;
    static const char in[] = "a\x01"
                             "b&<>\"'\t\n\x1f"
                             "c\xEF\xBF\xBE\xEF\xBF\xBF"
                             "d\xFF"
                             "e\xC3\xA1";
    xml_text(&out, in, sizeof in - 1);
    assert_string_equal(out.data, "ab&amp;&lt;&gt;&quot;'\t\ncd\xEF\xBF\xBD"
                                  "e\xC3\xA1");
    buf_free(&out);
    xml_text(&out, "x\0y", 3); /* NUL is a C0 control too */
    assert_string_equal(out.data, "xy");
    buf_free(&out);
}

/* Markdown holding markup, controls and every construct still makes a well-formed document
 * with the text as written; raw HTML never passes, as in the HTML briefing. */
static void test_hostile_markdown_makes_a_wellformed_document(void **state)
{
    (void)state;
    static const char md[] =
        "# Tiêu đề \\<script\\> & \"x\" <script>alert(1)</script>\n\n"
        "Đoạn có \x01\x02 điều khiển, `mã & <b>`, **đậm *nghiêng***, [liên kết](javascript:x) "
        "và ![ảnh](khong-co.svg).\n\n"
        "> trích dẫn ]]> <!-- x -->\n\n"
        "1. một\n2. hai\n   - lồng\n\n"
        "```\ncode <&>\n```\n\n---\n\n"
        "| a | b |\n|---|--:|\n| \\<x\\> | 1 |\n| thiếu |\n\n"
        "<div>raw</div>\n";
    char path[160];
    path_printf(path, sizeof path, "%s/hostile.docx", fixture.tmp);
    char *styles = project_styles();
    docx_source src = {
        md,     sizeof md - 1,
        NULL,   {"BỘ CÔNG THƯƠNG\nBAN <TỔ> & CHỨC", "Cần Thơ", "ngày 1 tháng 2 năm 2025"},
        styles, strlen(styles),
        2024,   9,
        NULL};
    diag_list diags = DIAG_LIST_INIT;
    assert_int_equal(docx_write(&src, path, &diags), 0);
    assert_int_equal(diags.count, 0);
    diag_list_free(&diags);
    free(styles);
    char *argv[] = {PYTHON,
                    CHECKER,
                    "wellformed",
                    path,
                    "Tiêu đề <script> & \"x\" ",
                    "!</script>",
                    "!raw",
                    "Đoạn có  điều khiển, mã & <b>, đậm nghiêng, liên kết và ảnh.",
                    "BAN <TỔ> & CHỨC",
                    "Cần Thơ, ngày 1 tháng 2 năm 2025",
                    "- lồng",
                    "code <&>",
                    "<x>",
                    NULL};
    run_ok(argv, CHECKER);
}

static void test_missing_styles_template_is_an_error(void **state)
{
    (void)state;
    char path[160];
    path_printf(path, sizeof path, "%s/nostyles.docx", fixture.tmp);
    static const char not_styles[] = "<w:document/>";
    docx_source src = {
        "# x\n", 4,    NULL, {NULL, NULL, NULL}, not_styles, sizeof not_styles - 1, 2024,
        9,       NULL};
    diag_list diags = DIAG_LIST_INIT;
    assert_int_equal(docx_write(&src, path, &diags), -1);
    assert_int_equal(diags.errors, 1);
    assert_non_null(strstr(diags.items[0].message, "not a Word styles part"));
    diag_list_free(&diags);
}

static void test_unwritable_path_is_a_diagnostic(void **state)
{
    (void)state;
    char *styles = project_styles();
    docx_source src = {"# x\n", 4,    NULL, {NULL, NULL, NULL}, styles, strlen(styles), 2024,
                       9,       NULL};
    diag_list diags = DIAG_LIST_INIT;
    assert_int_equal(docx_write(&src, "/nonexistent-folder/briefing.docx", &diags), -1);
    assert_int_equal(diags.errors, 1);
    assert_string_equal(diags.items[0].file, "/nonexistent-folder/briefing.docx");
    assert_non_null(strstr(diags.items[0].message, "cannot write the Word briefing"));
    diag_list_free(&diags);
    free(styles);
}

/* A picture is reused only for the SVG, dpi and width it was drawn from. */
static void test_png_reused_only_for_what_it_was_drawn_from(void **state)
{
    (void)state;
    static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" "
                              "height=\"100\"><rect width=\"50\" height=\"20\"/></svg>";
    static const char other[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" "
                                "height=\"100\"><rect width=\"60\" height=\"20\"/></svg>";
    png_image png = PNG_IMAGE_INIT, again = PNG_IMAGE_INIT;
    diag_list diags = DIAG_LIST_INIT;
    assert_int_equal(png_from_svg(svg, sizeof svg - 1, 192, 0, "x.svg", &png, &diags), 0);
    assert_int_equal(png.width, 400);
    assert_int_equal(png.height, 200);
    assert_memory_equal(png.data.data, "\x89PNG\r\n\x1a\n", 8);
    assert_true(png_reusable(png.data.data, png.data.len, svg, sizeof svg - 1, 192, 0, &again));
    assert_int_equal(again.width, 400);
    assert_true(again.svg_width == 200 && again.svg_height == 100);
    assert_memory_equal(again.data.data, png.data.data, png.data.len);
    assert_false(
        png_reusable(png.data.data, png.data.len, other, sizeof other - 1, 192, 0, &again));
    assert_false(png_reusable(png.data.data, png.data.len, svg, sizeof svg - 1, 96, 0, &again));
    assert_false(png_reusable(png.data.data, 40, svg, sizeof svg - 1, 192, 0, &again));
    png_image_free(&png);
    png_image_free(&again);
    assert_int_equal(png_from_svg("<svg", 4, 192, 0, "bad.svg", &png, &diags), -1);
    assert_int_equal(diags.errors, 1);
    png_image_free(&png);
    diag_list_free(&diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_python_docx_reads_the_briefing),
        cmocka_unit_test(test_golden_documents_state_their_briefings_figures),
        cmocka_unit_test(test_libreoffice_converts_it_to_pdf),
        cmocka_unit_test(test_bytes_do_not_depend_on_clock_or_zone),
        cmocka_unit_test(test_source_date_epoch_dates_the_properties),
        cmocka_unit_test(test_xml_text_escapes_and_drops_what_xml_forbids),
        cmocka_unit_test(test_hostile_markdown_makes_a_wellformed_document),
        cmocka_unit_test(test_missing_styles_template_is_an_error),
        cmocka_unit_test(test_unwritable_path_is_a_diagnostic),
        cmocka_unit_test(test_png_reused_only_for_what_it_was_drawn_from),
    };
    return cmocka_run_group_tests_name("docx", tests, setup, teardown);
}
