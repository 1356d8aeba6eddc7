#include "datapackage.h"

#include <stdbool.h>
#include <string.h>

#include "context.h"
#include "period.h"

/* A column: its machine name, Frictionless type, Vietnamese title and description, and the
 * unit of an amount (NULL otherwise). */
typedef struct field {
    const char *name;
    const char *type; /* "string", "number", "integer", "date", "boolean" */
    const char *title;
    const char *description;
    const char *unit;
    bool required;
} field;

#define MILLION "triệu đồng"
#define PERCENT "%"

#define FIELD_MONEY(name, title, what)                                                             \
    {name, "number", title " (triệu đồng)",                                                        \
     what ", triệu đồng (1 triệu đồng = 1.000.000 VND), chính xác đến nghìn đồng (ba chữ số "      \
          "thập phân, dấu chấm thập phân).",                                                       \
     MILLION, true}
#define FIELD_RATE(name, title, what)                                                              \
    {name, "number", title " (%)",                                                                 \
     what ", phần trăm, hai chữ số thập phân (dấu chấm thập phân); để trống khi không có mẫu "    \
          "số.",                                                                                   \
     PERCENT, false}

static const field region_fields[] = {
    {"source", "string", "Nguồn kinh phí",
     "KCQG: khuyến công quốc gia; KCĐP: khuyến công địa phương; Tổng: cả hai nguồn.", NULL, true},
    FIELD_MONEY("plan_million_vnd", "Kế hoạch năm", "Kế hoạch kinh phí năm được giao"),
    FIELD_MONEY("executed_million_vnd", "Thực hiện", "Kinh phí thực hiện từ đầu năm đến hết kỳ"),
    FIELD_RATE("execution_rate_percent", "Tỷ lệ thực hiện", "Thực hiện chia kế hoạch năm"),
    {"establishments", "integer", "Số cơ sở được hỗ trợ",
     "Số cơ sở công nghiệp nông thôn được hỗ trợ.", NULL, true},
    FIELD_MONEY("counterpart_million_vnd", "Vốn đối ứng", "Vốn đối ứng của các cơ sở"),
    FIELD_MONEY("previous_plan_million_vnd", "Kế hoạch năm trước",
                "Kế hoạch năm trước của các tỉnh, thành phố so sánh được (có báo cáo hợp lệ cả hai "
                "kỳ)"),
    FIELD_MONEY("previous_executed_million_vnd", "Thực hiện cùng kỳ năm trước",
                "Thực hiện cùng kỳ năm trước của các tỉnh, thành phố so sánh được"),
    {"comparable_provinces", "integer", "Số tỉnh, thành phố so sánh được",
     "Số tỉnh, thành phố có báo cáo hợp lệ ở cả kỳ này và cùng kỳ năm trước.", NULL, true},
};

#define FIELD_CODE(title) {"code", "string", "Mã", title, NULL, true}

static const field province_fields[] = {
    FIELD_CODE("Mã tỉnh, thành phố (mã đơn vị hành chính của Tổng cục Thống kê)."),
    {"name", "string", "Tỉnh, thành phố", "Tên tỉnh, thành phố.", NULL, true},
    {"status", "string", "Báo cáo kỳ này",
     "Tình trạng báo cáo của tỉnh, thành phố trong kỳ (đã nộp và được tính, bị loại, chưa nộp).",
     NULL, true},
    FIELD_MONEY("kcqg_plan_million_vnd", "Kế hoạch KCQG", "Kế hoạch năm, nguồn khuyến công quốc gia"),
    FIELD_MONEY("kcdp_plan_million_vnd", "Kế hoạch KCĐP",
                "Kế hoạch năm, nguồn khuyến công địa phương"),
    FIELD_MONEY("kcqg_executed_million_vnd", "Thực hiện KCQG",
                "Thực hiện đến hết kỳ, nguồn khuyến công quốc gia"),
    FIELD_MONEY("kcdp_executed_million_vnd", "Thực hiện KCĐP",
                "Thực hiện đến hết kỳ, nguồn khuyến công địa phương"),
    FIELD_MONEY("plan_million_vnd", "Tổng kế hoạch", "Kế hoạch năm, cả hai nguồn"),
    FIELD_MONEY("executed_million_vnd", "Tổng thực hiện", "Thực hiện đến hết kỳ, cả hai nguồn"),
    FIELD_RATE("execution_rate_percent", "Tỷ lệ thực hiện", "Thực hiện chia kế hoạch năm"),
    {"establishments", "integer", "Số cơ sở được hỗ trợ",
     "Số cơ sở công nghiệp nông thôn được hỗ trợ.", NULL, true},
    FIELD_MONEY("counterpart_million_vnd", "Vốn đối ứng", "Vốn đối ứng của các cơ sở"),
    FIELD_RATE("same_period_ratio_percent", "Bằng % cùng kỳ",
               "Thực hiện chia thực hiện cùng kỳ năm trước (theo địa giới hiện nay); để trống khi "
               "tỉnh, thành phố không so sánh được"),
};

