/* strutil.c - small helpers on byte strings: strutil.h. */
#include "strutil.h"

bool str_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

bool str_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void str_trim(const char **s, size_t *len, bool (*is_trimmed)(char c))
{
    while (*len && is_trimmed(**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_trimmed((*s)[*len - 1]))
        (*len)--;
}
