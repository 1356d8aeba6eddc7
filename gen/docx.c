/* The body of the Word briefing: a renderer walking cmark-gfm's tree of briefing.md, as
 * cmark's own renderers (html.c, latex.c, man.c) walk it, writing WordprocessingML. Each kind
 * of block becomes a paragraph of a named style, so that restyling one style in Word restyles
 * every paragraph of its kind. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "alloc.h"
#include "docx_internal.h"
#include "xml.h"

/* The Markdown headings' styles: `#` is the document's title, `##` and `###` its sections. */
static const char *heading_style(int level)
{
    return level <= 1 ? "Title" : level == 2 ? "Heading1" : "Heading2";
}

typedef struct render {
    buf *out;
    const docx_pictures *pictures;
    unsigned next_drawing; /* ids of <wp:docPr>, unique in the document */
    buf *title;
    bool has_title;
} render;

static bool is_type(cmark_node *node, const char *type)
{
    return node && strcmp(cmark_node_get_type_string(node), type) == 0;
}

void docx_run(buf *out, unsigned format, const char *text, size_t len)
{
    buf_puts(out, "<w:r>");
    if (format) {
        buf_puts(out, "<w:rPr>");
        if (format & DOCX_CODE)
            buf_puts(out, "<w:rStyle w:val=\"VerbatimChar\"/>");
        buf_puts(out, format & DOCX_BOLD ? "<w:b/>" : "");
        buf_puts(out, format & DOCX_ITALIC ? "<w:i/>" : "");
        buf_puts(out, "</w:rPr>");
    }
    buf_puts(out, "<w:t xml:space=\"preserve\">");
    xml_text(out, text, len);
    buf_puts(out, "</w:t></w:r>");
}

static const docx_picture *picture_for(const render *r, const char *url)
{
    for (size_t i = 0; url && i < r->pictures->count; i++)
        if (strcmp(r->pictures->items[i].target, url) == 0)
            return &r->pictures->items[i];
    return NULL;
}

/* The plain text of a node's inlines (an image's description, a title). */
static void plain_text(cmark_node *node, buf *out)
{
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
            buf_puts(out, cmark_node_get_literal(c));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            buf_putc(out, ' ');
        else
            plain_text(c, out);
    }
}

static void drawing(render *r, const docx_picture *p, const char *description)
{
    unsigned id = ++r->next_drawing;
    buf *o = r->out;
    buf_printf(o,
               "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
               "<wp:extent cx=\"%" PRId64 "\" cy=\"%" PRId64 "\"/>"
               "<wp:docPr id=\"%u\" name=\"Picture %u\" descr=\"",
               p->cx, p->cy, id, id);
    xml_puts(o, description);
    buf_puts(o, "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
                "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
                "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
                "<pic:nvPicPr>");
    buf_printf(o, "<pic:cNvPr id=\"%u\" name=\"", id);
    xml_puts(o, p->part + strlen("media/"));
    buf_printf(o,
               "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"%s\"/>"
               "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
               "<a:off x=\"0\" y=\"0\"/><a:ext cx=\"%" PRId64 "\" cy=\"%" PRId64 "\"/>"
               "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"
               "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
               p->rel_id, p->cx, p->cy);
}

static void inlines(render *r, cmark_node *parent, unsigned format);

static void image(render *r, cmark_node *node, unsigned format)
{
    const docx_picture *p = picture_for(r, cmark_node_get_url(node));
    if (!p) { /* not a chart: its description stands for it */
        inlines(r, node, format);
        return;
    }
    buf description = BUF_INIT;
    plain_text(node, &description);
    drawing(r, p, description.data ? description.data : "");
    buf_free(&description);
}

