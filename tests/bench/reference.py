#!/usr/bin/python3
"""The reference for the benchmark: gen's job written the way an analyst at the secretariat
would write it, with pandas and openpyxl (Debian's python3-pandas and python3-openpyxl; run it
with /usr/bin/python3).

    reference.py INPUT_DIR PERIOD OUT_DIR [--no-annex]

Reads INPUT_DIR/roster.csv, contents.csv, PERIOD/*.csv and the same period a year earlier, as
Excel and LibreOffice save them (UTF-8 with or without BOM, UTF-16 with BOM; ',', ';' or tab;
Vietnamese-locale numbers in ';' files), matches headers, provinces, sources and contents the
contract's way (case, diacritics, normalisation form and separators ignored), drops every file
with a problem, and writes into OUT_DIR:

  - data/region.csv, data/provinces.csv, data/contents.csv: the summary figures, in exactly
    the form of gen's open data, so that the benchmark can check that both agree on every
    figure;
  - summary.md: the headline figures, as the briefing states them;
  - annex.xlsx (unless --no-annex): the annex's sheets, written with DataFrame.to_excel and
    openpyxl: summary, provinces, a bar chart, contents, project lines (split over sheets of
    1,048,575 lines), submission status, problems, notes.

Amounts become integers of thousand đồng as soon as they are read (the float that to_numeric
gives, times 1,000, rounded: exact at these magnitudes) and rates are rounded half away from
zero from the exact fraction, as the contract asks; an analyst summing floats and calling
round() would disagree with gen in the last digit now and then.
"""
import calendar
import glob
import io
import os
import re
import sys
import unicodedata

import pandas as pd

KEYS = {
    "province": ["province", "tinh", "ma tinh"],
    "source": ["source", "nguon", "nguon kinh phi"],
    "content": ["content", "noi dung"],
    "project": ["project", "de an", "ten de an"],
    "plan": ["plan", "ke hoach"],
    "executed": ["executed", "thuc hien"],
    "establishments": ["establishments", "so co so"],
    "counterpart": ["counterpart", "von doi ung"],
    "note": ["note", "ghi chu"],
}
REQUIRED = ["province", "source", "content", "project", "plan", "executed"]
SOURCES = {"kcqg": "KCQG", "quoc gia": "KCQG", "national": "KCQG",
           "khuyen cong quoc gia": "KCQG", "kcdp": "KCĐP", "dia phuong": "KCĐP",
           "local": "KCĐP", "khuyen cong dia phuong": "KCĐP"}
SOURCE_ORDER = ["KCQG", "KCĐP"]
MAX_ROWS_PER_SHEET = 1048575


def fold(text):
    """The contract's name matching: case, diacritics (đ as d), NFC/NFD, separators."""
    s = unicodedata.normalize("NFKD", str(text).casefold())
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("đ", "d")
    return re.sub(r"[\s_\-]+", " ", s).strip()


def key_of(folded):
    """Codes written as numbers match without leading zeros ("4" is "04")."""
    return str(int(folded)) if folded.isdigit() else folded


def read_text(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le")
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1258")


def detect_delimiter(text):
    header, quoted = [], False
    for ch in text.lstrip("\r\n"):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\r\n":
            break
        elif not quoted:
            header.append(ch)
    counts = {d: header.count(d) for d in ("\t", ";", ",")}
    return max(counts, key=lambda d: (counts[d], -"\t;,".index(d)))


def read_csv(path):
    text = read_text(path)
    sep = detect_delimiter(text)
    frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                        skip_blank_lines=True, engine="c")
    return frame, sep


def load_catalog(path, with_aliases, on_day=None):
    """The catalogue's entries; for a roster over time (from/until columns), those that exist on
    `on_day` (YYYY-MM-DD), the period's last day."""
    frame, _ = read_csv(path)
    frame.columns = [fold(c) for c in frame.columns]
    entries, lookup = [], {}
    for row in frame.itertuples(index=False):
        fields = dict(zip(frame.columns, row))  # "from" is a Python keyword: no attribute
        begins = str(fields.get("from") or "").strip()
        ends = str(fields.get("until") or "").strip()
        if on_day and ((begins and begins > on_day) or (ends and ends < on_day)):
            continue
        code, name = row.code.strip(), row.name.strip()
        entries.append((unicodedata.normalize("NFC", code), unicodedata.normalize("NFC", name)))
        names = [code, name]
        if with_aliases and "aliases" in frame.columns:
            names += row.aliases.split(";")
        for n in names:
            if fold(n):
                lookup.setdefault(key_of(fold(n)), len(entries) - 1)
    return entries, lookup


