/* support.c - what the test programs share: see support.h. The one place in tests/ that starts a
 * child process. */
#define _GNU_SOURCE /* execvpe, wait4, realpath */
#include "support.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "briefing.h"
#include "buf.h"
#include "catalog.h"
#include "chart.h"
#include "html.h"
#include "period.h"
#include "region.h"

extern char **environ;

/* ------------------------------------------------------------------------------ settings */

const char *test_shared_dir(void)
{
    const char *s = getenv("SHARED");
    return s && *s ? s : "../shared";
}

const char *test_gen(void)
{
    const char *g = getenv("GEN");
    return g && *g ? g : "gen/gen";
}

void test_resolve(char *out, size_t size, const char *variable, const char *fallback)
{
    const char *value = getenv(variable);
    if (!value || !*value)
        value = fallback;
    char full[PATH_MAX];
    if (!realpath(value, full)) {
        fprintf(stderr, "test: %s=%s: %s\n", variable, value, strerror(errno));
        exit(1);
    }
    if (strlen(full) >= size) {
        fprintf(stderr, "test: %s=%s: path too long\n", variable, value);
        exit(1);
    }
    memcpy(out, full, strlen(full) + 1);
}

/* ------------------------------------------------------------------------------ children */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The sanitizers' settings (make check-asan) reach every child, a clean environment too: a
 * sanitized gen run without them would report the libraries' process-long caches as leaks. */
static bool is_sanitizer_setting(const char *entry)
{
    return strncmp(entry, "ASAN_OPTIONS=", 13) == 0 || strncmp(entry, "LSAN_OPTIONS=", 13) == 0 ||
           strncmp(entry, "UBSAN_OPTIONS=", 14) == 0;
}

/* The child's environment: the test's (or none but the sanitizers' settings), with cmd->env's
 * changes. Caller frees the array, not its strings. */
static char **child_environment(const test_cmd *cmd)
{
    size_t n = 0, extra = 0;
    for (char **e = environ; *e; e++)
        n++;
    for (size_t i = 0; cmd->env && cmd->env[i]; i++)
        extra++;
    char **envp = calloc(n + extra + 1, sizeof *envp);
    assert_non_null(envp);
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (!cmd->clean_env || is_sanitizer_setting(environ[i]))
            envp[count++] = environ[i];
    for (size_t i = 0; i < extra; i++) {
        const char *change = cmd->env[i], *eq = strchr(change, '=');
        size_t name_len = eq ? (size_t)(eq - change) : strlen(change);
        size_t kept = 0;
        for (size_t j = 0; j < count; j++)
            if (!(strncmp(envp[j], change, name_len) == 0 && envp[j][name_len] == '='))
                envp[kept++] = envp[j];
        count = kept;
        if (eq)
            envp[count++] = (char *)change;
    }
    envp[count] = NULL;
    return envp;
}

/* In the child: points `fd` at what `sink` says. Returns -1 when it cannot. */
static int redirect(int fd, test_sink sink, const char *path, FILE *capture)
{
    int to = -1;
    switch (sink) {
    case TEST_INHERIT:
        return 0;
    case TEST_DISCARD:
        to = open("/dev/null", O_WRONLY);
        break;
    case TEST_CAPTURE:
        return dup2(fileno(capture), fd) < 0 ? -1 : 0;
    case TEST_FILE:
        to = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
        break;
    case TEST_TO_STDOUT:
        return dup2(STDOUT_FILENO, fd) < 0 ? -1 : 0;
    }
    if (to < 0 || dup2(to, fd) < 0)
        return -1;
    close(to);
    return 0;
}

static FILE *capture_file(test_sink sink)
{
    if (sink != TEST_CAPTURE)
        return NULL;
    FILE *f = tmpfile();
    assert_non_null(f);
    return f;
}

/* The bytes a capture file holds, NUL-terminated; closes it. */
static char *read_capture(FILE *f, size_t *len)
{
    *len = 0;
    if (!f)
        return NULL;
    buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    rewind(f);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    char *text = buf_detach(&b);
    if (!text) {
        text = strdup("");
        assert_non_null(text);
    }
    return text;
}

