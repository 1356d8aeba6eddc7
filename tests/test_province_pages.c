/* test_province_pages.c - one page per province (issue 16), through the real program.
 *
 * A copy of the demo's 2024-09 with one province's file broken (two errors) and another's
 * removed: every province of the roster gets provinces/CODE.md and .html; a valid province's
 * page states the figures the briefing's table states for it and the SHA-256 of its file; the
 * rejected one gives each error gen reported, in Vietnamese, at its line and column; the missing
 * one says nothing was received; the briefing and the index link every page. Then hostile
 * inputs: a title made to break the table or inject HTML, a roster code that cannot name a
 * file, a file of more lines than a page lists. The independent oracle (test_oracle) checks
 * every figure of the pages; this test checks what the pages are for. */
#include "support.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"

#define HEADER "province,source,content,project,plan,executed\n"

/* Bình Thuận (60) is broken, Trà Vinh (84) removed, Bến Tre (83) left as it is. */
#define BROKEN    "2024-09/KC_60_202409.csv"
#define REMOVED   "2024-09/84-tra-vinh.csv"
#define UNTOUCHED "2024-09/BEN_TRE_KHUYENCONG_2024.csv"

typedef struct run {
    char *root, *input, *out;
    test_result result;
} run;

static char *path_in(const char *dir, const char *rel)
{
    return test_pathf("%s/%s", dir, rel);
}

static char *read_rel(const char *dir, const char *rel)
{
    char *path = path_in(dir, rel);
    char *text = test_must_read(path, NULL);
    free(path);
    return text;
}

static void write_rel(const char *dir, const char *rel, const char *text)
{
    char *path = path_in(dir, rel);
    test_write_text(path, text);
    free(path);
}

static run workspace(const char *name)
{
    run r = {test_temp_dir(name), NULL, NULL, {0}};
    r.input = path_in(r.root, "input");
    r.out = path_in(r.root, "out");
    test_demo_input(r.input);
    return r;
}

static void run_gen(run *r, const char *period)
{
    char templates[4096];
    test_resolve(templates, sizeof templates, "GEN_TEMPLATES", "templates");
    char *argv[] = {(char *)test_gen(), "-i", r->input, "-o", r->out, "-t", templates, "-p",
                    (char *)period, "--force", NULL};
    test_result_free(&r->result);
    r->result = test_run(&(test_cmd){.argv = argv, .out = TEST_CAPTURE, .err = TEST_CAPTURE});
}

static void drop(run *r)
{
    test_result_free(&r->result);
    test_remove_tree(r->root);
    free(r->root);
    free(r->input);
    free(r->out);
}

static void assert_contains(const char *text, const char *what, const char *where)
{
    if (!strstr(text, what))
        fail_msg("%s does not contain \"%s\"", where, what);
}

static void assert_lacks(const char *text, const char *what, const char *where)
{
    if (strstr(text, what))
        fail_msg("%s contains \"%s\"", where, what);
}

/* The cells of the row of province `code` in the briefing's Table 1, split at '|'. */
static size_t table_row(const char *briefing, const char *code, char cells[16][64])
{
    char *needle = test_pathf("\n| %s | ", code);
    const char *row = strstr(briefing, needle);
    free(needle);
    assert_non_null(row);
    row += 2;
    size_t n = 0;
    for (const char *c = row; *c && *c != '\n' && n < 16;) {
        const char *end = strpbrk(c, "|\n");
        if (!end || *end == '\n')
            break;
        size_t len = (size_t)(end - c);
        while (len && c[0] == ' ')
            c++, len--;
        while (len && c[len - 1] == ' ')
            len--;
        snprintf(cells[n++], 64, "%.*s", (int)len, c);
        c = end + 1;
    }
    return n;
}

/* Breaks Bình Thuận's file (a plan that is not a number, one that is negative) and removes Trà
 * Vinh's. */
