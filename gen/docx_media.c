/* The charts of the Word briefing as PNG pictures: the pictures of the PNG downloads
 * (chart_png.h), so each chart is drawn once a run; drawn here only when the caller shares
 * none (a Word briefing written on its own). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "docx_internal.h"

/* Sizes a picture: its own width, at most the text width; its aspect ratio. */
static void size_picture(docx_picture *p)
{
    double cx = p->png->svg_width * DOCX_EMU_PER_PX;
    double most = (double)DOCX_TEXT_WIDTH * DOCX_EMU_PER_TWIP;
    cx = cx > most ? most : cx;
    p->cx = llround(cx);
    p->cy = llround(cx * p->png->svg_height / p->png->svg_width);
}

/* "chart-provinces.svg" -> "media/chart-provinces.png". */
static void name_picture(docx_picture *p, const chart *c, size_t index)
{
    const char *name = c->file_name;
    size_t stem = strlen(name) - (strrchr(name, '.') ? strlen(strrchr(name, '.')) : 0);
    *p = (docx_picture){.target = name, .png = NULL};
    snprintf(p->rel_id, sizeof p->rel_id, DOCX_REL_PICTURE_PREFIX "%zu", index + 1);
    snprintf(p->part, sizeof p->part, "media/%.*s.png", (int)stem, name);
}

/* The charts drawn here, from their <svg> elements, with nothing published to take. */
static chart_pngs *draw_own(const chart_set *charts)
{
    chart_png_source sources[CHART_COUNT];
    for (size_t i = 0; i < CHART_COUNT; i++) {
        const chart *c = &charts->charts[i];
        sources[i] = (chart_png_source){c->svg, strlen(c->svg), c->file_name, NULL};
    }
    return chart_pngs_start(sources);
}

int docx_pictures_make(docx_pictures *pictures, const chart_set *charts, chart_pngs *shared,
                       diag_list *diags)
{
    pictures->own = shared ? NULL : draw_own(charts);
    chart_pngs *pngs = shared ? shared : pictures->own;
    pictures->count = CHART_COUNT;
    int rc = 0;
    for (size_t i = 0; i < CHART_COUNT; i++) {
        docx_picture *p = &pictures->items[i];
        name_picture(p, &charts->charts[i], i);
        p->png = chart_pngs_get(pngs, i, diags);
        if (p->png)
            size_picture(p);
        else
            rc = -1;
    }
    return rc;
}

void docx_pictures_free(docx_pictures *pictures)
{
    chart_pngs_free(pictures->own);
    pictures->own = NULL;
    pictures->count = 0;
}
