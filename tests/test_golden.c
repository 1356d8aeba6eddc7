/* test_golden.c - end-to-end golden tests: the gen command run from the outside, as the
 * secretariat and the cron job run it, on the case folders under tests/golden.
 *
 * A case folder CASE holds:
 *   args        the arguments after gen/gen, on one line, split at blanks (no shell, no quoting)
 *   input/      the input tree
 *   templates/  optional; by default the project's templates/ is used
 *   before/     optional; the out folder as an earlier run left it
 *   expected/   status (the exit code), stderr (exact), stdout (exact; no file: empty), and
 *               every file the out folder must hold after the run, at the same path
 *               (expected/2024-09/briefing.md for out/2024-09/briefing.md), hidden ones
 *               included (a leftover staging folder is a difference) but the run lock `.lock`
 *               and the publication marker `.fingerprint`, which hold the program's own
 *               bookkeeping. A fatal case (status 2) lists no out file: its out folder must be
 *               its before/ folder byte for byte (or absent when it has none).
 *
 * Each case runs in a fresh folder under /tmp holding copies of input/, templates/ and before/
 * (as out/), with that folder as the working directory: the paths in diagnostics are then the
 * relative ones of the args (input/2024-09/x.csv), and no run can write into the source tree.
 * The out folder is out/ there, the default of -o and what the args name.
 *
 * Environment: GEN (the program, default gen/gen), GOLDEN_DIR (default tests/golden),
 * GOLDEN_TEMPLATES (default templates), all relative to the working directory of the test;
 * GOLDEN_CASE=NAME runs that case only, and says so loudly (and fails under CI or make);
 * GOLDEN_UPDATE=1 rewrites each case's expected/ from the actual run, for a deliberate change of
 * the template or the messages. An update can never pass: it is refused under CI or make (CI,
 * MAKELEVEL in the environment), every case it rewrites fails the run that rewrote it, and the
 * independent oracle (tests/oracle/check_case.py, over_time.py) is run on the new expectations
 * of each case tests/oracle/cases.txt lists; review the diff and run the suite again. */
#include "support.h"

#include <ctype.h>

#include <cmark-gfm/registry.h> /* cmark_release_plugins */

#include <dirent.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

/* The files of expected/ that describe the run rather than the out folder. */
static const char *const run_files[] = {"status", "stderr", "stdout"};

typedef struct golden_case {
    char *name;
    char *dir;
} golden_case;

/* Absolute paths resolved once, before any case changes directory. */
static struct {
    char gen[PATH_MAX];
    char golden[PATH_MAX];
    char templates[PATH_MAX];
    bool update;
} config;

/* ------------------------------------------------------------------------------ small helpers */

typedef struct strlist {
    char **items;
    size_t count;
    size_t cap;
} strlist;

static void strlist_push(strlist *l, const char *s)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = realloc(l->items, l->cap * sizeof *l->items);
        assert_non_null(l->items);
    }
    l->items[l->count] = strdup(s);
    assert_non_null(l->items[l->count]);
    l->count++;
}

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    *l = (strlist){0};
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool strlist_has(const strlist *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->items[i], s) == 0)
            return true;
    return false;
}

static bool is_run_file(const char *rel)
{
    for (size_t i = 0; i < sizeof run_files / sizeof run_files[0]; i++)
        if (strcmp(rel, run_files[i]) == 0)
            return true;
    return false;
}

/* ------------------------------------------------------------------------------ file trees */

/* The program's own bookkeeping, not outputs, left out of every comparison: the run lock and
 * the marker of a publication (its fingerprint covers the program's bytes, so it changes with
 * every build). Every other file counts, hidden ones too: a staging folder left behind is a
 * difference. */
static bool is_bookkeeping(const char *name)
{
    return strcmp(name, ".lock") == 0 || strcmp(name, ".fingerprint") == 0;
}

/* Appends the paths, relative to `root`, of every file under root/rel (rel "" for root), but
 * the bookkeeping files. An empty folder counts as a file (its path and a '/'), so that an
 * empty staging folder left behind is seen too. */
