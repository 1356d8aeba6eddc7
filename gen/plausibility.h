/* plausibility.h - what a reader should check before quoting a figure: amounts that are valid
 * but unlikely (executed above plan, counterpart capital without establishments, a project line
 * given twice, a plan that moved by more than half against last year).
 *
 * These notes never change a figure: a line that looks repeated still counts, as the province
 * reported it. They are computed here, fed by the region (the provinces' totals and their
 * comparison with last year) and by the project lines as the annex writes them (the lines of a
 * national roll-up are not all in memory at once), and listed by the annex on the sheet «Lưu ý
 * kiểm tra». */
#ifndef GEN_PLAUSIBILITY_H
#define GEN_PLAUSIBILITY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "region.h"
#include "submission.h"

typedef enum plausibility_kind {
    PLAUSIBILITY_EXECUTED_ABOVE_PLAN,      /* a line or a province executed more than its plan */
    PLAUSIBILITY_COUNTERPART_WITHOUT_ESTABLISHMENTS, /* counterpart capital, 0 establishments */
    PLAUSIBILITY_REPEATED_LINE, /* a line equal to an earlier one of the same file in every field */
    PLAUSIBILITY_PLAN_MOVED,    /* a comparable province's plan moved by more than half */
    PLAUSIBILITY_KIND_COUNT
} plausibility_kind;

typedef struct plausibility_note {
    plausibility_kind kind;
    int province;      /* roster index */
    const char *file;  /* the submission's name inside the input folder; NULL for a province */
    int line;          /* the line in that file; 0 for a province */
    int earlier_line;  /* PLAUSIBILITY_REPEATED_LINE: the line it repeats */
    int64_t a, b;      /* thousand đồng: executed and plan; counterpart; this year's and last
                        * year's plan */
    char *title;       /* the project's title (lines only), owned */
} plausibility_note;

/* Notes of lines are listed up to this many of each kind, the rest counted. */
enum { PLAUSIBILITY_LINE_NOTES_MAX = 1000 };

typedef struct plausibility plausibility;

/* Starts the notes of region `r` (which must outlive them). */
plausibility *plausibility_new(const region *r);

/* Looks at one project line of submission `s`; lines come file by file, in file order. */
void plausibility_add_line(plausibility *p, const submission *s, const project_line *l);

/* Adds the provinces' notes (from the region) after the lines, and orders everything by kind,
 * then province (roster order), then line. */
void plausibility_finish(plausibility *p);

/* The notes, after plausibility_finish. */
const plausibility_note *plausibility_notes(const plausibility *p, size_t *count);

/* How many notes of lines of `kind` were found beyond those listed. */
size_t plausibility_unlisted(const plausibility *p, plausibility_kind kind);

void plausibility_free(plausibility *p);

/* What a note is about, in Vietnamese: "Dòng đề án lặp lại". */
const char *plausibility_kind_label(plausibility_kind kind);
/* The note's details in Vietnamese, amounts in triệu đồng: "Thực hiện 1.200,000, kế hoạch năm
 * 1.000,000." `year` is the period's year (a plan that moved names it and the year before). */
void plausibility_describe(const plausibility_note *n, int year, buf *out);

#endif