static const field content_fields[] = {
    FIELD_CODE("Mã nội dung khuyến công."),
    {"name", "string", "Nội dung khuyến công", "Tên nội dung khuyến công.", NULL, true},
    FIELD_MONEY("kcqg_plan_million_vnd", "Kế hoạch KCQG", "Kế hoạch năm, nguồn khuyến công quốc gia"),
    FIELD_MONEY("kcdp_plan_million_vnd", "Kế hoạch KCĐP",
                "Kế hoạch năm, nguồn khuyến công địa phương"),
    FIELD_MONEY("kcqg_executed_million_vnd", "Thực hiện KCQG",
                "Thực hiện đến hết kỳ, nguồn khuyến công quốc gia"),
    FIELD_MONEY("kcdp_executed_million_vnd", "Thực hiện KCĐP",
                "Thực hiện đến hết kỳ, nguồn khuyến công địa phương"),
    FIELD_MONEY("plan_million_vnd", "Tổng kế hoạch", "Kế hoạch năm, cả hai nguồn"),
    FIELD_MONEY("executed_million_vnd", "Tổng thực hiện", "Thực hiện đến hết kỳ, cả hai nguồn"),
    FIELD_RATE("execution_rate_percent", "Tỷ lệ thực hiện", "Thực hiện chia kế hoạch năm"),
    {"establishments", "integer", "Số cơ sở được hỗ trợ",
     "Số cơ sở công nghiệp nông thôn được hỗ trợ.", NULL, true},
    FIELD_MONEY("counterpart_million_vnd", "Vốn đối ứng", "Vốn đối ứng của các cơ sở"),
};

static const field project_fields[] = {
    {"province_code", "string", "Mã tỉnh", "Mã tỉnh, thành phố báo cáo (xem provinces.csv).",
     NULL, true},
    {"province", "string", "Tỉnh, thành phố", "Tên tỉnh, thành phố báo cáo.", NULL, true},
    {"source", "string", "Nguồn kinh phí",
     "KCQG: khuyến công quốc gia; KCĐP: khuyến công địa phương.", NULL, true},
    {"content_code", "string", "Mã nội dung", "Mã nội dung khuyến công (xem contents.csv).", NULL,
     true},
    {"content", "string", "Nội dung khuyến công", "Tên nội dung khuyến công.", NULL, true},
    {"project", "string", "Tên đề án",
     "Tên đề án như tỉnh báo cáo (văn bản bắt đầu bằng =, +, -, @ được thêm dấu ' ở đầu để bảng "
     "tính không chạy như công thức).",
     NULL, true},
    FIELD_MONEY("plan_million_vnd", "Kế hoạch năm", "Kế hoạch năm của đề án"),
    FIELD_MONEY("executed_million_vnd", "Thực hiện", "Thực hiện đến hết kỳ của đề án"),
    {"establishments", "integer", "Số cơ sở được hỗ trợ",
     "Số cơ sở công nghiệp nông thôn được đề án hỗ trợ (0 khi tỉnh không ghi).", NULL, true},
    FIELD_MONEY("counterpart_million_vnd", "Vốn đối ứng",
                "Vốn đối ứng của các cơ sở (0 khi tỉnh không ghi)"),
    {"note", "string", "Ghi chú", "Ghi chú của tỉnh (có thể trống).", NULL, false},
    {"file", "string", "Tệp", "Tệp báo cáo, theo đường dẫn trong thư mục dữ liệu đầu vào.", NULL,
     true},
    {"line", "integer", "Dòng", "Dòng của đề án trong tệp báo cáo.", NULL, true},
};

