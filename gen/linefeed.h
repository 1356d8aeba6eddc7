/* linefeed.h - the project lines of the rendered period, read ahead on a second thread.
 *
 * The annex's line sheets are libxlsxwriter's work, on one core; reading the lines again from
 * their files (submission_each_line) is parsing work that another core can do meanwhile. The
 * reading thread hands the lines over in batches through a short queue, so memory stays a few
 * megabytes whatever the number of lines. */
#ifndef GEN_LINEFEED_H
#define GEN_LINEFEED_H

#include "diag.h"
#include "region.h"

typedef struct linefeed linefeed;

/* Starts reading the lines of the valid submissions of r->current, province by province in
 * roster order, each in its file's order. Returns NULL when no thread could be started (the
 * caller then reads them itself). */
linefeed *linefeed_start(const region *r);

/* The next line and, in `*s`, its submission; NULL after the last line or when reading failed.
 * Valid until the next call. */
const project_line *linefeed_next(linefeed *f, const submission **s);

/* Stops the reading thread, adds what it reported to `diags` and frees the feed. Returns 0, or
 * -1 when a file could not be read again (the error is in `diags`). */
int linefeed_finish(linefeed *f, diag_list *diags);

#endif
