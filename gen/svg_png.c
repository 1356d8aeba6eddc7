#include "svg_png.h"

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "alloc.h"
#include "digest.h"
#include "svg_lib.h"

/* The largest picture drawn, in pixels a side: far past any chart, well short of what cairo
 * refuses (32767) or what would exhaust memory. */
enum { PNG_MAX_SIDE = 16384 };

/* Bumped whenever the pixels made of one SVG change (drawing or encoding), so that no earlier
 * picture is taken for a new one. */
#define PNG_RECIPE     "1"
#define SOURCE_KEYWORD "gen-source"

static void fail(diag_list *diags, const char *name, const char *what, GError *error,
                 const svg_lib *lib)
{
    diag_add(diags, DIAG_ERROR, name, 0, 0, "cannot render the chart as PNG: %s%s%s", what,
             error ? ": " : "", error ? error->message : "");
    if (error)
        lib->error_free(error);
}

/* ------------------------------------------------------------------------------ provenance */

/* What a picture is made from, as its gen-source chunk says it: everything that changes its
 * pixels but the fonts installed. */
static void source_text(buf *out, const char *svg, size_t len, double dpi, double max_width)
{
    char hex[DIGEST_HEX_SIZE];
    digest_bytes(svg, len, hex);
    buf_printf(out,
               "recipe " PNG_RECIPE " svg-sha256 %s dpi %.3f max-width %.4f librsvg %d.%d.%d "
               "cairo %s",
               hex, dpi, max_width, LIBRSVG_MAJOR_VERSION, LIBRSVG_MINOR_VERSION,
               LIBRSVG_MICRO_VERSION, CAIRO_VERSION_STRING);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

/* The text of the chunk "gen-source" (after its keyword and NUL) of a PNG written here: it
 * follows IHDR. NULL when there is none. */
static const char *stored_source(const unsigned char *p, size_t n, size_t *text_len)
{
    static const size_t at = 8 + 25; /* signature, IHDR */
    if (n < at + 12 || memcmp(p, signature, 8) != 0 || memcmp(p + at + 4, "tEXt", 4) != 0)
        return NULL;
    size_t len = be32(p + at), keyword = sizeof SOURCE_KEYWORD;
    if (len < keyword || len > n - at - 12 || memcmp(p + at + 8, SOURCE_KEYWORD, keyword) != 0)
        return NULL;
    *text_len = len - keyword;
    return (const char *)p + at + 8 + keyword;
}

/* The sizes the chunk's "svg-size W H" gives. */
static bool stored_svg_size(const char *text, size_t len, double *w, double *h)
{
    char copy[512];
    if (len >= sizeof copy)
        return false;
    memcpy(copy, text, len);
    copy[len] = '\0';
    const char *size = strstr(copy, " svg-size ");
    return size && sscanf(size, " svg-size %lf %lf", w, h) == 2 && *w > 0 && *h > 0;
}

bool png_reusable(const char *png, size_t png_len, const char *svg, size_t len, double dpi,
                  double max_width, png_image *out)
{
    const unsigned char *p = (const unsigned char *)png;
    size_t text_len = 0;
    const char *text = stored_source(p, png_len, &text_len);
    buf want = BUF_INIT;
    source_text(&want, svg, len, dpi, max_width);
    double w, h;
    bool same = text && text_len > want.len && memcmp(text, want.data, want.len) == 0 &&
                text[want.len] == ' ' && stored_svg_size(text, text_len, &w, &h);
    buf_free(&want);
    if (!same)
        return false;
    buf_clear(&out->data);
    buf_append(&out->data, png, png_len);
    *out = (png_image){out->data, (int)be32(p + 16), (int)be32(p + 20), w, h};
    return true;
}

/* ------------------------------------------------------------------------------ encoding */

static void chunk(buf *out, const char *type, const unsigned char *data, size_t len)
{
    unsigned char head[8] = {(unsigned char)(len >> 24), (unsigned char)(len >> 16),
                             (unsigned char)(len >> 8), (unsigned char)len};
    memcpy(head + 4, type, 4);
    buf_append(out, (const char *)head, 8);
    buf_append(out, (const char *)data, len);
    uLong crc = crc32(0, head + 4, 4);
    if (len > 0) /* crc32 of a NULL buffer is zlib's initial value, not a no-op */
        crc = crc32(crc, data, (uInt)len);
    unsigned char tail[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                             (unsigned char)(crc >> 8), (unsigned char)crc};
    buf_append(out, (const char *)tail, 4);
}

/* Deflates what `z` holds in: appends the output to `out`. Returns zlib's status. */
static int deflate_into(z_stream *z, int flush, buf *out)
{
    unsigned char chunk_out[65536];
    int rc;
    do {
        z->next_out = chunk_out;
        z->avail_out = sizeof chunk_out;
        rc = deflate(z, flush);
        if (rc == Z_STREAM_ERROR)
            return rc;
        buf_append(out, (const char *)chunk_out, sizeof chunk_out - z->avail_out);
    } while (z->avail_out == 0);
    return rc;
}

/* The rows of an RGB24 surface as PNG scanlines (filter "Up": a chart's rows mostly repeat the
 * row above), deflated quickly, a row at a time: a 300 dpi chart is tens of megabytes of
 * pixels, and three are drawn at once. Returns 0, or -1 when zlib fails. */
static int image_data(const svg_lib *lib, cairo_surface_t *surface, buf *out)
{
    int w = lib->image_surface_get_width(surface), h = lib->image_surface_get_height(surface);
    int stride = lib->image_surface_get_stride(surface);
    const unsigned char *pixels = lib->image_surface_get_data(surface);
    size_t row = 1 + 3 * (size_t)w;
    unsigned char *filtered = xmalloc(row);
    z_stream z = {0};
    if (deflateInit(&z, 1) != Z_OK) {
        free(filtered);
        return -1;
    }
    buf data = BUF_INIT;
    int rc = Z_OK;
    for (int y = 0; y < h && rc != Z_STREAM_ERROR; y++) {
        unsigned char *d = filtered;
        const uint32_t *s = (const uint32_t *)(pixels + (size_t)stride * (size_t)y);
        const uint32_t *above =
            y ? (const uint32_t *)(pixels + (size_t)stride * (size_t)(y - 1)) : NULL;
        *d++ = 2; /* Up */
        for (int x = 0; x < w; x++) {
            uint32_t c = s[x], a = above ? above[x] : 0;
            *d++ = (unsigned char)((c >> 16) - (a >> 16));
            *d++ = (unsigned char)((c >> 8) - (a >> 8));
            *d++ = (unsigned char)(c - a);
        }
        z.next_in = filtered;
        z.avail_in = (uInt)row;
        rc = deflate_into(&z, Z_NO_FLUSH, &data);
    }
    if (rc != Z_STREAM_ERROR)
        rc = deflate_into(&z, Z_FINISH, &data);
    deflateEnd(&z);
    free(filtered);
    if (rc == Z_STREAM_END)
        chunk(out, "IDAT", (const unsigned char *)data.data, data.len);
    buf_free(&data);
    return rc == Z_STREAM_END ? 0 : -1;
}

static int encode(const svg_lib *lib, cairo_surface_t *surface, const buf *source, buf *out)
{
    uint32_t w = (uint32_t)lib->image_surface_get_width(surface);
    uint32_t h = (uint32_t)lib->image_surface_get_height(surface);
    unsigned char ihdr[13] = {w >> 24, w >> 16, w >> 8, w, h >> 24, h >> 16, h >> 8,
                              h,       8,       2,      0, 0,       0}; /* 8 bits, RGB */
    buf_append(out, (const char *)signature, 8);
    chunk(out, "IHDR", ihdr, sizeof ihdr);
    buf text = BUF_INIT;
    buf_append(&text, SOURCE_KEYWORD, sizeof SOURCE_KEYWORD); /* with its NUL */
    buf_append(&text, source->data, source->len);
    chunk(out, "tEXt", (const unsigned char *)text.data, text.len);
    buf_free(&text);
    if (image_data(lib, surface, out) != 0)
        return -1;
    chunk(out, "IEND", NULL, 0);
    return 0;
}

/* ------------------------------------------------------------------------------ drawing */

/* The SVG's own size in CSS pixels, from its width and height (or its viewBox). */
static int intrinsic_size(const svg_lib *lib, RsvgHandle *handle, double *w, double *h)
{
    if (!lib->handle_get_intrinsic_size_in_pixels(handle, w, h))
        return -1;
    return *w > 0 && *h > 0 && isfinite(*w) && isfinite(*h) ? 0 : -1;
}

/* Draws `handle` over white on a new surface of w x h pixels; NULL when cairo cannot. */
static cairo_surface_t *draw(const svg_lib *lib, RsvgHandle *handle, int w, int h, GError **error)
{
    cairo_surface_t *surface = lib->image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (lib->surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        lib->surface_destroy(surface);
        return NULL;
    }
    cairo_t *cr = lib->create(surface);
    lib->set_source_rgb(cr, 1, 1, 1);
    lib->paint(cr);
    RsvgRectangle viewport = {0, 0, w, h};
    gboolean drawn = lib->handle_render_document(handle, cr, &viewport, error);
    bool ok = drawn && lib->status(cr) == CAIRO_STATUS_SUCCESS;
    lib->destroy(cr);
    if (!ok) {
        lib->surface_destroy(surface);
        return NULL;
    }
    lib->surface_flush(surface);
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

/* Draws and encodes the loaded SVG of size w x h. */
static int render(const svg_lib *lib, RsvgHandle *handle, double w, double h, double scale,
                  const buf *source, const char *name, png_image *out, diag_list *diags)
{
    int pw = (int)lround(w * scale), ph = (int)lround(h * scale);
    GError *error = NULL;
    cairo_surface_t *surface = draw(lib, handle, pw < 1 ? 1 : pw, ph < 1 ? 1 : ph, &error);
    if (!surface) {
        fail(diags, name, "drawing failed", error, lib);
        return -1;
    }
    int rc = encode(lib, surface, source, &out->data);
    if (rc == 0)
        *out = (png_image){out->data, lib->image_surface_get_width(surface),
                           lib->image_surface_get_height(surface), w, h};
    else
        fail(diags, name, "encoding failed", NULL, lib);
    lib->surface_destroy(surface);
    return rc;
}

int png_from_svg(const char *svg, size_t len, double dpi, double max_width, const char *name,
                 png_image *out, diag_list *diags)
{
    const char *why = NULL;
    const svg_lib *lib = svg_lib_get(&why);
    if (!lib) {
        diag_add(diags, DIAG_ERROR, name, 0, 0,
                 "cannot render the chart as PNG: librsvg cannot be loaded: %s", why);
        return -1;
    }
    GError *error = NULL;
    RsvgHandle *handle = lib->handle_new_from_data((const guint8 *)svg, len, &error);
    if (!handle) {
        fail(diags, name, "librsvg cannot read it", error, lib);
        return -1;
    }
    int rc = -1;
    double w = 0, h = 0, scale = 0;
    if (intrinsic_size(lib, handle, &w, &h) == 0)
        scale = scale_for(w, dpi, max_width);
    if (!(scale > 0) || w * scale > PNG_MAX_SIDE || h * scale > PNG_MAX_SIDE) {
        fail(diags, name, "it has no usable width and height", NULL, lib);
    } else {
        buf source = BUF_INIT;
        source_text(&source, svg, len, dpi, max_width);
        buf_printf(&source, " svg-size %.17g %.17g", w, h);
        rc = render(lib, handle, w, h, scale, &source, name, out, diags);
        buf_free(&source);
    }
    lib->object_unref(handle);
    return rc;
}

void png_image_free(png_image *image)
{
    buf_free(&image->data);
    *image = (png_image)PNG_IMAGE_INIT;
}
