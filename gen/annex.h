/* annex.h - the Excel annex (out/PERIOD/annex.xlsx): the region model as a workbook that
 * journalists and provincial staff can audit.
 *
 * Every figure is a number cell (tỷ đồng on the summary, province and content sheets, million
 * VND on the project lines, as each heading says); every total and rate is a formula (SUM,
 * SUMIFS, division) stored with the result the program computed exactly, so viewers that do
 * not recalculate show the right value and spreadsheets that do get the same one. Submitted
 * text is always written as a string, never as a formula. The bytes depend on the input only:
 * the creation time comes from SOURCE_DATE_EPOCH or else the period's last day, never the
 * clock. Written with libxlsxwriter. */
#ifndef GEN_ANNEX_H
#define GEN_ANNEX_H

#include <stddef.h>

#include "diag.h"
#include "region.h"

/* Settings that only tests change. */
typedef struct annex_options {
    /* Project lines per sheet before they continue on the next ("Đề án (2)", ...); 0 means as
     * many as a sheet holds below its header row (1,048,575). */
    size_t lines_per_sheet;
} annex_options;

/* Writes the annex of `r` at `path`. The submission status sheet lists r->diagnostics (when
 * not NULL) as they stand when writing begins. Returns 0, or -1 after adding an error to
 * `diags`. */
int annex_write(const region *r, const char *path, diag_list *diags);
int annex_write_opt(const region *r, const annex_options *options, const char *path,
                    diag_list *diags);

/* annex_write as a publish.h output_writer; `context` is the region. */
int annex_output_writer(const char *path, const void *context, diag_list *diags);

#endif
