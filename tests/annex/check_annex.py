#!/usr/bin/python3
"""Checks gen's Excel annex with an independent reader (Debian's python3-openpyxl).

    check_annex.py briefing DIR...          DIR holds annex.xlsx and briefing.md of one run
    check_annex.py recalc ORIGINAL RECALCULATED
    check_annex.py created ANNEX ISO-TIME
    check_annex.py text ANNEX TEXT...
    check_annex.py split ANNEX LINES-PER-SHEET TOTAL-LINES
    check_annex.py diagnostics ANNEX STDERR
    check_annex.py pdf ANNEX PDF-TEXT

`briefing`: the sheets are there; every formula is one the program writes (SUM, SUMIFS,
COUNTIF, a division, a change, a reference to the province totals) with a number as its stored
result; every cell under a heading with a unit is a number (or empty); every figure of the
province and content tables, and the headline figures, printed the briefing's way (Vietnamese
style, half away from zero, from the stored value) are the briefing's; the project lines add
up, exactly, to the province figures; the chart caches the values of its cells.
`recalc`: every formula's value in RECALCULATED (written by a spreadsheet that recalculated)
equals the program's stored result in ORIGINAL, to 1e-12 relative and to the last digit shown.
`created`: the document's creation time. `text`: each TEXT is in a string cell, none became a
formula. `split`: the project lines continue over sheets "Đề án", "Đề án (2)", ... and the notes
say so. `diagnostics`: the diagnostics sheet lists exactly the lines of standard error that
are diagnostics. `pdf`: every figure of the summary is in the text of the PDF LibreOffice
made of it (pdftotext), as Excel and LibreOffice show it.
Prints one line per problem and exits 1 if any.
"""
import os
import re
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import openpyxl

PROVINCES = "Tỉnh, thành phố"
SUMMARY = "Tổng hợp"
CONTENTS = "Nội dung"
LINES = "Đề án"
STATUS = "Tình trạng nộp"
DIAGNOSTICS = "Lỗi, cảnh báo"
NOTES = "Ghi chú"
CHECKS = "Lưu ý kiểm tra"
FIXED_SHEETS = [SUMMARY, PROVINCES, "Biểu đồ", CONTENTS]
LAST_SHEETS = [CHECKS, STATUS, DIAGNOSTICS, NOTES]

# The formulas the program writes; anything else would be submitted text turned formula.
CELL = r"\$?[A-Z]{1,3}\$?[0-9]+"
RANGE = CELL + ":" + CELL
SHEET_REF = r"(?:'" + re.escape(PROVINCES) + r"'!)?"
# A province or content figure: SUMIFS (COUNTIFS for the number of projects) over the project
# lines, one term per line sheet ('Đề án', 'Đề án (2)', ...), keyed on the row's code.
LINE_REF = r"'" + re.escape(LINES) + r"(?: \([0-9]+\))?'!" + RANGE
LINE_TERM = (r"(?:SUMIFS\(" + LINE_REF + "," + LINE_REF + r",\$A[0-9]+(?:," + LINE_REF + r',"KC(?:QG|ĐP)")?\)'
             r"|COUNTIFS\(" + LINE_REF + r",\$A[0-9]+\))")
LINE_FORMULA = re.compile("=" + LINE_TERM + r"(?:\+" + LINE_TERM + ")*$")
FORMULAS = [
    re.compile(r"=SUM\(" + RANGE + r"\)$"),
    re.compile(r"=" + CELL + "/" + CELL + "$"),
    re.compile(r"=\(" + CELL + "-" + CELL + r"\)/" + CELL + "$"),
    re.compile(r"='" + re.escape(PROVINCES) + "'!" + CELL + "$"),
    re.compile(r'=COUNTIF\(' + RANGE + r',"có"\)$'),
    re.compile(r"=SUMIFS\(" + SHEET_REF + RANGE + "," + SHEET_REF + RANGE + r',"có"\)(/' + CELL + ")?$"),
    LINE_FORMULA,
]

problems = []


def problem(msg):
    problems.append(msg)
    print(msg)


