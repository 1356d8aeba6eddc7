/* escape.h - escapers: how a value is written into a document of a given markup so that it
 * shows as the same text and adds no markup of its own.
 *
 * They serve the Mustache renderer (mustache_options.escape, hence the mustache_ names) and any
 * writer of markup directly (svg.c). Each appends to `out`, which the caller owns; `s` is read
 * only, `len` bytes (NUL bytes included). HTML and none are in escape.c, Markdown in
 * escape_md.c. */
#ifndef GEN_ESCAPE_H
#define GEN_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* How an interpolated value ({{name}}) is written into the output. Triple mustaches and
 * {{& name}} bypass it. */
typedef void (*mustache_escape_fn)(buf *out, const char *s, size_t len);

/* The spec's HTML escaping: & < > " (and ' as &#39;); and, as the last defence of the HTML
 * page and the SVG charts, which are XML, every character XML 1.0 cannot hold (a control other
 * than tab and line breaks, U+FFFE, U+FFFF) written as U+FFFD. gen's readers reject these
 * characters already (text.h): this only keeps a missed path from breaking a document. */
void mustache_escape_html(buf *out, const char *s, size_t len);

/* The length of the character XML 1.0 cannot hold at s[0] (1 for a control byte, 3 for
 * U+FFFE/U+FFFF in UTF-8), or 0 when s[0] starts an allowed one. `len` bytes are readable. */
size_t escape_xml_forbidden_length(const char *s, size_t len);

/* `s` with every character XML cannot hold replaced by U+FFFD: `s` itself when it has none,
 * else a copy in `*owned` (the caller frees it). For text handed to a library that writes XML
 * itself (the annex). */
const char *escape_xml_clean(const char *s, char **owned);
/* Markdown escaping for CommonMark + GFM tables: the value shows as the same text and can open
 * no construct: emphasis, code, links, images, autolinks, raw HTML, entities, table cells, and
 * block starts (headings, lists, quotes) when the value begins a line. Line breaks become
 * spaces, so a value never leaves its table row. */
void mustache_escape_markdown(buf *out, const char *s, size_t len);
/* No escaping at all (for plain-text templates and tests). */
void mustache_escape_none(buf *out, const char *s, size_t len);

/* Appends `text` as the content of a CSS string in a <style> element, where HTML escapes are
 * not decoded: every character that could end the string, the rule or the element, or that
 * HTML escaping would change, as a CSS escape ("\22 " for '"'), so that the result reads the
 * same through {{...}} and {{{...}}} (the printed pages' headers). */
void escape_css_string(buf *out, const char *text);

#endif
