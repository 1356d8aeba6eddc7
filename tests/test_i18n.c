/* test_i18n.c - messages in two languages (gen/i18n.h, po/vi.po).
 *
 *   - the language of standard error from LANGUAGE, LC_ALL, LC_MESSAGES, LANG (i18n_choose);
 *   - the catalogue: every msgid the sources hold (xgettext, through `make pot`) is translated in
 *     po/vi.po, none fuzzy, and msgfmt --check accepts it;
 *   - gen itself on a copy of input/ with a rejected file (a number written 2675.5 in a
 *     ';'-separated file) under LANGUAGE=vi, LANG=vi_VN.UTF-8 (a locale this machine need not
 *     have), LC_ALL=C.UTF-8 and nothing set: standard error is Vietnamese in the first two,
 *     English in the others, with the same FILE:LINE:COLUMN: error: prefix; the briefing and the
 *     annex quote the Vietnamese message, and no English message text, in all four.
 *
 * Environment: GEN (default gen/gen); run from the top of the checkout. */
#include <errno.h>

#include "support.h"

#include "buf.h"
#include "diag.h"
#include "i18n.h"

#define CATALOGUE "build/locale/vi/LC_MESSAGES/gen.mo"
#define VI_NUMBER "không đúng cách ghi số"
#define EN_NUMBER "is not a number in this ';'-separated file"

/* Words of the English messages that a Vietnamese document must not hold. */
static const char *const english[] = {
    "is not a number",       "expected", "-separated", "million VND",
    "one file per province", "unknown ", "rejected",   "ignored"};

static void choose_language(void **state)
{
    (void)state;
    assert_int_equal(i18n_choose("vi", NULL, NULL, NULL), I18N_VI);
    assert_int_equal(i18n_choose(NULL, NULL, NULL, "vi_VN.UTF-8"), I18N_VI);
    assert_int_equal(i18n_choose(NULL, "vi_VN", "en_US.UTF-8", "en_US.UTF-8"), I18N_VI);
    assert_int_equal(i18n_choose(NULL, NULL, "vi_VN.UTF-8", "C.UTF-8"), I18N_VI);
    assert_int_equal(i18n_choose("fr:vi", "C.UTF-8", NULL, NULL), I18N_VI);
    assert_int_equal(i18n_choose("vi", "C", NULL, NULL), I18N_VI); /* LANGUAGE first */
    assert_int_equal(i18n_choose("en_GB:vi", NULL, NULL, "vi_VN.UTF-8"), I18N_EN);
    assert_int_equal(i18n_choose("", "C.UTF-8", NULL, "vi_VN.UTF-8"), I18N_EN);
    assert_int_equal(i18n_choose(NULL, "", "", "vi_VN.UTF-8"), I18N_VI);
    assert_int_equal(i18n_choose(NULL, NULL, NULL, NULL), I18N_EN);
    assert_int_equal(i18n_choose(NULL, NULL, NULL, "en_US.UTF-8"), I18N_EN);
    assert_int_equal(i18n_choose(NULL, NULL, NULL, "vie"), I18N_EN);
    assert_int_equal(i18n_choose("fr", NULL, NULL, "vi_VN.UTF-8"), I18N_EN);
}

/* A diagnostic is kept in both languages: English from the source, Vietnamese from the
 * catalogue, fragments (the column's name, what to write) translated with the sentence. */
