/* briefing.h - what the templates see: the region model as named, formatted text.
 *
 * Every figure is formatted here, Vietnamese style (number.h); templates only place them.
 * The names are documented in templates/README.md. The same model feeds the Markdown
 * briefing and, later, the HTML one, so the two cannot disagree. */
#ifndef GEN_BRIEFING_H
#define GEN_BRIEFING_H

#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "region.h"
#include "template.h"

/* Builds the template data for `r`. Free with mustache_value_free. */
mustache_value *briefing_model_new(const region *r);

/* How province `row`, formed since the year before, came to be: "hợp nhất từ Tây Ninh (72),
 * Long An (80), kể từ ngày 1/7/2025", or for one predecessor "trước đây là Long An (80)". */
void briefing_formed_text(const region *r, const province_row *row, buf *out);

/* Appends "ngày 17 tháng 10 năm 2024" (the Word briefing's header block dates itself so). */
void briefing_date_text(buf *out, int year, int month, int day);

/* Renders the template briefing.md with Markdown escaping. Returns 0, or -1 after an error. */
/* The headline figures of the period, as the briefing states them (the same strings of the
 * same model), one "key<TAB>value" line each: label, plan, executed, rate, same_period,
 * plan_change, comparable ("8/8", empty without a comparison), coverage ("20/20"). Published as
 * the period's BRIEFING_HEADLINE_FILE, which out/index.html shows beside each period. */
#define BRIEFING_HEADLINE_FILE ".headline"
void briefing_headline(const mustache_value *model, buf *out);

int briefing_render_markdown(const mustache_value *model, template_set *templates, buf *out,
                             diag_list *diags);

#endif
