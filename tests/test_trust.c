/* test_trust.c - publication you can trust: nothing of the user's lost, nothing stale, nothing
 * corrupt. Each test is one way a careless user, a hostile file or an odd machine could make gen
 * lose data, publish stale figures, or publish a file a reader cannot open, run through the real
 * program on a copy of the demo. */
#define _GNU_SOURCE /* flock */
#include "support.h"

#include <fcntl.h>
#include <ftw.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bạc Liêu's submission for 2024-09, replaced by the tests that need a file of their own. */
#define BAC_LIEU "input/2024-09/KC_95_202409.csv"
#define HEADER   "province,source,content,project,plan,executed\n"

typedef struct workspace {
    char *root; /* holds input/ (the demo) and out/ */
} workspace;

static workspace make_workspace(const char *name)
{
    workspace w = {test_temp_dir(name)};
    char *input = test_join(w.root, "input");
    test_demo_input(input);
    free(input);
    return w;
}

static void drop_workspace(workspace *w)
{
    test_remove_tree(w->root);
    free(w->root);
}

static char *in_ws(const workspace *w, const char *rel)
{
    return test_join(w->root, rel);
}

static void write_in(const workspace *w, const char *rel, const char *text)
{
    char *path = in_ws(w, rel);
    test_write_text(path, text);
    free(path);
}

static char *read_in(const workspace *w, const char *rel)
{
    char *path = in_ws(w, rel);
    char *text = test_must_read(path, NULL);
    free(path);
    return text;
}

/* The program under test, as an absolute path (runs happen in the workspace). */
static const char *gen_program(void)
{
    static char gen[4096];
    if (!gen[0])
        test_resolve(gen, sizeof gen, "GEN", "gen/gen");
    return gen;
}

/* The project's templates, as an absolute path (runs happen in the workspace). */
static const char *templates_dir(void)
{
    static char templates[4096];
    if (!templates[0])
        test_resolve(templates, sizeof templates, "GEN_TEMPLATES", "templates");
    return templates;
}

/* Runs gen in the workspace with `args` (NULL-terminated, after the program name) and, unless
 * they name others, the project's templates, capturing both streams. */
static test_result gen_in(const workspace *w, const char *const *args)
{
    const char *argv[32] = {gen_program()};
    size_t n = 1;
    bool own_templates = false;
    for (; args[n - 1]; n++) {
        argv[n] = args[n - 1];
        own_templates = own_templates || strcmp(argv[n], "-t") == 0;
    }
    if (!own_templates) {
        argv[n++] = "-t";
        argv[n++] = templates_dir();
    }
    argv[n] = NULL;
    test_cmd cmd = {
        .argv = (char *const *)argv, .dir = w->root, .out = TEST_CAPTURE, .err = TEST_CAPTURE};
    return test_run(&cmd);
}

static int gen_status(const workspace *w, const char *const *args, const char *expect_in_err)
{
    test_result r = gen_in(w, args);
    if (expect_in_err && !strstr(r.err, expect_in_err))
        fail_msg("standard error lacks \"%s\":\n%s", expect_in_err, r.err);
    int status = r.status;
    test_result_free(&r);
    return status;
}

#define GEN(w, expect, ...) gen_status((w), (const char *const[]){__VA_ARGS__, NULL}, (expect))

static void assert_file_holds(const workspace *w, const char *rel, const char *expected)
{
    char *text = read_in(w, rel);
    assert_string_equal(text, expected);
    free(text);
}

static void assert_same_trees(const char *a, const char *b)
{
    test_cmd diff = {.argv = (char *const[]){"diff", "-r", (char *)a, (char *)b, NULL}};
    assert_int_equal(test_run_status(&diff), 0);
}

static bool exists_in(const workspace *w, const char *rel)
{
    char *path = in_ws(w, rel);
    bool found = test_exists(path);
    free(path);
    return found;
}

/* -o equal to -i, inside it, around it, or equal to the templates: refused before anything is
 * written, the input untouched (last round this deleted every submission). */