static void diagnostic_in_both_languages(void **state)
{
    (void)state;
    assert_int_equal(i18n_init(CATALOGUE), 0);
    diag_list list = DIAG_LIST_INIT;
    diag_add(&list, DIAG_ERROR, "x.csv", 2, 180,
             "%s %s is not a number in this %s file; expected %s", F_("plan"), "'2675.5'",
             F_("';'-separated"),
             F_("million VND such as 2.675,5 ('.' groups thousands, ',' marks decimals)"));
    const diag *d = &list.items[0];
    assert_string_equal(d->message, "plan '2675.5' is not a number in this ';'-separated file; "
                                    "expected million VND such as 2.675,5 ('.' groups thousands, "
                                    "',' marks decimals)");
    assert_non_null(strstr(d->message_vi, "giá trị '2675.5' ở cột Kế hoạch " VI_NUMBER));
    assert_non_null(strstr(d->message_vi, "2.675,5"));
    assert_null(strchr(d->message_vi, '\x1F'));
    /* Standard error: the prefix in English words in both languages, the message in its own. */
    buf line = BUF_INIT;
    i18n_set_stderr_lang(I18N_VI);
    diag_format(&line, d);
    assert_non_null(strstr(line.data, "x.csv:2:180: error: giá trị '2675.5'"));
    buf_clear(&line);
    i18n_set_stderr_lang(I18N_EN);
    diag_format(&line, d);
    assert_non_null(strstr(line.data, "x.csv:2:180: error: plan '2675.5'"));
    buf_free(&line);
    /* A system error is translated too. */
    diag_add(&list, DIAG_ERROR, "y.csv", 0, 0, "cannot read the file: %s", i18n_strerror(EACCES));
    assert_string_equal(list.items[1].message, "cannot read the file: Permission denied");
    assert_null(strstr(list.items[1].message_vi, "Permission"));
    diag_list_free(&list);
    i18n_release();
    /* Without a catalogue, both are the English text. */
    diag_add(&list, DIAG_WARNING, NULL, 0, 0, "blank row ignored");
    assert_string_equal(list.items[0].message_vi, "blank row ignored");
    diag_list_free(&list);
}

/* Runs a tool from the top of the checkout; fails the test naming it when it does not exit 0.
 * Returns its captured standard error (caller frees). */
static char *tool(char *const *argv)
{
    test_result r = test_run(&(test_cmd){.argv = argv, .err = TEST_CAPTURE});
    if (r.status != 0)
        fail_msg("%s exited %d:\n%s", argv[0], r.status, r.err);
    free(r.out);
    return r.err;
}

/* Every message of the sources is in the catalogue, translated and not fuzzy. */
static void catalogue_complete(void **state)
{
    (void)state;
    char *dir = test_temp_dir("i18n-pot");
    char *pot = test_join(dir, "gen.pot"), *pot_arg = test_pathf("POT=%s", pot);
    free(tool((char *[]){"make", "-s", "--no-print-directory", "pot", pot_arg, NULL}));
    free(tool((char *[]){"msgcmp", "po/vi.po", pot, NULL}));
    char *stats =
        tool((char *[]){"msgfmt", "--check", "--statistics", "-o", "/dev/null", "po/vi.po", NULL});
    if (strstr(stats, "untranslated") || strstr(stats, "fuzzy") ||
        !strstr(stats, "translated message"))
        fail_msg("po/vi.po is not completely translated: %s", stats);
    free(stats);
    free(pot);
    free(pot_arg);
    test_remove_tree(dir);
    free(dir);
}

/* Runs gen with the environment `setting` (NULL: none) on `input`, publishing into `out`;
 * returns its exit status, standard error in `err`. */
static int run_gen(const char *setting, const char *input, const char *out, const char *err)
{
    char *argv[] = {(char *)test_gen(), "-i", (char *)input, "-o", (char *)out,
                    "-t",               "templates", NULL};
    char *env[4] = {"PATH=/usr/local/bin:/usr/bin:/bin", "TZ=UTC", NULL, NULL};
    env[2] = (char *)setting;
    return test_run_status(&(test_cmd){.argv = argv,
                                       .env = env,
                                       .clean_env = true,
                                       .out = TEST_DISCARD,
                                       .err = TEST_FILE,
                                       .err_path = err});
}

static char *read_text(const char *path)
{
    size_t len;
    char *s = test_read_file(path, &len);
    if (!s)
        fail_msg("cannot read %s", path);
    return s;
}