static void list_files(const char *root, const char *rel, strlist *out)
{
    char *dir = *rel ? test_join(root, rel) : strdup(root);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            is_bookkeeping(e->d_name))
            continue;
        char *child_rel = *rel ? test_join(rel, e->d_name) : strdup(e->d_name);
        char *child = test_join(root, child_rel);
        if (test_is_dir(child)) {
            size_t before = out->count;
            list_files(root, child_rel, out);
            if (out->count == before) {
                char *marked = test_pathf("%s/", child_rel);
                strlist_push(out, marked);
                free(marked);
            }
        } else {
            strlist_push(out, child_rel);
        }
        free(child);
        free(child_rel);
    }
    closedir(d);
    free(dir);
}

/* Every file under `root` (none when it does not exist), sorted. */
static strlist files_under(const char *root)
{
    strlist l = {0};
    if (test_is_dir(root))
        list_files(root, "", &l);
    if (l.count)
        qsort(l.items, l.count, sizeof *l.items, compare_strings);
    return l;
}

/* ------------------------------------------------------------------------------ differences */

static size_t line_start(const char *s, size_t at)
{
    while (at > 0 && s[at - 1] != '\n')
        at--;
    return at;
}

static void print_line(char mark, const char *s, size_t len, size_t at)
{
    if (at >= len) {
        print_error("%c(end of file)\n", mark);
        return;
    }
    size_t end = at;
    while (end < len && s[end] != '\n')
        end++;
    print_error("%c%.*s\n", mark, (int)(end - at), s + at);
}

/* Prints the first difference in the style of a unified diff: one line of context, then the
 * expected line and the actual one. */
static void print_first_difference(const char *want_name, const char *want, size_t want_len,
                                   const char *got_name, const char *got, size_t got_len)
{
    size_t i = 0, line = 1;
    while (i < want_len && i < got_len && want[i] == got[i]) {
        line += want[i] == '\n';
        i++;
    }
    size_t want_at = line_start(want, i), got_at = line_start(got, i);
    print_error("--- %s\n+++ %s\n@@ line %zu (byte %zu) @@\n", want_name, got_name, line, i);
    if (want_at > 0)
        print_line(' ', want, want_len, line_start(want, want_at - 1));
    print_line('-', want, want_len, want_at);
    print_line('+', got, got_len, got_at);
}

/* Compares two files byte for byte; prints the first difference, naming the files `want_name`
 * and `got_name`. Returns the problems (0 or 1). */
static int compare_file(const char *want_name, const char *got_name, const char *want_path,
                        const char *got_path)
{
    size_t want_len = 0, got_len = 0;
    char *want = test_read_file(want_path, &want_len);
    char *got = test_read_file(got_path, &got_len);
    int problems = 0;
    if (!want || !got) {
        print_error("%s is missing\n", want ? got_name : want_name);
        problems = 1;
    } else if (want_len != got_len || memcmp(want, got, want_len) != 0) {
        print_first_difference(want_name, want, want_len, got_name, got, got_len);
        problems = 1;
    }
    free(want);
    free(got);
    return problems;
}

/* ------------------------------------------------------------------------------ Markdown */

/* In a GFM table row every '|' not escaped by a backslash separates cells, inside code spans
 * too; so a row with more or fewer of them than its header is a broken table. */
static int count_cell_bars(const char *line, size_t len)
{
    int bars = 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '\\' && i + 1 < len)
            i++;
        else if (line[i] == '|')
            bars++;
    }
    return bars;
}

static int check_table_rows(const char *name, const char *md)
{
    int problems = 0, header_bars = -1, line_no = 0;
    for (const char *line = md; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        line_no++;
        if (len > 0 && line[0] == '|') {
            int bars = count_cell_bars(line, len);
            if (header_bars < 0)
                header_bars = bars;
            else if (bars != header_bars) {
                print_error("%s:%d: a table row with %d unescaped '|', its header has %d\n", name,
                            line_no, bars, header_bars);
                problems++;
            }
        } else {
            header_bars = -1;
        }
        line = end ? end + 1 : line + len;
    }
    return problems;
}

