/* Unit tests for submission.c: validation and the positions of its diagnostics. Each test
 * writes a small submission to a temporary file and reads it against the shipped roster and
 * catalogue (input/roster.csv, input/contents.csv). */
#include "support.h"

#include <stdint.h>

#include <unistd.h>

#include "catalog.h"
#include "submission.h"

typedef struct fixture {
    catalog roster;
    catalog contents;
    diag_list diags;
    char path[64];
    submission *sub;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    diag_list d = DIAG_LIST_INIT;
    assert_int_equal(catalog_load(&f->roster, "input/roster.csv", CATALOG_ROSTER, &d), 0);
    assert_int_equal(catalog_load(&f->contents, "input/contents.csv", CATALOG_CONTENTS, &d), 0);
    diag_list_free(&d);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    submission_free(f->sub);
    diag_list_free(&f->diags);
    catalog_free(&f->roster);
    catalog_free(&f->contents);
    if (f->path[0])
        unlink(f->path);
    free(f);
    return 0;
}

static submission *read_text(fixture *f, const char *bytes, size_t len)
{
    snprintf(f->path, sizeof f->path, "/tmp/gen-test-submission-XXXXXX");
    int fd = mkstemp(f->path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, bytes, len), (ssize_t)len);
    close(fd);
    f->sub = submission_read(f->path, &f->roster, &f->contents, &f->diags);
    return f->sub;
}

static submission *read_csv(fixture *f, const char *text)
{
    return read_text(f, text, strlen(text));
}

/* Asserts that diagnostic `i` is at line:column with the given severity and mentions `part`. */
static void expect_diag(const fixture *f, size_t i, diag_severity severity, int line, int column,
                        const char *part)
{
    if (i >= f->diags.count)
        fail_msg("expected diagnostic %zu, got only %zu", i, f->diags.count);
    const diag *d = &f->diags.items[i];
    if (d->severity != severity || d->line != line || d->column != column ||
        !strstr(d->message, part))
        fail_msg("diagnostic %zu is %d:%d (%s) '%s'; expected %d:%d containing '%s'", i, d->line,
                 d->column, d->severity == DIAG_ERROR ? "error" : "warning", d->message, line,
                 column, part);
}

#define HEADER "province,source,content,project,plan,executed\n"

static void test_valid_file_reads_exactly(void **state)
{
    fixture *f = *state;
    submission *s =
        read_csv(f, HEADER "74,KCQG,04,Máy sấy,\"2,675.5\",1000.001\n"
                           "Bình Dương,KCĐP,\"Đào tạo nghề, truyền nghề\",Lớp gốm,3,0\n");
    assert_false(s->rejected);
    assert_int_equal(f->diags.count, 0);
    assert_int_equal(s->n_lines, 2);
    assert_string_equal(f->roster.entries[s->province].code, "74");
    assert_int_equal(s->lines[0].plan, 2675500);
    assert_int_equal(s->lines[0].executed, 1000001);
    assert_int_equal(s->lines[0].source, SOURCE_KCQG);
    assert_int_equal(s->lines[1].source, SOURCE_KCDP);
    assert_int_equal(s->lines[1].line, 3);
}

static void test_semicolon_file_reads_vietnamese_numbers(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, "Tỉnh;Nguồn kinh phí;Nội dung;Tên đề án;Kế hoạch;Thực hiện\n"
                                "74;KCQG;04;Máy sấy;2.675,5;1.234\n");
    assert_false(s->rejected);
    assert_int_equal(s->lines[0].plan, 2675500);
    assert_int_equal(s->lines[0].executed, 1234000);
}

static void test_every_bad_cell_is_reported_at_its_position(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, "province;source;content;project;plan;executed\n"
                                "74;KCQG;04;A;2675.5;1\n"
                                "74;quoc te;04;B;-3;1\n"
                                "Hà Nội;KCQG;99;C;1;\n");
    assert_true(s->rejected);
    assert_int_equal(s->n_lines, 0);
    assert_int_equal(f->diags.errors, 6);
    expect_diag(f, 0, DIAG_ERROR, 2, 14, "'2675.5' is not a number in this ';'-separated file");
    expect_diag(f, 1, DIAG_ERROR, 3, 4, "unknown source 'quoc te'");
    expect_diag(f, 2, DIAG_ERROR, 3, 17, "'-3' is negative");
    expect_diag(f, 3, DIAG_ERROR, 4, 1, "unknown province 'Hà Nội'");
    expect_diag(f, 4, DIAG_ERROR, 4, 13, "unknown content '99'");
    expect_diag(f, 5, DIAG_ERROR, 4, 20, "empty executed");
}

