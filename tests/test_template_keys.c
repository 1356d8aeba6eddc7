/* Every name templates/README.md documents exists for every data set (issue 10, finding 7).
 *
 * The test reads the README's tables of names (not a copy of them), writes templates that use
 * every documented name (a section for each list and optional map, {{name}} for everything
 * else) and renders them, through the program's own template loader with its strict names,
 * against the real model of many data sets: the golden cases' inputs and small ones made here
 * (a rejected file whose province cannot be told, a year before whose plan is 0, a year before
 * with no province in common). Every render must succeed. A misspelt name must still fail. */
#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing.h"
#include "catalog.h"
#include "chart.h"
#include "context.h"
#include "html.h"
#include "index.h"
#include "period.h"
#include "province_page.h"
#include "region.h"

#define README "templates/README.md"

enum { FOR_MD = 1, FOR_HTML = 2, FOR_INDEX = 4, FOR_PROVINCE_MD = 8, FOR_PROVINCE_HTML = 16 };

typedef enum kind { KIND_TEXT, KIND_BOOL, KIND_LIST, KIND_MAP, KIND_OPTIONAL_MAP } kind;

typedef struct name_entry {
    char *path;        /* as the README writes it: "coverage.rejected[].code" */
    char *parent;      /* "coverage.rejected[]"; "" at the top */
    const char *local; /* "code" (points into path) */
    kind kind;
    unsigned templates; /* FOR_* */
    bool seen;          /* a list seen non-empty, an optional map seen present */
} name_entry;

static name_entry names[512];
static size_t name_count;

/* ------------------------------------------------------------------------------------------ */
/* Reading the README                                                                          */
/* ------------------------------------------------------------------------------------------ */

static char *trimmed(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    char *t = malloc(len + 1);
    memcpy(t, s, len);
    t[len] = '\0';
    return t;
}

static bool parse_kind(const char *s, kind *k)
{
    static const struct {
        const char *word;
        kind kind;
    } kinds[] = {{"text", KIND_TEXT},
                 {"true/false", KIND_BOOL},
                 {"list", KIND_LIST},
                 {"map", KIND_MAP},
                 {"optional map", KIND_OPTIONAL_MAP}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(s, kinds[i].word) == 0) {
            *k = kinds[i].kind;
            return true;
        }
    return false;
}

/* "a.b[].c": names of letters, digits and '_', joined by '.', each but the last may end "[]". */
static bool well_formed(const char *p)
{
    bool segment_start = true;
    for (; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_') {
            segment_start = false;
        } else if (*p == '.' && !segment_start) {
            segment_start = true;
        } else if (*p == '[' && !segment_start && p[1] == ']' && p[2] == '.') {
            p++;
        } else {
            return false;
        }
    }
    return !segment_start;
}

static name_entry *find_name(const char *path, unsigned templates)
{
    for (size_t i = 0; i < name_count; i++)
        if (strcmp(names[i].path, path) == 0 && (names[i].templates & templates))
            return &names[i];
    return NULL;
}

static void add_name(const char *path, kind k, unsigned templates, int line)
{
    if (!well_formed(path))
        fail_msg(README ":%d: `%s` is not a name (a.b, a[].b)", line, path);
    if (find_name(path, templates))
        fail_msg(README ":%d: `%s` is listed twice", line, path);
    assert_true(name_count < sizeof names / sizeof names[0]);
    name_entry *e = &names[name_count++];
    e->path = strdup(path);
    const char *dot = strrchr(e->path, '.');
    e->parent = dot ? strndup(e->path, (size_t)(dot - e->path)) : strdup("");
    e->local = dot ? dot + 1 : e->path;
    e->kind = k;
    e->templates = templates;
    e->seen = false;
}

/* Reads the rows "| `name`, `name` | kind | value |" of the README's tables, each table for the
 * templates its heading names (briefing.md, briefing.html, index.html). */
