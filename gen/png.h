/* png.h - SVG text -> PNG bytes, for the outputs that cannot carry SVG (the Word briefing's
 * charts; the PNG downloads beside the SVG files).
 *
 * librsvg draws the SVG over white on a cairo image surface at `dpi` dots an inch of the size it
 * is shown: its own size (96 CSS pixels an inch), reduced to `max_width` inches when wider;
 * cairo encodes it as PNG. Nothing of the clock goes into the bytes: the same SVG and the same
 * fonts give the same PNG. Safe to call from any one thread at a time. */
#ifndef GEN_PNG_H
#define GEN_PNG_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

typedef struct png_image {
    buf data;          /* the PNG file, owned */
    int width, height; /* in pixels */
    double svg_width;  /* the SVG's own size, in CSS pixels (96 a inch) */
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

void png_image_free(png_image *image);

#endif
