/* period.h - all submissions of one period (the CSV files of input/YYYY-MM), and which roster
 * province each one stands for.
 *
 * A province is valid when exactly one file names it and that file has no error; rejected
 * when its file has errors or two files name it (both are then in error); missing when no
 * file names it. */
#ifndef GEN_PERIOD_H
#define GEN_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "catalog.h"
#include "diag.h"
#include "submission.h"

typedef enum province_state { PROVINCE_MISSING, PROVINCE_VALID, PROVINCE_REJECTED } province_state;

typedef struct period {
    char name[8];          /* "2024-09" */
    const char *input_dir; /* as given (not owned): what paths in diagnostics begin with */
    int year;
    int month; /* the last month covered: 9 for "9 tháng", 12 for the whole year */
    submission **files;
    size_t n_files;
    province_state *state;       /* roster-indexed */
    const submission **accepted; /* roster-indexed: the valid submission, or NULL */
    /* Files-indexed: the roster province each file stands for: the one its rows name, else,
     * for a file that cannot be read or whose rows name none, the one its file name names
     * (period_province_named_by); -1 when neither tells. Such a province is received, not
     * missing: its state is PROVINCE_REJECTED unless another file of it is valid. */
    int *file_province;
    size_t n_valid;
    size_t n_roster;
    const catalog *roster; /* the roster the period was read with (its view on the last day) */
    catalog *own_roster;   /* that view, when period_read made it from a roster over time */
} period;

/* How the outputs name a period: "9 tháng năm 2024" for (2024, 9), "năm 2024" for a whole
 * year, "tháng 1 năm 2024". */
void period_label(buf *out, int year, int month);

/* How the outputs name a province's state: "đã nộp", "chưa nộp", "đã nhận, chưa tổng hợp
 * được" (received, not counted). */
const char *province_state_label(province_state s);

/* True when `s` is a period name YYYY-MM (month 01-12); fills year and month. */
bool period_parse_name(const char *s, int *year, int *month);

/* The name of the same period one year earlier, whose folder the comparisons read: "2023-09"
 * for "2024-09". */
void period_previous_name(const period *p, char out[8]);

/* The latest period folder in `input_dir` into `name`. Returns 0, or -1 after an error. */
int period_find_latest(const char *input_dir, char name[8], diag_list *diags);

/* The names of every period folder in `input_dir`, oldest first, `*count` of them (free with
 * path_list_free, path.h). NULL after an error when the folder cannot be read. */
char **period_list_all(const char *input_dir, size_t *count, diag_list *diags);

/* The last day of the period (day.h): 30/9/2024 for 2024-09. Codes and names of the roster
 * are resolved on this day. */
int32_t period_last_day(const period *p);

/* True when the folder of period `name` exists in `input_dir`. */
bool period_exists(const char *input_dir, const char *name);

/* Reads every submission of period `name`. Returns 0, or -1 after an error when the folder
 * cannot be read. Free with period_free either way. `roster` is the roster as it is on the
 * period's last day (roster.h: roster_on_day); given a whole roster over time, the period
 * makes that view itself (p->roster). */
int period_read(period *p, const char *input_dir, const char *name, const catalog *roster,
                const catalog *contents, diag_list *diags);
/* period_read keeping of each submission what `keep` says: SUBMISSION_KEEP_SUMS for the year
 * before, whose lines are only ever summed. */
int period_read_keeping(period *p, const char *input_dir, const char *name, const catalog *roster,
                        const catalog *contents, submission_keep keep, diag_list *diags);
void period_free(period *p);

/* The roster province a file name names, or -1: exactly one province named by its code as a
 * number on its own (a run of digits between non-digits: "84-tra-vinh.csv", "KC_95_202409.csv"
 * name 84 and 95; "202409" is no code) or by its name or an alias, folded as names are and
 * matched on whole words ("bao-cao-khuyen-cong-ca-mau-9thang-2024.csv", "BaRiaVungTau_9T2024.csv").
 * Two provinces named: -1. */
int period_province_named_by(const char *file_name, const catalog *roster);

/* True when every roster province is valid and no file is left over (rejected, or naming no
 * province): what --strict asks for, and the exit status 0. */
bool period_complete(const period *p);

/* One line for people: "2024-09: 18 of 20 provinces valid; missing: Cà Mau; rejected: Long An
 * (input/2024-09/long-an.csv, 3 errors)". */
void period_describe(const period *p, const catalog *roster, buf *out);

#endif
