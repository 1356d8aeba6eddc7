#!/usr/bin/env python3
"""Generates the shipped demo data of `gen`: input/roster.csv, input/contents.csv and one
submission per province for the periods 2023-09 and 2024-09.

    python3 tests/tools/make_demo.py [INPUT_DIR]      (default: input, beside tests/)

Deterministic: every choice comes from random.Random seeded with fixed strings, so running it
again rewrites byte-identical files. The two period folders are emptied of *.csv first.

The region totals are fixed by the 2024 southern-region khuyến công conference report
(shared/seed/), whose "91,301 tỷ đồng" is Vietnamese notation for 91.301 billion VND. In the
million VND of the files: 2024-09 plan 91301 (KCQG 32301 + KCĐP 59000), executed 25297
(KCQG 3933 + KCĐP 21364); 2023-09 plan 99354 (KCQG 32010 + KCĐP 67344: the 2023 year plan
reported for the region, which 2023-12 carries too) and executed 33956 (its split between the
two sources is ours). make_demo_years.py, run last, adds the year-end periods 2021-12 ...
2025-12 and input/programmes.csv.
Only Bình Dương's content-04 line of 2024-09 comes from the report (10 establishments,
2,675 million executed, 5,700 million counterpart); every other line is illustrative and says
so in its `note` column.

The 40 files are spread over the styles the contract accepts (encodings, BOM, line ends,
delimiters, number conventions, header spellings, column orders, province/source/content
spellings, optional columns); a summary of which file has which style is printed at the end.

Amounts are handled as integers in thousandths of a million VND (thousand đồng): no floating
point reaches a written amount.
"""
import os
import random
import sys
import unicodedata

# --------------------------------------------------------------------------- reference data

PROVINCES = [
    # code, name, aliases
    ("60", "Bình Thuận", ["Tỉnh Bình Thuận"]),
    ("70", "Bình Phước", ["Tỉnh Bình Phước"]),
    ("72", "Tây Ninh", ["Tỉnh Tây Ninh"]),
    ("74", "Bình Dương", ["Tỉnh Bình Dương"]),
    ("75", "Đồng Nai", ["Tỉnh Đồng Nai"]),
    ("77", "Bà Rịa - Vũng Tàu", ["Bà Rịa Vũng Tàu", "BR-VT", "BRVT", "Tỉnh Bà Rịa - Vũng Tàu",
                                 "Tỉnh Bà Rịa Vũng Tàu"]),
    ("79", "Thành phố Hồ Chí Minh", ["TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "TP HCM", "Hồ Chí Minh",
                                     "HCM", "TP Hồ Chí Minh"]),
    ("80", "Long An", ["Tỉnh Long An"]),
    ("82", "Tiền Giang", ["Tỉnh Tiền Giang"]),
    ("83", "Bến Tre", ["Tỉnh Bến Tre"]),
    ("84", "Trà Vinh", ["Tỉnh Trà Vinh"]),
    ("86", "Vĩnh Long", ["Tỉnh Vĩnh Long"]),
    ("87", "Đồng Tháp", ["Tỉnh Đồng Tháp"]),
    ("89", "An Giang", ["Tỉnh An Giang"]),
    ("91", "Kiên Giang", ["Tỉnh Kiên Giang"]),
    ("92", "Cần Thơ", ["TP. Cần Thơ", "Thành phố Cần Thơ", "TP Cần Thơ"]),
    ("93", "Hậu Giang", ["Tỉnh Hậu Giang"]),
    ("94", "Sóc Trăng", ["Tỉnh Sóc Trăng"]),
    ("95", "Bạc Liêu", ["Tỉnh Bạc Liêu"]),
    ("96", "Cà Mau", ["Tỉnh Cà Mau"]),
]
NAME = {c: n for c, n, _ in PROVINCES}
ALIASES = {c: a for c, _, a in PROVINCES}
CODES = [c for c, _, _ in PROVINCES]

CONTENTS = [
    ("01", "Đào tạo nghề, truyền nghề"),
    ("02", "Nâng cao năng lực quản lý cho cơ sở công nghiệp nông thôn"),
    ("03", "Xây dựng mô hình trình diễn kỹ thuật"),
    ("04", "Hỗ trợ ứng dụng máy móc tiên tiến, chuyển giao công nghệ"),
    ("05", "Phát triển sản phẩm công nghiệp nông thôn tiêu biểu"),
    ("06", "Hội chợ, triển lãm, phòng trưng bày sản phẩm"),
    ("07", "Tư vấn, cung cấp thông tin"),
    ("08", "Thông tin tuyên truyền về khuyến công"),
    ("09", "Liên doanh, liên kết, phát triển cụm công nghiệp"),
    ("10", "Hỗ trợ xử lý ô nhiễm, di dời cơ sở"),
    ("11", "Hợp tác quốc tế về khuyến công"),
    ("12", "Nâng cao năng lực quản lý và tổ chức thực hiện khuyến công"),
]
CONTENT_NAME = dict(CONTENTS)

