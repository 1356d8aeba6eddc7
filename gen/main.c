/* gen - the briefing of the southern region's khuyến công conference, from the provinces'
 * CSV submissions. This file only wires the stages: read, validate, aggregate, render,
 * publish. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "alloc.h"
#include "annex.h"
#include "briefing.h"
#include "buf.h"
#include "catalog.h"
#include "chart.h"
#include "chart_png.h"
#include "context.h"
#include "csvfile.h"
#include "diag.h"
#include "docx.h"
#include "fingerprint.h"
#include "guard.h"
#include "html.h"
#include "index.h"
#include "opendata.h"
#include "period.h"
#include "path.h"
#include "programme.h"
#include "programme_run.h"
#include "province_page.h"
#include "publish.h"
#include "region.h"
#include "roster.h"
#include "day.h"
#include "status.h"
#include "svg.h"
#include "timing.h"

#define GEN_VERSION "0.1.0"

typedef struct options {
    const char *input;
    const char *out;
    const char *period; /* NULL: the latest period folder */
    const char *templates;
    bool check;
    bool strict;
    bool quiet;
    bool force;
    bool timings;
    int wait_seconds;
    csvfile_limits limits;
} options;

/* Where an installed gen finds its templates when there is no ./templates (make install). */
#ifndef GEN_DATADIR
#define GEN_DATADIR "/usr/local/share/gen"
#endif

enum {
    OPT_CHECK = 256,
    OPT_STRICT,
    OPT_VERSION,
    OPT_FORCE,
    OPT_WAIT,
    OPT_MAX_FILE_SIZE,
    OPT_MAX_FIELD_LENGTH,
    OPT_MAX_COLUMNS,
    OPT_MAX_ROWS,
    OPT_TIMINGS
};

/* `message` is in the language of standard error already. */
static int usage_error(const char *message, const char *arg)
{
    fprintf(stderr, "gen: %s%s%s\n%s\n", message, arg ? ": " : "", arg ? arg : "",
            _("Try 'gen --help'."));
    return EXIT_USAGE;
}

static bool parse_seconds(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s < '0' || *s > '9' || *end != '\0' || v > 86400)
        return false;
    *out = (int)v;
    return true;
}

/* ./templates when run from a checkout, else the installed copy. */
static const char *default_templates(void)
{
    struct stat st;
    if (stat("templates", &st) == 0 && S_ISDIR(st.st_mode))
        return "templates";
    return GEN_DATADIR "/templates";
}

/* Reads a limit: digits, optionally followed by K, M or G (powers of 1024). */
static bool parse_size(const char *s, size_t *out)
{
    size_t value = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (value > (SIZE_MAX - 9) / 10)
            return false;
        value = value * 10 + (size_t)(*p - '0');
    }
    if (p == s)
        return false;
    int shift = *p == 'K' || *p == 'k'   ? 10
                : *p == 'M' || *p == 'm' ? 20
                : *p == 'G' || *p == 'g' ? 30
                                         : 0;
    if (shift)
        p++;
    if (*p != '\0' || value > SIZE_MAX >> shift)
        return false;
    *out = value << shift;
    return true;
}

/* Sets the limit `option` names from its argument. Returns false on a bad argument. */
static bool set_limit(csvfile_limits *limits, int option, const char *arg)
{
    size_t value;
    if (!parse_size(arg, &value))
        return false;
    if (option == OPT_MAX_FILE_SIZE)
        limits->max_file_bytes = value ? value : SIZE_MAX - 2;
    else if (option == OPT_MAX_FIELD_LENGTH)
        limits->csv.max_field_bytes = value;
    else if (option == OPT_MAX_COLUMNS)
        limits->csv.max_columns = value;
    else
        limits->csv.max_rows = value;
    return true;
}