/* Submitted text must stay text: no raw HTML, no link to a script. */
static int check_inert(const char *name, const char *md)
{
    cmark_node *doc = test_parse_gfm(md);
    cmark_iter *it = cmark_iter_new(doc);
    int problems = 0;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(n);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
            const char *html = cmark_node_get_literal(n);
            print_error("%s:%d: raw HTML %.*s\n", name, cmark_node_get_start_line(n),
                        (int)strcspn(html, "\n"), html);
            problems++;
        }
        const char *url =
            type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE ? cmark_node_get_url(n) : NULL;
        if (url && strchr(url, ':') && strncmp(url, "https:", 6) != 0 &&
            strncmp(url, "http:", 5) != 0) {
            print_error("%s:%d: a link to %s\n", name, cmark_node_get_start_line(n), url);
            problems++;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return problems;
}

/* Every tag of a written HTML page is one gen's templates, cmark-gfm's safe mode and the
 * charts make; none carries an event handler, a source to fetch or a link with a scheme, but
 * for the licence the download page names (a fixed address of the template). */
static int check_html(const char *name, const char *html)
{
    static const char *const allowed =
        " !doctype html head meta title style body main h1 h2 h3 h4 p em strong code ul ol li "
        "blockquote hr br div table caption thead tbody tr th td a svg desc defs clippath path rect "
        "text tspan line g section span b i ";
    static const char licence[] = "href=\"https://creativecommons.org/licenses/by/4.0/";
    int problems = 0;
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        const char *end = strchr(p, '>');
        if (!end)
            break;
        const char *tag = p + 1 + (p[1] == '/');
        size_t n = strcspn(tag, " \t\n>/");
        char word[34];
        snprintf(word, sizeof word, " %.*s ", (int)(n < 30 ? n : 30), tag);
        for (char *w = word; *w; w++)
            *w = (char)tolower((unsigned char)*w);
        char *attributes = strndup(tag + n, (size_t)(end - tag - (ptrdiff_t)n));
        assert_non_null(attributes);
        bool bad =
            !strstr(allowed, word) || strstr(attributes, " on") || strstr(attributes, "src=");
        const char *href = strstr(attributes, "href=\"");
        bad = bad || (href && strncmp(href, licence, sizeof licence - 1) != 0 &&
                      strcspn(href + 6, ":\"") < strcspn(href + 6, "\""));
        if (bad) {
            print_error("%s: tag <%.*s>\n", name, (int)(end - p - 1 < 80 ? end - p - 1 : 80),
                        p + 1);
            problems++;
        }
        free(attributes);
    }
    return problems;
}

static int check_markdown(const char *name, const char *path)
{
    size_t len = strlen(name);
    if (len >= 5 && strcmp(name + len - 5, ".html") == 0) {
        char *html = test_read_file(path, NULL);
        assert_non_null(html);
        int problems = check_html(name, html);
        free(html);
        return problems;
    }
    if (len < 3 || strcmp(name + len - 3, ".md") != 0)
        return 0;
    char *md = test_read_file(path, NULL);
    assert_non_null(md);
    int problems = check_table_rows(name, md) + check_inert(name, md);
    free(md);
    return problems;
}

/* ------------------------------------------------------------------------------ running gen */

typedef struct run {
    char *tmp; /* the temporary folder of the case */
    char *cwd; /* tmp/run: the program's working directory */
    char *out; /* tmp/run/out: the out folder */
    char *stdout_path;
    char *stderr_path;
    int status; /* exit code, or -1 when killed */
} run;

