#!/usr/bin/env python3
"""Synthetic submissions for the benchmark (make bench): a national roll-up of PROVINCES
provinces (the first of the 63 in roster63.csv) with LINES project lines each, for the periods
2023-09 and 2024-09, written into OUT_DIR as gen reads them:

    make_data.py OUT_DIR PROVINCES LINES

OUT_DIR gets roster.csv (the provinces), contents.csv (the shipped catalogue), and 2023-09/ and
2024-09/ with one file a province. The files rotate over the styles the contract accepts, as
Excel and LibreOffice save them: comma; semicolon with Vietnamese-locale numbers (2.675,5); tab;
UTF-8 with BOM and CRLF; UTF-16LE with BOM (Excel's "Unicode text"). Headers, column orders,
spellings of provinces, sources and contents, optional columns, quoting and grouped numbers vary
from file to file as they do in real submissions, and a few titles hold a line break.

The figures are made up (notes say so on part of the lines) and every file is valid: the
benchmark measures the full job, not error reporting. Deterministic: the same arguments write
the same bytes. Plain Python 3, no third-party module. Amounts are integers of thousand đồng
until they are formatted: no floating point reaches a written amount.
"""
import os
import random
import shutil
import sys
from multiprocessing import Pool

HERE = os.path.dirname(os.path.abspath(__file__))
PERIODS = ("2023-09", "2024-09")

CONTENT_CODES = ["%02d" % i for i in range(1, 13)]

# key -> header spellings of the header styles below
HEADERS = {
    "en": {"province": "province", "source": "source", "content": "content",
           "project": "project", "plan": "plan", "executed": "executed",
           "establishments": "establishments", "counterpart": "counterpart", "note": "note"},
    "vi": {"province": "Tỉnh", "source": "Nguồn kinh phí", "content": "Nội dung",
           "project": "Tên đề án", "plan": "Kế hoạch", "executed": "Thực hiện",
           "establishments": "Số cơ sở", "counterpart": "Vốn đối ứng", "note": "Ghi chú"},
    "vi_upper": {"province": "MÃ TỈNH", "source": "NGUỒN", "content": "NỘI DUNG",
                 "project": "ĐỀ ÁN", "plan": "KẾ HOẠCH", "executed": "THỰC HIỆN",
                 "establishments": "SỐ CƠ SỞ", "counterpart": "VỐN ĐỐI ỨNG", "note": "GHI CHÚ"},
    "snake": {"province": "ma_tinh", "source": "nguon_kinh_phi", "content": "noi_dung",
              "project": "ten_de_an", "plan": "ke_hoach", "executed": "thuc_hien",
              "establishments": "so_co_so", "counterpart": "von_doi_ung", "note": "ghi_chu"},
}

# The five file styles: encoding, line end, delimiter, number convention, header style.
STYLES = [
    dict(name="comma", enc="utf-8", eol="\n", delim=",", num="en", header="en"),
    dict(name="semicolon", enc="utf-8-bom", eol="\r\n", delim=";", num="vn", header="vi"),
    dict(name="tab", enc="utf-8", eol="\n", delim="\t", num="en", header="snake"),
    dict(name="bom-crlf", enc="utf-8-bom", eol="\r\n", delim=",", num="en", header="vi"),
    dict(name="utf16le", enc="utf-16-le", eol="\r\n", delim="\t", num="en", header="vi_upper"),
]

ORDERS = [
    ["province", "source", "content", "project", "plan", "executed", "establishments",
     "counterpart", "note"],
    ["province", "content", "project", "source", "plan", "executed", "establishments",
     "counterpart", "note"],
    ["content", "project", "province", "source", "executed", "plan", "counterpart",
     "establishments", "note"],
    ["project", "content", "source", "plan", "executed", "province", "note", "establishments",
     "counterpart"],
    ["province", "source", "content", "project", "note", "plan", "executed", "counterpart",
     "establishments"],
    ["province", "source", "content", "project", "plan", "executed"],
]

