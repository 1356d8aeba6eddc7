#include "submission.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "day.h"
#include "roster.h"
#include "csvfile.h"
#include "fold.h"
#include "number.h"
#include "memo.h"
#include "path.h"

enum {
    COL_PROVINCE,
    COL_SOURCE,
    COL_CONTENT,
    COL_PROJECT,
    COL_PLAN,
    COL_EXECUTED,
    COL_ESTABLISHMENTS,
    COL_COUNTERPART,
    COL_NOTE,
    COL_COUNT
};

static const column_spec submission_columns[COL_COUNT] = {
    {"province", "tinh;ma_tinh", true},
    {"source", "nguon;nguon_kinh_phi", true},
    {"content", "noi_dung", true},
    {"project", "de_an;ten_de_an", true},
    {"plan", "ke_hoach", true},
    {"executed", "thuc_hien", true},
    {"establishments", "so_co_so", false},
    {"counterpart", "von_doi_ung", false},
    {"note", "ghi_chu", false},
};

/* Spellings of each source, folded (see fold.h). */
static const char *const source_names[SOURCE_COUNT][5] = {
    {"kcqg", "quoc gia", "national", "khuyen cong quoc gia", NULL},
    {"kcdp", "dia phuong", "local", "khuyen cong dia phuong", NULL},
};

const char *source_label(source s)
{
    return s == SOURCE_KCQG ? "KCQG" : "KCĐP";
}

typedef struct reader {
    submission *sub;
    csvfile *file;
    const catalog *roster;
    const catalog *contents;
    diag_list *diags;
    bool seen_header;
    size_t header_count;
    int column_of[COL_COUNT];
    int province_line; /* the line whose province the file is for */
    int blank_first;   /* first line of the current run of blank rows, 0 when none */
    int blank_last;
    size_t blank_count;
    size_t data_rows;
    memo memo[COL_COUNT]; /* lookups: the index found, or -1; notes: the text kept */
    submission_keep keep;
    /* When reading a file again for its lines: each is given to `deliver` (with `delivered_for`
     * as the submission) instead of being kept; a non-zero return stops the reading. */
    submission_line_fn deliver;
    void *deliver_context;
    const submission *delivered_for;
    int delivered;
    size_t warnings_shown;
    bool gave_up; /* too many errors: the rest of the file is not checked */
} reader;

/* After this many errors a file is plainly not a submission in the expected form (a wrong
 * export, another table, random bytes): the rest is not checked, as compilers stop, so that one
 * file cannot flood standard error or memory. Warnings past the same count are not shown. */
enum { MAX_DIAGNOSTICS_PER_FILE = 100 };