def thousands(column, sep):
    """Million VND as written in the file -> int64 thousand đồng; NaN where it does not read."""
    s = column.str.strip()
    if sep == ";":
        s = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        s = s.str.replace(",", "", regex=False)
    s = s.where(s != "", "0")
    values = pd.to_numeric(s, errors="coerce") * 1000
    return values.round()


def map_column(values, lookup):
    """Maps each distinct spelling once (files repeat a few names over thousands of lines)."""
    distinct = {v: lookup.get(key_of(fold(v)), -1) for v in values.unique()}
    return values.map(distinct)


def read_submission(path, roster, contents):
    """One province's file as a frame, or a reason to reject it."""
    try:
        frame, sep = read_csv(path)
    except Exception as e:  # unreadable, malformed: the whole file is rejected, as gen does
        return None, "cannot read: %s" % e
    names = {}
    for column in frame.columns:
        folded = fold(column)
        for key, aliases in KEYS.items():
            if folded in aliases:
                names[column] = key
    frame = frame.rename(columns=names)[list(dict.fromkeys(names.values()))]
    missing = [k for k in REQUIRED if k not in frame.columns]
    if missing:
        return None, "no column " + ", ".join(missing)
    for optional in ("establishments", "counterpart", "note"):
        if optional not in frame.columns:
            frame[optional] = ""
    frame = frame[(frame != "").any(axis=1)]
    out = pd.DataFrame({
        "province": map_column(frame["province"], roster[1]),
        "source": frame["source"].map(lambda v: SOURCES.get(fold(v), "")),
        "content": map_column(frame["content"], contents[1]),
        "project": frame["project"].str.strip().map(lambda t: unicodedata.normalize("NFC", t)),
        "plan": thousands(frame["plan"], sep),
        "executed": thousands(frame["executed"], sep),
        "establishments": pd.to_numeric(frame["establishments"].str.strip()
                                         .str.replace("." if sep == ";" else ",", "",
                                                      regex=False)
                                         .replace("", "0"), errors="coerce"),
        "counterpart": thousands(frame["counterpart"], sep),
        "note": frame["note"].str.strip().map(lambda t: unicodedata.normalize("NFC", t)),
    })
    out["line"] = out.index + 2
    problems = []
    if (out["province"] < 0).any() or out["province"].nunique() != 1:
        problems.append("unknown or mixed provinces")
    if (out["source"] == "").any():
        problems.append("unknown source")
    if (out["content"] < 0).any():
        problems.append("unknown content")
    if out[["plan", "executed", "establishments", "counterpart"]].isna().any().any():
        problems.append("a number that does not read")
    if (out["project"] == "").any():
        problems.append("an empty project title")
    if out.empty:
        problems.append("no project lines")
    if problems:
        return None, "; ".join(problems)
    for column in ("plan", "executed", "establishments", "counterpart"):
        out[column] = out[column].astype("int64")
    out["file"] = path
    return out, None


def read_period(input_dir, period, roster, contents):
    """The valid submissions of a period as one frame, and each province's state."""
    frames, state, problems = {}, {}, []
    for path in sorted(glob.glob(os.path.join(input_dir, period, "*.csv"))):
        frame, problem = read_submission(path, roster, contents)
        if problem:
            problems.append((path, problem))
            continue
        p = int(frame["province"].iloc[0])
        if p in frames or state.get(p) == "đã nhận, chưa tổng hợp được":
            problems.append((path, "a second file for one province"))
            frames.pop(p, None)
            state[p] = "đã nhận, chưa tổng hợp được"
            continue
        frames[p] = frame
        state[p] = "đã nộp"
    lines = pd.concat([frames[p] for p in sorted(frames)], ignore_index=True) if frames else None
    return lines, state, problems


# ----------------------------------------------------------------------------- figures

