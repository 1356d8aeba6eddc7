/* escape_md.c - Markdown escaping for CommonMark + GFM tables (escape.h): a value shows as the
 * same text and opens no construct of its own. */
#include "escape.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "strutil.h"

#define NOT_FOUND SIZE_MAX

/* Characters that open an inline construct (or a block one) wherever they stand: backslash
 * escapes, code spans and fences, emphasis, strikethrough, links, images, footnotes, autolinks
 * and raw HTML, entities, and GFM table cells. A backslash before any of them is always a
 * valid CommonMark escape, and in a GFM table "\|" is the documented way to write a pipe. */
static bool is_markdown_special(char c)
{
    return c != '\0' && strchr("\\`*_[]<>|~&!", c) != NULL;
}

/* Characters that start a block (heading, list, setext underline) when they begin a line. */
static bool is_block_marker(char c)
{
    return c == '#' || c == '+' || c == '-' || c == '=';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_line_break(char c)
{
    return c == '\n' || c == '\r';
}

/* Appends the line break at s[*i] as one space (CRLF counts once), advancing *i past it. */
static void put_line_break(buf *out, const char *s, size_t len, size_t *i)
{
    if (s[*i] == '\r' && *i + 1 < len && s[*i + 1] == '\n')
        (*i)++;
    buf_putc(out, ' ');
}

/* For "12. x" or "3)": the position of the '.' or ')' that would make the value an ordered
 * list item, else NOT_FOUND. CommonMark wants a blank (or the line's end) after it, so figures
 * such as "1.21" or "91.301" are left as they are. */
static size_t ordered_list_delimiter(const char *s, size_t len, size_t start)
{
    size_t i = start;
    while (i < len && is_digit(s[i]))
        i++;
    if (i == start || i >= len || (s[i] != '.' && s[i] != ')'))
        return NOT_FOUND;
    if (i + 1 == len || str_is_blank(s[i + 1]) || is_line_break(s[i + 1]))
        return i;
    return NOT_FOUND;
}

static bool is_blank_or_line_break(char c)
{
    return str_is_blank(c) || is_line_break(c);
}

/* Escapes a value that neither starts nor ends with blanks or line breaks. */
static void escape_markdown_words(buf *out, const char *s, size_t len)
{
    if (len && is_block_marker(s[0]))
        buf_putc(out, '\\');
    size_t list_delimiter = ordered_list_delimiter(s, len, 0);
    for (size_t i = 0; i < len; i++) {
        if (is_line_break(s[i])) {
            put_line_break(out, s, len, &i);
            continue;
        }
        if (i == list_delimiter || is_markdown_special(s[i]))
            buf_putc(out, '\\');
        buf_putc(out, s[i]);
    }
}

void mustache_escape_markdown(buf *out, const char *s, size_t len)
{
    /* Blanks around the value become one space each side: leading ones could indent it into a
     * code block, trailing ones before a line end make a hard line break, and one space still
     * keeps it apart from its neighbours. Rendered Markdown collapses them anyway. */
    size_t start = 0, end = len;
    while (start < end && is_blank_or_line_break(s[start]))
        start++;
    while (end > start && is_blank_or_line_break(s[end - 1]))
        end--;
    if (start > 0)
        buf_putc(out, ' ');
    escape_markdown_words(out, s + start, end - start);
    if (end < len && end > start)
        buf_putc(out, ' ');
}
