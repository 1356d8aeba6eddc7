/* testutil.h - small helpers shared by the test programs (cmocka). */
#ifndef GEN_TESTUTIL_H
#define GEN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

/* The folder holding the shared data (contract, mustache spec): $SHARED or ../shared. */
static inline const char *test_shared_dir(void)
{
    const char *s = getenv("SHARED");
    return s && *s ? s : "../shared";
}

/* Reads a whole file; NULL if it cannot be read. Caller frees. */
static inline char *test_read_file(const char *path, size_t *len_out)
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

/* Parses Markdown as the HTML briefing will: CommonMark with the GFM table and strikethrough
 * extensions (and footnotes, to be strict about '[^'). Caller frees with cmark_node_free. */
static inline cmark_node *test_parse_gfm(const char *markdown)
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

#endif
