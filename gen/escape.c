/* escape.c - the escapers that only replace markup characters: HTML's (the Mustache spec's
 * default) and none at all (escape.h). Markdown's, which must also read the value's shape, is in
 * escape_md.c. */
#include "escape.h"

#include <stddef.h>
#include <string.h>

#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD"

size_t escape_xml_forbidden_length(const char *s, size_t len)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return 1;
    if (c == 0xEF && len >= 3 && (unsigned char)s[1] == 0xBF &&
        ((unsigned char)s[2] == 0xBE || (unsigned char)s[2] == 0xBF))
        return 3;
    return 0;
}

const char *escape_xml_clean(const char *s, char **owned)
{
    size_t len = strlen(s), i = 0;
    *owned = NULL;
    while (i < len && escape_xml_forbidden_length(s + i, len - i) == 0)
        i++;
    if (i == len)
        return s;
    buf b = BUF_INIT;
    buf_append(&b, s, i);
    while (i < len) {
        size_t bad = escape_xml_forbidden_length(s + i, len - i);
        if (bad) {
            buf_puts(&b, REPLACEMENT_CHARACTER);
            i += bad;
        } else {
            buf_putc(&b, s[i++]);
        }
    }
    *owned = buf_detach(&b);
    return *owned;
}

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
        size_t bad = entity ? 0 : escape_xml_forbidden_length(s + i, len - i);
        if (!entity && !bad)
            continue;
        buf_append(out, s + run, i - run);
        buf_puts(out, entity ? entity : REPLACEMENT_CHARACTER);
        i += bad ? bad - 1 : 0;
        run = i + 1;
    }
    buf_append(out, s + run, len - run);
}

void mustache_escape_none(buf *out, const char *s, size_t len)
{
    buf_append(out, s, len);
}

/* `text` as the content of a CSS string in a <style> element, where HTML escapes are not
 * decoded: every character that could end the string, the rule or the element, or that HTML
 * escaping would change, written as a CSS escape ("\22 " for '"'), so that the result reads
 * the same through {{...}} and {{{...}}}. */
void escape_css_string(buf *out, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || strchr("\"'\\<>&{}", *p))
            buf_printf(out, "\\%x ", *p);
        else
            buf_putc(out, (char)*p);
    }
}