static const field change_fields[] = {
    {"previous_period", "string", "Kỳ năm trước", "Kỳ so sánh (YYYY-MM).", NULL, true},
    {"previous_code", "string", "Mã tỉnh năm trước", "Mã tỉnh, thành phố ở kỳ năm trước.", NULL,
     true},
    {"previous_name", "string", "Tỉnh, thành phố năm trước",
     "Tên tỉnh, thành phố ở kỳ năm trước.", NULL, true},
    {"previous_status", "string", "Báo cáo năm trước", "Tình trạng báo cáo ở kỳ năm trước.", NULL,
     true},
    FIELD_MONEY("previous_plan_million_vnd", "Kế hoạch năm trước", "Kế hoạch năm ở kỳ năm trước"),
    FIELD_MONEY("previous_executed_million_vnd", "Thực hiện năm trước",
                "Thực hiện đến hết kỳ năm trước"),
    {"code", "string", "Mã tỉnh hiện nay",
     "Mã tỉnh, thành phố hiện nay giữ địa giới đó; trống khi địa giới đã ra khỏi khu vực.", NULL,
     false},
    {"name", "string", "Tỉnh, thành phố hiện nay", "Tên tỉnh, thành phố hiện nay giữ địa giới đó.",
     NULL, false},
    {"since", "date", "Từ ngày", "Ngày địa giới chuyển sang tỉnh, thành phố hiện nay (YYYY-MM-DD).",
     NULL, false},
    {"left_region", "boolean", "Ra khỏi khu vực",
     "yes: địa giới đã ra khỏi khu vực phía Nam; no: vẫn trong khu vực.", NULL, true},
    {"went_to_code", "string", "Mã tỉnh chuyển đến",
     "Mã tỉnh (ngoài khu vực) nhận địa giới, khi đã ra khỏi khu vực.", NULL, false},
    {"went_to_name", "string", "Tỉnh chuyển đến",
     "Tên tỉnh (ngoài khu vực) nhận địa giới, khi đã ra khỏi khu vực.", NULL, false},
};

static const field period_fields[] = {
    {"period", "string", "Kỳ báo cáo",
     "Mã kỳ YYYY-MM: năm và tháng cuối của kỳ (2024-09: 9 tháng năm 2024).", NULL, true},
    {"illustrative", "boolean", "Số liệu minh hoạ",
     "yes: số liệu của kỳ là số liệu minh hoạ, không phải số liệu chính thức, không trích dẫn; "
     "no: số liệu theo báo cáo.",
     NULL, true},
    {"label", "string", "Tên kỳ", "Tên kỳ báo cáo bằng lời (9 tháng năm 2024, năm 2024).", NULL,
     true},
    {"data_until", "date", "Số liệu đến ngày", "Ngày cuối của kỳ báo cáo (YYYY-MM-DD).", NULL,
     true},
    {"conference", "string", "Hội nghị", "Tên hội nghị (trống khi không ghi).", NULL, false},
    {"place", "string", "Địa điểm", "Nơi tổ chức hội nghị (trống khi không ghi).", NULL, false},
    {"date", "date", "Ngày hội nghị", "Ngày tổ chức hội nghị, YYYY-MM-DD (trống khi không ghi).",
     NULL, false},
    {"issuer", "string", "Cơ quan ban hành",
     "Cơ quan ban hành tài liệu (trống khi không ghi).", NULL, false},
};

/* ------------------------------------------------------------------ programme reports */