static void out_folder_may_not_overlap_input_or_templates(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-overlap");
    char *input = in_ws(&w, "input"), *snapshot = in_ws(&w, "snapshot");
    test_copy_tree(input, snapshot);
    assert_int_equal(GEN(&w, "is the input folder", "-i", "input", "-o", "input"), 2);
    assert_int_equal(GEN(&w, "is the input folder", "-i", "input", "-o", "./input/"), 2);
    assert_int_equal(GEN(&w, "lies inside the input folder", "-i", "input", "-o", "input/out"), 2);
    assert_int_equal(GEN(&w, "contains the input folder", "-i", "input", "-o", "."), 2);
    assert_int_equal(GEN(&w, "is the templates folder", "-i", "input", "-o", "tpl", "-t", "tpl"),
                     2);
    /* Through a link too. */
    char *link = in_ws(&w, "link-to-input");
    assert_int_equal(symlink("input", link), 0);
    assert_int_equal(GEN(&w, "is the input folder", "-i", "input", "-o", "link-to-input"), 2);
    assert_same_trees(input, snapshot);
    assert_false(exists_in(&w, "input/out"));
    free(link);
    free(input);
    free(snapshot);
    drop_workspace(&w);
}

/* A folder gen did not publish, or a note put into one it did, is never replaced. */
static void folders_gen_did_not_publish_are_never_replaced(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-foreign");
    write_in(&w, "out/2024-09/mine.txt", "a person's own file\n");
    assert_int_equal(GEN(&w, "was not published by gen", "-i", "input", "-o", "out"), 2);
    assert_file_holds(&w, "out/2024-09/mine.txt", "a person's own file\n");
    char *mine = in_ws(&w, "out/2024-09");
    test_remove_tree(mine);
    free(mine);

    assert_int_equal(GEN(&w, "published", "-i", "input", "-o", "out"), 0);
    write_in(&w, "out/2024-09/my-notes.txt", "notes\n");
    /* Up to date: nothing to replace, nothing said. */
    assert_int_equal(GEN(&w, "up to date", "-i", "input", "-o", "out"), 0);
    /* A change to publish: refused, naming the note, the folder whole. */
    assert_int_equal(GEN(&w, "holds my-notes.txt, which gen did not publish", "-i", "input", "-o",
                         "out", "--force"),
                     2);
    assert_true(exists_in(&w, "out/2024-09/my-notes.txt"));
    char *period = in_ws(&w, "out/2024-09");
    test_cmd check = {.argv = (char *const[]){"sha256sum", "--quiet", "-c", "SHA256SUMS", NULL},
                      .dir = period};
    assert_int_equal(test_run_status(&check), 0);
    free(period);
    drop_workspace(&w);
}

/* An index.html in a folder gen never published into is a person's page. */
static void an_index_gen_did_not_write_is_never_replaced(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-index");
    write_in(&w, "out/index.html", "<p>the web team's page</p>\n");
    assert_int_equal(GEN(&w, "was not written by gen", "-i", "input", "-o", "out"), 2);
    assert_file_holds(&w, "out/index.html", "<p>the web team's page</p>\n");
    assert_false(exists_in(&w, "out/2024-09"));
    drop_workspace(&w);
}

/* A correction saved while a run waits for the lock is what that run publishes, and the next
 * run, finding it up to date, is right to. */
static void a_correction_made_while_waiting_is_published(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-stale");
    write_in(&w, BAC_LIEU, HEADER "95,KCQG,01,Đề án thử,1000,100\n");
    assert_int_equal(GEN(&w, "published", "-i", "input", "-o", "out"), 0);
    char *lock_path = in_ws(&w, "out/.lock");
    int lock = open(lock_path, O_RDWR | O_CLOEXEC); /* the run must not inherit it */
    assert_true(lock >= 0);
    assert_int_equal(flock(lock, LOCK_EX), 0);
    const char *argv[] = {gen_program(), "-i", "input",         "-o", "out", "--wait",
                          "30",          "-t", templates_dir(), NULL};
    test_cmd cmd = {
        .argv = (char *const *)argv, .dir = w.root, .out = TEST_CAPTURE, .err = TEST_CAPTURE};
    test_child waiting = test_start(&cmd);
    sleep(1); /* the run has read nothing yet: it waits for the lock */
    write_in(&w, BAC_LIEU, HEADER "95,KCQG,01,Đề án thử,1000,777\n");
    close(lock);
    test_result r = test_wait(&waiting);
    if (r.status != 0)
        fail_msg("the waiting run: status %d\n%s", r.status, r.err);
    test_result_free(&r);
    char *projects = read_in(&w, "out/2024-09/data/projects.csv");
    assert_non_null(strstr(projects, "Đề án thử\",1000.000,777.000"));
    free(projects);
    /* Up to date now, and rightly: a fresh run from scratch publishes the same briefing. */
    assert_int_equal(GEN(&w, "up to date", "-i", "input", "-o", "out"), 0);
    assert_int_equal(GEN(&w, "published", "-i", "input", "-o", "fresh"), 0);
    char *a = read_in(&w, "out/2024-09/briefing.md"), *b = read_in(&w, "fresh/2024-09/briefing.md");
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(lock_path);
    drop_workspace(&w);
}

