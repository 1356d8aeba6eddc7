#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "csvfile.h"
#include "day.h"
#include "fold.h"
#include "roster.h"

enum {
    COL_CODE,
    COL_NAME,
    COL_ALIASES,
    COL_FROM,
    COL_UNTIL,
    COL_SUCCESSOR,
    COL_SUCCESSOR_NAME,
    COL_COUNT
};

static const column_spec catalog_columns[COL_COUNT] = {
    {"code", "ma", true},
    {"name", "ten", true},
    {"aliases", "ten khac", false},
    {"from", "tu ngay", false},
    {"until", "den ngay", false},
    {"successor", "ke thua;ma ke thua", false},
    {"successor_name", "ten ke thua", false},
};

typedef struct catalog_loader {
    catalog *catalog;
    csvfile *file;
    catalog_kind kind;
    diag_list *diags;
    bool seen_header;
    int column_of[COL_COUNT];
    size_t errors;
} catalog_loader;

/* A folded text made only of digits, read as a number so "4" and "04" are one code; else -1. */
static long numeric_code(const char *folded)
{
    if (!*folded || strlen(folded) > 9 || strspn(folded, "0123456789") != strlen(folded))
        return -1;
    return strtol(folded, NULL, 10);
}

bool catalog_same_name(const char *a, const char *b)
{
    long na = numeric_code(a), nb = numeric_code(b);
    if (na >= 0 || nb >= 0)
        return na == nb;
    return strcmp(a, b) == 0;
}

static int find_folded(const catalog *c, const char *folded)
{
    for (size_t i = 0; i < c->n_names; i++)
        if (catalog_same_name(c->names[i].folded, folded))
            return c->names[i].entry;
    return -1;
}

int catalog_find(const catalog *c, const char *s, size_t len)
{
    char *folded = fold_name(s, len);
    int entry = *folded ? find_folded(c, folded) : -1;
    free(folded);
    return entry;
}

static bool overlap(const catalog_entry *a, const catalog_entry *b)
{
    return a->from <= b->until && b->from <= a->until;
}

/* Registers one spelling of entry `entry`; a spelling that already names another entry (on a
 * day both exist, for a roster over time) makes matching ambiguous, so it is an error. */
static void add_name(catalog_loader *l, const csv_field *field, const char *s, size_t len,
                     int entry)
{
    catalog *c = l->catalog;
    char *folded = fold_name(s, len);
    if (!*folded) {
        free(folded);
        return;
    }
    bool clash = false, known = false;
    for (size_t i = 0; i < c->n_names && !clash; i++) {
        if (!catalog_same_name(c->names[i].folded, folded))
            continue;
        int other = c->names[i].entry;
        if (other == entry) {
            known = true;
            continue;
        }
        const catalog_entry *o = &c->entries[other], *e = &c->entries[entry];
        if (!overlap(o, e))
            continue;
        clash = true;
        buf q = BUF_INIT;
        diag_quote(&q, s, len);
        if (!c->has_history)
            diag_add(l->diags, DIAG_ERROR, l->file->path, field->line, field->column,
                     "%s already names '%s' (code %s); each code, name and alias must name one "
                     "entry",
                     q.data, o->name, o->code);
        else
            diag_add(l->diags, DIAG_ERROR, l->file->path, field->line, field->column,
                     "%s already names '%s' (code %s, line %d) on days this row covers too; a "
                     "code, name or alias names one province at a time (end the earlier row with "
                     "until, start the later one with from)",
                     q.data, o->name, o->code, o->line);
        buf_free(&q);
        l->errors++;
    }
    if (clash || known) {
        free(folded);
        return;
    }
    c->names = xgrow(c->names, &c->names_cap, c->n_names + 1, sizeof *c->names);
    c->names[c->n_names++] = (catalog_name){folded, entry};
}

static void add_aliases(catalog_loader *l, const csv_field *field, int entry)
{
    const char *a = field->text, *end = field->text + field->len;
    while (a < end) {
        const char *sep = memchr(a, ';', (size_t)(end - a));
        size_t n = sep ? (size_t)(sep - a) : (size_t)(end - a);
        add_name(l, field, a, n, entry);
        a += n + 1;
    }
}

static bool require_text(catalog_loader *l, const csv_row *row, int col, const char *what)
{
    const csv_field *f = csvfile_cell(row, l->column_of[col]);
    char *folded = f ? fold_name(f->text, f->len) : xstrdup("");
    bool ok = *folded != '\0';
    free(folded);
    if (!ok) {
        diag_add(l->diags, DIAG_ERROR, l->file->path, f ? f->line : row->line,
                 f ? f->column : row->column, "empty %s; every row needs one", what);
        l->errors++;
    }
    return ok;
}

/* A date cell: empty is `none`; else exactly YYYY-MM-DD. */
static int32_t read_day(catalog_loader *l, const csv_field *f, const char *what, int32_t none)
{
    char *folded = f ? fold_name(f->text, f->len) : NULL;
    bool empty = !folded || !*folded;
    free(folded);
    if (empty)
        return none;
    int32_t day;
    const char *s = f->text;
    size_t len = f->len;
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (day_parse_iso(s, len, &day))
        return day;
    buf q = BUF_INIT;
    diag_quote(&q, f->text, f->len);
    diag_add(l->diags, DIAG_ERROR, l->file->path, f->line, f->column,
             "%s %s is not a date; expected YYYY-MM-DD such as 2025-07-01", what, q.data);
    buf_free(&q);
    l->errors++;
    return none;
}