static void read_readme(void)
{
    if (name_count)
        return;
    char *text = test_read_file(README, NULL);
    assert_non_null(text);
    unsigned templates = 0;
    bool in_names = false; /* inside "## Names", until the next "## " heading */
    int line_no = 0;
    for (char *line = text, *next; line && *line; line = next) {
        line_no++;
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        if (strncmp(line, "## ", 3) == 0) {
            in_names = strstr(line, "Names") != NULL;
            templates = 0;
            continue;
        }
        if (!in_names)
            continue;
        if (line[0] == '#') {
            templates = (strstr(line, "briefing.md") ? FOR_MD : 0) |
                        (strstr(line, "briefing.html") ? FOR_HTML : 0) |
                        (strstr(line, "index.html") ? FOR_INDEX : 0) |
                        (strstr(line, "province.md") ? FOR_PROVINCE_MD : 0) |
                        (strstr(line, "province.html") ? FOR_PROVINCE_HTML : 0);
            continue;
        }
        if (strncmp(line, "| `", 3) != 0)
            continue;
        if (!templates)
            fail_msg(README ":%d: a name outside a section that names its templates", line_no);
        char *first_end = strstr(line + 1, " | ");
        char *second_end = first_end ? strstr(first_end + 3, " | ") : NULL;
        if (!second_end)
            fail_msg(README ":%d: expected | names | kind | value |", line_no);
        char *kind_text = trimmed(first_end + 3, (size_t)(second_end - first_end - 3));
        kind k = KIND_TEXT;
        if (!parse_kind(kind_text, &k))
            fail_msg(README ":%d: unknown kind '%s' (text, true/false, list, map, optional map)",
                     line_no, kind_text);
        free(kind_text);
        char *cell = trimmed(line + 1, (size_t)(first_end - line - 1));
        for (char *p = cell; (p = strchr(p, '`'));) {
            char *end = strchr(p + 1, '`');
            if (!end)
                fail_msg(README ":%d: unclosed `", line_no);
            char *path = strndup(p + 1, (size_t)(end - p - 1));
            add_name(path, k, templates, line_no);
            free(path);
            p = end + 1;
            while (*p == ',' || *p == ' ')
                p++;
            if (*p && *p != '`')
                fail_msg(README ":%d: the name cell holds only `names` separated by commas",
                         line_no);
        }
        free(cell);
    }
    free(text);
    /* Every name's parent is documented, as a list for "a[].b", as a map for "a.b". */
    for (size_t i = 0; i < name_count; i++) {
        const name_entry *e = &names[i];
        if (!*e->parent)
            continue;
        size_t len = strlen(e->parent);
        bool item = len > 2 && strcmp(e->parent + len - 2, "[]") == 0;
        char *container = strndup(e->parent, item ? len - 2 : len);
        const name_entry *c = find_name(container, e->templates);
        if (!c || (c->templates & e->templates) != e->templates)
            fail_msg(README ": `%s` is documented, `%s` is not", e->path, container);
        if (item ? c->kind != KIND_LIST : c->kind != KIND_MAP && c->kind != KIND_OPTIONAL_MAP)
            fail_msg(README ": `%s` needs `%s` to be a %s", e->path, container,
                     item ? "list" : "map");
        free(container);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* A template that uses every name                                                             */
/* ------------------------------------------------------------------------------------------ */

/* The README nodes whose contexts are on the Mustache context stack, bottom first: "" (the
 * top), an optional map's path, a list's "path[]". */
typedef struct stack {
    const char *nodes[16];
    int depth;
} stack;

static bool documents(const char *node, const char *local, unsigned templates)
{
    for (size_t i = 0; i < name_count; i++)
        if ((names[i].templates & templates) && strcmp(names[i].parent, node) == 0 &&
            strcmp(names[i].local, local) == 0)
            return true;
    return false;
}

/* `first` is meant to be found in the context at `level`. The engine looks a name up from the
 * top of the stack down, so if another context also had it, a missing name would be found
 * there (or the wrong one first): the test would prove nothing. */
static void check_unambiguous(const stack *s, int level, const char *first, unsigned templates)
{
    for (int j = 0; j < s->depth; j++)
        if (j != level && documents(s->nodes[j], first, templates))
            fail_msg("`%s` is a name both in `%s` and in `%s`: a template cannot tell them apart "
                     "reliably; rename one",
                     first, s->nodes[level], s->nodes[j]);
}

/* Writes, for every name under README node `node`, a use of it. `prefix` is the Mustache path
 * of `node` from the context at `level` ("" when `node` is that context). */
static void write_uses(buf *t, stack *s, const char *node, const char *prefix, int level,
                       unsigned templates)
{
    for (size_t i = 0; i < name_count; i++) {
        name_entry *e = &names[i];
        if (!(e->templates & templates) || strcmp(e->parent, node) != 0)
            continue;
        buf path = BUF_INIT, first = BUF_INIT;
        buf_printf(&path, "%s%s", prefix, e->local);
        buf_append(&first, path.data, strcspn(path.data, "."));
        check_unambiguous(s, level, first.data, templates);
        /* {{name}} of a map or a list prints nothing but fails when the name is missing; an
         * optional map is only ever used inside its section. */
        if (e->kind != KIND_OPTIONAL_MAP)
            buf_printf(t, "%s={{%s}}\n", e->path, path.data);
        if (e->kind == KIND_MAP) {
            buf sub = BUF_INIT;
            buf_printf(&sub, "%s.", path.data);
            write_uses(t, s, e->path, sub.data, level, templates);
            buf_free(&sub);
        } else if (e->kind == KIND_OPTIONAL_MAP || e->kind == KIND_LIST) {
            assert_true(s->depth < 16);
            buf item = BUF_INIT, sub = BUF_INIT;
            buf_printf(&item, e->kind == KIND_LIST ? "%s[]" : "%s", e->path);
            /* Inside an optional map's section, its names are still written from where it
             * was found, so that one missing from it cannot be found further down. */
            if (e->kind == KIND_OPTIONAL_MAP)
                buf_printf(&sub, "%s.", path.data);
            buf_printf(t, "{{#%s}}\n@@seen %s@@\n", path.data, e->path);
            s->nodes[s->depth++] = item.data;
            if (e->kind == KIND_LIST)
                write_uses(t, s, item.data, "", s->depth - 1, templates);
            else
                write_uses(t, s, e->path, sub.data, level, templates);
            s->depth--;
            buf_printf(t, "{{/%s}}\n", path.data);
            buf_free(&item);
            buf_free(&sub);
        }
        buf_free(&path);
        buf_free(&first);
    }
}

static char *template_using_every_name(unsigned templates)
{
    buf t = BUF_INIT;
    stack s = {{""}, 1};
    write_uses(&t, &s, "", "", 0, templates);
    return buf_detach(&t);
}

/* Marks the lists and optional maps whose sections were entered. */
static void note_seen(const char *output, unsigned templates)
{
    for (size_t i = 0; i < name_count; i++) {
        buf marker = BUF_INIT;
        buf_printf(&marker, "@@seen %s@@", names[i].path);
        if ((names[i].templates & templates) && strstr(output, marker.data))
            names[i].seen = true;
        buf_free(&marker);
    }
}

static void assert_all_seen(unsigned templates)
{
    for (size_t i = 0; i < name_count; i++)
        if ((names[i].templates & templates) &&
            (names[i].kind == KIND_LIST || names[i].kind == KIND_OPTIONAL_MAP) && !names[i].seen)
            fail_msg("no data set has a non-empty `%s`: the names inside it were never checked",
                     names[i].path);
}

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static void copy_file(const char *from, const char *to)
{
    char *text = test_read_file(from, NULL);
    assert_non_null(text);
    write_file(to, text);
    free(text);
}

static void make_dir(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        fail_msg("mkdir %s: %s", path, strerror(errno));
}

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                buf sub = BUF_INIT;
                buf_printf(&sub, "%s/%s", path, e->d_name);
                remove_tree(sub.data);
                buf_free(&sub);
            }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* The folders made here, removed at the end even when a test failed half-way. */
static char *temp_dirs[64];
static size_t temp_dir_count;

static char *temp_dir(void)
{
    char pattern[] = "/tmp/gen-template-keys-XXXXXX";
    assert_non_null(mkdtemp(pattern));
    assert_true(temp_dir_count < sizeof temp_dirs / sizeof temp_dirs[0]);
    temp_dirs[temp_dir_count++] = strdup(pattern);
    return strdup(pattern);
}

static int remove_temp_dirs(void **state)
{
    (void)state;
    for (size_t i = 0; i < temp_dir_count; i++) {
        remove_tree(temp_dirs[i]);
        free(temp_dirs[i]);
    }
    temp_dir_count = 0;
    return 0;
}

/* A templates folder holding the given briefing.md, briefing.html and index.html. */
static char *templates_with(const char *md, const char *html, const char *index)
{
    char *dir = temp_dir();
    const char *files[][2] = {{"briefing.md", md}, {"briefing.html", html}, {"index.html", index}};
    for (size_t i = 0; i < 3; i++) {
        buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, files[i][0]);
        write_file(path.data, files[i][1]);
        buf_free(&path);
    }
    return dir;
}

