/* Unit tests for number.c: reading amounts in both styles, rounding, Vietnamese formatting. */
#include "support.h"

#include "number.h"

static number_status amount(const char *s, number_style style, int64_t *out)
{
    return number_read_amount(s, strlen(s), style, out);
}

static void expect_amount(const char *s, number_style style, int64_t thousands)
{
    int64_t v = -1;
    number_status st = amount(s, style, &v);
    if (st != NUMBER_OK)
        fail_msg("'%s' did not read (status %d)", s, st);
    assert_int_equal(v, thousands);
}

static void expect_status(const char *s, number_style style, number_status expected)
{
    int64_t v = 0;
    assert_int_equal(amount(s, style, &v), expected);
}

static void test_decimal_comma_style(void **state)
{
    (void)state;
    expect_amount("2.675,5", NUMBER_DECIMAL_COMMA, 2675500);
    expect_amount("2675,5", NUMBER_DECIMAL_COMMA, 2675500);
    expect_amount("2.675", NUMBER_DECIMAL_COMMA, 2675000); /* '.' groups here */
    expect_amount("1.234.567,891", NUMBER_DECIMAL_COMMA, 1234567891);
    expect_amount("0,001", NUMBER_DECIMAL_COMMA, 1);
    expect_amount(" 12 ", NUMBER_DECIMAL_COMMA, 12000);
    expect_amount("1,2500", NUMBER_DECIMAL_COMMA, 1250); /* trailing zeros stay exact */
    expect_status("2675.5", NUMBER_DECIMAL_COMMA, NUMBER_MALFORMED);
    expect_status("2.67", NUMBER_DECIMAL_COMMA, NUMBER_MALFORMED);
    expect_status("26.75.000", NUMBER_DECIMAL_COMMA, NUMBER_MALFORMED);
    expect_status("1.2345,5", NUMBER_DECIMAL_COMMA, NUMBER_MALFORMED);
    expect_status(".675", NUMBER_DECIMAL_COMMA, NUMBER_MALFORMED);
    expect_status("1,2345", NUMBER_DECIMAL_COMMA, NUMBER_TOO_PRECISE);
}

static void test_decimal_point_style(void **state)
{
    (void)state;
    expect_amount("2675.5", NUMBER_DECIMAL_POINT, 2675500);
    expect_amount("2,675.5", NUMBER_DECIMAL_POINT, 2675500);
    expect_amount("2.675", NUMBER_DECIMAL_POINT, 2675); /* '.' marks decimals here */
    expect_amount("1,234,567", NUMBER_DECIMAL_POINT, 1234567000);
    expect_amount("0", NUMBER_DECIMAL_POINT, 0);
    expect_status("2.675,5", NUMBER_DECIMAL_POINT, NUMBER_MALFORMED);
    expect_status("2,67", NUMBER_DECIMAL_POINT, NUMBER_MALFORMED);
    expect_status("1,2345.5", NUMBER_DECIMAL_POINT, NUMBER_MALFORMED);
    expect_status("2675.", NUMBER_DECIMAL_POINT, NUMBER_MALFORMED);
    expect_status("1.0005", NUMBER_DECIMAL_POINT, NUMBER_TOO_PRECISE);
}

static void test_refused_forms(void **state)
{
    (void)state;
    const char *malformed[] = {"1e3", "+5",   "5đ", "1 234", "0x10", "12-",
                               "abc", "1..2", ",,", "١٢",    "5%",   "1.2.3"};
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        int64_t v;
        number_status st = amount(malformed[i], NUMBER_DECIMAL_POINT, &v);
        if (st == NUMBER_OK)
            fail_msg("'%s' was accepted as %lld", malformed[i], (long long)v);
    }
    expect_status("", NUMBER_DECIMAL_POINT, NUMBER_EMPTY);
    expect_status("   ", NUMBER_DECIMAL_COMMA, NUMBER_EMPTY);
    expect_status("-5", NUMBER_DECIMAL_POINT, NUMBER_NEGATIVE);
    expect_status("-0,5", NUMBER_DECIMAL_COMMA, NUMBER_NEGATIVE);
}

static void test_limits(void **state)
{
    (void)state;
    expect_amount("1000000000", NUMBER_DECIMAL_POINT, 1000000000000LL);
    expect_status("1000000000.001", NUMBER_DECIMAL_POINT, NUMBER_TOO_LARGE);
    expect_status("99999999999999999999999", NUMBER_DECIMAL_POINT, NUMBER_TOO_LARGE);
    expect_status("18446744073709551617", NUMBER_DECIMAL_POINT, NUMBER_TOO_LARGE);
}

static void test_counts(void **state)
{
    (void)state;
    int64_t n = -1;
    assert_int_equal(number_read_count("1.200", 5, NUMBER_DECIMAL_COMMA, &n), NUMBER_OK);
    assert_int_equal(n, 1200);
    assert_int_equal(number_read_count("1,200", 5, NUMBER_DECIMAL_POINT, &n), NUMBER_OK);
    assert_int_equal(n, 1200);
    assert_int_equal(number_read_count("10", 2, NUMBER_DECIMAL_POINT, &n), NUMBER_OK);
    assert_int_equal(n, 10);
    assert_int_equal(number_read_count("10.0", 4, NUMBER_DECIMAL_POINT, &n), NUMBER_OK);
    assert_int_equal(number_read_count("2,5", 3, NUMBER_DECIMAL_COMMA, &n), NUMBER_NOT_WHOLE);
    assert_int_equal(number_read_count("1.5", 3, NUMBER_DECIMAL_POINT, &n), NUMBER_NOT_WHOLE);
    assert_int_equal(number_read_count("-1", 2, NUMBER_DECIMAL_POINT, &n), NUMBER_NEGATIVE);
}