static run broken_demo(const char *name)
{
    run r = workspace(name);
    char *text = read_rel(r.input, BROKEN);
    char *a = strstr(text, ";764,885;"), *b = strstr(text, ";308;");
    assert_non_null(a);
    assert_non_null(b);
    a[1] = 'x'; /* "x64,885" */
    char *fixed = test_pathf("%.*s;-%s", (int)(b - text), text, b + 1);
    write_rel(r.input, BROKEN, fixed);
    free(fixed);
    free(text);
    char *removed = path_in(r.input, REMOVED);
    assert_int_equal(remove(removed), 0);
    free(removed);
    run_gen(&r, "2024-09");
    assert_int_equal(r.result.status, 3); /* published, some provinces missing or rejected */
    return r;
}

static void every_province_has_both_pages(void **state)
{
    (void)state;
    run r = broken_demo("pages-every");
    char *roster = read_rel(r.input, "roster.csv");
    char *listing = read_rel(r.out, "2024-09/.provinces");
    char *briefing = read_rel(r.out, "2024-09/briefing.md");
    char *links = read_rel(r.out, "2024-09/briefing.md");
    char *index = read_rel(r.out, "index.html");
    /* The 20 provinces of 2024-09: each row of the briefing's table has its two pages. */
    size_t pages = 0;
    char *table_end = strstr(briefing, "\nBảng 2.");
    assert_non_null(table_end);
    *table_end = '\0'; /* Table 1 only */
    for (const char *row = strstr(briefing, "\nBảng 1."); (row = strstr(row + 1, "\n| "));) {
        char code[8];
        if (sscanf(row, "\n| %7[0-9] |", code) != 1)
            continue;
        for (int html = 0; html < 2; html++) {
            char *rel = test_pathf("2024-09/provinces/%s.%s", code, html ? "html" : "md");
            char *path = path_in(r.out, rel);
            if (!test_exists(path))
                fail_msg("%s is missing", rel);
            free(path);
            free(rel);
        }
        char *link = test_pathf("(provinces/%s.html)", code);
        assert_contains(links, link, "briefing.md");
        free(link);
        link = test_pathf("href=\"2024-09/provinces/%s.html\"", code);
        assert_contains(index, link, "index.html");
        free(link);
        char *listed = test_pathf("provinces/%s\t%s\t", code, code);
        assert_contains(listing, listed, ".provinces");
        free(listed);
        pages++;
    }
    assert_int_equal(pages, 20);
    /* Nothing else in provinces/: 40 files. */
    char *dir_path = path_in(r.out, "2024-09/provinces");
    DIR *dir = opendir(dir_path);
    assert_non_null(dir);
    size_t files = 0;
    for (struct dirent *e; (e = readdir(dir));)
        files += e->d_name[0] != '.';
    closedir(dir);
    assert_int_equal(files, 40);
    free(dir_path);
    free(roster);
    free(listing);
    free(briefing);
    free(links);
    free(index);
    drop(&r);
}

static void valid_page_states_figures_and_digest(void **state)
{
    (void)state;
    run r = broken_demo("pages-valid");
    char *briefing = read_rel(r.out, "2024-09/briefing.md");
    char *page = read_rel(r.out, "2024-09/provinces/83.md");
    char *html = read_rel(r.out, "2024-09/provinces/83.html");
    char cells[16][64];
    assert_true(table_row(briefing, "83", cells) >= 10);
    /* Code, name, KH KCQG, KH KCĐP, Tổng KH, KH so năm trước, TH KCQG, TH KCĐP, Tổng TH, TH/KH */
    char *plan = test_pathf("là **%s tỷ đồng**", cells[4]);
    char *executed = test_pathf("thực hiện **%s tỷ đồng**, đạt **%s**", cells[8], cells[9]);
    assert_contains(page, plan, "83.md");
    assert_contains(page, executed, "83.md");
    assert_contains(page, "đã được tiếp nhận và tổng hợp", "83.md");
    char hex[DIGEST_HEX_SIZE];
    size_t len;
    char *input_path = path_in(r.input, UNTOUCHED);
    char *bytes = test_must_read(input_path, &len);
    digest_bytes(bytes, len, hex);
    assert_contains(page, hex, "83.md");
    assert_contains(html, hex, "83.html");
    assert_contains(html, "<title>Kết quả công tác khuyến công 9 tháng năm 2024 của Bến Tre</title>",
                    "83.html");
    free(input_path);
    free(bytes);
    free(plan);
    free(executed);
    free(briefing);
    free(page);
    free(html);
    drop(&r);
}

