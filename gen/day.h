/* day.h - calendar days as whole numbers, for the roster over time (catalog.h) and periods.
 *
 * A day is the number of days since 1970-01-01 in the proleptic Gregorian calendar, so that
 * "the day after" is +1 and days compare as integers. DAY_NONE_BEFORE and DAY_NONE_AFTER stand
 * for an empty `from` (since always) and an empty `until` (still exists). */
#ifndef GEN_DAY_H
#define GEN_DAY_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"

#define DAY_NONE_BEFORE INT32_MIN
#define DAY_NONE_AFTER  INT32_MAX

int32_t day_from_civil(int year, int month, int mday);
void day_to_civil(int32_t day, int *year, int *month, int *mday);

/* Reads exactly YYYY-MM-DD (a real date, year 1900-9999) from `len` bytes. */
bool day_parse_iso(const char *s, size_t len, int32_t *out);

/* The last day of month `month` of `year`: a period's last day (2025-09 -> 30/9/2025). */
int32_t day_last_of_month(int year, int month);

/* "30/6/2025", as Vietnamese documents write a date. */
void day_format(buf *out, int32_t day);
/* "2025-06-30". */
void day_format_iso(buf *out, int32_t day);

#endif
