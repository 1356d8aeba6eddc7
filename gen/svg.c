#include "svg.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "escape.h"

/* Layout, in SVG user units (the picture scales to its container). */
enum {
    WIDTH = 760,
    LABEL_WIDTH = 210,
    VALUE_ROOM = 80,
    TOP = 58,
    BAR_HEIGHT = 11,
    ROW_GAP = 8,
    AXIS_ROOM = 34,
    FONT_SIZE = 12,
    WRAP_CHARS = 30
};

static void text(buf *out, const char *s)
{
    mustache_escape_html(out, s, strlen(s));
}

static double bar_area(void)
{
    return WIDTH - LABEL_WIDTH - VALUE_ROOM;
}

static double x_of(const svg_bar_chart *c, double v)
{
    if (v < 0)
        v = 0;
    if (v > c->axis_max)
        v = c->axis_max;
    return LABEL_WIDTH + bar_area() * v / c->axis_max;
}

static double row_height(const svg_bar_chart *c)
{
    return c->n_series * BAR_HEIGHT + ROW_GAP + (c->n_series == 1 ? 6 : 0);
}

/* The hatched bars (the second series), striped together after the last bar: drawn white, with
 * their outline, where they stand; then one path of red stripes clipped to all of them, and
 * the outlines again on top. A <pattern> would say it shorter, but librsvg draws a scaled
 * pattern pixel by pixel through a slow filter: a chart's PNG took four times as long. */
typedef struct hatch {
    buf clip;    /* the bars as <rect>s, for the <clipPath> */
    buf outline; /* the bars as one path, for the outlines on top */
    double x0, y0, x1, y1; /* the box around them */
} hatch;

#define HATCH_INIT                                                                                 \
    {                                                                                              \
        BUF_INIT, BUF_INIT, 0, 0, 0, 0                                                             \
    }

/* A bar of series `series`: its fill and outline; a hatched one noted in `h`. */
static void bar_rect(buf *out, hatch *h, int series, double x, double y, double w, double ht)
{
    buf_printf(out,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
               "stroke=\"#000000\" stroke-width=\"0.5\"/>",
               x, y, w, ht, series == 0 ? "#2f4b7c" : "#ffffff");
    if (series == 0)
        return;
    bool first = h->outline.len == 0;
    buf_printf(&h->clip, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>", x, y,
               w, ht);
    buf_printf(&h->outline, "M%.1f %.1fh%.1fv%.1fh%.1fz", x, y, w, ht, -w);
    h->x0 = first || x < h->x0 ? x : h->x0;
    h->y0 = first || y < h->y0 ? y : h->y0;
    h->x1 = first || x + w > h->x1 ? x + w : h->x1;
    h->y1 = first || y + ht > h->y1 ? y + ht : h->y1;
}

/* Red stripes at 45 degrees, 3 units wide every 6 across them (where (x + y) / sqrt(2), modulo
 * 6, is below 3), over the box of the hatched bars, clipped to the bars. */
static void hatching(buf *out, const svg_bar_chart *c, const hatch *h)
{
    if (h->outline.len == 0)
        return;
    double period = 6 * sqrt(2), red = period / 2;
    buf_printf(out, "<clipPath id=\"%s-hatched\">%s</clipPath>\n", c->id, h->clip.data);
    buf_printf(out, "<path clip-path=\"url(#%s-hatched)\" fill=\"#c0504d\" d=\"", c->id);
    for (double k = floor((h->x0 + h->y0) / period); k * period < h->x1 + h->y1; k++) {
        double c0 = k * period, c1 = c0 + red;
        buf_printf(out, "M%.2f %.1fH%.2fL%.2f %.1fH%.2fz", c0 - h->y0, h->y0, c1 - h->y0,
                   c1 - h->y1, h->y1, c0 - h->y1);
    }
    buf_printf(out,
               "\"/>\n<path fill=\"none\" stroke=\"#000000\" stroke-width=\"0.5\" d=\"%s\"/>\n",
               h->outline.data);
}

static void heading_and_legend(buf *out, const svg_bar_chart *c, hatch *h)
{
    buf_printf(out, "<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\">");
    text(out, c->title);
    buf_puts(out, "</text>\n");
    double x = 0;
    for (int s = 0; s < c->n_series; s++) {
        bar_rect(out, h, s, x, 30, 14, 11);
        buf_printf(out, "<text x=\"%.1f\" y=\"40\">", x + 19);
        text(out, c->series[s]);
        buf_puts(out, "</text>\n");
        x += 19 + 8.0 * (double)strlen(c->series[s]) + 24;
    }
}