static void rejected_page_gives_every_error_in_vietnamese(void **state)
{
    (void)state;
    run r = broken_demo("pages-rejected");
    char *page = read_rel(r.out, "2024-09/provinces/60.md");
    char *html = read_rel(r.out, "2024-09/provinces/60.html");
    assert_contains(page, "**chưa tổng hợp được** do tệp còn 2 lỗi", "60.md");
    /* Every error gen printed for the file is on the page, at its line and column. */
    size_t errors = 0;
    for (const char *line = r.result.err; (line = strstr(line, "KC_60_202409.csv:")); line++) {
        int row, column;
        if (sscanf(line, "KC_60_202409.csv:%d:%d: error:", &row, &column) != 2)
            continue;
        char *where = test_pathf("- **Lỗi**, tệp 2024-09/KC\\_60\\_202409.csv, dòng %d, ký tự thứ %d: "
                                 "giá trị '",
                                 row, column);
        assert_contains(page, where, "60.md");
        free(where);
        errors++;
    }
    assert_int_equal(errors, 2);
    assert_contains(page, "không đúng cách ghi số", "60.md");
    assert_contains(page, "là số âm; đề nghị ghi số triệu đồng", "60.md");
    assert_contains(html, "dòng 3, ký tự thứ ", "60.html");
    assert_lacks(page, "tỷ đồng**", "60.md"); /* no figure stated */
    free(page);
    free(html);
    drop(&r);
}

static void missing_page_says_nothing_was_received(void **state)
{
    (void)state;
    run r = broken_demo("pages-missing");
    char *page = read_rel(r.out, "2024-09/provinces/84.md");
    assert_contains(page, "**chưa nhận được** báo cáo 9 tháng năm 2024 của Sở Công Thương Trà Vinh",
                    "84.md");
    assert_lacks(page, "## Tệp đã nhận", "84.md");
    assert_lacks(page, "tỷ đồng**", "84.md");
    assert_lacks(page, "SHA-256 ", "84.md");
    free(page);
    drop(&r);
}

/* A title made to end the table cell, start HTML or a link: the page's table keeps its columns
 * and its HTML carries none of it. */
static void hostile_title_stays_text(void **state)
{
    (void)state;
    run r = workspace("pages-hostile");
    write_rel(r.input, "2024-09/KC_95_202409.csv",
              HEADER "95,KCQG,01,\"a | b <script>alert(1)</script> [x](javascript:alert(1)) "
                     "*y* `z`\",10,5\n");
    run_gen(&r, "2024-09");
    assert_int_equal(r.result.status, 0);
    char *page = read_rel(r.out, "2024-09/provinces/95.md");
    char *html = read_rel(r.out, "2024-09/provinces/95.html");
    const char *row = strstr(page, "\n| 2 | ");
    assert_non_null(row);
    size_t bars = 0;
    for (const char *c = row + 1; *c && *c != '\n'; c++)
        bars += *c == '|' && c[-1] != '\\';
    assert_int_equal(bars, 10); /* nine cells */
    assert_lacks(html, "<script", "95.html");
    assert_lacks(html, "href=\"javascript", "95.html");
    assert_contains(html, "&lt;script&gt;", "95.html");
    free(page);
    free(html);
    drop(&r);
}

