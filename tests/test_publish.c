/* Nightly publication, from the outside: the real program run on copies of the demo data, and
 * killed at chosen system calls (strace's fault injection) to show that readers only ever see
 * a whole publication. */
#include "support.h"

#include <dirent.h>
#include <limits.h>
#include <strings.h> /* strncasecmp */
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *work; /* the test's folder under /tmp */
static char gen[PATH_MAX];

/* Runs argv (in `dir` when not NULL) with `env`'s changes to the environment; standard error is
 * kept in the result's err. The status is the exit status, or 128 + the signal. */
static test_result run_in(const char *dir, char *const argv[], char *const env[])
{
    return test_run(&(test_cmd){
        .argv = argv, .dir = dir, .env = env, .out = TEST_DISCARD, .err = TEST_CAPTURE});
}

/* gen on `input` into `out`, with optional extra arguments. */
static test_result gen_run(const char *input, const char *out, const char *extra1,
                          const char *extra2, char *const env[])
{
    char *argv[] = {gen,           "--input",   (char *)input,  "--out",        (char *)out,
                    "--templates", "templates", (char *)extra1, (char *)extra2, NULL};
    if (!extra1)
        argv[7] = NULL;
    return run_in(NULL, argv, env);
}

/* Replaces every `from` in the file at `path` by `to`, of the same length; returns how many. */
static int replace_in_file(const char *path, const char *from, const char *to)
{
    size_t len = 0, n = strlen(from);
    assert_int_equal(strlen(to), n);
    char *text = test_must_read(path, &len);
    int count = 0;
    for (char *p = text; (p = strstr(p, from)); p += n, count++)
        memcpy(p, to, n);
    test_write_file(path, text, len);
    free(text);
    return count;
}

static int setup(void **state)
{
    (void)state;
    test_resolve(gen, sizeof gen, "GEN", "gen/gen");
    work = test_temp_dir("publish");
    /* Input A: the demo. Input B: the demo with one Bình Dương amount changed. */
    char *a = test_join(work, "a"), *b = test_join(work, "b");
    test_demo_input(a);
    test_demo_input(b);
    char *changed = test_join(b, "2024-09/BINH_DUONG_KHUYENCONG_2024.csv");
    int replaced = replace_in_file(changed, "\"3,000\",\"2,675\"", "\"3,001\",\"2,675\"");
    char *text = test_must_read(changed, NULL);
    int ok = replaced > 0 && strstr(text, "3,001") ? 0 : -1;
    free(text);
    free(changed);
    free(a);
    free(b);
    return ok;
}

static int teardown(void **state)
{
    (void)state;
    test_remove_tree(work);
    free(work);
    return 0;
}

/* `sha256sum -c SHA256SUMS` in the period folder passes. */
static bool sums_check(const char *period_dir)
{
    char *argv[] = {"sha256sum", "--quiet", "--strict", "-c", "SHA256SUMS", NULL};
    test_result r = run_in(period_dir, argv, NULL);
    bool ok = r.status == 0;
    test_result_free(&r);
    return ok;
}

