/* Unit tests for period.c: names and labels of periods, finding the latest, and the state of
 * each province after reading a period folder (valid, rejected, duplicate, missing). Each test
 * that reads writes a small input folder under /tmp, against the shipped roster and catalogue
 * (input/roster.csv, input/contents.csv). */
#include "support.h"

#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "period.h"

typedef struct fixture {
    catalog roster;
    catalog contents;
    diag_list diags;
    char dir[64]; /* the temporary input folder */
    period p;
    bool has_period;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    diag_list d = DIAG_LIST_INIT;
    assert_int_equal(catalog_load(&f->roster, "input/roster.csv", CATALOG_ROSTER, &d), 0);
    assert_int_equal(catalog_load(&f->contents, "input/contents.csv", CATALOG_CONTENTS, &d), 0);
    diag_list_free(&d);
    snprintf(f->dir, sizeof f->dir, "/tmp/gen-test-period-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->has_period)
        period_free(&f->p);
    diag_list_free(&f->diags);
    catalog_free(&f->roster);
    catalog_free(&f->contents);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    assert_int_equal(system(command), 0);
    free(f);
    return 0;
}

/* Makes the folder DIR/NAME. */
static void put_folder(fixture *f, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    assert_int_equal(mkdir(path, 0777), 0);
}

/* Writes `text` to DIR/NAME. */
static void put_file(fixture *f, const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", f->dir, name);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    fputs(text, out);
    assert_int_equal(fclose(out), 0);
}

static int province(const fixture *f, const char *code)
{
    int p = catalog_find(&f->roster, code, strlen(code));
    assert_true(p >= 0);
    return p;
}

/* Asserts that some diagnostic has the given severity and mentions both parts. */
static void expect_diag(const fixture *f, diag_severity severity, const char *part,
                        const char *other)
{
    for (size_t i = 0; i < f->diags.count; i++) {
        const diag *d = &f->diags.items[i];
        if (d->severity == severity && strstr(d->message, part) &&
            (!other || (d->file && strstr(d->file, other)) || strstr(d->message, other)))
            return;
    }
    fail_msg("no %s mentioning '%s' and '%s' among %zu diagnostics",
             severity == DIAG_ERROR ? "error" : "warning", part, other ? other : "",
             f->diags.count);
}

#define HEADER "province,source,content,project,plan,executed\n"

static void expect_label(int year, int month, const char *expected)
{
    buf b = BUF_INIT;
    period_label(&b, year, month);
    assert_string_equal(b.data, expected);
    buf_free(&b);
}

static void test_labels(void **state)
{
    (void)state;
    expect_label(2024, 9, "9 tháng năm 2024");
    expect_label(2024, 6, "6 tháng năm 2024");
    expect_label(2024, 12, "năm 2024");
    expect_label(2024, 1, "tháng 1 năm 2024");
    assert_string_equal(province_state_label(PROVINCE_VALID), "đã nộp");
    assert_string_equal(province_state_label(PROVINCE_MISSING), "chưa nộp");
    assert_string_equal(province_state_label(PROVINCE_REJECTED), "đã nhận, chưa tổng hợp được");
}

static void test_parse_name(void **state)
{
    (void)state;
    int year = 0, month = 0;
    assert_true(period_parse_name("2024-09", &year, &month));
    assert_int_equal(year, 2024);
    assert_int_equal(month, 9);
    assert_true(period_parse_name("1900-12", &year, &month));
    assert_int_equal(year, 1900);
    assert_int_equal(month, 12);
    static const char *const bad[] = {"2024-00", "2024-13", "1899-09",  "2024-9",
                                      "2024/09", "24-09",   "2024-09x", "abcd-ef",
                                      "2024--9", "",        " 2024-09", "2024-0a"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        year = month = -1;
        if (period_parse_name(bad[i], &year, &month))
            fail_msg("'%s' parsed as a period name", bad[i]);
        assert_int_equal(year, -1); /* left alone */
        assert_int_equal(month, -1);
    }
}

static void test_previous_name(void **state)
{
    (void)state;
    period p = {.year = 2024, .month = 9};
    char name[8] = "xxxxxxx";
    period_previous_name(&p, name);
    assert_string_equal(name, "2023-09");
    p = (period){.year = 2000, .month = 1};
    period_previous_name(&p, name);
    assert_string_equal(name, "1999-01");
    p = (period){.year = 1900, .month = 12};
    period_previous_name(&p, name);
    assert_string_equal(name, "1899-12");
}

static void test_complete(void **state)
{
    (void)state;
    period p = {.n_roster = 20, .n_valid = 20, .n_files = 20};
    assert_true(period_complete(&p));
    p.n_valid = 19; /* one missing */
    p.n_files = 19;
    assert_false(period_complete(&p));
    p.n_files = 20; /* or rejected */
    assert_false(period_complete(&p));
    p.n_valid = 20; /* every province valid, but a file left over */
    p.n_files = 21;
    assert_false(period_complete(&p));
}

static void test_find_latest_and_exists(void **state)
{
    fixture *f = *state;
    char name[8] = "";
    assert_int_equal(period_find_latest(f->dir, name, &f->diags), -1);
    expect_diag(f, DIAG_ERROR, "no period folder", NULL);
    put_folder(f, "2023-09");
    put_folder(f, "2024-06");
    put_folder(f, "2024-13");               /* not a period */
    put_folder(f, "2025-x1");               /* not a period */
    put_file(f, "2025-01", "not a folder"); /* a file named like a period */
    assert_int_equal(period_find_latest(f->dir, name, &f->diags), 0);
    assert_string_equal(name, "2024-06");
    put_folder(f, "2024-09");
    assert_int_equal(period_find_latest(f->dir, name, &f->diags), 0);
    assert_string_equal(name, "2024-09");
    assert_true(period_exists(f->dir, "2023-09"));
    assert_false(period_exists(f->dir, "2022-09"));
    assert_false(period_exists(f->dir, "2025-01"));
    char missing[128];
    snprintf(missing, sizeof missing, "%s/nowhere", f->dir);
    assert_int_equal(period_find_latest(missing, name, &f->diags), -1);
    expect_diag(f, DIAG_ERROR, "cannot open the input folder", NULL);
}

/* A valid file, a rejected one, two files for one province, files that are skipped, and the
 * rest of the roster missing. */
static void test_states_after_reading(void **state)
{
    fixture *f = *state;
    put_folder(f, "2024-09");
    put_file(f, "2024-09/a-valid.csv", HEADER "74,KCQG,01,x,100,50\n");
    put_file(f, "2024-09/b-rejected.csv", HEADER "79,KCQG,01,x,lots,50\n");
    put_file(f, "2024-09/c-twice.csv", HEADER "80,KCQG,01,x,100,50\n");
    put_file(f, "2024-09/d-twice.csv", HEADER "80,KCQG,01,y,100,50\n");
    put_file(f, "2024-09/e-nobody.csv", HEADER "99,KCQG,01,x,100,50\n");
    put_file(f, "2024-09/~$lock.csv", "");
    put_file(f, "2024-09/.hidden.csv", "");
    put_file(f, "2024-09/backup.csv~", "");
    put_file(f, "2024-09/workbook.xlsx", "");
    put_file(f, "2024-09/notes.txt", "");
    put_folder(f, "2024-09/sub");
    assert_int_equal(period_read(&f->p, f->dir, "2024-09", &f->roster, &f->contents, &f->diags), 0);
    f->has_period = true;
    const period *p = &f->p;
    assert_string_equal(p->name, "2024-09");
    assert_int_equal(p->year, 2024);
    assert_int_equal(p->month, 9);
    assert_int_equal(p->n_files, 5); /* the .csv files, in name order */
    assert_non_null(strstr(p->files[0]->path, "a-valid.csv"));
    assert_non_null(strstr(p->files[4]->path, "e-nobody.csv"));
    assert_int_equal(p->n_roster, p->roster->count);
    assert_int_equal(p->n_valid, 1);
    int p74 = province(f, "74"), p79 = province(f, "79"), p80 = province(f, "80");
    assert_int_equal(p->state[p74], PROVINCE_VALID);
    assert_ptr_equal(p->accepted[p74], p->files[0]);
    assert_int_equal(p->state[p79], PROVINCE_REJECTED);
    assert_null(p->accepted[p79]);
    assert_int_equal(p->state[p80], PROVINCE_REJECTED); /* both files are in error */
    assert_null(p->accepted[p80]);
    assert_true(p->files[2]->rejected);
    assert_true(p->files[3]->rejected);
    assert_true(p->files[4]->rejected);
    assert_int_equal(p->files[4]->province, -1);
    assert_int_equal(p->state[province(f, "60")], PROVINCE_MISSING);
    assert_false(period_complete(p));
    expect_diag(f, DIAG_ERROR, "a second file for Long An", "c-twice.csv");
    expect_diag(f, DIAG_ERROR, "a second file for Long An", "d-twice.csv");
    expect_diag(f, DIAG_WARNING, "lock file", "~$lock.csv");
    expect_diag(f, DIAG_WARNING, "hidden file", ".hidden.csv");
    expect_diag(f, DIAG_WARNING, "backup copy", "backup.csv~");
    expect_diag(f, DIAG_WARNING, "a workbook", "workbook.xlsx");
    expect_diag(f, DIAG_WARNING, "not a .csv file", "notes.txt");
    expect_diag(f, DIAG_WARNING, "a folder", "sub");
    buf line = BUF_INIT;
    period_describe(p, &f->roster, &line);
    assert_non_null(strstr(line.data, "2024-09: 1 of 20 provinces valid; missing: Bình Thuận, "));
    assert_non_null(strstr(line.data, "; rejected: Thành phố Hồ Chí Minh ("));
    assert_non_null(strstr(line.data, "b-rejected.csv, 1 error), Long An ("));
    assert_non_null(strstr(line.data, "unknown province ("));
    buf_free(&line);
}

static void test_whole_period_is_complete(void **state)
{
    fixture *f = *state;
    put_folder(f, "2024-09");
    char name[64], text[128];
    for (size_t i = 0; i < f->roster.count; i++) {
        snprintf(name, sizeof name, "2024-09/%s.csv", f->roster.entries[i].code);
        snprintf(text, sizeof text, HEADER "%s,KCQG,01,x,100,50\n", f->roster.entries[i].code);
        put_file(f, name, text);
    }
    assert_int_equal(period_read_keeping(&f->p, f->dir, "2024-09", &f->roster, &f->contents,
                                         SUBMISSION_KEEP_SUMS, &f->diags),
                     0);
    f->has_period = true;
    assert_int_equal(f->p.n_valid, f->p.roster->count);
    assert_true(period_complete(&f->p));
    assert_int_equal(f->diags.count, 0);
    buf line = BUF_INIT;
    period_describe(&f->p, &f->roster, &line);
    assert_string_equal(line.data, "2024-09: 20 of 20 provinces valid");
    buf_free(&line);
}

static void test_unreadable_period_folder(void **state)
{
    fixture *f = *state;
    assert_int_equal(period_read(&f->p, f->dir, "2024-09", &f->roster, &f->contents, &f->diags),
                     -1);
    f->has_period = true; /* freed either way */
    expect_diag(f, DIAG_ERROR, "cannot open the period folder", NULL);
}


/* A file that cannot be read, or whose rows name no province, stands for the one province its
 * name names (period.h): received, not missing; a valid file of that province still counts;
 * two provinces named, or none, name nobody. */
static void test_files_attributed_by_name(void **state)
{
    fixture *f = *state;
    put_folder(f, "2024-09");
    put_file(f, "2024-09/84-tra-vinh.csv", "");
    put_file(f, "2024-09/bao-cao-khuyen-cong-ca-mau-9thang-2024.csv", "no delimiter here\n");
    put_file(f, "2024-09/KC_95_202409.csv", "\x01");
    put_file(f, "2024-09/Bac Lieu - ban sua.csv", HEADER "95,KCQG,01,x,100,50\n");
    put_file(f, "2024-09/an-giang-va-kien-giang.csv", "");
    put_file(f, "2024-09/KC_202409.csv", "");
    put_file(f, "2024-09/SCT Tiền Giang.csv", HEADER "99,KCQG,01,x,100,50\n");
    assert_int_equal(period_read(&f->p, f->dir, "2024-09", &f->roster, &f->contents, &f->diags), 0);
    f->has_period = true;
    const period *p = &f->p;
    const catalog *r = p->roster;
    int p84 = catalog_find(r, "84", 2), p96 = catalog_find(r, "96", 2),
        p95 = catalog_find(r, "95", 2), p82 = catalog_find(r, "82", 2);
    assert_int_equal(p->state[p84], PROVINCE_REJECTED);
    assert_int_equal(p->state[p96], PROVINCE_REJECTED);
    assert_int_equal(p->state[p82], PROVINCE_REJECTED); /* its rows name no province of 2024 */
    /* Bạc Liêu's unreadable file does not spoil its valid one. */
    assert_int_equal(p->state[p95], PROVINCE_VALID);
    assert_int_equal(p->n_valid, 1);
    for (size_t i = 0; i < p->n_files; i++) {
        const char *base = strrchr(p->files[i]->path, '/') + 1;
        int expected = strcmp(base, "84-tra-vinh.csv") == 0                            ? p84
                       : strcmp(base, "bao-cao-khuyen-cong-ca-mau-9thang-2024.csv") == 0 ? p96
                       : strncmp(base, "KC_95", 5) == 0 || strncmp(base, "Bac", 3) == 0   ? p95
                       : strncmp(base, "SCT", 3) == 0                                    ? p82
                                                                                         : -1;
        if (p->file_province[i] != expected)
            fail_msg("%s stands for %d, not %d", base, p->file_province[i], expected);
    }
    buf line = BUF_INIT;
    period_describe(p, &f->roster, &line);
    assert_non_null(strstr(line.data, "Trà Vinh ("));
    assert_non_null(strstr(line.data, "Cà Mau ("));
    assert_null(strstr(line.data, "missing: Trà Vinh"));
    buf_free(&line);
}

/* Every file name of the demo names its province; numbers that are no code name nothing. */
static void test_names_of_the_demo(void **state)
{
    fixture *f = *state;
    put_folder(f, "2024-09");
    assert_int_equal(period_read(&f->p, f->dir, "2024-09", &f->roster, &f->contents, &f->diags), 0);
    f->has_period = true;
    const catalog *r = f->p.roster;
    static const char *const names[][2] = {
        {"75-dong-nai.csv", "75"},
        {"84-tra-vinh.csv", "84"},
        {"BEN_TRE_KHUYENCONG_2024.csv", "83"},
        {"BaRiaVungTau_9T2024.csv", "77"},
        {"CAN_THO_KHUYENCONG_2024.csv", "92"},
        {"KC_60_202409.csv", "60"},
        {"KC_95_202409.csv", "95"},
        {"SCT Kiên Giang - KC 9T2024.csv", "91"},
        {"SCT Tiền Giang - KC 9T2024.csv", "82"},
        {"SCT Tây Ninh - KC 9T2024.csv", "72"},
        {"SocTrang_9T2024.csv", "94"},
        {"VinhLong_9T2024.csv", "86"},
        {"bao-cao-khuyen-cong-an-giang-9thang-2024.csv", "89"},
        {"bao-cao-khuyen-cong-ca-mau-9thang-2024.csv", "96"},
        {"bao-cao-khuyen-cong-long-an-9thang-2024.csv", "80"},
        {"KC_202409.csv", NULL},
        {"bao-cao-2024.csv", NULL},
        {"84-96.csv", NULL},            /* two provinces */
        {"tra-vinh-ca-mau.csv", NULL},  /* two provinces */
        {"travinhx.csv", NULL},         /* not a whole word */
        {"084.csv", "84"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int expected = names[i][1] ? catalog_find(r, names[i][1], 2) : -1;
        int got = period_province_named_by(names[i][0], r);
        if (got != expected)
            fail_msg("%s names %d, not %d", names[i][0], got, expected);
    }
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_labels),
        T(test_parse_name),
        T(test_previous_name),
        T(test_complete),
        T(test_find_latest_and_exists),
        T(test_states_after_reading),
        T(test_whole_period_is_complete),
        T(test_unreadable_period_folder),
        T(test_files_attributed_by_name),
        T(test_names_of_the_demo),
    };
    return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