#define FIELD_MONEY_OPT(name, title, what)                                                         \
    {name, "number", title " (triệu đồng)",                                                        \
     what ", triệu đồng (1 triệu đồng = 1.000.000 VND), chính xác đến nghìn đồng (ba chữ số "      \
          "thập phân, dấu chấm thập phân); để trống khi năm đó chưa có số liệu.",                   \
     MILLION, false}

/* The columns by source that years.csv, provinces.csv and contents.csv share (SOURCE_COLUMNS of
 * programme_files.c); in years.csv a year without a period leaves them empty. */
#define PROGRAMME_SOURCE_FIELDS(MONEY)                                                             \
    MONEY("kcqg_plan_million_vnd", "Kế hoạch KCQG", "Kế hoạch năm, nguồn khuyến công quốc gia"),  \
        MONEY("kcqg_executed_million_vnd", "Thực hiện KCQG",                                       \
              "Thực hiện, nguồn khuyến công quốc gia"),                                            \
        MONEY("kcdp_plan_million_vnd", "Kế hoạch KCĐP",                                            \
              "Kế hoạch năm, nguồn khuyến công địa phương"),                                       \
        MONEY("kcdp_executed_million_vnd", "Thực hiện KCĐP",                                       \
              "Thực hiện, nguồn khuyến công địa phương"),                                          \
        MONEY("plan_million_vnd", "Tổng kế hoạch", "Kế hoạch, cả hai nguồn"),                      \
        MONEY("executed_million_vnd", "Tổng thực hiện", "Thực hiện, cả hai nguồn"),                \
        FIELD_RATE("execution_rate_percent", "Tỷ lệ thực hiện", "Thực hiện chia kế hoạch"),        \
        {"establishments", "integer", "Số cơ sở được hỗ trợ",                                      \
         "Số cơ sở công nghiệp nông thôn được hỗ trợ (cộng theo đề án).", NULL, false},            \
        MONEY("counterpart_million_vnd", "Vốn đối ứng", "Vốn đối ứng của các cơ sở")

static const field programme_region_fields[] = {
    {"source", "string", "Nguồn kinh phí",
     "KCQG: khuyến công quốc gia; KCĐP: khuyến công địa phương; Tổng: cả hai nguồn.", NULL, true},
    FIELD_MONEY("plan_million_vnd", "Kế hoạch", "Kế hoạch kinh phí cộng các năm có số liệu"),
    FIELD_MONEY("executed_million_vnd", "Thực hiện", "Kinh phí thực hiện cộng các năm có số liệu"),
    FIELD_RATE("execution_rate_percent", "Tỷ lệ thực hiện", "Thực hiện chia kế hoạch"),
    {"establishments", "integer", "Số cơ sở được hỗ trợ",
     "Số cơ sở công nghiệp nông thôn được hỗ trợ, cộng các năm.", NULL, true},
    FIELD_MONEY("counterpart_million_vnd", "Vốn đối ứng", "Vốn đối ứng của các cơ sở, cộng các năm"),
    {"years_counted", "integer", "Số năm có số liệu", "Số năm của chương trình có kỳ số liệu.",
     NULL, true},
    {"years_in_programme", "integer", "Số năm của chương trình", "Số năm của chương trình.", NULL,
     true},
};

static const field programme_year_fields[] = {
    {"year", "integer", "Năm", "Năm của chương trình.", NULL, true},
    {"period", "string", "Kỳ số liệu",
     "Kỳ báo cáo lấy số liệu của năm (YYYY-MM: cả năm là tháng 12); trống khi chưa có số liệu.",
     NULL, false},
    {"valid_provinces", "integer", "Báo cáo hợp lệ",
     "Số tỉnh, thành phố có báo cáo hợp lệ trong kỳ đó.", NULL, false},
    {"provinces", "integer", "Số tỉnh, thành phố", "Số tỉnh, thành phố của khu vực trong kỳ đó.",
     NULL, false},
    PROGRAMME_SOURCE_FIELDS(FIELD_MONEY_OPT),
    FIELD_RATE("kcqg_share_percent", "Tỷ trọng KCQG trong thực hiện",
               "Kinh phí thực hiện nguồn KCQG chia tổng kinh phí thực hiện"),
    FIELD_RATE("executed_change_percent", "Thực hiện so với năm trước",
               "Mức tăng (số dương), giảm (số âm) của kinh phí thực hiện so với năm trước, trên "
               "các tỉnh, thành phố có số liệu cả hai năm"),
    FIELD_RATE("plan_change_percent", "Kế hoạch so với năm trước",
               "Mức tăng (số dương), giảm (số âm) của kế hoạch so với năm trước, trên các tỉnh, "
               "thành phố có số liệu cả hai năm"),
    {"comparable_provinces", "integer", "Số tỉnh, thành phố so sánh được",
     "Số tỉnh, thành phố có báo cáo hợp lệ cả năm đó và năm trước; trống khi không so sánh.", NULL,
     false},
};

