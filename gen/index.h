/* index.h - out/index.html, the page journalists start from: every published period with its
 * files, their sizes and SHA-256, made from each period folder's SHA256SUMS and rendered from
 * templates/index.html. */
#ifndef GEN_INDEX_H
#define GEN_INDEX_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "template.h"

/* Renders the index of `out_dir`. Returns 0, or -1 after an error. */
int index_render(const char *out_dir, template_set *templates, buf *out, diag_list *diags);

/* A programme report the index may list (out_dir/CODE), by its name in programmes.csv. */
typedef struct index_programme {
    const char *code;
    const char *name;
} index_programme;

/* index_render listing also the programme reports of `programmes` that are published. */
int index_render_with(const char *out_dir, const index_programme *programmes, size_t n_programmes,
                      template_set *templates, buf *out, diag_list *diags);

#endif
