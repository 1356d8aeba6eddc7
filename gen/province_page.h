/* province_page.h - one page for each province of the period: provinces/CODE.md and .html.
 *
 * A province officer opens their page to see, in Vietnamese, what was read from their file and
 * what is wrong with it: the state of the report in plain words, its figures (by source, TH/KH,
 * against the year before, its predecessors' figures when it was formed by a merger), its place
 * in the region by TH/KH, its contents, its project lines with file and line, every problem of
 * its files with line, column and what to write instead, the plausibility notes on its lines,
 * and each file as read (name, SHA-256, totals in triệu đồng). A province whose report is
 * missing or cannot be counted gets its page too.
 *
 * Rendered from templates/province.md (Markdown escaping) and, through html.h, from
 * templates/province.html; every figure comes from the region model (region.h). */
#ifndef GEN_PROVINCE_PAGE_H
#define GEN_PROVINCE_PAGE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "region.h"
#include "submission.h"
#include "template.h"

/* The folder of the pages inside a period's publication. */
#define PROVINCE_PAGES_DIR "provinces"
/* The pages published, one "PAGE<TAB>CODE<TAB>NAME<TAB>STATE" line each in roster order
 * ("provinces/72<TAB>72<TAB>Tây Ninh<TAB>đã nộp"; PAGE without extension), beside the period's
 * other hidden files: out/index.html reads it to link every page. */
#define PROVINCE_PAGES_LIST_FILE ".provinces"
/* A page lists this many project lines at most; the rest are counted, and are in the annex
 * and data/projects.csv. They are the lines a submission keeps in memory whatever its size
 * (submission.h), so no file is read again for the pages; the notes on lines are those of the
 * lines listed. */
enum { PROVINCE_PAGE_LINES_MAX = SUBMISSION_HEAD_LINES };

typedef struct province_pages {
    size_t count; /* files: two per province (.md, .html) */
    char **names; /* "provinces/72.md", owned */
    buf *files;   /* the bytes of each, owned */
    buf listing;  /* PROVINCE_PAGES_LIST_FILE */
} province_pages;

/* Builds every province's page. `r->diagnostics` gives the problems of each file; the lines
 * of the accepted submissions are read again when they are not in memory. Returns 0, or -1
 * after an error (a template error, a file that changed since it was read). Free `out` with
 * province_pages_free either way. */
int province_pages_build(province_pages *out, const region *r, template_set *templates,
                         diag_list *diags);
void province_pages_free(province_pages *pages);

/* The page's path inside the period folder, without extension: "provinces/72"; a code that
 * cannot name a file (anything but ASCII letters, digits, '-' and '_') is replaced by the
 * roster row: "provinces/row-3". */
void province_page_path(buf *out, const region *r, int province);

#endif