test_child test_start(const test_cmd *cmd)
{
    assert_non_null(cmd->argv);
    assert_non_null(cmd->argv[0]);
    test_child c = {.timeout = cmd->timeout > 0 ? cmd->timeout : TEST_TIMEOUT};
    snprintf(c.name, sizeof c.name, "%s", cmd->argv[0]);
    char **envp = child_environment(cmd);
    c.out = capture_file(cmd->out);
    c.err = capture_file(cmd->err);
    int report[2]; /* the child's errno when it cannot start the program */
    assert_int_equal(pipe2(report, O_CLOEXEC), 0);
    /* The peak memory the kernel reports for a child counts what the parent held when it
     * forked: give back what the test freed, so that the figure is the program's. */
    malloc_trim(0);
    fflush(NULL);
    c.start = now_seconds();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* Its own process group, so that a timeout kills whatever it started too. */
        setpgid(0, 0);
        int in = open(cmd->in_path ? cmd->in_path : "/dev/null", O_RDONLY);
        if (in < 0 || dup2(in, STDIN_FILENO) < 0 ||
            redirect(STDOUT_FILENO, cmd->out, cmd->out_path, c.out) < 0 ||
            redirect(STDERR_FILENO, cmd->err, cmd->err_path, c.err) < 0 ||
            (cmd->dir && chdir(cmd->dir) != 0)) {
            int e = errno ? errno : EIO;
            (void)!write(report[1], &e, sizeof e);
            _exit(126);
        }
        if (strchr(cmd->argv[0], '/'))
            execve(cmd->argv[0], cmd->argv, envp);
        else
            execvpe(cmd->argv[0], cmd->argv, envp);
        int e = errno;
        (void)!write(report[1], &e, sizeof e);
        _exit(127);
    }
    setpgid(pid, pid); /* as the child does, whichever comes first */
    free(envp);
    close(report[1]);
    int child_errno = 0;
    ssize_t got;
    do
        got = read(report[0], &child_errno, sizeof child_errno);
    while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof child_errno) {
        waitpid(pid, NULL, 0);
        if (c.out)
            fclose(c.out);
        if (c.err)
            fclose(c.err);
        if (child_errno == ENOENT)
            fail_msg("%s is not installed (or not built): cannot run it", c.name);
        fail_msg("cannot run %s%s%s: %s", c.name, cmd->dir ? " in " : "",
                 cmd->dir ? cmd->dir : "", strerror(child_errno));
    }
    c.pid = pid;
    return c;
}

test_result test_wait(test_child *c)
{
    test_result r = {.status = -1};
    int ws = 0;
    struct rusage usage = {0};
    long pause_ns = 1000000; /* 1 ms, growing to 20 ms: short runs are timed closely */
    for (;;) {
        pid_t done = wait4(c->pid, &ws, WNOHANG, &usage);
        if (done < 0 && errno == EINTR)
            continue;
        assert_true(done >= 0);
        if (done == c->pid)
            break;
        if (now_seconds() - c->start > c->timeout) {
            kill(-c->pid, SIGKILL);
            kill(c->pid, SIGKILL);
            waitpid(c->pid, &ws, 0);
            if (c->out)
                fclose(c->out);
            if (c->err)
                fclose(c->err);
            fail_msg("%s timed out: it ran longer than %d s and was killed", c->name,
                     c->timeout);
        }
        nanosleep(&(struct timespec){0, pause_ns}, NULL);
        pause_ns = pause_ns < 20000000 ? pause_ns * 2 : 20000000;
    }
    r.seconds = now_seconds() - c->start;
    r.max_rss_kb = usage.ru_maxrss;
    if (WIFEXITED(ws)) {
        r.status = WEXITSTATUS(ws);
    } else if (WIFSIGNALED(ws)) {
        r.signal = WTERMSIG(ws);
        r.status = 128 + r.signal;
    }
    r.out = read_capture(c->out, &r.out_len);
    r.err = read_capture(c->err, &r.err_len);
    c->out = c->err = NULL;
    c->pid = 0;
    return r;
}

