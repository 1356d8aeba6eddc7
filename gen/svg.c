#include "svg.h"

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

static void fill_of(buf *out, const svg_bar_chart *c, int series)
{
    if (series == 0)
        buf_puts(out, "#2f4b7c");
    else
        buf_printf(out, "url(#%s-hatch)", c->id);
}

static void definitions(buf *out, const svg_bar_chart *c)
{
    buf_printf(out,
               "<defs><pattern id=\"%s-hatch\" width=\"6\" height=\"6\" "
               "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
               "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
               "<rect width=\"3\" height=\"6\" fill=\"#c0504d\"/></pattern></defs>\n",
               c->id);
}

static void heading_and_legend(buf *out, const svg_bar_chart *c)
{
    buf_printf(out, "<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\">");
    text(out, c->title);
    buf_puts(out, "</text>\n");
    double x = 0;
    for (int s = 0; s < c->n_series; s++) {
        buf_printf(out, "<rect x=\"%.1f\" y=\"30\" width=\"14\" height=\"11\" fill=\"", x);
        fill_of(out, c, s);
        buf_printf(out, "\" stroke=\"#000000\" stroke-width=\"0.5\"/><text x=\"%.1f\" y=\"40\">",
                   x + 19);
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

static void bars(buf *out, const svg_bar_chart *c, const svg_bar_row *row, double y)
{
    for (int s = 0; s < c->n_series; s++) {
        double top = y + s * BAR_HEIGHT;
        double end = x_of(c, row->values[s]);
        buf_printf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"",
                   LABEL_WIDTH, top, end - LABEL_WIDTH, BAR_HEIGHT);
        fill_of(out, c, s);
        buf_puts(out, "\" stroke=\"#000000\" stroke-width=\"0.5\"/>");
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
    definitions(out, c);
    buf_printf(out, "<rect width=\"%d\" height=\"%.0f\" fill=\"#ffffff\"/>\n", WIDTH, height);
    heading_and_legend(out, c);
    axis(out, c, bottom);
    for (size_t i = 0; i < c->n_rows; i++) {
        double y = TOP + rh * (double)i + ROW_GAP / 2.0;
        category_label(out, c->rows[i].label, y + c->n_series * BAR_HEIGHT / 2.0);
        bars(out, c, &c->rows[i], y);
    }
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
