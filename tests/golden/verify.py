#!/usr/bin/env python3
"""Checks every figure of a golden briefing against an independent computation.

    python3 tests/golden/verify.py CASE [BRIEFING]      (from the project root)

CASE is a folder of tests/golden (its `args` gives -i and -p); BRIEFING defaults to
CASE/expected/PERIOD/briefing.md. The submissions are read with the independent oracle
tests/tools/independent_totals.py (written from the contract alone, sharing no code with gen);
every total, rate, ratio and change is then recomputed here with exact fractions and rounded
half away from zero, and compared with the briefing: the prose figures, every cell of both
tables, and who is counted, missing or rejected. Comparisons with the year before are like for
like, over the provinces valid in both periods (as the briefing explains when not all are).

Exit status 0 when every figure matches; 1 with the list of mismatches otherwise. This is the
check each expected briefing passed before it was saved; run it again after GOLDEN_UPDATE=1.

It reads the Markdown briefing only. tests/oracle/check_case.py checks every output of a case
(briefing.md and .html, the charts, data/*.csv, annex.xlsx, index.html, standard error);
tests/oracle/run_cases.sh runs it on the cases of tests/oracle/cases.txt.
"""
import contextlib
import importlib.util
import io
import os
import re
import shlex
import sys
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
spec = importlib.util.spec_from_file_location(
    "oracle", os.path.join(ROOT, "tests", "tools", "independent_totals.py"))
oracle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oracle)

SOURCES = ["KCQG", "KCĐP"]
DASH = "—"


def half_away(value, decimals):
    """Fraction -> integer count of 10^-decimals, half away from zero."""
    scaled = abs(value) * 10 ** decimals
    n = scaled.numerator // scaled.denominator
    if scaled - n >= Fraction(1, 2):
        n += 1
    return -n if value < 0 else n


def vn(scaled, decimals):
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(scaled), 10 ** decimals)
    text = f"{whole:,}".replace(",", ".")
    return sign + text + ("," + str(frac).zfill(decimals) if decimals else "")


def ty(thousands):
    return vn(half_away(Fraction(thousands, 10 ** 6), 3), 3)


def pct(num, den, decimals):
    if den == 0:
        return DASH
    return vn(half_away(Fraction(num * 100, den), decimals), decimals) + "%"


def count(n):
    return vn(n, 0)


def change_words(new, old):
    scaled = half_away(Fraction((new - old) * 100, old), 1)
    if scaled == 0:
        return "không đổi"
    return ("tăng " if scaled > 0 else "giảm ") + vn(abs(scaled), 1) + "%"


def label(period):
    y, m = period.split("-")
    return f"năm {y}" if m == "12" else f"{int(m)} tháng năm {y}"


def read_args(case):
    with open(os.path.join(case, "args"), encoding="utf-8") as f:
        args = shlex.split(f.read())
    opts = {"-i": "input", "-p": None}
    long_names = {"--input": "-i", "--period": "-p"}
    for i, a in enumerate(args[:-1]):
        key = long_names.get(a, a)
        if key in opts:
            opts[key] = args[i + 1]
    return os.path.join(case, opts["-i"]), opts["-p"]