def load(path):
    return openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def decimals_of(number_format):
    """Decimals shown by a number format such as #,##0.000 or 0.0%."""
    m = re.search(r"0\.(0+)", number_format)
    return len(m.group(1)) if m else 0


def fifteen(value):
    """The value as Excel and LibreOffice read a double for display: 15 significant digits."""
    return Decimal(f"{float(value):.15g}")


def shown(value, number_format):
    """The value as Excel and LibreOffice show it: 15 significant digits, then rounded half
    away from zero to the format's decimals. (Gnumeric rounds the binary value itself, so it
    shows 3.525 for a stored 3.5255, whose nearest double is 3.52549999...; the briefing,
    Excel and LibreOffice show 3.526.)"""
    d = fifteen(value)
    if "%" in number_format:
        d *= 100
    q = Decimal(1).scaleb(-decimals_of(number_format))
    return d.quantize(q, rounding=ROUND_HALF_UP)


def vietnamese(value, decimals, percent=False):
    """Formats like the briefing: 91,301 / 1.234,567 / 27,7%."""
    d = fifteen(value)
    if percent:
        d *= 100
    d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    text = f"{abs(d):.{decimals}f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups) + ("," + frac if frac else "")
    return out + ("%" if percent else "")


def formula_cells(wb, wbv):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    yield ws.title, c, wbv[ws.title][c.coordinate].value


def check_sheets(name, wb):
    names = wb.sheetnames
    lines = [n for n in names if n == LINES or re.fullmatch(re.escape(LINES) + r" \([0-9]+\)", n)]
    last = LAST_SHEETS
    if "Tỉnh trước sắp xếp" in names:  # the provinces changed since the year before
        last = LAST_SHEETS[:2] + ["Tỉnh trước sắp xếp"] + LAST_SHEETS[2:]
    want = FIXED_SHEETS + lines + last
    if not lines or names != want:
        problem(f"{name}: sheets {names}, expected {want}")


def check_formulas(name, wb, wbv):
    count = 0
    for sheet, c, value in formula_cells(wb, wbv):
        count += 1
        if not any(f.match(c.value) for f in FORMULAS):
            problem(f"{name}: {sheet}!{c.coordinate}: unexpected formula {c.value!r}")
        if not is_number(value):
            problem(f"{name}: {sheet}!{c.coordinate}: formula {c.value} stores {value!r}, not a number")
    if count == 0:
        problem(f"{name}: no formula at all")
    return count


UNIT = re.compile(r"\((tỷ đồng|triệu đồng|%)\)|^Số |^STT$|^Dòng$|^Cột$")


def header_row(ws):
    for row in ws.iter_rows(min_row=1, max_row=6):
        if row[0].value in ("Mã", "STT", "Mức độ", "Mã tỉnh"):
            return row[0].row
    return None


def check_numbers_are_numbers(name, wb, wbv):
    """Under a heading with a unit, every cell is a number, a formula with a number, or empty
    (but the one-line text rows that say a sheet is empty)."""
    for ws in wb.worksheets:
        h = header_row(ws)
        if h is None:
            continue
        for col in range(1, ws.max_column + 1):
            heading = ws.cell(h, col).value
            if not isinstance(heading, str) or not UNIT.search(heading):
                continue
            for r in range(h + 1, ws.max_row + 1):
                c = ws.cell(r, col)
                v = wbv[ws.title].cell(r, col).value
                if c.value is None or (col == 1 and isinstance(c.value, str) and c.value.startswith(("Không", "…"))):
                    continue
                if not is_number(v):
                    problem(f"{name}: {ws.title}!{c.coordinate} under '{heading}' holds {c.value!r}")


def split_row(line):
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [x.strip().replace("**", "") for x in cells]


def markdown_table(md, first_heading, second_heading):
    """The rows of the table whose header starts with the two headings, as dicts."""
    lines = md.splitlines()
    for i, line in enumerate(lines):
        cells = split_row(line) if line.startswith("|") else []
        if cells[:2] == [first_heading, second_heading]:
            rows = []
            for body in lines[i + 2:]:
                if not body.startswith("|"):
                    break
                rows.append(dict(zip(cells, split_row(body))))
            return rows
    return None


