/* template.h - the editable templates of templates/: reading, partials, rendering.
 *
 * The secretariat rewords the briefing by editing templates/, never the program. A template
 * `NAME.EXT` may include partials `{{> part}}`, read from `part.EXT` in the same folder; names
 * are plain words ([A-Za-z0-9_-]), so a template cannot reach outside its folder. Names in
 * interpolations are checked: a misspelt {{name}} is an error, not a blank figure.
 *
 * A template_set reads each file once, when first used (links followed, as an editor saves
 * them), and keeps its bytes and SHA-256: every render of a run uses the same text, and the
 * publication's fingerprint is made of exactly the templates the run read (fingerprint.h). */
#ifndef GEN_TEMPLATE_H
#define GEN_TEMPLATE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "mustache.h"

typedef struct template_set template_set;

/* The templates of folder `dir` (kept as a pointer: it must outlive the set). */
template_set *template_set_new(const char *dir);
void template_set_free(template_set *set);

/* Renders the template `name` of the set against `data` with `escape`, appending to `out`.
 * Returns 0, or -1 after adding an error (`FILE:LINE:COLUMN: error: ...`) to `diags`. */
int template_render(template_set *set, const char *name, const mustache_value *data,
                    mustache_escape_fn escape, buf *out, diag_list *diags);

/* The text of the file `name` of the set (read now if it was not yet; decoded UTF-8, `*len`
 * bytes), for a template that is not Mustache (the Word styles). NULL after adding an error to
 * `diags`. The text lives as long as the set. */
const char *template_text(template_set *set, const char *name, size_t *len, diag_list *diags);

/* The files read so far, sorted by name: their names in the folder and their SHA-256. */
size_t template_set_count(const template_set *set);
void template_set_file(const template_set *set, size_t i, const char **name, const char **sha256);

#endif
