/* test_csvread.c - CSV records with positions: quoting, line ends, blank lines, errors, size. */
#include "support.h"

#include <stdbool.h>
#include <time.h>

#include "csvread.h"

/* ---- collecting rows ---- */

typedef struct field_copy {
    char *text;
    size_t len;
    int line, column;
    bool quoted;
} field_copy;

typedef struct row_copy {
    field_copy *fields;
    size_t count;
    int line, column;
} row_copy;

typedef struct rows {
    row_copy *rows;
    size_t count, cap;
    size_t stop_after; /* 0: never stop */
} rows;

static int collect(void *context, const csv_row *row)
{
    rows *all = context;
    if (all->count == all->cap) {
        all->cap = all->cap ? all->cap * 2 : 16;
        all->rows = realloc(all->rows, all->cap * sizeof *all->rows);
        assert_non_null(all->rows);
    }
    row_copy *copy = &all->rows[all->count++];
    copy->count = row->count;
    copy->line = row->line;
    copy->column = row->column;
    copy->fields = calloc(row->count + 1, sizeof *copy->fields);
    assert_non_null(copy->fields);
    for (size_t i = 0; i < row->count; i++) {
        const csv_field *f = &row->fields[i];
        assert_int_equal(f->text[f->len], '\0');
        copy->fields[i] = (field_copy){malloc(f->len + 1), f->len, f->line, f->column, f->quoted};
        assert_non_null(copy->fields[i].text);
        memcpy(copy->fields[i].text, f->text, f->len + 1);
    }
    return all->stop_after && all->count == all->stop_after ? 7 : 0;
}

static void free_rows(rows *all)
{
    for (size_t r = 0; r < all->count; r++) {
        for (size_t i = 0; i < all->rows[r].count; i++)
            free(all->rows[r].fields[i].text);
        free(all->rows[r].fields);
    }
    free(all->rows);
    *all = (rows){0};
}

/* Reads `s`, which must be well formed. */
static rows read_ok(const char *s, char delimiter)
{
    rows all = {0};
    csv_read_error e;
    int rc = csv_read(s, strlen(s), delimiter, collect, &all, &e);
    if (rc != 0)
        print_error("%d:%d: %s\n", e.line, e.column, e.message);
    assert_int_equal(rc, 0);
    return all;
}

static void expect_row(const rows *all, size_t r, size_t count, int line, int column)
{
    assert_true(r < all->count);
    assert_int_equal(all->rows[r].count, count);
    assert_int_equal(all->rows[r].line, line);
    assert_int_equal(all->rows[r].column, column);
}

static void expect_field(const rows *all, size_t r, size_t i, const char *value, int line,
                         int column, bool quoted)
{
    assert_true(r < all->count && i < all->rows[r].count);
    const field_copy *f = &all->rows[r].fields[i];
    assert_string_equal(f->text, value);
    assert_int_equal(f->len, strlen(value));
    assert_int_equal(f->line, line);
    assert_int_equal(f->column, column);
    assert_int_equal(f->quoted, quoted);
}

/* Reads `s`, which must be rejected, and checks the error. */
static void expect_error(const char *s, char delimiter, int line, int column, const char *fragment)
{
    rows all = {0};
    csv_read_error e;
    assert_int_equal(csv_read(s, strlen(s), delimiter, collect, &all, &e), -1);
    if (e.line != line || e.column != column || !strstr(e.message, fragment))
        print_error("got %d:%d: %s\n", e.line, e.column, e.message);
    assert_int_equal(e.line, line);
    assert_int_equal(e.column, column);
    assert_non_null(strstr(e.message, fragment));
    free_rows(&all);
}

/* ---- positions ---- */

static void fields_on_plain_lines_have_positions(void **state)
{
    (void)state;
    rows all = read_ok("a,bb,ccc\nd,e\n", ',');
    assert_int_equal(all.count, 2);
    expect_row(&all, 0, 3, 1, 9);
    expect_field(&all, 0, 0, "a", 1, 1, false);
    expect_field(&all, 0, 1, "bb", 1, 3, false);
    expect_field(&all, 0, 2, "ccc", 1, 6, false);
    expect_row(&all, 1, 2, 2, 4);
    expect_field(&all, 1, 0, "d", 2, 1, false);
    expect_field(&all, 1, 1, "e", 2, 3, false);
    free_rows(&all);
}

