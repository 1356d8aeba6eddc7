#!/usr/bin/env python3
"""Writes the input of the golden case `styles`: every submission style the contract accepts,
with amounts chosen so that every rounding in the briefing is sharp.

    python3 tests/golden/make_styles.py            (from the project root)

Twenty provinces, one to three lines each, one file per province in 2024-09, each file in a
different style (see STYLE below); 2023-09 is plain comma-separated UTF-8.

The region totals (thousand đồng, i.e. thousandths of a million VND) are fixed so that the
figures land exactly on a half at their rounding digit, where half away from zero, banker's
rounding and a naive floating-point round give different answers:

    KCQG   plan 22.000.000, executed  3.525.500  -> 3,5255 tỷ -> 3,526; 16,025 %  -> 16,03%
    KCĐP   plan 50.000.000, executed 17.462.500  -> 17,4625 tỷ -> 17,463; 34,925 % -> 34,93%
    total  plan 72.000.000, executed 20.988.000  -> 29,15 %   -> 29,2%
    2023   plan 76.800.000, executed 31.680.000  -> plan change -6,25 % -> giảm 6,3%;
                                                    same period 66,25 % -> 66,3%
    counterpart of one line 1.234.567,5 million   -> 1.234,5675 tỷ -> 1.234,568 (grouping)

The script checks these targets from its own reading of the cells it writes; the briefing's
figures were checked separately with tests/golden/verify.py, which reads the files with the
independent oracle tests/tools/independent_totals.py.
"""
import os
import shutil
import sys
import unicodedata
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CASE = os.path.join(HERE, "styles", "input")

EN = ["province", "source", "content", "project", "plan", "executed", "establishments",
      "counterpart", "note"]
VN = ["Tỉnh", "Nguồn kinh phí", "Nội dung", "Tên đề án", "Kế hoạch", "Thực hiện", "Số cơ sở",
      "Vốn đối ứng", "Ghi chú"]

