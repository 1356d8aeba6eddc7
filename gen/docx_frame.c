/* The administrative frame of the Word briefing, after Nghị định 30/2020/NĐ-CP (Phụ lục I):
 * the header block above the text, the page setup, and the page numbers. */
#include <string.h>

#include "docx_internal.h"
#include "xml.h"

/* The header block's columns: the issuer's (left) and the national name's (right). */
enum { ISSUER_WIDTH = 3686, MOTTO_WIDTH = DOCX_TEXT_WIDTH - ISSUER_WIDTH };

/* The short rules under the issuer and under the motto, in twips. */
enum { ISSUER_RULE = 1200, MOTTO_RULE = 3200 };

static const char national_name[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
static const char motto[] = "Độc lập - Tự do - Hạnh phúc";

static bool given(const char *s)
{
    return s && *s;
}

/* A centred line of the header block, `size` in half-points. */
static void line(buf *out, const char *text, size_t len, int size, unsigned format)
{
    buf_printf(out,
               "<w:p><w:pPr><w:pStyle w:val=\"HeaderBlock\"/></w:pPr><w:r><w:rPr>%s%s"
               "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr><w:t xml:space=\"preserve\">",
               format & DOCX_BOLD ? "<w:b/>" : "", format & DOCX_ITALIC ? "<w:i/>" : "", size,
               size);
    xml_text(out, text, len);
    buf_puts(out, "</w:t></w:r></w:p>");
}

/* A short centred rule: an empty paragraph's top border, indented to `length`. */
static void rule(buf *out, int column_width, int length)
{
    int indent = (column_width - length) / 2;
    buf_printf(out,
               "<w:p><w:pPr><w:pStyle w:val=\"HeaderBlock\"/><w:pBdr><w:top w:val=\"single\" "
               "w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr><w:spacing w:line=\"120\" "
               "w:lineRule=\"exact\"/><w:ind w:left=\"%d\" w:right=\"%d\"/></w:pPr></w:p>",
               indent, indent);
}

/* The issuer, a line a '\n'-separated part, as written (in capitals, by Nghị định 30): the
 * parent bodies plain, the issuing body, last, in bold. */
static void issuer(buf *out, const char *text)
{
    while (given(text)) {
        size_t n = strcspn(text, "\n");
        bool last = text[n] == '\0' || text[n + 1] == '\0';
        line(out, text, n, 26, last ? DOCX_BOLD : 0);
        text += n + (text[n] == '\n');
    }
}

static void cell_open(buf *out, int width)
{
    buf_printf(out, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", width);
}

/* Place and date, in italics under the motto: "Tây Ninh, ngày 15 tháng 10 năm 2024". */
static void place_and_date(buf *out, const docx_header *h)
{
    buf text = BUF_INIT;
    if (given(h->place))
        buf_puts(&text, h->place);
    if (given(h->place) && given(h->date_text))
        buf_puts(&text, ", ");
    if (given(h->date_text))
        buf_puts(&text, h->date_text);
    buf_puts(out, "<w:tr>");
    cell_open(out, ISSUER_WIDTH);
    buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"HeaderBlock\"/></w:pPr></w:p></w:tc>");
    cell_open(out, MOTTO_WIDTH);
    line(out, text.data, text.len, 26, DOCX_ITALIC);
    buf_puts(out, "</w:tc></w:tr>");
    buf_free(&text);
}

void docx_header_block(buf *out, const docx_header *h)
{
    buf_printf(out,
               "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>"
               "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom "
               "w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV "
               "w:val=\"nil\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
               "<w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/>"
               "</w:tblPr><w:tblGrid><w:gridCol w:w=\"%d\"/><w:gridCol w:w=\"%d\"/></w:tblGrid>"
               "<w:tr>",
               DOCX_TEXT_WIDTH, ISSUER_WIDTH, MOTTO_WIDTH);
    cell_open(out, ISSUER_WIDTH);
    issuer(out, given(h->issuer) ? h->issuer : DOCX_DEFAULT_ISSUER);
    rule(out, ISSUER_WIDTH, ISSUER_RULE);
    buf_puts(out, "</w:tc>");
    cell_open(out, MOTTO_WIDTH);
    line(out, national_name, strlen(national_name), 24, DOCX_BOLD);
    line(out, motto, strlen(motto), 26, DOCX_BOLD);
    rule(out, MOTTO_WIDTH, MOTTO_RULE);
    buf_puts(out, "</w:tc></w:tr>");
    if (given(h->place) || given(h->date_text))
        place_and_date(out, h);
    buf_puts(out, "</w:tbl>");
}

void docx_section(buf *out)
{
    buf_printf(out,
               "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"" DOCX_REL_HEADER "\"/>"
               "<w:headerReference w:type=\"first\" r:id=\"" DOCX_REL_HEADER_FIRST "\"/>"
               "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" "
               "w:bottom=\"%d\" w:left=\"%d\" w:header=\"%d\" w:footer=\"%d\" w:gutter=\"0\"/>"
               "<w:pgNumType w:start=\"1\"/><w:titlePg/><w:docGrid w:linePitch=\"360\"/>"
               "</w:sectPr>",
               DOCX_PAGE_WIDTH, DOCX_PAGE_HEIGHT, DOCX_MARGIN_TOP, DOCX_MARGIN_RIGHT,
               DOCX_MARGIN_BOTTOM, DOCX_MARGIN_LEFT, DOCX_HEADER_DISTANCE, DOCX_HEADER_DISTANCE);
}

void docx_page_header(buf *out, bool page_number)
{
    buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                  "<w:hdr xmlns:w=\"" DOCX_NS_W "\" xmlns:r=\"" DOCX_NS_R "\">"
                  "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>");
    if (page_number)
        buf_puts(out, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
                      "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
                      "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar "
                      "w:fldCharType=\"end\"/></w:r>");
    buf_puts(out, "</w:p></w:hdr>");
}