static char **read_args(const golden_case *c, size_t *argc)
{
    char *path = test_join(c->dir, "args");
    char *text = test_read_file(path, NULL);
    if (!text)
        fail_msg("%s: cannot read %s", c->name, path);
    free(path);
    char **argv = calloc(strlen(text) / 2 + 3, sizeof *argv);
    assert_non_null(argv);
    size_t n = 0;
    argv[n++] = strdup(config.gen);
    for (char *tok = strtok(text, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n"))
        argv[n++] = strdup(tok);
    free(text);
    *argc = n;
    return argv;
}

static void free_args(char **argv, size_t argc)
{
    for (size_t i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
}

/* Lays out the case in a fresh temporary folder and runs the program there. */
static run run_case(const golden_case *c)
{
    run r = {0};
    r.tmp = test_temp_dir("golden");
    r.cwd = test_join(r.tmp, "run");
    r.out = test_join(r.cwd, "out");
    r.stdout_path = test_join(r.tmp, "stdout");
    r.stderr_path = test_join(r.tmp, "stderr");
    assert_int_equal(mkdir(r.cwd, 0777), 0);
    const char *from[] = {"input", "templates", "before"}, *to[] = {"input", "templates", "out"};
    for (size_t i = 0; i < 3; i++) {
        char *src = test_join(c->dir, from[i]), *dst = test_join(r.cwd, to[i]);
        if (test_is_dir(src))
            test_copy_tree(src, dst);
        else if (strcmp(from[i], "templates") == 0)
            test_copy_tree(config.templates, dst);
        free(src);
        free(dst);
    }
    size_t argc = 0;
    char **argv = read_args(c, &argc);
    /* The same locale and time zone on every machine, so nothing depends on where it runs. */
    char *env[] = {"LC_ALL=C.UTF-8", "LANG=C.UTF-8", "TZ=UTC", "PATH=/usr/local/bin:/usr/bin:/bin",
                   NULL};
    test_result result = test_run(&(test_cmd){.argv = argv,
                                              .dir = r.cwd,
                                              .env = env,
                                              .clean_env = true,
                                              .out = TEST_FILE,
                                              .out_path = r.stdout_path,
                                              .err = TEST_FILE,
                                              .err_path = r.stderr_path});
    free_args(argv, argc);
    r.status = result.status;
    if (result.signal) {
        print_error("%s: gen was killed by signal %d\n", c->name, result.signal);
        r.status = -1;
    }
    test_result_free(&result);
    return r;
}

static void free_run(run *r)
{
    if (r->tmp)
        test_remove_tree(r->tmp);
    free(r->tmp);
    free(r->cwd);
    free(r->out);
    free(r->stdout_path);
    free(r->stderr_path);
}

/* ------------------------------------------------------------------------------ checking */

static int check_status(const golden_case *c, const run *r, const char *expected)
{
    char *path = test_join(expected, "status");
    char *text = test_read_file(path, NULL);
    free(path);
    if (!text) {
        print_error("%s: expected/status is missing\n", c->name);
        return 1;
    }
    int want = atoi(text);
    free(text);
    if (want == r->status)
        return 0;
    print_error("%s: exit status %d, expected %d\n", c->name, r->status, want);
    return 1;
}

/* A standard stream against expected/NAME; no such file: the stream must be empty. */
static int check_stream(const char *expected, const char *name, const char *actual_path,
                        bool required)
{
    char *want = test_join(expected, name), *label = test_join("expected", name);
    int problems = 0;
    if (test_exists(want)) {
        problems = compare_file(label, name, want, actual_path);
    } else if (required) {
        print_error("expected/%s is missing\n", name);
        problems = 1;
    } else {
        size_t len = 0;
        char *got = test_must_read(actual_path, &len);
        if (len > 0) {
            print_error("%s: %zu bytes, expected none (there is no expected/%s):\n", name, len,
                        name);
            print_line('+', got, len, 0);
            problems = 1;
        }
        free(got);
    }
    free(want);
    free(label);
    return problems;
}

/* The status expected/status states; -1 when it is missing. */
static int expected_status(const char *expected)
{
    char *path = test_join(expected, "status");
    char *text = test_read_file(path, NULL);
    free(path);
    int status = text ? atoi(text) : -1;
    free(text);
    return status;
}

/* A fatal run (status 2) writes nothing: its out folder is compared with the case's before/
 * itself (none: no file at all), and expected/ holds no copy of it. */
static bool is_fatal(const char *expected)
{
    return expected_status(expected) == 2;
}

/* The out folder holds exactly the files of `reference` (expected/ but status, stderr, stdout;
 * or before/ for a fatal case, labelled so), each byte for byte, and every Markdown file there
 * is whole and inert. */
static int check_out_folder(const run *r, const char *reference, const char *label)
{
    const char *expected = reference;
    strlist want = files_under(reference), got = files_under(r->out);
    int problems = 0;
    for (size_t i = 0; i < want.count; i++) {
        if (is_run_file(want.items[i]) && strcmp(label, "expected") == 0)
            continue;
        size_t n = strlen(want.items[i]);
        if (n > 0 && want.items[i][n - 1] == '/') {
            if (!strlist_has(&got, want.items[i])) {
                print_error("out/%s: an empty folder expected, absent\n", want.items[i]);
                problems++;
            }
            continue;
        }
        char *w = test_join(expected, want.items[i]), *g = test_join(r->out, want.items[i]);
        char *w_label = test_join(label, want.items[i]);
        char *g_label = test_join("out", want.items[i]);
        problems += compare_file(w_label, g_label, w, g);
        free(w);
        free(g);
        free(w_label);
        free(g_label);
    }
    for (size_t i = 0; i < got.count; i++) {
        char *g = test_join(r->out, got.items[i]);
        if (!strlist_has(&want, got.items[i]) ||
            (is_run_file(got.items[i]) && strcmp(label, "expected") == 0)) {
            print_error("out/%s: written, but %s/ does not list it\n", got.items[i], label);
            problems++;
        }
        size_t n = strlen(got.items[i]);
        if (n == 0 || got.items[i][n - 1] != '/')
            problems += check_markdown(got.items[i], g);
        free(g);
    }
    strlist_free(&want);
    strlist_free(&got);
    return problems;
}

/* The program reads its input folder and must leave it as it found it. */
static int check_input_untouched(const golden_case *c, const run *r)
{
    char *before = test_join(c->dir, "input"), *after = test_join(r->cwd, "input");
    strlist want = files_under(before), got = files_under(after);
    int problems = 0;
    if (want.count != got.count) {
        print_error("%s: the input folder held %zu files, it holds %zu after the run\n", c->name,
                    want.count, got.count);
        problems++;
    }
    for (size_t i = 0; i < want.count && !problems; i++) {
        char *w = test_join(before, want.items[i]), *g = test_join(after, want.items[i]);
        char *label = test_join("input", want.items[i]);
        problems += compare_file(label, "the same file after the run", w, g);
        free(w);
        free(g);
        free(label);
    }
    strlist_free(&want);
    strlist_free(&got);
    free(before);
    free(after);
    return problems;
}

/* ------------------------------------------------------------------------------ updating */

static void update_stream(const char *expected, const char *name, const char *actual_path,
                          bool always)
{
    char *want = test_join(expected, name);
    size_t len = 0;
    char *data = test_read_file(actual_path, &len);
    assert_non_null(data);
    if (always || test_exists(want) || len > 0)
        test_write_file(want, data, len);
    free(data);
    free(want);
}

/* GOLDEN_UPDATE=1: expected/ becomes what the run produced. */
static void update_expected(const golden_case *c, const run *r, const char *expected)
{
    char status[16];
    snprintf(status, sizeof status, "%d\n", r->status);
    char *status_path = test_join(expected, "status");
    test_write_file(status_path, status, strlen(status));
    free(status_path);
    update_stream(expected, "stderr", r->stderr_path, true);
    update_stream(expected, "stdout", r->stdout_path, false);
    /* A fatal run's out folder is compared with before/ itself: expected/ keeps no copy. */
    strlist old = files_under(expected), now = {0};
    if (r->status != 2)
        now = files_under(r->out);
    for (size_t i = 0; i < old.count; i++) {
        char *p = test_join(expected, old.items[i]);
        if (!is_run_file(old.items[i]) && !strlist_has(&now, old.items[i]))
            unlink(p);
        free(p);
    }
    for (size_t i = 0; i < now.count; i++) {
        char *from = test_join(r->out, now.items[i]), *to = test_join(expected, now.items[i]);
        size_t n = strlen(now.items[i]);
        if (n > 0 && now.items[i][n - 1] == '/')
            test_make_parents(to);
        else
            test_copy_file(from, to);
        free(from);
        free(to);
    }
    strlist_free(&old);
    strlist_free(&now);
    print_message("%s: expected/ rewritten from the actual run; check it before committing\n",
                  c->name);
}

/* The periods tests/oracle/cases.txt lists for the case (its line "CASE PERIOD..."), or
 * nothing when it does not list the case. */
static strlist oracle_periods(const golden_case *c)
{
    strlist periods = {0};
    char *path = test_pathf("%s/../oracle/cases.txt", config.golden);
    char *text = test_must_read(path, NULL);
    free(path);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        size_t n = strlen(c->name);
        if (line[0] == '#' || strncmp(line, c->name, n) != 0 || line[n] != ' ')
            continue;
        char *rest = line + n, *save = NULL;
        for (char *p = strtok_r(rest, " \t", &save); p; p = strtok_r(NULL, " \t", &save))
            strlist_push(&periods, p);
        break;
    }
    free(text);
    return periods;
}

/* Runs the independent oracle on the case's new expectations: check_case.py on every period
 * cases.txt lists (standard error with the first), over_time.py too when the roster dates its
 * provinces. Returns the number of periods on which it found a mismatch. */
static int oracle_on_expected(const golden_case *c, const char *expected)
{
    strlist periods = oracle_periods(c);
    if (!periods.count) {
        print_message("%s: not in tests/oracle/cases.txt (it writes no briefing): no oracle\n",
                      c->name);
        return 0;
    }
    char *input = test_join(c->dir, "input"), *stderr_path = test_join(expected, "stderr");
    char *check = test_pathf("%s/../oracle/check_case.py", config.golden);
    char *over = test_pathf("%s/../oracle/over_time.py", config.golden);
    char *roster = test_join(input, "roster.csv");
    char *roster_text = test_must_read(roster, NULL);
    bool over_time = strstr(roster_text, "from") && strstr(roster_text, "successor");
    const char *py = getenv("PYTHON") && *getenv("PYTHON") ? getenv("PYTHON") : "/usr/bin/python3";
    int bad = 0;
    for (size_t i = 0; i < periods.count; i++) {
        char *argv[] = {(char *)py, check, (char *)expected, input, "--period", periods.items[i],
                        i == 0 ? "--stderr" : NULL, stderr_path, NULL};
        test_result r = test_run(&(test_cmd){.argv = argv,
                                             .out = TEST_CAPTURE,
                                             .err = TEST_TO_STDOUT,
                                             .timeout = TEST_TIMEOUT_SLOW});
        print_message("%s: oracle: %s", c->name, r.out);
        bad += r.status != 0;
        test_result_free(&r);
        if (over_time) {
            char *briefing = test_pathf("%s/%s/briefing.md", expected, periods.items[i]);
            char *argv2[] = {(char *)py, over, input, periods.items[i], briefing, NULL};
            r = test_run(&(test_cmd){.argv = argv2, .out = TEST_CAPTURE, .err = TEST_TO_STDOUT});
            print_message("%s: over_time.py %s: %s", c->name, periods.items[i], r.out);
            bad += r.status != 0;
            test_result_free(&r);
            free(briefing);
        }
    }
    free(roster_text);
    free(roster);
    free(over);
    free(check);
    free(stderr_path);
    free(input);
    strlist_free(&periods);
    return bad;
}

/* ------------------------------------------------------------------------------ the tests */

static void test_case(void **state)
{
    const golden_case *c = *state;
    char *expected = test_join(c->dir, "expected");
    run r = run_case(c);
    int problems = 0;
    if (config.update) {
        update_expected(c, &r, expected);
        int wrong = oracle_on_expected(c, expected);
        free_run(&r);
        free(expected);
        /* An update never passes: the run that rewrote expected/ fails, so that a second, plain
         * run (after the diff has been read) is what passes. */
        fail_msg("%s: expected/ rewritten (GOLDEN_UPDATE=1)%s; review the diff and run the "
                 "tests again without GOLDEN_UPDATE",
                 c->name,
                 wrong ? ", and the oracle finds the new expectations WRONG (above)" : "");
    }
    problems += check_status(c, &r, expected);
    problems += check_stream(expected, "stderr", r.stderr_path, true);
    problems += check_stream(expected, "stdout", r.stdout_path, false);
    if (is_fatal(expected)) {
        strlist listed = files_under(expected);
        for (size_t i = 0; i < listed.count; i++)
            if (!is_run_file(listed.items[i])) {
                print_error("expected/%s: a fatal case lists no out file (its out folder is "
                            "compared with before/)\n",
                            listed.items[i]);
                problems++;
            }
        strlist_free(&listed);
        char *before = test_join(c->dir, "before");
        problems += check_out_folder(&r, before, "before");
        free(before);
    } else {
        problems += check_out_folder(&r, expected, "expected");
    }
    problems += check_input_untouched(c, &r);
    free_run(&r);
    free(expected);
    if (problems)
        fail_msg("%s: %d difference(s) from expected/", c->name, problems);
}

/* A case is a folder of tests/golden with an args file; other entries are tools and notes. */
static int is_case(const struct dirent *e)
{
    const char *only = getenv("GOLDEN_CASE");
    if (e->d_name[0] == '.' || (only && *only && strcmp(e->d_name, only) != 0))
        return 0;
    char *dir = test_join(config.golden, e->d_name), *args = test_join(dir, "args");
    int yes = test_is_dir(dir) && test_exists(args);
    free(dir);
    free(args);
    return yes;
}

int main(void)
{
    test_resolve(config.gen, sizeof config.gen, "GEN", "gen/gen");
    test_resolve(config.golden, sizeof config.golden, "GOLDEN_DIR", "tests/golden");
    test_resolve(config.templates, sizeof config.templates, "GOLDEN_TEMPLATES", "templates");
    const char *update = getenv("GOLDEN_UPDATE"), *only = getenv("GOLDEN_CASE");
    const char *ci = getenv("CI"), *makelevel = getenv("MAKELEVEL");
    const char *automated = ci && *ci ? "CI" : makelevel && *makelevel ? "MAKELEVEL (make)" : NULL;
    config.update = update && *update;
    if (config.update && automated) {
        fprintf(stderr,
                "test_golden: GOLDEN_UPDATE=%s refused: %s is set, and expected files are "
                "rewritten by hand only (GOLDEN_UPDATE=1 tests/bin/test_golden), never by a "
                "check\n",
                update, automated);
        return 1;
    }
    if (config.update && strcmp(update, "1") != 0) {
        fprintf(stderr, "test_golden: GOLDEN_UPDATE=%s: set it to 1 to update, or unset it\n",
                update);
        return 1;
    }
    if (only && *only) {
        fprintf(stderr, "\ntest_golden: GOLDEN_CASE=%s: ONLY THAT CASE RAN, not the other golden "
                        "cases%s\n\n",
                only, automated ? "; failing, since " : "");
        if (automated)
            fprintf(stderr, "test_golden: %s is set: a check runs every case\n", automated);
    }
    struct dirent **names = NULL;
    int n = scandir(config.golden, &names, is_case, alphasort);
    if (n <= 0) {
        fprintf(stderr, "test_golden: no case folder in %s\n", config.golden);
        return 1;
    }
    golden_case *cases = calloc((size_t)n, sizeof *cases);
    struct CMUnitTest *tests = calloc((size_t)n, sizeof *tests);
    if (!cases || !tests)
        return 1;
    for (int i = 0; i < n; i++) {
        cases[i].name = strdup(names[i]->d_name);
        cases[i].dir = test_join(config.golden, names[i]->d_name);
        tests[i] = (struct CMUnitTest){cases[i].name, test_case, NULL, NULL, &cases[i]};
        free(names[i]);
    }
    free(names);
    int failed = _cmocka_run_group_tests("golden", tests, (size_t)n, NULL, NULL);
    if (only && *only) {
        fprintf(stderr, "\ntest_golden: GOLDEN_CASE=%s: only that case ran (%d case)\n", only, n);
        if (automated && !failed)
            failed = 1;
    }
    for (int i = 0; i < n; i++) {
        free(cases[i].name);
        free(cases[i].dir);
    }
    free(cases);
    free(tests);
    cmark_release_plugins(); /* the extensions test_parse_gfm registered, for valgrind */
    return failed;
}