# Each submission: file name, style options, header (spellings in file order, with the
# canonical key each stands for), rows as cell texts in canonical order
# (province, source, content, project, plan, executed, establishments, counterpart, note).
SUBMISSIONS = [
    # Comma, UTF-8, LF, English header, plain numbers.
    ("60-binh-thuan.csv", dict(delim=","), EN, [
        ["Bình Thuận", "KCQG", "01", "Đào tạo nghề chế biến nước mắm", "1000", "277.5", "12",
         "150.25", ""],
        ["Bình Thuận", "KCĐP", "06", "Hội chợ hàng công nghiệp nông thôn", "2000", "600", "",
         "", "Số liệu thử"],
    ]),
    # Semicolon, Vietnamese header, '.' groups thousands and ',' marks decimals.
    ("KC_70_202409.csv", dict(delim=";", quote_all=True), VN, [
        ["Bình Phước", "KCĐP", "03", "Mô hình chế biến hạt điều", "2.675,5", "1.070,2", "5",
         "1.500", ""],
        ["Bình Phước", "KCQG", "04", "Máy tách vỏ hạt điều", "1.324,5", "198,675", "1.200",
         "1.234.567,5", "vốn đối ứng lớn"],
    ]),
    # Tab, UTF-8, LF; optional cells left empty.
    ("SCT Tây Ninh.csv", dict(delim="\t"), EN, [
        ["Tây Ninh", "KCQG", "02", "Tập huấn quản trị", "850", "0", "", "", ""],
        ["Tây Ninh", "KCĐP", "05", "Bình chọn sản phẩm tiêu biểu", "1150", "460.5", "3", "80",
         ""],
    ]),
    # UTF-8 with BOM, CRLF, comma.
    ("BINH_DUONG_2024.csv", dict(delim=",", bom="utf-8", crlf=True), EN, [
        ["Bình Dương", "KCĐP", "08", "Chuyên mục khuyến công", "4000", "1500", "", "", ""],
        ["Bình Dương", "KCĐP", "09", "Hạ tầng cụm công nghiệp", "2000", "350.75", "4",
         "700.125", ""],
        ["Bình Dương", "KCQG", "10", "Xử lý nước thải", "1200", "240", "1", "900", ""],
    ]),
    # UTF-16LE with BOM, tab, CRLF: Excel's "Unicode text".
    ("DongNai_9T2024.txt.csv", dict(delim="\t", bom="utf-16-le", crlf=True), VN, [
        ["Đồng Nai", "KCĐP", "01", "Đào tạo nghề mộc mỹ nghệ", "3100", "1255.5", "4", "202.5",
         ""],
        ["Đồng Nai", "KCQG", "07", "Tư vấn chuyển đổi số", "900.125", "180.025", "6", "", ""],
    ]),
    # UTF-16BE with BOM, semicolon, CRLF.
    ("BRVT_9T2024.csv", dict(delim=";", bom="utf-16-be", crlf=True), VN, [
        ["BR-VT", "KCĐP", "11", "Học tập kinh nghiệm tại Thái Lan", "2.500", "626,25", "",
         "", ""],
    ]),
    # NFD spelling everywhere (header, province, source, content name); comma, LF.
    ("79-tp-hcm.csv", dict(delim=",", nfd=True), VN, [
        ["Thành phố Hồ Chí Minh", "địa phương", "Đào tạo nghề, truyền nghề",
         "Đào tạo nghề may công nghiệp", "5000", "1746.45", "2", "", ""],
        ["Thành phố Hồ Chí Minh", "địa phương",
         "Nâng cao năng lực quản lý và tổ chức thực hiện khuyến công", "Tập huấn cán bộ",
         "1500", "425", "", "", ""],
    ]),
    # RFC 4180 quoting: commas, doubled quotes and line breaks inside quoted fields; ','
    # grouping thousands inside quotes.
    ("long-an.csv", dict(delim=","), EN, [
        ["Long An", "KCQG", "Hỗ trợ ứng dụng máy móc tiên tiến, chuyển giao công nghệ",
         'Máy sấy "năng lượng mặt trời", giai đoạn 2\n(tiếp theo)', "1,250.5", "312.625", "2",
         "1,875.75", 'Ghi chú có dấu phẩy, ngoặc kép "x"\nvà xuống dòng'],
        ["Long An", "KCĐP", "06", "Phòng trưng bày sản phẩm", "1000", "255", "30", "45", ""],
    ]),
    # Header spellings: case, diacritics, '_' and '-' and spaces around.
    ("TIEN_GIANG.csv", dict(delim=","), ["TỈNH", "Nguồn_Kinh_Phí", "NỘI-DUNG", " ten de an ",
                                         "KẾ HOẠCH", "thuc_hien", "SỐ CƠ SỞ", "Vốn Đối Ứng",
                                         "GHI_CHÚ"], [
        ["tiền giang", "kcqg", "05", "Bình chọn sản phẩm", "1100", "220.5", "10", "", ""],
        ["TIỀN GIANG", "kcđp", "07", "Tư vấn nhãn hiệu", "900", "300", "", "", ""],
    ]),
    # Columns in another order.
    ("ben-tre.csv", dict(delim=",", order=[8, 5, 7, 4, 3, 2, 6, 1, 0]), EN, [
        ["Bến Tre", "KCĐP", "02", "Tập huấn thương mại điện tử", "1200", "420", "25", "12.5",
         "thứ tự cột khác"],
    ]),
    # Semicolon, BOM, CRLF, three decimals.
    ("TraVinh.csv", dict(delim=";", bom="utf-8", crlf=True), VN, [
        ["Trà Vinh", "KCQG", "03", "Mô hình se chỉ xơ dừa", "1.000,25", "150,125", "1", "300",
         ""],
        ["Trà Vinh", "KCĐP", "10", "Di dời cơ sở gây ô nhiễm", "1.499,75", "601,125", "1",
         "2.000", ""],
    ]),
    # UTF-16LE, tab, CRLF, an unknown column (a warning, not an error).
    ("VinhLong.csv", dict(delim="\t", bom="utf-16-le", crlf=True, extra="Người lập"), VN, [
        ["Vĩnh Long", "KCĐP", "09", "Liên kết tiêu thụ gạch gốm", "2000", "700", "6", "150",
         ""],
    ]),
    # Province alias; source spellings quốc gia, KCDP, local.
    ("dong-thap.csv", dict(delim=","), EN, [
        ["Tỉnh Đồng Tháp", "quốc gia", "01", "Truyền nghề làm nem", "1000", "200", "3", "", ""],
        ["Tỉnh Đồng Tháp", "KCDP", "02", "Tập huấn quản trị", "1200", "450", "40", "", ""],
        ["Tỉnh Đồng Tháp", "Local", "03", "Mô hình nem Lai Vung", "300", "75", "1", "120", ""],
    ]),
    # Province by code; content by name in capitals without diacritics; source national.
    ("an-giang.csv", dict(delim=","), EN, [
        ["89", "KCĐP", "HOI CHO, TRIEN LAM, PHONG TRUNG BAY SAN PHAM", "Hội chợ thổ cẩm",
         "1500", "375.5", "40", "", ""],
        ["89", "national", "hoi_cho, trien-lam,  phong trung bay san pham", "Gian hàng",
         "500", "125", "10", "", ""],
    ]),
    # Required columns only; no line end after the last row.
    ("kien-giang.csv", dict(delim=",", no_final_eol=True), EN[:6], [
        ["Kiên Giang", "KCQG", "08", "Bản tin khuyến công", "1400", "248.6"],
    ]),
    # Alias, NFD, tab, CRLF.
    ("can-tho.csv", dict(delim="\t", nfd=True, crlf=True), VN, [
        ["TP Cần Thơ", "KCĐP", "11", "Hội thảo hợp tác quốc tế", "2200", "880", "", "", ""],
        ["TP Cần Thơ", "KCQG", "12", "Kiểm tra, giám sát đề án", "800", "60", "", "", ""],
    ]),
    # UTF-16BE with BOM, tab, LF.
    ("hau-giang.csv", dict(delim="\t", bom="utf-16-be"), EN, [
        ["Hậu Giang", "KCĐP", "05", "Khóm sấy dẻo tiêu biểu", "1600", "480", "8", "", ""],
    ]),
    # Semicolon, no BOM, LF, three decimals with grouping.
    ("soc-trang.csv", dict(delim=";"), VN, [
        ["Sóc Trăng", "KCQG", "09", "Quy hoạch cụm công nghiệp An Hiệp", "1.234,567",
         "246,913", "", "", ""],
        ["Sóc Trăng", "KCĐP", "04", "Lò nướng bánh pía", "765,433", "300", "1", "450,5", ""],
    ]),
    # Comma; quoted amounts with ',' grouping thousands.
    ("bac-lieu.csv", dict(delim=",", quote_numbers=True), EN, [
        ["Bạc Liêu", "KCĐP", "08", "Tuyên truyền muối sạch", "2,000.000", "1,000.5", "", "", ""],
    ]),
    # Comma; lower case province; takes the remainder of the region targets.
    ("ca-mau.csv", dict(delim=","), EN, [
        ["cà mau", "KCQG", "10", "Xử lý ô nhiễm khô cá", None, None, "2", "600", ""],
        ["cà mau", "KCĐP", "12", "Tập huấn nghiệp vụ khuyến công", None, None, "", "", ""],
    ]),
]