/* The annex opens, whatever a file holds or is called. */
static void assert_annex_opens(const workspace *w)
{
    char *annex = in_ws(w, "out/2024-09/annex.xlsx");
    test_cmd open_it = {.argv = (char *const[]){"/usr/bin/python3", "-c",
                                                "import sys, openpyxl\n"
                                                "wb = openpyxl.load_workbook(sys.argv[1])\n"
                                                "for ws in wb: [r for r in ws.iter_rows()]\n",
                                                annex, NULL},
                        .timeout = TEST_TIMEOUT_SLOW};
    assert_int_equal(test_run_status(&open_it), 0);
    free(annex);
}

static void characters_xml_cannot_hold_never_reach_a_document(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-xml");
    write_in(&w, BAC_LIEU, HEADER "95,KCQG,01,Đề án \xEF\xBF\xBF thử,1000,100\n");
    write_in(&w, "input/2024-09/n\xEF\xBF\xBE.csv", HEADER);
    test_result r = gen_in(&w, (const char *const[]){"-i", "input", "-o", "out", NULL});
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "KC_95_202409.csv:2:18: error: character U+FFFF"));
    assert_non_null(strstr(r.err, "ignored: the file 'nU+FFFE.csv'"));
    test_result_free(&r);
    assert_annex_opens(&w);
    drop_workspace(&w);
}

/* Invisible and direction-changing characters in a name: rejected where they stand. */
static void deceptive_names_are_rejected_with_their_position(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-bidi");
    write_in(&w, BAC_LIEU,
             HEADER "B\xE1\xBA\xA1"
                    "c\xE2\x80\xAE Li\xC3\xAA"
                    "u,KCQG,01,x,1,1\n");
    assert_int_equal(
        GEN(&w, "KC_95_202409.csv:2:4: error: character U+202E", "-i", "input", "-o", "out"), 3);
    char *briefing = read_in(&w, "out/2024-09/briefing.md");
    assert_null(strstr(briefing, "\xE2\x80\xAE"));
    free(briefing);
    drop_workspace(&w);
}

static void make_world_readable(const char *path)
{
    test_cmd chmod_it = {.argv = (char *const[]){"chmod", "-R", "a+rX", (char *)path, NULL}};
    assert_int_equal(test_run_status(&chmod_it), 0);
}

/* Run as a user who cannot read a stray file root left in the period folder: the file is not
 * read (not even to fingerprint it), the publication is made, and the next run is up to date. */