# Region totals in thousandths of a million VND (i.e. thousand đồng).
M = 1000
TARGETS = {
    "2024-09": {"KCQG": (32301 * M, 3933 * M), "KCĐP": (59000 * M, 21364 * M)},
    # The 2023 totals (plan 99,354; executed 33,956) are from the report; the plan's split
    # (KCQG 32,010; KCĐP 67,344) is the 2023 year plan reported for the region (a year has one
    # plan: 2023-12 carries the same, make_demo_years.py); the split of the executed is ours.
    "2023-09": {"KCQG": (32010 * M, 7118 * M + 250), "KCĐP": (67344 * M, 26837 * M + 750)},
}
# The line that absorbs the rounding remainder of each period and source (province, source).
ABSORBER = {("2024-09", "KCQG"): "75", ("2024-09", "KCĐP"): "79",
            ("2023-09", "KCQG"): "80", ("2023-09", "KCĐP"): "75"}
# Provinces without KCQG project in a period (the national programme does not reach everyone).
NO_KCQG = {"2024-09": {"79", "77"}, "2023-09": {"79"}}
# Rough size of each province's programme.
WEIGHT = {"79": 2.2, "74": 1.6, "75": 1.6, "77": 1.2, "92": 1.2, "80": 1.1, "60": 1.0,
          "72": 0.9, "70": 0.9, "82": 1.0, "83": 1.0, "84": 0.8, "86": 0.8, "87": 1.0,
          "89": 1.0, "91": 1.0, "93": 0.7, "94": 0.8, "95": 0.7, "96": 0.8}

REPORT_NOTE = ("Số liệu theo báo cáo Hội nghị khuyến công các tỉnh, thành phố khu vực phía Nam "
               "lần thứ XIV (2024): 10 cơ sở, 2,675 tỷ đồng, vốn đối ứng 5,7 tỷ đồng")

