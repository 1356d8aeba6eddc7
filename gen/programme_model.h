/* programme_model.h - what the programme templates see (templates/programme.md, programme.html)
 * and the programme report's charts: the programme (programme.h) as named, formatted text.
 * Every figure is formatted here, Vietnamese style (number.h); nothing is computed. The names
 * are documented in templates/README.md. */
#ifndef GEN_PROGRAMME_MODEL_H
#define GEN_PROGRAMME_MODEL_H

#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "mustache.h"
#include "programme.h"
#include "template.h"

/* The template data of `p`. Free with mustache_value_free. */
mustache_value *programme_model_new(const programme *p);

/* Renders templates/programme.md with Markdown escaping. Returns 0, or -1 after an error. */
int programme_render_markdown(const mustache_value *model, template_set *templates, buf *out,
                              diag_list *diags);

/* The report's charts: chart-years.svg (plan against executed by year), chart-year-rates.svg
 * (the execution rate by year), chart-contents.svg (plan against executed per content over the
 * programme). */
void programme_charts_build(chart_set *set, const programme *p);

/* The headline figures out/index.html shows beside the report (BRIEFING_HEADLINE_FILE, the
 * format of briefing_headline): label, plan, executed, rate and years ("5/5": the years with
 * figures over the programme's years), taken from `model`. */
void programme_headline(const mustache_value *model, buf *out);

/* How the report names its span: "2021–2025", or "2021 – 9 tháng năm 2025" when the last
 * year counted is not a whole year. */
void programme_span_label(buf *out, const programme *p);

#endif
