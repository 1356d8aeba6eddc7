#include "programme_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "briefing.h"

#include "chart.h"
#include "chart_png.h"
#include "docx.h"
#include "fingerprint.h"
#include "html.h"
#include "i18n.h"
#include "mustache.h"
#include "programme_files.h"
#include "programme_model.h"
#include "publish.h"
#include "svg.h"
#include "template.h"

/* Everything the report writes, rendered in memory before anything is published. */
typedef struct programme_rendered {
    template_set *templates;
    const char *docx_styles;
    size_t docx_styles_len;
    mustache_value *model;
    chart_set charts;
    buf svg_files[CHART_COUNT];
    char png_names[CHART_COUNT][48]; /* "chart-years.png" */
    buf headline;                    /* BRIEFING_HEADLINE_FILE */
    buf markdown;
    buf html;
    programme_data data;
} programme_rendered;

static int render(const programme *p, programme_rendered *out, diag_list *diags)
{
    out->model = programme_model_new(p);
    programme_charts_build(&out->charts, p);
    for (int i = 0; i < CHART_COUNT; i++) {
        svg_document(&out->svg_files[i], out->charts.charts[i].svg);
        const char *svg = out->charts.charts[i].file_name;
        snprintf(out->png_names[i], sizeof out->png_names[i], "%.*s.png",
                 (int)(strlen(svg) - strlen(".svg")), svg);
    }
    programme_data_build(&out->data, p);
    programme_headline(out->model, &out->headline);
    if (programme_render_markdown(out->model, out->templates, &out->markdown, diags) != 0)
        return -1;
    out->docx_styles =
        template_text(out->templates, DOCX_STYLES_TEMPLATE, &out->docx_styles_len, diags);
    if (!out->docx_styles)
        return -1;
    return html_render_page("programme.html", out->markdown.data, out->markdown.len, &out->charts,
                            out->model, out->templates, &out->html, diags);
}

static void rendered_free(programme_rendered *out)
{
    programme_data_free(&out->data);
    buf_free(&out->headline);
    for (int i = 0; i < CHART_COUNT; i++)
        buf_free(&out->svg_files[i]);
    buf_free(&out->html);
    buf_free(&out->markdown);
    chart_set_free(&out->charts);
    mustache_value_free(out->model);
    template_set_free(out->templates);
}

static int publish(const programme_job *job, const programme *p, const programme_rendered *r,
                   const char *fingerprint, diag_list *diags)
{
    output_file files[5 + 2 * CHART_COUNT + PROGRAMME_DATA_FILES];
    size_t n = 0;
    const programme_year *last = programme_latest(p);
    files[n++] = output_data("briefing.md", r->markdown.data, r->markdown.len);
    files[n++] = output_data("briefing.html", r->html.data, r->html.len);
    docx_source docx = {r->markdown.data,
                        r->markdown.len,
                        &r->charts,
                        {DOCX_DEFAULT_ISSUER, NULL, NULL},
                        r->docx_styles,
                        r->docx_styles_len,
                        last->period.year,
                        last->period.month,
                        NULL /* pngs, below */};
    files[n++] = output_written("briefing.docx", docx_output_writer, &docx);
    chart_files charts = {0};
    chart_files_start(&charts, &r->charts, r->svg_files, r->png_names, job->out, p->def->code,
                      files, &n);
    docx.pngs = charts.pngs;
    files[n++] = output_data(BRIEFING_HEADLINE_FILE, r->headline.data, r->headline.len);
    for (size_t i = 0; i < r->data.count; i++)
        files[n++] = output_data(r->data.names[i], r->data.files[i].data, r->data.files[i].len);
    files[n++] = output_written("annex.xlsx", programme_annex_writer, p);
    int rc = publish_period(job->out, p->def->code, files, n, fingerprint, diags);
    chart_files_free(&charts);
    return rc;
}

static void describe(const programme *p, buf *line)
{
    buf span = BUF_INIT, periods = BUF_INIT, missing = BUF_INIT;
    programme_span_label(&span, p);
    for (size_t i = 0; i < p->n_years; i++) {
        const programme_year *y = &p->years[i];
        if (y->present)
            buf_printf(&periods, "%s%s", periods.len ? ", " : "", y->period_name);
        else
            buf_printf(&missing, "%s%d", missing.len ? ", " : "", y->year);
    }
    buf_printf(line, _("%s: programme report %s from %s"), p->def->code, span.data, periods.data);
    if (missing.len)
        buf_printf(line, _("; no period for %s"), missing.data);
    buf_free(&span);
    buf_free(&periods);
    buf_free(&missing);
}

programme_outcome programme_run(const programme_job *job, const programme_def *def,
                                diag_list *diags, buf *line, bool *complete)
{
    /* The fingerprint's diagnostics: the shared ones, then what reading the years said. */
    diag_list read = DIAG_LIST_INIT;
    for (size_t i = 0; i < job->shared->count; i++) {
        const diag *d = &job->shared->items[i];
        diag_add(&read, d->severity, d->file, d->line, d->column, "%s", d->message);
    }
    bool failed = false;
    programme *p = programme_new(def, job->input, job->periods, job->n_periods, job->roster,
                                 job->contents, &read, &failed);
    *complete = false;
    if (!p) {
        diag_list_free(&read);
        if (!failed)
            return PROGRAMME_NO_PERIOD;
        diag_add(diags, DIAG_ERROR, def->code, 0, 0, "nothing written");
        return PROGRAMME_FATAL;
    }
    *complete = p->all_valid;
    describe(p, line);
    programme_outcome result = PROGRAMME_CHECKED;
    if (!job->check) {
        programme_rendered out = {0};
        out.templates = template_set_new(job->templates);
        if (render(p, &out, diags) != 0) {
            diag_add(diags, DIAG_ERROR, def->code, 0, 0, "nothing written");
            result = PROGRAMME_FATAL;
        } else {
            const period **periods = xcalloc(p->n_years, sizeof *periods);
            size_t n = 0;
            for (size_t i = 0; i < p->n_years; i++)
                if (p->years[i].present)
                    periods[n++] = &p->years[i].period;
            fingerprint_sources sources = {.input_dir = job->input,
                                           .roster = job->roster,
                                           .contents = job->contents,
                                           .templates = out.templates,
                                           .diagnostics = &read,
                                           .settings = job->settings,
                                           .periods = periods,
                                           .n_periods = n,
                                           .programmes_sha256 = job->programmes->sha256};
            char now[DIGEST_HEX_SIZE];
            fingerprint_compute(&sources, now);
            free(periods);
            bool up_to_date = !job->force && publish_is_current(job->out, def->code, now);
            if (up_to_date)
                result = PROGRAMME_UP_TO_DATE;
            else if (publish(job, p, &out, now, diags) == 0)
                result = PROGRAMME_WRITTEN;
            else {
                diag_add(diags, DIAG_ERROR, def->code, 0, 0, "nothing written");
                result = PROGRAMME_FATAL;
            }
        }
        rendered_free(&out);
    }
    programme_free(p);
    diag_list_free(&read);
    return result;
}
