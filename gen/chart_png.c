/* The charts' print pictures, each drawn once by whichever thread claims it first: the drawing
 * thread, or a caller of chart_pngs_get that needs it before that thread reaches it. */
#include "chart_png.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"
#include "buf.h"
#include "i18n.h"

/* Published pictures are a few hundred kilobytes; a larger file there is not one of ours. */
enum { PUBLISHED_MAX = 64 << 20 };

typedef enum state { PENDING, DRAWING, DONE } state;

typedef struct slot {
    chart_pngs *owner;
    chart_png_source source;
    png_image image;
    diag_list diags; /* why it could not be drawn */
    int rc;
    state state;
    bool reported; /* `diags` went to a caller */
} slot;

/* Threads drawing. One: the other files and the annex keep the second core busy meanwhile,
 * and each picture being drawn holds tens of megabytes of pixels (measured on the demo, two
 * drawers are no faster; at 63×20,000 lines they add 15 MB to the peak). */
enum { DRAWERS = 1 };

struct chart_pngs {
    pthread_mutex_t lock; /* guards every slot's state and reported */
    pthread_cond_t done;  /* a slot became DONE */
    slot slots[CHART_COUNT];
    pthread_t threads[DRAWERS];
    bool started[DRAWERS];
};

/* The published file into `out`; false when it is missing, unreadable or too large. */
static bool read_published(const char *path, buf *out)
{
    FILE *in = path ? fopen(path, "rb") : NULL;
    if (!in)
        return false;
    char chunk[65536];
    size_t got;
    while (out->len <= PUBLISHED_MAX && (got = fread(chunk, 1, sizeof chunk, in)) > 0)
        buf_append(out, chunk, got);
    bool whole = !ferror(in) && out->len <= PUBLISHED_MAX;
    fclose(in);
    return whole;
}

/* Takes the published picture when it is this one, else draws it. Outside the lock. */
static void make(slot *s)
{
    const chart_png_source *c = &s->source;
    buf old = BUF_INIT;
    bool reused = read_published(c->published, &old) &&
                  png_reusable(old.data, old.len, c->svg, c->len, PNG_PRINT_DPI, 0, &s->image);
    buf_free(&old);
    if (!reused)
        s->rc = png_from_svg(c->svg, c->len, PNG_PRINT_DPI, 0, c->name, &s->image, &s->diags);
}

/* Makes slot `s` if nobody has claimed it yet. */
static void claim_and_make(slot *s)
{
    pthread_mutex_t *lock = &s->owner->lock;
    pthread_mutex_lock(lock);
    bool mine = s->state == PENDING;
    if (mine)
        s->state = DRAWING;
    pthread_mutex_unlock(lock);
    if (!mine)
        return;
    make(s);
    pthread_mutex_lock(lock);
    s->state = DONE;
    pthread_cond_broadcast(&s->owner->done);
    pthread_mutex_unlock(lock);
}

/* A drawer: makes every chart not yet claimed, in order. */
static void *run(void *context)
{
    chart_pngs *p = context;
    for (size_t i = 0; i < CHART_COUNT; i++)
        claim_and_make(&p->slots[i]);
    return NULL;
}

chart_pngs *chart_pngs_start(const chart_png_source *sources)
{
    chart_pngs *p = xcalloc(1, sizeof *p);
    if (pthread_mutex_init(&p->lock, NULL) != 0 || pthread_cond_init(&p->done, NULL) != 0)
        alloc_failed(); /* both fail only for want of memory */
    for (size_t i = 0; i < CHART_COUNT; i++)
        p->slots[i] = (slot){.owner = p,
                             .source = sources[i],
                             .image = PNG_IMAGE_INIT,
                             .diags = DIAG_LIST_INIT,
                             .state = PENDING};
    for (size_t i = 0; i < DRAWERS; i++)
        p->started[i] = pthread_create(&p->threads[i], NULL, run, p) == 0;
    return p;
}

const png_image *chart_pngs_get(chart_pngs *p, size_t i, diag_list *diags)
{
    slot *s = &p->slots[i];
    claim_and_make(s); /* does nothing when its thread (or another caller) has it */
    pthread_mutex_lock(&p->lock);
    while (s->state != DONE)
        pthread_cond_wait(&p->done, &p->lock);
    bool report = s->rc != 0 && !s->reported;
    s->reported = s->reported || report;
    pthread_mutex_unlock(&p->lock);
    if (report)
        diag_list_append(diags, &s->diags); /* no one else touches diags once reported */
    return s->rc == 0 ? &s->image : NULL;
}

const char *chart_png_download_bytes(const void *context, size_t *len, diag_list *diags)
{
    const chart_png_download *d = context;
    const png_image *image = chart_pngs_get(d->pngs, d->index, diags);
    if (!image)
        return NULL;
    *len = image->data.len;
    return image->data.data;
}

void chart_pngs_free(chart_pngs *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < DRAWERS; i++)
        if (p->started[i])
            pthread_join(p->threads[i], NULL);
    for (size_t i = 0; i < CHART_COUNT; i++) {
        png_image_free(&p->slots[i].image);
        diag_list_free(&p->slots[i].diags);
    }
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

void chart_files_start(chart_files *f, const chart_set *charts, const buf svg[CHART_COUNT],
                       const char png_names[CHART_COUNT][48], const char *out_dir,
                       const char *folder, output_file *files, size_t *n)
{
    for (int i = 0; i < CHART_COUNT; i++)
        files[(*n)++] = output_data(charts->charts[i].file_name, svg[i].data, svg[i].len);
    for (int i = 0; i < CHART_COUNT; i++) {
        buf b = BUF_INIT;
        buf_printf(&b, "%s/%s/%s", out_dir, folder, png_names[i]);
        f->published[i] = buf_detach(&b);
        f->sources[i] = (chart_png_source){svg[i].data, svg[i].len, png_names[i], f->published[i]};
    }
    f->pngs = chart_pngs_start(f->sources);
    for (int i = 0; i < CHART_COUNT; i++) {
        f->downloads[i] = (chart_png_download){f->pngs, (size_t)i};
        files[(*n)++] = output_made(png_names[i], chart_png_download_bytes, &f->downloads[i]);
    }
}

void chart_files_free(chart_files *f)
{
    chart_pngs_free(f->pngs);
    for (int i = 0; i < CHART_COUNT; i++)
        free(f->published[i]);
    *f = (chart_files){0};
}