static void expect_round(int64_t num, int64_t den, int64_t scale, int64_t expected)
{
    int64_t got = 0;
    assert_true(number_round_ratio(num, den, scale, &got));
    assert_int_equal(got, expected);
}

static void test_rounding_half_away_from_zero(void **state)
{
    (void)state;
    expect_round(5, 10, 1, 1);   /* 0.5 -> 1 */
    expect_round(-5, 10, 1, -1); /* -0.5 -> -1 */
    expect_round(4, 10, 1, 0);
    expect_round(-4, 10, 1, 0);
    expect_round(15, 10, 1, 2);
    expect_round(25, 10, 1, 3); /* not banker's rounding */
    expect_round(5, -10, 1, -1);
    expect_round(1, 3, 1000, 333);
    expect_round(2, 3, 1000, 667);
    /* The report's rates, from exact values. */
    expect_round(25297, 91301, 1000, 277);
    expect_round(25297, 33956, 1000, 745);
    expect_round(3933, 32301, 10000, 1218);
    expect_round(21364, 59000, 10000, 3621);
    expect_round(91301 - 99354, 99354, 1000, -81);
    /* Large operands stay exact (128-bit intermediate). */
    expect_round(INT64_C(900000000000000000), INT64_C(3), 10, INT64_C(3000000000000000000));
}

/* A rate of a huge amount over a tiny one does not fit in 64 bits: the rounding says so, and the
 * formatters, which work in 128 bits, print it exactly instead of a wrapped-around figure. */
static void test_rates_never_wrap_around(void **state)
{
    (void)state;
    int64_t untouched = 42;
    assert_false(number_round_ratio(INT64_C(1000000000000000000), 1, 10000, &untouched));
    assert_false(number_round_ratio(INT64_MIN, 1, 2, &untouched));
    assert_int_equal(untouched, 42);
    buf b = BUF_INIT;
    /* 10^18 thousand đồng executed of a plan of 1: 10^20 %. */
    number_format_percent(&b, INT64_C(1000000000000000000), 1, 2);
    assert_string_equal(b.data, "100.000.000.000.000.000.000,00%");
    buf_clear(&b);
    number_format_percent_plain(&b, INT64_MAX, 1, 2);
    assert_string_equal(b.data, "922337203685477580700.00");
    buf_clear(&b);
    number_format_percent_plain(&b, -1, 3, 2);
    assert_string_equal(b.data, "-33.33");
    buf_clear(&b);
    assert_int_equal(number_format_percent_magnitude(&b, INT64_MIN, 1, 1), -1);
    assert_string_equal(b.data, "922.337.203.685.477.580.800,0%");
    buf_clear(&b);
    assert_int_equal(number_format_percent_magnitude(&b, -1, 2001, 1), 0); /* -0,05% -> 0,0% */
    assert_string_equal(b.data, "0,0%");
    buf_clear(&b);
    assert_int_equal(number_format_percent_magnitude(&b, -1, 2000, 1), -1); /* -0,05% -> -0,1% */
    assert_string_equal(b.data, "0,1%");
    buf_clear(&b);
    number_format_billion(&b, INT64_MIN);
    assert_string_equal(b.data, "-9.223.372.036.854,776");
    buf_free(&b);
}

static char *formatted(void (*fmt)(buf *, int64_t), int64_t v)
{
    buf b = BUF_INIT;
    fmt(&b, v);
    return buf_detach(&b);
}

static void expect_text(char *actual, const char *expected)
{
    assert_string_equal(actual, expected);
    free(actual);
}

static void test_formatting(void **state)
{
    (void)state;
    expect_text(formatted(number_format_billion, 91301000), "91,301");
    expect_text(formatted(number_format_billion, 91301499), "91,301");
    expect_text(formatted(number_format_billion, 91301500), "91,302"); /* half up */
    expect_text(formatted(number_format_billion, 500), "0,001");
    expect_text(formatted(number_format_billion, 499), "0,000");
    expect_text(formatted(number_format_billion, 1234567891000), "1.234.567,891");
    expect_text(formatted(number_format_billion, 1234567891), "1.234,568");
    expect_text(formatted(number_format_billion, 0), "0,000");
    expect_text(formatted(number_format_million, 2675500), "2.675,500");
    expect_text(formatted(number_format_count, 1200), "1.200");
    expect_text(formatted(number_format_count, 999), "999");
    expect_text(formatted(number_format_count, 1000000), "1.000.000");
    buf b = BUF_INIT;
    number_format_percent(&b, 25297, 91301, 1);
    assert_string_equal(b.data, "27,7%");
    buf_clear(&b);
    number_format_percent(&b, 3933, 32301, 2);
    assert_string_equal(b.data, "12,18%");
    buf_clear(&b);
    number_format_percent(&b, 1, 8, 1); /* 12.5 exactly: stays 12,5 */
    assert_string_equal(b.data, "12,5%");
    buf_clear(&b);
    number_format_percent(&b, 1, 16, 1); /* 6.25 -> 6,3 half away from zero */
    assert_string_equal(b.data, "6,3%");
    buf_clear(&b);
    number_format_percent(&b, -1, 16, 1);
    assert_string_equal(b.data, "-6,3%");
    buf_clear(&b);
    number_format_fixed(&b, -1234567, 3);
    assert_string_equal(b.data, "-1.234,567");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decimal_comma_style),
        cmocka_unit_test(test_decimal_point_style),
        cmocka_unit_test(test_refused_forms),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_rounding_half_away_from_zero),
        cmocka_unit_test(test_rates_never_wrap_around),
        cmocka_unit_test(test_formatting),
    };
    return cmocka_run_group_tests_name("number", tests, NULL, NULL);
}
