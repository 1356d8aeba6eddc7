/* The HTML briefing in a real browser (Debian's headless Chromium), with the network off:
 * screenshots at 1280 px and 360 px and an A4 PDF are kept in tests/artifacts/ to be looked
 * at; what can be asserted is: the page fits a 360-px phone (tables scroll inside their own
 * box, nothing else sticks out), the PDF has a sensible page count, and nothing failed. */
#include "support.h"

#include <sys/stat.h>

static char *work; /* the test's folder under /tmp */

/* Runs argv with stdout and stderr into files (NULL: /dev/null); returns the exit status. */
static int run(char *const argv[], const char *out_path, const char *err_path, int timeout)
{
    return test_run_status(&(test_cmd){.argv = argv,
                                       .out = out_path ? TEST_FILE : TEST_DISCARD,
                                       .out_path = out_path,
                                       .err = err_path ? TEST_FILE : TEST_DISCARD,
                                       .err_path = err_path,
                                       .timeout = timeout});
}

/* Runs headless Chromium as this machine allows (root, no GPU, no network) with `extra`
 * arguments and the page last. */
static int chromium(const char *const extra[], size_t n_extra, const char *page,
                    const char *out_path, const char *err_path)
{
    char profile[256];
    snprintf(profile, sizeof profile, "--user-data-dir=%s/profile", work);
    char url[512];
    snprintf(url, sizeof url, "file://%s", page);
    const char *base[] = {"chromium",
                          "--headless",
                          "--no-sandbox",
                          "--disable-gpu",
                          "--disable-quic",
                          "--no-first-run",
                          "--disable-background-networking",
                          "--disable-component-update",
                          "--disable-sync",
                          "--hide-scrollbars",
                          "--host-resolver-rules=MAP * ~NOTFOUND",
                          "--proxy-server=127.0.0.1:9",
                          profile};
    const char *argv[32];
    size_t n = 0;
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++)
        argv[n++] = base[i];
    for (size_t i = 0; i < n_extra; i++)
        argv[n++] = extra[i];
    argv[n++] = url;
    argv[n] = NULL;
    return run((char *const *)argv, out_path, err_path, TEST_TIMEOUT_SLOW);
}

static char *briefing;

static int setup(void **state)
{
    (void)state;
    work = test_temp_dir("browser");
    char *argv[] = {(char *)test_gen(), "--quiet", "--input", "input", "--out", work, NULL};
    if (run(argv, NULL, NULL, TEST_TIMEOUT) != 0)
        return -1;
    briefing = test_join(work, "2024-09/briefing.html");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(work);
    free(work);
    free(briefing);
    return 0;
}