# Local colour for the project titles.
LOCAL = {
    "60": dict(craft="chế biến nước mắm", product="nước mắm Phan Thiết", machine="máy sấy thanh long",
               firm='Cơ sở nước mắm "Hồng Phúc", xã Tiến Thành', place="huyện Hàm Thuận Bắc",
               cluster="Phú Long"),
    "70": dict(craft="chế biến hạt điều", product="nhân hạt điều", machine="máy tách vỏ hạt điều",
               firm="Công ty TNHH Điều Hoàng Phát, huyện Bù Đăng", place="xã Đa Kia, huyện Bù Gia Mập",
               cluster="Minh Hưng"),
    "72": dict(craft="làm bánh tráng phơi sương", product="bánh tráng phơi sương Trảng Bàng",
               machine="lò tráng bánh", firm="Cơ sở bánh tráng Út Hằng, thị xã Trảng Bàng",
               place="thị xã Trảng Bàng", cluster="Thanh Điền"),
    "74": dict(craft="sơn mài", product="sơn mài Tương Bình Hiệp", machine="lò nung gốm tiết kiệm năng lượng",
               firm="Cơ sở gốm Minh Tâm, thành phố Thủ Dầu Một", place="phường Tương Bình Hiệp",
               cluster="Tân Đông Hiệp"),
    "75": dict(craft="mộc mỹ nghệ", product="gốm Biên Hòa", machine="máy CNC chế biến gỗ",
               firm="Công ty TNHH Gỗ Tân Phú, huyện Trảng Bom", place="huyện Định Quán",
               cluster="Tân An"),
    "77": dict(craft="chế biến hải sản khô", product="hải sản khô Phước Hải", machine="máy sấy bơm nhiệt",
               firm="Hợp tác xã Hải sản Lộc An, huyện Đất Đỏ", place="thị trấn Phước Hải",
               cluster="Hắc Dịch"),
    "79": dict(craft="may công nghiệp", product="hàng may mặc", machine="máy cắt vải tự động",
               firm="Công ty TNHH Cơ khí Tân Tiến, huyện Củ Chi", place="huyện Cần Giờ",
               cluster="Lê Minh Xuân"),
    "80": dict(craft="làm gốm", product="gạo Nàng Thơm Chợ Đào", machine="dây chuyền xay xát gạo",
               firm="Công ty TNHH Gạo Phước Vĩnh, huyện Cần Đước", place="huyện Cần Giuộc",
               cluster="Hoàng Gia"),
    "82": dict(craft="đan lục bình", product="hủ tiếu Mỹ Tho", machine="máy sấy hủ tiếu",
               firm="Cơ sở hủ tiếu Thanh Hùng, thành phố Mỹ Tho", place="huyện Chợ Gạo",
               cluster="Trung An"),
    "83": dict(craft="đan giỏ cọng dừa", product="Kẹo dừa Bến Tre", machine="máy đóng gói kẹo dừa",
               firm="Cơ sở kẹo dừa Thanh Long, huyện Mỏ Cày Nam", place="huyện Giồng Trôm",
               cluster="Phong Nẫm"),
    "84": dict(craft="dệt chỉ xơ dừa", product="thảm xơ dừa", machine="máy se chỉ xơ dừa",
               firm="Hợp tác xã Xơ dừa Đại Phước, huyện Càng Long", place="huyện Cầu Kè",
               cluster="Phường 4"),
    "86": dict(craft="làm gốm đỏ", product="gạch gốm Mang Thít", machine="lò nung gạch tuynel",
               firm="Cơ sở gốm Hưng Thịnh, huyện Mang Thít", place="huyện Mang Thít",
               cluster="Hòa Phú"),
    "87": dict(craft="chế biến nem", product="nem Lai Vung", machine="máy đóng gói hút chân không",
               firm="Cơ sở nem Út Thanh, huyện Lai Vung", place="huyện Tháp Mười",
               cluster="Trường Xuân"),
    "89": dict(craft="dệt thổ cẩm", product="đường thốt nốt", machine="lò nấu đường thốt nốt",
               firm="Cơ sở dệt thổ cẩm Văn Giáo, thị xã Tịnh Biên", place="huyện Tri Tôn",
               cluster="Bình Long"),
    "91": dict(craft="chế biến nước mắm", product="nước mắm Phú Quốc", machine="hệ thống lọc nước mắm",
               firm="Công ty TNHH Nước mắm Khải Hoàn, thành phố Phú Quốc", place="huyện Châu Thành",
               cluster="Thạnh Lộc"),
    "92": dict(craft="làm bánh tráng", product="bánh tráng Thuận Hưng", machine="máy tráng bánh tự động",
               firm="Cơ sở bánh tráng Thuận Hưng, quận Thốt Nốt", place="quận Ô Môn",
               cluster="Trà Nóc"),
    "93": dict(craft="đan đát lục bình", product="khóm Cầu Đúc", machine="máy chế biến khóm sấy dẻo",
               firm="Hợp tác xã Khóm Cầu Đúc, thành phố Vị Thanh", place="huyện Long Mỹ",
               cluster="Tân Phú Thạnh"),
    "94": dict(craft="làm bánh pía", product="bánh pía Sóc Trăng", machine="lò nướng bánh pía",
               firm="Cơ sở bánh pía Tân Huê Viên, huyện Mỹ Xuyên", place="huyện Vĩnh Châu",
               cluster="An Hiệp"),
    "95": dict(craft="sản xuất muối sạch", product="muối Bạc Liêu", machine="máy nghiền, sấy muối",
               firm="Hợp tác xã Muối Đông Hải, huyện Đông Hải", place="thị xã Giá Rai",
               cluster="Trà Kha"),
    "96": dict(craft="chế biến khô cá", product="mật ong rừng U Minh", machine="máy sấy khô cá bằng năng lượng mặt trời",
               firm="Cơ sở khô cá Năm Căn, huyện Năm Căn", place="huyện U Minh",
               cluster="Khánh An"),
}

