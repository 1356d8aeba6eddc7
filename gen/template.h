/* template.h - the editable templates of templates/: loading, partials, rendering.
 *
 * The secretariat rewords the briefing by editing templates/, never the program. A template
 * `NAME.EXT` may include partials `{{> part}}`, read from `part.EXT` in the same folder; names
 * are plain words ([A-Za-z0-9_-]), so a template cannot reach outside its folder. Names in
 * interpolations are checked: a misspelt {{name}} is an error, not a blank figure. */
#ifndef GEN_TEMPLATE_H
#define GEN_TEMPLATE_H

#include "buf.h"
#include "diag.h"
#include "mustache.h"

/* Renders `dir`/`name` against `data` with `escape`, appending to `out`. Returns 0, or -1
 * after adding an error (`FILE:LINE:COLUMN: error: ...`) to `diags`. */
int template_render(const char *dir, const char *name, const mustache_value *data,
                    mustache_escape_fn escape, buf *out, diag_list *diags);

#endif