def sheet_rows(wb, wbv, sheet):
    """The data rows of a table sheet as dicts heading -> (stored value, number format)."""
    ws = wb[sheet]
    h = header_row(ws)
    headings = [c.value for c in ws[h]]
    out = []
    for r in range(h + 1, ws.max_row + 1):
        row = {}
        for col, heading in enumerate(headings, start=1):
            row[heading] = (wbv[sheet].cell(r, col).value, ws.cell(r, col).number_format)
        out.append(row)
    return out


def briefing_text(value, number_format, heading=""):
    """A cell as the briefing prints it: amounts in triệu đồng become tỷ đồng (the briefing's
    unit), a zero amount "0", no figure "—"."""
    if value is None:
        return "—"
    if not is_number(value):
        return str(value)
    if "triệu đồng" in heading:
        if value == 0:
            return "0"
        return vietnamese(fifteen(value) / 1000, 3)
    return vietnamese(value, decimals_of(number_format), "%" in number_format)


def compare_table(name, md_rows, annex_rows, pairs, label):
    """Compares the briefing's table with the annex's, row by row by code (the total row has
    none), figure by figure as the briefing prints them."""
    by_code = {row["Mã"][0] or "total": row for row in annex_rows}
    compared = 0
    for md in md_rows:
        code = md["Mã"] or "total"
        row = by_code.get(code)
        if row is None:
            problem(f"{name}: {label} {code}: in the briefing, not in the annex")
            continue
        for md_heading, annex_heading in pairs:
            if md_heading not in md and md_heading == "So cùng kỳ":
                md_heading = "So năm trước"  # a year-end briefing compares with the year before
            want, got = md[md_heading], briefing_text(*row[annex_heading], annex_heading)
            compared += 1
            if want != got:
                problem(f"{name}: {label} {code}: {md_heading} is {want} in the briefing, {got} in the annex")
    return compared


PROVINCE_PAIRS = [
    ("KH KCQG", "KH KCQG (triệu đồng)"), ("KH KCĐP", "KH KCĐP (triệu đồng)"), ("Tổng KH", "Tổng KH (triệu đồng)"),
    ("TH KCQG", "TH KCQG (triệu đồng)"), ("TH KCĐP", "TH KCĐP (triệu đồng)"), ("Tổng TH", "Tổng TH (triệu đồng)"),
    ("TH/KH", "TH/KH (%)"), ("So cùng kỳ", "Bằng % cùng kỳ"),
]
CONTENT_PAIRS = [
    ("KH KCQG", "KH KCQG (triệu đồng)"), ("KH KCĐP", "KH KCĐP (triệu đồng)"), ("Tổng KH", "Tổng KH (triệu đồng)"),
    ("Tổng TH", "Tổng TH (triệu đồng)"), ("TH/KH", "TH/KH (%)"), ("Lượt cơ sở", "Số cơ sở được hỗ trợ"),
    ("Vốn đối ứng", "Vốn đối ứng (triệu đồng)"),
]
# The columns of the province and content sheets that sum the project lines.
LINE_COLUMNS = ["KH KCQG (triệu đồng)", "KH KCĐP (triệu đồng)", "TH KCQG (triệu đồng)",
                "TH KCĐP (triệu đồng)", "Số cơ sở được hỗ trợ", "Vốn đối ứng (triệu đồng)", "Số đề án"]


def check_line_formulas(name, wb, sheet):
    """Every figure of a province (valid) or content row that comes from the lines is a
    SUMIFS/COUNTIFS over the line sheets, keyed on the row's own code cell."""
    ws = wb[sheet]
    h = header_row(ws)
    headings = [c.value for c in ws[h]]
    count = 0
    for r in range(h + 1, ws.max_row + 1):
        code = ws.cell(r, 1).value
        if not code or (sheet == PROVINCES and ws.cell(r, 3).value != "đã nộp"):
            continue
        for heading in LINE_COLUMNS:
            c = ws.cell(r, headings.index(heading) + 1)
            count += 1
            if not (isinstance(c.value, str) and LINE_FORMULA.match(c.value) and f"$A{r}" in c.value):
                problem(f"{name}: {sheet}!{c.coordinate} ({heading}) is {c.value!r}, not a sum of its lines")
    return count


