/* test_text.c - decoding submissions: BOMs, UTF-16, strict UTF-8 and error positions. */
#include "testutil.h"

#include <errno.h>
#include <stdbool.h>
#include <iconv.h>
#include <unistd.h>

#include "text.h"

#define VIETNAMESE "Tỉnh,Nguồn kinh phí,Nội dung\r\nĐồng Nai;Cà Mau\n\"Bạc Liêu\"\rẤp 😀 end"

/* Encodes UTF-8 with glibc's iconv, an encoder independent of the one under test, and puts the
 * BOM of `charset` in front. Caller frees. */
static unsigned char *encode(const char *utf8, const char *charset, size_t *len)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), cap = 2 + in_left * 4;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    bool big_endian = strcmp(charset, "UTF-16BE") == 0;
    out[0] = big_endian ? 0xFE : 0xFF;
    out[1] = big_endian ? 0xFF : 0xFE;
    char *in = (char *)utf8, *o = (char *)out + 2;
    size_t out_left = cap - 2;
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *len = cap - out_left;
    return out;
}

/* Decodes `len` bytes that must be valid and checks the result. */
static void expect_text(const void *bytes, size_t len, const char *utf8, const char *encoding)
{
    text t;
    text_error e;
    assert_int_equal(text_decode(bytes, len, &t, &e), 0);
    assert_string_equal(t.encoding, encoding);
    assert_int_equal(t.len, strlen(utf8));
    assert_memory_equal(t.data, utf8, t.len);
    assert_int_equal(t.data[t.len], '\0');
    text_free(&t);
}

/* Decodes `len` bytes that must be rejected, checks the position and that the message holds
 * `fragment`. */
static void expect_error(const void *bytes, size_t len, int line, int column, size_t offset,
                         const char *fragment)
{
    text t;
    text_error e;
    assert_int_equal(text_decode(bytes, len, &t, &e), -1);
    assert_null(t.data);
    if (e.line != line || e.column != column || e.byte_offset != offset ||
        !strstr(e.message, fragment))
        print_error("got %d:%d @%zu \"%s\"\n", e.line, e.column, e.byte_offset, e.message);
    assert_int_equal(e.line, line);
    assert_int_equal(e.column, column);
    assert_int_equal(e.byte_offset, offset);
    assert_non_null(strstr(e.message, fragment));
}

#define EXPECT_ERROR(lit, line, column, offset, fragment)                                          \
    expect_error(lit, sizeof lit - 1, line, column, offset, fragment)

static void utf8_without_bom_is_kept_as_is(void **state)
{
    (void)state;
    expect_text(VIETNAMESE, strlen(VIETNAMESE), VIETNAMESE, "UTF-8");
}

static void utf8_bom_is_removed(void **state)
{
    (void)state;
    const char *s = "\xEF\xBB\xBF" VIETNAMESE;
    expect_text(s, strlen(s), VIETNAMESE, "UTF-8 with BOM");
    expect_text("\xEF\xBB\xBF", 3, "", "UTF-8 with BOM");
}

static void empty_input_is_empty_text(void **state)
{
    (void)state;
    expect_text("", 0, "", "UTF-8");
    expect_text(NULL, 0, "", "UTF-8");
}

static void utf16le_with_bom_becomes_utf8(void **state)
{
    (void)state;
    size_t len;
    unsigned char *bytes = encode(VIETNAMESE, "UTF-16LE", &len);
    expect_text(bytes, len, VIETNAMESE, "UTF-16LE");
    free(bytes);
    expect_text("\xFF\xFE", 2, "", "UTF-16LE");
}

static void utf16be_with_bom_becomes_utf8(void **state)
{
    (void)state;
    size_t len;
    unsigned char *bytes = encode(VIETNAMESE, "UTF-16BE", &len);
    expect_text(bytes, len, VIETNAMESE, "UTF-16BE");
    free(bytes);
}

static void utf16_surrogate_pairs_are_joined(void **state)
{
    (void)state;
    /* U+1F600 is D83D DE00; U+10FFFF is DBFF DFFF; U+E9 and U+1EA0 stay in the BMP. */
    expect_text("\xFF\xFE\x3D\xD8\x00\xDE\xE9\x00\xA0\x1E\xFF\xDB\xFF\xDF", 14,
                "\xF0\x9F\x98\x80\xC3\xA9\xE1\xBA\xA0\xF4\x8F\xBF\xBF", "UTF-16LE");
    expect_text("\xFE\xFF\xD8\x3D\xDE\x00\x00\x41", 8,
                "\xF0\x9F\x98\x80"
                "A",
                "UTF-16BE");
}

