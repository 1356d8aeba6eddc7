#include "fingerprint.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "path.h"

static void add_named(digest *d, const char *name, const char *sha256)
{
    digest_update_string(d, name);
    digest_update_string(d, sha256);
}

static void add_period(digest *d, const char *label, const period *p)
{
    digest_update_string(d, label);
    digest_update_string(d, p->name);
    for (size_t i = 0; i < p->n_files; i++)
        add_named(d, p->files[i]->name, p->files[i]->sha256);
}

static void add_diagnostics(digest *d, const diag_list *list, const char *input_dir)
{
    digest_update_string(d, "diagnostics");
    buf line = BUF_INIT;
    for (size_t i = 0; i < list->count; i++) {
        const diag *g = &list->items[i];
        buf_clear(&line);
        buf_printf(&line, "%d %s:%d:%d %s", (int)g->severity,
                   g->file ? path_inside(g->file, input_dir) : "", g->line, g->column,
                   diag_message(g, I18N_DOCUMENTS));
        digest_update_string(d, line.data);
    }
    buf_free(&line);
}

void fingerprint_compute(const fingerprint_sources *s, char hex[DIGEST_HEX_SIZE])
{
    digest *d = digest_new();
    diag_list ignored = DIAG_LIST_INIT;
    /* A program that cannot read its own image still fingerprints its inputs. */
    digest_update_file(d, "/proc/self/exe", &ignored);
    diag_list_free(&ignored);
    /* The Vietnamese messages the documents quote. */
    size_t catalogue_len;
    const unsigned char *catalogue = i18n_catalogue_bytes(&catalogue_len);
    digest_update_string(d, "messages");
    digest_update(d, catalogue, catalogue_len);
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    digest_update_string(d, epoch ? epoch : "");
    digest_update_string(d, s->settings ? s->settings : "");
    add_named(d, "roster.csv", s->roster->sha256);
    add_named(d, "contents.csv", s->contents->sha256);
    if (s->current)
        add_period(d, "period", s->current);
    if (s->previous)
        add_period(d, "previous period", s->previous);
    if (s->context && s->context->present)
        add_named(d, s->context->name, s->context->sha256);
    if (s->programmes_sha256)
        add_named(d, "programmes.csv", s->programmes_sha256);
    for (size_t i = 0; i < s->n_periods; i++)
        add_period(d, "programme year", s->periods[i]);
    digest_update_string(d, "templates");
    for (size_t i = 0; i < template_set_count(s->templates); i++) {
        const char *name, *sha256;
        template_set_file(s->templates, i, &name, &sha256);
        add_named(d, name, sha256);
    }
    add_diagnostics(d, s->diagnostics, s->input_dir);
    digest_finish(d, hex);
}