static void test_positions_after_a_quoted_line_break(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, HEADER "74,KCQG,04,\"Dòng một\r\ndòng hai\",1,x\r\n"
                                       "74,KCQG,04,C,y,1\r\n");
    assert_true(s->rejected);
    expect_diag(f, 0, DIAG_ERROR, 3, 13, "executed 'x'");
    expect_diag(f, 1, DIAG_ERROR, 4, 14, "plan 'y'");
}

static void test_one_file_one_province(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, HEADER "74,KCQG,04,A,1,1\n75,KCQG,04,B,1,1\n");
    assert_true(s->rejected);
    expect_diag(f, 0, DIAG_ERROR, 3, 1, "differs from 'Bình Dương' named on line 2");
}

static void test_blank_rows_are_seen(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, HEADER "74,KCQG,04,A,1,1\n\n,,,,,\n74,KCQG,04,B,1,1\n");
    assert_false(s->rejected);
    assert_int_equal(s->n_lines, 2);
    expect_diag(f, 0, DIAG_WARNING, 3, 0, "2 blank rows ignored (lines 3-4)");
}

static void test_header_problems(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, "province,source,content,project,plan,colour,plan\n"
                                "74,KCQG,04,A,1,red,1\n");
    assert_true(s->rejected);
    expect_diag(f, 0, DIAG_WARNING, 1, 38, "unknown column 'colour'");
    expect_diag(f, 1, DIAG_ERROR, 1, 45, "repeats column 5");
    expect_diag(f, 2, DIAG_ERROR, 1, 0, "no column 'executed'");
}

static void test_row_length(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, HEADER "74,KCQG,04,A,1\n74,KCQG,04,B,1,1,,extra\n");
    assert_true(s->rejected);
    expect_diag(f, 0, DIAG_ERROR, 2, 15, "the row has 5 fields; the header has 6");
    expect_diag(f, 1, DIAG_ERROR, 3, 19, "field 'extra' is past the last column");
}

static void test_unquoted_comma_in_tab_file(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, "province\tsource\tcontent\tproject\tplan\texecuted\n"
                                "74\tKCQG\t04\tA\t1,234\t\"1,234\"\n");
    assert_true(s->rejected);
    assert_int_equal(f->diags.errors, 1);
    expect_diag(f, 0, DIAG_ERROR, 2, 14, "has a ',' outside quotes");
}

static void test_utf16_file(void **state)
{
    fixture *f = *state;
    const char *utf8 = "province\tsource\tcontent\tproject\tplan\texecuted\r\n"
                       "Cà Mau\tđịa phương\t4\tLò sấy\t12.5\t3\r\n";
    unsigned char bytes[512];
    size_t n = 0;
    bytes[n++] = 0xFF;
    bytes[n++] = 0xFE;
    /* Every character of this text is in the BMP: encode it as UTF-16LE. */
    for (const unsigned char *p = (const unsigned char *)utf8; *p;) {
        unsigned cp = *p++;
        if (cp >= 0xE0) {
            cp = ((cp & 0x0F) << 12) | ((p[0] & 0x3F) << 6) | (p[1] & 0x3F);
            p += 2;
        } else if (cp >= 0xC0) {
            cp = ((cp & 0x1F) << 6) | (p[0] & 0x3F);
            p += 1;
        }
        bytes[n++] = (unsigned char)(cp & 0xFF);
        bytes[n++] = (unsigned char)(cp >> 8);
    }
    submission *s = read_text(f, (const char *)bytes, n);
    assert_false(s->rejected);
    assert_string_equal(f->roster.entries[s->province].code, "96");
    assert_int_equal(s->lines[0].plan, 12500);
    assert_int_equal(s->lines[0].source, SOURCE_KCDP);
    assert_string_equal(f->contents.entries[s->lines[0].content].code, "04");
}

static void test_header_only_file_is_rejected(void **state)
{
    fixture *f = *state;
    submission *s = read_csv(f, HEADER);
    assert_true(s->rejected);
    expect_diag(f, 0, DIAG_ERROR, 0, 0, "no project lines");
}

/* What submission_each_line hands over: the first titles, the plans, the lines. */
typedef struct collected {
    char titles[256];
    int64_t plans;
    size_t count;
} collected;

static int collect(void *context, const submission *s, const project_line *line)
{
    (void)s;
    collected *c = context;
    if (c->count < 2) {
        strncat(c->titles, line->title, sizeof c->titles - strlen(c->titles) - 2);
        strcat(c->titles, "|");
    }
    c->plans += line->plan;
    c->count++;
    return 0;
}

