/* svg.h - horizontal bar charts drawn as SVG, self-contained (no fonts, scripts or images
 * fetched), readable in black and white: the second series is hatched, not just coloured, and
 * every bar carries its value as text.
 *
 * The caller gives geometry in the chart's own unit (bar lengths, axis ticks) and every text
 * already formatted; this module only lays them out and escapes them. */
#ifndef GEN_SVG_H
#define GEN_SVG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum { SVG_MAX_SERIES = 2, SVG_MAX_TICKS = 12 };

typedef struct svg_bar_row {
    const char *label;                        /* category, wrapped on two lines when long */
    double values[SVG_MAX_SERIES];            /* bar lengths, in the axis unit */
    const char *value_labels[SVG_MAX_SERIES]; /* printed past the end of each bar */
} svg_bar_row;

typedef struct svg_bar_chart {
    const char *id;    /* unique within a page: prefixes the ids of patterns and titles */
    const char *title; /* <title>, and shown above the chart */
    const char *desc;  /* <desc>: the chart in words, for screen readers */
    const char *series[SVG_MAX_SERIES]; /* legend names */
    int n_series;
    const svg_bar_row *rows;
    size_t n_rows;
    double axis_max; /* the axis runs from 0 to axis_max (> 0) */
    double ticks[SVG_MAX_TICKS];
    const char *tick_labels[SVG_MAX_TICKS];
    size_t n_ticks;
    bool has_reference; /* a vertical line across the bars, e.g. the share of year elapsed */
    double reference;
    const char *reference_label;
} svg_bar_chart;

/* Appends the chart as one <svg> element (no XML prolog, so it can be inlined in HTML and also
 * stand alone as a .svg file once svg_document wraps it). */
void svg_bar_chart_render(buf *out, const svg_bar_chart *chart);

/* Appends a standalone SVG file: the XML declaration, then `svg_element`. */
void svg_document(buf *out, const char *svg_element);

#endif