static void stray_files_another_user_cannot_read_do_not_block(void **state)
{
    (void)state;
    if (geteuid() != 0)
        skip();
    workspace w = make_workspace("trust-nobody");
    /* The program, and its Vietnamese messages where it looks for them (../build/locale). */
    char *gen_copy = in_ws(&w, "bin/gen"), *templates = in_ws(&w, "templates");
    test_make_parents(gen_copy);
    test_copy_file(gen_program(), gen_copy);
    char *program_dir = strdup(gen_program());
    assert_non_null(program_dir);
    *strrchr(program_dir, '/') = '\0';
    char *catalogue = test_pathf("%s/../build/locale/vi/LC_MESSAGES/gen.mo", program_dir);
    char *catalogue_copy = in_ws(&w, "build/locale/vi/LC_MESSAGES/gen.mo");
    test_make_parents(catalogue_copy);
    test_copy_file(catalogue, catalogue_copy);
    free(catalogue);
    free(catalogue_copy);
    free(program_dir);
    test_copy_tree(templates_dir(), templates);
    /* Under the sanitizers, LeakSanitizer reads its suppressions as nobody too: a checkout in a
     * private folder (mktemp -d) would hide them, so the child reads a copy here. */
    char *suppressions = in_ws(&w, "lsan.supp");
    test_copy_file("tests/lsan.supp", suppressions);
    char *lsan = test_pathf("LSAN_OPTIONS=suppressions=%s:print_suppressions=0", suppressions);
    char *env[] = {getenv("LSAN_OPTIONS") ? lsan : NULL, NULL};
    make_world_readable(w.root);
    assert_int_equal(chmod(w.root, 0755), 0);
    write_in(&w, "input/2024-09/notes.txt", "root's notes\n");
    write_in(&w, "input/2024-09/.~lock.KC_87_202409.csv#", "root,host,1;\n");
    char *notes = in_ws(&w, "input/2024-09/notes.txt");
    char *lockfile = in_ws(&w, "input/2024-09/.~lock.KC_87_202409.csv#");
    assert_int_equal(chmod(notes, 0600), 0);
    assert_int_equal(chmod(lockfile, 0600), 0);
    char *out = in_ws(&w, "out");
    assert_int_equal(mkdir(out, 0755), 0);
    assert_int_equal(chown(out, 65534, 65534), 0);
    const char *argv[] = {"setpriv",       "--reuid=65534",
                          "--regid=65534", "--clear-groups",
                          gen_copy,        "-i",
                          "input",         "-o",
                          "out",           "-t",
                          templates,       NULL};
    test_cmd cmd = {.argv = (char *const *)argv,
                    .dir = w.root,
                    .env = env,
                    .out = TEST_CAPTURE,
                    .err = TEST_CAPTURE};
    test_result r = test_run(&cmd);
    if (r.status != 0)
        fail_msg("as nobody: status %d\n%s", r.status, r.err);
    assert_non_null(strstr(r.err, "; published"));
    test_result_free(&r);
    r = test_run(&cmd);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "up to date"));
    test_result_free(&r);
    free(gen_copy);
    free(suppressions);
    free(lsan);
    free(templates);
    free(notes);
    free(lockfile);
    free(out);
    drop_workspace(&w);
}

/* The same inputs under two paths publish identical trees: no path of the machine inside. */
static void the_same_inputs_under_two_paths_publish_the_same_bytes(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-paths");
    write_in(&w, BAC_LIEU, HEADER "95,KCQG,01,x,1,1\n95,Atlantis,01,x,1,1\n"); /* rejected */
    char *input = in_ws(&w, "input"), *other = in_ws(&w, "elsewhere/deeper/input");
    test_make_parents(other);
    test_copy_tree(input, other);
    char *out_a = in_ws(&w, "a"), *out_b = in_ws(&w, "b");
    assert_int_equal(GEN(&w, NULL, "-i", input, "-o", out_a), 3);
    assert_int_equal(GEN(&w, NULL, "-i", "elsewhere/deeper/input", "-o", out_b), 3);
    assert_same_trees(out_a, out_b);
    char *annex = in_ws(&w, "a/2024-09/data/projects.csv");
    char *projects = test_must_read(annex, NULL);
    assert_null(strstr(projects, w.root));
    free(projects);
    free(annex);
    free(input);
    free(other);
    free(out_a);
    free(out_b);
    drop_workspace(&w);
}

static int wrong_modes; /* nftw has no context argument */

static int check_mode(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)ftw;
    if (strstr(path, "/.lock"))
        return 0;
    mode_t want = type == FTW_D ? 0755 : 0644;
    if ((st->st_mode & 07777) != want) {
        print_error("%s: mode %o, expected %o\n", path, st->st_mode & 07777, want);
        wrong_modes++;
    }
    return 0;
}