static void test_publication_checks_out(void **state)
{
    (void)state;
    char *in = test_join(work, "a"), *out = test_join(work, "out-check");
    test_result r = gen_run(in, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    char *dir = test_join(out, "2024-09");
    assert_true(sums_check(dir));
    const char *expected[] = {"briefing.md",       "briefing.html",       "annex.xlsx",
                              "data/region.csv",   "data/provinces.csv",  "data/contents.csv",
                              "data/projects.csv", "chart-provinces.svg", "SHA256SUMS"};
    char *sums_path = test_join(dir, "SHA256SUMS");
    char *sums = test_read_file(sums_path, NULL);
    free(sums_path);
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        char *p = test_join(dir, expected[i]);
        struct stat st;
        if (stat(p, &st) != 0)
            fail_msg("%s was not published", expected[i]);
        free(p);
    }
    /* The index links every file SHA256SUMS lists (hidden ones aside), and shows no checksum:
     * those are for SHA256SUMS, not for the reader of the download page. */
    char *index_path = test_join(out, "index.html");
    char *index = test_read_file(index_path, NULL);
    free(index_path);
    assert_non_null(index);
    for (char *line = sums; line && *line;) {
        char hex[65], name[512], href[600];
        memcpy(hex, line, 64);
        hex[64] = '\0';
        if (strstr(index, hex))
            fail_msg("index.html shows the checksum %s", hex);
        size_t n = strcspn(line + 66, "\n");
        snprintf(name, sizeof name, "%.*s", (int)(n < 500 ? n : 500), line + 66);
        snprintf(href, sizeof href, "href=\"2024-09/%s\"", name);
        /* A province's page is linked as HTML; its Markdown twin is linked from that page. */
        size_t len = strlen(name);
        if (strncmp(name, "provinces/", 10) == 0 && len > 3 && strcmp(name + len - 3, ".md") == 0)
            snprintf(href, sizeof href, "href=\"2024-09/%.*s.html\"", (int)(len - 3), name);
        if (name[0] != '.' && !strstr(index, href))
            fail_msg("index.html does not link %s", name);
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    free(index);
    free(sums);
    free(dir);
    test_result_free(&r);
    free(in);
    free(out);
}

/* Modification times and inodes of everything under `dir`, as text, to compare. */
static char *listing(const char *dir)
{
    char *argv[] = {"sh", "-c", "find . -printf '%p %i %T@\\n' | sort", NULL};
    test_result r = test_run(&(test_cmd){.argv = argv, .dir = dir, .out = TEST_CAPTURE});
    char *text = r.out;
    if (r.status != 0) {
        free(text);
        text = NULL;
    }
    return text;
}

/* How many names in `dir` hold `part`. */
static int names_holding(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strstr(e->d_name, part) != NULL;
    closedir(d);
    return n;
}

static void test_unchanged_input_touches_nothing(void **state)
{
    (void)state;
    char *a = test_join(work, "a"), *b = test_join(work, "b"), *out = test_join(work, "out-same");
    test_result r = gen_run(a, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    test_result_free(&r);
    char *before = listing(out);
    sleep(1); /* a rewrite would show in the modification times */
    r = gen_run(a, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "up to date"));
    test_result_free(&r);
    char *after = listing(out);
    assert_non_null(before);
    assert_string_equal(before, after);
    /* One changed submission publishes again. */
    r = gen_run(b, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "published"));
    test_result_free(&r);
    char *changed = listing(out);
    assert_string_not_equal(after, changed);
    /* --force publishes even when nothing changed. */
    r = gen_run(b, out, "--force", NULL, NULL);
    assert_non_null(strstr(r.err, "published"));
    test_result_free(&r);
    free(before);
    free(after);
    free(changed);
    free(a);
    free(b);
    free(out);
}

/* What gen does with its environment: LANGUAGE=vi (or a Vietnamese LC_ALL, LC_MESSAGES, LANG)
 * turns standard error Vietnamese, and changes no published byte; TZ and the clock change
 * nothing. gen never calls setlocale, so no locale need be installed for this to hold. */
static void test_same_bytes_whatever_the_clock_zone_or_language(void **state)
{
    (void)state;
    char *a = test_join(work, "a"), *o1 = test_join(work, "out-utc"), *o2 = test_join(work, "out-hcm");
    char *utc[] = {"TZ=UTC", "LC_ALL=C", "LANG=C", "LANGUAGE", NULL};
    char *hcm[] = {"TZ=Asia/Ho_Chi_Minh", "LANGUAGE=vi", NULL};
    test_result r1 = gen_run(a, o1, NULL, NULL, utc);
    sleep(1); /* and another second on the clock */
    test_result r2 = gen_run(a, o2, NULL, NULL, hcm);
    assert_int_equal(r1.status, 0);
    assert_int_equal(r2.status, 0);
    /* Standard error follows the language... */
    if (!strstr(r1.err, "20 of 20 provinces valid") || strstr(r1.err, "tỉnh"))
        fail_msg("standard error not in English under LC_ALL=C:\n%s", r1.err);
    if (!strstr(r2.err, "20/20 tỉnh") || strstr(r2.err, "provinces valid"))
        fail_msg("standard error not in Vietnamese under LANGUAGE=vi:\n%s", r2.err);
    /* ...and nothing published does. */
    char *diff[] = {"diff", "-r", o1, o2, NULL};
    assert_int_equal(test_run_status(&(test_cmd){.argv = diff, .out = TEST_DISCARD}), 0);
    test_result_free(&r1);
    test_result_free(&r2);
    free(a);
    free(o1);
    free(o2);
}

