/* svg_png.h - SVG text -> PNG bytes, for the outputs that cannot carry SVG (the Word briefing's
 * charts; the PNG downloads beside the SVG files: chart_png.h).
 *
 * librsvg draws the SVG over white on a cairo image surface at `dpi` dots an inch of the size it
 * is shown: its own size (96 CSS pixels an inch), reduced to `max_width` inches when wider. The
 * pixels are encoded here (zlib, quickly: drawing and encoding a chart costs tens of
 * milliseconds, the most of any output), with a tEXt chunk "gen-source" naming what they were
 * made from: the SVG's SHA-256 and size, the dpi and width, the librsvg and cairo versions.
 * A picture published by an earlier run whose chunk names the same is the same picture, and
 * png_reusable lets a writer take it instead of drawing it again. Nothing of the clock goes
 * into the bytes. Safe to call from several threads. */
#ifndef GEN_SVG_PNG_H
#define GEN_SVG_PNG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"

typedef struct png_image {
    buf data;          /* the PNG file, owned */
    int width, height; /* in pixels */
    double svg_width;  /* the SVG's own size, in CSS pixels (96 an inch) */
    double svg_height;
} png_image;

#define PNG_IMAGE_INIT                                                                             \
    {                                                                                              \
        BUF_INIT, 0, 0, 0, 0                                                                       \
    }

/* Renders `len` bytes of SVG text into `out` (which must be PNG_IMAGE_INIT or freed) at `dpi`
 * for the size it is shown, at most `max_width` inches wide (0: its own size). `name` names the
 * picture in diagnostics. Returns 0, or -1 after adding an error to `diags`. */
int png_from_svg(const char *svg, size_t len, double dpi, double max_width, const char *name,
                 png_image *out, diag_list *diags);

/* When `png` (`png_len` bytes, e.g. read from an earlier publication) is what png_from_svg
 * would make of these arguments, by its gen-source chunk, copies it into `out` with its sizes
 * and returns true; else leaves `out` alone and returns false. */
bool png_reusable(const char *png, size_t png_len, const char *svg, size_t len, double dpi,
                  double max_width, png_image *out);

void png_image_free(png_image *image);

/* Print resolution: the PNG downloads beside the SVG files and the Word briefing's pictures
 * (chart_png.h). */
#define PNG_PRINT_DPI 300.0

#endif
