#include "png.h"

#include <math.h>
#include <stdbool.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "alloc.h"

/* The largest picture drawn, in pixels a side: far past any chart, well short of what cairo
 * refuses (32767) or what would exhaust memory. */
enum { PNG_MAX_SIDE = 16384 };

static cairo_status_t append_png(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static void fail(diag_list *diags, const char *name, const char *what, GError *error)
{
    diag_add(diags, DIAG_ERROR, name, 0, 0, "cannot render the chart as PNG: %s%s%s", what,
             error ? ": " : "", error ? error->message : "");
    if (error)
        g_error_free(error);
}

/* The SVG's own size in CSS pixels, from its width and height (or its viewBox). */
static int intrinsic_size(RsvgHandle *handle, double *w, double *h)
{
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, w, h))
        return -1;
    return *w > 0 && *h > 0 && isfinite(*w) && isfinite(*h) ? 0 : -1;
}

/* Draws `handle` over white on a new surface of w x h pixels; NULL when cairo cannot. */
static cairo_surface_t *draw(RsvgHandle *handle, int w, int h, GError **error)
{
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return NULL;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    RsvgRectangle viewport = {0, 0, w, h};
    gboolean drawn = rsvg_handle_render_document(handle, cr, &viewport, error);
    bool ok = drawn && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    if (!ok) {
        cairo_surface_destroy(surface);
        return NULL;
    }
    cairo_surface_flush(surface);
    return surface;
}

/* Pixels a CSS pixel: `dpi` for the size shown. */
static double scale_for(double w, double dpi, double max_width)
{
    double inches = w / 96;
    if (max_width > 0 && inches > max_width)
        inches = max_width;
    return inches * dpi / w;
}

int png_from_svg(const char *svg, size_t len, double dpi, double max_width, const char *name,
                 png_image *out, diag_list *diags)
{
    GError *error = NULL;
    RsvgHandle *handle = rsvg_handle_new_from_data((const guint8 *)svg, len, &error);
    if (!handle) {
        fail(diags, name, "librsvg cannot read it", error);
        return -1;
    }
    int rc = -1;
    double w = 0, h = 0, scale = 0;
    if (intrinsic_size(handle, &w, &h) == 0)
        scale = scale_for(w, dpi, max_width);
    if (!(scale > 0) || w * scale > PNG_MAX_SIDE || h * scale > PNG_MAX_SIDE) {
        fail(diags, name, "it has no usable width and height", NULL);
    } else {
        int pw = (int)lround(w * scale), ph = (int)lround(h * scale);
        cairo_surface_t *surface = draw(handle, pw < 1 ? 1 : pw, ph < 1 ? 1 : ph, &error);
        if (!surface) {
            fail(diags, name, "drawing failed", error);
        } else if (cairo_surface_write_to_png_stream(surface, append_png, &out->data) !=
                   CAIRO_STATUS_SUCCESS) {
            fail(diags, name, "encoding failed", NULL);
        } else {
            *out = (png_image){out->data, cairo_image_surface_get_width(surface),
                               cairo_image_surface_get_height(surface), w, h};
            rc = 0;
        }
        if (surface)
            cairo_surface_destroy(surface);
    }
    g_object_unref(handle);
    return rc;
}

void png_image_free(png_image *image)
{
    buf_free(&image->data);
    *image = (png_image)PNG_IMAGE_INIT;
}
