#include "number.h"

#include <string.h>

#include "i18n.h"
#include "strutil.h"

__extension__ typedef __int128 wide;
__extension__ typedef unsigned __int128 uwide;

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The parts of a number as written: digits of the whole part with grouping removed, and the
 * digits after the decimal mark. */
typedef struct number_parts {
    char whole[32];
    size_t whole_len;
    const char *fraction;
    size_t fraction_len;
    bool has_mark;
} number_parts;

/* Splits `s` into parts under `style`. Grouping, when used, must be exact: a first group of one
 * to three digits, then groups of three. Anything else is ambiguous or foreign and refused. */
static number_status split_number(const char *s, size_t len, number_style style,
                                  number_parts *parts)
{
    char group = style == NUMBER_DECIMAL_COMMA ? '.' : ',';
    char mark = style == NUMBER_DECIMAL_COMMA ? ',' : '.';
    size_t i = 0, run = 0, groups = 0;
    memset(parts, 0, sizeof *parts);
    for (; i < len && s[i] != mark; i++) {
        if (is_digit(s[i])) {
            if (parts->whole_len == sizeof parts->whole - 1)
                return NUMBER_TOO_LARGE;
            parts->whole[parts->whole_len++] = s[i];
            run++;
        } else if (s[i] == group) {
            if (run == 0 || run > 3 || (groups > 0 && run != 3))
                return NUMBER_MALFORMED;
            groups++;
            run = 0;
        } else {
            return NUMBER_MALFORMED;
        }
    }
    if (groups > 0 && run != 3)
        return NUMBER_MALFORMED;
    if (i < len) {
        parts->has_mark = true;
        parts->fraction = s + i + 1;
        parts->fraction_len = len - i - 1;
        if (parts->fraction_len == 0)
            return NUMBER_MALFORMED;
        for (size_t k = 0; k < parts->fraction_len; k++)
            if (!is_digit(parts->fraction[k]))
                return NUMBER_MALFORMED;
    }
    if (parts->whole_len == 0 && !parts->has_mark)
        return NUMBER_MALFORMED;
    return NUMBER_OK;
}

/* Accumulates decimal digits into *value, refusing anything above `limit`. */
static number_status add_digits(const char *digits, size_t len, int64_t limit, int64_t *value)
{
    for (size_t k = 0; k < len; k++) {
        int64_t d = digits[k] - '0';
        if (*value > (limit - d) / 10)
            return NUMBER_TOO_LARGE;
        *value = *value * 10 + d;
    }
    return NUMBER_OK;
}

static number_status read_parts(const char *s, size_t len, number_style style, number_parts *parts)
{
    str_trim(&s, &len, str_is_blank);
    if (len == 0)
        return NUMBER_EMPTY;
    if (s[0] == '-')
        return NUMBER_NEGATIVE;
    return split_number(s, len, style, parts);
}

number_status number_read_amount(const char *s, size_t len, number_style style, int64_t *thousands)
{
    number_parts parts;
    number_status st = read_parts(s, len, style, &parts);
    if (st != NUMBER_OK)
        return st;
    /* Digits past the third decimal may only be zeros: "1,2500" is still exact. */
    size_t kept = parts.fraction_len < 3 ? parts.fraction_len : 3;
    for (size_t k = kept; k < parts.fraction_len; k++)
        if (parts.fraction[k] != '0')
            return NUMBER_TOO_PRECISE;
    char fraction[3] = {'0', '0', '0'};
    if (kept)
        memcpy(fraction, parts.fraction, kept);
    int64_t value = 0;
    st = add_digits(parts.whole, parts.whole_len, NUMBER_MAX_MILLION, &value);
    if (st != NUMBER_OK)
        return st;
    value *= 1000;
    int64_t frac = 0;
    add_digits(fraction, 3, 999, &frac);
    if (value + frac > NUMBER_MAX_MILLION * 1000)
        return NUMBER_TOO_LARGE;
    *thousands = value + frac;
    return NUMBER_OK;
}

number_status number_read_count(const char *s, size_t len, number_style style, int64_t *count)
{
    number_parts parts;
    number_status st = read_parts(s, len, style, &parts);
    if (st != NUMBER_OK)
        return st;
    for (size_t k = 0; k < parts.fraction_len; k++)
        if (parts.fraction[k] != '0')
            return NUMBER_NOT_WHOLE;
    if (parts.whole_len == 0)
        return NUMBER_MALFORMED;
    int64_t value = 0;
    st = add_digits(parts.whole, parts.whole_len, NUMBER_MAX_COUNT, &value);
    if (st == NUMBER_OK)
        *count = value;
    return st;
}