static void utf16_errors_have_positions(void **state)
{
    (void)state;
    /* "a\nb" then a lone low surrogate: line 2, column 2, the unit at byte 8 (BOM included). */
    EXPECT_ERROR("\xFF\xFE"
                 "a\0\n\0b\0\x00\xDC",
                 2, 2, 8, "unpaired UTF-16 low surrogate 0xDC00");
    /* A high surrogate followed by 'x'. */
    EXPECT_ERROR("\xFF\xFE"
                 "a\0\x3D\xD8x\0",
                 1, 2, 4, "expected after it, found 0x0078");
    /* A high surrogate at the very end. */
    EXPECT_ERROR("\xFE\xFF\0a\xD8\x3D", 1, 2, 4, "its low surrogate 0xDC00-0xDFFF is missing");
    /* An odd number of bytes: after "ab" (BE) one byte is left. */
    EXPECT_ERROR("\xFE\xFF\0a\0b\0", 1, 3, 6, "odd number of bytes");
    /* A NUL after a CRLF line holding a Vietnamese word. */
    EXPECT_ERROR("\xFF\xFE"
                 "\x10\x01\r\0\n\0x\0\0\0",
                 2, 2, 10, "NUL character");
}

static void invalid_utf8_is_located_after_crlf_lines(void **state)
{
    (void)state;
    /* Line 3 starts at byte 12 ("a,b\r\n" is 5 bytes, "cd,é\r\n" 7); 'x' is column 1. */
    EXPECT_ERROR("a,b\r\ncd,\xC3\xA9\r\nx\xE1\x41", 3, 2, 13,
                 "invalid UTF-8 byte 0xE1 followed by 0x41");
    /* The message says what was expected and how to fix the file. */
    EXPECT_ERROR("x\xE1\x41", 1, 2, 1, "0x80-0xBF was expected in place of 0x41");
    EXPECT_ERROR("x\xE1\x41", 1, 2, 1, "save the file as CSV UTF-8");
    /* With a BOM the offset counts the BOM; the column does not. */
    EXPECT_ERROR("\xEF\xBB\xBF"
                 "ab\xFF",
                 1, 3, 5, "invalid UTF-8 byte 0xFF");
}

static void lone_cr_and_lf_end_lines_too(void **state)
{
    (void)state;
    EXPECT_ERROR("a\rb\nc\r\r\n\xC3\xA9\xC3\xA9\x80", 5, 3, 12, "continuation byte");
}

static void columns_count_characters_not_bytes(void **state)
{
    (void)state;
    /* "Đồng" is 4 characters in 8 bytes. */
    EXPECT_ERROR("\xC4\x90\xE1\xBB\x93ng\x9C", 1, 5, 7, "invalid UTF-8 byte 0x9C");
}

static void overlong_forms_are_rejected(void **state)
{
    (void)state;
    EXPECT_ERROR("\xC0\xAF", 1, 1, 0, "0xC0: never used in UTF-8");
    EXPECT_ERROR("\xC1\xBF", 1, 1, 0, "0xC1: never used in UTF-8");
    EXPECT_ERROR("a\xE0\x80\xAF", 1, 2, 1, "overlong");
    EXPECT_ERROR("\xF0\x8F\xBF\xBF", 1, 1, 0, "overlong");
}

static void surrogates_and_code_points_past_10ffff_are_rejected(void **state)
{
    (void)state;
    EXPECT_ERROR("\xED\xA0\x80", 1, 1, 0, "surrogate");
    EXPECT_ERROR("\xED\xBF\xBF", 1, 1, 0, "0x80-0x9F was expected");
    EXPECT_ERROR("\xF4\x90\x80\x80", 1, 1, 0, "past U+10FFFF");
    EXPECT_ERROR("\xF5\x80\x80\x80", 1, 1, 0, "0xF5: never used in UTF-8");
    /* The largest values that are allowed. */
    expect_text("\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF", 10,
                "\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF", "UTF-8");
}

static void truncated_sequences_are_rejected(void **state)
{
    (void)state;
    EXPECT_ERROR("ab\xE1\xBB", 1, 3, 2, "truncated UTF-8 sequence 0xE1 0xBB at the end");
    EXPECT_ERROR("ab\xF0\x9F\x98", 1, 3, 2, "4-byte character");
    /* Cut short in the middle: the next character is not a continuation byte. */
    EXPECT_ERROR("\xE1\xBB,x", 1, 1, 0, "followed by 0xBB 0x2C");
}