M = 1000  # thousand đồng per million
TARGETS = {"KCQG": (22_000_000, 3_525_500), "KCĐP": (50_000_000, 17_462_500)}

# 2023-09: one plain line per province (plan, executed in million VND); the last takes the rest.
PREVIOUS = {"60": ("1500", "1000"), "70": ("4200", "1800"), "72": ("2100", "900"),
            "74": ("7900", "2600"), "75": ("4300", "2100"), "77": ("2800", "668"),
            "79": ("7000", "3100"), "80": ("2500", "800"), "82": ("2200", "700"),
            "83": ("1300", "500"), "84": ("2600", "900"), "86": ("2100", "1100"),
            "87": ("1600", "464"), "89": ("2000", "700"), "91": ("1500", "400"),
            "92": ("3100", "1300"), "93": ("1700", "700"), "94": ("2100", "800"),
            "95": ("2100", "900")}
PREVIOUS_TOTAL = (76_800_000, 31_680_000)
PROVINCE_NAMES = {"60": "Bình Thuận", "70": "Bình Phước", "72": "Tây Ninh", "74": "Bình Dương",
                  "75": "Đồng Nai", "77": "Bà Rịa - Vũng Tàu", "79": "Thành phố Hồ Chí Minh",
                  "80": "Long An", "82": "Tiền Giang", "83": "Bến Tre", "84": "Trà Vinh",
                  "86": "Vĩnh Long", "87": "Đồng Tháp", "89": "An Giang", "91": "Kiên Giang",
                  "92": "Cần Thơ", "93": "Hậu Giang", "94": "Sóc Trăng", "95": "Bạc Liêu",
                  "96": "Cà Mau"}