SOURCE_FORMS = [("KCQG", "KCĐP"), ("Quốc gia", "Địa phương"), ("KCQG", "KCDP"),
                ("national", "local"), ("kcqg", "kcđp"), ("QUỐC GIA", "ĐỊA PHƯƠNG")]

TEMPLATES = {
    "01": ["Đào tạo nghề {craft} cho lao động nông thôn tại {place}",
           "Truyền nghề {craft}, nâng cao tay nghề cho lao động {place}"],
    "02": ["Tập huấn nâng cao năng lực quản lý cho cơ sở công nghiệp nông thôn {place}",
           "Hội thảo chuyển đổi số, thương mại điện tử cho cơ sở {craft}"],
    "03": ["Xây dựng mô hình trình diễn kỹ thuật sản xuất {product} tại {firm}"],
    "04": ["Hỗ trợ ứng dụng {machine} vào sản xuất {product} tại {firm}",
           "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ {craft} tại {place}"],
    "05": ["Hỗ trợ xây dựng thương hiệu, thiết kế bao bì cho sản phẩm \"{product}\"",
           "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu: {product} của {firm}"],
    "06": ["Hỗ trợ {firm} tham gia hội chợ, triển lãm hàng công nghiệp nông thôn",
           "Xây dựng phòng trưng bày, giới thiệu sản phẩm {product} tại {place}"],
    "07": ["Tư vấn lập hồ sơ đề án, thủ tục đầu tư cho {firm}",
           "Tư vấn thiết kế mẫu mã, nhãn hiệu cho sản phẩm {product}"],
    "08": ["Xây dựng bản tin, phóng sự tuyên truyền khuyến công về nghề {craft}"],
    "09": ["Liên kết cơ sở sản xuất {product} với hợp tác xã, doanh nghiệp tiêu thụ",
           "Hỗ trợ lập quy hoạch chi tiết, hạ tầng cụm công nghiệp {place}"],
    "10": ["Hỗ trợ xử lý ô nhiễm môi trường, nước thải tại {firm}",
           "Hỗ trợ di dời cơ sở {craft} gây ô nhiễm vào cụm công nghiệp {place}"],
    "11": ["Tham quan, học tập kinh nghiệm sản xuất {product} ở nước ngoài"],
    "12": ["Tập huấn nghiệp vụ khuyến công cho cán bộ {place}",
           "Kiểm tra, giám sát, hướng dẫn thực hiện đề án khuyến công tại {place}"],
}
CRAFTS = ["mộc mỹ nghệ", "sơn mài", "gốm đỏ", "dệt thổ cẩm", "đan lục bình", "chế biến nước mắm",
          "chế biến hạt điều", "làm bánh tráng", "may công nghiệp", "chế biến nông sản",
          "mây tre đan", "rèn", "chạm khắc đá", "dệt chiếu", "chế biến chè", "làm hương",
          "chế biến thủy sản", "sản xuất muối sạch", "đúc đồng", "làm nón lá"]
PRODUCTS = ["gạo thơm", "nước mắm", "chè búp", "bánh tráng", "thảm xơ dừa", "kẹo dừa",
            "mật ong rừng", "hạt điều rang muối", "gốm mỹ nghệ", "chiếu cói", "mứt gừng",
            "miến dong", "tương bần", "cà phê bột", "đường thốt nốt", "khô cá",
            "nem chua", "bánh pía", "rượu cần", "nón lá"]
MACHINES = ["máy sấy bơm nhiệt", "máy CNC chế biến gỗ", "lò nung tiết kiệm năng lượng",
            "dây chuyền đóng gói tự động", "máy đóng gói hút chân không", "máy cắt laser",
            "hệ thống lò hơi", "máy dệt tự động", "máy ép viên", "dây chuyền xay xát"]
FIRMS = ["Hợp tác xã {n}", "Công ty TNHH {n}", "Cơ sở sản xuất {n}", "Doanh nghiệp tư nhân {n}",
         "Công ty cổ phần {n}"]