def latest_period(input_dir):
    names = [n for n in os.listdir(input_dir)
             if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", n) and os.path.isdir(os.path.join(input_dir, n))]
    return max(names)


def attribute(path, roster_lookup):
    """The roster code a rejected file names in its province column, or None."""
    try:
        with open(path, "rb") as f:
            text, _ = oracle.decode(f.read())
        delim = oracle.detect_delimiter(text)
        records = oracle.parse_records(text, delim)
    except Exception:
        return None
    if not records or delim is None:
        return None
    header = [oracle.HEADER_LOOKUP.get(oracle.fold(f.text)) for f in records[0][2]]
    if "province" not in header:
        return None
    col = header.index("province")
    for _, _, fields in records[1:]:
        if col < len(fields) and oracle.fold(fields[col].text) in roster_lookup:
            return roster_lookup[oracle.fold(fields[col].text)]
    return None


class Model:
    """Everything the briefing states, computed from the oracle's reading of the files."""

    def __init__(self, input_dir, period):
        with contextlib.redirect_stderr(io.StringIO()):
            diag = oracle.Diag()
            self.roster = oracle.load_roster(input_dir, diag)
            self.contents = oracle.load_contents(input_dir, diag)
            self.cur = oracle.read_period(input_dir, period, self.roster, self.contents, diag)
            prev = f"{int(period[:4]) - 1:04d}-{period[5:]}"
            self.prev = oracle.read_period(input_dir, prev, self.roster, self.contents, diag)
        self.period, self.prev_period = period, prev
        names, lookup = self.roster
        self.state = {}
        for code in names:
            self.state[code] = "đã nộp" if code in self.cur["accepted"] else "chưa nộp"
        for code in self.cur["rejected"]:
            self.state[code] = "bị loại"
        for f in self.cur["rejected_files"]:
            code = attribute(os.path.join(input_dir, period, f), lookup)
            if code and code not in self.cur["accepted"]:
                self.state[code] = "bị loại"

    @staticmethod
    def sums(rows):
        s = {k: [0, 0] for k in SOURCES}
        extra = [0, 0, 0]  # establishments, counterpart, lines
        for r in rows:
            s[r["source"]][0] += r["plan"]
            s[r["source"]][1] += r["executed"]
            extra[0] += r["establishments"] or 0
            extra[1] += r["counterpart"] or 0
            extra[2] += 1
        return s, extra

    def rows(self, data, code):
        return data["accepted"][code][1] if data and code in data["accepted"] else None


def cells(line):
    """A table row's cells as a reader sees their text: split at unescaped '|', backslash
    escapes of ASCII punctuation removed."""
    parts, cur, i = [], "", 0
    body = line.strip()[1:-1]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            cur += nxt if nxt.isascii() and not nxt.isalnum() and not nxt.isspace() else body[i:i + 2]
            i += 2
            continue
        if body[i] == "|":
            parts.append(cur.strip())
            cur = ""
        else:
            cur += body[i]
        i += 1
    parts.append(cur.strip())
    return parts


def check(case, briefing=None):
    input_dir, period = read_args(case)
    period = period or latest_period(input_dir)
    briefing = briefing or os.path.join(case, "expected", period, "briefing.md")
    with open(briefing, encoding="utf-8") as f:
        md = f.read()
    m = Model(input_dir, period)
    names = m.roster[0]
    bad = []

    def expect(cond, what):
        if not cond:
            bad.append(what)

    def has(text, what=None):
        expect(text in md, what or f"text {text!r}")

    all_rows = [r for c in m.cur["accepted"] for r in m.cur["accepted"][c][1]]
    region, extra = Model.sums(all_rows)
    plan = sum(region[s][0] for s in SOURCES)
    done = sum(region[s][1] for s in SOURCES)
    valid = len(m.cur["accepted"])
    has(f"# Công tác khuyến công khu vực phía Nam {label(period)}\n")
    has(f"báo cáo của Sở Công Thương {valid}/{len(names)} tỉnh")
    has(f"là **{ty(plan)} tỷ đồng**")
    has(f"(KCQG) {ty(region['KCQG'][0])} tỷ đồng, khuyến công địa phương (KCĐP) "
        f"{ty(region['KCĐP'][0])} tỷ đồng")
    has(f"toàn vùng là **{ty(done)} tỷ đồng**, đạt **{pct(done, plan, 1)}** kế hoạch năm")
    for s, word in (("KCQG", "KCQG"), ("KCĐP", "KCĐP")):
        q = region[s]
        has(f"- Nguồn {word}: thực hiện **{ty(q[1])} tỷ đồng**, đạt **{pct(q[1], q[0], 2)}** "
            f"kế hoạch năm ({ty(q[0])} tỷ đồng).")
    has(f"hỗ trợ {count(extra[0])} cơ sở công nghiệp nông thôn, thu hút {ty(extra[1])} tỷ đồng "
        f"vốn đối ứng ({count(extra[2])} dòng đề án)")
    # Comparison, like for like.
    comparable = [c for c in names if c in m.cur["accepted"] and m.prev and c in m.prev["accepted"]]
    total_ratio = DASH
    if comparable:
        cur_rows = [r for c in comparable for r in m.rows(m.cur, c)]
        prev_rows = [r for c in comparable for r in m.rows(m.prev, c)]
        cs, _ = Model.sums(cur_rows)
        ps, _ = Model.sums(prev_rows)
        cplan, cdone = sum(cs[s][0] for s in SOURCES), sum(cs[s][1] for s in SOURCES)
        pplan, pdone = sum(ps[s][0] for s in SOURCES), sum(ps[s][1] for s in SOURCES)
        py = m.prev_period[:4]
        # A whole year is compared with the year before, never with "the same period".
        than = f"năm trước, năm {py}" if m.period.endswith("-12") else f"cùng kỳ năm {py}"
        total_ratio = pct(cdone, pdone, 1)
        n = len(comparable)
        if n == len(names):
            has(f"**{ty(plan)} tỷ đồng**, {change_words(cplan, pplan)} so với kế hoạch năm {py} là "
                f"{ty(pplan)} tỷ đồng.")
            has(f"và bằng **{total_ratio}** so với {than} ({ty(pdone)} tỷ đồng)")
        else:
            has(f"**{ty(plan)} tỷ đồng**; riêng {n} tỉnh, thành phố có báo cáo hợp lệ cả hai năm có "
                f"kế hoạch {ty(cplan)} tỷ đồng, {change_words(cplan, pplan)} so với {ty(pplan)} tỷ "
                f"đồng của năm {py}.")
            has(f"; riêng {n} tỉnh, thành phố có báo cáo hợp lệ cả hai năm thực hiện {ty(cdone)} "
                f"tỷ đồng, bằng **{total_ratio}** so với {than} ({ty(pdone)} tỷ đồng).")
            has(f"chỉ trên {n}/{len(names)} tỉnh, thành phố** có báo cáo hợp lệ ở cả hai kỳ")
        if n == len(names):
            expect("có báo cáo hợp lệ ở cả hai kỳ" not in md, "no like-for-like note expected")
    else:
        has(f"Chưa có số liệu {label(m.prev_period)} nên bản tóm tắt không so sánh")
        expect(not re.search(r"bằng \*\*[\d.,]+%\*\* so với (cùng kỳ|năm trước)", md),
               "no same-period ratio expected")
        expect(not re.search(r"(tăng|giảm|không đổi)[\d ,%]* so với kế hoạch năm", md),
               "no plan change expected")
    # Coverage.
    missing = [c for c in names if m.state[c] == "chưa nộp"]
    if missing:
        has("- Chưa nộp báo cáo:" + "".join(f" {names[c]} ({c});" for c in missing) + "\n")
    else:
        expect("Chưa nộp báo cáo" not in md, "no missing list expected")
    rejected = [c for c in names if m.state[c] == "bị loại"]
    for c in rejected:
        has(f"- Bị loại, không tính vào số tổng: {names[c]} ({c})")
    if valid < len(names):
        has(f"chỉ gồm {valid} trên {len(names)} tỉnh, thành phố; {len(names) - valid} địa phương "
            "chưa được tính")
    else:
        expect("Số liệu chưa đầy đủ" not in md, "no incomplete-data warning expected")
    # Province table.
    lines = md.splitlines()
    rows = {cells(l)[0]: cells(l) for l in lines if l.startswith("| ") and len(cells(l)) == 11}
    for c, name in names.items():
        got = rows.get(c)
        if got is None:
            bad.append(f"province row {c} absent")
            continue
        r = m.rows(m.cur, c)
        if r is None:
            want = [c, name] + [DASH] * 8 + [m.state[c]]
        else:
            s, _ = Model.sums(r)
            p, d = s["KCQG"][0] + s["KCĐP"][0], s["KCQG"][1] + s["KCĐP"][1]
            ratio = DASH
            if c in comparable:
                ps, _ = Model.sums(m.rows(m.prev, c))
                ratio = pct(d, ps["KCQG"][1] + ps["KCĐP"][1], 1)
            want = [c, name, ty(s["KCQG"][0]), ty(s["KCĐP"][0]), ty(p), ty(s["KCQG"][1]),
                    ty(s["KCĐP"][1]), ty(d), pct(d, p, 1), ratio, m.state[c]]
        expect(got == want, f"province row {c}: got {got}, want {want}")
    total_row = [r for r in rows.values() if r[1] == "**Toàn vùng**"]
    want = ["", "**Toàn vùng**"] + [f"**{v}**" for v in (
        ty(region["KCQG"][0]), ty(region["KCĐP"][0]), ty(plan), ty(region["KCQG"][1]),
        ty(region["KCĐP"][1]), ty(done), pct(done, plan, 1), total_ratio)] + [f"{valid}/{len(names)}"]
    expect(total_row == [want], f"region row: got {total_row}, want {want}")
    # Content table.
    crow = {cells(l)[0]: cells(l) for l in lines if l.startswith("| ") and len(cells(l)) == 9}
    for code, cname in m.contents[0].items():
        rs = [r for r in all_rows if r["content"] == code]
        s, e = Model.sums(rs)
        p, d = s["KCQG"][0] + s["KCĐP"][0], s["KCQG"][1] + s["KCĐP"][1]
        want = [code, cname, ty(s["KCQG"][0]), ty(s["KCĐP"][0]), ty(p), ty(d), pct(d, p, 1),
                count(e[0]), ty(e[1])]
        expect(crow.get(code) == want, f"content row {code}: got {crow.get(code)}, want {want}")
    want = ["", "**Tổng cộng**"] + [f"**{v}**" for v in (
        ty(region["KCQG"][0]), ty(region["KCĐP"][0]), ty(plan), ty(done), pct(done, plan, 1),
        count(extra[0]), ty(extra[1]))]
    expect(crow.get("") == want, f"content total row: got {crow.get('')}, want {want}")
    return bad


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    bad = check(argv[1], argv[2] if len(argv) == 3 else None)
    for b in bad:
        print("MISMATCH " + b)
    print(f"{argv[1]}: {'every figure matches' if not bad else str(len(bad)) + ' mismatch(es)'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
