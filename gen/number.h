/* number.h - reading amounts exactly, rounding once, printing the Vietnamese way.
 *
 * Money is an int64_t count of thousand đồng from the moment it is read to the moment it is
 * printed: a submission's amounts are million VND with at most three decimals, so one thousand
 * đồng is the smallest unit and every sum is exact. Rates are kept as a numerator and a
 * denominator and rounded once, half away from zero, when printed. */
#ifndef GEN_NUMBER_H
#define GEN_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* How a file writes its numbers, decided by its delimiter (see the contract). */
typedef enum number_style {
    NUMBER_DECIMAL_POINT, /* ',' and tab files: 2,675.5 (',' groups thousands) */
    NUMBER_DECIMAL_COMMA  /* ';' files, as Excel writes under a Vietnamese locale: 2.675,5 */
} number_style;

typedef enum number_status {
    NUMBER_OK,
    NUMBER_EMPTY,       /* only spaces */
    NUMBER_NEGATIVE,    /* a minus sign: amounts and counts are never negative */
    NUMBER_MALFORMED,   /* anything that does not read unambiguously in the file's style */
    NUMBER_TOO_PRECISE, /* more than three decimals (finer than one thousand đồng) */
    NUMBER_NOT_WHOLE,   /* a count with decimals */
    NUMBER_TOO_LARGE    /* beyond NUMBER_MAX_MILLION / NUMBER_MAX_COUNT */
} number_status;

/* Amounts are capped at 10^9 million VND (a million tỷ đồng, far past any budget) so that sums
 * of millions of lines cannot overflow 64 bits. */
#define NUMBER_MAX_MILLION 1000000000LL
#define NUMBER_MAX_COUNT   1000000000LL

/* Reads an amount in million VND; on NUMBER_OK stores it in thousand đồng. Surrounding spaces
 * are allowed; a leading '+', exponents, currency signs and other grouping are not. */
number_status number_read_amount(const char *s, size_t len, number_style style, int64_t *thousands);
/* Reads a whole count (establishments), thousands grouped as in the file's style. */
number_status number_read_count(const char *s, size_t len, number_style style, int64_t *count);
/* An example of the expected form, for diagnostics: "a number such as 2.675,5". */
const char *number_expected_amount(number_style style);
const char *number_expected_count(number_style style);

/* round(num * scale / den), half away from zero, computed exactly in 128 bits, into `*out`.
 * den must not be 0. Returns false, `*out` untouched, when the result does not fit in 64 bits
 * (a rate of a huge amount over a tiny one): callers that format rates use the functions
 * below, which never overflow. */
bool number_round_ratio(int64_t num, int64_t den, int64_t scale, int64_t *out);

/* Appends a fixed-point value (`value` units of 10^-decimals) Vietnamese style: '.' groups
 * thousands, ',' marks decimals: (91301000, 3) -> "91.301,000". */
void number_format_fixed(buf *out, int64_t value, int decimals);
/* Thousand đồng as tỷ đồng with three decimals (rounded to the million): 91301000 -> "91,301". */
void number_format_billion(buf *out, int64_t thousands);
/* Thousand đồng as million VND with three decimals, exact: 2675500 -> "2.675,500". */
void number_format_million(buf *out, int64_t thousands);
/* num/den as a percentage with `decimals` decimals: (25297, 91301, 1) -> "27,7%". den != 0.
 * Exact for any num and den (rounded in 128 bits), so no rate can wrap around. */
void number_format_percent(buf *out, int64_t num, int64_t den, int decimals);
/* The same for machines: '.' marks decimals, no grouping, no '%': "27.71". */
void number_format_percent_plain(buf *out, int64_t num, int64_t den, int decimals);
/* The magnitude of num/den as a percentage, Vietnamese style ("8,1%"), for a change said in
 * words; returns the sign of the rounded value (-1, 0 or 1), so that "giảm"/"tăng"/"không đổi"
 * agree with the figure shown. */
int number_format_percent_magnitude(buf *out, int64_t num, int64_t den, int decimals);
/* A fixed-point value for machines (open data): '.' marks decimals, no grouping:
 * (91301000, 3) -> "91301.000". */
void number_format_plain(buf *out, int64_t value, int decimals);
/* A whole count: 1200 -> "1.200". */
void number_format_count(buf *out, int64_t count);

#endif