static void print_diags(const diag_list *diags)
{
    diag_print(diags, stderr, false);
}

/* ------------------------------------------------------------------------------------------ */
/* The data sets                                                                               */
/* ------------------------------------------------------------------------------------------ */

/* One period of `input` (its latest) and the year before when its folder exists, read as main
 * reads them, with the roster and catalogue of `catalogs` (an input folder). */
typedef struct data_set {
    catalog roster, contents;
    period now, before;
    bool has_before;
    period_context context; /* the period's context.md, as main reads it */
    region *region;
    diag_list diags; /* what reading found: the province pages list them */
} data_set;

static void data_set_load(data_set *d, const char *catalogs, const char *input)
{
    d->diags = (diag_list)DIAG_LIST_INIT;
    buf path = BUF_INIT;
    char name[8], before[16];
    buf_printf(&path, "%s/roster.csv", catalogs);
    assert_int_equal(catalog_load(&d->roster, path.data, CATALOG_ROSTER, &d->diags), 0);
    buf_clear(&path);
    buf_printf(&path, "%s/contents.csv", catalogs);
    assert_int_equal(catalog_load(&d->contents, path.data, CATALOG_CONTENTS, &d->diags), 0);
    assert_int_equal(period_find_latest(input, name, &d->diags), 0);
    assert_int_equal(period_read(&d->now, input, name, &d->roster, &d->contents, &d->diags), 0);
    snprintf(before, sizeof before, "%04d-%02d", d->now.year - 1, d->now.month);
    d->has_before = period_exists(input, before);
    if (d->has_before)
        assert_int_equal(period_read(&d->before, input, before, &d->roster, &d->contents, &d->diags),
                         0);
    d->region = region_new(&d->roster, &d->contents, &d->now, d->has_before ? &d->before : NULL);
    assert_int_equal(context_read(&d->context, input, name, &d->diags), 0);
    d->region->context = &d->context;
    d->region->diagnostics = &d->diags;
    buf_free(&path);
}

