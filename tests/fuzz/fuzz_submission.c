/* fuzz_submission.c - libFuzzer target: the bytes of a whole submission file in, project lines
 * and diagnostics out (text decoding, Windows-1258 fallback, delimiter detection, CSV reading
 * under limits, header mapping, name matching, number reading, validation).
 *
 * The roster and catalogue are the shipped ones, read once from $FUZZ_INPUT (default input/).
 * The limits are set low so that inputs of a few kilobytes reach the field, column and row
 * bounds too. Beyond "no crash, no leak, no undefined behaviour" it checks what the rest of the
 * program relies on: an accepted file has lines with amounts in range, non-empty NFC titles,
 * one province; a rejected one has no lines, a first error and an error on the list. */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "csvfile.h"
#include "fold.h"
#include "number.h"
#include "submission.h"

static catalog roster, contents;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load(catalog *c, const char *dir, const char *name, catalog_kind kind)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    diag_list diags = DIAG_LIST_INIT;
    if (catalog_load(c, path, kind, &diags) != 0) {
        fprintf(stderr, "fuzz_submission: cannot load %s\n", path);
        exit(1);
    }
    diag_list_free(&diags);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = getenv("FUZZ_INPUT") ? getenv("FUZZ_INPUT") : "input";
    load(&roster, dir, "roster.csv", CATALOG_ROSTER);
    load(&contents, dir, "contents.csv", CATALOG_CONTENTS);
    csvfile_limits limits = {1 << 16, {512, 40, 300}};
    csvfile_set_limits(&limits);
    return 0;
}

static void check_accepted(const submission *s)
{
    assert(s->province >= 0 && (size_t)s->province < roster.count);
    assert(s->n_lines > 0 && !s->first_error && s->errors == 0);
    for (size_t i = 0; i < s->n_lines; i++) {
        const project_line *l = &s->lines[i];
        assert(l->plan >= 0 && l->plan <= NUMBER_MAX_MILLION * 1000);
        assert(l->executed >= 0 && l->executed <= NUMBER_MAX_MILLION * 1000);
        assert(l->counterpart >= 0 && l->counterpart <= NUMBER_MAX_MILLION * 1000);
        assert(l->establishments >= 0 && l->establishments <= NUMBER_MAX_COUNT);
        assert(l->content >= 0 && (size_t)l->content < contents.count);
        assert(l->source == SOURCE_KCQG || l->source == SOURCE_KCDP);
        assert(l->title[0] != '\0' && l->line > 0);
        char *nfc = fold_nfc(l->title, strlen(l->title));
        assert(strcmp(nfc, l->title) == 0);
        free(nfc);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    diag_list diags = DIAG_LIST_INIT;
    submission *s = submission_read_bytes("fuzz.csv", data, size, &roster, &contents, &diags);
    if (s->rejected) {
        assert(s->n_lines == 0 && s->errors > 0 && s->first_error && diags.errors > 0);
    } else {
        check_accepted(s);
    }
    /* Every diagnostic names the file and has a position that is not negative. */
    for (size_t i = 0; i < diags.count; i++)
        assert(diags.items[i].line >= 0 && diags.items[i].column >= 0 && diags.items[i].file);
    submission_free(s);
    diag_list_free(&diags);
    return 0;
}