/* Finds where to break a label: the last space before WRAP_CHARS characters. */
static size_t wrap_point(const char *s)
{
    size_t chars = 0, last_space = 0;
    for (size_t i = 0; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (chars == WRAP_CHARS)
            return last_space ? last_space : i;
        if (s[i] == ' ')
            last_space = i;
        chars++;
    }
    return 0; /* fits on one line */
}

static void category_label(buf *out, const char *label, double y_middle)
{
    size_t cut = wrap_point(label);
    if (cut == 0) {
        buf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LABEL_WIDTH - 8,
                   y_middle + 4);
        text(out, label);
        buf_puts(out, "</text>\n");
        return;
    }
    buf_printf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LABEL_WIDTH - 8,
               y_middle - 2);
    buf_printf(out, "<tspan x=\"%d\">", LABEL_WIDTH - 8);
    mustache_escape_html(out, label, cut);
    buf_printf(out, "</tspan><tspan x=\"%d\" dy=\"%d\">", LABEL_WIDTH - 8, FONT_SIZE + 1);
    const char *rest = label + cut + (label[cut] == ' ');
    size_t rest_cut = wrap_point(rest);
    if (rest_cut) {
        mustache_escape_html(out, rest, rest_cut);
        buf_puts(out, "…");
    } else {
        text(out, rest);
    }
    buf_puts(out, "</tspan></text>\n");
}

static void bars(buf *out, const svg_bar_chart *c, const svg_bar_row *row, double y, hatch *h)
{
    for (int s = 0; s < c->n_series; s++) {
        double top = y + s * BAR_HEIGHT;
        double end = x_of(c, row->values[s]);
        bar_rect(out, h, s, LABEL_WIDTH, top, end - LABEL_WIDTH, BAR_HEIGHT);
        buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">", end + 4,
                   top + BAR_HEIGHT - 2);
        text(out, row->value_labels[s]);
        buf_puts(out, "</text>\n");
    }
}

static void axis(buf *out, const svg_bar_chart *c, double bottom)
{
    buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000000\"/>\n",
               LABEL_WIDTH, TOP - 4, LABEL_WIDTH, bottom);
    for (size_t i = 0; i < c->n_ticks; i++) {
        double x = x_of(c, c->ticks[i]);
        buf_printf(out,
                   "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbbbbb\" "
                   "stroke-dasharray=\"2 3\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                   "text-anchor=\"middle\">",
                   x, TOP - 4, x, bottom, x, bottom + 14);
        text(out, c->tick_labels[i]);
        buf_puts(out, "</text>\n");
    }
}

static void reference_line(buf *out, const svg_bar_chart *c, double bottom)
{
    double x = x_of(c, c->reference);
    buf_printf(out,
               "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000000\" "
               "stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/><text x=\"%.1f\" y=\"%.1f\" "
               "font-size=\"10\" text-anchor=\"middle\" font-weight=\"bold\">",
               x, TOP - 8, x, bottom, x, bottom + 28);
    text(out, c->reference_label);
    buf_puts(out, "</text>\n");
}

void svg_bar_chart_render(buf *out, const svg_bar_chart *c)
{
    double rh = row_height(c);
    double bottom = TOP + rh * (double)c->n_rows;
    double height = bottom + AXIS_ROOM + (c->has_reference ? 10 : 0);
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %.0f\" "
               "width=\"%d\" height=\"%.0f\" role=\"img\" aria-label=\"",
               WIDTH, height, WIDTH, height);
    text(out, c->title);
    buf_printf(out,
               "\" style=\"font-family: 'DejaVu Sans', 'Noto Sans', Arial, sans-serif; "
               "font-size: %dpx\">\n<title>",
               FONT_SIZE);
    text(out, c->title);
    buf_puts(out, "</title>\n<desc>");
    text(out, c->desc);
    buf_puts(out, "</desc>\n");
    buf_printf(out, "<rect width=\"%d\" height=\"%.0f\" fill=\"#ffffff\"/>\n", WIDTH, height);
    hatch h = HATCH_INIT;
    heading_and_legend(out, c, &h);
    axis(out, c, bottom);
    for (size_t i = 0; i < c->n_rows; i++) {
        double y = TOP + rh * (double)i + ROW_GAP / 2.0;
        category_label(out, c->rows[i].label, y + c->n_series * BAR_HEIGHT / 2.0);
        bars(out, c, &c->rows[i], y, &h);
    }
    hatching(out, c, &h);
    buf_free(&h.clip);
    buf_free(&h.outline);
    if (c->has_reference)
        reference_line(out, c, bottom);
    buf_puts(out, "</svg>");
}

void svg_document(buf *out, const char *svg_element)
{
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    buf_puts(out, svg_element);
    buf_putc(out, '\n');
}