def check_headline(name, wbv, wb, md):
    """Every figure of the summary sheet, printed the briefing's way, is in the briefing."""
    ws, wsf = wbv[SUMMARY], wb[SUMMARY]
    compared = 0
    for row in wsf.iter_rows():
        label = row[0].value
        for c in row:
            if c.data_type != "f":
                continue
            # The comparison tables by source (KCQG, KCĐP rows) hold figures the briefing does
            # not state: recalculation and the oracle check those.
            if label in ("KCQG", "KCĐP"):
                continue
            v = ws[c.coordinate].value
            unit = "triệu đồng" if c.number_format == "#,##0.000" else ""
            text = briefing_text(v, c.number_format, unit)
            if c.number_format.startswith("+"):
                text = ("giảm " if v < 0 else "tăng ") + text.lstrip("-")
            compared += 1
            if text not in md:
                problem(f"{name}: {SUMMARY}!{c.coordinate} shows {text}, which the briefing does not state")
    return compared


def thousands(v):
    return int(round(Decimal(repr(float(v))) * 1000))


def check_lines_add_up(name, wb, wbv):
    """The project lines add up exactly to each province's figures (both in triệu đồng)."""
    sums = {}
    for sheet in wb.sheetnames:
        if not sheet.startswith(LINES):
            continue
        for row in sheet_rows(wb, wbv, sheet):
            code = row["Mã tỉnh"][0]
            if code is None:
                continue
            s = sums.setdefault((code, row["Nguồn"][0]), [0, 0, 0])
            s[0] += thousands(row["Kế hoạch (triệu đồng)"][0])
            s[1] += thousands(row["Thực hiện (triệu đồng)"][0])
            s[2] += 1
    for row in sheet_rows(wb, wbv, PROVINCES):
        code = row["Mã"][0]
        if code is None or row["Báo cáo kỳ này"][0] != "đã nộp":
            continue
        for source in ("KCQG", "KCĐP"):
            got = sums.get((code, source), [0, 0, 0])
            for i, what in enumerate(("KH", "TH")):
                want = thousands(row[f"{what} {source} (triệu đồng)"][0])
                if got[i] != want:
                    problem(f"{name}: province {code} {what} {source}: the lines add up to {got[i]} thousand đồng, the province sheet says {want}")


def check_chart_cache(name, path, wbv):
    """Each chart series caches (for viewers that draw from the cache) the values its cells
    hold, and no point where a cell is empty."""
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        xml = "".join(z.read(n).decode("utf-8") for n in charts)
    series = re.findall(r"<c:val><c:numRef><c:f>(.*?)</c:f>(.*?)</c:numRef>", xml)
    if not series:
        problem(f"{name}: no chart series")
    for formula, cache in series:
        m = re.fullmatch(r"'(.*)'!\$([A-Z]+)\$([0-9]+):\$[A-Z]+\$([0-9]+)", formula)
        sheet, col, first, last = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
        points = {int(i): float(v) for i, v in re.findall(r'<c:pt idx="([0-9]+)"><c:v>([^<]*)</c:v>', cache)}
        for k, row in enumerate(range(first, last + 1)):
            want = wbv[sheet][f"{col}{row}"].value
            got = points.get(k)
            if (want is None) != (got is None) or (want is not None and abs(want - got) > 1e-12 * max(1, abs(want))):
                problem(f"{name}: chart series {formula} point {k}: cached {got}, the cell holds {want}")


