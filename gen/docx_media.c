/* The charts of the Word briefing as PNG pictures, drawn on threads of their own (librsvg is
 * the slowest part of the document). */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "docx_internal.h"

typedef struct job {
    docx_picture *picture;
    const chart *chart;
    diag_list diags;
    int rc;
} job;

/* The text width, in inches: no chart is shown wider. */
static double text_width_inches(void)
{
    return (double)DOCX_TEXT_WIDTH * DOCX_EMU_PER_TWIP / DOCX_EMU_PER_INCH;
}

/* Draws one chart and sizes it: its own width, at most the text width; its aspect ratio. */
static void *draw(void *context)
{
    job *j = context;
    docx_picture *p = j->picture;
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

int docx_pictures_make(docx_pictures *pictures, const chart_set *charts, diag_list *diags)
{
    job jobs[CHART_COUNT];
    pthread_t threads[CHART_COUNT];
    bool started[CHART_COUNT] = {false};
    pictures->count = CHART_COUNT;
    for (size_t i = 0; i < CHART_COUNT; i++) {
        name_picture(&pictures->items[i], &charts->charts[i], i);
        jobs[i] = (job){&pictures->items[i], &charts->charts[i], DIAG_LIST_INIT, 0};
    }
    /* The first chart is drawn here; a thread that cannot start leaves its chart to this one. */
    for (size_t i = 1; i < CHART_COUNT; i++)
        started[i] = pthread_create(&threads[i], NULL, draw, &jobs[i]) == 0;
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
