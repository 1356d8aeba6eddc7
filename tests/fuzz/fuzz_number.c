/* fuzz_number.c - libFuzzer target: the number reader (amounts and counts in both styles), the
 * rounding of ratios and the Vietnamese formatting.
 *
 * Properties checked, beyond "no crash, no undefined behaviour":
 * - an amount read is within 0..10^9 million VND, and printing it (number_format_million, the
 *   ';'-file style 1.234,567) and reading that back gives the same value;
 * - a count read prints and reads back the same way;
 * - number_round_ratio(num, den, scale) is num*scale/den rounded half away from zero: within
 *   half of den of the exact value, ties away from zero. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "number.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

__extension__ typedef __int128 wide;

static void check_amount(const char *s, size_t len, number_style style)
{
    int64_t value = -1;
    if (number_read_amount(s, len, style, &value) != NUMBER_OK)
        return;
    assert(value >= 0 && value <= NUMBER_MAX_MILLION * 1000);
    buf printed = BUF_INIT;
    number_format_million(&printed, value);
    int64_t again = -1;
    assert(number_read_amount(printed.data, printed.len, NUMBER_DECIMAL_COMMA, &again) ==
           NUMBER_OK);
    assert(again == value);
    buf_free(&printed);
}

static void check_count(const char *s, size_t len, number_style style)
{
    int64_t value = -1;
    if (number_read_count(s, len, style, &value) != NUMBER_OK)
        return;
    assert(value >= 0 && value <= NUMBER_MAX_COUNT);
    buf printed = BUF_INIT;
    number_format_count(&printed, value);
    int64_t again = -1;
    assert(number_read_count(printed.data, printed.len, NUMBER_DECIMAL_COMMA, &again) ==
           NUMBER_OK);
    assert(again == value);
    buf_free(&printed);
}

static int64_t take(const uint8_t *data, int64_t bound)
{
    int64_t v;
    memcpy(&v, data, sizeof v);
    v %= bound; /* keeps num * scale inside 64 bits, as sums of bounded amounts are */
    return v;
}

static wide magnitude(wide v)
{
    return v < 0 ? -v : v;
}

/* 24 bytes: num, den, and the scale's exponent. */
static void check_ratio(const uint8_t *data)
{
    int64_t num = take(data, (int64_t)1 << 45), den = take(data + 8, (int64_t)1 << 45);
    static const int64_t scales[] = {1, 100, 1000, 10000, 100000};
    int64_t scale = scales[data[16] % 5];
    if (den == 0)
        return;
    int64_t q = 0;
    assert(number_round_ratio(num, den, scale, &q)); /* fits: num * scale < 2^62 */
    wide exact2 = (wide)num * scale * 2; /* compare 2*q*den with 2*num*scale */
    wide got2 = (wide)q * den * 2;
    wide diff = got2 - exact2;
    wide d = den < 0 ? -(wide)den : den;
    assert(diff <= d && diff >= -d); /* within half a unit */
    if (diff == d || diff == -d)     /* a tie: away from zero */
        assert(magnitude(got2) > magnitude(exact2));
    buf out = BUF_INIT;
    number_format_fixed(&out, q, data[17] % 4);
    number_format_percent(&out, num, den, data[18] % 3);
    number_format_percent_plain(&out, num, den, data[18] % 3);
    number_format_percent_magnitude(&out, num, den, data[18] % 3);
    buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 24 && data[0] == 'R') {
        check_ratio(data + 1);
        return 0;
    }
    if (size == 0)
        return 0;
    number_style style = data[0] & 1 ? NUMBER_DECIMAL_COMMA : NUMBER_DECIMAL_POINT;
    const char *s = (const char *)data + 1;
    check_amount(s, size - 1, style);
    check_count(s, size - 1, style);
    return 0;
}