/* A submission large enough to be read again rather than kept (over 512 KiB of text). */
enum { MANY = 30000 };

static char *many_lines(void)
{
    buf b = BUF_INIT;
    buf_puts(&b, HEADER "74,KCQG,04,Máy sấy,10,1\n74,KCĐP,01,\"Đào tạo, nghề\",2.5,1\n");
    for (int i = 2; i < MANY; i++)
        buf_puts(&b, "74,KCQG,04,Dây chuyền,1,0\n");
    return buf_detach(&b);
}

/* A submission read without its lines gives the same lines when they are read again, and
 * the same sums. */
static void test_lines_read_again_are_the_lines(void **state)
{
    fixture *f = *state;
    char *text = many_lines();
    read_csv(f, text);
    free(text);
    submission *again = submission_read_keeping(f->path, &f->roster, &f->contents,
                                                SUBMISSION_REREAD_LINES, &f->diags);
    assert_false(again->rejected);
    /* Only its head is kept: the lines a province's page lists. */
    assert_int_equal(again->n_lines, SUBMISSION_HEAD_LINES);
    collected head = {{0}, 0, 0};
    assert_int_equal(submission_each_head_line(again, SIZE_MAX, collect, &head), 0);
    assert_string_equal(head.titles, "Máy sấy|Đào tạo, nghề|");
    assert_int_equal(head.count, SUBMISSION_HEAD_LINES);
    assert_int_equal(submission_line_count(again), MANY);
    assert_memory_equal(again->by_source, f->sub->by_source, sizeof again->by_source);
    collected kept = {{0}, 0, 0}, reread = {{0}, 0, 0};
    assert_int_equal(
        submission_each_line(f->sub, &f->roster, &f->contents, collect, &kept, &f->diags), 0);
    assert_int_equal(
        submission_each_line(again, &f->roster, &f->contents, collect, &reread, &f->diags), 0);
    assert_string_equal(reread.titles, "Máy sấy|Đào tạo, nghề|");
    assert_string_equal(kept.titles, reread.titles);
    assert_int_equal(reread.count, MANY);
    assert_int_equal(reread.plans, kept.plans);
    assert_int_equal(f->diags.count, 0); /* read again, nothing is reported twice */
    submission_free(again);
}

/* A small file keeps its lines even when it could be read again: that costs less. */
static void test_small_files_keep_their_lines(void **state)
{
    fixture *f = *state;
    read_csv(f, HEADER "74,KCQG,04,Máy sấy,10,1\n");
    submission *again = submission_read_keeping(f->path, &f->roster, &f->contents,
                                                SUBMISSION_REREAD_LINES, &f->diags);
    assert_int_equal(again->n_lines, 1);
    assert_string_equal(again->lines[0].title, "Máy sấy");
    submission_free(again);
}

/* A file changed between the two readings is an error, not other lines. */
static void test_a_file_changed_before_it_is_read_again_is_an_error(void **state)
{
    fixture *f = *state;
    char *text = many_lines();
    read_csv(f, text);
    free(text);
    submission *again = submission_read_keeping(f->path, &f->roster, &f->contents,
                                                SUBMISSION_REREAD_LINES, &f->diags);
    FILE *file = fopen(f->path, "a");
    assert_non_null(file);
    fputs("74,KCQG,04,Thêm,1,1\n", file);
    assert_int_equal(fclose(file), 0);
    collected reread = {{0}, 0, 0};
    assert_int_equal(
        submission_each_line(again, &f->roster, &f->contents, collect, &reread, &f->diags), -1);
    expect_diag(f, 0, DIAG_ERROR, 0, 0, "the file changed while gen was running");
    submission_free(again);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_valid_file_reads_exactly),
        T(test_semicolon_file_reads_vietnamese_numbers),
        T(test_every_bad_cell_is_reported_at_its_position),
        T(test_positions_after_a_quoted_line_break),
        T(test_one_file_one_province),
        T(test_blank_rows_are_seen),
        T(test_header_problems),
        T(test_row_length),
        T(test_unquoted_comma_in_tab_file),
        T(test_utf16_file),
        T(test_header_only_file_is_rejected),
        T(test_lines_read_again_are_the_lines),
        T(test_small_files_keep_their_lines),
        T(test_a_file_changed_before_it_is_read_again_is_an_error),
    };
    return cmocka_run_group_tests_name("submission", tests, NULL, NULL);
}