static void nul_characters_are_rejected(void **state)
{
    (void)state;
    EXPECT_ERROR("ab\0c", 1, 3, 2, "NUL character");
    /* Past the ASCII fast path's first words too. */
    EXPECT_ERROR("0123456789abcdef\n01234567\0", 2, 9, 25, "NUL character");
}

static void long_valid_text_is_accepted(void **state)
{
    (void)state;
    size_t n = 100000;
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)(' ' + i % 90);
    memcpy(s + 5000, "\xE1\xBB\x87", 3);
    s[n] = '\0';
    expect_text(s, n, s, "UTF-8");
    free(s);
}

static void utf8_length_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(text_utf8_length("", 0), 0);
    assert_int_equal(text_utf8_length("abc", 3), 3);
    assert_int_equal(text_utf8_length("Đồng Nai", strlen("Đồng Nai")), 8);
    assert_int_equal(text_utf8_length("\xF0\x9F\x98\x80!", 5), 2);
}

static char *temp_path(void)
{
    char *path = strdup("/tmp/test_text_XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void read_file_reads_everything_nul_terminated(void **state)
{
    (void)state;
    char *path = temp_path();
    size_t n = 300000;
    unsigned char *expected = malloc(n);
    assert_non_null(expected);
    for (size_t i = 0; i < n; i++)
        expected[i] = (unsigned char)(i * 7);
    write_file(path, expected, n);
    unsigned char *data;
    size_t len;
    assert_int_equal(text_read_file(path, &data, &len), 0);
    assert_int_equal(len, n);
    assert_memory_equal(data, expected, n);
    assert_int_equal(data[len], 0);
    free(data);

    write_file(path, "", 0);
    assert_int_equal(text_read_file(path, &data, &len), 0);
    assert_int_equal(len, 0);
    assert_int_equal(data[0], 0);
    free(data);

    unlink(path);
    free(path);
    free(expected);
}

static void read_file_reports_errors_with_errno(void **state)
{
    (void)state;
    unsigned char *data = (unsigned char *)"x";
    size_t len = 9;
    errno = 0;
    assert_int_equal(text_read_file("/nonexistent/dir/file.csv", &data, &len), -1);
    assert_int_equal(errno, ENOENT);
    assert_null(data);
    assert_int_equal(len, 0);
    errno = 0;
    assert_int_equal(text_read_file("/tmp", &data, &len), -1);
    assert_int_equal(errno, EISDIR);
    assert_null(data);
}

static void read_file_handles_files_without_a_size(void **state)
{
    (void)state;
    /* /proc files report size 0 but have contents: the reader must not trust st_size. */
    unsigned char *data;
    size_t len;
    assert_int_equal(text_read_file("/proc/self/status", &data, &len), 0);
    assert_true(len > 0);
    assert_int_equal(strlen((char *)data), len);
    assert_non_null(strstr((char *)data, "Name:"));
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_without_bom_is_kept_as_is),
        cmocka_unit_test(utf8_bom_is_removed),
        cmocka_unit_test(empty_input_is_empty_text),
        cmocka_unit_test(utf16le_with_bom_becomes_utf8),
        cmocka_unit_test(utf16be_with_bom_becomes_utf8),
        cmocka_unit_test(utf16_surrogate_pairs_are_joined),
        cmocka_unit_test(utf16_errors_have_positions),
        cmocka_unit_test(invalid_utf8_is_located_after_crlf_lines),
        cmocka_unit_test(lone_cr_and_lf_end_lines_too),
        cmocka_unit_test(columns_count_characters_not_bytes),
        cmocka_unit_test(overlong_forms_are_rejected),
        cmocka_unit_test(surrogates_and_code_points_past_10ffff_are_rejected),
        cmocka_unit_test(truncated_sequences_are_rejected),
        cmocka_unit_test(nul_characters_are_rejected),
        cmocka_unit_test(long_valid_text_is_accepted),
        cmocka_unit_test(utf8_length_counts_code_points),
        cmocka_unit_test(read_file_reads_everything_nul_terminated),
        cmocka_unit_test(read_file_reports_errors_with_errno),
        cmocka_unit_test(read_file_handles_files_without_a_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