/* A web server running as another user reads everything, whatever the umask of the cron job. */
static void published_modes_do_not_follow_the_umask(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-umask");
    mode_t before = umask(027);
    int status = GEN(&w, "published", "-i", "input", "-o", "out");
    umask(before);
    assert_int_equal(status, 0);
    char *out = in_ws(&w, "out");
    wrong_modes = 0;
    assert_int_equal(nftw(out, check_mode, 16, FTW_PHYS), 0);
    assert_int_equal(wrong_modes, 0);
    free(out);
    drop_workspace(&w);
}

/* A template that is a link is read through it, and an edit of its target is published. */
static void an_edit_behind_a_template_link_is_published(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-link");
    char *templates = in_ws(&w, "tpl"), *target = in_ws(&w, "shared-briefing.md");
    test_copy_tree(templates_dir(), templates);
    char *briefing = test_join(templates, "briefing.md");
    test_copy_file(briefing, target);
    assert_int_equal(unlink(briefing), 0);
    assert_int_equal(symlink("../shared-briefing.md", briefing), 0);
    assert_int_equal(GEN(&w, "published", "-i", "input", "-o", "out", "-t", "tpl"), 0);
    assert_int_equal(GEN(&w, "up to date", "-i", "input", "-o", "out", "-t", "tpl"), 0);
    char *text = test_must_read(target, NULL);
    size_t len = strlen(text);
    static const char added[] = "\nDòng thêm của ban thư ký.\n";
    char *edited = malloc(len + sizeof added);
    assert_non_null(edited);
    memcpy(edited, text, len);
    memcpy(edited + len, added, sizeof added);
    test_write_text(target, edited);
    assert_int_equal(GEN(&w, "; published", "-i", "input", "-o", "out", "-t", "tpl"), 0);
    char *published = read_in(&w, "out/2024-09/briefing.md");
    assert_non_null(strstr(published, "Dòng thêm của ban thư ký."));
    free(published);
    free(edited);
    free(text);
    free(briefing);
    free(templates);
    free(target);
    drop_workspace(&w);
}

/* A file the run skips (a scan) is never opened, not even to fingerprint it. */
static void skipped_files_are_not_read(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-skipped");
    char *scan = in_ws(&w, "input/2024-09/scan.zip");
    int fd = open(scan, O_WRONLY | O_CREAT, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)1 << 32), 0); /* 4 GiB, sparse */
    close(fd);
    char *trace = in_ws(&w, "trace.txt");
    const char *argv[] = {
        "strace", "-f", "-qq", "-e", "trace=open,openat", "-o", trace, gen_program(), "-i",
        "input",  "-o", "out", "-t", templates_dir(),     NULL};
    /* LeakSanitizer cannot run under ptrace (make check-asan runs this with a sanitized gen). */
    char *const env[] = {"ASAN_OPTIONS=detect_leaks=0", NULL};
    test_cmd cmd = {.argv = (char *const *)argv,
                    .dir = w.root,
                    .env = env,
                    .err = TEST_DISCARD,
                    .timeout = TEST_TIMEOUT_SLOW};
    assert_int_equal(test_run_status(&cmd), 0);
    char *calls = test_must_read(trace, NULL);
    assert_non_null(strstr(calls, "KC_87_202409.csv"));
    assert_null(strstr(calls, "scan.zip"));
    free(calls);
    free(trace);
    free(scan);
    drop_workspace(&w);
}

/* Staging folders left by killed runs go with the next run that takes the lock, even when it
 * has nothing to publish. */
static void leftovers_go_with_every_run_that_locks(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-leftover");
    assert_int_equal(GEN(&w, "published", "-i", "input", "-o", "out"), 0);
    write_in(&w, "out/.2024-09.new-AbC123/briefing.md", "half a briefing\n");
    assert_int_equal(GEN(&w, "up to date", "-i", "input", "-o", "out"), 0);
    assert_false(exists_in(&w, "out/.2024-09.new-AbC123"));
    drop_workspace(&w);
}

/* A publication that lost a file is not up to date: the next run publishes it whole again. */
static void a_damaged_publication_is_published_again(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-damaged");
    assert_int_equal(GEN(&w, "published", "-i", "input", "-o", "out"), 0);
    char *annex = in_ws(&w, "out/2024-09/annex.xlsx");
    assert_int_equal(unlink(annex), 0);
    assert_int_equal(GEN(&w, "; published", "-i", "input", "-o", "out"), 0);
    assert_true(test_exists(annex));
    write_in(&w, "out/2024-09/briefing.md", "tampered\n");
    assert_int_equal(GEN(&w, "; published", "-i", "input", "-o", "out"), 0);
    char *index = read_in(&w, "out/index.html");
    assert_null(strstr(index, ">0 byte"));
    free(index);
    free(annex);
    drop_workspace(&w);
}