/* Parses the command line. Returns -1 to go on, or the exit status to leave with. */
static int parse_options(int argc, char **argv, options *o)
{
    static const struct option long_options[] = {
        {"input", required_argument, NULL, 'i'},
        {"out", required_argument, NULL, 'o'},
        {"period", required_argument, NULL, 'p'},
        {"templates", required_argument, NULL, 't'},
        {"check", no_argument, NULL, OPT_CHECK},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {"force", no_argument, NULL, OPT_FORCE},
        {"wait", required_argument, NULL, OPT_WAIT},
        {"max-file-size", required_argument, NULL, OPT_MAX_FILE_SIZE},
        {"max-field-length", required_argument, NULL, OPT_MAX_FIELD_LENGTH},
        {"max-columns", required_argument, NULL, OPT_MAX_COLUMNS},
        {"max-rows", required_argument, NULL, OPT_MAX_ROWS},
        {"timings", no_argument, NULL, OPT_TIMINGS},
        {NULL, 0, NULL, 0}};
    *o = (options){
        "input", "out", NULL, NULL, false, false, false, false, false, 60, csvfile_get_limits()};
    opterr = 0;
    int c, year, month;
    while ((c = getopt_long(argc, argv, ":i:o:p:t:qh", long_options, NULL)) != -1) {
        switch (c) {
        case 'i':
            o->input = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'p':
            o->period = optarg;
            break;
        case 't':
            o->templates = optarg;
            break;
        case 'q':
            o->quiet = true;
            break;
        case OPT_CHECK:
            o->check = true;
            break;
        case OPT_STRICT:
            o->strict = true;
            break;
        case OPT_FORCE:
            o->force = true;
            break;
        case OPT_TIMINGS:
            o->timings = true;
            break;
        case OPT_WAIT:
            if (!parse_seconds(optarg, &o->wait_seconds))
                return usage_error(_("--wait takes a whole number of seconds, not"), optarg);
            break;
        case 'h':
            printf(
                _("Usage: gen [OPTIONS]\n"
                  "Turns the provinces' khuyến công submissions into the regional conference "
                  "briefing.\n"
                  "\n"
                  "  -i, --input DIR         the input folder (roster.csv, contents.csv, "
                  "YYYY-MM/*.csv)\n"
                  "                          [input]\n"
                  "  -o, --out DIR           the output folder: publishes DIR/YYYY-MM/ and "
                  "DIR/index.html\n"
                  "                          [out]\n"
                  "  -p, --period YYYY-MM    the period to render [the latest period folder in the "
                  "input]\n"
                  "  -t, --templates DIR     the templates folder [./templates, else "
                  "%s/templates]\n"
                  "      --check             read and validate only; print the status; write "
                  "nothing\n"
                  "      --strict            any missing or rejected submission is fatal\n"
                  "      --force             publish even when nothing changed since the last run\n"
                  "      --wait SECONDS      wait this long for another run on the same output "
                  "folder\n"
                  "                          [60]\n"
                  "  -q, --quiet             print errors only; nothing on success\n"
                  "      --timings           print where the run's time went (read, aggregate, "
                  "render,\n"
                  "                          annex, fingerprint, publish; seconds) on standard "
                  "error\n"
                  "  -h, --help              show this help and exit\n"
                  "      --version           show the version and exit\n"
                  "\n"
                  "Limits on each CSV file read, so that no file can exhaust the machine (a file "
                  "past one\n"
                  "is rejected with an error; SIZE is bytes, or with K, M or G; 0 means no "
                  "limit):\n"
                  "      --max-file-size SIZE     larger files are refused unread [16M]\n"
                  "      --max-field-length SIZE  longer fields, quotes included [256K]\n"
                  "      --max-columns N          more fields in a row [16384]\n"
                  "      --max-rows N             more rows, blank ones included [100000]\n"
                  "\n"
                  "Diagnostics go to standard error as FILE:LINE:COLUMN: error: MESSAGE.\n"
                  "Exit status: 0 outputs written, every roster province valid; 3 outputs written, "
                  "some\n"
                  "provinces missing or rejected; 2 nothing written (earlier outputs left as they "
                  "were);\n"
                  "1 usage error. A run that finds nothing changed says \"up to date\" and touches "
                  "nothing.\n"),
                GEN_DATADIR);
            return fflush(stdout) == 0 ? 0 : 2;
        case OPT_VERSION:
            puts("gen " GEN_VERSION);
            return fflush(stdout) == 0 ? 0 : 2;
        case OPT_MAX_FILE_SIZE:
        case OPT_MAX_FIELD_LENGTH:
        case OPT_MAX_COLUMNS:
        case OPT_MAX_ROWS:
            if (!set_limit(&o->limits, c, optarg))
                return usage_error(_("a limit is a number of bytes or items, optionally with K, "
                                     "M or G; not"),
                                   optarg);
            break;
        case ':':
            return usage_error(_("option requires an argument"), argv[optind - 1]);
        default:
            return usage_error(_("unknown option"), argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error(_("unexpected argument"), argv[optind]);
    if (!o->templates)
        o->templates = default_templates();
    if (o->period && !period_parse_name(o->period, &year, &month))
        return usage_error(_("the period must be YYYY-MM with a month 01-12, not"), o->period);
    csvfile_set_limits(&o->limits);
    return -1;
}

/* What every period of a run reads once: the roster (over time) and the catalogue. */
typedef struct catalogs {
    catalog roster;
    catalog contents;
    diag_list diags; /* their diagnostics: each period's list starts with a copy */
} catalogs;

/* Everything one period's run reads. The periods read the roster as it is on their last day. */
typedef struct inputs {
    const catalogs *catalogs;
    const char *name; /* the period */
    /* Set when the run publishes several periods: fatal messages then name their period. */
    bool several;
    catalog roster;          /* on the current period's last day */
    catalog previous_roster; /* on the previous period's last day */
    const catalog *contents;
    period current;
    period previous;
    bool has_previous;
    period_context context;                        /* the period's context.md */
    size_t previous_diags_from, previous_diags_to; /* the previous folder's diagnostics */
} inputs;

static int read_catalogs(const options *o, catalogs *c)
{
    char roster_path[4096], contents_path[4096];
    snprintf(roster_path, sizeof roster_path, "%s/roster.csv", o->input);
    snprintf(contents_path, sizeof contents_path, "%s/contents.csv", o->input);
    int rc_roster = catalog_load(&c->roster, roster_path, CATALOG_ROSTER, &c->diags);
    int rc_contents = catalog_load(&c->contents, contents_path, CATALOG_CONTENTS, &c->diags);
    return rc_roster != 0 || rc_contents != 0 ? -1 : 0;
}

static void free_catalogs(catalogs *c)
{
    catalog_free(&c->contents);
    catalog_free(&c->roster);
    diag_list_free(&c->diags);
}

/* Reads a period with the roster as it is on its last day. */
static int read_period(const options *o, inputs *in, period *p, catalog *view, const char *name,
                       submission_keep keep, diag_list *diags)
{
    int year, month;
    period_parse_name(name, &year, &month);
    roster_on_day(&in->catalogs->roster, day_last_of_month(year, month), view);
    return period_read_keeping(p, o->input, name, view, in->contents, keep, diags);
}

static int read_inputs(const options *o, inputs *in, diag_list *diags)
{
    char previous_name[8];
    in->contents = &in->catalogs->contents;
    if (!period_exists(o->input, in->name)) {
        diag_add(diags, DIAG_ERROR, o->input, 0, 0, "no folder for period %s", in->name);
        return -1;
    }
    /* The lines of the period are read again when written out, so that a national roll-up's
     * million titles are never all in memory; the year before only ever counts in sums. */
    if (read_period(o, in, &in->current, &in->roster, in->name, SUBMISSION_REREAD_LINES, diags) !=
        0)
        return -1;
    if (context_read(&in->context, o->input, in->name, diags) != 0)
        return -1;
    period_previous_name(&in->current, previous_name);
    if (period_exists(o->input, previous_name)) {
        in->has_previous = true;
        in->previous_diags_from = diags->count;
        int rc = read_period(o, in, &in->previous, &in->previous_roster, previous_name,
                             SUBMISSION_KEEP_SUMS, diags);
        in->previous_diags_to = diags->count;
        return rc;
    }
    return 0;
}

static void free_inputs(inputs *in)
{
    if (in->has_previous)
        period_free(&in->previous);
    period_free(&in->current);
    context_free(&in->context);
    catalog_free(&in->previous_roster);
    catalog_free(&in->roster);
}

/* Everything a run writes, rendered in memory before anything is published. */
typedef struct rendered {
    template_set *templates; /* each template read once: the fingerprint is of what was read */
    const char *docx_styles; /* TEMPLATES/docx-styles.xml, in `templates` */
    size_t docx_styles_len;
    region *region;
    mustache_value *model;
    chart_set charts;
    buf markdown;
    buf html;
    buf svg_files[CHART_COUNT];
    char png_names[CHART_COUNT][48]; /* "chart-provinces.png" */
    opendata data;
    buf headline; /* BRIEFING_HEADLINE_FILE */
    province_pages pages;
} rendered;

/* The briefings and the open-data tables, from the region model. */
static int render_briefings(rendered *out, diag_list *diags)
{
    out->model = briefing_model_new(out->region);
    chart_set_build(&out->charts, out->region);
    for (int i = 0; i < CHART_COUNT; i++) {
        svg_document(&out->svg_files[i], out->charts.charts[i].svg);
        const char *svg = out->charts.charts[i].file_name;
        snprintf(out->png_names[i], sizeof out->png_names[i], "%.*s.png",
                 (int)(strlen(svg) - strlen(".svg")), svg);
    }
    opendata_build(&out->data, out->region);
    briefing_headline(out->model, &out->headline);
    if (briefing_render_markdown(out->model, out->templates, &out->markdown, diags) != 0)
        return -1;
    out->docx_styles =
        template_text(out->templates, DOCX_STYLES_TEMPLATE, &out->docx_styles_len, diags);
    if (!out->docx_styles)
        return -1;
    if (html_render_briefing(out->markdown.data, out->markdown.len, &out->charts, out->model,
                             out->templates, &out->html, diags) != 0)
        return -1;
    timing_start(TIMING_PAGES);
    int rc = province_pages_build(&out->pages, out->region, out->templates, diags);
    timing_stop(TIMING_PAGES);
    return rc;
}

static int render(const inputs *in, rendered *out, diag_list *diags)
{
    timing_start(TIMING_AGGREGATE);
    out->region = region_new(&in->roster, in->contents, &in->current,
                             in->has_previous ? &in->previous : NULL);
    out->region->diagnostics = diags; /* the annex lists them */
    out->region->context = &in->context;
    timing_stop(TIMING_AGGREGATE);
    timing_start(TIMING_RENDER);
    int rc = render_briefings(out, diags);
    timing_stop(TIMING_RENDER);
    return rc;
}

static void rendered_free(rendered *out)
{
    province_pages_free(&out->pages);
    opendata_free(&out->data);
    buf_free(&out->headline);
    for (int i = 0; i < CHART_COUNT; i++)
        buf_free(&out->svg_files[i]);
    buf_free(&out->html);
    buf_free(&out->markdown);
    chart_set_free(&out->charts);
    mustache_value_free(out->model);
    region_free(out->region);
    template_set_free(out->templates);
}

static int timed_annex_writer(const char *path, const void *context, diag_list *diags)
{
    timing_start(TIMING_ANNEX);
    int rc = annex_output_writer(path, context, diags);
    timing_stop(TIMING_ANNEX);
    return rc;
}

static int publish(const options *o, const inputs *in, const rendered *r, const char *fingerprint,
                   diag_list *diags)
{
    size_t n = 0, room = 7 + 2 * CHART_COUNT + OPENDATA_FILES + r->pages.count;
    output_file *files = xcalloc(room, sizeof *files);
    files[n++] = output_data("briefing.md", r->markdown.data, r->markdown.len);
    files[n++] = output_data("briefing.html", r->html.data, r->html.len);
    /* The header block from context.md; its issuer, else the default. */
    const period_context *c = &in->context;
    buf date = BUF_INIT;
    if (c->year)
        briefing_date_text(&date, c->year, c->month, c->day);
    docx_header header = {c->issuer && *c->issuer ? c->issuer : DOCX_DEFAULT_ISSUER, c->place,
                          date.data};
    docx_source docx = {r->markdown.data, r->markdown.len,   &r->charts,
                        header,           r->docx_styles,    r->docx_styles_len,
                        in->current.year, in->current.month, NULL /* pngs, below */};
    files[n++] = output_written("briefing.docx", docx_output_writer, &docx);
    /* The charts; their PNG downloads (the Word briefing's pictures too) begun at once. */
    chart_files charts = {0};
    chart_files_start(&charts, &r->charts, r->svg_files, r->png_names, o->out, in->current.name,
                      files, &n);
    docx.pngs = charts.pngs;
    files[n++] = output_data(BRIEFING_HEADLINE_FILE, r->headline.data, r->headline.len);
    for (size_t i = 0; i < r->data.count; i++)
        files[n++] = output_data(r->data.names[i], r->data.files[i].data, r->data.files[i].len);
    files[n++] = output_written(OPENDATA_PROJECTS, opendata_write_projects, r->region);
    files[n++] = output_written("annex.xlsx", timed_annex_writer, r->region);
    files[n++] = output_data(PROVINCE_PAGES_LIST_FILE, r->pages.listing.data, r->pages.listing.len);
    for (size_t i = 0; i < r->pages.count; i++)
        files[n++] = output_data(r->pages.names[i], r->pages.files[i].data, r->pages.files[i].len);
    timing_start(TIMING_PUBLISH);
    int rc = publish_period(o->out, in->current.name, files, n, fingerprint, diags);
    timing_stop(TIMING_PUBLISH);
    chart_files_free(&charts);
    buf_free(&date);
    free(files);
    return rc;
}

/* Rewrites out/index.html from what is published (it also mends an index left stale by a run
 * killed between publishing a period and its index), the programme reports of `programmes`
 * among it. */
static int update_index(const options *o, const programme_list *programmes, diag_list *diags)
{
    template_set *templates = template_set_new(o->templates);
    buf index = BUF_INIT;
    size_t n = programmes ? programmes->count : 0;
    index_programme *listed = xcalloc(n ? n : 1, sizeof *listed);
    for (size_t i = 0; i < n; i++)
        listed[i] = (index_programme){programmes->items[i].code, programmes->items[i].name};
    int rc = index_render_with(o->out, listed, n, templates, &index, diags);
    free(listed);
    if (rc == 0)
        rc = publish_top_file(o->out, "index.html", index.data, index.len, diags);
    buf_free(&index);
    template_set_free(templates);
    return rc;
}

/* Tries the index template before anything is published, so that a broken one stops the run
 * with nothing written rather than after the period is out. */
static int try_index(const options *o, template_set *templates, diag_list *diags)
{
    buf trial = BUF_INIT;
    int rc = index_render(o->out, templates, &trial, diags);
    buf_free(&trial);
    return rc;
}

typedef enum outcome {
    OUTCOME_FATAL,
    OUTCOME_CHECKED,
    OUTCOME_UP_TO_DATE,
    OUTCOME_WRITTEN
} outcome;

/* A run's fatal message; with several periods it names the period it is about. */
static outcome fatal(const inputs *in, diag_list *diags, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A run's fatal message; with several periods it is said of the period ("2024-09: error:"). */
static outcome fatal(const inputs *in, diag_list *diags, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(diags, DIAG_ERROR, in && in->several ? in->name : NULL, 0, 0, fmt, ap);
    va_end(ap);
    return OUTCOME_FATAL;
}

/* --strict names every period that is not whole, so the cron mail says what to chase. */
static outcome strict_failure(const inputs *in, diag_list *diags)
{
    const period *periods[] = {&in->current, in->has_previous ? &in->previous : NULL};
    const catalog *rosters[] = {&in->roster, &in->previous_roster};
    for (size_t i = 0; i < 2; i++) {
        if (!periods[i] || period_complete(periods[i]))
            continue;
        buf line = BUF_INIT;
        period_describe(periods[i], rosters[i], &line);
        diag_add(diags, DIAG_ERROR, NULL, 0, 0, "--strict: %s", line.data);
        buf_free(&line);
    }
    return fatal(in, diags, "--strict: some submissions are missing or rejected; nothing written");
}

/* The options that change what is read, for the fingerprint. */
static void describe_settings(const options *o, char *out, size_t size)
{
    snprintf(out, size, "limits %zu %zu %zu %zu", o->limits.max_file_bytes,
             o->limits.csv.max_field_bytes, o->limits.csv.max_columns, o->limits.csv.max_rows);
}

/* Renders everything in memory, then publishes unless the published folder was made from
 * exactly what this run read (and this program) and is still whole. The download index is
 * updated once the run's periods are done. */
static outcome publish_if_changed(const options *o, const inputs *in, diag_list *diags)
{
    rendered out = {0};
    out.templates = template_set_new(o->templates);
    int rc = render(in, &out, diags);
    if (rc == 0)
        rc = try_index(o, out.templates, diags);
    outcome result = OUTCOME_FATAL;
    if (rc == 0) {
        char settings[128], now[DIGEST_HEX_SIZE];
        describe_settings(o, settings, sizeof settings);
        fingerprint_sources sources = {o->input,
                                       &in->roster,
                                       in->contents,
                                       &in->current,
                                       in->has_previous ? &in->previous : NULL,
                                       out.templates,
                                       diags,
                                       settings,
                                       &in->context,
                                       NULL,
                                       0,
                                       NULL};
        timing_start(TIMING_FINGERPRINT);
        fingerprint_compute(&sources, now);
        bool up_to_date = !o->force && publish_is_current(o->out, in->current.name, now);
        timing_stop(TIMING_FINGERPRINT);
        if (!up_to_date && publish(o, in, &out, now, diags) != 0)
            result = fatal(in, diags, "nothing written");
        else
            result = up_to_date ? OUTCOME_UP_TO_DATE : OUTCOME_WRITTEN;
    } else {
        result = fatal(in, diags, "nothing written");
    }
    rendered_free(&out);
    return result;
}

/* Reads and checks one period's inputs; OUTCOME_CHECKED when they can be rendered. */
static outcome read_and_validate(const options *o, inputs *in, diag_list *diags)
{
    timing_start(TIMING_READ);
    int read = read_inputs(o, in, diags);
    timing_stop(TIMING_READ);
    if (read != 0)
        return fatal(in, diags, "nothing written");
    if (in->current.n_valid == 0) {
        /* Said of the period, whether one or several run: an empty new folder is named. */
        if (in->current.n_files == 1)
            diag_add(diags, DIAG_ERROR, in->current.name, 0, 0,
                     "no valid submission in the period folder (%zu file read); nothing written",
                     in->current.n_files);
        else
            diag_add(diags, DIAG_ERROR, in->current.name, 0, 0,
                     "no valid submission in the period folder (%zu files read); nothing written",
                     in->current.n_files);
        return OUTCOME_FATAL;
    }
    if (o->strict &&
        (!period_complete(&in->current) || (in->has_previous && !period_complete(&in->previous))))
        return strict_failure(in, diags);
    return OUTCOME_CHECKED;
}

/* What one period's work leaves to report: its diagnostics and its line. */
typedef struct period_result {
    char name[8];
    outcome outcome;
    int status;
    diag_list diags;
    size_t shared_diags;               /* the roster's and catalogue's, at the start of diags */
    size_t previous_from, previous_to; /* the previous folder's, reported with that period */
    buf line;                          /* "2024-09: 20 of 20 provinces valid", or empty */
} period_result;

/* One period, read under the run's lock (taken by the caller unless --check): read, validate,
 * aggregate, render, publish unless up to date. */
static void run_period(const options *o, const catalogs *c, const char *name, bool several,
                       period_result *res)
{
    inputs in = {.catalogs = c, .name = name, .several = several};
    snprintf(res->name, sizeof res->name, "%s", name);
    for (size_t i = 0; i < c->diags.count; i++) {
        const diag *d = &c->diags.items[i];
        diag_add(&res->diags, d->severity, d->file, d->line, d->column, "%s", d->message);
    }
    res->shared_diags = c->diags.count;
    res->outcome = read_and_validate(o, &in, &res->diags);
    if (in.has_previous) {
        res->previous_from = in.previous_diags_from;
        res->previous_to = in.previous_diags_to;
    }
    if (res->outcome == OUTCOME_CHECKED && !o->check)
        res->outcome = publish_if_changed(o, &in, &res->diags);
    res->status = EXIT_NOTHING_WRITTEN;
    if (res->outcome != OUTCOME_FATAL) {
        period_describe(&in.current, &in.roster, &res->line);
        res->status = period_complete(&in.current) ? EXIT_ALL_VALID : EXIT_INCOMPLETE;
    }
    free_inputs(&in);
}

/* Prints a period's diagnostics (with several periods, the roster's are printed once before
 * them, and a previous folder's with its own period) and its line; returns its exit status. */
static int report_period(const options *o, period_result *res, bool several)
{
    FILE *stream = o->check ? stdout : stderr;
    diag_list shown = res->diags;
    int rc = 0;
    if (!several) {
        rc = diag_print(&res->diags, stderr, o->quiet);
    } else {
        size_t from = res->shared_diags;
        shown.items = res->diags.items + from;
        shown.count =
            (res->previous_to > res->previous_from ? res->previous_from : res->diags.count) - from;
        rc = diag_print(&shown, stderr, o->quiet);
        if (res->previous_to > res->previous_from) {
            shown.items = res->diags.items + res->previous_to;
            shown.count = res->diags.count - res->previous_to;
            rc |= diag_print(&shown, stderr, o->quiet);
        }
    }
    /* Standard error that cannot be written fails a check (its report is lost) but does not
     * turn a publication into "nothing written". */
    if (rc != 0 && res->outcome == OUTCOME_CHECKED)
        return EXIT_NOTHING_WRITTEN;
    if (res->outcome == OUTCOME_FATAL)
        return EXIT_NOTHING_WRITTEN;
    const char *what = res->outcome == OUTCOME_WRITTEN      ? _("; published")
                       : res->outcome == OUTCOME_UP_TO_DATE ? _("; up to date, nothing changed")
                                                            : "";
    bool complete = res->status == EXIT_ALL_VALID;
    if (o->check || !o->quiet || !complete)
        fprintf(stream, "gen: %s%s\n", res->line.data, what);
    /* The status line is what --check produces; a published run has published whatever its
     * standard error can take (2>/dev/full does not unpublish it). */
    return fflush(stream) == 0 || !o->check ? res->status : EXIT_NOTHING_WRITTEN;
}

/* The worst of two exit statuses: 2, then 3, then 0. */
static int worse(int a, int b)
{
    if (a == EXIT_NOTHING_WRITTEN || b == EXIT_NOTHING_WRITTEN)
        return EXIT_NOTHING_WRITTEN;
    return a == EXIT_INCOMPLETE || b == EXIT_INCOMPLETE ? EXIT_INCOMPLETE : EXIT_ALL_VALID;
}

/* The periods to run: the one -p names, else every period folder of the input. */
static char **periods_to_run(const options *o, size_t *n, diag_list *diags)
{
    if (o->period) {
        char **one = calloc(1, sizeof *one);
        if (!one || !(one[0] = strdup(o->period))) {
            fputs("gen: out of memory\n", stderr);
            exit(EXIT_NOTHING_WRITTEN);
        }
        *n = 1;
        return one;
    }
    char **names = period_list_all(o->input, n, diags);
    if (names && *n == 0) {
        diag_add(diags, DIAG_ERROR, o->input, 0, 0,
                 "no period folder (YYYY-MM, such as 2024-09) in the input folder");
        path_list_free(names, 0);
        return NULL;
    }
    return names;
}

/* What one programme report's run leaves to report. */
typedef struct programme_result {
    programme_outcome outcome;
    bool complete;
    diag_list diags;
    buf line;
} programme_result;

/* Runs every programme of input/programmes.csv that has a period in the input (after the
 * periods, under the same lock). Returns whether any is published (or up to date). */
static bool run_programmes(const options *o, const catalogs *c, const programme_list *programmes,
                           char **names, size_t n, programme_result *results)
{
    char settings[128];
    describe_settings(o, settings, sizeof settings);
    programme_job job = {o->input,   o->out,       o->templates, o->check,  o->force, settings,
                         &c->roster, &c->contents, programmes,   &c->diags, names,    n};
    bool any = false;
    for (size_t i = 0; i < programmes->count; i++) {
        results[i].diags = (diag_list)DIAG_LIST_INIT;
        results[i].outcome = programme_run(&job, &programmes->items[i], &results[i].diags,
                                           &results[i].line, &results[i].complete);
        any |=
            results[i].outcome == PROGRAMME_WRITTEN || results[i].outcome == PROGRAMME_UP_TO_DATE;
    }
    return any;
}

/* Prints a programme's diagnostics and line; returns its exit status (0 when it has no
 * period: there is nothing to say). */
static int report_programme(const options *o, programme_result *res)
{
    FILE *stream = o->check ? stdout : stderr;
    int rc = diag_print(&res->diags, stderr, o->quiet);
    if (res->outcome == PROGRAMME_NO_PERIOD)
        return EXIT_ALL_VALID;
    if (res->outcome == PROGRAMME_FATAL || (rc != 0 && res->outcome == PROGRAMME_CHECKED))
        return EXIT_NOTHING_WRITTEN;
    const char *what = res->outcome == PROGRAMME_WRITTEN      ? _("; published")
                       : res->outcome == PROGRAMME_UP_TO_DATE ? _("; up to date, nothing changed")
                                                              : "";
    int status = res->complete ? EXIT_ALL_VALID : EXIT_INCOMPLETE;
    if (o->check || !o->quiet || !res->complete)
        fprintf(stream, "gen: %s%s\n", res->line.data, what);
    return fflush(stream) == 0 || !o->check ? status : EXIT_NOTHING_WRITTEN;
}

/* Runs every period once the roster and catalogue are read, oldest first; then the programme
 * reports; then updates the download index once. Returns the exit status. */
static int run_periods(const options *o, catalogs *c, const programme_list *programmes,
                       char **names, size_t n)
{
    bool several = !o->period;
    period_result *results = calloc(n, sizeof *results);
    if (!results) {
        fputs("gen: out of memory\n", stderr);
        exit(EXIT_NOTHING_WRITTEN);
    }
    bool any_published = false;
    for (size_t i = 0; i < n; i++) {
        results[i].diags = (diag_list)DIAG_LIST_INIT;
        run_period(o, c, names[i], several, &results[i]);
        any_published |=
            results[i].outcome == OUTCOME_WRITTEN || results[i].outcome == OUTCOME_UP_TO_DATE;
    }
    size_t n_programmes = programmes ? programmes->count : 0;
    programme_result *programme_results =
        xcalloc(n_programmes ? n_programmes : 1, sizeof *programme_results);
    if (n_programmes)
        any_published |= run_programmes(o, c, programmes, names, n, programme_results);
    diag_list index_diags = DIAG_LIST_INIT;
    bool index_failed =
        !o->check && any_published && update_index(o, programmes, &index_diags) != 0;
    if (index_failed) {
        diag_add(&index_diags, DIAG_ERROR, NULL, 0, 0,
                 "the period is published but the download index could not be updated");
        if (!several) { /* as before: the period's report is its diagnostics */
            diag_list_append(&results[0].diags, &index_diags);
            results[0].outcome = OUTCOME_FATAL;
        }
    }
    int status = EXIT_ALL_VALID;
    if (several && diag_print(&c->diags, stderr, o->quiet) != 0 && o->check)
        status = EXIT_NOTHING_WRITTEN;
    for (size_t i = 0; i < n; i++) {
        status = worse(status, report_period(o, &results[i], several));
        diag_list_free(&results[i].diags);
        buf_free(&results[i].line);
    }
    for (size_t i = 0; i < n_programmes; i++) {
        status = worse(status, report_programme(o, &programme_results[i]));
        diag_list_free(&programme_results[i].diags);
        buf_free(&programme_results[i].line);
    }
    free(programme_results);
    if (index_failed && several) {
        diag_print(&index_diags, stderr, false);
        status = EXIT_NOTHING_WRITTEN;
    }
    diag_list_free(&index_diags);
    free(results);
    return status;
}

/* Everything a publishing run reads, it reads under the lock: a submission corrected while
 * the run waits is read after the wait, so the publication and its fingerprint agree. */
static int run(const options *o)
{
    catalogs c = {.diags = DIAG_LIST_INIT};
    int lock = -1;
    if (!o->check) {
        if (!i18n_catalogue_path())
            diag_add(&c.diags, DIAG_ERROR, NULL, 0, 0,
                     "cannot read the Vietnamese messages (%s, built by make and installed by "
                     "make install): the documents would quote problems in English",
                     "vi/LC_MESSAGES/gen.mo");
        if (c.diags.errors > 0 || guard_out_dir(o->out, o->input, o->templates, &c.diags) != 0 ||
            guard_top_file(o->out, "index.html", &c.diags) != 0 ||
            (lock = publish_lock(o->out, o->wait_seconds, &c.diags)) < 0) {
            fatal(NULL, &c.diags, "nothing written");
            diag_print(&c.diags, stderr, o->quiet);
            diag_list_free(&c.diags);
            return EXIT_NOTHING_WRITTEN;
        }
    }
    timing_start(TIMING_READ);
    int rc = read_catalogs(o, &c);
    timing_stop(TIMING_READ);
    size_t n = 0;
    char **names = rc == 0 ? periods_to_run(o, &n, &c.diags) : NULL;
    /* The programme reports, when every period is run: input/programmes.csv (optional). */
    programme_list programmes = {0};
    bool programmes_read = false;
    if (names && !o->period) {
        char path[4096];
        snprintf(path, sizeof path, "%s/programmes.csv", o->input);
        diag_list programme_diags = DIAG_LIST_INIT;
        programmes_read = programme_list_load(&programmes, path, &programme_diags) == 0;
        if (!programmes_read) {
            /* A broken programmes.csv stops the programme reports, not the periods. */
            diag_print(&programme_diags, stderr, o->quiet);
            fprintf(stderr, "gen: %s\n", _("programmes.csv: no programme report written"));
        }
        diag_list_free(&programme_diags);
    }
    int status = EXIT_NOTHING_WRITTEN;
    if (names) {
        status = run_periods(o, &c, programmes_read ? &programmes : NULL, names, n);
        if (names && !o->period && programmes.exists && !programmes_read)
            status = EXIT_NOTHING_WRITTEN;
        path_list_free(names, n);
    } else {
        fatal(NULL, &c.diags, "nothing written");
        diag_print(&c.diags, stderr, o->quiet);
    }
    programme_list_free(&programmes);
    if (lock >= 0)
        publish_unlock(lock);
    free_catalogs(&c);
    return status;
}

int main(int argc, char **argv)
{
    timing_start(TIMING_TOTAL);
    /* Before anything is said: the language of standard error, the documents' messages. */
    i18n_init(NULL);
    options o;
    int status = parse_options(argc, argv, &o);
    if (status >= 0) {
        i18n_release();
        return status;
    }
    status = run(&o);
    html_release();
    i18n_release();
    timing_stop(TIMING_TOTAL);
    if (o.timings && timing_print(stderr) != 0)
        status = EXIT_NOTHING_WRITTEN;
    return status;
}