static const field programme_province_fields[] = {
    FIELD_CODE("Mã tỉnh, thành phố (mã đơn vị hành chính của Tổng cục Thống kê)."),
    {"name", "string", "Tỉnh, thành phố", "Tên tỉnh, thành phố.", NULL, true},
    {"in_region_now", "boolean", "Thuộc khu vực hiện nay",
     "yes: tỉnh, thành phố của khu vực ở kỳ cuối; no: địa giới đã ra khỏi khu vực.", NULL, true},
    {"left_to", "string", "Chuyển đến", "Tỉnh nhận địa giới khi địa giới đã ra khỏi khu vực.",
     NULL, false},
    PROGRAMME_SOURCE_FIELDS(FIELD_MONEY),
    {"every_year_valid", "boolean", "Đủ số liệu các năm",
     "yes: tỉnh (và mọi tỉnh hợp thành) có báo cáo hợp lệ mọi năm có số liệu.", NULL, true},
    {"includes", "string", "Gồm số liệu của",
     "Các tỉnh, thành phố trước sắp xếp có số liệu được cộng vào tỉnh này.", NULL, false},
};

static const field programme_content_fields[] = {
    FIELD_CODE("Mã nội dung khuyến công."),
    {"name", "string", "Nội dung khuyến công", "Tên nội dung khuyến công.", NULL, true},
    PROGRAMME_SOURCE_FIELDS(FIELD_MONEY),
};

typedef struct table {
    const char *name; /* the resource's name */
    const char *path; /* beside datapackage.json */
    const char *title;
    const char *description;
    const field *fields;
    size_t n_fields;
    const char *primary_key; /* JSON: a field name or an array */
    const char *foreign_keys; /* JSON array, or NULL */
} table;

#define FIELDS(a) a, sizeof a / sizeof a[0]