static char *read_sums(const char *out)
{
    char *p = test_join(out, "2024-09/SHA256SUMS");
    char *text = test_read_file(p, NULL);
    free(p);
    return text;
}

/* For strace's -E: LeakSanitizer cannot work in a traced process, so a sanitized gen (make
 * check-asan) runs under strace without it; the other sanitizer settings stay. */
static const char *asan_options_under_strace(void)
{
    static char option[512];
    const char *current = getenv("ASAN_OPTIONS");
    snprintf(option, sizeof option, "ASAN_OPTIONS=%s%sdetect_leaks=0", current ? current : "",
             current && *current ? ":" : "");
    return option;
}

/* Kills the run at the n-th call of `syscall` (strace's fault injection). Returns the status:
 * 128 + 9 when it was killed, the program's own status when the n-th call never came. */
static int run_killed_at(const char *input, const char *out, const char *syscall, int n)
{
    char trace[64], inject[128];
    snprintf(trace, sizeof trace, "trace=%s", syscall);
    snprintf(inject, sizeof inject, "inject=%s:signal=SIGKILL:when=%d", syscall, n);
    char *argv[] = {"strace",
                    "-f",
                    "-qq",
                    "-o",
                    "/dev/null",
                    "-E",
                    (char *)asan_options_under_strace(),
                    "-e",
                    trace,
                    "-e",
                    inject,
                    gen,
                    "-q",
                    "--force",
                    "--input",
                    (char *)input,
                    "--out",
                    (char *)out,
                    "--templates",
                    "templates",
                    NULL};
    test_result r = run_in(NULL, argv, NULL);
    int status = r.status;
    test_result_free(&r);
    return status;
}

/* ------------------------------------------------------------------------------ the trace */

/* What strace -f -y showed of one run: the calls that make a publication durable and atomic, in
 * the order they were made (a call strace shows "unfinished" counts where it started). */
/* EV_LINK: a file of the publication being replaced linked into the new one (path: the new
 * name, to: the old). */
typedef enum { EV_OPEN_WRITE, EV_OPEN_READ, EV_SYNC, EV_RENAME, EV_MKDIR, EV_LINK } event_kind;

typedef struct event {
    event_kind kind;
    char path[PATH_MAX]; /* the file opened, flushed or made; a rename's source */
    char to[PATH_MAX];   /* a rename's destination */
    int line;            /* in the trace */
} event;

typedef struct trace {
    event *events;
    size_t count, cap;
} trace;

/* Copies the first "..." string at or after `p` into out; returns the text after it. */
static const char *quoted(const char *p, char *out, size_t size)
{
    out[0] = '\0';
    p = p ? strchr(p, '"') : NULL;
    if (!p)
        return NULL;
    const char *end = strchr(p + 1, '"');
    if (!end || (size_t)(end - p - 1) >= size)
        return NULL;
    memcpy(out, p + 1, (size_t)(end - p - 1));
    out[end - p - 1] = '\0';
    return end + 1;
}

static void trace_add(trace *t, event e)
{
    if (t->count == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->events = realloc(t->events, t->cap * sizeof *t->events);
        assert_non_null(t->events);
    }
    t->events[t->count++] = e;
}

/* Reads strace's output (-f -y: "PID call(args) = result", file descriptors shown as
 * N</path>). */
