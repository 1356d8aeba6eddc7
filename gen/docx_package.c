/* The Word briefing as an Office Open XML package: its parts, zipped with minizip into the
 * file. Entries are dated 1980-01-01 (the zip format's first day) and the document properties
 * by SOURCE_DATE_EPOCH or the period, so the bytes never depend on the clock or the zone. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "docx_internal.h"
#include "text.h"
#include "xml.h"

#define XML_DECLARATION "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_PACKAGE_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_TYPE        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* The styles part is a template: refused past this size, unlike any styles.xml Word writes. */
enum { STYLES_MAX_BYTES = 4 << 20 };

/* ------------------------------------------------------------------------------ zip */

typedef struct package {
    zipFile zip;
    const char *path;
    diag_list *diags;
    int failed; /* the first error is reported; the rest of the package is not written */
} package;

static void zip_failed(package *p, const char *entry, int err)
{
    if (p->failed++)
        return;
    diag_add(p->diags, DIAG_ERROR, p->path, 0, 0, "cannot write the Word briefing (%s): %s", entry,
             err == ZIP_ERRNO ? strerror(errno) : "zip error");
}

/* Adds one entry; pictures are stored as they are (PNG is compressed already). */
static void add(package *p, const char *name, const char *data, size_t len, bool deflate)
{
    if (p->failed)
        return;
    zip_fileinfo info = {.tmz_date = {0, 0, 0, 1, 0, 1980}};
    int err = zipOpenNewFileInZip3_64(p->zip, name, &info, NULL, 0, NULL, 0, NULL,
                                      deflate ? Z_DEFLATED : 0, deflate ? Z_DEFAULT_COMPRESSION : 0,
                                      0, -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, NULL, 0, 0);
    if (err == ZIP_OK && len > 0)
        err = zipWriteInFileInZip(p->zip, data, (unsigned)len);
    int closed = zipCloseFileInZip(p->zip);
    if (err != ZIP_OK || closed != ZIP_OK)
        zip_failed(p, name, err != ZIP_OK ? err : closed);
}

static void add_buf(package *p, const char *name, const buf *b)
{
    add(p, name, b->data ? b->data : "", b->len, true);
}

/* ------------------------------------------------------------------------------ parts */