static void columns_count_characters(void **state)
{
    (void)state;
    rows all = read_ok("Tỉnh;Nguồn;\"Đồng\";x\n", ';');
    expect_row(&all, 0, 4, 1, 20);
    expect_field(&all, 0, 1, "Nguồn", 1, 6, false);
    expect_field(&all, 0, 2, "Đồng", 1, 12, true);
    expect_field(&all, 0, 3, "x", 1, 19, false);
    free_rows(&all);
}

static void quoted_field_with_lf_moves_the_line(void **state)
{
    (void)state;
    rows all = read_ok("x,\"a\nb,c\",d\ne\n", ',');
    assert_int_equal(all.count, 2);
    expect_row(&all, 0, 3, 1, 7);
    expect_field(&all, 0, 0, "x", 1, 1, false);
    expect_field(&all, 0, 1, "a\nb,c", 1, 3, true);
    expect_field(&all, 0, 2, "d", 2, 6, false);
    expect_row(&all, 1, 1, 3, 2);
    expect_field(&all, 1, 0, "e", 3, 1, false);
    free_rows(&all);
}

static void quoted_field_with_crlf_moves_the_line(void **state)
{
    (void)state;
    rows all = read_ok("x;\"a\r\n\r\nb\";d\r\ne\r\n", ';');
    assert_int_equal(all.count, 2);
    expect_field(&all, 0, 1, "a\r\n\r\nb", 1, 3, true);
    expect_field(&all, 0, 2, "d", 3, 4, false);
    expect_row(&all, 0, 3, 1, 5);
    expect_row(&all, 1, 1, 4, 2);
    expect_field(&all, 1, 0, "e", 4, 1, false);
    free_rows(&all);
}

static void a_multiline_row_starts_at_its_first_field(void **state)
{
    (void)state;
    rows all = read_ok("\"a\nbc\"\nz\n", ',');
    expect_row(&all, 0, 1, 1, 4);
    expect_row(&all, 1, 1, 3, 2);
    free_rows(&all);
}

static void lone_cr_ends_lines(void **state)
{
    (void)state;
    rows all = read_ok("a,b\rc,d\r\re\r", ',');
    assert_int_equal(all.count, 4);
    expect_field(&all, 0, 1, "b", 1, 3, false);
    expect_field(&all, 1, 0, "c", 2, 1, false);
    expect_field(&all, 1, 1, "d", 2, 3, false);
    expect_row(&all, 2, 0, 3, 1);
    expect_field(&all, 3, 0, "e", 4, 1, false);
    free_rows(&all);
}

/* ---- blank lines and line ends ---- */

static void blank_lines_are_rows_of_no_fields(void **state)
{
    (void)state;
    rows all = read_ok("\na\n\n\nb\n\n", ',');
    assert_int_equal(all.count, 6);
    expect_row(&all, 0, 0, 1, 1);
    expect_row(&all, 1, 1, 2, 2);
    expect_row(&all, 2, 0, 3, 1);
    expect_row(&all, 3, 0, 4, 1);
    expect_row(&all, 4, 1, 5, 2);
    expect_row(&all, 5, 0, 6, 1);
    free_rows(&all);
}

static void crlf_makes_no_phantom_rows(void **state)
{
    (void)state;
    rows all = read_ok("a,b\r\n\r\n\"q\"\r\nc\r\n", ',');
    assert_int_equal(all.count, 4);
    expect_row(&all, 0, 2, 1, 4);
    expect_row(&all, 1, 0, 2, 1);
    expect_row(&all, 2, 1, 3, 4);
    expect_field(&all, 2, 0, "q", 3, 1, true);
    expect_row(&all, 3, 1, 4, 2);
    expect_field(&all, 3, 0, "c", 4, 1, false);
    free_rows(&all);
}