static void report(reader *r, diag_severity severity, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* True when the diagnostic is one too many; says so once. */
static bool over_limit(reader *r, diag_severity severity, int line, int column)
{
    if (severity == DIAG_WARNING) {
        if (r->warnings_shown++ == MAX_DIAGNOSTICS_PER_FILE)
            diag_add(r->diags, DIAG_WARNING, r->sub->path, line, column,
                     "more than %d warnings; the rest are not shown", MAX_DIAGNOSTICS_PER_FILE);
        return r->warnings_shown > MAX_DIAGNOSTICS_PER_FILE;
    }
    if (r->sub->errors < MAX_DIAGNOSTICS_PER_FILE)
        return false;
    diag_add(r->diags, DIAG_ERROR, r->sub->path, line, column,
             "more than %d errors; the rest of the file is not checked", MAX_DIAGNOSTICS_PER_FILE);
    r->sub->errors++;
    r->gave_up = true;
    return true;
}

static void report(reader *r, diag_severity severity, int line, int column, const char *fmt, ...)
{
    if (r->gave_up || over_limit(r, severity, line, column))
        return;
    va_list ap;
    va_start(ap, fmt);
    diag_addv(r->diags, severity, r->sub->path, line, column, fmt, ap);
    va_end(ap);
    if (severity == DIAG_ERROR)
        r->sub->errors++;
}

static char *quoted(const char *s, size_t len)
{
    buf q = BUF_INIT;
    diag_quote(&q, s, len);
    return buf_detach(&q);
}

static const char *delimiter_name(char delimiter)
{
    return delimiter == ';'   ? F_("';'-separated")
           : delimiter == ',' ? F_("','-separated")
                              : F_("tab-separated");
}

static int find_source(const char *s, size_t len)
{
    char *folded = fold_name(s, len);
    int found = -1;
    for (int src = 0; src < SOURCE_COUNT && found < 0; src++)
        for (int k = 0; source_names[src][k] && found < 0; k++)
            if (strcmp(folded, source_names[src][k]) == 0)
                found = src;
    free(folded);
    return found;
}

/* Looks `field` up in column `col`, through the column's memo. */
static int lookup(reader *r, int col, const csv_field *field)
{
    bool hit;
    memo_slot *slot = memo_find(&r->memo[col], field->text, field->len, &hit);
    if (!hit)
        slot->result = col == COL_SOURCE     ? find_source(field->text, field->len)
                       : col == COL_PROVINCE ? catalog_find(r->roster, field->text, field->len)
                                             : catalog_find(r->contents, field->text, field->len);
    return slot->result;
}

/* The row's cell of column `col`, or NULL when the header has no such column or the row is too
 * short to have it (check_row_length reports a short row; this reports nothing). */
static const csv_field *cell(const csv_row *row, const reader *r, int col)
{
    return csvfile_cell(row, r->column_of[col]);
}

static bool check_province(reader *r, const csv_field *f)
{
    int p = lookup(r, COL_PROVINCE, f);
    char *q = quoted(f->text, f->len);
    buf fate = BUF_INIT;
    if (p < 0 && roster_describe_absent(r->roster, f->text, f->len, &fate)) {
        buf day = BUF_INIT;
        day_format(&day, r->roster->day);
        report(r, DIAG_ERROR, f->line, f->column,
               "province %s does not exist on %s, the period's last day: %s; expected a province "
               "of that day from %s",
               q, day.data, fate.data, path_base(r->roster->path));
        buf_free(&day);
    } else if (p < 0) {
        report(r, DIAG_ERROR, f->line, f->column,
               "unknown province %s; expected a code, name or alias from %s, such as '%s' or "
               "'%s'",
               q, path_base(r->roster->path), r->roster->entries[0].code,
               r->roster->entries[0].name);
    } else if (r->sub->province < 0) {
        r->sub->province = p;
        r->province_line = f->line;
    } else if (p != r->sub->province) {
        report(r, DIAG_ERROR, f->line, f->column,
               "province %s (%s) differs from '%s' named on line %d; one file holds one "
               "province's submission",
               q, r->roster->entries[p].name, r->roster->entries[r->sub->province].name,
               r->province_line);
    }
    buf_free(&fate);
    free(q);
    return p >= 0;
}

static bool read_source(reader *r, const csv_field *f, source *out)
{
    int s = lookup(r, COL_SOURCE, f);
    if (s < 0) {
        char *q = quoted(f->text, f->len);
        report(r, DIAG_ERROR, f->line, f->column,
               "unknown source %s; expected 'KCQG' (quốc gia, national) or 'KCĐP' (KCDP, địa "
               "phương, local)",
               q);
        free(q);
        return false;
    }
    *out = (source)s;
    return true;
}

static bool read_content(reader *r, const csv_field *f, int *out)
{
    int c = lookup(r, COL_CONTENT, f);
    if (c < 0) {
        char *q = quoted(f->text, f->len);
        report(r, DIAG_ERROR, f->line, f->column,
               "unknown content %s; expected a code or name from %s, such as '%s' or '%s'", q,
               path_base(r->contents->path), r->contents->entries[0].code,
               r->contents->entries[0].name);
        free(q);
        return false;
    }
    *out = c;
    return true;
}

/* The text of a cell without surrounding spaces and tabs ("" for a missing cell). */
static const char *trimmed(const csv_field *f, size_t *len)
{
    const char *s = f ? f->text : "";
    *len = f ? f->len : 0;
    while (*len && (*s == ' ' || *s == '\t')) {
        s++;
        (*len)--;
    }
    while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
        (*len)--;
    return s;
}

/* Text shown to readers, in NFC, kept in the submission's arena. */
static const char *keep_text(reader *r, const char *s, size_t len)
{
    if (fold_is_nfc(s, len))
        return arena_strndup(&r->sub->strings, s, len);
    char *nfc = fold_nfc(s, len);
    const char *kept = arena_strndup(&r->sub->strings, nfc, strlen(nfc));
    free(nfc);
    return kept;
}

/* A note, kept once however many lines repeat it. */
static const char *keep_note(reader *r, const csv_field *f)
{
    size_t len;
    const char *s = trimmed(f, &len);
    bool hit;
    memo_slot *slot = memo_find(&r->memo[COL_NOTE], s, len, &hit);
    if (!hit)
        slot->value = keep_text(r, s, len);
    return slot->value;
}

static void report_number(reader *r, const csv_field *f, const char *what, number_status st,
                          bool whole)
{
    char *q = quoted(f->text, f->len);
    const char *expected =
        whole ? number_expected_count(r->file->style) : number_expected_amount(r->file->style);
    switch (st) {
    case NUMBER_EMPTY:
        report(r, DIAG_ERROR, f->line, f->column, "empty %s; expected %s (0 if none)", what,
               expected);
        break;
    case NUMBER_NEGATIVE:
        report(r, DIAG_ERROR, f->line, f->column, "%s %s is negative; expected %s", what, q,
               expected);
        break;
    case NUMBER_TOO_PRECISE:
        report(r, DIAG_ERROR, f->line, f->column,
               "%s %s has more than three decimals; amounts are million VND to the thousand "
               "đồng",
               what, q);
        break;
    case NUMBER_NOT_WHOLE:
        report(r, DIAG_ERROR, f->line, f->column, "%s %s is not a whole number; expected %s", what,
               q, expected);
        break;
    case NUMBER_TOO_LARGE:
        report(r, DIAG_ERROR, f->line, f->column, "%s %s is too large; expected at most %s", what,
               q, whole ? "1.000.000.000" : F_("1.000.000.000 million VND"));
        break;
    default:
        report(r, DIAG_ERROR, f->line, f->column,
               "%s %s is not a number in this %s file; expected %s", what, q,
               delimiter_name(r->file->delimiter), expected);
        break;
    }
    free(q);
}

/* Reads an amount or a count; an absent optional cell or an empty one reads as 0. */
static bool read_number(reader *r, const csv_field *f, const char *what, bool required, bool whole,
                        int64_t *out)
{
    *out = 0;
    if (!f)
        return !required;
    if (r->file->style == NUMBER_DECIMAL_POINT && !f->quoted && memchr(f->text, ',', f->len)) {
        /* The contract allows ',' grouping only inside quotes: unquoted in a tab file, "1,234"
         * may just as well be a decimal comma from a Vietnamese-locale spreadsheet. */
        char *q = quoted(f->text, f->len);
        report(r, DIAG_ERROR, f->line, f->column,
               "%s %s has a ',' outside quotes; in a %s file write %s", what, q,
               delimiter_name(r->file->delimiter),
               whole ? number_expected_count(r->file->style)
                     : number_expected_amount(r->file->style));
        free(q);
        return false;
    }
    number_status st = whole ? number_read_count(f->text, f->len, r->file->style, out)
                             : number_read_amount(f->text, f->len, r->file->style, out);
    if (st == NUMBER_OK || (st == NUMBER_EMPTY && !required))
        return true;
    report_number(r, f, what, st, whole);
    return false;
}

static bool check_row_length(reader *r, const csv_row *row)
{
    bool ok = true;
    if (row->count < r->header_count) {
        if (row->count == 1)
            report(r, DIAG_ERROR, row->line, row->column,
                   "the row has %zu field; the header has %zu (is a delimiter missing?)",
                   row->count, r->header_count);
        else
            report(r, DIAG_ERROR, row->line, row->column,
                   "the row has %zu fields; the header has %zu (is a delimiter missing?)",
                   row->count, r->header_count);
        ok = false;
    }
    for (size_t i = r->header_count; i < row->count; i++) {
        const csv_field *f = &row->fields[i];
        if (f->len == 0)
            continue;
        char *q = quoted(f->text, f->len);
        report(r, DIAG_ERROR, f->line, f->column,
               "field %s is past the last column (the header has %zu); is a value split by a "
               "stray delimiter?",
               q, r->header_count);
        free(q);
        ok = false;
        break;
    }
    return ok;
}

static void add_line_to(figures *sums, const project_line *l)
{
    figures_add(sums, &(figures){l->plan, l->executed, l->establishments, l->counterpart, 1});
}

static void add_to_sums(submission *s, const project_line *l)
{
    add_line_to(&s->by_source[l->source], l);
    add_line_to(&s->by_content[(size_t)l->content * SOURCE_COUNT + l->source], l);
}

/* Counts the line and stores it, with its title and note, or hands it over, as the reader is
 * asked to. */
static void keep_line(reader *r, project_line *line, const char *title, size_t title_len,
                      const csv_row *row)
{
    submission *s = r->sub;
    add_to_sums(s, line);
    bool head = r->keep == SUBMISSION_REREAD_LINES && s->n_lines < SUBMISSION_HEAD_LINES;
    if (r->keep != SUBMISSION_KEEP_LINES && !head)
        return;
    line->title = keep_text(r, title, title_len);
    line->note = keep_note(r, cell(row, r, COL_NOTE));
    if (r->deliver) {
        r->delivered = r->deliver(r->deliver_context, r->delivered_for, line);
        return;
    }
    s->lines = xgrow(s->lines, &s->lines_cap, s->n_lines + 1, sizeof *s->lines);
    s->lines[s->n_lines++] = *line;
}

static void read_project_line(reader *r, const csv_row *row)
{
    size_t errors_before = r->sub->errors;
    project_line line = {.line = row->line};
    int64_t establishments;
    bool ok = check_row_length(r, row);
    const csv_field *f;
    if ((f = cell(row, r, COL_PROVINCE)))
        ok &= check_province(r, f);
    if ((f = cell(row, r, COL_SOURCE)))
        ok &= read_source(r, f, &line.source);
    if ((f = cell(row, r, COL_CONTENT)))
        ok &= read_content(r, f, &line.content);
    ok &= read_number(r, cell(row, r, COL_PLAN), F_("plan"), true, false, &line.plan);
    ok &= read_number(r, cell(row, r, COL_EXECUTED), F_("executed"), true, false, &line.executed);
    ok &= read_number(r, cell(row, r, COL_ESTABLISHMENTS), F_("establishments"), false, true,
                      &establishments);
    line.establishments = (int32_t)establishments; /* at most NUMBER_MAX_COUNT */
    ok &= read_number(r, cell(row, r, COL_COUNTERPART), F_("counterpart"), false, false,
                      &line.counterpart);
    size_t title_len;
    const char *title = trimmed(cell(row, r, COL_PROJECT), &title_len);
    if ((f = cell(row, r, COL_PROJECT)) && title_len == 0) {
        report(r, DIAG_ERROR, f->line, f->column,
               "empty project title; every line names its project");
        ok = false;
    }
    if (ok && r->sub->errors == errors_before)
        keep_line(r, &line, title, title_len, row);
}

static void flush_blank_rows(reader *r)
{
    if (r->blank_count == 0)
        return;
    if (r->blank_count == 1)
        report(r, DIAG_WARNING, r->blank_first, 0, "blank row ignored");
    else
        report(r, DIAG_WARNING, r->blank_first, 0, "%zu blank rows ignored (lines %d-%d)",
               r->blank_count, r->blank_first, r->blank_last);
    r->blank_count = 0;
}

static int on_submission_row(void *context, const csv_row *row)
{
    reader *r = context;
    if (csvfile_row_is_blank(row)) {
        if (r->blank_count++ == 0)
            r->blank_first = row->line;
        r->blank_last = row->line;
        return 0;
    }
    flush_blank_rows(r);
    if (!r->seen_header) {
        r->seen_header = true;
        r->header_count = row->count;
        size_t errors =
            csvfile_map_header(r->file, row, submission_columns, COL_COUNT, r->column_of, r->diags);
        r->sub->errors += errors;
        return 0;
    }
    r->data_rows++;
    read_project_line(r, row);
    return r->gave_up || r->delivered ? 1 : 0;
}

static void read_rows(reader *r)
{
    int rc = csvfile_each_row(r->file, on_submission_row, r, r->diags);
    if (rc == -1) {
        /* The reader has reported where the file is malformed. */
        r->sub->errors++;
        return;
    }
    if (r->gave_up || r->delivered)
        return;
    flush_blank_rows(r);
    if (r->data_rows == 0)
        report(r, DIAG_ERROR, 0, 0,
               "no project lines; a submission needs a header and at least one row");
}

static void free_lines(submission *s)
{
    arena_free(&s->strings);
    free(s->lines);
    s->lines = NULL;
    s->n_lines = s->lines_cap = 0;
    memset(s->by_source, 0, sizeof s->by_source);
    memset(s->by_content, 0, s->n_contents * SOURCE_COUNT * sizeof *s->by_content);
}

/* Gives back what the growing array of lines reserved beyond its last line. */
static void fit_lines(submission *s)
{
    if (s->lines && s->n_lines < s->lines_cap) {
        s->lines = xrealloc(s->lines, s->n_lines * sizeof *s->lines);
        s->lines_cap = s->n_lines;
    }
}

/* "dòng LINE, ký tự COLUMN: message" of the first error added since `from`, in the documents'
 * language: what the briefing and the annex show as the reason a file was rejected. */
static char *first_error_since(const diag_list *diags, size_t from)
{
    for (size_t i = from; i < diags->count; i++) {
        const diag *d = &diags->items[i];
        if (d->severity != DIAG_ERROR)
            continue;
        buf b = BUF_INIT;
        if (d->line > 0 && d->column > 0)
            i18n_format(&b, I18N_DOCUMENTS, "line %d, column %d: ", d->line, d->column);
        else if (d->line > 0)
            i18n_format(&b, I18N_DOCUMENTS, "line %d: ", d->line);
        buf_puts(&b, diag_message(d, I18N_DOCUMENTS));
        return buf_detach(&b);
    }
    return NULL;
}

/* Opens the file at `path`, or, when `bytes` is not NULL, the bytes given under that name. */
static int open_submission(csvfile *file, const char *path, const unsigned char *bytes, size_t len,
                           diag_list *diags)
{
    /* Only a regular file is read: a link could lead outside the period folder, a FIFO would
     * block the run, a device would be read forever. */
    return bytes ? csvfile_open_bytes(file, path, bytes, len, diags)
                 : csvfile_open_regular(file, path, diags);
}

/* 64-bit FNV-1a over the text, a word at a time: it only has to tell whether a file changed
 * between two readings of one run. */
static uint64_t text_hash(const char *data, size_t len)
{
    uint64_t h = 14695981039346656037u, w;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, data + i, 8);
        h = (h ^ w) * 1099511628211u;
    }
    for (; i < len; i++)
        h = (h ^ (unsigned char)data[i]) * 1099511628211u;
    return h;
}

