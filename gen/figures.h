/* figures.h - sums over project lines, and the one checked addition that makes them.
 *
 * A submission keeps them per source and per content (submission.h); the region adds those up
 * per province, per content and for the region (region.h). Money is in thousand đồng.
 *
 * figures_add is inline so that submission.c, which sums every line it reads and is linked on
 * its own into the fuzz targets, needs no other object file. */
#ifndef GEN_FIGURES_H
#define GEN_FIGURES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "status.h"

typedef struct figures {
    int64_t plan;
    int64_t executed;
    int64_t establishments;
    int64_t counterpart;
    size_t lines;
} figures;

/* Adds `f` to `*sum`, field by field. Amounts are capped when read (number.h), so an overflow
 * means a broken invariant, not bad input: gen stops (nothing written) rather than print a
 * wrong total. */
static inline void figures_add(figures *sum, const figures *f)
{
    if (__builtin_add_overflow(sum->plan, f->plan, &sum->plan) ||
        __builtin_add_overflow(sum->executed, f->executed, &sum->executed) ||
        __builtin_add_overflow(sum->establishments, f->establishments, &sum->establishments) ||
        __builtin_add_overflow(sum->counterpart, f->counterpart, &sum->counterpart) ||
        __builtin_add_overflow(sum->lines, f->lines, &sum->lines)) {
        fputs("gen: fatal: a total overflows 64 bits\n", stderr);
        exit(EXIT_NOTHING_WRITTEN);
    }
}

#endif
