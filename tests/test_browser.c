/* The HTML briefing in a real browser (Debian's headless Chromium), with the network off:
 * screenshots at 1280 px and 390 px and an A4 PDF are kept in tests/artifacts/ to be looked
 * at; what can be asserted is: the page fits a 360-px phone (tables and charts scroll inside
 * their own box, nothing else sticks out); at 390 px the province table shows the name, TH/KH
 * and So cùng kỳ and every chart label is at least 11 px; the A4 print has a few pages, page 1
 * full, each with the issuer, the period and "Trang N/M", and no download section. */
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
    char *narrow_png = test_fresh_artifact("briefing-390.png");
    const char *wide[] = {"--window-size=1280,4200",
                          "--screenshot=tests/artifacts/briefing-1280.png"};
    const char *narrow[] = {"--window-size=390,2400",
                            "--screenshot=tests/artifacts/briefing-390.png"};
    assert_int_equal(chromium(wide, 2, briefing, NULL, NULL), 0);
    assert_int_equal(chromium(narrow, 2, briefing, NULL, NULL), 0);
    expect_screenshot(wide_png, 1280, 4200);
    expect_screenshot(narrow_png, 390, 2400);
    free(wide_png);
    free(narrow_png);
}

/* Chromium lays out a window no narrower than 500 px, so the phones are iframes 360 and 390 px
 * wide; the probe page measures them and writes what it found into its own DOM, which
 * --dump-dom prints. Only the probe has a script; the briefing has none.
 *   360 px: nothing but the tables' and charts' own scroll boxes is wider than the phone;
 *   390 px: the province table (the one of 11 columns) shows the name, TH/KH and So cùng kỳ
 *           inside the screen without scrolling; the smallest chart label, as rendered, in px. */
static const char probe_page[] =
    "<!doctype html><html><body style=\"margin:0\">"
    "<iframe id=\"a\" src=\"briefing.html\" style=\"width:360px;height:800px;border:0\"></iframe>"
    "<iframe id=\"b\" src=\"briefing.html\" style=\"width:390px;height:800px;border:0\"></iframe>"
    "<script>"
    "let done = 0, out = {};"
    "function fits(d) {"
    "  const w = d.documentElement.clientWidth;"
    "  let outside = 0;"
    "  for (const e of d.body.querySelectorAll('*')) {"
    "    if (e.parentElement && e.parentElement.closest('.table-scroll, .chart-scroll, svg'))"
    "      continue;"
    "    const r = e.getBoundingClientRect();"
    "    if (r.width > 0 && (r.right > w + 1 || r.left < -1)) outside++;"
    "  }"
    "  return (d.documentElement.scrollWidth <= w ? 'fits' : 'overflows') + ' outside=' +"
    "         outside + ' tables=' + d.querySelectorAll('table').length;"
    "}"
    "function phone(d) {"
    "  const w = d.documentElement.clientWidth;"
    "  let table = null;"
    "  for (const t of d.querySelectorAll('table'))"
    "    if (t.querySelectorAll('thead th').length === 12) table = t;" /* the province table */
    "  let inView = [];"
    "  for (const th of table ? table.querySelectorAll('thead th') : []) {"
    "    const r = th.getBoundingClientRect();"
    "    if (r.width > 0 && r.left >= -1 && r.right <= w + 1) inView.push(th.textContent.trim());"
    "  }"
    "  let least = 1e9, labels = 0;"
    "  for (const svg of d.querySelectorAll('svg.chart')) {"
    "    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
    "    for (const t of svg.querySelectorAll('text')) {"
    "      const px = parseFloat(getComputedStyle(t).fontSize) * scale;"
    "      labels++; if (px < least) least = px;"
    "    }"
    "  }"
    "  return 'inview=' + inView.join('|') + ' labels=' + labels + ' least=' + least.toFixed(2);"
    "}"
    "function report() {"
    "  if (++done < 2) return;"
    "  document.body.setAttribute('data-probe', out.a);"
    "  document.body.setAttribute('data-phone', out.b);"
    "}"
    "document.getElementById('a').addEventListener('load', () => {"
    "  out.a = fits(document.getElementById('a').contentDocument); report(); });"
    "document.getElementById('b').addEventListener('load', () => {"
    "  out.b = phone(document.getElementById('b').contentDocument); report(); });"
    "</script></body></html>";

/* The attribute `name`="..." of the probe's body, copied; NULL when missing. */
static char *probe_value(const char *dom, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "%s=\"", name);
    const char *p = strstr(dom, key);
    if (!p)
        return NULL;
    p += strlen(key);
    const char *end = strchr(p, '"');
    return end ? strndup(p, (size_t)(end - p)) : NULL;
}