/* With SUBMISSION_REREAD_LINES, a file of at most this much text keeps its lines all the same:
 * reading small files again would cost more than their lines take (a province's file of a
 * few thousand lines; the roster's provinces, at most one file each, hold a few tens of MB). */
enum { KEEP_LINES_UP_TO = 512 * 1024 };

static submission *new_submission(const char *path, const catalog *contents, submission_keep keep)
{
    submission *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    s->name = s->path;
    s->province = -1;
    s->keep = keep;
    s->n_contents = contents->count;
    s->by_content = xcalloc(contents->count * SOURCE_COUNT, sizeof *s->by_content);
    return s;
}

static void free_memo(reader *r)
{
    for (int c = 0; c < COL_COUNT; c++)
        memo_free(&r->memo[c]);
}

static submission *read_submission(const char *path, const unsigned char *bytes, size_t len,
                                   const catalog *roster, const catalog *contents,
                                   submission_keep keep, diag_list *diags)
{
    submission *s = new_submission(path, contents, keep);
    csvfile file;
    reader r = {.sub = s,
                .file = &file,
                .roster = roster,
                .contents = contents,
                .diags = diags,
                .keep = keep};
    size_t errors_before = diags->errors, warnings_before = diags->warnings;
    size_t first_diag = diags->count;
    int opened = open_submission(&file, path, bytes, len, diags);
    memcpy(s->sha256, file.sha256, sizeof s->sha256);
    if (opened == 0) {
        s->encoding = file.text.encoding;
        s->delimiter = file.delimiter;
        if (keep == SUBMISSION_REREAD_LINES && file.text.len <= KEEP_LINES_UP_TO)
            s->keep = r.keep = SUBMISSION_KEEP_LINES;
        if (s->keep == SUBMISSION_REREAD_LINES)
            s->text_hash = text_hash(file.text.data, file.text.len);
        read_rows(&r);
    } else {
        s->errors += diags->errors - errors_before;
    }
    csvfile_close(&file);
    free_memo(&r);
    /* Counted from the list: the reading layers below add warnings of their own. */
    s->warnings = diags->warnings - warnings_before;
    s->rejected = s->errors > 0;
    if (s->rejected) {
        s->first_error = first_error_since(diags, first_diag);
        free_lines(s);
    }
    fit_lines(s);
    return s;
}