FIRM_NAMES = ["Minh Tâm", "Hồng Phúc", "Thanh Long", "Tân Tiến", "Phước Vĩnh", "Đại Phước",
              "Hưng Thịnh", "Út Thanh", "Văn Giáo", "Khải Hoàn", "Thuận Hưng", "An Khang",
              "Bảo Ngọc", "Hoàng Phát", "Đông Hải", "Năm Căn"]
PLACES = ["xã {v}, huyện {d}", "thị trấn {v}", "phường {v}", "huyện {d}", "xã {v}"]
VILLAGES = ["Tân Phú", "An Bình", "Phú Mỹ", "Hòa Lợi", "Long Hưng", "Thạnh Lộc", "Mỹ Xuyên",
            "Đông Hòa", "Bình Minh", "Tân Thành", "Phước Hải", "Vĩnh Châu", "Hiệp Hòa",
            "Quảng Phú", "Nghĩa Đàn", "Yên Lạc"]
DISTRICTS = ["Châu Thành", "Phú Tân", "Long Mỹ", "Tam Nông", "Đông Anh", "Thạch Thất",
             "Krông Pắc", "Đức Trọng", "Hàm Thuận Bắc", "Cái Nước", "Mỏ Cày Nam", "Lai Vung"]
NOTES = ["", "", "", "", "Số liệu minh hoạ", "Số liệu minh hoạ", "Số liệu minh hoạ",
         "Chuyển tiếp từ năm trước", "Đã nghiệm thu", "Giải ngân đợt 1",
         "Theo Quyết định phê duyệt kế hoạch khuyến công, đợt 2"]
DECIMAL_STEPS = [1000, 1000, 1000, 1000, 100, 100, 10, 1]