static void inlines(render *r, cmark_node *parent, unsigned format)
{
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        const char *literal = cmark_node_get_literal(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
            docx_run(r->out, format, literal, strlen(literal));
            break;
        case CMARK_NODE_CODE:
            docx_run(r->out, format | DOCX_CODE, literal, strlen(literal));
            break;
        case CMARK_NODE_SOFTBREAK:
            docx_run(r->out, format, " ", 1);
            break;
        case CMARK_NODE_LINEBREAK:
            buf_puts(r->out, "<w:r><w:br/></w:r>");
            break;
        case CMARK_NODE_EMPH:
            inlines(r, n, format | DOCX_ITALIC);
            break;
        case CMARK_NODE_STRONG:
            inlines(r, n, format | DOCX_BOLD);
            break;
        case CMARK_NODE_IMAGE:
            image(r, n, format);
            break;
        case CMARK_NODE_HTML_INLINE: /* raw HTML never passes, as in the HTML briefing */
            break;
        default: /* links show as their text; extensions' inlines as their content */
            inlines(r, n, format);
            break;
        }
    }
}

/* Opens a paragraph of `style` (NULL: Normal) with extra paragraph properties `extra`. */
static void paragraph_open(render *r, const char *style, const char *extra)
{
    buf_puts(r->out, "<w:p>");
    if (style || extra) {
        buf_puts(r->out, "<w:pPr>");
        if (style)
            buf_printf(r->out, "<w:pStyle w:val=\"%s\"/>", style);
        buf_puts(r->out, extra ? extra : "");
        buf_puts(r->out, "</w:pPr>");
    }
}

/* A paragraph holding nothing but pictures (and the spaces between them). */
static bool only_pictures(const render *r, cmark_node *paragraph)
{
    bool any = false;
    for (cmark_node *n = cmark_node_first_child(paragraph); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_IMAGE && picture_for(r, cmark_node_get_url(n)))
            any = true;
        else if (t != CMARK_NODE_SOFTBREAK &&
                 !(t == CMARK_NODE_TEXT &&
                   strspn(cmark_node_get_literal(n), " ") == strlen(cmark_node_get_literal(n))))
            return false;
    }
    return any;
}

/* Each picture centred in its own paragraph, its description below as a caption. */
static void figure(render *r, cmark_node *paragraph)
{
    for (cmark_node *n = cmark_node_first_child(paragraph); n; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) != CMARK_NODE_IMAGE)
            continue;
        paragraph_open(r, "Figure", NULL);
        image(r, n, 0);
        buf_puts(r->out, "</w:p>");
        buf description = BUF_INIT;
        plain_text(n, &description);
        if (description.len) {
            paragraph_open(r, "Caption", NULL);
            docx_run(r->out, 0, description.data, description.len);
            buf_puts(r->out, "</w:p>");
        }
        buf_free(&description);
    }
}

/* "Bảng 1. ..." just above a table is its caption, as in the HTML briefing. */
static bool is_table_caption(cmark_node *paragraph)
{
    cmark_node *first = cmark_node_first_child(paragraph);
    while (first && cmark_node_get_type(first) != CMARK_NODE_TEXT)
        first = cmark_node_first_child(first);
    const char *literal = first ? cmark_node_get_literal(first) : NULL;
    return is_type(cmark_node_next(paragraph), "table") && literal &&
           strncmp(literal, "Bảng", strlen("Bảng")) == 0;
}

/* The block context: the style of the paragraphs met, and the marker of a list item's first. */
typedef struct context {
    const char *style; /* NULL: Normal */
    int list_depth;
    const char *marker; /* "- ", "3. ", or NULL once used */
} context;

static void list_paragraph_properties(buf *extra, int depth)
{
    if (depth > 1)
        buf_printf(extra, "<w:ind w:left=\"%d\"/>", 567 * (depth - 1));
}

static void paragraph(render *r, cmark_node *node, context *c)
{
    if (only_pictures(r, node)) {
        figure(r, node);
        return;
    }
    buf extra = BUF_INIT;
    const char *style = c->style;
    if (is_table_caption(node))
        style = "Caption";
    else if (c->list_depth > 0)
        list_paragraph_properties(&extra, c->list_depth);
    paragraph_open(r, style, extra.data);
    buf_free(&extra);
    if (c->marker) {
        docx_run(r->out, 0, c->marker, strlen(c->marker));
        c->marker = NULL;
    }
    inlines(r, node, 0);
    buf_puts(r->out, "</w:p>");
}