static trace trace_read(const char *path)
{
    trace t = {0};
    char *text = test_must_read(path, NULL);
    int line_no = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        line_no++;
        while (*line == ' ' || (*line >= '0' && *line <= '9'))
            line++; /* the pid */
        if (strncmp(line, "<...", 4) == 0 || strstr(line, "= -1 "))
            continue; /* a resumed call (counted where it started), or a failed one */
        event e = {.line = line_no};
        if (strncmp(line, "openat(", 7) == 0) {
            const char *rest = quoted(line, e.path, sizeof e.path);
            if (!rest)
                continue;
            e.kind = strstr(rest, "O_WRONLY") || strstr(rest, "O_RDWR") ? EV_OPEN_WRITE
                                                                          : EV_OPEN_READ;
        } else if (strncmp(line, "fsync(", 6) == 0 || strncmp(line, "fdatasync(", 10) == 0) {
            const char *lt = strchr(line, '<'), *gt = lt ? strchr(lt, '>') : NULL;
            if (!gt || (size_t)(gt - lt - 1) >= sizeof e.path)
                continue;
            memcpy(e.path, lt + 1, (size_t)(gt - lt - 1));
            e.path[gt - lt - 1] = '\0';
            e.kind = EV_SYNC;
        } else if (strncmp(line, "rename(", 7) == 0 || strncmp(line, "renameat2(", 10) == 0) {
            const char *rest = quoted(line, e.path, sizeof e.path);
            if (!quoted(rest, e.to, sizeof e.to))
                continue;
            e.kind = EV_RENAME;
        } else if (strncmp(line, "link(", 5) == 0 || strncmp(line, "linkat(", 7) == 0) {
            const char *rest = quoted(line, e.to, sizeof e.to);
            if (!quoted(rest, e.path, sizeof e.path))
                continue;
            e.kind = EV_LINK;
        } else if (strncmp(line, "mkdir(", 6) == 0) {
            if (!quoted(line, e.path, sizeof e.path))
                continue;
            e.kind = EV_MKDIR;
        } else {
            continue;
        }
        trace_add(&t, e);
    }
    free(text);
    return t;
}

/* The index of the first event of `kind` on `path` in [from, to), or -1. */
static long find_event(const trace *t, event_kind kind, const char *path, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < t->count; i++)
        if (t->events[i].kind == kind && strcmp(t->events[i].path, path) == 0)
            return (long)i;
    return -1;
}

static bool is_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Runs gen under strace into `out` (absolute) and checks, from the trace, that the publication
 * is durable before it is visible and atomic:
 *   - every period is swapped in whole, by renaming its staging folder (out/.PERIOD.new-*) to
 *     out/PERIOD (renameat2 RENAME_EXCHANGE over an earlier one, rename otherwise);
 *   - every file written into the staging folder is fsynced after it was last opened for
 *     writing and before the swap; then each folder made in it, and the staging folder itself,
 *     after the last of those files and before the swap; out/ after the swap;
 *   - out/index.html is never opened for writing under its own name: it is written to another
 *     name in out/, fsynced, renamed over index.html, and out/ fsynced after.
 * Returns the number of swaps seen. */
