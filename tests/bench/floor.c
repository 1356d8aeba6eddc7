/* floor.c - the floor under gen's annex: the project-line cells of the annex written with
 * libxlsxwriter and nothing else.
 *
 *     floor DATA_DIR OUT.xlsx
 *
 * DATA_DIR is the data/ folder of a gen run (its open data holds exactly the values of the
 * annex's cells). Everything is read and parsed first, untimed; then the workbook is written
 * the way gen writes it (constant-memory mode, the same number formats, the same fourteen
 * columns, the same split over sheets of 1,048,575 lines, the province and content tables as
 * values) and the time of that alone, workbook_close included, is printed in seconds. No
 * program that writes these cells with libxlsxwriter can be faster, so the benchmark reports
 * gen's annex time as a multiple of this one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

/* One CSV file in memory: its text, and for each row the fields (pointers into the text). */
typedef struct table {
    char *text;
    char **fields;
    size_t n_fields, cap;
    size_t columns;
    size_t rows; /* data rows, the header not counted */
} table;

static void die(const char *what, const char *path)
{
    fprintf(stderr, "floor: %s: %s: %s\n", path, what, errno ? strerror(errno) : "bad data");
    exit(2);
}

static void *grow(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fputs("floor: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0)
        die("cannot open", path);
    long size = ftell(f);
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0)
        die("cannot read", path);
    char *text = grow(NULL, (size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size || fclose(f) != 0)
        die("cannot read", path);
    text[size] = '\0';
    return text;
}

static void push_field(table *t, char *field)
{
    if (t->n_fields == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 1024;
        t->fields = grow(t->fields, t->cap * sizeof *t->fields);
    }
    t->fields[t->n_fields++] = field;
}

/* Parses gen's open-data CSV in place (UTF-8 BOM, CRLF, RFC 4180 quotes). */
static void parse(table *t, const char *path)
{
    char *p = t->text + (strncmp(t->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0);
    size_t in_row = 0;
    while (*p) {
        char *out = p, *start = p;
        if (*p == '"') {
            for (p++;; p++) {
                if (!*p)
                    die("unclosed quote", path);
                if (*p == '"' && p[1] == '"')
                    p++;
                else if (*p == '"')
                    break;
                *out++ = *p;
            }
            p++;
        } else {
            while (*p && *p != ',' && *p != '\r' && *p != '\n')
                *out++ = *p++;
        }
        char end = *p;
        *out = '\0';
        push_field(t, start);
        in_row++;
        p += end != '\0';
        if (end == '\r' || end == '\n' || end == '\0') {
            p += end == '\r' && *p == '\n';
            if (!t->columns)
                t->columns = in_row;
            else if (in_row != t->columns)
                die("a row of another width", path);
            in_row = 0;
        }
    }
    t->rows = t->n_fields / t->columns - 1;
}

static table load(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    table t = {read_all(path), NULL, 0, 0, 0, 0};
    parse(&t, path);
    return t;
}

static const char *cell(const table *t, size_t row, size_t col)
{
    return t->fields[(row + 1) * t->columns + col];
}

static double number(const char *s)
{
    return strtod(s, NULL);
}

typedef struct formats {
    lxw_format *text, *count, *million, *header;
} formats;

static lxw_format *format_with(lxw_workbook *wb, const char *num_format)
{
    lxw_format *f = workbook_add_format(wb);
    if (num_format)
        format_set_num_format(f, num_format);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void check(lxw_error e)
{
    if (e != LXW_NO_ERROR) {
        fprintf(stderr, "floor: %s\n", lxw_strerror(e));
        exit(2);
    }
}

/* Columns of data/projects.csv in the annex's order: numbers, then text, as gen writes them. */
enum {
    P_CODE,
    P_NAME,
    P_SOURCE,
    P_CONTENT_CODE,
    P_CONTENT,
    P_TITLE,
    P_PLAN,
    P_EXEC,
    P_EST,
    P_COUNTERPART,
    P_NOTE,
    P_FILE,
    P_LINE
};

static void write_line(lxw_worksheet *ws, lxw_row_t row, size_t number_, const table *t, size_t i,
                       const formats *f)
{
    static const int text_columns[] = {P_CODE,         P_NAME,    P_SOURCE,
                                       P_CONTENT_CODE, P_CONTENT, P_TITLE};
    check(worksheet_write_number(ws, row, 0, (double)number_, f->count));
    for (int k = 0; k < 6; k++)
        check(worksheet_write_string(ws, row, (lxw_col_t)(1 + k), cell(t, i, text_columns[k]),
                                     f->text));
    check(worksheet_write_number(ws, row, 7, number(cell(t, i, P_PLAN)), f->million));
    check(worksheet_write_number(ws, row, 8, number(cell(t, i, P_EXEC)), f->million));
    check(worksheet_write_number(ws, row, 9, number(cell(t, i, P_EST)), f->count));
    check(worksheet_write_number(ws, row, 10, number(cell(t, i, P_COUNTERPART)), f->million));
    const char *note = cell(t, i, P_NOTE);
    if (*note)
        check(worksheet_write_string(ws, row, 11, note, f->text));
    else
        check(worksheet_write_blank(ws, row, 11, f->text));
    check(worksheet_write_string(ws, row, 12, cell(t, i, P_FILE), f->text));
    check(worksheet_write_number(ws, row, 13, number(cell(t, i, P_LINE)), f->count));
}

static void write_lines(lxw_workbook *wb, const table *t, const formats *f)
{
    lxw_worksheet *ws = NULL;
    lxw_row_t row = 0;
    for (size_t i = 0; i < t->rows; i++) {
        if (i % (LXW_ROW_MAX - 1) == 0) {
            char name[32];
            snprintf(name, sizeof name, "Lines %zu", i / (LXW_ROW_MAX - 1) + 1);
            ws = workbook_add_worksheet(wb, name);
            for (lxw_col_t c = 0; c < 14; c++)
                check(worksheet_write_string(ws, 0, c, "heading", f->header));
            row = 0;
        }
        write_line(ws, ++row, i + 1, t, i, f);
    }
}

/* A small table (provinces, contents) as values: text where gen writes text, else numbers. */
static void write_table(lxw_workbook *wb, const char *name, const table *t, size_t text_columns,
                        const formats *f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    for (size_t c = 0; c < t->columns; c++)
        check(worksheet_write_string(ws, 0, (lxw_col_t)c, t->fields[c], f->header));
    for (size_t i = 0; i < t->rows; i++)
        for (size_t c = 0; c < t->columns; c++) {
            const char *s = cell(t, i, c);
            lxw_row_t row = (lxw_row_t)(i + 1);
            if (c < text_columns)
                check(worksheet_write_string(ws, row, (lxw_col_t)c, s, f->text));
            else if (*s)
                check(worksheet_write_number(ws, row, (lxw_col_t)c, number(s), f->million));
        }
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: floor DATA_DIR OUT.xlsx\n", stderr);
        return 1;
    }
    table lines = load(argv[1], "projects.csv");
    table provinces = load(argv[1], "provinces.csv");
    table contents = load(argv[1], "contents.csv");

    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    /* Temporary files beside the workbook, as gen puts them. */
    char folder[4096] = ".";
    const char *slash = strrchr(argv[2], '/');
    if (slash)
        snprintf(folder, sizeof folder, "%.*s", (int)(slash - argv[2]), argv[2]);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = folder};
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    if (!wb)
        die("cannot create", argv[2]);
    formats f = {format_with(wb, NULL), format_with(wb, "#,##0"), format_with(wb, "#,##0.000"),
                 format_with(wb, NULL)};
    format_set_bold(f.header);
    write_table(wb, "Provinces", &provinces, 3, &f);
    write_table(wb, "Contents", &contents, 2, &f);
    write_lines(wb, &lines, &f);
    check(workbook_close(wb));
    printf("%.6f\n", seconds_since(&start));

    free(lines.text);
    free(lines.fields);
    free(provinces.text);
    free(provinces.fields);
    free(contents.text);
    free(contents.fields);
    return fflush(stdout) == 0 ? 0 : 2;
}