static void last_row_without_newline_is_read(void **state)
{
    (void)state;
    rows all = read_ok("a,b\nc,dd", ',');
    assert_int_equal(all.count, 2);
    expect_row(&all, 1, 2, 2, 5);
    expect_field(&all, 1, 1, "dd", 2, 3, false);
    free_rows(&all);

    all = read_ok("a,b\nc,", ',');
    expect_row(&all, 1, 2, 2, 3);
    expect_field(&all, 1, 1, "", 2, 3, false);
    free_rows(&all);

    all = read_ok("a,\"b\"\"\"", ',');
    expect_row(&all, 0, 2, 1, 8);
    expect_field(&all, 0, 1, "b\"", 1, 3, true);
    free_rows(&all);
}

static void empty_input_has_no_rows(void **state)
{
    (void)state;
    rows all = read_ok("", ',');
    assert_int_equal(all.count, 0);
    free_rows(&all);
}

/* ---- values ---- */

static void spaces_are_kept(void **state)
{
    (void)state;
    rows all = read_ok(" a , b \n", ';');
    expect_field(&all, 0, 0, " a , b ", 1, 1, false);
    free_rows(&all);

    all = read_ok(" a , b ,\"  c  \"\n  \n", ',');
    expect_field(&all, 0, 0, " a ", 1, 1, false);
    expect_field(&all, 0, 1, " b ", 1, 5, false);
    expect_field(&all, 0, 2, "  c  ", 1, 9, true);
    expect_row(&all, 1, 1, 2, 3);
    expect_field(&all, 1, 0, "  ", 2, 1, false);
    free_rows(&all);
}

static void tab_and_semicolon_delimiters(void **state)
{
    (void)state;
    rows all = read_ok("a\tb,c;d\t\"e\tf\"\n", '\t');
    expect_row(&all, 0, 3, 1, 14);
    expect_field(&all, 0, 1, "b,c;d", 1, 3, false);
    expect_field(&all, 0, 2, "e\tf", 1, 9, true);
    free_rows(&all);

    all = read_ok("2.675,5;\"x;y\";1,5\n", ';');
    expect_field(&all, 0, 0, "2.675,5", 1, 1, false);
    expect_field(&all, 0, 1, "x;y", 1, 9, true);
    expect_field(&all, 0, 2, "1,5", 1, 15, false);
    free_rows(&all);
}

static void doubled_quotes_are_one_quote(void **state)
{
    (void)state;
    rows all = read_ok("\"say \"\"hi\"\"\",x,\"\"\"\"\n", ',');
    expect_field(&all, 0, 0, "say \"hi\"", 1, 1, true);
    expect_field(&all, 0, 1, "x", 1, 14, false);
    expect_field(&all, 0, 2, "\"", 1, 16, true);
    free_rows(&all);
}

static void row_of_empty_fields(void **state)
{
    (void)state;
    rows all = read_ok(";;;\n\"\";\n", ';');
    expect_row(&all, 0, 4, 1, 4);
    for (int i = 0; i < 4; i++)
        expect_field(&all, 0, (size_t)i, "", 1, i + 1, false);
    expect_row(&all, 1, 2, 2, 4);
    expect_field(&all, 1, 0, "", 2, 1, true);
    expect_field(&all, 1, 1, "", 2, 4, false);
    free_rows(&all);
}

/* ---- errors ---- */

static void stray_quote_is_located(void **state)
{
    (void)state;
    expect_error("a,b\nab,c\"d\n", ',', 2, 5, "unexpected '\"' in an unquoted field");
    /* After a quoted field spanning lines, and counting characters. */
    expect_error("\"x\r\ny\";Đồng\"\n", ';', 2, 8, "unexpected '\"' in an unquoted field");
    expect_error("a;  \"b\"\n", ';', 1, 5, "after spaces at the start of a field");
}

static void text_after_closing_quote_is_located(void **state)
{
    (void)state;
    expect_error("x\n\"ab\"c,d\n", ',', 2, 5,
                 "text after the closing quote of the field opened at 2:1: found 'c'");
    expect_error("\"a\nb\" ;x\n", ';', 2, 3, "found ' ' where ';' or the end of the line");
    expect_error("\"ab\"ồ\n", '\t', 1, 5, "found 'ồ' where a tab");
}

