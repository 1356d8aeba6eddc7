/* The charts of the Word briefing as PNG pictures, drawn on threads of their own (librsvg is
 * the slowest part of the document), or taken from the briefing published before when they
 * have not changed. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unzip.h>

#include "alloc.h"
#include "docx_internal.h"

typedef struct job {
    docx_picture *picture;
    const chart *chart;
    diag_list diags;
    int rc;
    bool reused;
} job;

/* The text width, in inches: no chart is shown wider. */
static double text_width_inches(void)
{
    return (double)DOCX_TEXT_WIDTH * DOCX_EMU_PER_TWIP / DOCX_EMU_PER_INCH;
}

/* No picture of ours comes near this: a larger entry is not read. */
enum { PICTURE_MAX_BYTES = 32 << 20 };

/* The entry `name` of an open zip into `out`; false when it is missing, too large or broken. */
static bool read_entry(unzFile zip, const char *name, buf *out)
{
    unz_file_info64 info;
    if (unzLocateFile(zip, name, 1) != UNZ_OK ||
        unzGetCurrentFileInfo64(zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
        info.uncompressed_size > PICTURE_MAX_BYTES || unzOpenCurrentFile(zip) != UNZ_OK)
        return false;
    size_t want = (size_t)info.uncompressed_size;
    char *data = xmalloc(want + 1);
    int got = unzReadCurrentFile(zip, data, (unsigned)want);
    bool whole = unzCloseCurrentFile(zip) == UNZ_OK && got >= 0 && (size_t)got == want;
    if (whole)
        buf_append(out, data, want);
    free(data);
    return whole;
}

/* Takes each chart that the published Word briefing holds as the same picture. */
static void reuse(job *jobs, size_t n, const char *published)
{
    unzFile zip = published ? unzOpen64(published) : NULL;
    if (!zip)
        return;
    for (size_t i = 0; i < n; i++) {
        buf name = BUF_INIT, png = BUF_INIT;
        buf_printf(&name, "word/%s", jobs[i].picture->part);
        const char *svg = jobs[i].chart->svg;
        jobs[i].reused = read_entry(zip, name.data, &png) &&
                         png_reusable(png.data, png.len, svg, strlen(svg), DOCX_PICTURE_DPI,
                                      text_width_inches(), &jobs[i].picture->png);
        buf_free(&name);
        buf_free(&png);
    }
    unzClose(zip);
}

/* Draws one chart and sizes it: its own width, at most the text width; its aspect ratio. */
static void *draw(void *context)
{
    job *j = context;
    docx_picture *p = j->picture;
    if (!j->reused)
        j->rc = png_from_svg(j->chart->svg, strlen(j->chart->svg), DOCX_PICTURE_DPI,
                             text_width_inches(), j->chart->file_name, &p->png, &j->diags);
    if (j->rc == 0) {
        double cx = p->png.svg_width * DOCX_EMU_PER_PX;
        double most = (double)DOCX_TEXT_WIDTH * DOCX_EMU_PER_TWIP;
        cx = cx > most ? most : cx;
        p->cx = llround(cx);
        p->cy = llround(cx * p->png.svg_height / p->png.svg_width);
    }
    return NULL;
}

/* "chart-provinces.svg" -> "media/chart-provinces.png". */
static void name_picture(docx_picture *p, const chart *c, size_t index)
{
    const char *name = c->file_name;
    size_t stem = strlen(name) - (strrchr(name, '.') ? strlen(strrchr(name, '.')) : 0);
    *p = (docx_picture){.target = name, .png = PNG_IMAGE_INIT};
    snprintf(p->rel_id, sizeof p->rel_id, DOCX_REL_PICTURE_PREFIX "%zu", index + 1);
    snprintf(p->part, sizeof p->part, "media/%.*s.png", (int)stem, name);
}

int docx_pictures_make(docx_pictures *pictures, const chart_set *charts, const char *published,
                       diag_list *diags)
{
    job jobs[CHART_COUNT];
    pthread_t threads[CHART_COUNT];
    bool started[CHART_COUNT] = {false};
    pictures->count = CHART_COUNT;
    for (size_t i = 0; i < CHART_COUNT; i++) {
        name_picture(&pictures->items[i], &charts->charts[i], i);
        jobs[i] = (job){&pictures->items[i], &charts->charts[i], DIAG_LIST_INIT, 0, false};
    }
    reuse(jobs, CHART_COUNT, published);
    /* The first chart is drawn here; a thread that cannot start leaves its chart to this one. */
    for (size_t i = 1; i < CHART_COUNT; i++)
        started[i] = !jobs[i].reused && pthread_create(&threads[i], NULL, draw, &jobs[i]) == 0;
    for (size_t i = 0; i < CHART_COUNT; i++)
        if (!started[i])
            draw(&jobs[i]);
    int rc = 0;
    for (size_t i = 0; i < CHART_COUNT; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        rc |= jobs[i].rc;
        diag_list_append(diags, &jobs[i].diags);
        diag_list_free(&jobs[i].diags);
    }
    return rc == 0 ? 0 : -1;
}

void docx_pictures_free(docx_pictures *pictures)
{
    for (size_t i = 0; i < pictures->count; i++)
        png_image_free(&pictures->items[i].png);
    pictures->count = 0;
}
