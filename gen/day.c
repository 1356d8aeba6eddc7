#include "day.h"

/* H. Hinnant's algorithms (days_from_civil, civil_from_days). */
int32_t day_from_civil(int year, int month, int mday)
{
    int64_t y = year - (month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + mday - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void day_to_civil(int32_t day, int *year, int *month, int *mday)
{
    int64_t z = (int64_t)day + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = m;
    *mday = d;
}

static bool digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool day_parse_iso(const char *s, size_t len, int32_t *out)
{
    int y, m, d;
    if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
        !digits(s + 8, 2, &d) || y < 1900 || m < 1 || m > 12 || d < 1)
        return false;
    if (d > 31)
        return false;
    int32_t day = day_from_civil(y, m, d);
    int yy, mm, dd;
    day_to_civil(day, &yy, &mm, &dd);
    if (yy != y || mm != m || dd != d) /* 31/4, 30/2, ... */
        return false;
    *out = day;
    return true;
}

int32_t day_last_of_month(int year, int month)
{
    return month == 12 ? day_from_civil(year + 1, 1, 1) - 1 : day_from_civil(year, month + 1, 1) - 1;
}

void day_format(buf *out, int32_t day)
{
    int y, m, d;
    day_to_civil(day, &y, &m, &d);
    buf_printf(out, "%d/%d/%d", d, m, y);
}

void day_format_iso(buf *out, int32_t day)
{
    int y, m, d;
    day_to_civil(day, &y, &m, &d);
    buf_printf(out, "%04d-%02d-%02d", y, m, d);
}
