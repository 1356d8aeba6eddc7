/* html.h - the HTML briefing, made from the Markdown briefing so the two cannot disagree.
 *
 * cmark-gfm turns the Markdown into HTML with its table extension, in safe mode (raw HTML and
 * javascript: links never pass). Then, for print and phones: a paragraph beginning "Bảng"
 * just above a table becomes the table's <caption>; each table is wrapped so it scrolls on a
 * narrow screen instead of widening the page; an image whose address names a chart file is
 * replaced by that chart's SVG, inline, so the page needs nothing beside it. The body is then
 * placed in templates/briefing.html (Mustache, HTML escaping) as {{{body}}}. */
#ifndef GEN_HTML_H
#define GEN_HTML_H

#include <stddef.h>

#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "mustache.h"
#include "template.h"

/* Registers what cmark-gfm registers once for the process (its extensions). html_body does it
 * itself; call this first when several threads are about to call html_body at once. */
void html_prepare(void);

/* Appends the HTML body for `markdown`. Returns 0, or -1 after an error. */
int html_body(const char *markdown, size_t len, const chart_set *charts, buf *out,
              diag_list *diags);

/* Renders the template briefing.html with `model` plus the body under "body". */
int html_render_briefing(const char *markdown, size_t len, const chart_set *charts,
                         mustache_value *model, template_set *templates, buf *out,
                         diag_list *diags);

/* The same with another page template (templates/programme.html for a programme report);
 * `charts` may be NULL for a page that shows none. */
int html_render_page(const char *template_name, const char *markdown, size_t len,
                     const chart_set *charts, mustache_value *model, template_set *templates,
                     buf *out, diag_list *diags);

/* Frees what cmark-gfm keeps for the whole process (its registry of extensions). Call once, at
 * exit: no HTML can be made after it. */
void html_release(void);

#endif