static const table tables[DATAPACKAGE_TABLES] = {
    [DATAPACKAGE_REGION] = {"region", "region.csv", "Toàn vùng theo nguồn kinh phí",
                            "Kế hoạch, thực hiện, tỷ lệ thực hiện, số cơ sở, vốn đối ứng của toàn "
                            "vùng theo nguồn KCQG, KCĐP và tổng; số năm trước trên các tỉnh, "
                            "thành phố so sánh được.",
                            FIELDS(region_fields), "\"source\"", NULL},
    [DATAPACKAGE_PROVINCES] = {"provinces", "provinces.csv", "Theo tỉnh, thành phố",
                               "Một dòng một tỉnh, thành phố của kỳ: tình trạng báo cáo và số "
                               "liệu theo nguồn. Tỉnh, thành phố chưa nộp hoặc bị loại (cột "
                               "status) không có số liệu: các ô số của dòng đó ghi 0.",
                               FIELDS(province_fields), "\"code\"", NULL},
    [DATAPACKAGE_CONTENTS] = {"contents", "contents.csv", "Theo nội dung khuyến công",
                              "Một dòng một nội dung khuyến công của danh mục.",
                              FIELDS(content_fields), "\"code\"", NULL},
    [DATAPACKAGE_PROJECTS] = {"projects", "projects.csv", "Các dòng đề án",
                              "Mọi dòng đề án của các báo cáo hợp lệ, theo thứ tự tỉnh và thứ tự "
                              "dòng trong tệp; cột file và line chỉ nơi lấy từng số liệu.",
                              FIELDS(project_fields), "[\"file\", \"line\"]",
                              "[{\"fields\": \"province_code\", \"reference\": {\"resource\": "
                              "\"provinces\", \"fields\": \"code\"}}, {\"fields\": "
                              "\"content_code\", \"reference\": {\"resource\": \"contents\", "
                              "\"fields\": \"code\"}}]"},
    [DATAPACKAGE_PERIOD] = {"period", "period.csv", "Kỳ báo cáo và hội nghị",
                            "Một dòng: mã và tên kỳ, ngày cuối kỳ, số liệu có phải minh hoạ hay "
                            "không, hội nghị, địa điểm, ngày và cơ quan ban hành như tệp "
                            "context.md của kỳ ghi.",
                            FIELDS(period_fields), "\"period\"", NULL},
    [DATAPACKAGE_CHANGES] = {"province_changes", "province_changes.csv",
                             "Tỉnh, thành phố năm trước và địa giới hiện nay",
                             "Mỗi tỉnh, thành phố của kỳ năm trước, số liệu khi đó và tỉnh, thành "
                             "phố hiện nay giữ địa giới đó (hoặc nơi địa giới chuyển đến ngoài khu "
                             "vực): cách số năm trước được quy đổi.",
                             FIELDS(change_fields), "\"previous_code\"",
                             "[{\"fields\": \"code\", \"reference\": {\"resource\": "
                             "\"provinces\", \"fields\": \"code\"}}]"},
};

static const table programme_tables[DATAPACKAGE_PROGRAMME_TABLES] = {
    [DATAPACKAGE_PROGRAMME_REGION] = {"region", "region.csv", "Cả giai đoạn theo nguồn kinh phí",
                                      "Kế hoạch, thực hiện, tỷ lệ thực hiện, số cơ sở, vốn đối "
                                      "ứng cộng các năm có số liệu, theo nguồn KCQG, KCĐP và tổng.",
                                      FIELDS(programme_region_fields), "\"source\"", NULL},
    [DATAPACKAGE_PROGRAMME_YEARS] = {"years", "years.csv", "Theo năm",
                                     "Một dòng một năm của chương trình: kỳ số liệu, số báo cáo "
                                     "hợp lệ, số liệu theo nguồn, so sánh với năm trước.",
                                     FIELDS(programme_year_fields), "\"year\"", NULL},
    [DATAPACKAGE_PROGRAMME_PROVINCES] = {"provinces", "provinces.csv",
                                         "Theo tỉnh, thành phố hiện nay",
                                         "Các tỉnh, thành phố của kỳ cuối (số liệu các tỉnh trước "
                                         "sắp xếp cộng vào tỉnh nhận địa giới), rồi các địa giới đã "
                                         "ra khỏi khu vực.",
                                         FIELDS(programme_province_fields), NULL, NULL},
    [DATAPACKAGE_PROGRAMME_CONTENTS] = {"contents", "contents.csv", "Theo nội dung khuyến công",
                                        "Một dòng một nội dung khuyến công, cộng các năm.",
                                        FIELDS(programme_content_fields), "\"code\"", NULL},
};

void datapackage_header(buf *out, datapackage_table t)
{
    for (size_t i = 0; i < tables[t].n_fields; i++)
        buf_printf(out, "%s%s", i ? "," : "", tables[t].fields[i].name);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void json_string(buf *out, const char *s)
{
    buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_printf(out, "\\%c", *p);
        else if (*p < 0x20)
            buf_printf(out, "\\u%04x", *p);
        else
            buf_putc(out, (char)*p);
    }
    buf_putc(out, '"');
}

static void json_member(buf *out, const char *indent, const char *key, const char *value,
                        bool last)
{
    buf_printf(out, "%s\"%s\": ", indent, key);
    json_string(out, value);
    buf_puts(out, last ? "\n" : ",\n");
}

