/* test_mustache_spec.c - runs every test of the required modules of the official Mustache spec
 * against gen/mustache_*.c, one cmocka test per spec test, named "module: test name".
 *
 * The spec is read at run time from $SHARED/mustache-spec (never copied into the project). If
 * it cannot be read the program fails: a missing spec must not pass as "nothing to test". */
#include "support.h"

#include <jansson.h>

#include "buf.h"
#include "mustache.h"

static const char *const required_modules[] = {"comments", "delimiters", "interpolation",
                                               "inverted", "partials",   "sections"};
#define MODULE_COUNT (sizeof required_modules / sizeof required_modules[0])

typedef struct spec_case {
    char *title;  /* "module: name", the cmocka test name */
    json_t *test; /* borrowed from the module's document */
} spec_case;

/* Outside a running test cmocka's assertions cannot report, so allocation failures end here. */
static void *checked(void *p)
{
    if (!p) {
        fputs("test_mustache_spec: out of memory\n", stderr);
        exit(1);
    }
    return p;
}

/* ---- JSON data to mustache values ---------------------------------------------------------- */

/* The text JSON would print for a real: the shortest "%.*g" that reads back as the same
 * double, so 1.21 stays "1.21" rather than "1.2099999999999999645". */
static mustache_value *real_to_value(double d)
{
    char text[64];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*g", precision, d);
        if (strtod(text, NULL) == d)
            break;
    }
    return mustache_number_new(text);
}

static mustache_value *json_to_value(const json_t *j);

static mustache_value *object_to_value(const json_t *j)
{
    mustache_value *map = mustache_map_new();
    const char *key;
    json_t *member;
    json_object_foreach((json_t *)j, key, member)
    {
        mustache_map_set(map, key, json_to_value(member));
    }
    return map;
}

static mustache_value *array_to_value(const json_t *j)
{
    mustache_value *list = mustache_list_new();
    size_t i;
    json_t *element;
    json_array_foreach(j, i, element)
    {
        mustache_list_push(list, json_to_value(element));
    }
    return list;
}

static mustache_value *json_to_value(const json_t *j)
{
    char text[32];
    switch (json_typeof(j)) {
    case JSON_OBJECT:
        return object_to_value(j);
    case JSON_ARRAY:
        return array_to_value(j);
    case JSON_STRING:
        return mustache_string_new_len(json_string_value(j), json_string_length(j));
    case JSON_INTEGER:
        snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
        return mustache_number_new(text);
    case JSON_REAL:
        return real_to_value(json_real_value(j));
    case JSON_TRUE:
        return mustache_bool_new(true);
    case JSON_FALSE:
        return mustache_bool_new(false);
    case JSON_NULL:
        return mustache_null_new();
    }
    return mustache_null_new();
}

/* ---- partials ------------------------------------------------------------------------------ */

/* The loader: the test's "partials" object (NULL when the test has none). */
static int spec_partial(void *context, const char *name, buf *out, char *message,
                        size_t message_size)
{
    (void)message;
    (void)message_size;
    const json_t *text = context ? json_object_get((const json_t *)context, name) : NULL;
    if (!json_is_string(text))
        return 1;
    buf_append(out, json_string_value(text), json_string_length(text));
    return 0;
}

/* ---- the test ------------------------------------------------------------------------------ */

static void run_spec_case(void **state)
{
    const spec_case *c = *state;
    const json_t *source = json_object_get(c->test, "template");
    const json_t *expected = json_object_get(c->test, "expected");
    assert_true(json_is_string(source));
    assert_true(json_is_string(expected));

    mustache_value *data = json_to_value(json_object_get(c->test, "data"));
    mustache_options options = {0};
    options.partial = spec_partial;
    options.partial_context = json_object_get(c->test, "partials");
    buf out = BUF_INIT;
    mustache_error error;
    int rc = mustache_render(json_string_value(source), json_string_length(source), data, &options,
                             &out, &error);
    mustache_value_free(data);
    char *got = buf_detach(&out);

    /* Compare first and free after, so that a failing case leaks nothing either. */
    bool same = rc == 0 && strlen(got) == json_string_length(expected) &&
                strcmp(got, json_string_value(expected)) == 0;
    if (!same) {
        if (rc != 0)
            print_error("render failed at %s%sline %d, column %d: %s\n", error.template_name,
                        error.template_name[0] ? " " : "", error.line, error.column, error.message);
        else
            print_error("expected \"%s\"\n     got \"%s\"\n", json_string_value(expected), got);
    }
    free(got);
    assert_true(same);
}

/* ---- loading the spec ---------------------------------------------------------------------- */

static json_t *load_module(const char *module)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/mustache-spec/%s.json", test_shared_dir(), module);
    json_error_t error;
    json_t *doc = json_load_file(path, 0, &error);
    if (!doc) {
        fprintf(stderr, "test_mustache_spec: cannot read %s: %s\n", path, error.text);
        return NULL;
    }
    json_t *tests = json_object_get(doc, "tests");
    if (!json_is_array(tests) || json_array_size(tests) == 0) {
        fprintf(stderr, "test_mustache_spec: %s has no \"tests\" array\n", path);
        json_decref(doc);
        return NULL;
    }
    return doc;
}

static char *case_title(const char *module, const json_t *test)
{
    const char *name = json_string_value(json_object_get(test, "name"));
    if (!name)
        name = "(unnamed)";
    size_t size = strlen(module) + strlen(name) + 3;
    char *title = checked(malloc(size));
    snprintf(title, size, "%s: %s", module, name);
    return title;
}

/* Appends one case per test of `doc` to cases[*count]. */
static void add_module_cases(const char *module, json_t *doc, spec_case *cases, size_t *count)
{
    size_t i;
    json_t *test;
    json_array_foreach(json_object_get(doc, "tests"), i, test)
    {
        cases[*count].title = case_title(module, test);
        cases[*count].test = test;
        (*count)++;
    }
}

static size_t total_tests(json_t *const *docs)
{
    size_t n = 0;
    for (size_t m = 0; m < MODULE_COUNT; m++)
        n += json_array_size(json_object_get(docs[m], "tests"));
    return n;
}

static int run_cases(const spec_case *cases, size_t count)
{
    struct CMUnitTest *tests = checked(calloc(count, sizeof *tests));
    for (size_t i = 0; i < count; i++) {
        tests[i].name = cases[i].title;
        tests[i].test_func = run_spec_case;
        tests[i].initial_state = (void *)&cases[i];
    }
    int failed = _cmocka_run_group_tests("mustache spec", tests, count, NULL, NULL);
    free(tests);
    return failed;
}

int main(void)
{
    json_t *docs[MODULE_COUNT] = {0};
    int status = 0;
    for (size_t m = 0; m < MODULE_COUNT; m++) {
        docs[m] = load_module(required_modules[m]);
        if (!docs[m])
            status = 1;
    }
    if (status == 0) {
        size_t count = 0, capacity = total_tests(docs);
        spec_case *cases = checked(calloc(capacity, sizeof *cases));
        for (size_t m = 0; m < MODULE_COUNT; m++)
            add_module_cases(required_modules[m], docs[m], cases, &count);
        status = run_cases(cases, count) != 0;
        for (size_t i = 0; i < count; i++)
            free(cases[i].title);
        free(cases);
    }
    for (size_t m = 0; m < MODULE_COUNT; m++)
        json_decref(docs[m]);
    return status;
}
