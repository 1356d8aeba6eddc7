/* docx.h - the Word briefing (out/PERIOD/briefing.docx): the Markdown briefing laid out the
 * way Nghị định 30/2020/NĐ-CP lays out administrative documents, for the secretariat to paste
 * into the official report and edit.
 *
 * Every heading, paragraph, list, table and emphasis of briefing.md, links as their text, each
 * chart it links (chart-*.svg) as a PNG picture at print resolution (PNG_PRINT_DPI at the chart's
 * own size: the very bytes of its PNG download). A4; margins 20 mm top and
 * bottom, 30 mm left, 15 mm right; Times New Roman; the header block (issuer on the left,
 * national name and motto on the right, place and date in italics below); page numbers centred
 * at the top from page 2. The look lives in named styles (Normal, Title, Heading 1, Heading 2,
 * Caption, Table Grid, ...) read at run time from TEMPLATES/docx-styles.xml, so both that file
 * and the document itself can be restyled in Word.
 *
 * The bytes depend on the input only: zip entries are dated 1980-01-01, and the document
 * properties are dated SOURCE_DATE_EPOCH when set, else the period's last day. */
#ifndef GEN_DOCX_H
#define GEN_DOCX_H

#include <stddef.h>

#include "chart.h"
#include "chart_png.h"
#include "diag.h"

/* The header block's fields. NULL or "" leaves a field out; a '\n' in the issuer breaks it into
 * lines (the parent body above, the issuing body last, in bold). */
typedef struct docx_header {
    const char *issuer;    /* "BAN TỔ CHỨC HỘI NGHỊ"; later context.md's `issuer` */
    const char *place;     /* "Tây Ninh" */
    const char *date_text; /* "ngày 15 tháng 10 năm 2024" */
} docx_header;

#define DOCX_DEFAULT_ISSUER "BAN TỔ CHỨC HỘI NGHỊ"

/* The file name of the styles part in the templates folder. */
#define DOCX_STYLES_TEMPLATE "docx-styles.xml"

/* What the Word briefing is made from; everything is borrowed, read only. */
typedef struct docx_source {
    const char *markdown; /* briefing.md */
    size_t len;
    const chart_set *charts; /* the pictures its chart links name */
    docx_header header;
    const char *styles; /* the text of TEMPLATES/docx-styles.xml (template.h) */
    size_t styles_len;
    int year, month; /* the period: dates the document properties */
    /* The charts' pictures, shared with the PNG downloads (borrowed); NULL: drawn here. */
    chart_pngs *pngs;
} docx_source;

/* Writes the Word briefing at `path`. Returns 0, or -1 after adding an error to `diags`. */
int docx_write(const docx_source *s, const char *path, diag_list *diags);

/* docx_write as a publish.h output_writer; `context` is a docx_source. */
int docx_output_writer(const char *path, const void *context, diag_list *diags);

#endif