static void data_set_free(data_set *d)
{
    diag_list_free(&d->diags);
    region_free(d->region);
    context_free(&d->context);
    if (d->has_before)
        period_free(&d->before);
    period_free(&d->now);
    catalog_free(&d->contents);
    catalog_free(&d->roster);
}

/* Renders briefing.md then briefing.html of `templates_dir` with the model of `d`. Returns 0,
 * or -1 when either fails; the outputs are appended to `md` and `html`. */
static int render_briefings(const data_set *d, const char *templates_dir, buf *md, buf *html,
                            diag_list *diags)
{
    mustache_value *model = briefing_model_new(d->region);
    template_set *templates = template_set_new(templates_dir);
    int rc = briefing_render_markdown(model, templates, md, diags);
    if (rc == 0) {
        chart_set charts;
        chart_set_build(&charts, d->region);
        rc = html_render_briefing(md->data ? md->data : "", md->len, &charts, model, templates,
                                  html, diags);
        chart_set_free(&charts);
    }
    template_set_free(templates);
    mustache_value_free(model);
    return rc;
}

/* Renders the templates that use every name with data set `d`; every render must succeed.
 * Returns the Markdown output. */
static char *render_every_name(const data_set *d, const char *what, const char *templates_dir)
{
    buf md = BUF_INIT, html = BUF_INIT;
    diag_list diags = DIAG_LIST_INIT;
    if (render_briefings(d, templates_dir, &md, &html, &diags) != 0) {
        print_diags(&diags);
        fail_msg("%s: a documented name is missing (see above)", what);
    }
    note_seen(md.data, FOR_MD);
    note_seen(html.data, FOR_HTML);
    buf_free(&html);
    diag_list_free(&diags);
    return buf_detach(&md);
}

/* A templates folder holding the given province.md and province.html. */
static char *province_templates_with(const char *md, const char *html)
{
    char *dir = temp_dir();
    const char *files[][2] = {{"province.md", md}, {"province.html", html}};
    for (size_t i = 0; i < 2; i++) {
        buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, files[i][0]);
        write_file(path.data, files[i][1]);
        buf_free(&path);
    }
    return dir;
}