static int check_publication_trace(const char *input, const char *out, const char *label)
{
    char *log = test_pathf("%s/trace-%s", work, label);
    char *argv[] = {"strace", "-f", "-qq", "-y", "-s", "512", "-o", log, "-E",
                    (char *)asan_options_under_strace(), "-e",
                    "trace=openat,write,fsync,fdatasync,rename,renameat2,unlink,rmdir,mkdir,link,linkat",
                    gen,
                    "-q", "--force", "--input", (char *)input, "--out", (char *)out,
                    "--templates", "templates", NULL};
    test_result r = run_in(NULL, argv, NULL);
    if (r.status != 0)
        fail_msg("%s: gen under strace: exit %d\n%s", label, r.status, r.err);
    test_result_free(&r);
    trace t = trace_read(log);
    int swaps = 0, problems = 0;
    char *index = test_join(out, "index.html");
    for (size_t i = 0; i < t.count; i++) {
        const event *e = &t.events[i];
        if (e->kind == EV_OPEN_WRITE && strcmp(e->path, index) == 0) {
            print_error("%s: trace line %d: %s opened for writing under its own name\n", label,
                        e->line, index);
            problems++;
        }
        if (e->kind != EV_RENAME || !is_under(e->to, out))
            continue;
        const char *base = e->to + strlen(out) + 1;
        if (strcmp(base, "index.html") == 0) {
            /* The index: written beside, flushed, renamed over, and the folder flushed. */
            long opened = -1;
            for (size_t j = 0; j < i; j++)
                if (t.events[j].kind == EV_OPEN_WRITE && strcmp(t.events[j].path, e->path) == 0)
                    opened = (long)j;
            if (opened < 0 || !is_under(e->path, out)) {
                print_error("%s: trace line %d: index.html renamed from %s, never written\n",
                            label, e->line, e->path);
                problems++;
            } else if (find_event(&t, EV_SYNC, e->path, (size_t)opened, i) < 0) {
                print_error("%s: trace line %d: %s renamed over index.html unflushed\n", label,
                            e->line, e->path);
                problems++;
            }
            if (find_event(&t, EV_SYNC, out, i + 1, t.count) < 0) {
                print_error("%s: trace line %d: %s not flushed after index.html\n", label,
                            e->line, out);
                problems++;
            }
            continue;
        }
        if (strlen(base) != 7 || base[4] != '-')
            continue; /* not a period folder */
        const char *staging = e->path;
        if (!is_under(staging, out) || staging[strlen(out) + 1] != '.') {
            print_error("%s: trace line %d: %s renamed from %s, not a staging folder\n", label,
                        e->line, e->to, staging);
            problems++;
            continue;
        }
        swaps++;
        /* Every file written into the staging folder: flushed after its last open, before the
         * swap. */
        long last_file_sync = -1;
        int files = 0;
        char *replaced = test_pathf("%s", e->to); /* out/PERIOD: what the swap replaces */
        for (size_t j = 0; j < i; j++) {
            const event *w = &t.events[j];
            if (w->kind == EV_LINK && is_under(w->path, staging)) {
                /* Unchanged, linked from the publication replaced: flushed when it was
                 * published; its new name is flushed with the folder, after it. */
                if (!is_under(w->to, replaced)) {
                    print_error("%s: trace line %d: %s linked from %s, outside %s\n", label,
                                w->line, w->path, w->to, replaced);
                    problems++;
                }
                files++;
                last_file_sync = (long)j > last_file_sync ? (long)j : last_file_sync;
                continue;
            }
            if (w->kind != EV_OPEN_WRITE || !is_under(w->path, staging))
                continue;
            bool reopened = false;
            for (size_t k = j + 1; k < i; k++)
                reopened |= t.events[k].kind == EV_OPEN_WRITE &&
                            strcmp(t.events[k].path, w->path) == 0;
            if (reopened)
                continue;
            files++;
            long synced = find_event(&t, EV_SYNC, w->path, j + 1, i);
            if (synced < 0) {
                print_error("%s: trace line %d: %s written, not fsynced before the swap (line "
                            "%d)\n",
                            label, w->line, w->path, e->line);
                problems++;
            } else if (synced > last_file_sync) {
                last_file_sync = synced;
            }
        }
        free(replaced);
        if (files < 9) {
            print_error("%s: only %d files written or linked into %s\n", label, files, staging);
            problems++;
        }
        /* Then the folders: each made in the staging folder, and the staging folder. */
        for (size_t j = 0; j < i; j++) {
            const event *m = &t.events[j];
            if (m->kind != EV_MKDIR || (!is_under(m->path, staging) && strcmp(m->path, staging)))
                continue;
            size_t after = last_file_sync < 0 ? j : (size_t)last_file_sync;
            if (find_event(&t, EV_SYNC, m->path, after, i) < 0) {
                print_error("%s: trace line %d: the folder %s not fsynced after its files and "
                            "before the swap (line %d)\n",
                            label, m->line, m->path, e->line);
                problems++;
            }
        }
        if (find_event(&t, EV_MKDIR, staging, 0, i) < 0) {
            print_error("%s: %s swapped in, never made\n", label, staging);
            problems++;
        }
        if (find_event(&t, EV_SYNC, out, i + 1, t.count) < 0) {
            print_error("%s: trace line %d: %s not fsynced after the swap of %s\n", label,
                        e->line, out, e->to);
            problems++;
        }
    }
    bool index_renamed = false;
    for (size_t i = 0; i < t.count; i++)
        index_renamed |= t.events[i].kind == EV_RENAME && strcmp(t.events[i].to, index) == 0;
    if (!index_renamed) {
        print_error("%s: index.html never renamed into place\n", label);
        problems++;
    }
    if (problems)
        fail_msg("%s: %d problem(s) in the trace of a publication (%s)", label, problems, log);
    free(t.events);
    free(index);
    free(log);
    return swaps;
}

