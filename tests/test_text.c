/* test_text.c - decoding submissions: BOMs, UTF-16, strict UTF-8 and error positions. */
#include "support.h"

#include <errno.h>
#include <stdbool.h>
#include <iconv.h>
#include <sys/stat.h>
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

/* Decodes `len` bytes that must be rejected as Unicode (no Windows-1258 fallback: these tests
 * are about telling why bytes are not UTF-8 or UTF-16), checks the position and that the
 * message holds `fragment`. */
static void expect_error(const void *bytes, size_t len, int line, int column, size_t offset,
                         const char *fragment)
{
    text t;
    text_error e;
    assert_int_equal(text_decode_unicode(bytes, len, &t, &e), -1);
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

static void control_characters_are_rejected(void **state)
{
    (void)state;
    /* An escape sequence in a title: said plainly, with no advice about encodings. */
    EXPECT_ERROR("a,b\r\nT\xE1\xBA\xADp\x1B[2J,c", 2, 4, 10,
                 "control character U+001B (byte 0x1B)");
    text t;
    text_error e;
    const char *esc = "a\tb\x1B";
    assert_int_equal(text_decode((const unsigned char *)esc, 4, &t, &e), -1);
    assert_null(strstr(e.message, "UTF-8"));
    assert_null(strstr(e.message, "Windows-1258"));
    assert_false(e.encoding_problem);
    EXPECT_ERROR("ab\x7F", 1, 3, 2, "U+007F (byte 0x7F)");
    /* A C1 control in UTF-8, after a Vietnamese word. */
    EXPECT_ERROR("\xC4\x90\xE1\xBB\x93ng\xC2\x85", 1, 5, 7, "U+0085 (bytes 0xC2 0x85)");
    /* And in UTF-16. */
    EXPECT_ERROR("\xFF\xFE"
                 "a\0\x07\0",
                 1, 2, 4, "U+0007 (bytes 0x07 0x00)");
    /* Tab, LF and CR are text; so are the other C2 characters (U+00A0 and up). */
    expect_text("a\tb\r\nc\rd\xC2\xA0", 10, "a\tb\r\nc\rd\xC2\xA0", "UTF-8");
}

/* Characters that deceive a reader or break XML (issue: publication you can trust): rejected
 * with their position wherever they stand, in UTF-8 and UTF-16, past the fast paths too. */
static void deceptive_characters_are_rejected(void **state)
{
    (void)state;
    /* A zero-width space inside a province name: "Long An" that does not match. */
    EXPECT_ERROR("province\nLong\xE2\x80\x8B" "An", 2, 5, 13, "U+200B (an invisible character");
    /* A right-to-left override after a long ASCII run (the word-at-a-time path). */
    EXPECT_ERROR("0123456789abcdef0123456789\xE2\x80\xAEx", 1, 27, 26,
                 "U+202E (a direction override");
    EXPECT_ERROR("a\xE2\x81\xA6" "b", 1, 2, 1, "U+2066 (a direction mark");
    EXPECT_ERROR("\xE1\xBA\xA1\xE2\x80\x8F", 1, 2, 3, "U+200F (a direction mark");
    /* Not characters: XML cannot hold them, so neither can the annex. */
    EXPECT_ERROR("T\xEF\xBF\xBF", 1, 2, 1, "U+FFFF (not a character");
    EXPECT_ERROR("T\xEF\xBF\xBE", 1, 2, 1, "U+FFFE (not a character");
    /* A byte-order mark inside the text (the one at the start is the file's BOM). */
    EXPECT_ERROR("a,b\n\xEF\xBB\xBF" "c", 2, 1, 4, "U+FEFF (a byte-order mark inside");
    expect_text("\xEF\xBB\xBF" "a", 4, "a", "UTF-8 with BOM");
    /* In UTF-16. */
    EXPECT_ERROR("\xFF\xFE" "a\0\x2E\x20", 1, 2, 4, "U+202E");
    EXPECT_ERROR("\xFE\xFF" "\0a\xFF\xFF", 1, 2, 4, "U+FFFF");
    /* No encoding advice: the fix is to delete the character. */
    text t;
    text_error e;
    assert_int_equal(text_decode((const unsigned char *)"a\xE2\x80\x8D", 4, &t, &e), -1);
    assert_false(e.encoding_problem);
    assert_null(strstr(e.message, "Windows-1258"));
    /* Their neighbours are text: en dash, ellipsis, quotes, U+2070, the private use area,
     * U+FFFD and U+FEFE. */
    const char *fine = "\xE2\x80\x93\xE2\x80\xA6\xE2\x80\x9C\xE2\x81\xB0\xEE\x80\x80"
                       "\xEF\xBF\xBD\xEF\xBB\xBE";
    expect_text(fine, strlen(fine), fine, "UTF-8");
}

static void workbooks_and_documents_are_named(void **state)
{
    (void)state;
    EXPECT_ERROR("PK\x03\x04\x14\x00\x06\x00", 1, 1, 0, "this is an Excel workbook (.xlsx)");
    EXPECT_ERROR("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 1, 1, 0, "Excel 97-2003 workbook (.xls)");
    EXPECT_ERROR("%PDF-1.7\n%\xE2\xE3\xCF\xD3", 1, 1, 0, "a PDF document, not CSV text");
    text t;
    text_error e;
    assert_int_equal(text_decode((const unsigned char *)"PK\x03\x04", 4, &t, &e), -1);
    assert_non_null(strstr(e.message, "save it as CSV UTF-8"));
    assert_null(strstr(e.message, "Windows-1258"));
}

/* A copy in memory from malloc, NUL-terminated, as text_read_file returns. */
static unsigned char *owned_copy(const char *s, size_t len)
{
    unsigned char *p = malloc(len + 1);
    assert_non_null(p);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

static void owned_bytes_are_used_in_place_or_freed(void **state)
{
    (void)state;
    text t;
    text_error e;
    unsigned char *p = owned_copy("a,\xC4\x91\n", 5);
    assert_int_equal(text_decode_owned(p, 5, &t, &e), 0);
    assert_ptr_equal(t.data, p); /* not copied */
    assert_string_equal(t.data, "a,\xC4\x91\n");
    text_free(&t);
    p = owned_copy("\xEF\xBB\xBFx;y", 6);
    assert_int_equal(text_decode_owned(p, 6, &t, &e), 0);
    assert_string_equal(t.data, "x;y");
    assert_int_equal(t.len, 3);
    assert_string_equal(t.encoding, "UTF-8 with BOM");
    text_free(&t);
    /* Other encodings and errors: decoded as text_decode does, the bytes freed. */
    p = owned_copy("\xFF\xFEx\0", 4);
    assert_int_equal(text_decode_owned(p, 4, &t, &e), 0);
    assert_string_equal(t.data, "x");
    text_free(&t);
    p = owned_copy("T\xEAn\n", 4);
    assert_int_equal(text_decode_owned(p, 4, &t, &e), 0);
    assert_string_equal(t.encoding, "Windows-1258");
    text_free(&t);
    p = owned_copy("PK\x03\x04", 4);
    assert_int_equal(text_decode_owned(p, 4, &t, &e), -1);
    assert_null(t.data);
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

/* ---- Windows-1258 ---- */

/* Encodes UTF-8 as Windows-1258 with glibc's iconv, which writes toned vowels the way Windows
 * does: a base letter and a combining tone mark where the code page has no precomposed form.
 * Caller frees. */
static unsigned char *encode_cp1258(const char *utf8, size_t *len)
{
    iconv_t cd = iconv_open("CP1258", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), cap = in_left * 2 + 1;
    unsigned char *out = malloc(cap);
    assert_non_null(out);
    char *in = (char *)utf8, *o = (char *)out;
    size_t out_left = cap;
    assert_true(iconv(cd, &in, &in_left, &o, &out_left) != (size_t)-1);
    iconv_close(cd);
    *len = cap - out_left;
    return out;
}

#define VIETNAMESE_CSV                                                                                         \
    "Tỉnh;Nguồn kinh phí;Nội dung;Tên đề án\r\n"                                                   \
    "Đồng Tháp;KCĐP;Đào tạo nghề;Hỗ trợ ứng dụng máy móc “tiên tiến” – 2024\r\n" \
    "Bà Rịa - Vũng Tàu;quốc gia;Xây dựng mô hình;ƯỚC TÍNH Ữ Ự ặ ậ ỹ ỷ ỵ € ₫\r\n"

static void windows_1258_is_read_as_nfc_utf8(void **state)
{
    (void)state;
    size_t len;
    unsigned char *bytes = encode_cp1258(VIETNAMESE_CSV, &len);
    /* The encoder did use combining marks: 'ồ' is ô (0xF4) and a grave (0xCC). */
    assert_non_null(memchr(bytes, 0xCC, len));
    expect_text(bytes, len, VIETNAMESE_CSV, "Windows-1258");
    free(bytes);
}

static void windows_1258_table_matches_iconv(void **state)
{
    (void)state;
    iconv_t cd = iconv_open("UTF-8", "CP1258");
    assert_true(cd != (iconv_t)-1);
    for (int c = 0x80; c <= 0xFF; c++) {
        /* One byte between two ASCII letters, so a tone mark has no vowel to stand on and is
         * refused by gen; glibc decodes everything it defines. */
        char in[1] = {(char)c}, want[8] = "";
        char *ip = in, *op = want;
        size_t il = 1, ol = sizeof want;
        iconv(cd, NULL, NULL, NULL, NULL);
        bool defined = iconv(cd, &ip, &il, &op, &ol) != (size_t)-1;
        if (defined) { /* glibc holds a lone mark back until it sees what follows */
            ol -= 0;
            iconv(cd, NULL, NULL, &op, &ol);
        }
        unsigned char bytes[3] = {'a', (unsigned char)c, '\n'};
        text t;
        text_error e;
        int rc = text_decode(bytes, 3, &t, &e);
        if (!defined) {
            if (rc == 0)
                fail_msg("byte 0x%02X is undefined in CP1258 but decoded", c);
            assert_non_null(strstr(e.message, "no character in that code page"));
            continue;
        }
        if (rc != 0)
            fail_msg("byte 0x%02X after 'a': %s", c, e.message);
        /* Compare with "a" + iconv's character, composed as gen composes. */
        size_t want_len = sizeof want - ol;
        char expected[16] = "a";
        memcpy(expected + 1, want, want_len);
        expected[1 + want_len] = '\n';
        expected[2 + want_len] = '\0';
        bool mark = c == 0xCC || c == 0xD2 || c == 0xDE || c == 0xEC || c == 0xF2;
        if (!mark)
            assert_string_equal(t.data, expected);
        else
            assert_int_equal(text_utf8_length(t.data, t.len), 2); /* à ả ã á ạ, LF */
        text_free(&t);
    }
    iconv_close(cd);
}

/* Decodes bytes that text_decode must reject, checking position and message. */
static void expect_decode_error(const void *bytes, size_t len, int line, size_t offset,
                                const char *fragment, const char *absent)
{
    text t;
    text_error e;
    assert_int_equal(text_decode(bytes, len, &t, &e), -1);
    assert_null(t.data);
    if (e.line != line || e.byte_offset != offset || !strstr(e.message, fragment) ||
        (absent && strstr(e.message, absent)))
        fail_msg("got %d:%d @%zu \"%s\"", e.line, e.column, e.byte_offset, e.message);
}

static void broken_utf8_is_not_taken_for_windows_1258(void **state)
{
    (void)state;
    /* Good UTF-8 with one Windows-1258 word pasted in: the bad byte is reported as UTF-8. */
    const char *mixed = "Tỉnh,Nguồn\nĐồng Tháp,Th\xE1p\n";
    expect_decode_error(mixed, strlen(mixed), 2, strlen("Tỉnh,Nguồn\nĐồng Tháp,Th"),
                        "invalid UTF-8 byte 0xE1", "Windows-1258");
    /* Cut short inside the last character: a truncated file, not another encoding. */
    const char *cut = "province,plan\nLong An,\xE1\xBB";
    expect_decode_error(cut, strlen(cut), 2, strlen(cut) - 2, "truncated UTF-8 sequence",
                        "Windows-1258");
}

static void bytes_that_are_neither_say_both(void **state)
{
    (void)state;
    /* 0x81 has no character in Windows-1258. */
    expect_decode_error(
        "ab\ncd\xFF\n\x81", 8, 2, 5,
        "nor is it Windows-1258 text: byte 0x81 (line 3, byte offset 7) has no character", NULL);
    /* A control character. */
    expect_decode_error("a\xE9\x01", 3, 1, 1, "byte 0x01 (line 1, byte offset 2) is a control",
                        NULL);
    /* A tone mark after a consonant (0xEC is the acute). */
    expect_decode_error("T\xEAn\xEC", 4, 1, 1, "byte 0xEC (line 1, byte offset 3) is a tone mark",
                        NULL);
    /* Two tone marks on one vowel. */
    expect_decode_error("a\xEC\xCC", 3, 1, 1, "byte 0xCC (line 1, byte offset 2) is a tone mark",
                        NULL);
    /* Every message ends with what to do. */
    expect_decode_error("a\xEC\xCC", 3, 1, 1, "; save the file as CSV UTF-8", NULL);
    /* A NUL is reported once, as before. */
    expect_decode_error("a\0\xE9", 3, 1, 1, "NUL character", "Windows-1258");
}

static void random_bytes_are_rejected(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    unsigned char *bytes = malloc(n);
    assert_non_null(bytes);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        bytes[i] = (unsigned char)x;
    }
    text t;
    text_error e;
    assert_int_equal(text_decode(bytes, n, &t, &e), -1);
    assert_non_null(strstr(e.message, "save the file as CSV UTF-8"));
    free(bytes);
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

static void limited_read_refuses_large_files_before_reading(void **state)
{
    (void)state;
    char *path = temp_path();
    write_file(path, "0123456789", 10);
    unsigned char *data;
    size_t len;
    const char *kind;
    assert_int_equal(text_read_file_limited(path, 9, true, &data, &len, &kind),
                     TEXT_READ_TOO_LARGE);
    assert_null(data);
    assert_int_equal(len, 10);
    assert_int_equal(text_read_file_limited(path, 10, true, &data, &len, &kind), TEXT_READ_OK);
    assert_int_equal(len, 10);
    free(data);
    /* A file of unknown size is cut off once past the limit. */
    assert_int_equal(text_read_file_limited("/proc/self/status", 16, false, &data, &len, &kind),
                     TEXT_READ_TOO_LARGE);
    assert_null(data);
    assert_int_equal(len, 17);
    unlink(path);
    free(path);
}

static void limited_read_refuses_anything_but_regular_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_text_dir_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char target[64], link[64], fifo[64];
    snprintf(target, sizeof target, "%s/real.csv", dir);
    snprintf(link, sizeof link, "%s/link.csv", dir);
    snprintf(fifo, sizeof fifo, "%s/fifo.csv", dir);
    write_file(target, "a,b\n", 4);
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    unsigned char *data;
    size_t len;
    const char *kind;
    assert_int_equal(text_read_file_limited(link, 100, true, &data, &len, &kind),
                     TEXT_READ_NOT_REGULAR);
    assert_string_equal(kind, "a symbolic link");
    /* A FIFO with no writer: refused at once, not waited on. */
    assert_int_equal(text_read_file_limited(fifo, 100, true, &data, &len, &kind),
                     TEXT_READ_NOT_REGULAR);
    assert_string_equal(kind, "a FIFO (named pipe)");
    assert_int_equal(text_read_file_limited("/dev/null", 100, true, &data, &len, &kind),
                     TEXT_READ_NOT_REGULAR);
    assert_string_equal(kind, "a device");
    assert_int_equal(text_read_file_limited(dir, 100, true, &data, &len, &kind),
                     TEXT_READ_NOT_REGULAR);
    assert_string_equal(kind, "a folder");
    assert_null(data);
    /* Without regular_only the link is followed, as for the roster. */
    assert_int_equal(text_read_file_limited(link, 100, false, &data, &len, &kind), TEXT_READ_OK);
    assert_int_equal(len, 4);
    free(data);
    unlink(link);
    unlink(fifo);
    unlink(target);
    rmdir(dir);
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
        cmocka_unit_test(control_characters_are_rejected),
        cmocka_unit_test(deceptive_characters_are_rejected),
        cmocka_unit_test(workbooks_and_documents_are_named),
        cmocka_unit_test(owned_bytes_are_used_in_place_or_freed),
        cmocka_unit_test(long_valid_text_is_accepted),
        cmocka_unit_test(windows_1258_is_read_as_nfc_utf8),
        cmocka_unit_test(windows_1258_table_matches_iconv),
        cmocka_unit_test(broken_utf8_is_not_taken_for_windows_1258),
        cmocka_unit_test(bytes_that_are_neither_say_both),
        cmocka_unit_test(random_bytes_are_rejected),
        cmocka_unit_test(utf8_length_counts_code_points),
        cmocka_unit_test(read_file_reads_everything_nul_terminated),
        cmocka_unit_test(read_file_reports_errors_with_errno),
        cmocka_unit_test(read_file_handles_files_without_a_size),
        cmocka_unit_test(limited_read_refuses_large_files_before_reading),
        cmocka_unit_test(limited_read_refuses_anything_but_regular_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
