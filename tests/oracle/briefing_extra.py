#!/usr/bin/env python3
"""Checks the briefing's figures added by issue 12 against an independent computation.

    python3 tests/oracle/briefing_extra.py OUT_DIR INPUT_DIR [--period YYYY-MM] [-v]

Standard library only, exact integers and fractions, half away from zero; the submissions are
read by the independent oracle tests/tools/independent_totals.py (no code shared with gen).
From OUT_DIR/PERIOD/briefing.md it checks:

  - the amount still to execute and its share of the year plan ("còn phải thực hiện X tỷ
    đồng, bằng Y% kế hoạch năm", per source too), or the amount executed beyond the plan;
  - the leading and lagging provinces by execution rate, named with their rates, in order (at
    most three at each end, never overlapping; only provinces counted and with a plan; ties in
    roster order);
  - the province table's column "KH so năm trước": each province's plan against its plan of the
    year before, signed ("−19,1%", "+25,8%"), "—" when not comparable; the total row's name
    ("Toàn vùng" when every province is counted, else "Cộng N tỉnh, thành phố");
  - the status: each province listed once, however many files it sent; a province whose file
    cannot be read, or whose rows name no province, attributed by its file name (its code as a
    number on its own, or its name or an alias folded as names are, on whole words) when the name
    names exactly one province, and then shown as received ("đã nhận"), never as not submitted;
  - the banner of context.md's `minh_hoa: có` right after the title, and none without it.

Exit 0 with "N figures checked, all match"; 1 with the mismatches; 2 on usage errors.
"""
import contextlib
import importlib.util
import io
import os
import re
import sys
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location(
    "independent_totals", os.path.join(ROOT, "tests", "tools", "independent_totals.py"))
oracle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(oracle)

SOURCES = ["KCQG", "KCĐP"]
DASH = "—"
SHOWN = 3  # provinces named at each end of the ranking
BANNER = "> **SỐ LIỆU MINH HỌA, KHÔNG PHẢI SỐ LIỆU CHÍNH THỨC.**"


def rounded(value, decimals):
    """A Fraction rounded half away from zero, as an integer count of 10^-decimals."""
    scaled = abs(value) * 10 ** decimals
    n = scaled.numerator // scaled.denominator
    if (scaled - n) * 2 >= 1:
        n += 1
    return -n if value < 0 else n


def vn(scaled, decimals):
    whole, frac = divmod(abs(scaled), 10 ** decimals)
    text = f"{whole:,}".replace(",", ".") + ("," + str(frac).zfill(decimals) if decimals else "")
    return ("-" if scaled < 0 else "") + text


def ty(thousands):
    return vn(rounded(Fraction(thousands, 10 ** 6), 3), 3)


def pct(num, den, decimals):
    return vn(rounded(Fraction(num * 100, den), decimals), decimals) + "%"


def signed_change(new, old):
    q = rounded(Fraction((new - old) * 100, old), 1)
    return ("−" if q < 0 else "+" if q > 0 else "") + vn(abs(q), 1) + "%"


def md_unescape(s):
    return re.sub(r"\\(.)", r"\1", s)


# ------------------------------------------------------------------------------ context.md

KNOWN_KEYS = {"conference", "hoi nghi", "place", "dia diem", "date", "ngay", "issuer", "co quan",
              "illustrative", "minh hoa"}


def context_diagnostics(input_dir, period):
    """The warnings context.md's settings block draws, as (path, line, column, level): each
    unknown key at its first character, each line that is not `key: value`."""
    path = os.path.join(input_dir, period, "context.md")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    if not lines or lines[0].strip() != "---":
        return []
    out = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        column = len(line) - len(line.lstrip()) + 1
        if ":" not in text:
            out.append((path, number, column, "warning"))
        elif oracle.fold(text.split(":", 1)[0]) not in KNOWN_KEYS:
            out.append((path, number, column, "warning"))
    return out


# ------------------------------------------------------------------------------ attribution

