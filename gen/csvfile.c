#include "csvfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fold.h"

static csvfile_limits limits = {
    CSVFILE_MAX_FILE_BYTES,
    {CSVFILE_MAX_FIELD_BYTES, CSVFILE_MAX_COLUMNS, CSVFILE_MAX_ROWS},
};

void csvfile_set_limits(const csvfile_limits *l)
{
    limits = *l;
}

csvfile_limits csvfile_get_limits(void)
{
    return limits;
}

/* After decoding (`decoded` is the decoder's return): reports a decoding error, warns about a
 * Windows-1258 file, detects the delimiter. */
static int finish_opening(csvfile *f, int decoded, const text_error *err, diag_list *diags)
{
    if (decoded != 0) {
        buf en = BUF_INIT, vi = BUF_INIT;
        i18n_format(&en, I18N_EN, "%s (byte offset %zu)", err->message, err->byte_offset);
        i18n_format(&vi, I18N_VI, "%s (byte offset %zu)", err->message_vi, err->byte_offset);
        diag_add_texts(diags, DIAG_ERROR, f->path, err->line, err->column,
                       (const char *const[I18N_LANGS]){en.data, vi.data});
        buf_free(&en);
        buf_free(&vi);
        return -1;
    }
    if (strcmp(f->text.encoding, TEXT_WINDOWS_1258) == 0)
        diag_add(diags, DIAG_WARNING, f->path, 0, 0,
                 "not UTF-8: read as Windows-1258 (Excel's plain \"CSV\" on Vietnamese "
                 "Windows); check its names and save it as CSV UTF-8");
    f->delimiter = csv_detect_delimiter(f->text.data, f->text.len);
    if (f->delimiter == 0) {
        diag_add(diags, DIAG_ERROR, f->path, 1, 1,
                 "no delimiter in the header line; expected columns separated by ',', ';' or "
                 "tab");
        return -1;
    }
    f->style = f->delimiter == ';' ? NUMBER_DECIMAL_COMMA : NUMBER_DECIMAL_POINT;
    return 0;
}

static void report_unreadable(const char *path, text_read_status status, size_t size,
                              const char *kind, diag_list *diags)
{
    if (status == TEXT_READ_TOO_LARGE && size > limits.max_file_bytes + 1)
        diag_add(diags, DIAG_ERROR, path, 0, 0,
                 "the file is %zu bytes, over the limit of %zu (--max-file-size); a submission "
                 "is a few kilobytes: is this the right file?",
                 size, limits.max_file_bytes);
    else if (status == TEXT_READ_TOO_LARGE)
        diag_add(diags, DIAG_ERROR, path, 0, 0,
                 "the file is over the limit of %zu bytes (--max-file-size); a submission is a "
                 "few kilobytes: is this the right file?",
                 limits.max_file_bytes);
    else if (status == TEXT_READ_NOT_REGULAR) {
        buf en = BUF_INIT, vi = BUF_INIT;
        i18n_format(&en, I18N_EN,
                    "not read: %s, not a regular file; put the file itself in the "
                    "folder",
                    i18n_text(I18N_EN, kind));
        i18n_format(&vi, I18N_VI,
                    "not read: %s, not a regular file; put the file itself in the "
                    "folder",
                    i18n_text(I18N_VI, kind));
        diag_add_texts(diags, DIAG_ERROR, path, 0, 0, (const char *const[]){en.data, vi.data});
        buf_free(&en);
        buf_free(&vi);
    } else
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read the file: %s", i18n_strerror(errno));
}

static int open_file(csvfile *f, const char *path, bool regular_only, diag_list *diags)
{
    memset(f, 0, sizeof *f);
    f->path = xstrdup(path);
    unsigned char *bytes = NULL;
    size_t len = 0;
    const char *kind = NULL;
    text_read_status status =
        text_read_file_limited(path, limits.max_file_bytes, regular_only, &bytes, &len, &kind);
    if (status != TEXT_READ_OK) {
        report_unreadable(path, status, len, kind, diags);
        return -1;
    }
    digest_bytes(bytes, len, f->sha256);
    text_error err;
    return finish_opening(f, text_decode_owned(bytes, len, &f->text, &err), &err, diags);
}

int csvfile_open(csvfile *f, const char *path, diag_list *diags)
{
    return open_file(f, path, false, diags);
}

int csvfile_open_regular(csvfile *f, const char *path, diag_list *diags)
{
    return open_file(f, path, true, diags);
}

int csvfile_open_bytes(csvfile *f, const char *path, const unsigned char *bytes, size_t len,
                       diag_list *diags)
{
    memset(f, 0, sizeof *f);
    f->path = xstrdup(path);
    if (len > limits.max_file_bytes) {
        report_unreadable(path, TEXT_READ_TOO_LARGE, len, NULL, diags);
        return -1;
    }
    digest_bytes(bytes, len, f->sha256);
    text_error err;
    return finish_opening(f, text_decode(bytes, len, &f->text, &err), &err, diags);
}

void csvfile_close(csvfile *f)
{
    free(f->path);
    text_free(&f->text);
    memset(f, 0, sizeof *f);
}