FIGURES = ["plan", "executed", "establishments", "counterpart"]


def plain(thousand):
    return "%d.%03d" % divmod(int(thousand), 1000)


def rate(num, den):
    """num/den in percent with two decimals, half away from zero, exactly (integers)."""
    if den == 0:
        return ""
    q, r = divmod(int(num) * 10000, int(den))
    if 2 * r >= den:
        q += 1
    return "%d.%02d" % divmod(q, 100)


def text(s):
    s = str(s)
    if s[:1] in ("=", "+", "-", "@", "\t", "\r"):
        s = "'" + s
    return '"' + s.replace('"', '""') + '"'


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(header + "\r\n")
        for row in rows:
            f.write(",".join(row) + "\r\n")


def sums(frame, by):
    if frame is None or frame.empty:
        return pd.DataFrame(columns=FIGURES)
    return frame.groupby(by)[FIGURES].sum()


def get(table, key, column):
    try:
        return int(table.at[key, column])
    except KeyError:
        return 0


def money_cells(f):
    return [plain(f["plan"]), plain(f["executed"]), rate(f["executed"], f["plan"]),
            str(int(f["establishments"])), plain(f["counterpart"])]


def figures_of(frame):
    if frame is None or frame.empty:
        return dict.fromkeys(FIGURES, 0)
    return {c: int(frame[c].sum()) for c in FIGURES}


def compute(now, state, before, before_state, roster):
    comparable = sorted(p for p in state if state[p] == "đã nộp"
                        and before_state is not None and before_state.get(p) == "đã nộp")
    result = {"comparable": comparable}
    result["by_province_source"] = sums(now, ["province", "source"])
    result["by_province"] = sums(now, "province")
    result["by_content_source"] = sums(now, ["content", "source"])
    result["by_content"] = sums(now, "content")
    result["by_source"] = sums(now, "source")
    result["total"] = figures_of(now)
    prev = before[before["province"].isin(comparable)] if before is not None else None
    result["previous_by_province"] = sums(prev, "province")
    result["previous_by_source"] = sums(prev, "source")
    result["previous_total"] = figures_of(prev)
    cur = now[now["province"].isin(comparable)] if now is not None else None
    result["comparable_total"] = figures_of(cur)
    return result


def write_figures(out, r, roster, contents, state):
    data = os.path.join(out, "data")
    os.makedirs(data, exist_ok=True)
    rows = []
    for label in SOURCE_ORDER + ["Tổng"]:
        if label == "Tổng":
            f, b = r["total"], r["previous_total"]
        else:
            f = {c: get(r["by_source"], label, c) for c in FIGURES}
            b = {c: get(r["previous_by_source"], label, c) for c in FIGURES}
        rows.append([text(label)] + money_cells(f) +
                    [plain(b["plan"]), plain(b["executed"]), str(len(r["comparable"]))])
    write_csv(os.path.join(data, "region.csv"),
              "source,plan_million_vnd,executed_million_vnd,execution_rate_percent,"
              "establishments,counterpart_million_vnd,previous_plan_million_vnd,"
              "previous_executed_million_vnd,comparable_provinces", rows)
    rows = []
    for p, (code, name) in enumerate(roster[0]):
        f = {c: get(r["by_province"], p, c) for c in FIGURES}
        src = {(s, c): get(r["by_province_source"], (p, s), c) for s in SOURCE_ORDER
               for c in ("plan", "executed")}
        same = ""
        if p in r["comparable"]:
            same = rate(f["executed"], get(r["previous_by_province"], p, "executed"))
        rows.append([text(code), text(name), text(state.get(p, "chưa nộp")),
                     plain(src["KCQG", "plan"]), plain(src["KCĐP", "plan"]),
                     plain(src["KCQG", "executed"]), plain(src["KCĐP", "executed"])] +
                    money_cells(f) + [same])
    write_csv(os.path.join(data, "provinces.csv"),
              "code,name,status,kcqg_plan_million_vnd,kcdp_plan_million_vnd,"
              "kcqg_executed_million_vnd,kcdp_executed_million_vnd,plan_million_vnd,"
              "executed_million_vnd,execution_rate_percent,establishments,"
              "counterpart_million_vnd,same_period_ratio_percent", rows)
    rows = []
    for c, (code, name) in enumerate(contents[0]):
        f = {k: get(r["by_content"], c, k) for k in FIGURES}
        src = {(s, k): get(r["by_content_source"], (c, s), k) for s in SOURCE_ORDER
               for k in ("plan", "executed")}
        rows.append([text(code), text(name), plain(src["KCQG", "plan"]),
                     plain(src["KCĐP", "plan"]), plain(src["KCQG", "executed"]),
                     plain(src["KCĐP", "executed"])] + money_cells(f))
    write_csv(os.path.join(data, "contents.csv"),
              "code,name,kcqg_plan_million_vnd,kcdp_plan_million_vnd,"
              "kcqg_executed_million_vnd,kcdp_executed_million_vnd,plan_million_vnd,"
              "executed_million_vnd,execution_rate_percent,establishments,"
              "counterpart_million_vnd", rows)