static void unterminated_quote_is_reported(void **state)
{
    (void)state;
    expect_error("a,b\nc,\"open\nmore\n", ',', 4, 1, "quoted field opened at 2:3 is never closed");
    expect_error("\"", ',', 1, 2, "quoted field opened at 1:1 is never closed");
}

static void rows_before_an_error_are_delivered(void **state)
{
    (void)state;
    rows all = {0};
    csv_read_error e;
    const char *s = "a\nb\nc\"\n";
    assert_int_equal(csv_read(s, strlen(s), ',', collect, &all, &e), -1);
    assert_int_equal(all.count, 2);
    free_rows(&all);
}

static void callback_can_stop_reading(void **state)
{
    (void)state;
    rows all = {.stop_after = 2};
    csv_read_error e;
    const char *s = "a\r\nb\r\nc\r\n\"never closed";
    assert_int_equal(csv_read(s, strlen(s), ',', collect, &all, &e), 7);
    assert_int_equal(all.count, 2);
    free_rows(&all);

    all = (rows){.stop_after = 1};
    assert_int_equal(csv_read("a,b", 3, ',', collect, &all, &e), 7);
    free_rows(&all);
}

static void unsupported_delimiter_is_an_error(void **state)
{
    (void)state;
    expect_error("a|b\n", '|', 1, 1, "unsupported delimiter 0x7C");
    expect_error("a\"b\n", '"', 1, 1, "unsupported delimiter");
}

/* ---- delimiter detection ---- */

static void delimiter_is_detected_from_the_header(void **state)
{
    (void)state;
    const char *s;
    s = "tinh;nguon;noi_dung\n1,5;2,5;3\n";
    assert_int_equal(csv_detect_delimiter(s, strlen(s)), ';');
    s = "a,b,c\n1;2;3;4;5\n";
    assert_int_equal(csv_detect_delimiter(s, strlen(s)), ',');
    s = "a\tb,c,d\n";
    assert_int_equal(csv_detect_delimiter(s, strlen(s)), ',');
    s = "\"a;b;c\",d\n";
    assert_int_equal(csv_detect_delimiter(s, strlen(s)), ',');
    s = "\"x\ny;;;\"\tz\n";
    assert_int_equal(csv_detect_delimiter(s, strlen(s)), '\t');
    s = "\r\n\r\na;b\n";
    assert_int_equal(csv_detect_delimiter(s, strlen(s)), ';');
    s = "single\na,b\n";
    assert_int_equal(csv_detect_delimiter(s, strlen(s)), 0);
    assert_int_equal(csv_detect_delimiter("", 0), 0);
}

static void delimiter_ties_go_to_tab_then_semicolon(void **state)
{
    (void)state;
    assert_int_equal(csv_detect_delimiter("a\tb;c,d", 7), '\t');
    assert_int_equal(csv_detect_delimiter("a,b;c", 5), ';');
    assert_int_equal(csv_detect_delimiter("a,b,c;d;e", 9), ';');
}

/* ---- size ---- */

/* Appends a row for `i`: every 1000th row holds a quoted field with a CRLF inside. */
static size_t generate(char *out, size_t i)
{
    if (i % 1000 == 999)
        return (size_t)sprintf(out, "%zu;\"Đề án\r\nnhiều dòng; \"\"x\"\"\";%zu,%03zu;\r\n", i,
                               i * 7, i % 1000);
    return (size_t)sprintf(out, "%zu;Tỉnh %zu;%zu,%03zu;ghi chú\r\n", i, i % 63, i * 7, i % 1000);
}

typedef struct tally {
    size_t rows, fields, bytes;
    int last_line;
    size_t last_first_value;
} tally;

static int count_rows(void *context, const csv_row *row)
{
    tally *t = context;
    t->rows++;
    t->fields += row->count;
    for (size_t i = 0; i < row->count; i++)
        t->bytes += row->fields[i].len;
    t->last_line = row->line;
    t->last_first_value = row->count ? strtoul(row->fields[0].text, NULL, 10) : 0;
    return 0;
}