static void test_publication_durable_by_trace(void **state)
{
    (void)state;
    char *a = test_join(work, "a"), *b = test_join(work, "b"), *out = test_join(work, "out-trace");
    /* A first publication (folders renamed in), then one over it (folders exchanged). */
    int first = check_publication_trace(a, out, "first");
    int second = check_publication_trace(b, out, "second");
    printf("# %d periods renamed in, then %d exchanged, each durable first\n", first, second);
    assert_true(first >= 2);
    assert_true(second >= 2);
    free(a);
    free(b);
    free(out);
}

/* out/index.html is whole: an HTML page from its doctype to its closing tag. */
static bool index_whole(const char *out)
{
    char *path = test_join(out, "index.html");
    size_t len = 0;
    char *html = test_read_file(path, &len);
    free(path);
    bool whole = false;
    if (html) {
        while (len > 0 && (html[len - 1] == '\n' || html[len - 1] == ' '))
            html[--len] = '\0';
        whole = strncasecmp(html, "<!doctype html>", 15) == 0 && len >= 7 &&
                strcmp(html + len - 7, "</html>") == 0;
        int depth = 0;
        for (size_t i = 0; i < len && whole; i++) {
            depth += html[i] == '<';
            depth -= html[i] == '>';
            whole = depth == 0 || depth == 1;
        }
        whole = whole && depth == 0;
    }
    free(html);
    return whole;
}

static void test_killed_runs_leave_a_whole_publication(void **state)
{
    (void)state;
    char *a = test_join(work, "a"), *b = test_join(work, "b"), *out = test_join(work, "out-kill");
    char *dir = test_join(out, "2024-09");
    test_result r = gen_run(b, out, NULL, NULL, NULL);
    test_result_free(&r);
    char *sums_b = read_sums(out);
    r = gen_run(a, out, NULL, NULL, NULL);
    test_result_free(&r);
    char *sums_a = read_sums(out);
    assert_string_not_equal(sums_a, sums_b);
    const char *calls[] = {"fsync", "renameat2", "rename", "unlink",
                           "rmdir", "mkdir",     "openat", "write"};
    enum { CLASSES = 8 };
    int kills = 0, per_class[CLASSES] = {0};
    for (size_t c = 0; c < CLASSES; c++) {
        for (int n = 1; n <= 60; n++) {
            int status = run_killed_at(n % 2 ? b : a, out, calls[c], n);
            char *sums = read_sums(out);
            if (!sums_check(dir) || !sums ||
                (strcmp(sums, sums_a) != 0 && strcmp(sums, sums_b) != 0))
                fail_msg("killed at %s #%d: the published folder is not whole", calls[c], n);
            free(sums);
            if (!index_whole(out))
                fail_msg("killed at %s #%d: out/index.html is not a whole page", calls[c], n);
            if (status != 128 + SIGKILL)
                break; /* the run got through: no later call to kill at */
            kills++;
            per_class[c]++;
        }
    }
    /* Every class of call was reached and killed at least once: a call gen no longer makes
     * would add nothing here, and fail. */
    for (size_t c = 0; c < CLASSES; c++) {
        printf("# killed at %s: %d run(s)\n", calls[c], per_class[c]);
        if (per_class[c] < 1)
            fail_msg("no run was killed at %s: gen never reached that call", calls[c]);
    }
    /* The next run removes what the killed ones left beside the published folder. */
    r = gen_run(a, out, "--force", NULL, NULL);
    assert_int_equal(r.status, 0);
    test_result_free(&r);
    assert_int_equal(names_holding(out, "new-"), 0);
    printf("# %d runs killed at a chosen system call\n", kills);
    free(sums_a);
    free(sums_b);
    free(dir);
    free(a);
    free(b);
    free(out);
}