static void write_field(buf *out, const field *f, bool last)
{
    const char *in = "            ";
    buf_puts(out, "          {\n");
    json_member(out, in, "name", f->name, false);
    json_member(out, in, "type", f->type, false);
    if (!strcmp(f->type, "boolean"))
        buf_printf(out, "%s\"trueValues\": [\"yes\"],\n%s\"falseValues\": [\"no\"],\n", in, in);
    if (f->unit)
        json_member(out, in, "unit", f->unit, false);
    json_member(out, in, "title", f->title, false);
    json_member(out, in, "description", f->description, false);
    buf_printf(out, "%s\"constraints\": {\"required\": %s}\n", in, f->required ? "true" : "false");
    buf_printf(out, "          }%s\n", last ? "" : ",");
}

static void write_resource(buf *out, const table *t, bool last)
{
    const char *in = "      ";
    buf_puts(out, "    {\n");
    json_member(out, in, "name", t->name, false);
    json_member(out, in, "path", t->path, false);
    json_member(out, in, "profile", "tabular-data-resource", false);
    json_member(out, in, "title", t->title, false);
    json_member(out, in, "description", t->description, false);
    json_member(out, in, "format", "csv", false);
    json_member(out, in, "mediatype", "text/csv", false);
    json_member(out, in, "encoding", "utf-8", false);
    buf_printf(out, "%s\"dialect\": {\"delimiter\": \",\", \"lineTerminator\": \"\\r\\n\", "
                    "\"quoteChar\": \"\\\"\", \"doubleQuote\": true, \"header\": true},\n",
               in);
    buf_printf(out, "%s\"schema\": {\n%s  \"fields\": [\n", in, in);
    for (size_t i = 0; i < t->n_fields; i++)
        write_field(out, &t->fields[i], i + 1 == t->n_fields);
    buf_printf(out, "%s  ],\n%s  \"missingValues\": [\"\"]", in, in);
    if (t->primary_key)
        buf_printf(out, ",\n%s  \"primaryKey\": %s", in, t->primary_key);
    if (t->foreign_keys)
        buf_printf(out, ",\n%s  \"foreignKeys\": %s", in, t->foreign_keys);
    buf_printf(out, "\n%s}\n    }%s\n", in, last ? "" : ",");
}

void datapackage_build(buf *out, const region *r)
{
    const period *p = r->current;
    buf label = BUF_INIT, text = BUF_INIT;
    period_label(&label, p->year, p->month);
    const char *in = "  ";
    buf_puts(out, "{\n");
    json_member(out, in, "profile", "tabular-data-package", false);
    buf_printf(&text, "khuyen-cong-phia-nam-%s", p->name);
    json_member(out, in, "name", text.data, false);
    buf_clear(&text);
    buf_printf(&text, "Kinh phí khuyến công khu vực phía Nam, %s", label.data);
    json_member(out, in, "title", text.data, false);
    buf_clear(&text);
    buf_printf(&text,
               "Kế hoạch và thực hiện kinh phí khuyến công quốc gia (KCQG) và địa phương (KCĐP) "
               "của %zu tỉnh, thành phố khu vực phía Nam, %s, tổng hợp từ báo cáo của các Sở Công "
               "Thương: toàn vùng, theo tỉnh, thành phố, theo nội dung và từng dòng đề án. Số tiền "
               "bằng triệu đồng, dấu chấm thập phân; tệp CSV mã UTF-8 (có BOM), phân tách bằng dấu "
               "phẩy. Mở bằng Excel: Data › From Text/CSV, File Origin 65001: Unicode (UTF-8), "
               "Delimiter: Comma.",
               p->n_roster, label.data);
    json_member(out, in, "description", text.data, false);
    buf_printf(out,
               "%s\"keywords\": [\"khuyến công\", \"KCQG\", \"KCĐP\", \"phía Nam\", \"%s\"],\n", in,
               p->name);
    buf_printf(out, "%s\"licenses\": [{\"name\": \"CC-BY-4.0\", \"path\": "
                    "\"https://creativecommons.org/licenses/by/4.0/\", \"title\": \"Creative "
                    "Commons Attribution 4.0\"}],\n",
               in);
    buf_printf(out, "%s\"sources\": [{\"title\": \"Báo cáo kinh phí khuyến công của Sở Công "
                    "Thương các tỉnh, thành phố khu vực phía Nam, %s\"}],\n",
               in, label.data);
    const period_context *c = r->context;
    buf_printf(out, "%s\"contributors\": [{\"title\": ", in);
    json_string(out, c && c->present && c->issuer && *c->issuer ? c->issuer
                                                                  : DATAPACKAGE_DEFAULT_PUBLISHER);
    buf_puts(out, ", \"role\": \"publisher\"}],\n");
    buf_printf(out, "%s\"resources\": [\n", in);
    size_t n = r->previous && r->changed ? DATAPACKAGE_TABLES : DATAPACKAGE_CHANGES;
    for (size_t i = 0; i < n; i++)
        write_resource(out, &tables[i], i + 1 == n);
    buf_printf(out, "%s]\n}\n", in);
    buf_free(&label);
    buf_free(&text);
}