def names_by_file_name(file_name, names, lookup):
    """The codes a file name names: runs of digits read as numbers, and names or aliases spelt
    by consecutive whole runs of letters of the folded name."""
    base = file_name[:-4] if file_name.lower().endswith(".csv") else file_name
    found = set()
    for run in re.findall(r"\d+", base):
        for code in names:
            if int(run) == int(code):
                found.add(code)
    runs = re.findall(r"[a-z]+", oracle.fold(base))
    for spelling, code in lookup.items():
        if re.search(r"\d", spelling):
            continue
        want = re.sub(r"[^a-z]", "", spelling)
        if not want:
            continue
        for i in range(len(runs)):
            joined = ""
            for j in range(i, len(runs)):
                joined += runs[j]
                if joined == want:
                    found.add(code)
                if len(joined) >= len(want):
                    break
    return found


# ------------------------------------------------------------------------------ the model

class Model:
    def __init__(self, input_dir, period):
        prev_period = f"{int(period[:4]) - 1:04d}-{period[5:]}"
        with contextlib.redirect_stderr(io.StringIO()):
            diag = oracle.Diag()
            roster = oracle.load_roster(input_dir, diag)
            contents = oracle.load_contents(input_dir, diag)
            if roster is None or contents is None:
                raise SystemExit("cannot read the roster or the catalogue")
            self.cur = oracle.read_period(input_dir, period, roster, contents, diag)
            self.prev = oracle.read_period(input_dir, prev_period, roster, contents, diag)
        self.names, self.lookup = roster
        self.order = list(self.names)  # roster order
        acc = self.cur["accepted"]
        self.plan, self.done = {}, {}
        self.src = {s: [0, 0] for s in SOURCES}
        for c, (_, rows, _) in acc.items():
            self.plan[c] = sum(r["plan"] for r in rows)
            self.done[c] = sum(r["executed"] for r in rows)
            for r in rows:
                self.src[r["source"]][0] += r["plan"]
                self.src[r["source"]][1] += r["executed"]
        pacc = self.prev["accepted"] if self.prev else {}
        self.prev_plan = {c: sum(r["plan"] for r in rows) for c, (_, rows, _) in pacc.items()}
        self.valid = len(acc)
        self.N = len(self.names)
        # Which province each file stands for: its rows', else its name's.
        self.by_file = {}
        for c, files in self.cur["by_province"].items():
            for f in files:
                self.by_file[f] = c
        for f in self.cur["rejected_files"]:
            named = names_by_file_name(f, self.names, self.lookup)
            self.by_file[f] = named.pop() if len(named) == 1 else None
        self.received = [c for c in self.order if c not in acc and
                         any(v == c for v in self.by_file.values())]
        self.missing = [c for c in self.order if c not in acc and c not in self.received]
        self.unattributed = [f for f, c in self.by_file.items() if c is None]


def claims(m, period, context_illustrative):
    """(what, text the briefing must contain) and texts it must not contain."""
    want, absent = [], []
    plan = sum(q[0] for q in m.src.values())
    done = sum(q[1] for q in m.src.values())
    rest = plan - done
    if plan and rest >= 0:
        want.append(("remaining", f"**{ty(rest)} tỷ đồng**, bằng **{pct(rest, plan, 1)}** kế "
                     f"hoạch năm (KCQG {ty(m.src['KCQG'][0] - m.src['KCQG'][1])} tỷ đồng, KCĐP "
                     f"{ty(m.src['KCĐP'][0] - m.src['KCĐP'][1])} tỷ đồng)"))
    elif plan:
        want.append(("exceeded", f"vượt kế hoạch năm **{ty(-rest)} tỷ đồng** "
                     f"({pct(-rest, plan, 1)} kế hoạch)"))
    rated = [c for c in m.order if c in m.plan and m.plan[c] > 0]
    # Highest rate first; ties in roster order (a stable sort over roster order).
    rated.sort(key=lambda c: -Fraction(m.done[c], m.plan[c]))
    lead = rated[:SHOWN]
    rest_rated = rated[len(lead):]
    lag = list(reversed(rest_rated))[:SHOWN]
    if lag:
        def text(cs):
            return ", ".join(f"{m.names[c]} ({pct(m.done[c], m.plan[c], 1)})" for c in cs)
        want.append(("ranking", f"cao nhất là {text(lead)}; thấp nhất là {text(lag)}."))
    else:
        absent.append("thấp nhất là")
    label = "Toàn vùng" if m.valid == m.N else f"Cộng {m.valid} tỉnh, thành phố"
    want.append(("total row", f"| | **{label}** |"))
    if m.valid != m.N:
        absent.append("**Toàn vùng**")
    for c in m.order:
        if c in m.plan and c in m.prev_plan and m.prev_plan[c]:
            change = signed_change(m.plan[c], m.prev_plan[c])
        else:
            change = DASH
        want.append((f"plan change {c}", f"({c}, {change})"))
    for c in m.received:
        want.append((f"received {c}", f"- {m.names[c]}: đã nhận "))
    for f in m.unattributed:
        want.append((f"unattributed {f}", f"- Tệp {period}/{f}: chưa xác định được"))
    if m.missing:
        want.append(("missing", "Chưa nhận được báo cáo của: " +
                     ", ".join(m.names[c] for c in m.missing) + "."))
    else:
        absent.append("Chưa nhận được báo cáo của")
    if context_illustrative:
        want.append(("banner", BANNER))
    else:
        absent.append("SỐ LIỆU MINH HỌA")
    return want, absent, {c: m.names[c] for c in m.received}


