/* context.h - the period's own text and settings: input/PERIOD/context.md, written by the
 * secretariat (optional).
 *
 *   ---
 *   hoi_nghi: Hội nghị khuyến công các tỉnh, thành phố khu vực phía Nam lần thứ XIV
 *   dia_diem: Tây Ninh
 *   ngay: 2024-10-17
 *   co_quan: BAN TỔ CHỨC HỘI NGHỊ
 *   minh_hoa: có
 *   ---
 *
 *   ## Kết quả nổi bật
 *   ...
 *
 * A block of `key: value` lines between two `---` lines (keys conference/hoi_nghi,
 * place/dia_diem, date/ngay, issuer/co_quan, illustrative/minh_hoa, folded as header names
 * are), then Markdown sections (`## title`) that the briefing carries after the figures, in
 * their order. The file is read through the same decoding as the submissions (text.h: BOM,
 * UTF-16, no control or invisible character) and is part of the publication's fingerprint.
 *
 * An unknown key is a warning at its position; a malformed date, a block that is not closed,
 * text that cannot be decoded are errors, and fatal (exit 2, nothing written), as a broken
 * template is. Each section's body is made safe here, once: raw HTML becomes inert text; a
 * link with a scheme loses its target (one to the web or a mail address keeps it as text after
 * its own: the briefing links only to its own files), so javascript: and the like go; images
 * become their description (the briefing fetches nothing); headings are demoted below the
 * section's own. What the briefing carries is Markdown that holds no HTML. */
#ifndef GEN_CONTEXT_H
#define GEN_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "digest.h"

#define CONTEXT_FILE "context.md"

typedef struct context_section {
    char *title; /* plain text, "" for text before the first ## */
    char *body;  /* Markdown, made safe; "" when empty */
} context_section;

typedef struct period_context {
    bool present;                 /* the file exists */
    char *name;                   /* "2024-09/context.md": as published files name it */
    char sha256[DIGEST_HEX_SIZE]; /* of the bytes read */
    char *conference;             /* NULL when not given */
    char *place;
    char *issuer;
    int year, month, day; /* the date; 0 when not given */
    bool illustrative;
    context_section *sections;
    size_t n_sections;
} period_context;

/* Reads INPUT_DIR/PERIOD/context.md when it exists (its absence is no error). Returns 0, or -1
 * after an error (fatal). Free with context_free either way. */
int context_read(period_context *c, const char *input_dir, const char *period_name,
                 diag_list *diags);

/* Parses `len` bytes named `path` in diagnostics (tests). Returns 0, or -1 after an error. */
int context_parse(period_context *c, const char *path, const unsigned char *bytes, size_t len,
                  diag_list *diags);

void context_free(period_context *c);

#endif
