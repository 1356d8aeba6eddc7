/* index.h - out/index.html, the page journalists start from: every published period with its
 * files, their sizes and SHA-256, made from each period folder's SHA256SUMS and rendered from
 * templates/index.html. */
#ifndef GEN_INDEX_H
#define GEN_INDEX_H

#include "buf.h"
#include "diag.h"
#include "template.h"

/* Renders the index of `out_dir`. Returns 0, or -1 after an error. */
int index_render(const char *out_dir, template_set *templates, buf *out, diag_list *diags);

#endif