TITLES = {
    "01": ["Đào tạo nghề {craft} cho lao động nông thôn tại {place}",
           "Truyền nghề {craft}, nâng cao tay nghề cho lao động {place}"],
    "02": ["Tập huấn nâng cao năng lực quản lý, quản trị doanh nghiệp cho cơ sở công nghiệp nông thôn năm {year}",
           "Hội thảo chuyển đổi số, thương mại điện tử cho cơ sở công nghiệp nông thôn"],
    "03": ["Xây dựng mô hình trình diễn kỹ thuật sản xuất {product} tại {firm}"],
    "04": ["Hỗ trợ ứng dụng {machine} vào sản xuất {product} tại {firm}",
           "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ sản xuất {product}"],
    "05": ["Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp tỉnh năm {year}",
           'Hỗ trợ xây dựng thương hiệu, thiết kế bao bì cho sản phẩm "{product}"'],
    "06": ["Tổ chức Hội chợ Công Thương - hàng công nghiệp nông thôn tiêu biểu {name} năm {year}",
           "Hỗ trợ cơ sở công nghiệp nông thôn tham gia hội chợ, triển lãm trong và ngoài tỉnh",
           "Hỗ trợ xây dựng phòng trưng bày, giới thiệu sản phẩm {product}"],
    "07": ["Tư vấn lập hồ sơ đề án, thủ tục đầu tư, chuyển đổi số cho cơ sở công nghiệp nông thôn",
           "Tư vấn thiết kế mẫu mã, nhãn hiệu cho sản phẩm {product}"],
    "08": ['Xây dựng chuyên mục "Khuyến công {name}" trên Đài Phát thanh và Truyền hình',
           "Xây dựng bản tin, tờ rơi, trang thông tin điện tử tuyên truyền khuyến công năm {year}"],
    "09": ["Hỗ trợ lập quy hoạch chi tiết, hạ tầng cụm công nghiệp {cluster}",
           "Liên kết cơ sở sản xuất {product} với hợp tác xã, doanh nghiệp tiêu thụ"],
    "10": ["Hỗ trợ xử lý ô nhiễm môi trường, xử lý nước thải tại {firm}",
           "Hỗ trợ di dời cơ sở sản xuất gây ô nhiễm vào cụm công nghiệp {cluster}"],
    "11": ["Tham quan, học tập kinh nghiệm khuyến công tại Thái Lan",
           "Hội thảo hợp tác quốc tế về khuyến công với tổ chức JICA"],
    "12": ["Tập huấn nghiệp vụ, tham quan học tập kinh nghiệm cho cán bộ làm công tác khuyến công",
           "Kiểm tra, giám sát, hướng dẫn thực hiện đề án khuyến công năm {year}"],
}
# Contents the national programme usually funds, and the chance a line of them is KCQG.
KCQG_BIAS = {"01": 0.5, "02": 0.4, "03": 0.7, "04": 0.6, "05": 0.4, "06": 0.5, "07": 0.3,
             "08": 0.2, "09": 0.3, "10": 0.4, "11": 0.5, "12": 0.2}
ESTABLISHMENTS = {"01": (1, 5), "02": (10, 40), "03": (1, 1), "04": (1, 4), "05": (5, 30),
                  "06": (15, 80), "07": (3, 15), "09": (2, 12), "10": (1, 2)}
COUNTERPART = {"01": (0.05, 0.2), "02": (0.05, 0.2), "03": (1.2, 3.0), "04": (1.2, 3.0),
               "05": (0.2, 0.8), "06": (0.1, 0.5), "07": (0.1, 0.3), "09": (0.5, 1.5),
               "10": (1.0, 2.5)}

# ----------------------------------------------------------------------------- data lines