/* A rate of a huge amount over a tiny plan is printed exactly, not wrapped around. */
static void huge_rates_are_exact(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-rate");
    static const char first[] = HEADER "95,KCQG,01,a,\"0.001\",0\n",
                      line[] = "95,KCQG,01,b,0,\"1,000,000,000\"\n";
    char *big = malloc(sizeof first + 1000 * (sizeof line - 1));
    assert_non_null(big);
    memcpy(big, first, sizeof first - 1);
    char *end = big + sizeof first - 1;
    for (int i = 0; i < 1000; i++, end += sizeof line - 1)
        memcpy(end, line, sizeof line - 1);
    *end = '\0';
    write_in(&w, BAC_LIEU, big);
    free(big);
    assert_int_equal(GEN(&w, "published", "-i", "input", "-o", "out"), 0);
    char *provinces = read_in(&w, "out/2024-09/data/provinces.csv");
    /* 10^15 thousand đồng executed of 1 thousand planned: 10^17 %. */
    assert_non_null(strstr(provinces, ",100000000000000000.00"));
    assert_null(strstr(provinces, ",-"));
    free(provinces);
    drop_workspace(&w);
}

/* Standard error that cannot be written does not turn a publication into "nothing written". */
static void a_full_standard_error_does_not_unpublish(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-full");
    write_in(&w, "input/2024-09/notes.txt", "a warning to print\n");
    const char *argv[] = {gen_program(), "-i", "input", "-o", "out", "-t", templates_dir(), NULL};
    test_cmd cmd = {
        .argv = (char *const *)argv, .dir = w.root, .err = TEST_FILE, .err_path = "/dev/full"};
    assert_int_equal(test_run_status(&cmd), 0);
    assert_true(exists_in(&w, "out/2024-09/briefing.md"));
    drop_workspace(&w);
}

/* A newer period folder with nothing in it is named in the message, and the nightly run still
 * publishes the periods that have submissions. */
static void an_empty_period_is_named(void **state)
{
    (void)state;
    workspace w = make_workspace("trust-empty");
    char *empty = in_ws(&w, "input/2026-09");
    assert_int_equal(mkdir(empty, 0755), 0);
    test_result r = gen_in(&w, (const char *const[]){"-i", "input", "-o", "out", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "2026-09: error: no valid submission in the period folder"));
    assert_non_null(strstr(r.err, "2025-09: 8 of 8 provinces valid; published"));
    test_result_free(&r);
    assert_true(exists_in(&w, "out/2025-09/briefing.md"));
    assert_false(exists_in(&w, "out/2026-09"));
    free(empty);
    drop_workspace(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(out_folder_may_not_overlap_input_or_templates),
        cmocka_unit_test(folders_gen_did_not_publish_are_never_replaced),
        cmocka_unit_test(an_index_gen_did_not_write_is_never_replaced),
        cmocka_unit_test(a_correction_made_while_waiting_is_published),
        cmocka_unit_test(characters_xml_cannot_hold_never_reach_a_document),
        cmocka_unit_test(deceptive_names_are_rejected_with_their_position),
        cmocka_unit_test(stray_files_another_user_cannot_read_do_not_block),
        cmocka_unit_test(the_same_inputs_under_two_paths_publish_the_same_bytes),
        cmocka_unit_test(published_modes_do_not_follow_the_umask),
        cmocka_unit_test(an_edit_behind_a_template_link_is_published),
        cmocka_unit_test(skipped_files_are_not_read),
        cmocka_unit_test(leftovers_go_with_every_run_that_locks),
        cmocka_unit_test(a_damaged_publication_is_published_again),
        cmocka_unit_test(huge_rates_are_exact),
        cmocka_unit_test(a_full_standard_error_does_not_unpublish),
        cmocka_unit_test(an_empty_period_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