static void test_fits_a_phone(void **state)
{
    (void)state;
    char *dir = test_join(work, "2024-09");
    char *probe = test_join(dir, "probe.html");
    char *dom = test_join(work, "dom.html"), *log = test_join(work, "console.log");
    test_write_text(probe, probe_page);
    const char *extra[] = {"--allow-file-access-from-files",
                           "--virtual-time-budget=5000",
                           "--window-size=900,900",
                           "--enable-logging=stderr",
                           "--v=0",
                           "--dump-dom"};
    assert_int_equal(chromium(extra, 6, probe, dom, log), 0);
    char *text = test_read_file(dom, NULL);
    char *console = test_read_file(log, NULL);
    assert_non_null(text);
    char *fit = probe_value(text, "data-probe"), *phone = probe_value(text, "data-phone");
    if (!fit || strcmp(fit, "fits outside=0 tables=2") != 0)
        fail_msg("at 360 px: %s", fit ? fit : text);
    print_message("at 390 px: %s\n", phone ? phone : "(no probe)");
    assert_non_null(phone);
    /* The columns a journalist wants, in view without scrolling. */
    const char *inview = strstr(phone, "inview=");
    assert_non_null(inview);
    assert_non_null(strstr(inview, "Tỉnh, thành phố"));
    assert_non_null(strstr(inview, "TH/KH"));
    assert_non_null(strstr(inview, "So cùng kỳ"));
    /* Every chart label at least 11 px as rendered. */
    const char *least = strstr(phone, "least=");
    assert_non_null(least);
    double px = atof(least + 6);
    if (px < 11.0)
        fail_msg("the smallest chart label is %.2f px at 390 px", px);
    assert_null(strstr(console ? console : "", "Uncaught"));
    assert_null(strstr(console ? console : "", "net::ERR"));
    free(fit);
    free(phone);
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

/* The text of pages first..last of `pdf` (pdftotext), malloc'd; NULL on failure. */
static char *pdf_text(const char *pdf, int first, int last)
{
    char *txt = test_join(work, "pdf.txt");
    char f[16], l[16];
    snprintf(f, sizeof f, "%d", first);
    snprintf(l, sizeof l, "%d", last);
    char *argv[] = {"pdftotext", "-f", f, "-l", l, (char *)pdf, txt, NULL};
    char *text = run(argv, NULL, NULL, TEST_TIMEOUT) == 0 ? test_read_file(txt, NULL) : NULL;
    free(txt);
    return text;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (const char *p = s; p && *p; p++)
        n += *p == '\n' && p[1] != '\n';
    return n;
}

/* Printed on A4 (Chromium's own header and footer off, as a reader's browser may be): few pages,
 * page 1 full (no forced break leaves it half empty), every page with the issuer, the period and
 * "Trang N/M", and nothing of the download section. */
static void test_prints_on_a4(void **state)
{
    (void)state;
    free(test_fresh_artifact("briefing.pdf"));
    const char *pdf = "tests/artifacts/briefing.pdf";
    const char *extra[] = {"--no-pdf-header-footer", "--print-to-pdf=tests/artifacts/briefing.pdf"};
    assert_int_equal(chromium(extra, 2, briefing, NULL, NULL), 0);
    int pages = pdf_pages(pdf);
    print_message("the A4 print has %d pages\n", pages);
    if (pages < 3 || pages > 6)
        fail_msg("the A4 print has %d pages", pages);
    size_t most = 0, first = 0;
    for (int i = 1; i <= pages; i++) {
        char *text = pdf_text(pdf, i, i);
        assert_non_null(text);
        char want[32];
        snprintf(want, sizeof want, "Trang %d/%d", i, pages);
        if (!strstr(text, want))
            fail_msg("page %d does not say %s", i, want);
        /* The issuer is context.md's (the demo's input/2024-09/context.md: co_quan). */
        if (!strstr(text, "BAN TỔ CHỨC HỘI NGHỊ") ||
            !strstr(text, "9 tháng năm 2024"))
            fail_msg("page %d does not name the issuer and the period", i);
        if (strstr(text, "SHA256SUMS") || strstr(text, "Tải về"))
            fail_msg("page %d prints the download section", i);
        size_t lines = count_lines(text);
        if (i == 1)
            first = lines;
        else if (i < pages && lines > most)
            most = lines;
        free(text);
    }
    print_message("page 1: %zu lines of text; the fullest later page: %zu\n", first, most);
    /* Page 1 is about as full as the pages after it (not cut off by a forced break). */
    if (first * 10 < most * 7)
        fail_msg("page 1 holds %zu lines, the fullest later page %zu", first, most);
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