/* The option that sets a limit, named in the error so the secretariat knows how to raise it. */
static const char *limit_option(csv_limit limit)
{
    switch (limit) {
    case CSV_LIMIT_FIELD_BYTES:
        return " (--max-field-length)";
    case CSV_LIMIT_COLUMNS:
        return " (--max-columns)";
    case CSV_LIMIT_ROWS:
        return " (--max-rows)";
    default:
        return "";
    }
}

int csvfile_each_row(csvfile *f, csv_row_fn on_row, void *context, diag_list *diags)
{
    csv_read_error err;
    int rc = csv_read_limited(f->text.data, f->text.len, f->delimiter, &limits.csv, on_row, context,
                              &err);
    if (rc == -1) {
        buf en = BUF_INIT, vi = BUF_INIT;
        buf_printf(&en, "%s%s", err.message, limit_option(err.limit));
        buf_printf(&vi, "%s%s", err.message_vi, limit_option(err.limit));
        diag_add_texts(diags, DIAG_ERROR, f->path, err.line, err.column,
                       (const char *const[I18N_LANGS]){en.data, vi.data});
        buf_free(&en);
        buf_free(&vi);
    }
    return rc;
}

/* The folded names of every column spec (key and aliases), folded once per header rather than
 * once per header field and spec: folding is what costs. */
typedef struct folded_names {
    char **names;
    size_t *spec_of; /* the spec each name is of */
    size_t count, cap;
} folded_names;

static void add_folded(folded_names *f, const char *name, size_t len, size_t spec)
{
    f->names = xgrow(f->names, &f->cap, f->count + 1, sizeof *f->names);
    f->spec_of = xrealloc(f->spec_of, f->cap * sizeof *f->spec_of);
    f->names[f->count] = fold_name(name, len);
    f->spec_of[f->count++] = spec;
}

static folded_names fold_specs(const column_spec *specs, size_t n_specs)
{
    folded_names f = {NULL, NULL, 0, 0};
    for (size_t s = 0; s < n_specs; s++) {
        add_folded(&f, specs[s].key, strlen(specs[s].key), s);
        for (const char *a = specs[s].aliases; a && *a;) {
            size_t n = strcspn(a, ";");
            add_folded(&f, a, n, s);
            a += n + (a[n] == ';');
        }
    }
    return f;
}

static void free_folded(folded_names *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->names[i]);
    free(f->names);
    free(f->spec_of);
}

/* The first spec `folded` is the key or an alias of, or n_specs. */
static size_t matching_spec(const folded_names *f, const char *folded, size_t n_specs)
{
    size_t best = n_specs;
    for (size_t i = 0; i < f->count; i++)
        if (f->spec_of[i] < best && strcmp(f->names[i], folded) == 0)
            best = f->spec_of[i];
    return best;
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

/* A header of thousands of unknown columns (a sheet formatted to its last column) gets this
 * many warnings and one line for the rest. */
enum { UNKNOWN_COLUMNS_SHOWN = 20 };

typedef struct header_mapping {
    const csvfile *file;
    const column_spec *specs;
    size_t n_specs;
    folded_names folded;
    int *column_of;
    size_t errors;
    size_t unknown;
    diag_list *diags;
} header_mapping;

static void map_one_column(header_mapping *m, const csv_field *field, int index)
{
    char *folded = fold_name(field->text, field->len);
    buf quoted = BUF_INIT;
    diag_quote(&quoted, field->text, field->len);
    size_t s = matching_spec(&m->folded, folded, m->n_specs);
    if (s == m->n_specs) {
        if (m->unknown++ < UNKNOWN_COLUMNS_SHOWN)
            diag_add(m->diags, DIAG_WARNING, m->file->path, field->line, field->column,
                     "unknown column %s is ignored", quoted.data);
    } else if (m->column_of[s] >= 0) {
        diag_add(m->diags, DIAG_ERROR, m->file->path, field->line, field->column,
                 "column %s repeats column %d ('%s'); each column may appear once", quoted.data,
                 m->column_of[s] + 1, m->specs[s].key);
        m->errors++;
    } else {
        m->column_of[s] = index;
    }
    buf_free(&quoted);
    free(folded);
}

size_t csvfile_map_header(const csvfile *f, const csv_row *header, const column_spec *specs,
                          size_t n_specs, int *column_of, diag_list *diags)
{
    header_mapping m = {f, specs, n_specs, fold_specs(specs, n_specs), column_of, 0, 0, diags};
    for (size_t s = 0; s < n_specs; s++)
        column_of[s] = -1;
    for (size_t i = 0; i < header->count; i++)
        map_one_column(&m, &header->fields[i], (int)i);
    free_folded(&m.folded);
    if (m.unknown > UNKNOWN_COLUMNS_SHOWN)
        diag_add(diags, DIAG_WARNING, f->path, header->line, 0,
                 "%zu more unknown columns are ignored", m.unknown - UNKNOWN_COLUMNS_SHOWN);
    for (size_t s = 0; s < n_specs; s++) {
        if (column_of[s] >= 0 || !specs[s].required)
            continue;
        buf names = BUF_INIT;
        describe_names(&names, &specs[s]);
        diag_add(diags, DIAG_ERROR, f->path, header->line, 0,
                 "the header has no column '%s'; expected a column named %s", specs[s].key,
                 names.data);
        buf_free(&names);
        m.errors++;
    }
    return m.errors;
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
