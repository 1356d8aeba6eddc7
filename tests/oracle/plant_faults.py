#!/usr/bin/env python3
"""Proves check_case.py catches faults: copies a good out folder, plants one fault at a time
(an exact search/replace in one output file, one annex cell, or a file removed), runs the checker
on the copy, and prints whether it failed (caught) or passed (missed). Exit 1 if any fault was
missed.

    python3 tests/oracle/plant_faults.py [--gen GEN] [OUT_DIR INPUT_DIR]

By default the good out folders are made afresh by GEN (default $GEN, else gen/gen) from copies
of the golden cases demo, rejected, missing and region-2025, as tests/oracle/run_fresh.sh makes
them (the golden copies need not be up to date with every document gen now writes).
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
# Faults in the province pages (demo, 2024-09): each is caught in the page it was planted in.
PAGES = [
    ("provinces/74.md: executed total", "provinces/74.md",
     "đã thực hiện **5,170 tỷ đồng**", "đã thực hiện **5,171 tỷ đồng**"),
    ("provinces/74.md: rank", "provinces/74.md", "đứng thứ 1 trong 20", "đứng thứ 2 trong 20"),
    ("provinces/74.html: Bảng 1 KCQG rate", "provinces/74.html",
     '<td class="align-right">15,79%</td>', '<td class="align-right">15,80%</td>'),
    ("provinces/74.md: a project line's executed amount", "provinces/74.md",
     "| 3.000,000 | 2.675,000 |", "| 3.000,000 | 2.675,001 |"),
    ("provinces/74.md: Bảng 3 cell", "provinces/74.md",
     "| 0,916 | 0,479 | 52,3% |", "| 0,916 | 0,479 | 52,4% |"),
    ("provinces/79.md: a digit of the file's SHA-256", "provinces/79.md",
     "mã SHA-256 1e1860ff", "mã SHA-256 1e1860fe"),
    ("provinces/79.html: the file's totals as read", "provinces/79.html",
     "KCĐP kế hoạch 12.729,158", "KCĐP kế hoạch 12.729,159"),
    (".provinces: a state label", ".provinces", "Long An\tđã nộp", "Long An\tchưa nộp"),
    ("provinces/80.html removed", "provinces/80.html", None, None),
    ("briefing.md: a province page's link dropped", "briefing.md",
     "[Long An](provinces/80.html)", "Long An"),
]
# (what, search, replace) in out/index.html, caught in index.html.
INDEX = [
    ("index.html: a province page's link dropped", '<a href="2024-09/provinces/80.html">Long An</a>',
     "Long An"),
]
# Faults in the rejected and missing provinces' pages.
REJECTED_PAGES = [
    ("provinces/87.md: an error line dropped", "provinces/87.md",
     "- **Lỗi**, tệp 2024-09/KC\\_87\\_202409.csv, dòng 4, ký tự thứ 6:", "Lỗi ở dòng 4:"),
    ("provinces/87.html: an error's column", "provinces/87.html",
     "dòng 4, ký tự thứ 6", "dòng 4, ký tự thứ 7"),
    ("provinces/87.md: the error count", "provinces/87.md", "tệp còn 5 lỗi", "tệp còn 4 lỗi"),
]
MISSING_PAGES = [
    ("provinces/95.md: a missing province given a figure", "provinces/95.md",
     "## Xem thêm",
     "Kế hoạch kinh phí khuyến công năm 2024 của Bạc Liêu là **2,100 tỷ đồng**.\n\n## Xem thêm"),
    ("provinces/95.html: missing said received", "provinces/95.html",
     "<strong>chưa nhận được</strong>", "<strong>đã nhận</strong>"),
]
# Faults in region-2025 (2025-09, 20 provinces became 8): figures carried through successors.
REGION_2025 = [
    ("briefing.md 2025: earlier plan carried onto the new provinces", "briefing.md",
     "(86,767 tỷ đồng, quy đổi", "(86,768 tỷ đồng, quy đổi"),
    ("briefing.md 2025: Cà Mau's same-period ratio over its predecessors", "briefing.md",
     "| 41,5% | 372,0% |", "| 41,5% | 371,9% |"),
    ("briefing.md 2025: carried-forward note dropped", "briefing.md",
     "86,767 tỷ đồng, quy đổi theo địa giới mới)", "86,767 tỷ đồng)"),
    ("provinces/92.md 2025: earlier plan summed over the predecessors", "provinces/92.md",
     "(năm 2024: 10,287 tỷ đồng)", "(năm 2024: 10,288 tỷ đồng)"),
    ("provinces/92.html 2025: a predecessor's row of Bảng 2", "provinces/92.html",
     "<td class=\"align-right\">21,6%</td>", "<td class=\"align-right\">21,7%</td>"),
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


def fresh(case, tmp, gen):
    """(out, input) of gen run afresh on a copy of a golden case, as run_fresh.sh runs it."""
    src = os.path.join(ROOT, "tests", "golden", case)
    d = os.path.join(tmp, "fresh-" + case)
    os.makedirs(d)
    for part in ("input", "templates", "before"):
        if os.path.isdir(os.path.join(src, part)):
            shutil.copytree(os.path.join(src, part), os.path.join(d, part), symlinks=True)
    if not os.path.isdir(os.path.join(d, "templates")):
        shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(d, "templates"))
    if os.path.isdir(os.path.join(d, "before")):
        os.rename(os.path.join(d, "before"), os.path.join(d, "out"))
    with open(os.path.join(src, "args"), encoding="utf-8") as f:
        args = f.read().split()
    r = subprocess.run([gen] + args, cwd=d, capture_output=True,
                       env=dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC"))
    if r.returncode not in (0, 3):
        raise SystemExit(f"{gen} on {case}: exit {r.returncode}: {r.stderr.decode()[-400:]}")
    return os.path.join(d, "out"), os.path.join(d, "input")


def plant(path, rel, search, replace):
    """Plants one fault in the file at `path`; False when its search text is absent."""
    if search is None:
        os.remove(path)
    elif rel == "briefing.docx":
        return replace_in_zip(path, "word/document.xml", search, replace)
    elif rel == "annex.xlsx":
        set_cached(path, search, replace[0], replace[1])
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if search not in text:
            return False
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace(search, replace, 1))
    return True


def main(argv):
    args = argv[1:]
    gen = os.environ.get("GEN") or os.path.join(ROOT, "gen", "gen")
    if args[:1] == ["--gen"] and len(args) > 1:
        gen, args = os.path.abspath(args[1]), args[2:]
    gen = os.path.abspath(gen)
    with tempfile.TemporaryDirectory() as tmp:
        if len(args) == 2:
            out, inp = args
        else:
            out, inp = fresh("demo", tmp, gen)
        rc, line = run_check(out, inp)
        print(f"unplanted: exit {rc}: {line}")
        if rc != 0:
            return 1
        missed = 0
        plan = [(out, inp, P) + f for f in FAULTS + [(w, "annex.xlsx", s_, (c, v))
                                                     for w, s_, c, v in ANNEX]]
        if len(args) != 2:
            plan += [(out, inp, P) + f for f in PAGES]
            plan += [(out, inp, ".", w, "index.html", a, b) for w, a, b in INDEX]
            rej = fresh("rejected", tmp, gen) + (P,)
            plan += [rej + f for f in REJECTED + REJECTED_PAGES]
            plan.append(rej + ("annex Tình trạng nộp F16 (errors of the rejected file)",
                               "annex.xlsx", "Tình trạng nộp", ("F16", 4)))
            mis = fresh("missing", tmp, gen) + (P,)
            plan += [mis + f for f in MISSING_PAGES]
            r25 = fresh("region-2025", tmp, gen) + ("2025-09",)
            plan += [r25 + f for f in REGION_2025]
            for o, i, _ in (rej, mis, r25):
                rc, line = run_check(o, i)
                print(f"unplanted {os.path.basename(os.path.dirname(o))}: exit {rc}: {line}")
                if rc != 0:
                    return 1
        for out, inp, period, what, rel, search, replace in plan:
            copy = os.path.join(tmp, "out")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(out, copy)
            if not plant(os.path.normpath(os.path.join(copy, period, rel)), rel, search, replace):
                print(f"ERROR {what}: search text not found in {rel}")
                missed += 1
                continue
            rc, line = run_check(copy, inp, rel)
            verdict = "caught" if rc == 1 else "MISSED"
            missed += rc != 1
            print(f"{verdict:7} {what}: {line[:160]}")
    print(f"{len(plan)} faults planted, {len(plan) - missed} caught, {missed} missed or not planted")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