static void heading(render *r, cmark_node *node)
{
    int level = cmark_node_get_heading_level(node);
    if (level == 1 && !r->has_title) {
        plain_text(node, r->title);
        r->has_title = true;
    }
    paragraph_open(r, heading_style(level), NULL);
    inlines(r, node, 0);
    buf_puts(r->out, "</w:p>");
}

static void code_block(render *r, cmark_node *node)
{
    const char *text = cmark_node_get_literal(node);
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        paragraph_open(r, "SourceCode", NULL);
        docx_run(r->out, 0, line, n);
        buf_puts(r->out, "</w:p>");
        line += n + (line[n] == '\n');
    }
}

/* ------------------------------------------------------------------------------ tables */

/* Table text is 10 pt: about 110 twips a character (figures, bold), plus the cells' margins. */
enum { TWIPS_A_CHAR = 120, CELL_PADDING = 130, COLUMN_MIN_CHARS = 3, COLUMN_MAX_CHARS = 40 };

static size_t char_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static size_t longest_word(const char *s)
{
    size_t best = 0;
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, " ");
        size_t chars = char_count(p, n);
        best = chars > best ? chars : best;
        p += n + (p[n] == ' ');
    }
    return best;
}

/* What a column needs, in characters: its longest word (below it, the column would break
 * words and figures) and its longest cell (from which on it never wraps). */
typedef struct column_need {
    size_t least, most;
} column_need;

static void measure_cell(cmark_node *cell, column_need *need)
{
    buf text = BUF_INIT;
    plain_text(cell, &text);
    const char *t = text.data ? text.data : "";
    size_t word = longest_word(t), all = char_count(t, text.len);
    word = word < COLUMN_MIN_CHARS ? COLUMN_MIN_CHARS : word;
    need->least = word > need->least ? word : need->least;
    all = all > COLUMN_MAX_CHARS ? COLUMN_MAX_CHARS : all;
    need->most = all > need->most ? all : need->most;
    buf_free(&text);
}

/* Column widths in twips over the text width: each column its longest word, and what is left
 * shared in proportion to how much more its longest cell wants (a heading may wrap, figures do
 * not). When even the words do not fit, in proportion to them. */
static void column_widths(cmark_node *table, size_t columns, int *widths)
{
    column_need *need = xcalloc(columns, sizeof *need);
    for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
        size_t i = 0;
        for (cmark_node *cell = cmark_node_first_child(row); cell && i < columns;
             cell = cmark_node_next(cell), i++)
            measure_cell(cell, &need[i]);
    }
    long least = 0, extra = 0;
    for (size_t i = 0; i < columns; i++) {
        need[i].most = need[i].most > need[i].least ? need[i].most : need[i].least;
        least += (long)(need[i].least * TWIPS_A_CHAR + CELL_PADDING);
        extra += (long)((need[i].most - need[i].least) * TWIPS_A_CHAR);
    }
    long spare = DOCX_TEXT_WIDTH - least, left = DOCX_TEXT_WIDTH;
    for (size_t i = 0; i < columns; i++) {
        long base = (long)(need[i].least * TWIPS_A_CHAR + CELL_PADDING), w;
        if (spare < 0)
            w = base * DOCX_TEXT_WIDTH / least;
        else
            w = base + (extra > 0
                            ? spare * (long)((need[i].most - need[i].least) * TWIPS_A_CHAR) / extra
                            : spare / (long)columns);
        widths[i] = i + 1 == columns ? (int)left : (int)w;
        left -= widths[i];
    }
    free(need);
}

static const char *justification(uint8_t alignment)
{
    return alignment == 'r' ? "right" : alignment == 'c' ? "center" : "left";
}

static void table_cell(render *r, cmark_node *cell, int width, const char *jc, unsigned format)
{
    buf_printf(r->out,
               "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/>"
               "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"%s\"/></w:pPr>",
               width, jc);
    if (cell)
        inlines(r, cell, format);
    buf_puts(r->out, "</w:p></w:tc>");
}