def amount(text, delim):
    """The cell as thousand đồng, read the way the file's convention says."""
    t = text.replace(".", "").replace(",", ".") if delim == ";" else text.replace(",", "")
    d = Decimal(t) * M
    assert d == int(d), text
    return int(d)


def million(th):
    whole, frac = divmod(th, M)
    return f"{whole}.{frac:03d}".rstrip("0").rstrip(".")


def fill_remainder():
    sums = {"KCQG": [0, 0], "KCĐP": [0, 0]}
    for _, opts, _, rows in SUBMISSIONS[:-1]:
        for r in rows:
            s = "KCQG" if r[1].lower() in ("kcqg", "quốc gia", "national") else "KCĐP"
            sums[s][0] += amount(r[4], opts["delim"])
            sums[s][1] += amount(r[5], opts["delim"])
    last = SUBMISSIONS[-1][3]
    for row, s in zip(last, ("KCQG", "KCĐP")):
        plan, done = TARGETS[s][0] - sums[s][0], TARGETS[s][1] - sums[s][1]
        assert plan > 0 and 0 <= done <= plan, (s, plan, done)
        row[4], row[5] = million(plan), million(done)


def quote(cell, delim, force=False):
    if force or any(c in cell for c in (delim, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def render(opts, header, rows):
    delim = opts["delim"]
    order = opts.get("order", list(range(len(header))))
    head = [header[i] for i in order]
    body = [[r[i] for i in order] for r in rows]
    if "extra" in opts:
        head.append(opts["extra"])
        body = [b + ["Nguyễn Văn A"] for b in body]
    numeric = {EN.index(k) for k in ("plan", "executed", "counterpart")}
    lines = [delim.join(quote(h, delim, opts.get("quote_all")) for h in head)]
    for b, r in zip(body, rows):
        cells = []
        for pos, cell in zip(order, b):
            force = opts.get("quote_all") or (opts.get("quote_numbers") and pos in numeric)
            cells.append(quote(cell, delim, force and cell != ""))
        cells += b[len(order):]
        lines.append(delim.join(cells))
    eol = "\r\n" if opts.get("crlf") else "\n"
    text = eol.join(line.replace("\n", eol) for line in lines)
    if not opts.get("no_final_eol"):
        text += eol
    if opts.get("nfd"):
        text = unicodedata.normalize("NFD", text)
    else:
        text = unicodedata.normalize("NFC", text)
    bom = opts.get("bom")
    if bom == "utf-8":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if bom == "utf-16-le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if bom == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode("utf-8")


def write_previous(folder):
    codes = sorted(PROVINCE_NAMES)
    plan_sum = sum(amount(p, ",") for p, _ in PREVIOUS.values())
    done_sum = sum(amount(d, ",") for _, d in PREVIOUS.values())
    rest = (million(PREVIOUS_TOTAL[0] - plan_sum), million(PREVIOUS_TOTAL[1] - done_sum))
    for code in codes:
        plan, done = PREVIOUS.get(code, rest)
        text = ("province,source,content,project,plan,executed\n"
                f"{code},KCĐP,01,Đề án năm 2023 của {PROVINCE_NAMES[code]},{plan},{done}\n")
        with open(os.path.join(folder, f"{code}-2023.csv"), "wb") as f:
            f.write(text.encode("utf-8"))


def main():
    if os.path.isdir(CASE):
        shutil.rmtree(CASE)
    for sub in ("2023-09", "2024-09"):
        os.makedirs(os.path.join(CASE, sub))
    for name in ("roster.csv", "contents.csv"):
        shutil.copyfile(os.path.join(ROOT, "input", name), os.path.join(CASE, name))
    fill_remainder()
    for name, opts, header, rows in SUBMISSIONS:
        with open(os.path.join(CASE, "2024-09", name), "wb") as f:
            f.write(render(opts, header, rows))
    write_previous(os.path.join(CASE, "2023-09"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
