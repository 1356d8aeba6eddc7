/* escape.c - the escapers that only replace markup characters: HTML's (the Mustache spec's
 * default) and none at all (escape.h). Markdown's, which must also read the value's shape, is in
 * escape_md.c. */
#include "escape.h"

#include <stddef.h>

static const char *html_entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

void mustache_escape_html(buf *out, const char *s, size_t len)
{
    size_t run = 0; /* start of the pending run of bytes that need no escaping */
    for (size_t i = 0; i < len; i++) {
        const char *entity = html_entity(s[i]);
        if (!entity)
            continue;
        buf_append(out, s + run, i - run);
        buf_puts(out, entity);
        run = i + 1;
    }
    buf_append(out, s + run, len - run);
}

void mustache_escape_none(buf *out, const char *s, size_t len)
{
    buf_append(out, s, len);
}