void datapackage_programme_header(buf *out, datapackage_programme_table t)
{
    for (size_t i = 0; i < programme_tables[t].n_fields; i++)
        buf_printf(out, "%s%s", i ? "," : "", programme_tables[t].fields[i].name);
}

void datapackage_programme_build(buf *out, const char *code, const char *name, const char *span)
{
    const char *in = "  ";
    buf text = BUF_INIT;
    buf_puts(out, "{\n");
    json_member(out, in, "profile", "tabular-data-package", false);
    buf_printf(&text, "khuyen-cong-phia-nam-%s", code);
    json_member(out, in, "name", text.data, false);
    buf_clear(&text);
    buf_printf(&text, "%s: kinh phí khuyến công khu vực phía Nam %s", name, span);
    json_member(out, in, "title", text.data, false);
    buf_clear(&text);
    buf_printf(&text,
               "Kế hoạch và thực hiện kinh phí khuyến công quốc gia (KCQG) và địa phương (KCĐP) "
               "của khu vực phía Nam, %s, cộng từ báo cáo năm của các Sở Công Thương: cả giai đoạn, "
               "theo năm, theo tỉnh, thành phố hiện nay và theo nội dung. Số tiền bằng triệu đồng, "
               "dấu chấm thập phân; tệp CSV mã UTF-8 (có BOM), phân tách bằng dấu phẩy. Mở bằng "
               "Excel: Data › From Text/CSV, File Origin 65001: Unicode (UTF-8), Delimiter: Comma.",
               span);
    json_member(out, in, "description", text.data, false);
    buf_printf(out, "%s\"keywords\": [\"khuyến công\", \"KCQG\", \"KCĐP\", \"phía Nam\", ", in);
    json_string(out, code);
    buf_puts(out, "],\n");
    buf_printf(out, "%s\"licenses\": [{\"name\": \"CC-BY-4.0\", \"path\": "
                    "\"https://creativecommons.org/licenses/by/4.0/\", \"title\": \"Creative "
                    "Commons Attribution 4.0\"}],\n",
               in);
    buf_clear(&text);
    buf_printf(&text, "Báo cáo kinh phí khuyến công của Sở Công Thương các tỉnh, thành phố khu vực "
                      "phía Nam, các năm %s",
               span);
    buf_printf(out, "%s\"sources\": [{\"title\": ", in);
    json_string(out, text.data);
    buf_puts(out, "}],\n");
    buf_printf(out, "%s\"contributors\": [{\"title\": ", in);
    json_string(out, DATAPACKAGE_DEFAULT_PUBLISHER);
    buf_puts(out, ", \"role\": \"publisher\"}],\n");
    buf_printf(out, "%s\"resources\": [\n", in);
    for (size_t i = 0; i < DATAPACKAGE_PROGRAMME_TABLES; i++)
        write_resource(out, &programme_tables[i], i + 1 == DATAPACKAGE_PROGRAMME_TABLES);
    buf_printf(out, "%s]\n}\n", in);
    buf_free(&text);
}