static char *generate_rows(size_t n, size_t *len, size_t *lines)
{
    char *s = malloc(n * 64 + 1);
    assert_non_null(s);
    size_t used = 0;
    *lines = 0;
    for (size_t i = 0; i < n; i++) {
        used += generate(s + used, i);
        *lines += i % 1000 == 999 ? 2 : 1;
    }
    *len = used;
    return s;
}

static void large_input_is_read_with_right_lines(void **state)
{
    (void)state;
    size_t n = 200000, len, lines;
    char *s = generate_rows(n, &len, &lines);
    tally t = {0};
    csv_read_error e;
    assert_int_equal(csv_read(s, len, ';', count_rows, &t, &e), 0);
    assert_int_equal(t.rows, n);
    assert_int_equal(t.fields, n * 4);
    assert_int_equal(t.last_first_value, n - 1);
    /* Row 200000 starts on the last line: 200000 rows plus one extra line per 1000 rows. */
    assert_int_equal(lines, n + n / 1000);
    assert_int_equal(t.last_line, (int)lines - 1);
    free(s);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Prints the reading speed. The size is CSVREAD_BENCH_MB megabytes (default 8, small enough for
 * valgrind); the figure in the commit message comes from CSVREAD_BENCH_MB=50. */
static void throughput(void **state)
{
    (void)state;
    const char *mb = getenv("CSVREAD_BENCH_MB");
    size_t target = (size_t)(mb ? atof(mb) : 8.0) * 1000000;
    size_t n = target / 37 + 1, len, lines;
    char *s = generate_rows(n, &len, &lines);
    tally t = {0};
    csv_read_error e;
    double start = seconds_now();
    assert_int_equal(csv_read(s, len, ';', count_rows, &t, &e), 0);
    double elapsed = seconds_now() - start;
    assert_int_equal(t.rows, n);
    printf("csv_read: %.1f MB, %zu rows in %.3f s: %.0f MB/s\n", (double)len / 1e6, n, elapsed,
           (double)len / 1e6 / elapsed);
    free(s);
}

/* ---- limits ---- */

/* Reads `s` under `limits`; it must pass one, and the error must say which, where. */
static rows expect_limit(const char *s, size_t len, const csv_limits *limits, csv_limit which,
                         int line, int column, const char *fragment)
{
    rows all = {0};
    csv_read_error e;
    assert_int_equal(csv_read_limited(s, len, ',', limits, collect, &all, &e), -1);
    if (e.limit != which || e.line != line || e.column != column || !strstr(e.message, fragment))
        fail_msg("got limit %d at %d:%d: %s", (int)e.limit, e.line, e.column, e.message);
    return all;
}

static void limits_let_what_fits_through(void **state)
{
    (void)state;
    const char *s = "abc,\"d,e\"\nf,g\n";
    csv_limits limits = {5, 2, 2};
    rows all = {0};
    csv_read_error e;
    assert_int_equal(csv_read_limited(s, strlen(s), ',', &limits, collect, &all, &e), 0);
    assert_int_equal(e.limit, CSV_LIMIT_NONE);
    expect_field(&all, 0, 1, "d,e", 1, 5, true);
    free_rows(&all);
}

static void a_long_field_is_refused_at_its_start(void **state)
{
    (void)state;
    csv_limits limits = {8, 0, 0};
    /* Unquoted, nine bytes. */
    rows all = expect_limit("a,123456789,b\n", 14, &limits, CSV_LIMIT_FIELD_BYTES, 1, 3,
                            "longer than 8 bytes");
    assert_int_equal(all.count, 0);
    free_rows(&all);
    /* Quoted over lines, holding delimiters: the quotes count. */
    all = expect_limit("x\n\"a,b\nc,d\",e\n", 14, &limits, CSV_LIMIT_FIELD_BYTES, 2, 1,
                       "is a closing quote missing?");
    assert_int_equal(all.count, 1);
    free_rows(&all);
    /* Exactly at the limit is fine. */
    all = (rows){0};
    csv_read_error e;
    assert_int_equal(csv_read_limited("\"123456\"", 8, ',', &limits, collect, &all, &e), 0);
    free_rows(&all);
}

static void a_huge_unclosed_quote_is_refused_without_buffering_it(void **state)
{
    (void)state;
    size_t n = 64u << 20;
    char *s = malloc(n);
    assert_non_null(s);
    s[0] = '"';
    memset(s + 1, 'x', n - 1);
    for (size_t i = 4096; i < n; i += 4096)
        s[i] = ','; /* delimiters inside the quotes make many pieces */
    csv_limits limits = {1 << 16, 0, 0};
    clock_t start = clock();
    rows all = expect_limit(s, n, &limits, CSV_LIMIT_FIELD_BYTES, 1, 1, "65536 bytes");
    /* Refused after 64 KiB, not after reading 64 MiB through libcsv. */
    assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 0.5);
    free_rows(&all);
    free(s);
}

