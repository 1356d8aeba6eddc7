/* model_value.h - figures as the templates see them: formatted text under a name.
 *
 * The briefing, the province pages and the programme reports build their template data with
 * these, so that one amount is written the same way in every document (number.h): tỷ đồng with
 * three decimals in prose, "0" for a zero in a table cell, "—" when there is no figure. The
 * values are set on a map the caller owns (mustache.h). */
#ifndef GEN_MODEL_VALUE_H
#define GEN_MODEL_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "mustache.h"
#include "period.h"
#include "region.h"

/* What a template shows where there is no figure (no plan to divide by, no report). */
#define MODEL_NO_FIGURE "—"

/* Decimals of each kind of rate, as the contract's number style says. */
enum {
    MODEL_TOTAL_RATE_DECIMALS = 1,  /* TH/KH of the region and of a province */
    MODEL_SOURCE_RATE_DECIMALS = 2, /* TH/KH of one source */
    MODEL_RATIO_DECIMALS = 1,       /* against the same period a year earlier */
    MODEL_CHANGE_DECIMALS = 1       /* the plan's change against the year before */
};

/* Sets `key` to the text in `b` ("" when empty) and clears `b` for the next value. */
void model_set_buf(mustache_value *map, const char *key, buf *b);
/* Thousand đồng as tỷ đồng: "91,301". */
void model_set_billion(mustache_value *map, const char *key, int64_t thousands);
/* The same for a table cell: a zero as "0", which cannot be misread as a rounded figure. */
void model_set_billion_cell(mustache_value *map, const char *key, int64_t thousands);
/* Thousand đồng as triệu đồng, exact, as the provinces write them: "2.675,500". */
void model_set_million(mustache_value *map, const char *key, int64_t thousands);
/* A count: "1.200". */
void model_set_count(mustache_value *map, const char *key, int64_t count);
/* A ratio as a percentage ("27,7%"), or "—" when there is nothing to divide by. */
void model_set_percent(mustache_value *map, const char *key, ratio q, int decimals);
/* A change with its sign, "−8,1%", "+3,2%", "0,0%", appended to `out` (den != 0). */
void model_signed_change(buf *out, ratio change);
/* The same in words: "giảm 8,1%", "tăng 3,2%", "không đổi" (den != 0). */
void model_change_in_words(buf *out, ratio change);

/* The figures of `f` under plain keys: plan, executed, rate, establishments, counterpart,
 * lines, and plan_cell, executed_cell, counterpart_cell. `cell`: amounts for a table row (a
 * zero as "0"), else for prose. A new map, owned by the caller. */
mustache_value *model_figures(const figures *f, int rate_decimals, bool cell);

/* The period: code, year, month, label, full_year, data_until, months_left. A new map. */
mustache_value *model_period(const period *p);

#endif