/* A row: the header row repeats on every page and is bold and centred; no row splits. */
static void table_row(render *r, cmark_node *row, size_t columns, const int *widths,
                      const uint8_t *alignments)
{
    bool header = cmark_gfm_extensions_get_table_row_is_header(row);
    buf_printf(r->out, "<w:tr><w:trPr><w:cantSplit/>%s</w:trPr>", header ? "<w:tblHeader/>" : "");
    cmark_node *cell = cmark_node_first_child(row);
    for (size_t i = 0; i < columns; i++) { /* a short row is padded with empty cells */
        const char *jc = header ? "center" : justification(alignments ? alignments[i] : 0);
        table_cell(r, cell, widths[i], jc, header ? DOCX_BOLD : 0);
        cell = cell ? cmark_node_next(cell) : NULL;
    }
    buf_puts(r->out, "</w:tr>");
}

static void table(render *r, cmark_node *node)
{
    size_t columns = cmark_gfm_extensions_get_table_columns(node);
    if (columns == 0)
        return;
    int *widths = xcalloc(columns, sizeof *widths);
    column_widths(node, columns, widths);
    buf_printf(r->out,
               "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"%d\" "
               "w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" "
               "w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
               "w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
               DOCX_TEXT_WIDTH);
    for (size_t i = 0; i < columns; i++)
        buf_printf(r->out, "<w:gridCol w:w=\"%d\"/>", widths[i]);
    buf_puts(r->out, "</w:tblGrid>");
    const uint8_t *alignments = cmark_gfm_extensions_get_table_alignments(node);
    for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row))
        table_row(r, row, columns, widths, alignments);
    buf_puts(r->out, "</w:tbl>");
    /* A paragraph after a table keeps the next table or heading from touching it. */
    paragraph_open(r, "AfterTable", NULL);
    buf_puts(r->out, "</w:p>");
    free(widths);
}

/* ------------------------------------------------------------------------------ blocks */

static void blocks(render *r, cmark_node *parent, context *c);

static void list(render *r, cmark_node *node, const context *outer)
{
    bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(node);
    for (cmark_node *item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
        char marker[32];
        if (ordered)
            snprintf(marker, sizeof marker, "%d%c ", number++,
                     cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.');
        else
            snprintf(marker, sizeof marker, "- ");
        context inner = {outer->style ? outer->style : "ListBullet", outer->list_depth + 1, marker};
        blocks(r, item, &inner);
    }
}

static void block(render *r, cmark_node *n, context *c)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
        paragraph(r, n, c);
        break;
    case CMARK_NODE_HEADING:
        heading(r, n);
        break;
    case CMARK_NODE_LIST:
        list(r, n, c);
        break;
    case CMARK_NODE_BLOCK_QUOTE: {
        context quote = {"Quote", c->list_depth, NULL};
        blocks(r, n, &quote);
        break;
    }
    case CMARK_NODE_CODE_BLOCK:
        code_block(r, n);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        paragraph_open(r, "HorizontalRule", NULL);
        buf_puts(r->out, "</w:p>");
        break;
    default:
        if (is_type(n, "table"))
            table(r, n);
        /* raw HTML blocks never pass, as in the HTML briefing */
        break;
    }
}

static void blocks(render *r, cmark_node *parent, context *c)
{
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n))
        block(r, n, c);
}

static const char document_open[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\"" DOCX_NS_R "\" "
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>";

int docx_document(const char *markdown, size_t len, const docx_header *header,
                  const docx_pictures *pictures, buf *out, buf *title, diag_list *diags)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_syntax_extension *table_extension = cmark_find_syntax_extension("table");
    if (!parser || !table_extension) {
        diag_add(diags, DIAG_ERROR, NULL, 0, 0, "cmark-gfm has no table extension");
        if (parser)
            cmark_parser_free(parser);
        return -1;
    }
    cmark_parser_attach_syntax_extension(parser, table_extension);
    cmark_parser_feed(parser, markdown, len);
    cmark_node *doc = cmark_parser_finish(parser);
    if (!doc)
        alloc_failed();
    render r = {out, pictures, 0, title, false};
    buf_puts(out, document_open);
    docx_header_block(out, header);
    context c = {NULL, 0, NULL};
    blocks(&r, doc, &c);
    docx_section(out);
    buf_puts(out, "</w:body></w:document>");
    cmark_node_free(doc);
    cmark_parser_free(parser);
    return 0;
}