static void test_two_runs_never_interleave(void **state)
{
    (void)state;
    char *a = test_join(work, "a"), *out = test_join(work, "out-lock");
    /* Run 1 holds the lock, slowed by two seconds at its first fsync. */
    char *argv[] = {"strace",
                    "-f",
                    "-qq",
                    "-o",
                    "/dev/null",
                    "-E",
                    (char *)asan_options_under_strace(),
                    "-e",
                    "trace=fsync",
                    "-e",
                    "inject=fsync:delay_enter=2s:when=1",
                    gen,
                    "-q",
                    "--input",
                    a,
                    "--out",
                    out,
                    "--templates",
                    "templates",
                    NULL};
    test_child first = test_start(&(test_cmd){.argv = argv});
    nanosleep(&(struct timespec){0, 700 * 1000 * 1000}, NULL);
    test_result second = gen_run(a, out, "--wait", "0", NULL);
    assert_int_equal(second.status, 2);
    assert_non_null(strstr(second.err, "another gen run is publishing"));
    test_result patient = gen_run(a, out, "--wait", "30", NULL);
    test_result first_run = test_wait(&first);
    assert_true(first_run.status == 0);
    test_result_free(&first_run);
    assert_int_equal(patient.status, 0); /* waited, then found it up to date */
    assert_non_null(strstr(patient.err, "up to date"));
    char *dir = test_join(out, "2024-09");
    assert_true(sums_check(dir));
    test_result_free(&second);
    test_result_free(&patient);
    free(dir);
    free(a);
    free(out);
}

/* Python's csv module, knowing nothing of gen, reads the open data back to the report's
 * figures. */
static void test_open_data_reads_back(void **state)
{
    (void)state;
    char *a = test_join(work, "a"), *out = test_join(work, "out-data");
    test_result r = gen_run(a, out, NULL, NULL, NULL);
    assert_int_equal(r.status, 0);
    test_result_free(&r);
    char *dir = test_join(out, "2024-09/data");
    char *check[] = {"python3", "tests/publish/check_data.py", dir, NULL};
    assert_int_equal(test_run_status(&(test_cmd){.argv = check}), 0);
    free(dir);
    free(a);
    free(out);
}

static void test_install_and_uninstall(void **state)
{
    (void)state;
    char *root = test_join(work, "root");
    char *destdir = test_pathf("DESTDIR=%s", root);
    char *install[] = {"make", "-s", destdir, "install", NULL};
    test_cmd make = {.argv = install, .out = TEST_DISCARD, .timeout = TEST_TIMEOUT_SLOW};
    assert_int_equal(test_run_status(&make), 0);
    char *bin = test_join(root, "usr/local/bin/gen");
    char *templates = test_join(root, "usr/local/share/gen/templates");
    char *man = test_join(root, "usr/local/share/man/man1/gen.1");
    struct stat st;
    assert_int_equal(stat(bin, &st), 0);
    assert_int_equal(stat(man, &st), 0);
    char *argv[] = {bin, "-q", "--check", "--input", "input", "--templates", templates, NULL};
    test_result r = run_in(NULL, argv, NULL);
    assert_int_equal(r.status, 0);
    test_result_free(&r);
    install[3] = "uninstall";
    assert_int_equal(test_run_status(&make), 0);
    free(destdir);
    assert_int_not_equal(stat(bin, &st), 0);
    assert_int_not_equal(stat(templates, &st), 0);
    free(bin);
    free(templates);
    free(man);
    free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_publication_checks_out),
        cmocka_unit_test(test_unchanged_input_touches_nothing),
        cmocka_unit_test(test_same_bytes_whatever_the_clock_zone_or_language),
        cmocka_unit_test(test_publication_durable_by_trace),
        cmocka_unit_test(test_killed_runs_leave_a_whole_publication),
        cmocka_unit_test(test_two_runs_never_interleave),
        cmocka_unit_test(test_open_data_reads_back),
        cmocka_unit_test(test_install_and_uninstall),
    };
    return cmocka_run_group_tests_name("publish", tests, setup, teardown);
}
