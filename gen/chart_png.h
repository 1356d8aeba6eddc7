/* chart_png.h - the charts of one publication as PNG pictures at print resolution
 * (PNG_PRINT_DPI at their own size), each drawn once and shared: the PNG downloads beside the
 * SVG files and the Word briefing's pictures are the same bytes.
 *
 * Drawing is the slowest work of a run, so chart_pngs_start begins it at once, on a thread of
 * its own, while the other files are written; whoever needs a picture waits for it
 * (chart_pngs_get). A chart whose download published before (`published`) is the same picture
 * (png_reusable) is taken from there instead of drawn. */
#ifndef GEN_CHART_PNG_H
#define GEN_CHART_PNG_H

#include <stddef.h>

#include "buf.h"
#include "chart.h"
#include "diag.h"
#include "publish.h"
#include "svg_png.h"

/* One chart to draw; every pointer is borrowed and must outlive the chart_pngs. */
typedef struct chart_png_source {
    const char *svg; /* the SVG text */
    size_t len;
    const char *name;      /* "chart-provinces.png", in diagnostics */
    const char *published; /* the same picture's file in the publication replaced, or NULL */
} chart_png_source;

typedef struct chart_pngs chart_pngs;

/* Starts drawing the CHART_COUNT charts of `sources`. When no thread can start, each chart is
 * drawn by its first chart_pngs_get instead: slower, not wrong. Never NULL. */
chart_pngs *chart_pngs_start(const chart_png_source *sources);

/* Chart `i` (< CHART_COUNT), once drawn; owned by `p`, valid until chart_pngs_free. NULL when
 * it could not be drawn: the first caller to see that gets the errors in `diags` (the reasons
 * are the same for everyone). Safe to call from several threads. */
const png_image *chart_pngs_get(chart_pngs *p, size_t i, diag_list *diags);

/* A chart's PNG download: publish.h's output_bytes, whose context is a chart_png_download
 * (it waits for the picture). */
typedef struct chart_png_download {
    chart_pngs *pngs;
    size_t index;
} chart_png_download;

const char *chart_png_download_bytes(const void *context, size_t *len, diag_list *diags);

/* Waits for every thread, then frees everything; NULL is allowed. */
void chart_pngs_free(chart_pngs *p);

/* The chart files of one publication, out_dir/folder: each chart's SVG document and its PNG
 * download, the pictures begun at once. */
typedef struct chart_files {
    chart_pngs *pngs; /* the pictures: the Word briefing takes them from here */
    chart_png_source sources[CHART_COUNT];
    chart_png_download downloads[CHART_COUNT];
    char *published[CHART_COUNT]; /* out_dir/folder/NAME.png, owned */
} chart_files;

/* Appends 2 * CHART_COUNT files to `files` at `*n`: the documents `svg` under the names of
 * `charts`, then the PNG downloads named `png_names`. Everything given is borrowed and must
 * outlive `f`; the files are written by publish_period before chart_files_free. */
void chart_files_start(chart_files *f, const chart_set *charts, const buf svg[CHART_COUNT],
                       const char png_names[CHART_COUNT][48], const char *out_dir,
                       const char *folder, output_file *files, size_t *n);
void chart_files_free(chart_files *f);

#endif