const char *number_expected_amount(number_style style)
{
    return style == NUMBER_DECIMAL_COMMA
               ? F_("million VND such as 2.675,5 ('.' groups thousands, ',' marks decimals)")
               : F_("million VND such as 2675.5 or \"2,675.5\" ('.' marks decimals)");
}

const char *number_expected_count(number_style style)
{
    return style == NUMBER_DECIMAL_COMMA ? F_("a whole number such as 12 or 1.200")
                                         : F_("a whole number such as 12 or \"1,200\"");
}

/* round(num * scale / den) half away from zero. |num * scale| < 2^63 * 2^63 fits in 128 bits. */
static wide round_wide(int64_t num, int64_t den, int64_t scale)
{
    wide n = (wide)num * scale;
    wide d = den;
    if (d < 0) {
        n = -n;
        d = -d;
    }
    wide q = n / d;
    wide r = n % d;
    if (r < 0)
        r = -r;
    if (2 * r >= d)
        q += n < 0 ? -1 : 1;
    return q;
}

bool number_round_ratio(int64_t num, int64_t den, int64_t scale, int64_t *out)
{
    wide q = round_wide(num, den, scale);
    if (q > INT64_MAX || q < INT64_MIN)
        return false;
    *out = (int64_t)q;
    return true;
}

static int64_t percent_scale(int decimals)
{
    int64_t scale = 100;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    return scale;
}

/* Appends the digits of `whole`, grouped by `group` every three digits when it is not 0. */
static void put_whole(buf *out, uwide whole, char group)
{
    char digits[48];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(whole % 10));
        whole /= 10;
    } while (whole);
    for (int i = n - 1; i >= 0; i--) {
        buf_putc(out, digits[i]);
        if (group && i > 0 && i % 3 == 0)
            buf_putc(out, group);
    }
}

/* Appends |value| (units of 10^-decimals) with `group` between thousands and `mark` before the
 * decimals. */
static void put_fixed_magnitude(buf *out, wide value, int decimals, char group, char mark)
{
    uwide magnitude = value < 0 ? -(uwide)value : (uwide)value;
    uwide unit = 1;
    for (int i = 0; i < decimals; i++)
        unit *= 10;
    put_whole(out, magnitude / unit, group);
    if (decimals > 0) {
        buf_putc(out, mark);
        buf_printf(out, "%0*llu", decimals, (unsigned long long)(magnitude % unit));
    }
}

void number_format_fixed(buf *out, int64_t value, int decimals)
{
    if (value < 0)
        buf_putc(out, '-');
    put_fixed_magnitude(out, value, decimals, '.', ',');
}

void number_format_plain(buf *out, int64_t value, int decimals)
{
    if (value < 0)
        buf_putc(out, '-');
    put_fixed_magnitude(out, value, decimals, 0, '.');
}

void number_format_billion(buf *out, int64_t thousands)
{
    wide millions = round_wide(thousands, 1000, 1);
    if (millions < 0)
        buf_putc(out, '-');
    put_fixed_magnitude(out, millions, 3, '.', ',');
}

void number_format_million(buf *out, int64_t thousands)
{
    number_format_fixed(out, thousands, 3);
}

void number_format_percent(buf *out, int64_t num, int64_t den, int decimals)
{
    wide q = round_wide(num, den, percent_scale(decimals));
    if (q < 0)
        buf_putc(out, '-');
    put_fixed_magnitude(out, q, decimals, '.', ',');
    buf_putc(out, '%');
}

void number_format_percent_plain(buf *out, int64_t num, int64_t den, int decimals)
{
    wide q = round_wide(num, den, percent_scale(decimals));
    if (q < 0)
        buf_putc(out, '-');
    put_fixed_magnitude(out, q, decimals, 0, '.');
}

int number_format_percent_magnitude(buf *out, int64_t num, int64_t den, int decimals)
{
    wide q = round_wide(num, den, percent_scale(decimals));
    put_fixed_magnitude(out, q, decimals, '.', ',');
    buf_putc(out, '%');
    return q < 0 ? -1 : q > 0;
}

void number_format_count(buf *out, int64_t count)
{
    number_format_fixed(out, count, 0);
}