/* A page lists the first 500 lines and says where the others are. */
static void long_file_is_listed_in_part(void **state)
{
    (void)state;
    run r = workspace("pages-long");
    buf b = BUF_INIT;
    buf_puts(&b, HEADER);
    for (int i = 0; i < 1200; i++)
        buf_printf(&b, "95,KCQG,01,Đề án số %d,10,%d\n", i + 1, i % 7);
    write_rel(r.input, "2024-09/KC_95_202409.csv", b.data);
    buf_free(&b);
    run_gen(&r, "2024-09");
    assert_int_equal(r.result.status, 0);
    char *page = read_rel(r.out, "2024-09/provinces/95.md");
    assert_contains(page, "Trang này liệt kê 500 dòng đầu trong tổng số 1.200 dòng; 700 dòng "
                          "còn lại có trong phụ lục Excel",
                    "95.md");
    assert_contains(page, "\n| 501 | Đề án số 500 | 01 | KCQG |", "95.md");
    assert_lacks(page, "Đề án số 501 |", "95.md");
    free(page);
    drop(&r);
}

/* A roster code that cannot name a file ("7/9" would name a folder) gives the page of its row. */
static void code_that_cannot_name_a_file(void **state)
{
    (void)state;
    run r = workspace("pages-code");
    char *roster = read_rel(r.input, "roster.csv");
    char *at = strstr(roster, "\n95,");
    assert_non_null(at);
    char *changed = test_pathf("%.*s\n9/5,%s", (int)(at - roster), roster, at + 4);
    write_rel(r.input, "roster.csv", changed);
    run_gen(&r, "2024-09");
    printf("roster code '9/5': exit %d\n", r.result.status);
    if (r.result.status == 2) {
        /* The roster refuses such a code: nothing to name. */
        assert_contains(r.result.err, "roster.csv", "standard error");
    } else {
        char *listing = read_rel(r.out, "2024-09/.provinces");
        assert_non_null(strstr(listing, "provinces/row-"));
        assert_null(strstr(listing, "provinces/9/5"));
        free(listing);
    }
    free(changed);
    free(roster);
    drop(&r);
}

static ino_t inode_of(const char *dir, const char *rel)
{
    char *path = path_in(dir, rel);
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    free(path);
    return st.st_ino;
}

/* A run that publishes the same pages again links them from the publication it replaces (they
 * were flushed when published) rather than writing them: but only the intact ones. A page
 * damaged in place, or one given another name outside, is written afresh. */
static void unchanged_pages_are_linked_damaged_ones_rewritten(void **state)
{
    (void)state;
    run r = workspace("pages-relink");
    run_gen(&r, "2024-09");
    assert_int_equal(r.result.status, 0);
    char *good = read_rel(r.out, "2024-09/provinces/83.md");
    ino_t intact = inode_of(r.out, "2024-09/provinces/83.md");
    /* Damage one page in place, same size; give another a second name outside. */
    char *damaged = read_rel(r.out, "2024-09/provinces/60.md");
    char *expected = strdup(damaged);
    assert_non_null(expected);
    damaged[strlen(damaged) - 2] ^= 1;
    write_rel(r.out, "2024-09/provinces/60.md", damaged);
    char *page = path_in(r.out, "2024-09/provinces/74.md"), *outside = path_in(r.root, "74.md");
    assert_int_equal(link(page, outside), 0);
    ino_t shared = inode_of(r.out, "2024-09/provinces/74.md");
    run_gen(&r, "2024-09");
    assert_int_equal(r.result.status, 0);
    assert_true(inode_of(r.out, "2024-09/provinces/83.md") == intact);
    char *again = read_rel(r.out, "2024-09/provinces/83.md");
    assert_string_equal(again, good);
    char *mended = read_rel(r.out, "2024-09/provinces/60.md");
    assert_string_equal(mended, expected);
    assert_true(inode_of(r.out, "2024-09/provinces/74.md") != shared);
    free(again);
    free(mended);
    free(page);
    free(outside);
    free(expected);
    free(damaged);
    free(good);
    drop(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_province_has_both_pages),
        cmocka_unit_test(valid_page_states_figures_and_digest),
        cmocka_unit_test(rejected_page_gives_every_error_in_vietnamese),
        cmocka_unit_test(missing_page_says_nothing_was_received),
        cmocka_unit_test(hostile_title_stays_text),
        cmocka_unit_test(long_file_is_listed_in_part),
        cmocka_unit_test(code_that_cannot_name_a_file),
        cmocka_unit_test(unchanged_pages_are_linked_damaged_ones_rewritten),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
