#include "svg_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* The sonames of the packages librsvg2-2, libcairo2 and libglib2.0-0. */
static const char *const libraries[] = {"librsvg-2.so.2", "libcairo.so.2", "libgobject-2.0.so.0",
                                        "libglib-2.0.so.0"};
enum { RSVG, CAIRO, GOBJECT, GLIB, LIBRARIES };

static svg_lib lib;
static const char *failure = "not loaded"; /* NULL once loaded; set by load() alone */
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* Looks `name` up in `handle` into *slot (a function pointer's storage); false, with the reason
 * in `failure`, when it is not there. */
static bool find(void *handle, const char *name, void *slot)
{
    void *symbol = dlsym(handle, name);
    if (!symbol) {
        failure = dlerror();
        return false;
    }
    /* POSIX guarantees a data pointer from dlsym converts to the function pointer it names. */
    *(void **)slot = symbol;
    return true;
}

static void load(void)
{
    void *handles[LIBRARIES];
    for (int i = 0; i < LIBRARIES; i++) {
        handles[i] = dlopen(libraries[i], RTLD_NOW | RTLD_LOCAL);
        if (!handles[i]) {
            failure = dlerror();
            return;
        }
    }
    const struct {
        int library;
        const char *name;
        void *slot;
    } functions[] = {
        {RSVG, "rsvg_handle_new_from_data", &lib.handle_new_from_data},
        {RSVG, "rsvg_handle_get_intrinsic_size_in_pixels",
         &lib.handle_get_intrinsic_size_in_pixels},
        {RSVG, "rsvg_handle_render_document", &lib.handle_render_document},
        {GOBJECT, "g_object_unref", &lib.object_unref},
        {GLIB, "g_error_free", &lib.error_free},
        {CAIRO, "cairo_image_surface_create", &lib.image_surface_create},
        {CAIRO, "cairo_image_surface_get_data", &lib.image_surface_get_data},
        {CAIRO, "cairo_image_surface_get_width", &lib.image_surface_get_width},
        {CAIRO, "cairo_image_surface_get_height", &lib.image_surface_get_height},
        {CAIRO, "cairo_image_surface_get_stride", &lib.image_surface_get_stride},
        {CAIRO, "cairo_surface_status", &lib.surface_status},
        {CAIRO, "cairo_surface_flush", &lib.surface_flush},
        {CAIRO, "cairo_surface_destroy", &lib.surface_destroy},
        {CAIRO, "cairo_create", &lib.create},
        {CAIRO, "cairo_status", &lib.status},
        {CAIRO, "cairo_set_source_rgb", &lib.set_source_rgb},
        {CAIRO, "cairo_paint", &lib.paint},
        {CAIRO, "cairo_destroy", &lib.destroy},
    };
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++)
        if (!find(handles[functions[i].library], functions[i].name, functions[i].slot))
            return;
    failure = NULL;
}

const svg_lib *svg_lib_get(const char **why)
{
    if (pthread_once(&once, load) != 0 || failure) {
        *why = failure ? failure : "pthread_once failed";
        return NULL;
    }
    return &lib;
}
