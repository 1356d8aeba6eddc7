#!/usr/bin/env python3
"""Proves check_case.py catches faults: copies a good out folder, plants one fault at a time
(an exact search/replace in one output file, or one annex cell), runs the checker on the copy,
and prints whether it failed (caught) or passed (missed). Exit 1 if any fault was missed.

    python3 tests/oracle/plant_faults.py [OUT_DIR INPUT_DIR]   (default: the demo golden case)
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
P = "2024-09"

# (what, file, search, replace): the search text must occur; its first occurrence is replaced.
FAULTS = [
    ("briefing.md prose: executed total", "briefing.md", "**25,297 tỷ đồng**", "**25,298 tỷ đồng**"),
    ("briefing.md prose: share of year", "briefing.md", "của năm đã qua (75%)", "của năm đã qua (74%)"),
    ("briefing.md prose: provinces given plan", "briefing.md", "năm 2024 của 20 tỉnh", "năm 2024 của 19 tỉnh"),
    ("briefing.md status 20/20", "briefing.md", "**20/20**", "**19/20**"),
    ("briefing.md period label", "briefing.md", "theo nội dung, 9 tháng năm 2024", "theo nội dung, 6 tháng năm 2024"),
    ("briefing.md table cell: Bình Dương TH/KH", "briefing.md", "| 5,170 | 48,9% |", "| 5,170 | 49,0% |"),
    ("briefing.md table cell: content 04 establishments", "briefing.md", "| 32,9% | 30 |", "| 32,9% | 31 |"),
    ("briefing.html paragraph: KCQG rate", "briefing.html", "<strong>12,18%</strong>", "<strong>12,17%</strong>"),
    ("briefing.html table cell: Cà Mau ratio", "briefing.html", "<td class=\"align-right\">109,4%</td>", "<td class=\"align-right\">109,5%</td>"),
    ("chart-provinces.svg label", "chart-provinces.svg", ">12,729</text>", ">12,730</text>"),
    ("chart-provinces.svg bar length", "chart-provinces.svg", 'width="427.3"', 'width="437.3"'),
    ("chart-rates.svg label", "chart-rates.svg", ">48,9%</text>", ">49,9%</text>"),
    ("chart-contents.svg label", "chart-contents.svg", ">10,615</text>", ">10,651</text>"),
    ("data/region.csv cell", "data/region.csv", "27.71", "27.70"),
    ("data/provinces.csv cell", "data/provinces.csv", "2320.100", "2320.101"),
    ("data/contents.csv cell", "data/contents.csv", "3444.440", "3444.404"),
    ("data/projects.csv cell", "data/projects.csv", "764.885", "764.886"),
    ("briefing.docx prose: executed total", "briefing.docx", ">25,297 tỷ đồng<", ">25,298 tỷ đồng<"),
    ("briefing.docx table cell: Bình Dương TH/KH", "briefing.docx", ">48,9%<", ">49,0%<"),
]
# Faults in the rejected case's out folder: the rejected file's error count and first position.
REJECTED = [
    ("briefing.md rejected: error count", "briefing.md", "do tệp có 5 lỗi", "do tệp có 4 lỗi"),
    ("briefing.md rejected: first error column", "briefing.md", "lỗi đầu tiên: dòng 2, vị trí 180:", "lỗi đầu tiên: dòng 2, vị trí 181:"),
    ("briefing.html rejected: first error line", "briefing.html", "lỗi đầu tiên: dòng 2, vị trí 180:", "lỗi đầu tiên: dòng 3, vị trí 180:"),
    ("briefing.md incomplete warning count", "briefing.md", "19/20 tỉnh, thành phố đã được tổng hợp", "18/20 tỉnh, thành phố đã được tổng hợp"),
    ("chart-provinces.svg state label", "chart-provinces.svg", ">đã nhận, chưa tổng hợp được</text>", ">chưa nộp</text>"),
    ("briefing.docx rejected: first error column", "briefing.docx", "vị trí 180", "vị trí 181"),
]
# Faults in region-2025 (2025-09, 20 provinces became 8): figures carried through successors.
REGION_2025 = [
    ("briefing.md 2025: earlier plan carried onto the new provinces", "briefing.md",
     "(86,767 tỷ đồng, quy đổi", "(86,768 tỷ đồng, quy đổi"),
    ("briefing.md 2025: Cà Mau's same-period ratio over its predecessors", "briefing.md",
     "| 41,5% | 372,0% |", "| 41,5% | 371,9% |"),
    ("briefing.md 2025: carried-forward note dropped", "briefing.md",
     "86,767 tỷ đồng, quy đổi theo địa giới mới)", "86,767 tỷ đồng)"),
]
# (what, sheet, cell, value): a cell written into a copy of the annex (cached value).
ANNEX = [
    ("annex Tỉnh, thành phố D4 (KH KCQG Bình Thuận)", "Tỉnh, thành phố", "D4", 1.657886),
    ("annex Nội dung K4 (establishments)", "Nội dung", "K4", 12),
    ("annex Đề án H2 (plan of line 1)", "Đề án", "H2", 764.886),
    ("annex Tình trạng nộp E4 (lines counted)", "Tình trạng nộp", "E4", 8),
]


def run_check(out, inp, doc=None):
    """Runs the checker; (exit status, its first mismatch about `doc`). A fault counts as caught
    only by a mismatch in the document it was planted in: every planted file also changes its
    digest in SHA256SUMS and index.html, which would catch anything."""
    r = subprocess.run([sys.executable, os.path.join(HERE, "check_case.py"), out, inp],
                       capture_output=True, text=True)
    lines = [l for l in r.stdout.splitlines() if l.startswith("MISMATCH")]
    if doc is not None:
        lines = [l for l in lines if l.startswith(f"MISMATCH {doc}")]
        return (r.returncode if lines else 0), (lines[0] if lines else "no mismatch in " + doc)
    return r.returncode, (lines[0] if lines else r.stdout.strip())


def replace_in_zip(path, member, search, replace):
    """Replaces the first `search` in one member of a zip (a docx); False when it is absent."""
    import zipfile
    tmp = path + ".tmp"
    found = False
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == member:
                text = data.decode("utf-8")
                found = search in text
                data = text.replace(search, replace, 1).encode("utf-8")
            zout.writestr(item, data)
    os.replace(tmp, path)
    return found


def set_cached(xlsx, sheet, cell, value):
    """Rewrites one cell's value in the sheet XML (a number cell or a formula's cached <v>)."""
    import openpyxl
    import re
    import zipfile
    wb = openpyxl.load_workbook(xlsx)
    idx = wb.sheetnames.index(sheet) + 1
    name = f"xl/worksheets/sheet{idx}.xml"
    tmp = xlsx + ".tmp"
    with zipfile.ZipFile(xlsx) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == name:
                text = data.decode("utf-8")
                pat = re.compile(r'(<c r="%s"[^>]*>(?:<f>[^<]*</f>)?<v>)([^<]*)(</v>)' % cell)
                text, n = pat.subn(lambda m_: m_.group(1) + repr(value) + m_.group(3), text, count=1)
                if n != 1:
                    raise SystemExit(f"cell {sheet}!{cell} not found as a number")
                data = text.encode("utf-8")
            zout.writestr(item, data)
    os.replace(tmp, xlsx)


def main(argv):
    out = argv[1] if len(argv) > 2 else os.path.join(ROOT, "tests/golden/demo/expected")
    inp = argv[2] if len(argv) > 2 else os.path.join(ROOT, "tests/golden/demo/input")
    rc, line = run_check(out, inp)
    print(f"unplanted: exit {rc}: {line}")
    if rc != 0:
        return 1
    missed = 0
    rej = (os.path.join(ROOT, "tests/golden/rejected/expected"), os.path.join(ROOT, "tests/golden/rejected/input"))
    plan = [(out, inp) + f for f in FAULTS + [(w, "annex.xlsx", s, (c, v)) for w, s, c, v in ANNEX]]
    if len(argv) <= 2:
        plan += [rej + f for f in REJECTED]
        r25 = (os.path.join(ROOT, "tests/golden/region-2025/expected"),
               os.path.join(ROOT, "tests/golden/region-2025/input"))
        plan += [r25 + f for f in REGION_2025]
        plan.append(rej + ("annex Tình trạng nộp F16 (errors of the rejected file)", "annex.xlsx",
                           "Tình trạng nộp", ("F16", 4)))
    with tempfile.TemporaryDirectory() as tmp:
        for out, inp, what, rel, search, replace in plan:
            copy = os.path.join(tmp, "out")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(out, copy)
            period = "2025-09" if "region-2025" in out else P
            path = os.path.join(copy, period, rel)
            if rel == "briefing.docx":
                if not replace_in_zip(path, "word/document.xml", search, replace):
                    print(f"ERROR {what}: search text not found in {rel}")
                    missed += 1
                    continue
            elif rel == "annex.xlsx":
                set_cached(path, search, replace[0], replace[1])
            else:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                if search not in text:
                    print(f"ERROR {what}: search text not found in {rel}")
                    missed += 1
                    continue
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text.replace(search, replace, 1))
            rc, line = run_check(copy, inp, rel)
            verdict = "caught" if rc == 1 else "MISSED"
            missed += rc != 1
            print(f"{verdict:7} {what}: {line[:160]}")
    print(f"{len(plan)} faults planted, {len(plan) - missed} caught, {missed} missed or not planted")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