def read_roster():
    with open(os.path.join(HERE, "roster63.csv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split(",", 2) for line in f][1:]
    return [(code, name, aliases.split(";")) for code, name, aliases in rows]


def read_contents(path):
    import csv
    with open(path, encoding="utf-8", newline="") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


def ascii_fold(s):
    import unicodedata
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def fmt_amount(th, num, group):
    """Thousand đồng as million VND in the file's convention: en "1,144.996" (grouped numbers
    are quoted, as the contract asks) / vn 1.144,996."""
    whole, frac = divmod(th, 1000)
    digits = str(whole)
    if group and whole >= 1000:
        digits = "{:,}".format(whole)
        if num == "vn":
            digits = digits.replace(",", ".")
    if frac:
        digits += ("." if num == "en" else ",") + ("%03d" % frac).rstrip("0")
    if num == "en" and "," in digits:
        return '"' + digits + '"'
    return digits


def quote(field, delim):
    if delim in field or '"' in field or "\n" in field or "\r" in field:
        return '"' + field.replace('"', '""') + '"'
    return field


def title_for(rng, content):
    place = rng.choice(PLACES).format(v=rng.choice(VILLAGES), d=rng.choice(DISTRICTS))
    firm = rng.choice(FIRMS).format(n=rng.choice(FIRM_NAMES))
    return rng.choice(TEMPLATES[content]).format(
        craft=rng.choice(CRAFTS), product=rng.choice(PRODUCTS), machine=rng.choice(MACHINES),
        firm=firm, place=place)


def file_style(index, period):
    """The style of the index-th province's file: rotates so each scale holds every style."""
    k = index + (1 if period == "2023-09" else 0)
    st = dict(STYLES[k % len(STYLES)])
    st["order"] = ORDERS[(index * 7 + k) % len(ORDERS)]
    st["sources"] = SOURCE_FORMS[(index * 5) % len(SOURCE_FORMS)]
    st["province_form"] = ("code", "name", "alias", "ascii")[(index * 3 + k) % 4]
    st["content_form"] = ("code", "name", "bare_code", "ascii_name", "mixed")[index % 5]
    st["group"] = index % 3 != 1
    return st


def province_text(rng, province, form):
    code, name, aliases = province
    if form == "code":
        return code
    if form == "name":
        return name
    if form == "alias":
        return rng.choice(aliases)
    return ascii_fold(name).upper()


def content_text(rng, code, form, contents):
    if form == "mixed":
        form = rng.choice(("code", "name", "bare_code"))
    if form == "code":
        return code
    if form == "bare_code":
        return str(int(code))
    if form == "name":
        return contents[code]
    return ascii_fold(contents[code]).lower()


def make_row(rng, st, province, contents, year):
    content = rng.choice(CONTENT_CODES)
    qg = rng.random() < 0.35
    title = title_for(rng, content)
    if rng.random() < 0.0005:
        title = title.replace(", ", ",\n", 1) if ", " in title else title + "\n(chuyển tiếp)"
    step = rng.choice(DECIMAL_STEPS)
    plan = max(step, rng.randrange(20_000, 3_000_000) // step * step)
    executed = 0 if rng.random() < 0.2 else plan * rng.randrange(0, 101) // 100 // step * step
    num, group = st["num"], st["group"]
    establishments = "" if rng.random() < 0.2 else str(rng.randrange(0, 60))
    counterpart = ""
    if rng.random() < 0.6:
        counterpart = fmt_amount(rng.randrange(0, 5_000_000) // step * step, num, group)
    note = rng.choice(NOTES)
    if note == "Chuyển tiếp từ năm trước":
        note = "Chuyển tiếp từ năm %d" % (year - 1)
    delim = st["delim"]
    return {
        "province": quote(province_text(rng, province, st["province_form"]), delim),
        "source": st["sources"][0 if qg else 1],
        "content": quote(content_text(rng, content, st["content_form"], contents), delim),
        "project": quote(title, delim),
        "plan": fmt_amount(plan, num, group),
        "executed": fmt_amount(executed, num, group),
        "establishments": establishments,
        "counterpart": counterpart,
        "note": quote(note, delim),
    }


def render_file(job):
    out_dir, period, index, province, lines, contents = job
    rng = random.Random("bench-%s-%s-%d" % (period, province[0], lines))
    st = file_style(index, period)
    delim, eol, cols = st["delim"], st["eol"], st["order"]
    header = HEADERS[st["header"]]
    year = int(period[:4])
    out = [delim.join(quote(header[k], delim) for k in cols)]
    for _ in range(lines):
        row = make_row(rng, st, province, contents, year)
        out.append(delim.join(row[k] for k in cols))
    text = eol.join(out) + eol
    if st["enc"] == "utf-16-le":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = (b"\xef\xbb\xbf" if st["enc"] == "utf-8-bom" else b"") + text.encode("utf-8")
    slug = ascii_fold(province[1]).lower().replace(" - ", "-").replace(" ", "-")
    path = os.path.join(out_dir, period, "%s-%s-%s.csv" % (province[0], slug, st["name"]))
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: make_data.py OUT_DIR PROVINCES LINES")
    out_dir, n_provinces, lines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    roster = read_roster()[:n_provinces]
    contents_path = os.path.join(HERE, "..", "..", "input", "contents.csv")
    contents = read_contents(contents_path)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "roster.csv"), "w", encoding="utf-8") as f:
        f.write("code,name,aliases\n")
        for code, name, aliases in roster:
            f.write("%s,%s,%s\n" % (code, quote(name, ","), quote(";".join(aliases), ",")))
    shutil.copyfile(contents_path, os.path.join(out_dir, "contents.csv"))
    jobs = []
    for period in PERIODS:
        folder = os.path.join(out_dir, period)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        jobs += [(out_dir, period, i, p, lines, contents) for i, p in enumerate(roster)]
    with Pool(os.cpu_count() or 1) as pool:
        sizes = pool.map(render_file, jobs)
    print("make_data: %s: %d provinces x %d lines x %d periods, %.1f MB" %
          (out_dir, len(roster), lines, len(PERIODS), sum(sizes) / 1e6))


if __name__ == "__main__":
    main()
