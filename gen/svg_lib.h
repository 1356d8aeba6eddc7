/* svg_lib.h - librsvg and cairo, loaded the first time a chart is drawn.
 *
 * They pull some fifty shared libraries (GLib, Pango, fontconfig, ICU, X11...) whose loading
 * and relocation cost more than a whole run of gen that draws nothing: a run whose charts are
 * unchanged takes its pictures from the previous publication (svg_png.h) and never needs them.
 * So gen is not linked with them; svg_lib_get opens them with dlopen, by the sonames Debian's
 * packages install, once for the process (any thread), and never closes them. The types come
 * from their headers at build time, the functions through this table. */
#ifndef GEN_SVG_LIB_H
#define GEN_SVG_LIB_H

#include <cairo.h>
#include <librsvg/rsvg.h>

typedef struct svg_lib {
    RsvgHandle *(*handle_new_from_data)(const guint8 *data, gsize len, GError **error);
    gboolean (*handle_get_intrinsic_size_in_pixels)(RsvgHandle *handle, gdouble *w, gdouble *h);
    gboolean (*handle_render_document)(RsvgHandle *handle, cairo_t *cr,
                                       const RsvgRectangle *viewport, GError **error);
    void (*object_unref)(gpointer object);
    void (*error_free)(GError *error);
    cairo_surface_t *(*image_surface_create)(cairo_format_t format, int width, int height);
    unsigned char *(*image_surface_get_data)(cairo_surface_t *surface);
    int (*image_surface_get_width)(cairo_surface_t *surface);
    int (*image_surface_get_height)(cairo_surface_t *surface);
    int (*image_surface_get_stride)(cairo_surface_t *surface);
    cairo_status_t (*surface_status)(cairo_surface_t *surface);
    void (*surface_flush)(cairo_surface_t *surface);
    void (*surface_destroy)(cairo_surface_t *surface);
    cairo_t *(*create)(cairo_surface_t *target);
    cairo_status_t (*status)(cairo_t *cr);
    void (*set_source_rgb)(cairo_t *cr, double red, double green, double blue);
    void (*paint)(cairo_t *cr);
    void (*destroy)(cairo_t *cr);
} svg_lib;

/* The functions, or NULL when a library or a function cannot be loaded; then `*why` (static
 * text, or dlerror's, valid until the next dl call) says which. */
const svg_lib *svg_lib_get(const char **why);

#endif