/* A PNG made by this run (the old one was removed first) of the window's size, not blank. */
static void expect_screenshot(const char *path, unsigned width, unsigned height)
{
    size_t len = 0;
    unsigned char *png = (unsigned char *)test_must_read(path, &len);
    if (len < 24 || memcmp(png, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(png + 12, "IHDR", 4) != 0)
        fail_msg("%s is not a PNG", path);
    unsigned w = (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | (unsigned)png[18] << 8 | png[19];
    unsigned h = (unsigned)png[20] << 24 | (unsigned)png[21] << 16 | (unsigned)png[22] << 8 | png[23];
    if (w != width || h != height)
        fail_msg("%s is %ux%u, the window %ux%u", path, w, h, width, height);
    /* A page of text and tables compresses far less than a blank one. */
    if (len <= 10000)
        fail_msg("%s: %zu bytes, a blank page?", path, len);
    free(png);
}

static void test_screenshots(void **state)
{
    (void)state;
    char *wide_png = test_fresh_artifact("briefing-1280.png");
    char *narrow_png = test_fresh_artifact("briefing-360.png");
    const char *wide[] = {"--window-size=1280,4200",
                          "--screenshot=tests/artifacts/briefing-1280.png"};
    const char *narrow[] = {"--window-size=360,2400",
                            "--screenshot=tests/artifacts/briefing-360.png"};
    assert_int_equal(chromium(wide, 2, briefing, NULL, NULL), 0);
    assert_int_equal(chromium(narrow, 2, briefing, NULL, NULL), 0);
    expect_screenshot(wide_png, 1280, 4200);
    expect_screenshot(narrow_png, 360, 2400);
    free(wide_png);
    free(narrow_png);
}

/* Chromium lays out a window no narrower than 500 px, so the phone is an iframe 360 px wide;
 * the probe page measures it and writes what it found into its own DOM, which --dump-dom
 * prints. Only the probe has a script; the briefing has none. */
static const char probe_page[] =
    "<!doctype html><html><body style=\"margin:0\">"
    "<iframe id=\"f\" src=\"briefing.html\" style=\"width:360px;height:800px;border:0\">"
    "</iframe><script>"
    "document.getElementById('f').addEventListener('load', () => {"
    "  const d = document.getElementById('f').contentDocument;"
    "  const w = d.documentElement.clientWidth;"
    "  let outside = 0;"
    "  for (const e of d.body.querySelectorAll('*')) {"
    "    if (e.parentElement && e.parentElement.closest('.table-scroll, svg')) continue;"
    "    const r = e.getBoundingClientRect();"
    "    if (r.width > 0 && (r.right > w + 1 || r.left < -1)) outside++;"
    "  }"
    "  const fits = d.documentElement.scrollWidth <= w;"
    "  document.body.setAttribute('data-probe', (fits ? 'fits' : 'overflows') + ' outside=' +"
    "                             outside + ' tables=' + d.querySelectorAll('table').length);"
    "});"
    "</script></body></html>";

static void test_fits_a_phone(void **state)
{
    (void)state;
    char *dir = test_join(work, "2024-09");
    char *probe = test_join(dir, "probe.html");
    char *dom = test_join(work, "dom.html"), *log = test_join(work, "console.log");
    test_write_text(probe, probe_page);
    const char *extra[] = {"--allow-file-access-from-files",
                           "--virtual-time-budget=5000",
                           "--window-size=800,900",
                           "--enable-logging=stderr",
                           "--v=0",
                           "--dump-dom"};
    assert_int_equal(chromium(extra, 6, probe, dom, log), 0);
    char *text = test_read_file(dom, NULL);
    char *console = test_read_file(log, NULL);
    assert_non_null(text);
    if (!strstr(text, "data-probe=\"fits outside=0 tables=2\""))
        fail_msg("at 360 px: %s", strstr(text, "data-probe") ? strstr(text, "data-probe") : text);
    assert_null(strstr(console ? console : "", "Uncaught"));
    assert_null(strstr(console ? console : "", "net::ERR"));
    free(text);
    free(console);
    free(probe);
    free(dir);
    free(dom);
    free(log);
}

static int pdf_pages(const char *pdf)
{
    char *info = test_join(work, "pdfinfo.txt");
    char *argv[] = {"pdfinfo", (char *)pdf, NULL};
    int pages = -1;
    if (run(argv, info, NULL, TEST_TIMEOUT) == 0) {
        char *text = test_read_file(info, NULL);
        const char *p = text ? strstr(text, "Pages:") : NULL;
        if (p)
            pages = atoi(p + 6);
        free(text);
    }
    free(info);
    return pages;
}

static void test_prints_on_a4(void **state)
{
    (void)state;
    free(test_fresh_artifact("briefing.pdf"));
    const char *extra[] = {"--no-pdf-header-footer", "--print-to-pdf=tests/artifacts/briefing.pdf"};
    assert_int_equal(chromium(extra, 2, briefing, NULL, NULL), 0);
    int pages = pdf_pages("tests/artifacts/briefing.pdf");
    /* Summary and status; provinces' table and charts; contents; definitions. */
    if (pages < 3 || pages > 10)
        fail_msg("the A4 print has %d pages", pages);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screenshots),
        cmocka_unit_test(test_fits_a_phone),
        cmocka_unit_test(test_prints_on_a4),
    };
    return cmocka_run_group_tests_name("browser", tests, setup, teardown);
}
