#include "csvfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fold.h"

int csvfile_open(csvfile *f, const char *path, diag_list *diags)
{
    memset(f, 0, sizeof *f);
    f->path = xstrdup(path);
    unsigned char *bytes = NULL;
    size_t len = 0;
    if (text_read_file(path, &bytes, &len) != 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read the file: %s", strerror(errno));
        return -1;
    }
    text_error err;
    int rc = text_decode(bytes, len, &f->text, &err);
    free(bytes);
    if (rc != 0) {
        diag_add(diags, DIAG_ERROR, path, err.line, err.column, "%s (byte offset %zu)", err.message,
                 err.byte_offset);
        return -1;
    }
    f->delimiter = csv_detect_delimiter(f->text.data, f->text.len);
    if (f->delimiter == 0) {
        diag_add(diags, DIAG_ERROR, path, 1, 1,
                 "no delimiter in the header line; expected columns separated by ',', ';' or "
                 "tab");
        return -1;
    }
    f->style = f->delimiter == ';' ? NUMBER_DECIMAL_COMMA : NUMBER_DECIMAL_POINT;
    return 0;
}

void csvfile_close(csvfile *f)
{
    free(f->path);
    text_free(&f->text);
    memset(f, 0, sizeof *f);
}

int csvfile_each_row(csvfile *f, csv_row_fn on_row, void *context, diag_list *diags)
{
    csv_read_error err;
    int rc = csv_read(f->text.data, f->text.len, f->delimiter, on_row, context, &err);
    if (rc == -1)
        diag_add(diags, DIAG_ERROR, f->path, err.line, err.column, "%s", err.message);
    return rc;
}

/* True when `folded` is the folded form of the key or of one of its aliases. */
static bool spec_matches(const column_spec *spec, const char *folded)
{
    char *key = fold_name(spec->key, strlen(spec->key));
    bool match = strcmp(key, folded) == 0;
    free(key);
    const char *a = spec->aliases;
    while (!match && a && *a) {
        size_t n = strcspn(a, ";");
        char *alias = fold_name(a, n);
        match = strcmp(alias, folded) == 0;
        free(alias);
        a += n + (a[n] == ';');
    }
    return match;
}

static void describe_names(buf *out, const column_spec *spec)
{
    buf_printf(out, "'%s'", spec->key);
    const char *a = spec->aliases;
    while (a && *a) {
        size_t n = strcspn(a, ";");
        buf_printf(out, ", '%.*s'", (int)n, a);
        a += n + (a[n] == ';');
    }
}

static void map_one_column(const csvfile *f, const csv_field *field, int index,
                           const column_spec *specs, size_t n_specs, int *column_of, size_t *errors,
                           diag_list *diags)
{
    char *folded = fold_name(field->text, field->len);
    buf quoted = BUF_INIT;
    diag_quote(&quoted, field->text, field->len);
    size_t s = 0;
    while (s < n_specs && !spec_matches(&specs[s], folded))
        s++;
    if (s == n_specs) {
        diag_add(diags, DIAG_WARNING, f->path, field->line, field->column,
                 "unknown column %s is ignored", quoted.data);
    } else if (column_of[s] >= 0) {
        diag_add(diags, DIAG_ERROR, f->path, field->line, field->column,
                 "column %s repeats column %d ('%s'); each column may appear once", quoted.data,
                 column_of[s] + 1, specs[s].key);
        (*errors)++;
    } else {
        column_of[s] = index;
    }
    buf_free(&quoted);
    free(folded);
}

size_t csvfile_map_header(const csvfile *f, const csv_row *header, const column_spec *specs,
                          size_t n_specs, int *column_of, diag_list *diags)
{
    size_t errors = 0;
    for (size_t s = 0; s < n_specs; s++)
        column_of[s] = -1;
    for (size_t i = 0; i < header->count; i++)
        map_one_column(f, &header->fields[i], (int)i, specs, n_specs, column_of, &errors, diags);
    for (size_t s = 0; s < n_specs; s++) {
        if (column_of[s] >= 0 || !specs[s].required)
            continue;
        buf names = BUF_INIT;
        describe_names(&names, &specs[s]);
        diag_add(diags, DIAG_ERROR, f->path, header->line, 0,
                 "the header has no column '%s'; expected a column named %s", specs[s].key,
                 names.data);
        buf_free(&names);
        errors++;
    }
    return errors;
}

const csv_field *csvfile_cell(const csv_row *row, int column)
{
    if (column < 0 || (size_t)column >= row->count)
        return NULL;
    return &row->fields[column];
}

bool csvfile_row_is_blank(const csv_row *row)
{
    for (size_t i = 0; i < row->count; i++)
        for (size_t k = 0; k < row->fields[i].len; k++)
            if (row->fields[i].text[k] != ' ' && row->fields[i].text[k] != '\t')
                return false;
    return true;
}