test_result test_run(const test_cmd *cmd)
{
    test_child c = test_start(cmd);
    return test_wait(&c);
}

int test_run_status(const test_cmd *cmd)
{
    test_result r = test_run(cmd);
    test_result_free(&r);
    return r.status;
}

void test_result_free(test_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

/* ------------------------------------------------------------------------------ paths */

static char *vpathf(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    assert_true(n >= 0);
    char *p = malloc((size_t)n + 1);
    assert_non_null(p);
    vsnprintf(p, (size_t)n + 1, fmt, again);
    va_end(again);
    if (n >= PATH_MAX) {
        print_error("path: %.200s...\n", p);
        free(p);
        fail_msg("a path of %d bytes is longer than PATH_MAX", n);
    }
    return p;
}

char *test_pathf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = vpathf(fmt, ap);
    va_end(ap);
    return p;
}

char *test_join(const char *a, const char *b)
{
    return test_pathf("%s/%s", a, b);
}

void test_path_in(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, size, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= size)
        fail_msg("path too long: %s", out);
}

/* ------------------------------------------------------------------------------ files */

bool test_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool test_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

char *test_read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *data = malloc(cap);
    size_t n;
    while (data && (n = fread(data + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            char *grown = realloc(data, cap * 2);
            if (!grown) {
                free(data);
                data = NULL;
                break;
            }
            data = grown;
            cap *= 2;
        }
    }
    fclose(f);
    if (!data)
        return NULL;
    data[len] = '\0';
    if (len_out)
        *len_out = len;
    return data;
}

char *test_must_read(const char *path, size_t *len_out)
{
    char *data = test_read_file(path, len_out);
    if (!data)
        fail_msg("cannot read %s: %s", path, strerror(errno));
    return data;
}

void test_make_parents(const char *path)
{
    char *copy = strdup(path);
    assert_non_null(copy);
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST)
            fail_msg("cannot create %s: %s", copy, strerror(errno));
        *p = '/';
    }
    free(copy);
}

void test_write_file(const char *path, const void *data, size_t len)
{
    test_make_parents(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        fail_msg("cannot write %s: %s", path, strerror(errno));
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n <= 0)
            fail_msg("cannot write %s: %s", path, strerror(errno));
        p += n;
        len -= (size_t)n;
    }
    assert_int_equal(close(fd), 0);
}

void test_write_text(const char *path, const char *text)
{
    test_write_file(path, text, strlen(text));
}

void test_copy_file(const char *from, const char *to)
{
    size_t len = 0;
    char *data = test_must_read(from, &len);
    test_write_file(to, data, len);
    free(data);
    struct stat st;
    assert_int_equal(stat(from, &st), 0);
    assert_int_equal(chmod(to, st.st_mode & 07777), 0);
}

void test_copy_tree(const char *from, const char *to)
{
    struct stat st;
    if (lstat(from, &st) != 0)
        fail_msg("cannot copy %s: %s", from, strerror(errno));
    if (S_ISLNK(st.st_mode)) {
        char target[PATH_MAX];
        ssize_t n = readlink(from, target, sizeof target - 1);
        assert_true(n >= 0);
        target[n] = '\0';
        assert_int_equal(symlink(target, to), 0);
    } else if (S_ISDIR(st.st_mode)) {
        if (mkdir(to, 0777) != 0)
            fail_msg("cannot create %s: %s", to, strerror(errno));
        struct dirent **names;
        int n = scandir(from, &names, NULL, alphasort);
        if (n < 0)
            fail_msg("cannot list %s: %s", from, strerror(errno));
        for (int i = 0; i < n; i++) {
            const char *name = names[i]->d_name;
            if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
                char *src = test_join(from, name), *dst = test_join(to, name);
                test_copy_tree(src, dst);
                free(src);
                free(dst);
            }
            free(names[i]);
        }
        free(names);
        assert_int_equal(chmod(to, st.st_mode & 07777), 0);
    } else if (S_ISREG(st.st_mode)) {
        test_copy_file(from, to);
    } else {
        fail_msg("cannot copy %s: neither a file, a folder nor a link", from);
    }
}

