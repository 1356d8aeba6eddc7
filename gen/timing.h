/* timing.h - where a run's time goes, for --timings.
 *
 * Each phase accumulates wall-clock time (CLOCK_MONOTONIC) between timing_start and
 * timing_stop; a phase may be run on another thread than the one that prints, as long as no
 * two threads time the same phase at once. */
#ifndef GEN_TIMING_H
#define GEN_TIMING_H

#include <stdio.h>

typedef enum timing_phase {
    TIMING_READ,        /* roster, catalogue and both periods read and validated */
    TIMING_AGGREGATE,   /* the region model */
    TIMING_RENDER,      /* briefing model, charts, Markdown, HTML, open-data tables, pages */
    TIMING_PAGES,       /* the province pages (within render) */
    TIMING_ANNEX,       /* the Excel annex written (beside the other files) */
    TIMING_FINGERPRINT, /* hashing the inputs to tell whether anything changed */
    TIMING_PUBLISH,     /* the other files written, flushed, hashed and swapped in */
    TIMING_TOTAL,
    TIMING_PHASES
} timing_phase;

void timing_start(timing_phase phase);
void timing_stop(timing_phase phase);
double timing_seconds(timing_phase phase);

/* One line: "gen: timings (s): read 0.412, aggregate 0.003, ...". Returns 0, or -1 if writing
 * failed. */
int timing_print(FILE *stream);

#endif