static char *optional_text(const csv_field *f)
{
    char *folded = f ? fold_name(f->text, f->len) : NULL;
    bool empty = !folded || !*folded;
    free(folded);
    if (empty)
        return NULL;
    const char *s = f->text;
    size_t len = f->len;
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    return fold_nfc(s, len);
}

/* The four columns of a roster over time; their contradictions across rows are checked once
 * every row is read (roster.c). */
static void read_history(catalog_loader *l, const csv_row *row, catalog_entry *e)
{
    const csv_field *from = csvfile_cell(row, l->column_of[COL_FROM]);
    const csv_field *until = csvfile_cell(row, l->column_of[COL_UNTIL]);
    const csv_field *successor = csvfile_cell(row, l->column_of[COL_SUCCESSOR]);
    const csv_field *successor_name = csvfile_cell(row, l->column_of[COL_SUCCESSOR_NAME]);
    e->from = read_day(l, from, "from", DAY_NONE_BEFORE);
    e->until = read_day(l, until, "until", DAY_NONE_AFTER);
    e->column_from = from ? from->column : 0;
    e->column_until = until ? until->column : 0;
    e->column_successor = successor ? successor->column : 0;
    e->successor = optional_text(successor);
    e->successor_name = optional_text(successor_name);
    if (e->until < e->from) {
        buf a = BUF_INIT, b = BUF_INIT;
        day_format_iso(&a, e->until);
        day_format_iso(&b, e->from);
        diag_add(l->diags, DIAG_ERROR, l->file->path, until->line, until->column,
                 "until %s is before from %s; a row runs from its first day to its last", a.data,
                 b.data);
        buf_free(&a);
        buf_free(&b);
        l->errors++;
        e->until = e->from; /* so that its names are still checked against the others' */
    }
}

static void add_entry(catalog_loader *l, const csv_row *row)
{
    if (!require_text(l, row, COL_CODE, F_("code")) ||
        !require_text(l, row, COL_NAME, F_("name")))
        return;
    catalog *c = l->catalog;
    const csv_field *code = csvfile_cell(row, l->column_of[COL_CODE]);
    const csv_field *name = csvfile_cell(row, l->column_of[COL_NAME]);
    const csv_field *aliases = csvfile_cell(row, l->column_of[COL_ALIASES]);
    int entry = (int)c->count;
    c->entries = xgrow(c->entries, &c->cap, c->count + 1, sizeof *c->entries);
    c->entries[c->count++] = (catalog_entry){.code = fold_nfc(code->text, code->len),
                                             .name = fold_nfc(name->text, name->len),
                                             .from = DAY_NONE_BEFORE,
                                             .until = DAY_NONE_AFTER,
                                             .successor_entry = -1,
                                             .row = entry,
                                             .line = row->line};
    if (l->kind == CATALOG_ROSTER && c->has_history)
        read_history(l, row, &c->entries[entry]);
    add_name(l, code, code->text, code->len, entry);
    add_name(l, name, name->text, name->len, entry);
    if (aliases && l->kind == CATALOG_ROSTER)
        add_aliases(l, aliases, entry);
}

static int on_catalog_row(void *context, const csv_row *row)
{
    catalog_loader *l = context;
    if (csvfile_row_is_blank(row))
        return 0;
    if (!l->seen_header) {
        l->seen_header = true;
        size_t n = l->kind == CATALOG_ROSTER ? COL_COUNT : COL_ALIASES;
        l->errors += csvfile_map_header(l->file, row, catalog_columns, n, l->column_of, l->diags);
        for (int col = COL_FROM; col < COL_COUNT; col++)
            l->catalog->has_history |= l->column_of[col] >= 0;
        return l->errors ? 1 : 0;
    }
    add_entry(l, row);
    return 0;
}

int catalog_load(catalog *c, const char *path, catalog_kind kind, diag_list *diags)
{
    memset(c, 0, sizeof *c);
    c->path = xstrdup(path);
    csvfile file;
    catalog_loader l = {.catalog = c, .file = &file, .kind = kind, .diags = diags};
    for (int i = 0; i < COL_COUNT; i++)
        l.column_of[i] = -1;
    int rc = csvfile_open(&file, path, diags);
    memcpy(c->sha256, file.sha256, sizeof c->sha256);
    if (rc == 0)
        rc = csvfile_each_row(&file, on_catalog_row, &l, diags);
    if (rc == 0 && c->count == 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "no entries; the file needs a header and rows");
        rc = -1;
    }
    if (rc == 0 && l.errors == 0 && c->has_history)
        l.errors += roster_check(c, diags);
    csvfile_close(&file);
    return rc == 0 && l.errors == 0 ? 0 : -1;
}

void catalog_free(catalog *c)
{
    for (size_t i = 0; i < c->count; i++) {
        free(c->entries[i].code);
        free(c->entries[i].name);
        free(c->entries[i].successor);
        free(c->entries[i].successor_name);
    }
    for (size_t i = 0; i < c->n_names; i++)
        free(c->names[i].folded);
    free(c->entries);
    free(c->names);
    free(c->path);
    memset(c, 0, sizeof *c);
}
