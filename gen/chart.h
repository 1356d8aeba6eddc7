/* chart.h - the briefing's charts, drawn from the region model:
 *   chart-provinces.svg  plan against executed per province, largest plan first;
 *   chart-rates.svg      each province's execution rate against the share of the year elapsed;
 *   chart-contents.svg   plan against executed per content.
 * The Markdown briefing links them as files beside it; the HTML briefing carries them inline. */
#ifndef GEN_CHART_H
#define GEN_CHART_H

#include "region.h"

enum { CHART_COUNT = 3 };

typedef struct chart {
    const char *file_name; /* static, e.g. "chart-provinces.svg" */
    char *svg;             /* the <svg> element, owned */
} chart;

typedef struct chart_set {
    chart charts[CHART_COUNT];
} chart_set;

void chart_set_build(chart_set *set, const region *r);
void chart_set_free(chart_set *set);

#endif