submission *submission_read(const char *path, const catalog *roster, const catalog *contents,
                            diag_list *diags)
{
    return read_submission(path, NULL, 0, roster, contents, SUBMISSION_KEEP_LINES, diags);
}

submission *submission_read_keeping(const char *path, const catalog *roster,
                                    const catalog *contents, submission_keep keep, diag_list *diags)
{
    return read_submission(path, NULL, 0, roster, contents, keep, diags);
}

submission *submission_read_bytes(const char *path, const unsigned char *bytes, size_t len,
                                  const catalog *roster, const catalog *contents, diag_list *diags)
{
    static const unsigned char nothing[1] = {0};
    return read_submission(path, bytes ? bytes : nothing, len, roster, contents,
                           SUBMISSION_KEEP_LINES, diags);
}

void submission_reject(submission *s, diag_list *diags, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(diags, DIAG_ERROR, s->path, 0, 0, fmt, ap);
    va_end(ap);
    s->errors++;
    s->rejected = true;
    if (!s->first_error)
        s->first_error = xstrdup(diag_message(&diags->items[diags->count - 1], I18N_DOCUMENTS));
    free_lines(s);
}

size_t submission_line_count(const submission *s)
{
    size_t n = 0;
    for (int src = 0; src < SOURCE_COUNT; src++)
        n += s->by_source[src].lines;
    return n;
}

