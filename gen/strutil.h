/* strutil.h - small helpers on byte strings given as pointer and length, shared by modules that
 * would otherwise each keep a copy.
 *
 * Nothing here allocates: the functions only read the bytes they are given, and a trimmed string
 * still points into the caller's memory, which the caller keeps owning. */
#ifndef GEN_STRUTIL_H
#define GEN_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>

/* Space or tab: what may stand around a word on one line. */
bool str_is_blank(char c);
/* The C locale's isspace set (space, tab, LF, CR, VT, FF), without isspace's dependence on the
 * locale and on the sign of char. */
bool str_is_space(char c);

/* Narrows s[0, *len) to leave out the characters at either end for which `is_trimmed` is true
 * (str_is_blank or str_is_space): callers differ in what they count as padding. */
void str_trim(const char **s, size_t *len, bool (*is_trimmed)(char c));

#endif