/* The text of every sheet of the annex (inline strings) and of its shared strings. */
static char *annex_text(const char *xlsx)
{
    test_result r = test_run(&(test_cmd){
        .argv = (char *[]){"unzip", "-p", (char *)xlsx, "xl/worksheets/*.xml",
                           "xl/sharedStrings.xml", NULL},
        .out = TEST_CAPTURE,
        .err = TEST_DISCARD});
    /* 11: one of the names matched nothing (an annex of inline strings has no shared ones). */
    if ((r.status != 0 && r.status != 11) || r.out_len == 0)
        fail_msg("unzip -p %s: exit %d, %zu bytes", xlsx, r.status, r.out_len);
    free(r.err);
    return r.out;
}

static void assert_vietnamese_document(const char *what, const char *text)
{
    if (!strstr(text, VI_NUMBER) || !strstr(text, "Kế hoạch"))
        fail_msg("%s: no Vietnamese message", what);
    for (size_t i = 0; i < sizeof english / sizeof *english; i++)
        if (strstr(text, english[i]))
            fail_msg("%s holds English message text: '%s'", what, english[i]);
}

/* The "FILE:LINE:COLUMN: error: " of the line about the rejected file. */
static void prefix_of(const char *stderr_text, char *prefix, size_t size)
{
    const char *line = strstr(stderr_text, "KC_60_202409.csv:");
    assert_non_null(line);
    while (line > stderr_text && line[-1] != '\n')
        line--;
    const char *end = strstr(line, " error: ");
    assert_non_null(end);
    snprintf(prefix, size, "%.*s", (int)(end - line + 8), line);
}

static void gen_in_four_environments(void **state)
{
    (void)state;
    char *dir = test_temp_dir("i18n");
    char input[600], file[700];
    test_path_in(input, sizeof input, "%s/input", dir);
    test_demo_input(input);
    /* Bình Thuận's file, semicolon-separated, with a plan written the English way. */
    snprintf(file, sizeof file, "%s/2024-09/KC_60_202409.csv", input);
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("Tỉnh;Nguồn kinh phí;Nội dung;Tên đề án;Kế hoạch;Thực hiện\n"
          "Bình Thuận;KCQG;01;Đào tạo nghề;2675.5;100\n",
          f);
    fclose(f);
    static const struct {
        const char *setting;
        bool vietnamese;
    } runs[] = {{"LANGUAGE=vi", true},
                {"LANG=vi_VN.UTF-8", true},
                {"LC_ALL=C.UTF-8", false},
                {NULL, false}};
    char first_prefix[512] = "";
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        const char *name = runs[i].setting ? runs[i].setting : "(nothing set)";
        char out[700], err[700], path[800];
        snprintf(out, sizeof out, "%s/out%zu", dir, i);
        snprintf(err, sizeof err, "%s/stderr%zu", dir, i);
        int status = run_gen(runs[i].setting, input, out, err);
        char *text = read_text(err);
        if (status != 3)
            fail_msg("%s: exit %d, expected 3:\n%s", name, status, text);
        bool vi = strstr(text, VI_NUMBER) != NULL, en = strstr(text, EN_NUMBER) != NULL;
        if (vi != runs[i].vietnamese || en == runs[i].vietnamese)
            fail_msg("%s: standard error in the wrong language:\n%s", name, text);
        assert_non_null(strstr(text, runs[i].vietnamese ? "19/20 tỉnh, thành phố"
                                                        : "19 of 20 provinces valid"));
        char prefix[512];
        prefix_of(text, prefix, sizeof prefix);
        if (!first_prefix[0])
            snprintf(first_prefix, sizeof first_prefix, "%s", prefix);
        assert_string_equal(prefix, first_prefix);
        assert_non_null(strstr(prefix, "/2024-09/KC_60_202409.csv:2:"));
        free(text);
        snprintf(path, sizeof path, "%s/2024-09/briefing.md", out);
        text = read_text(path);
        assert_vietnamese_document(path, text);
        free(text);
        snprintf(path, sizeof path, "%s/2024-09/annex.xlsx", out);
        text = annex_text(path);
        assert_vietnamese_document(path, text);
        free(text);
    }
    test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(choose_language),
        cmocka_unit_test(diagnostic_in_both_languages),
        cmocka_unit_test(catalogue_complete),
        cmocka_unit_test(gen_in_four_environments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