def round_to(th, step):
    """Round a non-negative thousandths amount to a multiple of `step`, half up."""
    return (th + step // 2) // step * step


def decimal_step(rng):
    r = rng.random()
    if r < 0.55:
        return 1000  # whole million
    if r < 0.70:
        return 100  # one decimal
    if r < 0.78:
        return 10  # two decimals
    return 1  # three decimals


def make_lines(period):
    """Returns {code: [line dict]} whose sums hit TARGETS[period] exactly."""
    year = period[:4]
    rng = random.Random("khuyen-cong-lines-" + period)
    lines = {}
    for code in CODES:
        n = rng.randint(3, 8)
        contents = rng.sample([c for c, _ in CONTENTS], n)
        contents.sort()
        srcs = []
        for c in contents:
            if code in NO_KCQG[period]:
                srcs.append("KCĐP")
            else:
                srcs.append("KCQG" if rng.random() < KCQG_BIAS[c] else "KCĐP")
        # Make sure both sources appear where both are meant to.
        if code not in NO_KCQG[period] and "KCQG" not in srcs:
            srcs[0] = "KCQG"
        if "KCĐP" not in srcs:
            srcs[-1] = "KCĐP"
        used_titles = set()
        rows = []
        for c, s in zip(contents, srcs):
            templates = TITLES[c]
            t = rng.choice(templates)
            if t in used_titles:
                t = templates[(templates.index(t) + 1) % len(templates)]
            used_titles.add(t)
            title = t.format(year=year, name=NAME[code], **LOCAL[code])
            rows.append(dict(source=s, content=c, project=title,
                             w=rng.uniform(0.4, 1.6) * WEIGHT[code], step=decimal_step(rng),
                             xstep=decimal_step(rng), rate=rng.random(), fixed=False))
        lines[code] = rows

    if period == "2024-09":
        # The one line taken from the report: Bình Dương, content 04, executed 2,675 million VND,
        # 10 establishments, 5,700 million counterpart. Plan (3,000) is ours.
        bd = [r for r in lines["74"] if r["content"] != "04"]
        bd.insert(0, dict(source="KCĐP", content="04",
                          project="Hỗ trợ ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ "
                                  "cho cơ sở công nghiệp nông thôn (sơn mài, gốm)",
                          fixed=True, plan=3000 * M, executed=2675 * M, establishments=10,
                          counterpart=5700 * M, note=REPORT_NOTE))
        lines["74"] = bd[:8]

    for source in ("KCQG", "KCĐP"):
        t_plan, t_exec = TARGETS[period][source]
        all_rows = [(code, r) for code in CODES for r in lines[code] if r["source"] == source]
        absorber_code = ABSORBER[(period, source)]
        absorber = next(r for code, r in all_rows if code == absorber_code and not r["fixed"])
        fixed = [r for _, r in all_rows if r["fixed"]]
        free = [r for _, r in all_rows if not r["fixed"] and r is not absorber]
        rem_plan = t_plan - sum(r["plan"] for r in fixed)
        rem_exec = t_exec - sum(r["executed"] for r in fixed)
        wsum = sum(r["w"] for r in free)
        for r in free:
            r["plan"] = max(50 * M, round_to(int(rem_plan * 0.92 * r["w"] / wsum), r["step"]))
        # Execution: the national programme is disbursed late; many KCQG lines show nothing yet.
        for r in free:
            if source == "KCQG":
                r["rate"] = 0.0 if r["rate"] < 0.35 else 0.05 + 0.45 * r["rate"]
            else:
                r["rate"] = 0.1 + 0.6 * r["rate"]
        raw = sum(r["plan"] * r["rate"] for r in free)
        scale = rem_exec * 0.9 / raw
        for r in free:
            x = round_to(int(r["plan"] * r["rate"] * scale), r["xstep"])
            r["executed"] = min(x, r["plan"])
        absorber["plan"] = rem_plan - sum(r["plan"] for r in free)
        absorber["executed"] = rem_exec - sum(r["executed"] for r in free)
        assert 0 <= absorber["executed"] <= absorber["plan"], (period, source, absorber)
        assert sum(r["plan"] for _, r in all_rows) == t_plan
        assert sum(r["executed"] for _, r in all_rows) == t_exec

    for code in CODES:
        for r in lines[code]:
            if r["fixed"]:
                continue
            c = r["content"]
            if c in ESTABLISHMENTS and rng.random() < 0.9:
                lo, hi = ESTABLISHMENTS[c]
                r["establishments"] = rng.randint(lo, hi)
            else:
                r["establishments"] = None
            if c in COUNTERPART and rng.random() < 0.9:
                lo, hi = COUNTERPART[c]
                r["counterpart"] = round_to(int(r["plan"] * rng.uniform(lo, hi)), rng.choice([1000, 1000, 100, 1]))
            else:
                r["counterpart"] = None
            r["note"] = None  # the file's note is filled in when writing
    return lines


# ------------------------------------------------------------------------------- file styles

KEYS = ["province", "source", "content", "project", "plan", "executed", "establishments",
        "counterpart", "note"]
HEADERS = {
    "en": KEYS,
    "en_cap": ["Province", "Source", "Content", "Project", "Plan", "Executed", "Establishments",
               "Counterpart", "Note"],
    "vi": ["Tỉnh", "Nguồn kinh phí", "Nội dung", "Tên đề án", "Kế hoạch", "Thực hiện", "Số cơ sở",
           "Vốn đối ứng", "Ghi chú"],
    "vi2": ["Mã tỉnh", "Nguồn", "Nội dung", "Đề án", "Kế hoạch", "Thực hiện", "Số cơ sở",
            "Vốn đối ứng", "Ghi chú"],
    "vi_up": ["TỈNH", "NGUỒN KINH PHÍ", "NỘI DUNG", "TÊN ĐỀ ÁN", "KẾ HOẠCH", "THỰC HIỆN", "SỐ CƠ SỞ",
              "VỐN ĐỐI ỨNG", "GHI CHÚ"],
    "snake": ["MA_TINH", "NGUON_KINH_PHI", "NOI_DUNG", "TEN_DE_AN", "KE_HOACH", "THUC_HIEN",
              "SO_CO_SO", "VON_DOI_UNG", "GHI_CHU"],
    "snake_l": ["tinh", "nguon", "noi_dung", "de_an", "ke_hoach", "thuc_hien", "so_co_so",
                "von_doi_ung", "ghi_chu"],
    "mix": [" Tỉnh ", "nguồn-kinh-phí", "Nội_dung", "Ten de an", "Kế Hoạch ", "thực_hiện", "Số Cơ Sở",
            "von-doi-ung", "Ghi chú"],
}
ORDERS = [
    KEYS,
    ["province", "content", "project", "source", "plan", "executed", "establishments", "counterpart", "note"],
    ["content", "project", "province", "source", "executed", "plan", "counterpart", "establishments", "note"],
    ["project", "content", "source", "plan", "executed", "province", "note", "establishments", "counterpart"],
    ["province", "source", "content", "project", "note", "plan", "executed", "counterpart", "establishments"],
]
SOURCE_FORMS = [("KCQG", "KCĐP"), ("Quốc gia", "Địa phương"), ("KCQG", "KCDP"), ("national", "local"),
                ("quốc gia", "địa phương"), ("kcqg", "kcđp"), ("QUỐC GIA", "ĐỊA PHƯƠNG"),
                ("National", "Local"), ("Quoc gia", "Dia phuong")]

# name: encoding, line end, delimiter, numbers ("en": '.' decimal; "vn": ',' decimal), headers
PROFILES = {
    "en":         dict(enc="utf-8", eol="\n", delim=",", num="en", headers=["en", "en_cap"],
                       desc="UTF-8, LF, comma, English headers, '.' decimals"),
    "excel_vn":   dict(enc="utf-8-bom", eol="\r\n", delim=";", num="vn", headers=["vi", "vi_up", "vi2", "mix"],
                       desc="UTF-8 BOM, CRLF, semicolon, Vietnamese-locale numbers (Excel, vi-VN)"),
    "excel_en":   dict(enc="utf-8-bom", eol="\r\n", delim=",", num="en", headers=["vi", "en_cap", "mix", "vi2"],
                       desc="UTF-8 BOM, CRLF, comma, '.' decimals (Excel CSV UTF-8)"),
    "tab":        dict(enc="utf-8", eol="\n", delim="\t", num="en", headers=["snake", "snake_l", "en"],
                       desc="UTF-8, LF, tab, '.' decimals"),
    "u16le":      dict(enc="utf-16-le", eol="\r\n", delim="\t", num="en", headers=["vi", "vi_up", "vi2"],
                       desc="UTF-16LE BOM, CRLF, tab (Excel Unicode text)"),
    "u16be":      dict(enc="utf-16-be", eol="\r\n", delim="\t", num="en", headers=["vi", "mix", "snake"],
                       desc="UTF-16BE BOM, CRLF, tab"),
    "libre_semi": dict(enc="utf-8", eol="\n", delim=";", num="vn", headers=["snake_l", "vi", "snake"],
                       desc="UTF-8, LF, semicolon, Vietnamese-locale numbers, text quoted (LibreOffice)"),
    "nfd":        dict(enc="utf-8", eol="\n", delim=",", num="en", headers=["vi", "vi2"],
                       desc="UTF-8 in NFD (decomposed), LF, comma, '.' decimals (macOS)"),
}
PROFILE_COUNTS = {"en": 6, "excel_vn": 6, "excel_en": 5, "tab": 5, "u16le": 6, "u16be": 3,
                  "libre_semi": 5, "nfd": 4}
PROVINCE_FORMS = ["code", "name", "alias", "ascii", "name", "alias", "code", "nfd"]
CONTENT_FORMS = ["code", "name", "mixed", "name_upper", "code", "name_ascii"]
OPTIONALS = ["all", "all", "no_cp", "all", "none", "all", "no_est", "all"]
NOTES = ["Số liệu minh hoạ", "Số liệu minh họa, không phải số liệu báo cáo thực tế",
         "Số liệu minh hoạ (demo)", "Số liệu minh hoạ; không dùng để báo cáo"]


def ascii_fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def slug(code):
    return {"79": "tp-hcm", "77": "ba-ria-vung-tau"}.get(
        code, ascii_fold(NAME[code]).lower().replace(" ", "-"))


def camel(code):
    return {"79": "TPHCM", "77": "BaRiaVungTau"}.get(code, ascii_fold(NAME[code]).replace(" ", ""))


def file_name(code, period, i):
    year = period[:4]
    patterns = [
        lambda: f"{code}-{slug(code)}.csv",
        lambda: f"{camel(code)}_9T{year}.csv",
        lambda: f"KC_{code}_{year}09.csv",
        lambda: f"bao-cao-khuyen-cong-{slug(code)}-9thang-{year}.csv",
        lambda: f"SCT {NAME[code]} - KC 9T{year}.csv",
        lambda: f"{slug(code).upper().replace('-', '_')}_KHUYENCONG_{year}.csv",
    ]
    return patterns[i % len(patterns)]()


def fmt_amount(th, num, group, fixed3):
    whole, frac = divmod(th, 1000)
    digits = str(whole)
    if group:
        sep = "," if num == "en" else "."
        parts = []
        while len(digits) > 3:
            parts.insert(0, digits[-3:])
            digits = digits[:-3]
        parts.insert(0, digits)
        digits = sep.join(parts)
    if fixed3:
        dec = f"{frac:03d}"
    else:
        dec = f"{frac:03d}".rstrip("0") if frac else ""
    if dec:
        digits += ("." if num == "en" else ",") + dec
    return digits


def province_text(code, form, rng):
    if form == "code":
        return code
    if form == "name":
        return NAME[code]
    if form == "alias":
        return rng.choice(ALIASES[code])
    if form == "ascii":
        return rng.choice([ascii_fold(NAME[code]).upper(), ascii_fold(NAME[code]).lower()])
    if form == "nfd":
        return unicodedata.normalize("NFD", NAME[code])
    raise ValueError(form)


def content_text(c, form, row_index):
    if form == "code" or (form == "mixed" and row_index % 2 == 0):
        return c
    if form in ("name", "mixed"):
        return CONTENT_NAME[c]
    if form == "name_upper":
        return CONTENT_NAME[c].upper()
    if form == "name_ascii":
        return ascii_fold(CONTENT_NAME[c])
    raise ValueError(form)


def quote(field, delim, force):
    if force or any(ch in field for ch in (delim, '"', "\r", "\n")):
        return '"' + field.replace('"', '""') + '"'
    return field


def plan_files():
    """Assigns a style to each of the 40 (period, province) files."""
    slots = [(p, c) for p in ("2023-09", "2024-09") for c in CODES]
    profiles = [name for name, n in PROFILE_COUNTS.items() for _ in range(n)]
    assert len(profiles) == len(slots)
    random.Random("khuyen-cong-profiles").shuffle(profiles)
    styles = {}
    counters = {}
    for i, (slot, prof) in enumerate(zip(slots, profiles)):
        k = counters.get(prof, 0)
        counters[prof] = k + 1
        p = PROFILES[prof]
        st = dict(profile=prof, **p)
        st["header"] = p["headers"][k % len(p["headers"])]
        st["order"] = ORDERS[(i * 3 + k) % len(ORDERS)]
        st["province_form"] = "name" if prof == "nfd" else PROVINCE_FORMS[(i * 5) % len(PROVINCE_FORMS)]
        if st["header"] in ("en", "en_cap") and i % 3 != 2:
            st["sources"] = SOURCE_FORMS[3] if i % 2 else SOURCE_FORMS[7]
        elif prof == "nfd":
            st["sources"] = SOURCE_FORMS[1] if k % 2 else SOURCE_FORMS[4]
        else:
            st["sources"] = SOURCE_FORMS[(i * 7) % len(SOURCE_FORMS)]
        st["content_form"] = ("name" if prof == "nfd" else CONTENT_FORMS[(i * 5 + 1) % len(CONTENT_FORMS)])
        st["optional"] = OPTIONALS[(i * 3) % len(OPTIONALS)]
        st["group"] = i % 3 != 1
        st["fixed3"] = i % 7 == 3
        st["quote_text"] = prof == "libre_semi" or i % 11 == 5
        st["final_eol"] = i != 13
        st["note"] = NOTES[i % len(NOTES)]
        st["file"] = file_name(slot[1], slot[0], i)
        styles[slot] = st
    return styles


# Where a title gets a line break inside its quoted field (period, code, line index).
LINE_BREAKS = {("2024-09", "82"): 1, ("2023-09", "96"): 0}
# Titles that get a pair of double quotes added, besides the templates that carry some.
QUOTED_TITLE_SUFFIX = {("2024-09", "83"), ("2023-09", "70"), ("2024-09", "89")}


def render(period, code, rows, st, rng):
    delim, eol, num = st["delim"], st["eol"], st["num"]
    cols = [k for k in st["order"]
            if not (k == "establishments" and st["optional"] in ("no_est", "none"))
            and not (k == "counterpart" and st["optional"] in ("no_cp", "none"))]
    hdr = HEADERS[st["header"]]
    out_rows = [[hdr[KEYS.index(k)] for k in cols]]
    prov = province_text(code, st["province_form"], rng)
    qg, dp = st["sources"]
    for idx, r in enumerate(rows):
        title = r["project"]
        if LINE_BREAKS.get((period, code)) == idx:
            title = title.replace(", ", ",\n", 1) if ", " in title else title + "\n(chuyển tiếp)"
        if (period, code) in QUOTED_TITLE_SUFFIX and idx == len(rows) - 1:
            title += ' (đợt 2, theo Quyết định "phê duyệt kế hoạch khuyến công")'
        vals = {
            "province": prov,
            "source": qg if r["source"] == "KCQG" else dp,
            "content": content_text(r["content"], st["content_form"], idx),
            "project": title,
            "plan": fmt_amount(r["plan"], num, st["group"], st["fixed3"]),
            "executed": fmt_amount(r["executed"], num, st["group"], st["fixed3"]),
            "establishments": "" if r.get("establishments") is None else str(r["establishments"]),
            "counterpart": "" if r.get("counterpart") is None else fmt_amount(r["counterpart"], num, st["group"], st["fixed3"]),
            "note": r.get("note") or st["note"],
        }
        out_rows.append([vals[k] for k in cols])
    lines = []
    for j, row in enumerate(out_rows):
        fields = []
        for k, v in zip(cols, row):
            numeric = k in ("plan", "executed", "establishments", "counterpart") and j > 0
            force = (st["quote_text"] and not numeric and v != "") or (numeric and "," in v and num == "en")
            fields.append(quote(v, delim, force))
        lines.append(delim.join(fields))
    text = eol.join(lines) + (eol if st["final_eol"] else "")
    if st["profile"] == "nfd":
        text = unicodedata.normalize("NFD", text)
    if st["enc"] == "utf-8":
        return text.encode("utf-8")
    if st["enc"] == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if st["enc"] == "utf-16-le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if st["enc"] == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    raise ValueError(st["enc"])


def write_reference(input_dir):
    def line(fields):
        return ",".join(quote(f, ",", False) for f in fields) + "\n"
    with open(os.path.join(input_dir, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(line(["code", "name", "aliases"]))
        for code, name, aliases in PROVINCES:
            f.write(line([code, name, ";".join(aliases)]))
    with open(os.path.join(input_dir, "contents.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(line(["code", "name"]))
        for code, name in CONTENTS:
            f.write(line([code, name]))


def check_aliases():
    """No two provinces may share a folded spelling, under the loosest folding too."""
    seen = {}
    for code, name, aliases in PROVINCES:
        for s in [code, name] + aliases:
            for key in (fold_spaces(s), fold_nosep(s)):
                other = seen.setdefault(key, code)
                assert other == code, f"{s!r} of {code} collides with {other}"


def fold_spaces(s):
    s = ascii_fold(unicodedata.normalize("NFC", s)).lower()
    for ch in "_-":
        s = s.replace(ch, " ")
    return " ".join(s.split())


def fold_nosep(s):
    return fold_spaces(s).replace(" ", "")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    input_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "input")
    input_dir = os.path.normpath(input_dir)
    check_aliases()
    os.makedirs(input_dir, exist_ok=True)
    write_reference(input_dir)
    styles = plan_files()
    summary = []
    for period in ("2023-09", "2024-09"):
        pdir = os.path.join(input_dir, period)
        os.makedirs(pdir, exist_ok=True)
        for f in os.listdir(pdir):
            if f.lower().endswith(".csv"):
                os.remove(os.path.join(pdir, f))
        lines = make_lines(period)
        names = set()
        for code in CODES:
            st = styles[(period, code)]
            rng = random.Random(f"khuyen-cong-render-{period}-{code}")
            data = render(period, code, lines[code], st, rng)
            assert st["file"] not in names
            names.add(st["file"])
            with open(os.path.join(pdir, st["file"]), "wb") as f:
                f.write(data)
            summary.append((period, code, st, len(lines[code])))
        for source in ("KCQG", "KCĐP"):
            p = sum(r["plan"] for c in CODES for r in lines[c] if r["source"] == source)
            x = sum(r["executed"] for c in CODES for r in lines[c] if r["source"] == source)
            print(f"{period} {source}: plan {p / 1000:.3f}  executed {x / 1000:.3f} (million VND)")
    print()
    print("period  code file | style | headers | order | province | sources | content | optional | numbers")
    for period, code, st, n in summary:
        numbers = ("grouped" if st["group"] else "plain") + (", 3 decimals" if st["fixed3"] else "")
        extra = []
        if st["quote_text"]:
            extra.append("text quoted")
        if not st["final_eol"]:
            extra.append("no final line end")
        if LINE_BREAKS.get((period, code)) is not None:
            extra.append("line break in a title")
        print(f"{period} {code} {st['file']} | {st['desc']} | {st['header']} | "
              f"{','.join(k[:4] for k in st['order'])} | {st['province_form']} | {'/'.join(st['sources'])} | "
              f"{st['content_form']} | {st['optional']} | {numbers} | {n} lines"
              + (" | " + ", ".join(extra) if extra else ""))


if __name__ == "__main__":
    main()
    # The roster over time and the 2025-09 submissions of the new region (make_demo_2025.py).
    import make_demo_2025
    make_demo_2025.main(sys.argv[1] if len(sys.argv) > 1 else None)
    # The year-end periods 2021-12 ... 2025-12 and input/programmes.csv (make_demo_years.py).
    import make_demo_years
    make_demo_years.main(sys.argv[1] if len(sys.argv) > 1 else None)