def check_briefing(directory):
    name = os.path.normpath(directory)
    wb, wbv = load(os.path.join(directory, "annex.xlsx"))
    with open(os.path.join(directory, "briefing.md"), encoding="utf-8") as f:
        md = f.read()
    check_sheets(name, wb)
    formulas = check_formulas(name, wb, wbv)
    check_numbers_are_numbers(name, wb, wbv)
    provinces = markdown_table(md, "Mã", "Tỉnh, thành phố")
    contents = markdown_table(md, "Mã", "Nội dung")
    compared = 0
    if provinces is None or contents is None:
        problem(f"{name}: the briefing's province or content table is missing")
    else:
        compared += compare_table(name, provinces, sheet_rows(wb, wbv, PROVINCES), PROVINCE_PAIRS, "province")
        compared += compare_table(name, contents, sheet_rows(wb, wbv, CONTENTS), CONTENT_PAIRS, "content")
    compared += check_headline(name, wbv, wb, md)
    line_formulas = check_line_formulas(name, wb, PROVINCES) + check_line_formulas(name, wb, CONTENTS)
    amounts_in_millions(name, wb)
    check_lines_add_up(name, wb, wbv)
    check_chart_cache(name, os.path.join(directory, "annex.xlsx"), wbv)
    print(f"{name}: {len(wb.sheetnames)} sheets, {formulas} formulas ({line_formulas} sums of lines), "
          f"{compared} figures compared with the briefing")


