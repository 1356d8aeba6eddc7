/* fuzz_mustache.c - libFuzzer target: the Mustache engine with template text from the fuzzer.
 *
 * The first byte picks the escaping (HTML, Markdown, none) and strict names; the rest is the
 * template. Data is a fixed model with every kind of value (strings with markup, numbers,
 * booleans, lists, nested maps). Partials: "row" is a fixed template, "self" is the fuzzed
 * template itself (recursion up to the engine's depth limit), "bad" fails in the loader.
 *
 * Properties checked, beyond "no crash, no leak, no undefined behaviour": a failed render says
 * where (line and column from 1) and why; with Markdown escaping, no value can open raw HTML:
 * when the template writes no '<' and no unescaped value ({{{x}}}, {{&x}}, or either under
 * other delimiters), every '<' in the output is escaped with a backslash. */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mustache.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mustache_value *model;

static mustache_value *province(const char *name, const char *plan)
{
    mustache_value *m = mustache_map_new();
    mustache_map_set_string(m, "name", name);
    mustache_map_set(m, "plan", mustache_number_new(plan));
    mustache_map_set_bool(m, "valid", plan[0] != '0');
    return m;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    model = mustache_map_new();
    mustache_map_set_string(model, "title", "Công tác khuyến công | *phía Nam*");
    mustache_map_set_string(model, "markup", "<script>alert(1)</script> [x](javascript:y) {{title}}");
    mustache_map_set(model, "zero", mustache_number_new("0"));
    mustache_map_set(model, "nothing", mustache_null_new());
    mustache_map_set_bool(model, "yes", true);
    mustache_map_set_bool(model, "no", false);
    mustache_value *list = mustache_list_new();
    mustache_list_push(list, province("Bình Dương", "10,584"));
    mustache_list_push(list, province("Cà Mau <b>", "0"));
    mustache_map_set(model, "provinces", list);
    mustache_map_set(model, "empty", mustache_list_new());
    mustache_value *inner = mustache_map_new();
    mustache_map_set_string(inner, "c", "deep");
    mustache_value *outer = mustache_map_new();
    mustache_map_set(outer, "b", inner);
    mustache_map_set(model, "a", outer);
    return 0;
}

typedef struct fuzz_partials {
    const char *self;
    size_t self_len;
} fuzz_partials;

static int load_partial(void *context, const char *name, buf *out, char *message,
                        size_t message_size)
{
    const fuzz_partials *p = context;
    if (strcmp(name, "row") == 0) {
        buf_puts(out, "| {{name}} | {{plan}} |\n");
        return 0;
    }
    if (strcmp(name, "self") == 0) {
        buf_append(out, p->self, p->self_len);
        return 0;
    }
    if (strcmp(name, "bad") == 0) {
        snprintf(message, message_size, "the partial 'bad' cannot be read");
        return -1;
    }
    return 1;
}

/* True when every '<' of the output can only come from an escaped value. */
static bool only_escaped_values(const fuzz_partials *p)
{
    for (size_t i = 0; i < p->self_len; i++)
        if (p->self[i] == '<' || p->self[i] == '&' || p->self[i] == '=' || p->self[i] == '\0')
            return false;
    for (size_t i = 0; i + 2 < p->self_len; i++)
        if (memcmp(p->self + i, "{{{", 3) == 0)
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const mustache_escape_fn escapes[] = {mustache_escape_html, mustache_escape_markdown,
                                                 mustache_escape_none};
    fuzz_partials partials = {(const char *)data + 1, size - 1};
    mustache_options options = {escapes[data[0] % 3], load_partial, &partials, data[0] & 4};
    buf out = BUF_INIT;
    mustache_error error;
    memset(&error, 0, sizeof error);
    int rc = mustache_render(partials.self, partials.self_len, model, &options, &out, &error);
    if (rc != 0) {
        assert(rc == -1);
        assert(error.line >= 1 && error.column >= 1 && error.message[0]);
    } else if (data[0] % 3 == 1 && out.len && only_escaped_values(&partials)) {
        for (const char *lt = strchr(out.data, '<'); lt; lt = strchr(lt + 1, '<'))
            assert(lt > out.data && lt[-1] == '\\');
    }
    buf_free(&out);
    return 0;
}