def read_briefing(path):
    """The briefing's text, with each province table row reduced to "(code, plan change)"
    markers and table cells unescaped, so claims need not know the table's layout."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    markers = []
    header = None
    for line in text.splitlines():
        if line.startswith("| Mã | Tỉnh, thành phố"):
            header = [h.strip() for h in line.strip("|").split("|")]
            continue
        if header and line.startswith("| ") and re.match(r"\| \d\d \|", line):
            cells = [md_unescape(x.strip()) for x in line.strip().strip("|").split(" | ")]
            markers.append(f"({cells[0]}, {cells[header.index('KH so năm trước')]})")
        elif header and not line.startswith("|"):
            header = None
    return text, "\n".join(markers)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("-")]
    verbose = "-v" in argv
    period = None
    if "--period" in argv:
        period = argv[argv.index("--period") + 1]
        args.remove(period)
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir, input_dir = args
    if period is None:
        period = max(p for p in os.listdir(input_dir) if re.fullmatch(r"\d{4}-\d\d", p))
    m = Model(input_dir, period)
    context = os.path.join(input_dir, period, "context.md")
    illustrative = False
    if os.path.exists(context):
        with open(context, encoding="utf-8-sig") as f:
            block = f.read().split("\n---", 1)[0]
        illustrative = bool(re.search(r"^\s*(minh_hoa|illustrative)\s*:\s*(có|yes)\s*$", block,
                                      re.M | re.I))
    text, markers = read_briefing(os.path.join(out_dir, period, "briefing.md"))
    want, absent, received = claims(m, period, illustrative)
    bad, n = [], 0
    for what, t in want:
        n += max(1, len(re.findall(r"\d+(?:[.,]\d+)*%?", t)))
        hay = markers if what.startswith("plan change") else md_unescape(text)
        if t not in hay:
            bad.append(f"{what}: the briefing does not state {t!r}")
        elif verbose:
            print(f"ok {what}: {t}")
    flat = md_unescape(text)
    for t in absent:
        if t in flat:
            bad.append(f"the briefing states {t!r}, which it must not")
    # One line a province, never "chưa nộp" for a province received.
    for c, name in received.items():
        lines = [ln for ln in flat.splitlines() if ln.startswith(f"- {name}:")]
        if len(lines) != 1:
            bad.append(f"{name}: {len(lines)} status lines, want 1")
        miss = [ln for ln in flat.splitlines() if ln.startswith("- Chưa nhận được") and name in ln]
        if miss:
            bad.append(f"{name} is received but listed as not submitted: {miss[0]!r}")
        n += 1
    if text.splitlines()[2:3] and illustrative and not text.splitlines()[2].startswith(BANNER):
        bad.append("the banner is not the first thing after the title")
    if bad:
        print("\n".join(bad))
        return 1
    print(f"{n} figures checked, all match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
