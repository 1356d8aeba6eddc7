/* docx_internal.h - what the files of the Word briefing share: docx.c (the body, from the
 * Markdown), docx_frame.c (the administrative frame: header block, page setup, page-number
 * header), docx_media.c (the charts as PNG pictures), docx_package.c (the parts, zipped). */
#ifndef GEN_DOCX_INTERNAL_H
#define GEN_DOCX_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "docx.h"
#include "chart_png.h"

/* A4 and the margins of Nghị định 30 (top and bottom 20-25 mm, left 30-35, right 15-20), in
 * twentieths of a point (twips; 1 mm = 56.7). */
enum {
    DOCX_PAGE_WIDTH = 11906,
    DOCX_PAGE_HEIGHT = 16838,
    DOCX_MARGIN_TOP = 1134,    /* 20 mm */
    DOCX_MARGIN_BOTTOM = 1134, /* 20 mm */
    DOCX_MARGIN_LEFT = 1701,   /* 30 mm */
    DOCX_MARGIN_RIGHT = 851,   /* 15 mm */
    DOCX_HEADER_DISTANCE = 567,
    DOCX_TEXT_WIDTH = DOCX_PAGE_WIDTH - DOCX_MARGIN_LEFT - DOCX_MARGIN_RIGHT,
    DOCX_TEXT_HEIGHT = DOCX_PAGE_HEIGHT - DOCX_MARGIN_TOP - DOCX_MARGIN_BOTTOM,
    DOCX_EMU_PER_TWIP = 635,
    DOCX_EMU_PER_PX = 9525, /* a CSS pixel, 1/96 inch */
    DOCX_EMU_PER_INCH = 914400,
};

/* The namespaces the parts declare. */
#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* Relationship ids of word/document.xml's parts; pictures are DOCX_REL_PICTURE1, 2, ... */
#define DOCX_REL_STYLES         "rId1"
#define DOCX_REL_SETTINGS       "rId2"
#define DOCX_REL_HEADER         "rId3" /* page numbers, from page 2 */
#define DOCX_REL_HEADER_FIRST   "rId4" /* the first page's, empty */
#define DOCX_REL_PICTURE_PREFIX "rIdPicture"

/* A picture the Markdown may link: the chart file it names, drawn as a PNG part. */
typedef struct docx_picture {
    const char *target; /* the address linked: "chart-provinces.svg" */
    char rel_id[24];    /* "rIdPicture1" */
    char part[64];      /* inside word/: "media/chart-provinces.png" */
    const png_image *png; /* borrowed from the chart_pngs */
    int64_t cx, cy; /* the size shown, in EMU */
} docx_picture;

typedef struct docx_pictures {
    docx_picture items[CHART_COUNT];
    size_t count;
    chart_pngs *own; /* the pictures drawn for this document alone, or NULL */
} docx_pictures;

/* docx_media.c: every chart of `charts` as its PNG picture, the one of `shared` (NULL: drawn
 * here, at PNG_PRINT_DPI for its own size), shown at its own width, at most the text width, in
 * its aspect ratio. Returns 0, or -1 after adding an error to `diags`; docx_pictures_free
 * either way. */
int docx_pictures_make(docx_pictures *pictures, const chart_set *charts, chart_pngs *shared,
                       diag_list *diags);
void docx_pictures_free(docx_pictures *pictures);

/* docx.c: appends word/document.xml for `markdown`, with `header` above it, and the plain text
 * of its first level-1 heading to `title`. Returns 0, or -1 after adding an error. */
int docx_document(const char *markdown, size_t len, const docx_header *header,
                  const docx_pictures *pictures, buf *out, buf *title, diag_list *diags);

/* docx_frame.c: the header block (a borderless two-column table), the section's page setup
 * (<w:sectPr>), and the header parts: with the centred PAGE field, or empty (the first page). */
void docx_header_block(buf *out, const docx_header *header);
void docx_section(buf *out);
void docx_page_header(buf *out, bool page_number);

/* docx.c: appends a run of text with the given formatting (DOCX_BOLD | ...). */
enum { DOCX_BOLD = 1, DOCX_ITALIC = 2, DOCX_CODE = 4 };
void docx_run(buf *out, unsigned format, const char *text, size_t len);

#endif
