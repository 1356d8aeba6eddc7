#include "timing.h"

#include <time.h>

static const char *const names[TIMING_PHASES] = {
    [TIMING_READ] = "read",   [TIMING_AGGREGATE] = "aggregate",     [TIMING_RENDER] = "render", [TIMING_PAGES] = "pages",
    [TIMING_ANNEX] = "annex", [TIMING_FINGERPRINT] = "fingerprint", [TIMING_PUBLISH] = "publish",
    [TIMING_TOTAL] = "total",
};

static struct {
    double started;
    double seconds;
} phases[TIMING_PHASES];

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void timing_start(timing_phase phase)
{
    phases[phase].started = now();
}

void timing_stop(timing_phase phase)
{
    phases[phase].seconds += now() - phases[phase].started;
}

double timing_seconds(timing_phase phase)
{
    return phases[phase].seconds;
}

int timing_print(FILE *stream)
{
    fputs("gen: timings (s):", stream);
    for (int p = 0; p < TIMING_PHASES; p++)
        fprintf(stream, "%s %s %.6f", p ? "," : "", names[p], phases[p].seconds);
    fputc('\n', stream);
    return fflush(stream) == 0 ? 0 : -1;
}