def vn(thousand, decimals=3):
    """Thousand đồng as tỷ đồng, Vietnamese style: 91.301.000 -> "91,301"."""
    q, r = divmod(int(thousand), 1000)
    q += 2 * r >= 1000
    whole, frac = divmod(q, 1000)
    return "{:,}".format(whole).replace(",", ".") + "," + "%03d" % frac


def write_summary(out, r, period):
    t, b, c = r["total"], r["previous_total"], r["comparable_total"]
    lines = ["# Kinh phí khuyến công, kỳ %s" % period, "",
             "- Kế hoạch năm: %s tỷ đồng" % vn(t["plan"]),
             "- Thực hiện: %s tỷ đồng, %s%% kế hoạch năm" %
             (vn(t["executed"]), rate(t["executed"], t["plan"]).replace(".", ","))]
    for s in SOURCE_ORDER:
        f = {k: get(r["by_source"], s, k) for k in FIGURES}
        lines.append("- %s: %s tỷ đồng, %s%% kế hoạch" %
                     (s, vn(f["executed"]), rate(f["executed"], f["plan"]).replace(".", ",")))
    if b["executed"]:
        lines.append("- So với cùng kỳ: %s%%" %
                     rate(c["executed"], b["executed"]).replace(".", ","))
    with open(os.path.join(out, "summary.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ----------------------------------------------------------------------------- annex

def billion(x):
    return x / 1e6


def write_annex(out, r, roster, contents, lines, state, problems):
    from openpyxl.chart import BarChart, Reference
    path = os.path.join(out, "annex.xlsx")
    provinces = pd.DataFrame({
        "Mã": [code for code, _ in roster[0]],
        "Tỉnh, thành phố": [name for _, name in roster[0]],
        "Báo cáo kỳ này": [state.get(p, "chưa nộp") for p in range(len(roster[0]))],
    })
    for column, key in (("Tổng KH (tỷ đồng)", "plan"), ("Tổng TH (tỷ đồng)", "executed"),
                        ("Số cơ sở được hỗ trợ", "establishments"),
                        ("Vốn đối ứng (tỷ đồng)", "counterpart")):
        values = [get(r["by_province"], p, key) for p in range(len(roster[0]))]
        provinces[column] = values if key == "establishments" else [billion(v) for v in values]
    provinces["TH/KH (%)"] = provinces["Tổng TH (tỷ đồng)"] / provinces["Tổng KH (tỷ đồng)"]
    content_frame = pd.DataFrame({"Mã": [c for c, _ in contents[0]],
                                  "Nội dung khuyến công": [n for _, n in contents[0]]})
    for column, key in (("Tổng KH (tỷ đồng)", "plan"), ("Tổng TH (tỷ đồng)", "executed")):
        content_frame[column] = [billion(get(r["by_content"], c, key))
                                 for c in range(len(contents[0]))]
    summary = pd.DataFrame({
        "Chỉ tiêu": ["Kế hoạch năm (tỷ đồng)", "Thực hiện (tỷ đồng)"],
        **{s: [billion(get(r["by_source"], s, k)) for k in ("plan", "executed")]
           for s in SOURCE_ORDER},
        "Tổng cộng": [billion(r["total"]["plan"]), billion(r["total"]["executed"])],
    })
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        summary.to_excel(writer, sheet_name="Tổng hợp", index=False)
        provinces.to_excel(writer, sheet_name="Tỉnh, thành phố", index=False)
        pd.DataFrame().to_excel(writer, sheet_name="Biểu đồ", index=False)
        content_frame.to_excel(writer, sheet_name="Nội dung", index=False)
        write_line_sheets(writer, lines, roster, contents)
        pd.DataFrame({"Tỉnh, thành phố": [n for _, n in roster[0]],
                      "Báo cáo kỳ này": [state.get(p, "chưa nộp")
                                         for p in range(len(roster[0]))]}
                     ).to_excel(writer, sheet_name="Tình trạng nộp", index=False)
        pd.DataFrame(problems or [("", "Không có lỗi hay cảnh báo nào.")],
                     columns=["Tệp", "Thông báo"]
                     ).to_excel(writer, sheet_name="Lỗi, cảnh báo", index=False)
        pd.DataFrame({"Ghi chú": ["Đơn vị: tỷ đồng; dòng đề án: triệu đồng."]}
                     ).to_excel(writer, sheet_name="Ghi chú", index=False)
        chart = BarChart()
        sheet = writer.sheets["Tỉnh, thành phố"]
        n = len(roster[0])
        chart.add_data(Reference(sheet, min_col=4, max_col=5, min_row=1, max_row=n + 1),
                       titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=n + 1))
        writer.sheets["Biểu đồ"].add_chart(chart, "A1")


def write_line_sheets(writer, lines, roster, contents):
    if lines is None or lines.empty:
        pd.DataFrame({"STT": ["Không có dòng đề án nào được tính."]}).to_excel(
            writer, sheet_name="Đề án", index=False)
        return
    frame = pd.DataFrame({
        "STT": range(1, len(lines) + 1),
        "Mã tỉnh": lines["province"].map(lambda p: roster[0][p][0]),
        "Tỉnh, thành phố": lines["province"].map(lambda p: roster[0][p][1]),
        "Nguồn": lines["source"],
        "Mã nội dung": lines["content"].map(lambda c: contents[0][c][0]),
        "Nội dung khuyến công": lines["content"].map(lambda c: contents[0][c][1]),
        "Tên đề án": lines["project"],
        "Kế hoạch (triệu đồng)": lines["plan"] / 1000,
        "Thực hiện (triệu đồng)": lines["executed"] / 1000,
        "Số cơ sở": lines["establishments"],
        "Vốn đối ứng (triệu đồng)": lines["counterpart"] / 1000,
        "Ghi chú": lines["note"],
        "Tệp": lines["file"],
        "Dòng": lines["line"],
    })
    for i, start in enumerate(range(0, len(frame), MAX_ROWS_PER_SHEET)):
        name = "Đề án" if i == 0 else "Đề án (%d)" % (i + 1)
        frame.iloc[start:start + MAX_ROWS_PER_SHEET].to_excel(writer, sheet_name=name,
                                                              index=False)


# ----------------------------------------------------------------------------- main

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 3:
        sys.exit("usage: reference.py INPUT_DIR PERIOD OUT_DIR [--no-annex]")
    input_dir, period, out = args
    year, month = period.split("-")
    last_day = "%s-%s-%02d" % (year, month, calendar.monthrange(int(year), int(month))[1])
    roster = load_catalog(os.path.join(input_dir, "roster.csv"), True, last_day)
    contents = load_catalog(os.path.join(input_dir, "contents.csv"), False)
    lines, state, problems = read_period(input_dir, period, roster, contents)
    year, month = period.split("-")
    previous = "%04d-%s" % (int(year) - 1, month)
    before, before_state = None, None
    if os.path.isdir(os.path.join(input_dir, previous)):
        before, before_state, earlier = read_period(input_dir, previous, roster, contents)
        problems += earlier
    for path, problem in problems:
        print("%s: %s" % (path, problem), file=sys.stderr)
    r = compute(lines, state, before, before_state, roster)
    os.makedirs(out, exist_ok=True)
    write_figures(out, r, roster, contents, state)
    write_summary(out, r, period)
    if "--no-annex" not in sys.argv:
        write_annex(out, r, roster, contents, lines, state, problems)


if __name__ == "__main__":
    main()