void test_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        /* Owner permissions back first: a case may leave a folder unreadable on purpose. */
        chmod(path, 0700);
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *child = test_join(path, e->d_name);
            test_remove_tree(child);
            free(child);
        }
        if (d)
            closedir(d);
        if (rmdir(path) != 0)
            fail_msg("cannot remove %s: %s", path, strerror(errno));
    } else if (unlink(path) != 0) {
        fail_msg("cannot remove %s: %s", path, strerror(errno));
    }
}

char *test_temp_dir(const char *name)
{
    char *dir = test_pathf("/tmp/gen-%s-XXXXXX", name);
    if (!mkdtemp(dir))
        fail_msg("cannot make a folder %s: %s", dir, strerror(errno));
    return dir;
}

/* ------------------------------------------------------------------------------ the demo */

void test_demo_input(const char *to)
{
    test_copy_tree(TEST_DEMO_INPUT, to);
}

static void *zalloc(size_t size)
{
    void *p = calloc(1, size);
    assert_non_null(p);
    return p;
}

void test_demo_load(test_demo *d)
{
    *d = (test_demo){.roster = zalloc(sizeof(catalog)),
                     .contents = zalloc(sizeof(catalog)),
                     .now = zalloc(sizeof(period)),
                     .before = zalloc(sizeof(period)),
                     .diags = zalloc(sizeof(diag_list))};
    *d->diags = (diag_list)DIAG_LIST_INIT;
    assert_int_equal(
        catalog_load(d->roster, TEST_DEMO_INPUT "/roster.csv", CATALOG_ROSTER, d->diags), 0);
    assert_int_equal(
        catalog_load(d->contents, TEST_DEMO_INPUT "/contents.csv", CATALOG_CONTENTS, d->diags),
        0);
    assert_int_equal(
        period_read(d->now, TEST_DEMO_INPUT, "2024-09", d->roster, d->contents, d->diags), 0);
    assert_int_equal(
        period_read(d->before, TEST_DEMO_INPUT, "2023-09", d->roster, d->contents, d->diags), 0);
    assert_int_equal(d->diags->count, 0);
    d->r = region_new(d->roster, d->contents, d->now, d->before);
}

void test_demo_free(test_demo *d)
{
    region_free(d->r);
    period_free(d->before);
    period_free(d->now);
    catalog_free(d->contents);
    catalog_free(d->roster);
    diag_list_free(d->diags);
    free(d->before);
    free(d->now);
    free(d->contents);
    free(d->roster);
    free(d->diags);
    *d = (test_demo){0};
}

void test_demo_render(char **markdown, char **html)
{
    test_demo d;
    test_demo_load(&d);
    mustache_value *model = briefing_model_new(d.r);
    template_set *templates = template_set_new("templates");
    buf md = BUF_INIT;
    assert_int_equal(briefing_render_markdown(model, templates, &md, d.diags), 0);
    if (html) {
        chart_set charts;
        chart_set_build(&charts, d.r);
        buf page = BUF_INIT;
        assert_int_equal(
            html_render_briefing(md.data, md.len, &charts, model, templates, &page, d.diags), 0);
        chart_set_free(&charts);
        *html = buf_detach(&page);
    }
    assert_int_equal(d.diags->count, 0);
    template_set_free(templates);
    mustache_value_free(model);
    test_demo_free(&d);
    *markdown = buf_detach(&md);
}

/* ------------------------------------------------------------------------------ Markdown */

cmark_node *test_parse_gfm(const char *markdown)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES);
    const char *extensions[] = {"table", "strikethrough"};
    for (size_t i = 0; i < 2; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
        assert_non_null(ext);
        cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, markdown, strlen(markdown));
    cmark_node *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return doc;
}