static void too_many_columns_are_refused(void **state)
{
    (void)state;
    csv_limits limits = {0, 3, 0};
    rows all = expect_limit("a,b,c\nd,e,f,g\n", 14, &limits, CSV_LIMIT_COLUMNS, 2, 7,
                            "more than 3 fields");
    assert_int_equal(all.count, 1);
    free_rows(&all);
    /* On the last line, without a line break. */
    all = expect_limit("a,b,c,d", 7, &limits, CSV_LIMIT_COLUMNS, 1, 7, "more than 3 fields");
    assert_int_equal(all.count, 0);
    free_rows(&all);
}

static void too_many_rows_are_refused(void **state)
{
    (void)state;
    csv_limits limits = {0, 0, 2};
    rows all =
        expect_limit("a\r\n\r\nb\r\nc\r\n", 11, &limits, CSV_LIMIT_ROWS, 3, 1, "more than 2 rows");
    assert_int_equal(all.count, 2);
    free_rows(&all);
    all = expect_limit("a\nb\nc", 5, &limits, CSV_LIMIT_ROWS, 3, 1, "more than 2 rows");
    free_rows(&all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_on_plain_lines_have_positions),
        cmocka_unit_test(columns_count_characters),
        cmocka_unit_test(quoted_field_with_lf_moves_the_line),
        cmocka_unit_test(quoted_field_with_crlf_moves_the_line),
        cmocka_unit_test(a_multiline_row_starts_at_its_first_field),
        cmocka_unit_test(lone_cr_ends_lines),
        cmocka_unit_test(blank_lines_are_rows_of_no_fields),
        cmocka_unit_test(crlf_makes_no_phantom_rows),
        cmocka_unit_test(last_row_without_newline_is_read),
        cmocka_unit_test(empty_input_has_no_rows),
        cmocka_unit_test(spaces_are_kept),
        cmocka_unit_test(tab_and_semicolon_delimiters),
        cmocka_unit_test(doubled_quotes_are_one_quote),
        cmocka_unit_test(row_of_empty_fields),
        cmocka_unit_test(stray_quote_is_located),
        cmocka_unit_test(text_after_closing_quote_is_located),
        cmocka_unit_test(unterminated_quote_is_reported),
        cmocka_unit_test(rows_before_an_error_are_delivered),
        cmocka_unit_test(callback_can_stop_reading),
        cmocka_unit_test(unsupported_delimiter_is_an_error),
        cmocka_unit_test(delimiter_is_detected_from_the_header),
        cmocka_unit_test(delimiter_ties_go_to_tab_then_semicolon),
        cmocka_unit_test(large_input_is_read_with_right_lines),
        cmocka_unit_test(throughput),
        cmocka_unit_test(limits_let_what_fits_through),
        cmocka_unit_test(a_long_field_is_refused_at_its_start),
        cmocka_unit_test(a_huge_unclosed_quote_is_refused_without_buffering_it),
        cmocka_unit_test(too_many_columns_are_refused),
        cmocka_unit_test(too_many_rows_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