/* Reads the file of `s` again, handing each line to `fn`; its diagnostics were reported the
 * first time and go to a list that is thrown away. */
static int reread_lines(const submission *s, const catalog *roster, const catalog *contents,
                        submission_line_fn fn, void *context, diag_list *diags)
{
    submission *scratch = new_submission(s->path, contents, SUBMISSION_KEEP_LINES);
    diag_list again = DIAG_LIST_INIT;
    csvfile file;
    reader r = {.sub = scratch,
                .file = &file,
                .roster = roster,
                .contents = contents,
                .diags = &again,
                .keep = SUBMISSION_KEEP_LINES,
                .deliver = fn,
                .deliver_context = context,
                .delivered_for = s};
    int rc = csvfile_open_regular(&file, s->path, &again);
    if (rc == 0 && text_hash(file.text.data, file.text.len) != s->text_hash)
        rc = -1;
    if (rc == 0)
        read_rows(&r);
    if (rc == 0 && !r.delivered &&
        (scratch->errors > 0 || memcmp(scratch->by_source, s->by_source, sizeof s->by_source) != 0))
        rc = -1;
    if (rc != 0)
        diag_add(diags, DIAG_ERROR, s->path, 0, 0,
                 "the file changed while gen was running (it is not what was read and checked "
                 "at the start); run gen again");
    csvfile_close(&file);
    free_memo(&r);
    diag_list_free(&again);
    submission_free(scratch);
    return rc != 0 ? -1 : r.delivered;
}

int submission_each_head_line(const submission *s, size_t max, submission_line_fn fn, void *context)
{
    if (s->rejected)
        return 0;
    for (size_t i = 0; i < s->n_lines && i < max; i++) {
        int rc = fn(context, s, &s->lines[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int submission_each_line(const submission *s, const catalog *roster, const catalog *contents,
                         submission_line_fn fn, void *context, diag_list *diags)
{
    if (s->rejected)
        return 0;
    if (s->keep == SUBMISSION_REREAD_LINES)
        return reread_lines(s, roster, contents, fn, context, diags);
    for (size_t i = 0; i < s->n_lines; i++) {
        int rc = fn(context, s, &s->lines[i]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

void submission_free(submission *s)
{
    if (!s)
        return;
    free_lines(s);
    free(s->by_content);
    free(s->path);
    free(s->first_error);
    free(s);
}