static void content_types(buf *out, const docx_pictures *pictures)
{
    static const char *const overrides[][2] = {
        {"/word/document.xml", "wordprocessingml.document.main"},
        {"/word/styles.xml", "wordprocessingml.styles"},
        {"/word/settings.xml", "wordprocessingml.settings"},
        {"/word/header1.xml", "wordprocessingml.header"},
        {"/word/header2.xml", "wordprocessingml.header"},
        {"/docProps/app.xml", "extended-properties"},
    };
    buf_puts(out, XML_DECLARATION
             "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" "
             "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    if (pictures->count)
        buf_puts(out, "<Default Extension=\"png\" ContentType=\"image/png\"/>");
    for (size_t i = 0; i < sizeof overrides / sizeof *overrides; i++)
        buf_printf(out,
                   "<Override PartName=\"%s\" "
                   "ContentType=\"application/vnd.openxmlformats-officedocument.%s+xml\"/>",
                   overrides[i][0], overrides[i][1]);
    buf_puts(out, "<Override PartName=\"/docProps/core.xml\" "
                  "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                  "</Types>");
}

static void package_relationships(buf *out)
{
    buf_puts(out, XML_DECLARATION
             "<Relationships xmlns=\"" NS_PACKAGE_RELS "\">"
             "<Relationship Id=\"rId1\" Type=\"" REL_TYPE "officeDocument\" "
             "Target=\"word/document.xml\"/>"
             "<Relationship Id=\"rId2\" "
             "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
             "core-properties\" Target=\"docProps/core.xml\"/>"
             "<Relationship Id=\"rId3\" Type=\"" REL_TYPE "extended-properties\" "
             "Target=\"docProps/app.xml\"/></Relationships>");
}

static void document_relationships(buf *out, const docx_pictures *pictures)
{
    buf_puts(out, XML_DECLARATION
             "<Relationships xmlns=\"" NS_PACKAGE_RELS "\">"
             "<Relationship Id=\"" DOCX_REL_STYLES "\" Type=\"" REL_TYPE "styles\" "
             "Target=\"styles.xml\"/>"
             "<Relationship Id=\"" DOCX_REL_SETTINGS "\" Type=\"" REL_TYPE "settings\" "
             "Target=\"settings.xml\"/>"
             "<Relationship Id=\"" DOCX_REL_HEADER "\" Type=\"" REL_TYPE "header\" "
             "Target=\"header1.xml\"/>"
             "<Relationship Id=\"" DOCX_REL_HEADER_FIRST "\" Type=\"" REL_TYPE "header\" "
             "Target=\"header2.xml\"/>");
    for (size_t i = 0; i < pictures->count; i++)
        buf_printf(out, "<Relationship Id=\"%s\" Type=\"" REL_TYPE "image\" Target=\"%s\"/>",
                   pictures->items[i].rel_id, pictures->items[i].part);
    buf_puts(out, "</Relationships>");
}

static void settings(buf *out)
{
    buf_puts(out, XML_DECLARATION
             "<w:settings xmlns:w=\"" DOCX_NS_W "\">"
             "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>"
             "<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting "
             "w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
             "w:val=\"15\"/></w:compat></w:settings>");
}

static void app_properties(buf *out)
{
    buf_puts(out, XML_DECLARATION
             "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
             "extended-properties\"><Application>gen</Application></Properties>");
}

/* Midnight UTC after the period's last month ends, less a day: its last day. */
static void w3c_last_day(int year, int month, char out[32])
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int m = month >= 1 && month <= 12 ? month : 12;
    snprintf(out, 32, "%04d-%02d-%02dT00:00:00Z", year, m, days[m - 1] + (m == 2 ? leap : 0));
}

/* The documents' date: SOURCE_DATE_EPOCH when it is a time (the annex warns when it is not),
 * else the period's last day. gmtime_r reads no time zone. */
static void document_date(int year, int month, char out[32])
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    errno = 0;
    long long v = env && *env >= '0' && *env <= '9' ? strtoll(env, &end, 10) : 0;
    time_t t = (time_t)v;
    struct tm tm;
    if (v > 0 && errno == 0 && end && *end == '\0' && v <= 253402300799LL && gmtime_r(&t, &tm) &&
        strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
        return;
    w3c_last_day(year, month, out);
}

static const char *given_issuer(const docx_header *h)
{
    return h->issuer && *h->issuer ? h->issuer : DOCX_DEFAULT_ISSUER;
}

static void core_properties(buf *out, const char *title, const docx_source *s)
{
    char date[32];
    document_date(s->year, s->month, date);
    buf_puts(out, XML_DECLARATION
             "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
             "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
             "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
             "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
    xml_puts(out, title);
    buf_puts(out, "</dc:title><dc:creator>");
    xml_puts(out, given_issuer(&s->header));
    buf_printf(out,
               "</dc:creator><dc:language>vi-VN</dc:language><dcterms:created "
               "xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created><dcterms:modified "
               "xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified></cp:coreProperties>",
               date, date);
}

/* TEMPLATES/docx-styles.xml, the styles part, as the secretariat left it (read with the other
 * templates, so that the publication's fingerprint covers it): UTF-8 XML holding a <w:styles>
 * element (its content is Word's business). */
static int check_styles(const docx_source *s, buf *out, diag_list *diags)
{
    if (s->styles_len > STYLES_MAX_BYTES) {
        diag_add(diags, DIAG_ERROR, DOCX_STYLES_TEMPLATE, 0, 0, "the Word styles are over %d MiB",
                 STYLES_MAX_BYTES >> 20);
        return -1;
    }
    if (!strstr(s->styles, "<w:styles") || !strstr(s->styles, "</w:styles>")) {
        diag_add(diags, DIAG_ERROR, DOCX_STYLES_TEMPLATE, 0, 0,
                 "not a Word styles part: it must hold a <w:styles> element (word/styles.xml "
                 "of a .docx)");
        return -1;
    }
    buf_append(out, s->styles, s->styles_len);
    return 0;
}

/* The parts made in memory, in the order they are zipped. */
typedef struct parts {
    buf content_types, package_rels, core, app, document, document_rels, styles, settings, header,
        header_first, title;
} parts;

static int make_parts(const docx_source *s, const docx_pictures *pictures, parts *p,
                      diag_list *diags)
{
    if (check_styles(s, &p->styles, diags) != 0 ||
        docx_document(s->markdown, s->len, &s->header, pictures, &p->document, &p->title, diags) !=
            0)
        return -1;
    content_types(&p->content_types, pictures);
    package_relationships(&p->package_rels);
    core_properties(&p->core, p->title.data ? p->title.data : "", s);
    app_properties(&p->app);
    document_relationships(&p->document_rels, pictures);
    settings(&p->settings);
    docx_page_header(&p->header, true);
    docx_page_header(&p->header_first, false);
    return 0;
}

static void free_parts(parts *p)
{
    buf *all[] = {&p->content_types, &p->package_rels,  &p->core,   &p->app,
                  &p->document,      &p->document_rels, &p->styles, &p->settings,
                  &p->header,        &p->header_first,  &p->title};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        buf_free(all[i]);
}

static void zip_parts(package *z, const parts *p, const docx_pictures *pictures)
{
    add_buf(z, "[Content_Types].xml", &p->content_types);
    add_buf(z, "_rels/.rels", &p->package_rels);
    add_buf(z, "docProps/core.xml", &p->core);
    add_buf(z, "docProps/app.xml", &p->app);
    add_buf(z, "word/document.xml", &p->document);
    add_buf(z, "word/_rels/document.xml.rels", &p->document_rels);
    add_buf(z, "word/styles.xml", &p->styles);
    add_buf(z, "word/settings.xml", &p->settings);
    add_buf(z, "word/header1.xml", &p->header);
    add_buf(z, "word/header2.xml", &p->header_first);
    for (size_t i = 0; i < pictures->count; i++) {
        char name[96];
        snprintf(name, sizeof name, "word/%s", pictures->items[i].part);
        add(z, name, pictures->items[i].png->data.data, pictures->items[i].png->data.len, false);
    }
}

static int write_package(const parts *p, const docx_pictures *pictures, const char *path,
                         diag_list *diags)
{
    package z = {zipOpen64(path, APPEND_STATUS_CREATE), path, diags, 0};
    if (!z.zip) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write the Word briefing: %s",
                 strerror(errno));
        return -1;
    }
    zip_parts(&z, p, pictures);
    int closed = zipClose(z.zip, NULL);
    if (closed != ZIP_OK)
        zip_failed(&z, "closing", closed);
    return z.failed ? -1 : 0;
}

int docx_write(const docx_source *s, const char *path, diag_list *diags)
{
    docx_pictures pictures = {.count = 0, .own = NULL};
    parts p = {0};
    int rc = s->charts ? docx_pictures_make(&pictures, s->charts, s->pngs, diags) : 0;
    if (rc == 0)
        rc = make_parts(s, &pictures, &p, diags);
    if (rc == 0)
        rc = write_package(&p, &pictures, path, diags);
    free_parts(&p);
    docx_pictures_free(&pictures);
    return rc;
}

int docx_output_writer(const char *path, const void *context, diag_list *diags)
{
    return docx_write(context, path, diags);
}
