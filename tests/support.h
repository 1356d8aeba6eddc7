/* support.h - what the test programs share (cmocka), compiled once as tests/support.c:
 *
 *   - running a program: argv, working folder, environment changes, standard streams to
 *     nowhere, to a file, or captured, and a time limit after which its process group is killed
 *     and the test fails saying so; a program that is not installed fails the test naming it;
 *   - paths (joined with a checked length), files and trees (read, write, copy, remove), a
 *     temporary folder;
 *   - the demo: its input copied, its region loaded, its briefing rendered in process.
 *
 * Every helper that cannot do its work fails the running test (cmocka's fail_msg). */
#ifndef GEN_TEST_SUPPORT_H
#define GEN_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <cmocka.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

/* ------------------------------------------------------------------------------ settings */

/* The folder holding the shared data (contract, mustache spec): $SHARED or ../shared. */
const char *test_shared_dir(void);

/* The program under test: $GEN or gen/gen. */
const char *test_gen(void);

/* The absolute path of $variable (or `fallback` when unset), which must exist; exits the test
 * program saying why when it does not (for use before cmocka runs or in a group setup). */
void test_resolve(char *out, size_t size, const char *variable, const char *fallback);

/* ------------------------------------------------------------------------------ children */

/* Time limits, in seconds: gen and the small tools, and the slow ones (LibreOffice, Chromium,
 * valgrind, Python with pandas). */
enum { TEST_TIMEOUT = 60, TEST_TIMEOUT_SLOW = 300 };

/* Where a child's standard output or error goes. */
typedef enum test_sink {
    TEST_INHERIT = 0, /* the test's own stream */
    TEST_DISCARD,     /* /dev/null */
    TEST_CAPTURE,     /* kept in test_result.out or .err */
    TEST_FILE,        /* the file out_path or err_path, created or truncated */
    TEST_TO_STDOUT,   /* standard error only: wherever standard output goes (2>&1) */
} test_sink;

typedef struct test_cmd {
    char *const *argv;    /* NULL-terminated; argv[0] is looked up on PATH when it has no '/' */
    const char *dir;      /* the working folder; NULL: the test's */
    char *const *env;     /* NULL-terminated changes: "NAME=value" sets, "NAME" removes */
    bool clean_env;       /* start from an empty environment rather than the test's */
    const char *in_path;  /* standard input from this file; NULL: /dev/null */
    test_sink out, err;   /* standard output and error */
    const char *out_path; /* for TEST_FILE */
    const char *err_path;
    int timeout; /* seconds; 0: TEST_TIMEOUT */
} test_cmd;

typedef struct test_result {
    int status;       /* the exit status, or 128 + the signal that ended it */
    int signal;       /* that signal, or 0 */
    char *out, *err;  /* what TEST_CAPTURE kept, NUL-terminated; else NULL */
    size_t out_len, err_len;
    double seconds;   /* wall-clock time */
    long max_rss_kb;  /* peak resident memory */
} test_result;

/* A child started by test_start, to be waited for by test_wait. */
typedef struct test_child {
    pid_t pid;
    char name[256];
    int timeout;
    double start;
    FILE *out, *err; /* the captures, when asked for */
} test_child;

/* Starts the program and waits for it. When it runs past its time limit, its process group is
 * killed and the test fails. */
test_result test_run(const test_cmd *cmd);
/* The same, returning only the status. */
int test_run_status(const test_cmd *cmd);
void test_result_free(test_result *r);

/* test_run in two halves, for a child that runs while the test does something else. */
test_child test_start(const test_cmd *cmd);
test_result test_wait(test_child *child);

/* Runs fn(arg) in a forked child (its own process group, under TEST_TIMEOUT, standard output
 * and error to /dev/null when `quiet`) and returns how it ended: its exit status (0 when fn
 * returns), or 128 + the signal that ended it. For code that is meant to exit the process. */
int test_run_function(void (*fn)(void *), void *arg, bool quiet);

/* ------------------------------------------------------------------------------ paths */

/* A path made with printf, allocated (caller frees); a path longer than PATH_MAX fails. */
char *test_pathf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* a/b, allocated. */
char *test_join(const char *a, const char *b);
/* A path made with printf into out[size]; one that does not fit fails rather than being cut. */
void test_path_in(char *out, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------------------------ files */

bool test_is_dir(const char *path);
bool test_exists(const char *path); /* anything, a dangling link included */

/* Reads a whole file, NUL-terminated; NULL if it cannot be read. Caller frees. */
char *test_read_file(const char *path, size_t *len_out);
/* The same, failing the test when the file cannot be read. */
char *test_must_read(const char *path, size_t *len_out);
/* Writes a file (creating its missing parent folders), replacing it. */
void test_write_file(const char *path, const void *data, size_t len);
void test_write_text(const char *path, const char *text);
void test_make_parents(const char *path);
/* Copies a file byte for byte, keeping its permission bits. */
void test_copy_file(const char *from, const char *to);
/* Copies a tree (folders, files with their permission bits, links as links) to `to`, which
 * must not exist. */
void test_copy_tree(const char *from, const char *to);
/* Removes a tree, giving folders their owner's permissions back first; nothing if absent. */
void test_remove_tree(const char *path);
/* Makes tests/artifacts/ (where tests keep what a person may want to look at) and removes
 * tests/artifacts/NAME, so that a file found there afterwards was made by this run. Returns the
 * path (caller frees). */
char *test_fresh_artifact(const char *name);
/* A new folder /tmp/gen-NAME-XXXXXX. Caller removes it and frees the string. */
char *test_temp_dir(const char *name);

/* ------------------------------------------------------------------------------ the demo */

/* The demo's input folder, relative to the project root where the tests run. */
#define TEST_DEMO_INPUT "input"

/* Copies the demo's input folder to `to` (which must not exist). */
void test_demo_input(const char *to);

/* The demo loaded in process: both catalogs, 2024-09 and 2023-09, and their region; the loads
 * succeed without a diagnostic. (Pointers, so that a test that does not include gen's headers
 * does not see their names.) */
typedef struct test_demo {
    struct catalog *roster, *contents;
    struct period *now, *before;
    struct diag_list *diags;
    struct region *r;
} test_demo;

void test_demo_load(test_demo *d);
void test_demo_free(test_demo *d);

/* The demo's briefing rendered in process with the project's templates: the Markdown, and the
 * HTML when `html` is not NULL (both allocated; no diagnostic). */
void test_demo_render(char **markdown, char **html);

/* ------------------------------------------------------------------------------ Markdown */

/* Parses Markdown as the HTML briefing will: CommonMark with the GFM table and strikethrough
 * extensions (and footnotes, to be strict about '[^'). Caller frees with cmark_node_free. */
cmark_node *test_parse_gfm(const char *markdown);

#endif