/* Renders every province page of `d` with the templates of `templates_dir`; each must render. */
static void render_province_pages(const data_set *d, const char *what, const char *templates_dir)
{
    province_pages pages;
    diag_list diags = DIAG_LIST_INIT;
    template_set *templates = template_set_new(templates_dir);
    if (province_pages_build(&pages, d->region, templates, &diags) != 0) {
        print_diags(&diags);
        fail_msg("%s: a documented name of the province pages is missing (see above)", what);
    }
    assert_int_equal(pages.count, 2 * d->region->n_provinces);
    for (size_t i = 0; i < pages.count; i++) {
        bool html = strstr(pages.names[i], ".html") != NULL;
        note_seen(pages.files[i].data ? pages.files[i].data : "",
                  html ? FOR_PROVINCE_HTML : FOR_PROVINCE_MD);
    }
    province_pages_free(&pages);
    template_set_free(templates);
    diag_list_free(&diags);
}

static const char *const golden_cases[] = {"demo",
                                           "styles",
                                           "full-year",
                                           "increase",
                                           "period-option",
                                           "rejected",
                                           "missing",
                                           "rejected-unreadable",
                                           "duplicate",
                                           "previous-incomplete",
                                           "no-previous",
                                           "injection",
                                           "injection-catalog",
                                           "quiet",
                                           "windows-1258",
                                           "check-incomplete",
                                           "region-2025",
                                           "predecessor-missing",
                                           "ended-province",
                                           "context",
                                           "attributed-by-name",
                                           "ranking"};

static const char *const header = "province,source,content,project,plan,executed\n";

/* A small input folder: Bình Thuận's demo file for 2024-09, plus the files given as
 * name, text pairs ("2023-09/x.csv", "..."), ended by NULL. */
static char *small_input(const char *first, ...)
{
    char *dir = temp_dir();
    buf path = BUF_INIT;
    buf_printf(&path, "%s/2024-09", dir);
    make_dir(path.data);
    buf_printf(&path, "/KC_60_202409.csv");
    copy_file("input/2024-09/KC_60_202409.csv", path.data);
    va_list ap;
    va_start(ap, first);
    for (const char *name = first; name; name = va_arg(ap, const char *)) {
        const char *text = va_arg(ap, const char *);
        buf_clear(&path);
        buf_printf(&path, "%s/%.7s", dir, name);
        make_dir(path.data);
        buf_clear(&path);
        buf_printf(&path, "%s/%s", dir, name);
        buf b = BUF_INIT;
        buf_printf(&b, "%s%s", header, text);
        write_file(path.data, b.data);
        buf_free(&b);
    }
    va_end(ap);
    buf_free(&path);
    return dir;
}

