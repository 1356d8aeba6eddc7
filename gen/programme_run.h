/* programme_run.h - one programme report's run: read its years, render, publish out/CODE/ the
 * way a period is published (publish.h: staging folder, atomic swap, SHA256SUMS, the same
 * guard), unless what the run read is what the publication was made from (fingerprint.h). */
#ifndef GEN_PROGRAMME_RUN_H
#define GEN_PROGRAMME_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "catalog.h"
#include "diag.h"
#include "programme.h"

/* What every programme of a run shares. */
typedef struct programme_job {
    const char *input, *out, *templates;
    bool check; /* read and validate only */
    bool force; /* publish even when up to date */
    const char *settings; /* the options that change what is read, for the fingerprint */
    const catalog *roster;   /* over time */
    const catalog *contents;
    const programme_list *programmes;
    const diag_list *shared; /* the roster's and catalogue's diagnostics */
    char *const *periods;    /* every period folder of the input, sorted */
    size_t n_periods;
} programme_job;

typedef enum programme_outcome {
    PROGRAMME_NO_PERIOD, /* no year of it has a period: nothing to publish, nothing said */
    PROGRAMME_FATAL,
    PROGRAMME_CHECKED,
    PROGRAMME_UP_TO_DATE,
    PROGRAMME_WRITTEN
} programme_outcome;

/* Runs programme `def`. Its own problems go to `diags` (printed); what reading its years
 * reports again (said already with the periods) only to its fingerprint. `line` gets the
 * run's line for people ("2021-2025: programme report 2021–2025 from 2021-12, ..."), and
 * `*complete` whether every province of every year counted is valid (a missing or partial year
 * is said in the report, not in the exit status). */
programme_outcome programme_run(const programme_job *job, const programme_def *def,
                                diag_list *diags, buf *line, bool *complete);

#endif