def amounts_in_millions(name, wb):
    """Every amount heading says triệu đồng: none says tỷ đồng, whose three decimals read as
    thousands under an English locale (91.301 tỷ read as ninety-one thousand)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=30):
            for c in row:
                if isinstance(c.value, str) and "tỷ đồng" in c.value and c.data_type == "s" \
                        and re.search(r"\(tỷ đồng\)|Đơn vị: tỷ", c.value):
                    problem(f"{name}: {ws.title}!{c.coordinate}: a heading in tỷ đồng: {c.value!r}")


def check_recalc(original, recalculated):
    wb, wbv = load(original)
    rv = openpyxl.load_workbook(recalculated, data_only=True)
    count = 0
    for sheet, c, stored in formula_cells(wb, wbv):
        got = rv[sheet][c.coordinate].value
        count += 1
        if not is_number(got):
            problem(f"{sheet}!{c.coordinate} {c.value}: recalculated {got!r}, stored {stored!r}")
            continue
        if abs(got - stored) > 1e-12 * max(1.0, abs(stored)) or shown(got, c.number_format) != shown(stored, c.number_format):
            problem(f"{sheet}!{c.coordinate} {c.value}: recalculated {got!r}, stored {stored!r}")
    print(f"{count} formulas recalculated to their stored values")
    if count == 0:
        problem("no formula to compare")


def check_created(path, iso):
    wb = openpyxl.load_workbook(path)
    p = wb.properties
    if not p.creator or "gen" in p.creator.split() or "(gen)" in p.creator:
        problem(f"the author is {p.creator!r}: the issuer, not the program, should be named")
    got = p.created.strftime("%Y-%m-%dT%H:%M:%SZ") if p.created else None
    if got != iso:
        problem(f"created {got}, expected {iso}")
    for what in ("title", "subject", "creator", "keywords"):
        if not getattr(p, what):
            problem(f"the document property {what} is empty")
    print(f"created {got}; title {p.title!r}")


def check_text(path, texts):
    wb = openpyxl.load_workbook(path)
    found = {t: [] for t in texts}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value in found:
                    found[c.value].append((ws.title, c.coordinate, c.data_type))
                if c.data_type == "f" and not any(f.match(c.value) for f in FORMULAS):
                    problem(f"{ws.title}!{c.coordinate}: unexpected formula {c.value!r}")
    for t, cells in found.items():
        if not cells:
            problem(f"{t!r} is in no cell")
        for sheet, coord, kind in cells:
            if kind != "s":
                problem(f"{sheet}!{coord}: {t!r} is a cell of type {kind}, not a string")
    print(f"{len(texts)} texts checked")


def check_split(path, per_sheet, total):
    wb = openpyxl.load_workbook(path)
    sheets = [n for n in wb.sheetnames if n.startswith(LINES)]
    expected = [LINES] + [f"{LINES} ({i})" for i in range(2, -(-total // per_sheet) + 1)]
    if sheets != expected:
        problem(f"line sheets {sheets}, expected {expected}")
    number = 0
    for sheet in sheets:
        ws = wb[sheet]
        if ws.max_row - 1 > per_sheet:
            problem(f"{sheet}: {ws.max_row - 1} lines, more than {per_sheet}")
        if ws.auto_filter.ref is None or ws.freeze_panes != "A2":
            problem(f"{sheet}: no filter or frozen header ({ws.auto_filter.ref}, {ws.freeze_panes})")
        for r in range(2, ws.max_row + 1):
            number += 1
            if ws.cell(r, 1).value != number:
                problem(f"{sheet}!A{r}: line number {ws.cell(r, 1).value}, expected {number}")
    if number != total:
        problem(f"{number} lines over the sheets, expected {total}")
    notes = " ".join(str(c.value) for row in wb[NOTES].iter_rows() for c in row if c.value)
    for sheet in sheets[1:]:
        if f"«{sheet}»" not in notes:
            problem(f"the notes do not name the sheet {sheet}")
    print(f"{total} lines over {len(sheets)} sheets")


DIAG_LINE = re.compile(r"^(.*?): (error|warning): (.*)$")


def check_diagnostics(path, stderr_path):
    wb = openpyxl.load_workbook(path)
    ws = wb[DIAGNOSTICS]
    listed = []
    for r in range(2, ws.max_row + 1):
        severity, file, line, column, message = (ws.cell(r, c).value for c in range(1, 6))
        if severity not in ("lỗi", "cảnh báo"):
            continue
        where = "gen" if file == "(cả lượt chạy)" else file
        where += "".join(f":{n}" for n in (line, column) if n)
        listed.append(f"{where}: {'error' if severity == 'lỗi' else 'warning'}: {message}")
    # Standard error names files by the path given to -i (.../input/2024-09/x.csv), the annex by
    # their path inside the input folder (2024-09/x.csv); the run is made with LANGUAGE=vi, so
    # both say the same Vietnamese message.
    with open(stderr_path, encoding="utf-8") as f:
        printed = [re.sub(r"^\S*?/input/", "", line)
                   for line in f.read().splitlines() if DIAG_LINE.match(line)]
    # The run's closing errors ("nothing written") come after the annex; none when it is written.
    if listed != printed[: len(listed)] or len(listed) != len(printed):
        problem(f"the sheet lists {len(listed)} diagnostics, standard error {len(printed)}")
        for a, b in zip(listed, printed):
            if a != b:
                problem(f"  sheet:  {a}\n  stderr: {b}")
    print(f"{len(listed)} diagnostics listed as standard error prints them")


def english(value, number_format):
    """The value as LibreOffice shows it under an English locale: 1,243.654 / 29.2% / -6.3%."""
    d = shown(value, number_format)
    text = f"{d:,}"
    if "%" in number_format:
        text += "%"
    if number_format.startswith("+") and d > 0:
        text = "+" + text
    return text


def check_pdf(path, text_path):
    """Every figure of the summary sheet is in the PDF LibreOffice made, as the briefing
    rounds it (the styles case puts them on rounding halves)."""
    wb, wbv = load(path)
    with open(text_path, encoding="utf-8") as f:
        text = f.read()
    count = 0
    for row in wb[SUMMARY].iter_rows():
        for c in row:
            v = wbv[SUMMARY][c.coordinate].value
            if not is_number(v):
                continue
            count += 1
            want = english(v, c.number_format)
            if want not in text:
                problem(f"{SUMMARY}!{c.coordinate}: {want} is not in the PDF")
    if re.search(r"\(tỷ đồng\)|Đơn vị: tỷ", text):
        problem("the PDF shows a heading in tỷ đồng: its three decimals read as thousands in English")
    print(f"{count} summary figures found in the PDF as shown")


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    mode, args = argv[1], argv[2:]
    if mode == "briefing":
        for d in args:
            check_briefing(d)
    elif mode == "recalc":
        check_recalc(*args)
    elif mode == "created":
        check_created(*args)
    elif mode == "text":
        check_text(args[0], args[1:])
    elif mode == "split":
        check_split(args[0], int(args[1]), int(args[2]))
    elif mode == "pdf":
        check_pdf(*args)
    elif mode == "diagnostics":
        check_diagnostics(*args)
    else:
        print(__doc__)
        return 2
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