/* A model value rendered alone, to check what a data-dependent name holds. */
static char *render_one(const data_set *d, const char *template_text)
{
    char *dir = templates_with(template_text, "{{{body}}}", "");
    buf md = BUF_INIT, html = BUF_INIT;
    diag_list diags = DIAG_LIST_INIT;
    if (render_briefings(d, dir, &md, &html, &diags) != 0) {
        print_diags(&diags);
        fail_msg("cannot render %s", template_text);
    }
    remove_tree(dir);
    free(dir);
    buf_free(&html);
    diag_list_free(&diags);
    return buf_detach(&md);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void test_readme_lists_names(void **state)
{
    (void)state;
    read_readme();
    size_t md = 0, html = 0, index = 0;
    for (size_t i = 0; i < name_count; i++) {
        md += (names[i].templates & FOR_MD) != 0;
        html += (names[i].templates & FOR_HTML) != 0;
        index += (names[i].templates & FOR_INDEX) != 0;
    }
    /* The tables were found and read whole: a handful of names every template relies on. */
    assert_true(md > 80);
    assert_int_equal(html, md + 1);
    assert_true(index >= 7);
    assert_non_null(find_name("coverage.rejected[].code", FOR_MD));
    assert_non_null(find_name("comparison.plan_change_value", FOR_MD));
    assert_non_null(find_name("body", FOR_HTML));
    assert_null(find_name("body", FOR_MD));
    assert_non_null(find_name("periods[].files[].download", FOR_INDEX));
}

static void test_every_name_exists_for_every_data_set(void **state)
{
    (void)state;
    read_readme();
    char *md_template = template_using_every_name(FOR_MD);
    char *html_template = template_using_every_name(FOR_HTML);
    char *templates = templates_with(md_template, html_template, "");
    char *province_md = template_using_every_name(FOR_PROVINCE_MD);
    char *province_html = template_using_every_name(FOR_PROVINCE_HTML);
    char *province_templates = province_templates_with(province_md, province_html);

    for (size_t i = 0; i < sizeof golden_cases / sizeof golden_cases[0]; i++) {
        buf input = BUF_INIT;
        buf_printf(&input, "tests/golden/%s/input", golden_cases[i]);
        data_set d;
        data_set_load(&d, input.data, input.data);
        free(render_every_name(&d, golden_cases[i], templates));
        render_province_pages(&d, golden_cases[i], province_templates);
        data_set_free(&d);
        buf_free(&input);
    }

    /* A rejected file whose province cannot be told: every row names a province that does
     * not exist, and its name names none. */
    char *unknown = small_input("2024-09/junk.csv", "Atlantis,KCQG,01,Đề án,10,5\n", NULL);
    /* The year before, comparable (Bình Thuận valid in both) but with a plan of 0. */
    char *zero_plan = small_input("2023-09/60.csv", "60,KCQG,01,Đề án,0,0\n", NULL);
    /* The year before exists but no province is valid in both periods. */
    char *no_common = small_input("2023-09/79.csv", "79,KCQG,01,Đề án,10,5\n", NULL);
    const char *small[][2] = {
        {"unknown province", unknown}, {"plan of 0", zero_plan}, {"nothing in common", no_common}};
    for (size_t i = 0; i < 3; i++) {
        data_set d;
        data_set_load(&d, "input", small[i][1]);
        free(render_every_name(&d, small[i][0], templates));
        render_province_pages(&d, small[i][0], province_templates);
        data_set_free(&d);
    }

    assert_all_seen(FOR_MD);
    assert_all_seen(FOR_HTML);
    assert_all_seen(FOR_PROVINCE_MD);
    assert_all_seen(FOR_PROVINCE_HTML);
    remove_tree(province_templates);
    free(province_templates);
    free(province_md);
    free(province_html);
    remove_tree(templates);
    free(templates);
    remove_tree(unknown);
    remove_tree(zero_plan);
    remove_tree(no_common);
    free(unknown);
    free(zero_plan);
    free(no_common);
    free(md_template);
    free(html_template);
}

/* What the names that depend on the data hold when there is nothing to say. */
static void test_values_when_nothing_to_say(void **state)
{
    (void)state;
    char *unknown = small_input("2024-09/junk.csv", "Atlantis,KCQG,01,Đề án,10,5\n", NULL);
    data_set d;
    data_set_load(&d, "input", unknown);
    char *out = render_one(&d, "{{#coverage.rejected}}[{{attributed}}|{{code}}|{{name}}]"
                               "{{/coverage.rejected}}\n");
    assert_string_equal(out, "[false||]\n");
    free(out);
    data_set_free(&d);
    remove_tree(unknown);
    free(unknown);

    char *zero_plan = small_input("2023-09/60.csv", "60,KCQG,01,Đề án,0,0\n", NULL);
    data_set_load(&d, "input", zero_plan);
    out = render_one(&d, "{{#comparison}}[{{plan_change}}|{{plan_change_direction}}|"
                         "{{plan_change_value}}]{{/comparison}}\n");
    assert_string_equal(out, "[không so sánh được||—]\n");
    free(out);
    data_set_free(&d);
    remove_tree(zero_plan);
    free(zero_plan);

    char *no_common = small_input("2023-09/79.csv", "79,KCQG,01,Đề án,10,5\n", NULL);
    data_set_load(&d, "input", no_common);
    out = render_one(&d, "{{#comparison}}?{{/comparison}}"
                         "{{#no_comparison}}[{{label}}|{{folder_exists}}]{{/no_comparison}}\n");
    assert_string_equal(out, "[9 tháng năm 2023|true]\n");
    free(out);
    data_set_free(&d);
    remove_tree(no_common);
    free(no_common);

    data_set_load(&d, "tests/golden/demo/input", "tests/golden/demo/input");
    out = render_one(&d, "{{#comparison}}[{{plan_change}}|{{plan_change_direction}}|"
                         "{{plan_change_value}}]{{/comparison}}\n");
    assert_string_equal(out, "[giảm 8,1%|giảm|8,1%]\n");
    free(out);
    data_set_free(&d);
}

/* The converse: a name that is not documented (misspelt) still stops the run. */
static void test_misspelt_names_fail(void **state)
{
    (void)state;
    static const char *const misspelt[] = {
        "{{coverage.valdi}}\n",
        "{{#provinces}}{{nmae}}{{/provinces}}\n",
        "{{#comparison}}{{comparison.plan_chnage}}{{/comparison}}\n",
        "{{#comparison}}{{plan_chnage}}{{/comparison}}\n",
        "{{#coverage.rejected}}{{atributed}}{{/coverage.rejected}}\n",
        "{{comparison.period.labl}}\n",
    };
    data_set d;
    data_set_load(&d, "tests/golden/duplicate/input", "tests/golden/duplicate/input");
    for (size_t i = 0; i < sizeof misspelt / sizeof misspelt[0]; i++) {
        char *dir = templates_with(misspelt[i], "{{{body}}}", "");
        buf md = BUF_INIT, html = BUF_INIT;
        diag_list diags = DIAG_LIST_INIT;
        if (render_briefings(&d, dir, &md, &html, &diags) == 0)
            fail_msg("%s rendered without an error", misspelt[i]);
        assert_int_equal(diags.errors, 1);
        assert_non_null(strstr(diags.items[0].message, "no value named"));
        diag_list_free(&diags);
        buf_free(&md);
        buf_free(&html);
        remove_tree(dir);
        free(dir);
    }
    data_set_free(&d);
}

/* out/index.html: with no period, and with one period and its files. */
static void test_index_names(void **state)
{
    (void)state;
    read_readme();
    char *index_template = template_using_every_name(FOR_INDEX);
    char *templates = templates_with("", "", index_template);
    char *out = temp_dir();
    for (int round = 0; round < 2; round++) {
        if (round == 1) {
            buf path = BUF_INIT;
            buf_printf(&path, "%s/2024-09", out);
            make_dir(path.data);
            buf_puts(&path, "/briefing.md");
            write_file(path.data, "# x\n");
            buf_clear(&path);
            buf_printf(&path, "%s/2024-09/SHA256SUMS", out);
            write_file(path.data, "5c1c1a7c2e5c3a4c5b1f1e4b1a1d1e2c9f1d6c1a1b1c1d1e1f10111213141516"
                                  "  briefing.md\n");
            buf_clear(&path);
            buf_printf(&path, "%s/2024-09/%s", out, PROVINCE_PAGES_LIST_FILE);
            write_file(path.data, "provinces/60\t60\tBình Thuận\tđã nộp\n");
            buf_free(&path);
        }
        buf html = BUF_INIT;
        diag_list diags = DIAG_LIST_INIT;
        template_set *set = template_set_new(templates);
        int rendered = index_render(out, set, &html, &diags);
        template_set_free(set);
        if (rendered != 0) {
            print_diags(&diags);
            fail_msg("index.html: a documented name is missing (see above)");
        }
        note_seen(html.data, FOR_INDEX);
        buf_free(&html);
        diag_list_free(&diags);
    }
    assert_all_seen(FOR_INDEX);

    /* And a misspelt one fails. */
    char *bad = templates_with("", "", "{{#periods}}{{lable}}{{/periods}}\n");
    buf html = BUF_INIT;
    diag_list diags = DIAG_LIST_INIT;
    template_set *bad_set = template_set_new(bad);
    assert_int_equal(index_render(out, bad_set, &html, &diags), -1);
    template_set_free(bad_set);
    buf_free(&html);
    diag_list_free(&diags);
    remove_tree(bad);
    free(bad);
    remove_tree(out);
    free(out);
    remove_tree(templates);
    free(templates);
    free(index_template);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_readme_lists_names),
        cmocka_unit_test(test_every_name_exists_for_every_data_set),
        cmocka_unit_test(test_values_when_nothing_to_say),
        cmocka_unit_test(test_misspelt_names_fail),
        cmocka_unit_test(test_index_names),
    };
    int rc = cmocka_run_group_tests(tests, NULL, remove_temp_dirs);
    html_release();
    return rc;
}
