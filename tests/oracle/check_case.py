#!/usr/bin/env python3
"""Checks every figure gen's outputs state against an independent computation from the inputs.

    python3 tests/oracle/check_case.py OUT_DIR INPUT_DIR [--period YYYY-MM] [--stderr FILE] [-v]

OUT_DIR is an out folder as gen leaves it (OUT_DIR/PERIOD/... and OUT_DIR/index.html), INPUT_DIR
the input folder it was made from. The submissions are read with the independent oracle
tests/tools/independent_totals.py (written from the contract, standard library only, no code
shared with gen); every figure is recomputed here with exact integers and fractions, rounded half
away from zero, and compared with what each document states:

  briefing.md, briefing.html  title and period label, the share of the year elapsed, every prose
                              figure (totals, rates, ratios, changes, counts of provinces), the
                              coverage lines (missing provinces, each rejected file with its
                              number of errors and the LINE:COLUMN of its first error), every cell
                              of both tables; the HTML must state each in the same paragraph or cell
  briefing.docx               the same number tokens as briefing.md's text and tables, in order
  provinces/CODE.md, .html    one page in each form for every province of the period's roster
                              (the roster as of the period's last day), and no other file in
                              provinces/; the hidden .provinces lists them (page, code, name,
                              state) in roster order. Each page: its title, code and data date;
                              for a counted province the plan, executed and TH/KH (1 decimal),
                              establishments, counterpart, the rank "đứng thứ K/N" (by exact
                              executed/plan among the counted provinces with a plan, ties sharing
                              the place), the comparison with the year before (signed plan change,
                              same-period ratio, the earlier plan and executed, summed over the
                              predecessors of a merged province, only when all of them were
                              counted, as over_time.py carries them) or why there is none; Bảng 1
                              by source (rates with 2 decimals), Bảng 2 the predecessors of a
                              province formed since the year before (each one's figures and state),
                              Bảng 3 by content row by row, every project line (line in the file,
                              content, source, title, amounts in triệu đồng exact to 3 decimals,
                              establishments, counterpart, note); for a rejected province its
                              number of files and errors; for a missing one "chưa nhận được" and
                              no figure; every problem of the province's files (severity, file,
                              "dòng L, cột C" at the oracle's own position), and no other; each
                              file received with the SHA-256 of its bytes and, when counted, its
                              lines and totals per source as read (triệu đồng). The HTML page
                              must state each in the same paragraph, list item or cell
  briefing.md, .html links    a link to every province's page (provinces/CODE.html) by its name
  chart-*.svg                 each bar's value label (plan, executed, rate, or the province's
                              state), bar lengths proportional to the values within one pixel of
                              the axis' own scale, the year-elapsed marker
  data/*.csv                  every row and number of region, provinces, contents, projects
  annex.xlsx                  cached values of every number cell (formulas included) of the
                              summary, provinces, contents, lines and status sheets; the list of
                              diagnostics (level, file, line, column)
  index.html, SHA256SUMS      every file's size and digest; index.html links every file for
                              download, and every province's page by the province's name
  --stderr FILE               (optional) gen's standard error: each diagnostic at the oracle's
                              position and level, and no other

Exit 0 with "N figures checked, all match"; 1 with the list of mismatches; 2 on usage errors.
"""
import contextlib
import csv
import hashlib
import importlib.util
import io
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from fractions import Fraction
from html import unescape as unescape_html
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location(
    "independent_totals", os.path.join(ROOT, "tests", "tools", "independent_totals.py"))
oracle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(oracle)
_xspec = importlib.util.spec_from_file_location(
    "briefing_extra", os.path.join(ROOT, "tests", "oracle", "briefing_extra.py"))
_extra = importlib.util.module_from_spec(_xspec)
_xspec.loader.exec_module(_extra)

_spec = importlib.util.spec_from_file_location(
    "over_time", os.path.join(ROOT, "tests", "oracle", "over_time.py"))
over_time = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(over_time)


def roster_over_time(input_dir):
    """over_time.Roster when the roster dates its provinces (from, until, successor), else None."""
    with open(os.path.join(input_dir, "roster.csv"), encoding="utf-8-sig", errors="replace") as f:
        header = [h.strip().lower() for h in f.readline().split(",")]
    if not {"from", "until", "successor"} & set(header):
        return None
    return over_time.Roster(input_dir)

SOURCES = ["KCQG", "KCĐP"]
DASH = "—"
PERIOD_RE = r"\d{4}-(0[1-9]|1[0-2])"

# ------------------------------------------------------------------------------ number style


def half_away(value, decimals):
    """Fraction -> integer count of 10^-decimals, half away from zero."""
    value = Fraction(value)
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


def ty(th):
    """Thousandths of a million VND -> tỷ đồng, three decimals, Vietnamese style."""
    return vn(half_away(Fraction(th, 10 ** 6), 3), 3)


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


def csv_million(th):
    """Thousandths -> open-data million VND: '.' decimal mark, three decimals, no grouping."""
    sign = "-" if th < 0 else ""
    whole, frac = divmod(abs(th), 1000)
    return f"{sign}{whole}.{frac:03d}"


def csv_pct(num, den):
    if den == 0:
        return ""
    s = half_away(Fraction(num * 100, den), 2)
    sign = "-" if s < 0 else ""
    whole, frac = divmod(abs(s), 100)
    return f"{sign}{whole}.{frac:02d}"


FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)*")


def n_figures(text):
    return max(1, len(FIGURE_RE.findall(str(text))))


# ------------------------------------------------------------------------------ the model


class Sums:
    def __init__(self, rows=()):
        self.src = {s: [0, 0] for s in SOURCES}
        self.est = {s: 0 for s in SOURCES}
        self.cp = {s: 0 for s in SOURCES}
        self.lines = 0
        for r in rows:
            self.add(r)

    def add(self, r):
        s = r["source"]
        self.src[s][0] += r["plan"]
        self.src[s][1] += r["executed"]
        self.est[s] += r["establishments"] or 0
        self.cp[s] += r["counterpart"] or 0
        self.lines += 1

    @property
    def plan(self):
        return self.src["KCQG"][0] + self.src["KCĐP"][0]

    @property
    def done(self):
        return self.src["KCQG"][1] + self.src["KCĐP"][1]

    @property
    def establishments(self):
        return sum(self.est.values())

    @property
    def counterpart(self):
        return sum(self.cp.values())


RECEIVED = "đã nhận, chưa tổng hợp được"  # a province whose file is received but not counted


def named_by_file_name(file_name, names, lookup):
    """The one province a file name names (the contract: its code as a number on its own, or its
    name or an alias folded as names are, on whole words), or None; see briefing_extra.py."""
    found = _extra.names_by_file_name(file_name, names, lookup)
    return found.pop() if len(found) == 1 else None


def attribute(path, roster_lookup):
    """The roster code a rejected file names in its province column, or None."""
    try:
        with open(path, "rb") as f:
            text, _ = oracle.decode(f.read())
        delim = oracle.detect_delimiter(text)
        if delim is None:
            return None
        records = oracle.parse_records(text, delim)
    except Exception:
        return None
    if not records:
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
    """Everything the outputs state, computed from the oracle's reading of the input folder."""

    def __init__(self, input_dir, period):
        self.input_dir, self.period = input_dir, period
        self.prev_period = f"{int(period[:4]) - 1:04d}-{period[5:]}"
        with contextlib.redirect_stderr(io.StringIO()):
            self.diag = oracle.Diag()
            over = roster_over_time(input_dir)
            if over is None:
                self.roster = oracle.load_roster(input_dir, self.diag)
                prev_roster = self.roster
            else:
                # A roster over time (from/until/successor columns): the provinces of each
                # period on its last day, as tests/oracle/over_time.py resolves them.
                day, prev_day = over_time.last_day(period), over_time.last_day(self.prev_period)
                self.roster, prev_roster = over.view(day), over.view(prev_day)
            self.contents = oracle.load_contents(input_dir, self.diag)
            if self.roster is None or self.contents is None:
                raise SystemExit("the oracle cannot read the roster or the catalogue")
            self.reference_diags = list(self.diag.entries)
            self.cur = oracle.read_period(input_dir, period, self.roster, self.contents, self.diag)
            self.prev = oracle.read_period(input_dir, self.prev_period, prev_roster, self.contents,
                                           self.diag)
        if self.cur is None:
            raise SystemExit(f"no folder {period} in {input_dir}")
        self.names, lookup = self.roster
        self.prev_names = prev_roster[0]
        self.cnames = self.contents[0]
        self.N = len(self.names)
        self.state = self._states(self.cur, period, lookup)
        prev_state = self._states(self.prev, self.prev_period, prev_roster[1], self.prev_names) \
            if self.prev else None
        # The earlier period's provinces carried onto this period's: preds[code] lists the
        # earlier codes whose figures a province of today compares with (itself, when nothing
        # changed; its predecessors after a merger).
        self.preds = {c: [] for c in self.names}
        self.changed = False
        if over is None:
            for c in self.names:
                self.preds[c] = [c]
        else:
            for i in over.on(prev_day):
                holder, _, _ = over.follow(i, day)
                if holder is not None:
                    code = over.rows[holder]["code"]
                    self.preds[code].append(over.rows[i]["code"])
                    self.changed |= holder != i
                else:
                    self.changed = True  # a province that left the region
            self.changed |= any(not p for p in self.preds.values())  # one that joined it
        # A province's state in the earlier period: that of its predecessors taken together
        # (valid when all were, received but not counted when one was, else missing; missing when
        # it has none).
        self.prev_state = None
        self.prev_state_each = prev_state  # by earlier code, each on its own
        # Provinces formed since the earlier period (merged, renamed), as over_time.py finds
        # them: {code: (verb, [(earlier code, name)], day)}; only with an earlier period.
        self.formed = {}
        if over is not None and self.prev is not None:
            self.formed = over_time.formed_provinces(over, day, prev_day)
        if prev_state is not None:
            self.prev_state = {}
            for c, ps in self.preds.items():
                states = [prev_state[p] for p in ps]
                self.prev_state[c] = ("chưa nộp" if not states
                                      else "đã nộp" if all(x == "đã nộp" for x in states)
                                      else RECEIVED if RECEIVED in states else "chưa nộp")
        # Rejected files: (code or None, file name, errors, first position or None).
        self.rejected_files = []
        for f in self.cur["files"]:
            ds = [d for d in self.cur["file_diags"][f] if d[3] == "error"]
            if not ds:
                continue
            code = None
            for c, fs in self.cur["by_province"].items():
                if f in fs:
                    code = c
            if code is None:
                code = attribute(os.path.join(input_dir, period, f), lookup)
            if code is None:
                code = named_by_file_name(f, self.names, lookup)
            first = min(((d[1], d[2]) for d in ds if d[1] is not None), default=None)
            self.rejected_files.append((code, f, len(ds), first))
        # The files each province sent (its counted one and those attributed to it), in the
        # order read.
        self.files_of = {c: [] for c in self.names}
        for f in self.cur["files"]:
            for c in self.names:
                if (c in self.cur["accepted"] and self.cur["accepted"][c][2]["file"] == f) or \
                        any(code == c and rf == f for code, rf, _, _ in self.rejected_files):
                    self.files_of[c].append(f)
        acc = self.cur["accepted"]
        self.valid = len(acc)
        self.prov = {c: Sums(acc[c][1]) for c in acc}
        self.region = Sums(r for c in acc for r in acc[c][1])
        self.content = {k: Sums(r for c in acc for r in acc[c][1] if r["content"] == k)
                        for k in self.cnames}
        pacc = self.prev["accepted"] if self.prev else {}
        self.comparable = [c for c in self.names if c in acc and self.preds[c]
                           and all(p in pacc for p in self.preds[c])]
        self.pprov = {c: Sums(r for p in self.preds[c] for r in pacc[p][1]) for c in self.comparable}
        self.ccur = Sums(r for c in self.comparable for r in acc[c][1])
        self.cprev = Sums(r for c in self.comparable for p in self.preds[c] for r in pacc[p][1])
        self.share = pct(int(period[5:]), 12, 0)

    def _states(self, data, period, lookup, names=None):
        state = {}
        for code in names if names is not None else self.names:
            state[code] = "đã nộp" if code in data["accepted"] else "chưa nộp"
        for code in data["rejected"]:
            state[code] = RECEIVED
        for f in data["rejected_files"]:
            code = attribute(os.path.join(self.input_dir, period, f), lookup)
            if code is None:
                code = named_by_file_name(f, self.names, lookup)
            if code and code not in data["accepted"]:
                state[code] = RECEIVED
        return state

    def rows_in_order(self):
        """Accepted project lines: roster order, then line order within the file."""
        acc = self.cur["accepted"]
        for c in self.names:
            if c in acc:
                path, rows, info = acc[c]
                for r in rows:
                    yield c, info["file"], r


# ------------------------------------------------------------------------------ the checker


class Checker:
    def __init__(self, verbose=False):
        self.bad = []
        self.n = 0
        self.per_doc = {}
        self.doc = ""
        self.verbose = verbose

    def count(self, k):
        self.n += k
        self.per_doc[self.doc] = self.per_doc.get(self.doc, 0) + k

    def eq(self, got, want, what, figures=None):
        self.count(figures if figures is not None else n_figures(want))
        if got != want:
            self.bad.append(f"{self.doc}: {what}: got {got!r}, want {want!r}")

    def close(self, got, want, what, tol=1e-9):
        """A spreadsheet number against an exact Fraction."""
        self.count(1)
        if want is None:
            if got not in (None, ""):
                self.bad.append(f"{self.doc}: {what}: got {got!r}, want empty")
            return
        if not isinstance(got, (int, float)) or isinstance(got, bool) \
                or abs(Fraction(got) - want) > tol * max(1, abs(want)):
            self.bad.append(f"{self.doc}: {what}: got {got!r}, want {float(want)!r}")

    def fail(self, what):
        self.bad.append(f"{self.doc}: {what}")


# ------------------------------------------------------------------------------ documents


def nfc(s):
    return unicodedata.normalize("NFC", s)


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


class Doc:
    """A briefing as a reader sees it: text blocks (headings, paragraphs, list items, captions)
    and tables (rows of cell texts), markup removed."""

    def __init__(self):
        self.blocks = []
        self.tables = []

    def block(self, prefix):
        for b in self.blocks:
            if b.startswith(prefix):
                return b
        return None


MD_ESC = re.compile(r"\\([!-/:-@\[-`{-~])")


def md_inline(s):
    s = re.sub(r"(?<!\\)(\*+|`)", "", s)
    return squash(MD_ESC.sub(r"\1", s))


def md_cells(line):
    parts, cur, i = [], "", 0
    body = line.strip()
    body = body[1:-1] if body.endswith("|") and not body.endswith("\\|") else body[1:]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            cur += body[i:i + 2]
            i += 2
            continue
        if body[i] == "|":
            parts.append(md_inline(cur))
            cur = ""
        else:
            cur += body[i]
        i += 1
    parts.append(md_inline(cur))
    return parts


def read_md(path):
    doc = Doc()
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    para, table = [], None

    def flush():
        nonlocal para
        if para:
            doc.blocks.append(md_inline(" ".join(para)))
            para = []

    for raw in lines:
        line = raw.rstrip()
        if line.startswith("|"):
            flush()
            if table is None:
                table = []
                doc.tables.append(table)
            if not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.replace(" ", "")):
                table.append(md_cells(line))
            continue
        table = None
        s = line.lstrip()
        while s.startswith(">"):
            s = s[1:].lstrip()
        if not s:
            flush()
        elif s.startswith("#"):
            flush()
            doc.blocks.append(md_inline(s.lstrip("#")))
        elif s.startswith("- ") or s.startswith("* "):
            flush()
            para = [s[2:]]
        else:
            para.append(s)
    flush()
    return doc


class _HTMLDoc(HTMLParser):
    BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "caption", "td", "th", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.doc = Doc()
        self.stack = []  # open block buffers
        self.row = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        if tag == "table":
            self.doc.tables.append([])
        elif tag == "tr":
            self.row = []
        if tag in self.BLOCKS:
            self.stack.append([tag, []])

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1
        if tag in self.BLOCKS:
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    _, buf = self.stack.pop(i)
                    text = squash("".join(buf))
                    if tag in ("td", "th"):
                        if self.row is not None:
                            self.row.append(text)
                    elif tag != "title":
                        self.doc.blocks.append(text)
                    break
        elif tag == "tr" and self.row is not None and self.doc.tables:
            self.doc.tables[-1].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.skip:
            return
        for _, buf in self.stack:
            buf.append(data)


def read_html(path):
    p = _HTMLDoc()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    # A list item holding paragraphs is found through its paragraphs: keep blocks in order.
    return p.doc


# ------------------------------------------------------------------------------ briefing


def briefing_claims(m):
    """(block prefix, text the block must contain) for every figure of the prose, and the
    prefixes of blocks that must be absent."""
    y, py = m.period[:4], m.prev_period[:4]
    full_year = m.period[5:] == "12"
    r = m.region
    claims, absent = [], []
    claims.append(("Công tác khuyến công khu vực phía Nam",
                   f"Công tác khuyến công khu vực phía Nam {label(m.period)}"))
    claims.append(("Số liệu đến", f"tổng hợp từ báo cáo của Sở Công Thương {m.valid}/{m.N} tỉnh, "
                   "thành phố."))
    k = "Tổng kế hoạch kinh phí"
    who = (f"của {m.N} tỉnh, thành phố khu vực phía Nam" if m.valid == m.N
           else f"của {m.valid} tỉnh, thành phố đã được tổng hợp")
    claims.append((k, f"Tổng kế hoạch kinh phí khuyến công năm {y} {who} là {ty(r.plan)} tỷ đồng"))
    claims.append((k, f"trong đó khuyến công quốc gia (KCQG) {ty(r.src['KCQG'][0])} tỷ đồng, "
                   f"khuyến công địa phương (KCĐP) {ty(r.src['KCĐP'][0])} tỷ đồng."))
    k2 = "Cả năm" if full_year else "Lũy kế"  # the paragraph's first words
    lead = "Cả" if full_year else "Lũy kế"
    claims.append((k2, f"{lead} {label(m.period)}, kinh phí khuyến công đã thực hiện {ty(r.done)} tỷ "
                   f"đồng, đạt {pct(r.done, r.plan, 1)} kế hoạch năm"))
    same = f"so với năm {py}" if full_year else f"cùng kỳ năm {py}"
    n = len(m.comparable)
    if n:
        change = change_words(m.ccur.plan, m.cprev.plan)
        ratio = pct(m.ccur.done, m.cprev.done, 1)
        # Figures of the earlier period carried onto today's provinces say so.
        moved = ", quy đổi theo địa giới mới)" if getattr(m, "changed", False) else ")"
        if n == m.valid:
            claims.append((k, f"{ty(r.plan)} tỷ đồng, {change} so với kế hoạch năm {py} "
                           f"({ty(m.cprev.plan)} tỷ đồng{moved}"))
            claims.append((k2, f"kế hoạch năm, bằng {ratio} {same} ({ty(m.cprev.done)} tỷ đồng"
                           f"{moved}"))
        else:
            claims.append((k, f"Tính riêng {n} tỉnh, thành phố có số liệu cả hai năm, kế hoạch năm "
                           f"nay là {ty(m.ccur.plan)} tỷ đồng, {change} so với năm {py} "
                           f"({ty(m.cprev.plan)} tỷ đồng"))
            claims.append((k2, f"Tính riêng {n} tỉnh, thành phố có số liệu cả hai năm, kinh phí "
                           f"thực hiện là {ty(m.ccur.done)} tỷ đồng, bằng {ratio} {same} "
                           f"({ty(m.cprev.done)} tỷ đồng"))
        if n == m.N:
            absent.append("Các so sánh với năm")
        else:
            claims.append(("Các so sánh với năm", f"Các so sánh với năm {py} chỉ tính trên "
                           f"{n}/{m.N} tỉnh, thành phố có số liệu ở cả hai kỳ"))
    else:
        claims.append(("Chưa có số liệu", f"Chưa có số liệu {label(m.prev_period)} nên tài liệu "
                       "chưa so sánh"))
        claims.append((k, f"là {ty(r.plan)} tỷ đồng; trong đó"))
        claims.append((k2, f"đạt {pct(r.done, r.plan, 1)} kế hoạch năm."))
        absent.append("Các so sánh với năm")
    for s, name in (("KCQG", "Khuyến công quốc gia:"), ("KCĐP", "Khuyến công địa phương:")):
        q = r.src[s]
        claims.append((name, f"{name} thực hiện {ty(q[1])} tỷ đồng, đạt "
                       f"{pct(q[1], q[0], 2)} kế hoạch năm ({ty(q[0])} tỷ đồng)."))
    claims.append(("Các đề án đã hỗ trợ", f"Các đề án đã hỗ trợ {count(r.establishments)} lượt cơ "
                   f"sở công nghiệp nông thôn, thu hút {ty(r.counterpart)} tỷ đồng vốn đối ứng."))
    claims.append(("Đã tổng hợp báo cáo của", f"Đã tổng hợp báo cáo của {m.valid}/{m.N} tỉnh, "
                   "thành phố."))
    missing = [c for c in m.names if m.state[c] == "chưa nộp"]
    if missing:
        claims.append(("Chưa nhận được báo cáo của:", "Chưa nhận được báo cáo của: " +
                       ", ".join(m.names[c] for c in missing) + "."))
    else:
        absent.append("Chưa nhận được báo cáo")
    if m.valid < m.N:
        claims.append(("Số liệu chưa đầy đủ", f"Số liệu chưa đầy đủ: {m.valid}/{m.N} tỉnh, thành "
                       "phố đã được tổng hợp."))
    else:
        absent.append("Số liệu chưa đầy đủ")
    absent.append("Bị loại")
    claims.append(("Bảng 1.", f"theo tỉnh, thành phố, {label(m.period)} (tỷ đồng)"))
    claims.append(("Bảng 2.", f"theo nội dung, {label(m.period)} (tỷ đồng)"))
    claims.append(("Biểu đồ:", f"phần thời gian của năm đã qua ({m.share})"))
    return claims, absent


def first_position(first):
    """How the documents place a first error: "dòng 2, vị trí 180: " (line, column), or "dòng 2: "
    for an error about a whole line; nothing for one about the whole file."""
    if not first:
        return ""
    line, col = first
    return f"dòng {line}, vị trí {col}: " if col else f"dòng {line}: "


def rejected_claims(m, doc):
    """One status line a province received but not counted, naming each of its files (with its
    number of errors and first position when it sent one); one line each file told of no
    province."""
    out = []
    by_code = {}
    for code, f, nerr, first in m.rejected_files:
        by_code.setdefault(code, []).append((f, nerr, first))
    for code, files in by_code.items():
        if code is None:
            for f, nerr, first in files:
                prefix = f"Tệp {m.period}/{f}:"
                hits = [b for b in doc.blocks if b.startswith(prefix)]
                if len(hits) != 1:
                    out.append((None, f"file {f} of no province: {len(hits)} lines, want 1"))
                    continue
                out.append((hits[0], f"chưa tổng hợp được ({first_position(first)}"))
            continue
        prefix = f"{m.names[code]}: đã nhận"
        hits = [b for b in doc.blocks if b.startswith(prefix)]
        if len(hits) != 1:
            out.append((None, f"{m.names[code]}: {len(hits)} status lines, want 1"))
            continue
        b = hits[0]
        accepted_too = code in m.cur["accepted"]
        for f, nerr, first in files:
            out.append((b, f"{m.period}/{f}"))
        if len(files) == 1 and not accepted_too:
            f, nerr, first = files[0]
            out.append((b, f"do tệp có {nerr} lỗi (lỗi đầu tiên: {first_position(first)}"))
        elif len(files) > 1:
            out.append((b, f"đã nhận {len(files)} tệp báo cáo cùng kỳ"))
    return out


def tycell(th):
    """An amount in a table cell of the briefing: tỷ đồng, but a zero as "0"."""
    return "0" if th == 0 else ty(th)


def province_table_rows(m):
    want = {}
    for c, name in m.names.items():
        if c not in m.prov:
            want[c] = [c, name] + [DASH] * 9 + [m.state[c]]
            continue
        s = m.prov[c]
        ratio = pct(s.done, m.pprov[c].done, 1) if c in m.comparable else DASH
        change = DASH
        if c in m.comparable and m.pprov[c].plan:
            change = _extra.signed_change(s.plan, m.pprov[c].plan)
        want[c] = [c, name, tycell(s.src["KCQG"][0]), tycell(s.src["KCĐP"][0]), tycell(s.plan),
                   change, tycell(s.src["KCQG"][1]), tycell(s.src["KCĐP"][1]), tycell(s.done),
                   pct(s.done, s.plan, 1), ratio, m.state[c]]
    r = m.region
    total_ratio = pct(m.ccur.done, m.cprev.done, 1) if m.comparable else DASH
    total_change = _extra.signed_change(m.ccur.plan, m.cprev.plan) \
        if m.comparable and m.cprev.plan else DASH
    total = "Toàn vùng" if m.valid == m.N else f"Cộng {m.valid} tỉnh, thành phố"
    want[total] = ["", total, tycell(r.src["KCQG"][0]), tycell(r.src["KCĐP"][0]), tycell(r.plan),
                         total_change, tycell(r.src["KCQG"][1]), tycell(r.src["KCĐP"][1]),
                         tycell(r.done),
                         pct(r.done, r.plan, 1), total_ratio, f"{m.valid}/{m.N}"]
    return want


def content_table_rows(m):
    want = {}
    for k, name in m.cnames.items():
        s = m.content[k]
        want[k] = [k, name, tycell(s.src["KCQG"][0]), tycell(s.src["KCĐP"][0]), tycell(s.plan),
                   tycell(s.done), pct(s.done, s.plan, 1), count(s.establishments),
                   tycell(s.counterpart)]
    r = m.region
    want["Tổng cộng"] = ["", "Tổng cộng", tycell(r.src["KCQG"][0]), tycell(r.src["KCĐP"][0]),
                         tycell(r.plan), tycell(r.done), pct(r.done, r.plan, 1),
                         count(r.establishments), tycell(r.counterpart)]
    return want


def check_table(ck, doc, header0, ncols, want, what):
    tables = [t for t in doc.tables if t and len(t[0]) == ncols and t[0][0] == header0]
    if len(tables) != 1:
        ck.fail(f"{what}: {len(tables)} tables of {ncols} columns, want 1")
        return
    rows = tables[0][1:]
    got = {}
    for row in rows:
        key = row[0] or (row[1] if len(row) > 1 else "")
        if key in got:
            ck.fail(f"{what}: row {key!r} twice")
        got[key] = row
    for key, w in want.items():
        g = got.get(key)
        figs = sum(n_figures(x) for x in w[2:] if FIGURE_RE.search(x)) or 1
        ck.eq(g, w, f"{what} row {key}", figs)
    for key in got:
        if key not in want:
            ck.fail(f"{what}: unexpected row {key!r}")


def check_briefing(ck, m, doc):
    claims, absent = briefing_claims(m)
    for prefix, text in claims:
        b = doc.block(prefix)
        ck.count(n_figures(text))
        if b is None:
            ck.bad.append(f"{ck.doc}: no paragraph starting {prefix!r} (want {text!r})")
        elif text not in b:
            ck.bad.append(f"{ck.doc}: paragraph {prefix!r} does not state {text!r}; it reads {b!r}")
    for prefix in absent:
        if doc.block(prefix) is not None:
            ck.fail(f"unexpected paragraph {doc.block(prefix)!r}")
    for b, text in rejected_claims(m, doc):
        ck.count(n_figures(text))
        if b is None:
            ck.fail(text)
        elif text not in b:
            ck.fail(f"rejected-file line does not state {text!r}; it reads {b!r}")
    check_table(ck, doc, "Mã", 12, province_table_rows(m), "province table")
    check_table(ck, doc, "Mã", 9, content_table_rows(m), "content table")


# ------------------------------------------------------------------------------ province pages


def page_name(code, i):
    """A province's page, without extension: provinces/CODE (provinces/row-N for a code that
    cannot name a file)."""
    return f"provinces/{code}" if re.fullmatch(r"[0-9A-Za-z_-]{1,32}", code) else f"provinces/row-{i + 1}"


def million3(th):
    """Thousandths of a million -> triệu đồng, exact, three decimals, Vietnamese style."""
    return vn(th, 3)


def million_cell(th):
    """An amount of a project line in triệu đồng: exact with three decimals, a zero as "0"."""
    return "0" if th == 0 else vn(th, 3)


def vn_day(period):
    d = over_time.last_day(period)
    return f"{d.day}/{d.month}/{d.year}"


def rank_of(m, code):
    """(place, of): the province's place by exact executed/plan among the counted provinces with
    a plan, ties sharing a place (1 + the number with a strictly higher rate); None unranked."""
    rated = {c: Fraction(s.done, s.plan) for c, s in m.prov.items() if s.plan > 0}
    if code not in rated:
        return None
    return 1 + sum(1 for q in rated.values() if q > rated[code]), len(rated)


def where(line, col):
    """How a page places a problem: "dòng 2, ký tự thứ 180", "dòng 2", or "cả tệp"."""
    if line is None:
        return "cả tệp"
    return f"dòng {line}, ký tự thứ {col}" if col else f"dòng {line}"


def page_problems(m, code):
    """(severity, file, where) of every diagnostic of the province's files."""
    level = {"error": "Lỗi", "warning": "Cảnh báo"}
    return sorted((level[d[3]], f"{m.period}/{f}", where(d[1], d[2]))
                  for f in m.files_of[code] for d in m.cur["file_diags"][f])


PROBLEM_RE = re.compile(r"(Lỗi|Cảnh báo), tệp (.+?), (dòng \d+, ký tự thứ \d+|dòng \d+|cả tệp): ")


def change_words(now, before):
    """The plan's change in words, as a page says it: "giảm 2,5%", "tăng 3,2%", "không đổi"."""
    signed = _extra.signed_change(now, before)
    if signed.startswith("−"):
        return "giảm " + signed[1:]
    if signed.startswith("+"):
        return "tăng " + signed[1:]
    return "không đổi"


def page_claims(m, code):
    """(block prefix, text the block must contain) for every figure of a province's page, and the
    prefixes of blocks that must be absent."""
    name, P, y = m.names[code], m.period, m.period[:4]
    py = str(int(y) - 1)
    full_year = P[5:] == "12"
    valid = code in m.prov
    state = m.state[code]
    claims, absent = [], []
    claims.append(("Kết quả công tác khuyến công",
                   f"Kết quả công tác khuyến công {label(P)} của {name}"))
    claims.append((f"Số liệu của {name}", f"Số liệu của {name} (mã {code})"))
    claims.append((f"Số liệu của {name}", f"Số liệu tính đến ngày {vn_day(P)}."))
    files = m.files_of[code]
    problems = page_problems(m, code)
    nerr = sum(1 for p in problems if p[0] == "Lỗi")
    nwarn = len(problems) - nerr
    if valid:
        s = m.prov[code]
        k = f"Báo cáo {label(P)} của Sở Công Thương {name}"
        claims.append((k, f"{k} đã được tiếp nhận và tổng hợp vào số liệu chung của khu vực "
                       f"(gồm {count(s.lines)} dòng đề án)."))
        accepted = m.cur["accepted"][code][2]["file"]
        extra = [f for f in files if f != accepted]
        if extra:
            claims.append((k, f"Ban Thư ký còn nhận thêm {count(len(extra))} tệp khác của {name} "
                           "có lỗi, không được tổng hợp"))
        elif nwarn:
            claims.append((k, f"Tệp có {count(nwarn)} cảnh báo (xem mục"))
        k = f"Kế hoạch kinh phí khuyến công năm {y} của {name}"
        lead = "cả" if full_year else "lũy kế"
        text = (f"{k} là {ty(s.plan)} tỷ đồng; {lead} {label(P)} đã thực hiện {ty(s.done)} tỷ "
                f"đồng, đạt {pct(s.done, s.plan, 1)} kế hoạch năm")
        rank = rank_of(m, code)
        if rank:  # unranked (no plan): the sentence ends there
            text += (f", đứng thứ {rank[0]} trong {rank[1]} tỉnh, thành phố có báo cáo đã tổng "
                     "hợp và có kế hoạch (xếp theo tỷ lệ thực hiện so với kế hoạch năm, từ cao "
                     "xuống thấp)")
        claims.append((k, text + "."))
        counterpart = (f", thu hút {ty(s.counterpart)} tỷ đồng vốn đối ứng." if s.counterpart
                       else "; chưa có vốn đối ứng.")
        claims.append((k, f"Các đề án đã hỗ trợ {count(s.establishments)} lượt cơ sở công nghiệp "
                       f"nông thôn{counterpart}"))
        against = f"năm {py}" if full_year else f"cùng kỳ năm {py}"
        if code in m.comparable:
            ps = m.pprov[code]
            change = change_words(s.plan, ps.plan) if ps.plan else DASH
            merged = " (tổng số liệu của các tỉnh, thành phố hợp thành)" if code in m.formed else ""
            claims.append((f"So với {against}",
                           f"So với {against}{merged}: kế hoạch năm {change} (năm {py}: "
                           f"{ty(ps.plan)} tỷ đồng); kinh phí thực hiện bằng "
                           f"{pct(s.done, ps.done, 1)} ({label(m.prev_period)}: {ty(ps.done)} tỷ "
                           "đồng)."))
            absent.append("Chưa so sánh với")
        else:
            prev = label(m.prev_period)
            why = (f"chưa có số liệu {prev}" if m.prev is None
                   else f"không có tỉnh, thành phố nào hợp thành ở {prev}" if not m.preds[code]
                   else f"thiếu báo cáo hợp lệ {prev}")
            claims.append(("Chưa so sánh với", f"Chưa so sánh với {against}: {why}."))
            absent.append("So với ")
        claims.append(("Bảng 1.", f"Bảng 1. Kế hoạch và thực hiện kinh phí khuyến công của {name} "
                       f"theo nguồn, {label(P)} (tỷ đồng)"))
    else:
        board = "Ban Thư ký Hội nghị khuyến công các tỉnh, thành phố khu vực phía Nam"
        if state == "chưa nộp":
            claims.append(("Ban Thư ký", f"{board} chưa nhận được báo cáo {label(P)} của Sở "
                           f"Công Thương {name}; số liệu của {name} chưa được tính vào số tổng của "
                           "khu vực."))
        else:
            claims.append(("Ban Thư ký", f"{board} đã nhận báo cáo {label(P)} của Sở Công "
                           f"Thương {name} ({count(len(files))} tệp) nhưng chưa tổng hợp được do "
                           f"tệp còn {count(nerr)} lỗi; số liệu của {name} chưa được tính vào số "
                           "tổng của khu vực."))
        absent += ["Kế hoạch kinh phí khuyến công", "So với ", "Chưa so sánh với", "Bảng 1.",
                   "Bảng 2.", "Bảng 3.", "Số tiền tính bằng triệu đồng", "Các đề án đã hỗ trợ"]
    if code in m.formed:
        verb, preds, since = m.formed[code]
        claims.append((f"{name} (mã {code})", f"{name} (mã {code}) "
                       f"{over_time.formed_words(verb, preds, since)}; số liệu "
                       f"{label(m.prev_period)} dùng để so sánh là tổng số liệu của các tỉnh, "
                       "thành phố trước sắp xếp."))
        if valid:
            claims.append(("Bảng 2.", f"Bảng 2. Số liệu {label(m.prev_period)} của các tỉnh, "
                           f"thành phố hợp thành {name} (mã trước sắp xếp; tỷ đồng)"))
    if valid:
        contents_table = "Bảng 3." if code in m.formed else "Bảng 2."
        if m.prov[code].lines:
            claims.append((contents_table, f"{contents_table} Kế hoạch và thực hiện của {name} "
                           f"theo nội dung khuyến công, {label(P)} (tỷ đồng)"))
            f = m.cur["accepted"][code][2]["file"]
            claims.append(("Số tiền tính bằng triệu đồng", f"Số tiền tính bằng triệu đồng, giữ "
                           f"nguyên như trong tệp {P}/{f} do Sở gửi"))
            n = m.prov[code].lines
            if n > PAGE_LINES_MAX:
                claims.append(("Số tiền tính bằng triệu đồng", f"Trang này liệt kê "
                               f"{count(PAGE_LINES_MAX)} dòng đầu trong tổng số {count(n)} dòng; "
                               f"{count(n - PAGE_LINES_MAX)} dòng còn lại"))
        if code not in m.formed:
            absent.append("Bảng 3.")
    # The problems are checked one by one in check_page; a page without any has no such section.
    absent += ["Không có lỗi hay cảnh báo nào", "Chưa nhận được tệp nào"]
    # Each file received, its digest from the oracle's own reading of its bytes, and what was
    # read from it.
    for f in files:
        k = f"Tệp {P}/{f}:"
        with open(os.path.join(m.input_dir, P, f), "rb") as fh:
            claims.append((k, f"{k} mã SHA-256 {hashlib.sha256(fh.read()).hexdigest()}"))
        if valid and m.cur["accepted"][code][2]["file"] == f:
            s = m.prov[code]
            sums = "; ".join(f"{src} kế hoạch {million3(s.src[src][0])}, thực hiện "
                             f"{million3(s.src[src][1])}, {count(s.est[src])} lượt cơ sở, vốn "
                             f"đối ứng {million3(s.cp[src])}" for src in SOURCES)
            claims.append((k, f"Đã tổng hợp {count(s.lines)} dòng đề án. Tổng số liệu trong tệp "
                           "(triệu đồng), để Sở đối chiếu với dòng tổng cộng trong bảng tính của "
                           f"Sở: {sums}."))
        else:
            e = sum(1 for d in m.cur["file_diags"][f] if d[3] == "error")
            claims.append((k, f"Chưa tổng hợp được do còn {count(e)} lỗi."))
    if not files:
        absent.append("Để đối chiếu")
    return claims, absent


PAGE_LINES_MAX = 500  # the project lines a page lists; the rest are in the annex and open data


def page_tables(m, code):
    """[(first header, columns, {key: row}, figures of a row, what)] of a province's page."""
    out = []
    if code in m.prov:
        s = m.prov[code]
        rows = {}
        for src, label_ in (("KCQG", "Khuyến công quốc gia (KCQG)"),
                            ("KCĐP", "Khuyến công địa phương (KCĐP)")):
            rows[label_] = [label_, tycell(s.src[src][0]), tycell(s.src[src][1]),
                            pct(s.src[src][1], s.src[src][0], 2), count(s.est[src]),
                            tycell(s.cp[src])]
        rows["Tổng cộng"] = ["Tổng cộng", tycell(s.plan), tycell(s.done), pct(s.done, s.plan, 1),
                             count(s.establishments), tycell(s.counterpart)]
        out.append(("Nguồn kinh phí", 6, rows, 5, "Bảng 1 (by source)"))
        acc = m.cur["accepted"][code][1]
        rows = {}
        for k, cname in m.cnames.items():
            c = Sums(r for r in acc if r["content"] == k)
            if not c.lines:
                continue
            rows[k] = [k, cname, tycell(c.src["KCQG"][0]), tycell(c.src["KCĐP"][0]), tycell(c.plan),
                       tycell(c.done), pct(c.done, c.plan, 1), count(c.establishments),
                       tycell(c.counterpart)]
        if rows:
            out.append(("Mã", 9, rows, 7, "Bảng 3 (by content)"))
        rows = {}
        for r in acc[:PAGE_LINES_MAX]:
            rows[str(r["line"])] = [str(r["line"]), nfc(squash(r["project"])), r["content"],
                                    r["source"], million_cell(r["plan"]),
                                    million_cell(r["executed"]), count(r["establishments"] or 0),
                                    million_cell(r["counterpart"] or 0), nfc(squash(r["note"]))]
        if rows:
            out.append(("Dòng", 9, rows, 5, "project lines"))
    if code in m.formed and code in m.prov:
        rows = {}
        pacc = m.prev["accepted"]
        for c, cname in m.formed[code][1]:
            st = m.prev_state_each[c]
            if c in pacc:
                s = Sums(pacc[c][1])
                rows[c] = [c, cname, tycell(s.plan), tycell(s.done), pct(s.done, s.plan, 1), st]
            else:
                rows[c] = [c, cname, DASH, DASH, DASH, st]
        out.append(("Mã", 6, rows, 3, "Bảng 2 (predecessors)"))
    return out


def check_page(ck, m, code, doc):
    claims, absent = page_claims(m, code)
    for prefix, text in claims:
        hits = [b for b in doc.blocks if b.startswith(prefix)]
        # A digest is one figure, however many digit groups its hexadecimal shows.
        ck.count(n_figures(re.sub(r"[0-9a-f]{64}", "0", text)))
        if not hits:
            ck.fail(f"no paragraph starting {prefix!r} (want {text!r})")
        elif not any(text in nfc(b) for b in hits):
            ck.fail(f"paragraph {prefix!r} does not state {text!r}; it reads {hits[0]!r}")
    for prefix in absent:
        hits = [b for b in doc.blocks if b.startswith(prefix)]
        if hits:
            ck.fail(f"unexpected paragraph {hits[0]!r}")
    # Each problem of the province's files at the oracle's own position, and no other.
    got = sorted(mm.groups() for mm in (PROBLEM_RE.match(b) for b in doc.blocks) if mm)
    want = page_problems(m, code)
    ck.eq([list(g) for g in got], [list(w) for w in want],
          "problems (severity, file, line and column)", 2 * len(want))
    tables = page_tables(m, code)
    for header0, ncols, want, figs, what in tables:
        found = [t for t in doc.tables if t and len(t[0]) == ncols and t[0][0] == header0]
        if len(found) != 1:
            ck.fail(f"{what}: {len(found)} tables of {ncols} columns, want 1")
            continue
        got = {}
        for row in found[0][1:]:
            row = [nfc(x) for x in row]
            got.setdefault(row[0], row)
        ck.eq(list(got), list(want), f"{what}: rows", 0)
        for key, w in want.items():
            ck.eq(got.get(key), w, f"{what} row {key}", figs)
    kinds = {(h, n) for h, n, _, _, _ in tables}
    for h, n in (("Nguồn kinh phí", 6), ("Mã", 6), ("Mã", 9), ("Dòng", 9)):
        if (h, n) not in kinds and any(t and len(t[0]) == n and t[0][0] == h for t in doc.tables):
            ck.fail(f"unexpected table of {n} columns headed {h!r}")


def check_province_pages(ck, m, pdir):
    """Every province of the period's roster has its page in Markdown and HTML, and no other;
    .provinces lists them in roster order with their state; each page states its figures."""
    ck.doc = "provinces/"
    want_files, listing = [], []
    for i, (c, name) in enumerate(m.names.items()):
        page = page_name(c, i)
        want_files += [page[len("provinces/"):] + ".md", page[len("provinces/"):] + ".html"]
        listing.append(f"{page}\t{c}\t{name}\t{m.state[c]}")
    d = os.path.join(pdir, "provinces")
    have = sorted(os.listdir(d)) if os.path.isdir(d) else []
    ck.eq(have, sorted(want_files), "the pages, one .md and one .html a province", 0)
    ck.doc = ".provinces"
    try:
        with open(os.path.join(pdir, ".provinces"), encoding="utf-8") as f:
            got = f.read().split("\n")
    except OSError:
        got = []
    if got and got[-1] == "":
        got.pop()
    ck.eq(got, listing, "the listing (page, code, name, state), in roster order", m.N)
    for i, c in enumerate(m.names):
        page = page_name(c, i)
        for ext, reader in ((".md", read_md), (".html", read_html)):
            ck.doc = page + ext
            path = os.path.join(pdir, page + ext)
            if not os.path.exists(path):
                ck.fail("absent")
                continue
            check_page(ck, m, c, reader(path))


def check_page_links(ck, m, pdir):
    """briefing.md and briefing.html link every province's page, by the province's name."""
    with open(os.path.join(pdir, "briefing.md"), encoding="utf-8") as f:
        md = f.read()
    with open(os.path.join(pdir, "briefing.html"), encoding="utf-8") as f:
        html = f.read()
    for i, (c, name) in enumerate(m.names.items()):
        href = page_name(c, i) + ".html"
        ck.doc = "briefing.md"
        texts = [md_inline(t) for t in re.findall(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\(" +
                                                    re.escape(href) + r"\)", md)]
        ck.eq(texts, [name], f"a link to {href}", 0)
        ck.doc = "briefing.html"
        texts = re.findall(r'<a href="' + re.escape(href) + r'">([^<]*)</a>', html)
        ck.eq([squash(unescape_html(t)) for t in texts], [name], f"a link to {href}", 0)


# ------------------------------------------------------------------------------ charts

SVG = "{http://www.w3.org/2000/svg}"


def svg_text(el):
    """A label as read: its lines (tspans) joined by a space."""
    spans = el.findall(SVG + "tspan")
    if spans:
        return squash(" ".join("".join(t.itertext()) for t in spans))
    return "".join(el.itertext())


def label_of(text, names):
    """The one name a chart label shows, in full or cut short with '…'; None otherwise."""
    hits = [n for n in names if squash(n) == text or
            (text.endswith("…") and squash(n).startswith(text[:-1].rstrip()))]
    return hits[0] if len(hits) == 1 else None


def read_chart(path):
    """-> (items [(label, [(width, value label)])], ticks [(x, value)], root)."""
    root = ET.parse(path).getroot()
    items, ticks, cur, pending = [], [], None, None
    for el in root:
        tag = el.tag.replace(SVG, "")
        if tag == "text" and el.get("text-anchor") == "end":
            cur = (svg_text(el), [])
            items.append(cur)
        elif tag == "text" and el.get("text-anchor") == "middle" and el.get("font-weight") is None:
            t = svg_text(el).rstrip("%").replace(".", "").replace(",", ".")
            try:
                ticks.append((float(el.get("x")), Fraction(t)))
            except ValueError:
                pass
        elif (tag == "rect" and cur is not None and el.get("y") and el.get("height") and
              float(el.get("height")) == 11):
            pending = float(el.get("width"))
        elif tag == "text" and pending is not None and cur is not None:
            cur[1].append((pending, svg_text(el)))
            pending = None
    return items, ticks, root


def chart_scale(ck, ticks, name):
    if len(ticks) < 2:
        ck.fail(f"{name}: no axis ticks to read the scale from")
        return None
    zero = [x for x, v in ticks if v == 0]
    x_max, v_max = max(ticks, key=lambda t: t[1])
    if not zero or v_max == 0:
        ck.fail(f"{name}: no 0 tick")
        return None
    return zero[0], (x_max - zero[0]) / float(v_max)


def check_bar(ck, scale, width, value, what):
    """Bar length proportional to the exact value, within one pixel of the axis' scale."""
    ck.count(1)
    if scale is None:
        return
    want = float(value) * scale[1]
    if abs(width - want) > 1.0:
        ck.fail(f"{what}: bar {width} px long, want {want:.1f} px")


def check_charts(ck, m, pdir):
    # Provinces: plan and executed of each province, ordered by plan; others show their state.
    ck.doc = "chart-provinces.svg"
    items, ticks, root = read_chart(os.path.join(pdir, "chart-provinces.svg"))
    scale = chart_scale(ck, ticks, ck.doc)
    desc = root.find(SVG + "desc")
    ck.eq(bool(desc is not None and f"của {m.N} tỉnh, thành phố" in desc.text), True,
          f"desc names {m.N} provinces", 1)
    by_name = {label_of(name, m.names.values()): bars for name, bars in items}
    ck.eq(sorted(by_name, key=str), sorted(m.names.values()), "province labels", m.N)
    for c, name in m.names.items():
        bars = by_name.get(name)
        if bars is None:
            continue
        if c in m.prov:
            s = m.prov[c]
            ck.eq([b[1] for b in bars], [ty(s.plan), ty(s.done)], f"{name} plan, executed labels")
            if len(bars) == 2:
                check_bar(ck, scale, bars[0][0], Fraction(s.plan, 10 ** 6), f"{name} plan")
                check_bar(ck, scale, bars[1][0], Fraction(s.done, 10 ** 6), f"{name} executed")
        else:
            ck.eq([b[1] for b in bars][:1], [m.state[c]], f"{name} state label", 1)
            ck.eq([b[0] for b in bars], [0.0] * len(bars), f"{name} bars empty", 1)
    plans = [m.prov[c].plan for c in m.names if c in m.prov]
    order = [m.prov[c].plan for name, _ in items for c in m.names
             if m.names[c] == label_of(name, m.names.values()) and c in m.prov]
    ck.eq(order == sorted(plans, reverse=True), True, "provinces in decreasing plan", 1)
    # Rates: each counted province's execution rate; the year-elapsed marker.
    ck.doc = "chart-rates.svg"
    items, ticks, root = read_chart(os.path.join(pdir, "chart-rates.svg"))
    scale = chart_scale(ck, ticks, ck.doc)
    by_name = {label_of(name, m.names.values()): bars for name, bars in items}
    ck.eq(sorted(by_name, key=str), sorted(m.names.values()), "province labels", m.N)
    for c, name in m.names.items():
        bars = by_name.get(name)
        if bars is None:
            continue
        if c in m.prov:
            s = m.prov[c]
            ck.eq([b[1] for b in bars], [pct(s.done, s.plan, 1)], f"{name} rate label")
            if bars and s.plan:
                check_bar(ck, scale, bars[0][0], Fraction(s.done * 100, s.plan), f"{name} rate")
        else:
            ck.eq([b[1] for b in bars], [m.state[c]], f"{name} state label", 1)
    desc = root.find(SVG + "desc")
    ck.eq(bool(desc is not None and f"đánh dấu {m.share} thời gian của năm" in desc.text), True,
          f"desc marks {m.share} of the year", 1)
    marker = [el for el in root if el.tag == SVG + "line" and el.get("stroke-dasharray") == "6 3"]
    mtext = [svg_text(el) for el in root if el.tag == SVG + "text" and el.get("font-weight") == "bold"
             and "thời gian của năm" in svg_text(el)]
    ck.eq(mtext, [f"{m.share} thời gian của năm"], "year-elapsed marker label")
    if len(marker) == 1 and scale:
        check_bar(ck, scale, float(marker[0].get("x1")) - scale[0], Fraction(int(m.period[5:]) * 100, 12),
                  "year-elapsed marker")
    else:
        ck.fail(f"{len(marker)} year-elapsed markers, want 1")
    # Contents: plan and executed of each content, in code order.
    ck.doc = "chart-contents.svg"
    items, ticks, root = read_chart(os.path.join(pdir, "chart-contents.svg"))
    scale = chart_scale(ck, ticks, ck.doc)
    codes = list(m.cnames)
    full = [f"{k} {n}" for k, n in m.cnames.items()]
    got_codes = [(label_of(name, full) or "?").split(" ", 1)[0] for name, _ in items]
    ck.eq(got_codes, codes, "contents in code order, labelled with code and name", len(codes))
    for (name, bars), k in zip(items, codes):
        s = m.content[k]
        ck.eq([b[1] for b in bars], [ty(s.plan), ty(s.done)], f"content {k} plan, executed labels")
        if len(bars) == 2:
            check_bar(ck, scale, bars[0][0], Fraction(s.plan, 10 ** 6), f"content {k} plan")
            check_bar(ck, scale, bars[1][0], Fraction(s.done, 10 ** 6), f"content {k} executed")


# ------------------------------------------------------------------------------ open data


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def check_csv_rows(ck, got_rows, want_rows, key_cols, what):
    got = {tuple(r[:key_cols]): r for r in got_rows}
    if len(got) != len(got_rows):
        ck.fail(f"{what}: duplicate keys")
    for w in want_rows:
        g = got.get(tuple(w[:key_cols]))
        figs = sum(1 for x in w[key_cols:] if re.fullmatch(r"-?\d+(\.\d+)?", x)) or 1
        ck.eq(g, w, f"{what} row {w[:key_cols]}", figs)
    wk = {tuple(w[:key_cols]) for w in want_rows}
    for k in got:
        if k not in wk:
            ck.fail(f"{what}: unexpected row {list(k)}")


def check_opendata(ck, m, pdir):
    d = os.path.join(pdir, "data")
    ck.doc = "data/region.csv"
    head, rows = read_csv(os.path.join(d, "region.csv"))
    ck.eq(head, ["source", "plan_million_vnd", "executed_million_vnd", "execution_rate_percent",
                 "establishments", "counterpart_million_vnd", "previous_plan_million_vnd",
                 "previous_executed_million_vnd", "comparable_provinces"], "header", 0)
    want = []
    for s in SOURCES + ["Tổng"]:
        r, cc, cp = m.region, m.ccur, m.cprev
        if s == "Tổng":
            plan, done, est, cpart, pplan, pdone = r.plan, r.done, r.establishments, r.counterpart, \
                cp.plan, cp.done
        else:
            plan, done, est, cpart = r.src[s][0], r.src[s][1], r.est[s], r.cp[s]
            pplan, pdone = cp.src[s][0], cp.src[s][1]
        want.append([s, csv_million(plan), csv_million(done), csv_pct(done, plan), str(est),
                     csv_million(cpart), csv_million(pplan), csv_million(pdone),
                     str(len(m.comparable))])
    check_csv_rows(ck, rows, want, 1, "region")
    ck.doc = "data/provinces.csv"
    head, rows = read_csv(os.path.join(d, "provinces.csv"))
    want = []
    for c, name in m.names.items():
        s = m.prov.get(c, Sums())
        ratio = csv_pct(s.done, m.pprov[c].done) if c in m.comparable else ""
        rate = csv_pct(s.done, s.plan) if c in m.prov else ""
        want.append([c, name, m.state[c], csv_million(s.src["KCQG"][0]), csv_million(s.src["KCĐP"][0]),
                     csv_million(s.src["KCQG"][1]), csv_million(s.src["KCĐP"][1]), csv_million(s.plan),
                     csv_million(s.done), rate, str(s.establishments), csv_million(s.counterpart), ratio])
    check_csv_rows(ck, rows, want, 1, "provinces")
    ck.doc = "data/contents.csv"
    head, rows = read_csv(os.path.join(d, "contents.csv"))
    want = []
    for k, name in m.cnames.items():
        s = m.content[k]
        want.append([k, name, csv_million(s.src["KCQG"][0]), csv_million(s.src["KCĐP"][0]),
                     csv_million(s.src["KCQG"][1]), csv_million(s.src["KCĐP"][1]), csv_million(s.plan),
                     csv_million(s.done), csv_pct(s.done, s.plan), str(s.establishments),
                     csv_million(s.counterpart)])
    check_csv_rows(ck, rows, want, 1, "contents")
    ck.doc = "data/projects.csv"
    head, rows = read_csv(os.path.join(d, "projects.csv"))
    want = []
    for c, f, r in m.rows_in_order():
        want.append([c, m.names[c], r["source"], r["content"], m.cnames[r["content"]],
                     r["project"].strip(), csv_million(r["plan"]), csv_million(r["executed"]),
                     str(r["establishments"] or 0), csv_million(r["counterpart"] or 0),
                     r["note"].strip(), f"{m.period}/{f}", str(r["line"])])
    ck.eq(len(rows), len(want), "number of project lines")
    for i, (g, w) in enumerate(zip(rows, want)):
        g = list(g)
        if len(g) == 13:
            g[5], g[10] = nfc(g[5].strip()), nfc(g[10].strip())
            w[5], w[10] = nfc(w[5]), nfc(w[10])
            if g[11].endswith("/" + w[11]) or g[11] == w[11]:
                g[11] = w[11]
        ck.eq(g, w, f"project line {i + 1} ({w[11]}:{w[12]})", 5)


def expected_type(name):
    """The Table Schema type a column must have, from what it holds (this oracle's reading of
    the CSVs, not gen's descriptor)."""
    if name.endswith("_million_vnd") or name.endswith("_percent"):
        return "number"
    if name in ("establishments", "line", "comparable_provinces"):
        return "integer"
    if name in ("since", "data_until", "date"):  # period.csv: the period's last day, the meeting's
        return "date"
    if name in ("left_region", "illustrative"):  # yes/no
        return "boolean"
    return "string"


def check_datapackage(ck, pdir):
    """data/datapackage.json describes exactly the CSVs there: a tabular data package, each
    resource's fields the CSV's header in order with the right types, amounts in triệu đồng,
    Vietnamese titles; a licence and a source."""
    d = os.path.join(pdir, "data")
    ck.doc = "data/datapackage.json"
    path = os.path.join(d, "datapackage.json")
    if not os.path.exists(path):
        ck.fail("absent")
        return
    import json
    with open(path, encoding="utf-8") as f:
        dp = json.load(f)
    ck.eq(dp.get("profile"), "tabular-data-package", "profile", 0)
    ck.eq([x.get("name") for x in dp.get("licenses", [])], ["CC-BY-4.0"], "licence", 0)
    ck.eq(bool(dp.get("sources")), True, "source", 0)
    csvs = sorted(n for n in os.listdir(d) if n.endswith(".csv"))
    ck.eq(sorted(r.get("path") for r in dp.get("resources", [])), csvs, "resources", 0)
    for res in dp.get("resources", []):
        if res.get("path") not in csvs:
            continue
        head, _ = read_csv(os.path.join(d, res["path"]))
        fields = res.get("schema", {}).get("fields", [])
        ck.eq([f.get("name") for f in fields], head, f"{res['path']} fields", 0)
        for f in fields:
            want = expected_type(f.get("name", ""))
            ck.eq(f.get("type"), want, f"{res['path']} {f.get('name')} type", 0)
            if f.get("name", "").endswith("_million_vnd"):
                ck.eq(f.get("unit"), "triệu đồng", f"{res['path']} {f['name']} unit", 0)
            ck.eq(bool(re.search(r"[\u00c0-\u1ef9]", f.get("title", "") + f.get("description", ""))),
                  True, f"{res['path']} {f.get('name')} Vietnamese title", 0)


# ------------------------------------------------------------------------------ annex


def sheet_rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def T(th):
    """Thousandths of a million (thousand đồng) -> exact triệu đồng, the annex's unit."""
    return Fraction(th, 1000)


def ratio(num, den):
    return Fraction(num, den) if den else None


def check_annex(ck, m, pdir):
    import openpyxl
    path = os.path.join(pdir, "annex.xlsx")
    wb = openpyxl.load_workbook(path, data_only=True)
    r, cc, cp = m.region, m.ccur, m.cprev
    y = m.period[:4]
    # Summary.
    ck.doc = "annex.xlsx Tổng hợp"
    rows = sheet_rows(wb["Tổng hợp"])
    by_a = {str(row[0]): row for row in rows if row and row[0] is not None}
    ck.eq(f"của {m.valid}/{m.N} tỉnh, thành phố" in str(rows[1][0]), True, "coverage line", 2)

    def row(prefix):
        for k, v in by_a.items():
            if k.startswith(prefix):
                return v
        ck.fail(f"no row {prefix!r}")
        return None

    v = row(f"Kế hoạch năm {y} (triệu đồng)")
    if v:
        for i, s in ((1, "KCQG"), (2, "KCĐP")):
            ck.close(v[i], T(r.src[s][0]), f"plan {s}")
        ck.close(v[3], T(r.plan), "plan total")
    v = row(f"Thực hiện {label(m.period)} (triệu đồng)")
    if v:
        for i, s in ((1, "KCQG"), (2, "KCĐP")):
            ck.close(v[i], T(r.src[s][1]), f"executed {s}")
        ck.close(v[3], T(r.done), "executed total")
    v = row("Tỷ lệ thực hiện so với kế hoạch năm")
    if v:
        for i, s in ((1, "KCQG"), (2, "KCĐP")):
            ck.close(v[i], ratio(r.src[s][1], r.src[s][0]), f"rate {s}")
        ck.close(v[3], ratio(r.done, r.plan), "rate total")
    v = row("Số cơ sở công nghiệp nông thôn được hỗ trợ")
    if v:
        ck.close(v[3], Fraction(r.establishments), "establishments")
    v = row("Vốn đối ứng của các cơ sở (triệu đồng)")
    if v:
        ck.close(v[3], T(r.counterpart), "counterpart")
    ck.eq(any("tỷ đồng" in str(x) for row_ in rows for x in row_ if x), False,
          "no amount in tỷ đồng (three decimals read as thousands in English)", 1)

    def table_after(heading):
        """The rows KCQG, KCĐP, Tổng cộng under the row whose first cell is `heading`."""
        for i, row_ in enumerate(rows):
            if row_ and row_[0] == heading:
                return rows[i + 1:i + 4], row_
        return None, None

    if m.comparable:
        v = row("So sánh cùng phạm vi:")
        ck.eq(bool(v) and f"{len(m.comparable)}/{m.N} tỉnh" in v[0], True, "comparable count", 2)
        full = m.period.endswith("-12")
        py = int(y) - 1
        mon = int(m.period[5:])
        plan_rows, head = table_after("Kế hoạch năm so với năm trước")
        if plan_rows is None:
            ck.fail("no plan comparison table")
        else:
            ck.eq(head[1:4], [f"KH {y} (triệu đồng)", f"KH {py} (triệu đồng)", "Tăng (+), giảm (−) (%)"],
                  "plan comparison headings", 0)
            for g, s in zip(plan_rows, SOURCES + ["Tổng cộng"]):
                now = cc.src[s][0] if s in SOURCES else cc.plan
                before = cp.src[s][0] if s in SOURCES else cp.plan
                ck.eq(g[0], s, "plan comparison row", 0)
                ck.close(g[1], T(now), f"comparable plan {s}")
                ck.close(g[2], T(before), f"previous plan {s}")
                ck.close(g[3], Fraction(now - before, before) if before else None, f"plan change {s}")
        exec_rows, head = table_after("Thực hiện so với cùng kỳ năm trước")
        if exec_rows is None:
            ck.fail("no execution comparison table")
        else:
            th = (lambda yy: f"TH năm {yy} (triệu đồng)") if full else \
                (lambda yy: f"TH {mon}T/{yy} (triệu đồng)")
            ck.eq(head[1:4], [th(y), th(py), "Bằng % cùng kỳ"], "execution comparison headings", 0)
            for g, s in zip(exec_rows, SOURCES + ["Tổng cộng"]):
                now = cc.src[s][1] if s in SOURCES else cc.done
                before = cp.src[s][1] if s in SOURCES else cp.done
                ck.eq(g[0], s, "execution comparison row", 0)
                ck.close(g[1], T(now), f"comparable executed {s}")
                ck.close(g[2], T(before), f"previous executed {s}")
                ck.close(g[3], ratio(now, before), f"same-period ratio {s}")
    else:
        ck.eq(table_after("Kế hoạch năm so với năm trước")[0] is None, True, "no comparison rows", 1)
        ck.eq(any(k.startswith(f"Không có số liệu {label(m.prev_period)}") for k in by_a) or
              any(k.startswith("Không tỉnh, thành phố nào") for k in by_a), True,
              "no-comparison note", 1)
    # Provinces.
    ck.doc = "annex.xlsx Tỉnh, thành phố"
    rows = sheet_rows(wb["Tỉnh, thành phố"])
    got = {row[0]: row for row in rows[3:] if row[0]}
    for c, name in m.names.items():
        g = got.get(c)
        if g is None:
            ck.fail(f"no row {c}")
            continue
        ck.eq(g[1:3], [name, m.state[c]], f"{c} name, state", 1)
        comp = c in m.comparable
        ck.eq(g[13], "có" if comp else "không", f"{c} comparable", 1)
        if c in m.prov:
            s = m.prov[c]
            want = [T(s.src["KCQG"][0]), T(s.src["KCĐP"][0]), T(s.plan), T(s.src["KCQG"][1]),
                    T(s.src["KCĐP"][1]), T(s.done), ratio(s.done, s.plan), Fraction(s.establishments),
                    T(s.counterpart), Fraction(s.lines)]
        else:
            want = [None] * 10
        if comp:
            p = m.pprov[c]
            want += [T(p.plan), T(p.done), ratio(s.done, p.done)]
        else:
            want += [None] * 3
        for i, w in enumerate(want):
            j = 3 + i + (i >= 10)  # column N (comparable) is text
            ck.close(g[j], w, f"{c} {rows[2][j]}")
    tot = [row for row in rows if row[1] == "Toàn vùng"]
    if len(tot) != 1:
        ck.fail(f"{len(tot)} region rows")
    else:
        g = tot[0]
        ck.eq(g[2], f"{m.valid}/{m.N} hợp lệ", "region coverage", 2)
        want = [T(r.src["KCQG"][0]), T(r.src["KCĐP"][0]), T(r.plan), T(r.src["KCQG"][1]),
                T(r.src["KCĐP"][1]), T(r.done), ratio(r.done, r.plan), Fraction(r.establishments),
                T(r.counterpart), Fraction(r.lines), Fraction(len(m.comparable))]
        want += [T(cp.plan), T(cp.done), ratio(cc.done, cp.done)] if m.comparable else [None] * 3
        for i, w in enumerate(want):
            ck.close(g[3 + i], w, f"region {rows[2][3 + i]}")
    # Contents.
    ck.doc = "annex.xlsx Nội dung"
    rows = sheet_rows(wb["Nội dung"])
    got = {row[0]: row for row in rows[3:] if row[0]}
    for k, name in m.cnames.items():
        g = got.get(k)
        if g is None:
            ck.fail(f"no row {k}")
            continue
        s = m.content[k]
        ck.eq(g[1], name, f"{k} name", 0)
        want = [T(s.src["KCQG"][0]), T(s.src["KCĐP"][0]), T(s.plan), T(s.src["KCQG"][1]),
                T(s.src["KCĐP"][1]), T(s.done), ratio(s.done, s.plan), Fraction(s.lines),
                Fraction(s.establishments), T(s.counterpart)]
        for i, w in enumerate(want):
            ck.close(g[2 + i], w, f"{k} {rows[2][2 + i]}")
    tot = [row for row in rows if row[1] == "Tổng cộng"]
    if len(tot) == 1:
        want = [T(r.src["KCQG"][0]), T(r.src["KCĐP"][0]), T(r.plan), T(r.src["KCQG"][1]),
                T(r.src["KCĐP"][1]), T(r.done), ratio(r.done, r.plan), Fraction(r.lines),
                Fraction(r.establishments), T(r.counterpart)]
        for i, w in enumerate(want):
            ck.close(tot[0][2 + i], w, f"total {rows[2][2 + i]}")
    else:
        ck.fail(f"{len(tot)} total rows")
    # Project lines.
    ck.doc = "annex.xlsx Đề án"
    rows = sheet_rows(wb["Đề án"])[1:]
    want = list(m.rows_in_order())
    ck.eq(len(rows), len(want), "number of project lines")
    for i, (g, (c, f, pr)) in enumerate(zip(rows, want)):
        what = f"line {i + 1} ({f}:{pr['line']})"
        ck.eq([g[0], g[1], g[2], g[3], g[4], g[5]],
              [i + 1, c, m.names[c], pr["source"], pr["content"], m.cnames[pr["content"]]], what, 2)
        ck.eq(nfc((g[6] or "").strip()), nfc(pr["project"].strip()), what + " project", 0)
        ck.close(g[7], Fraction(pr["plan"], 1000), what + " plan")
        ck.close(g[8], Fraction(pr["executed"], 1000), what + " executed")
        ck.close(g[9], Fraction(pr["establishments"] or 0), what + " establishments")
        ck.close(g[10], Fraction(pr["counterpart"] or 0, 1000), what + " counterpart")
        ck.eq(str(g[12]).endswith(f"{m.period}/{f}") and g[13] == pr["line"], True, what + " file:line", 1)
    # Status.
    ck.doc = "annex.xlsx Tình trạng nộp"
    rows = sheet_rows(wb["Tình trạng nộp"])[3:]
    byfile = {}
    for code, f, nerr, first in m.rejected_files:
        byfile[f] = (code, nerr, first)
    seen = set()
    for c, name in m.names.items():
        mine = [g for g in rows if g[0] == c]
        files = [f for f, v in byfile.items() if v[0] == c]
        if c in m.cur["accepted"]:
            files = [m.cur["accepted"][c][2]["file"]] + files
        if not mine:
            ck.fail(f"no row for {c}")
            continue
        prev = (m.prev_state[c] if m.prev_state else DASH)
        for g in mine:
            ck.eq([g[1], g[2], g[8]], [name, m.state[c], prev], f"{c} name, state, previous state", 1)
        if not files:
            ck.eq([g[3:8] for g in mine], [[None] * 5], f"{c} no file", 1)
        for f in files:
            g = [g for g in mine if g[3] and str(g[3]).endswith(f"{m.period}/{f}")]
            if len(g) != 1:
                ck.fail(f"{c}: {len(g)} rows for {f}")
                continue
            seen.add(f)
            check_status_row(ck, m, g[0], f, byfile)
    for f, (code, nerr, first) in byfile.items():
        if code is None:
            g = [g for g in rows if g[3] and str(g[3]).endswith(f"{m.period}/{f}")]
            if len(g) != 1:
                ck.fail(f"{len(g)} rows for unattributed {f}")
                continue
            ck.eq([g[0][0], g[0][2]], [None, RECEIVED], f"{f} unattributed, rejected", 1)
            check_status_row(ck, m, g[0], f, byfile)
    # Diagnostics.
    ck.doc = "annex.xlsx Lỗi, cảnh báo"
    rows = sheet_rows(wb["Lỗi, cảnh báo"])[1:]
    got = sorted((str(g[0]), os.path.basename(str(g[1])), g[2], g[3]) for g in rows if g[1])
    level = {"error": "lỗi", "warning": "cảnh báo"}
    cur_entries = [e for f in m.cur["files"] for e in m.cur["file_diags"][f]]
    want = sorted((level[e[3]], os.path.basename(e[0]), e[1], e[2])
                  for e in m.reference_diags + cur_entries +
                  _extra.context_diagnostics(m.input_dir, m.period))
    ck.eq(got, want, "diagnostics (level, file, line, column)", max(1, 2 * len(want)))


def check_status_row(ck, m, g, f, byfile):
    if f in byfile:
        code, nerr, first = byfile[f]
        warn = sum(1 for d in m.cur["file_diags"][f] if d[3] == "warning")
        ck.eq([g[4], g[5], g[6]], [None, nerr, warn], f"{f} lines, errors, warnings", 2)
        msg = str(g[7] or "")
        if first:
            ck.eq(msg.startswith(first_position(first)), True, f"{f} first error at "
                  f"{first[0]}:{first[1]} (cell reads {msg[:40]!r})", 2)
        else:
            ck.eq(bool(re.match(r"dòng \d+", msg)), False, f"{f} first error without position", 1)
    else:
        code = [c for c in m.cur["accepted"] if m.cur["accepted"][c][2]["file"] == f][0]
        warn = sum(1 for d in m.cur["file_diags"][f] if d[3] == "warning")
        ck.eq([g[4], g[5], g[6], g[7]], [m.prov[code].lines, 0, warn, None],
              f"{f} lines, errors, warnings", 3)


# ------------------------------------------------------------------------------ Word


# A Markdown link or image, not an escaped one: [text](url) reads as its text.
MD_LINK = re.compile(r"(?<!\\)!?\[((?:\\.|[^\]\\])*)\]\([^)]*\)")
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def md_number_tokens(path):
    """Every number token of the Markdown's headings, paragraphs, list items and table cells, in
    the order a reader meets them (link targets are not read)."""
    tokens = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            s = line.strip()
            if s.startswith("|"):
                if re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", s.replace(" ", "")):
                    continue
                texts = md_cells(s)
            else:
                s = re.sub(r"^(>\s*)*(#+\s*|[-*]\s+)?", "", s)
                texts = [md_inline(MD_LINK.sub(r"\1", s))]
            for t in texts:
                tokens += FIGURE_RE.findall(t)
    return tokens


def docx_number_tokens(path):
    import zipfile
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paragraphs = list(root.iter(WORD + "p"))
    # The administrative header block (issuer, motto, place and date) stands above the title,
    # as Nghị định 30 lays it out; briefing.md states the place and date after the title.
    styles = [next((st.get(WORD + "val") for st in p.iter(WORD + "pStyle")), None)
              for p in paragraphs]
    start = styles.index("Title") if "Title" in styles else 0
    tokens = []
    for p in paragraphs[start:]:
        tokens += FIGURE_RE.findall("".join(t.text or "" for t in p.iter(WORD + "t")))
    return tokens


def check_docx(ck, pdir):
    """briefing.docx states the figures of briefing.md (checked above), every one, in order."""
    ck.doc = "briefing.docx"
    want = md_number_tokens(os.path.join(pdir, "briefing.md"))
    got = docx_number_tokens(os.path.join(pdir, "briefing.docx"))
    ck.count(len(want))
    if got == want:
        return
    i = next((i for i, (g, w) in enumerate(zip(got, want)) if g != w), min(len(got), len(want)))
    ck.fail(f"number {i + 1} of {len(want)} reads {got[i:i + 1]} (then {got[i + 1:i + 4]}), "
            f"briefing.md states {want[i:i + 1]} (then {want[i + 1:i + 4]}); "
            f"{len(got)} numbers in the docx")


# ------------------------------------------------------------------------------ index, sums


def check_index(ck, m, out_dir, period):
    pdir = os.path.join(out_dir, period)
    ck.doc = "SHA256SUMS"
    sums = {}
    with open(os.path.join(pdir, "SHA256SUMS"), encoding="utf-8") as f:
        for line in f:
            h, name = line.rstrip("\n").split(None, 1)
            sums[name.lstrip("*")] = h
    files = []
    for base, _, names in os.walk(pdir):
        for n in names:
            rel = os.path.relpath(os.path.join(base, n), pdir)
            if rel not in ("SHA256SUMS", ".fingerprint"):  # .fingerprint: gen's own
                files.append(rel)
    # The golden copies keep no hidden file (.headline): those are checked where present.
    ck.eq(sorted(x for x in sums if not x.startswith(".") or x in files), sorted(files),
          "files listed", 0)
    for rel in files:
        with open(os.path.join(pdir, rel), "rb") as f:
            data = f.read()
        if rel in sums:
            ck.eq(sums[rel], hashlib.sha256(data).hexdigest(), f"digest of {rel}", 1)
    # Each PNG chart is its SVG drawn again: the same proportions.
    for rel in files:
        if rel.startswith("chart-") and rel.endswith(".png"):
            with open(os.path.join(pdir, rel), "rb") as f:
                head = f.read(24)
            pw, ph = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
            svg = open(os.path.join(pdir, rel[:-4] + ".svg"), encoding="utf-8").read()
            mm = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg)
            sw, sh = float(mm.group(1)), float(mm.group(2))
            ck.eq(abs(pw / ph - sw / sh) < 0.01 and pw >= 2 * sw, True,
                  f"{rel}: {pw}x{ph} px for an SVG of {sw:g}x{sh:g}", 0)
    ck.doc = "index.html"
    idx = os.path.join(out_dir, "index.html")
    if not os.path.exists(idx):
        ck.fail("absent")
        return
    with open(idx, encoding="utf-8") as f:
        html = f.read()
    # This period's section: from its heading to the next.
    start = html.find(f"<h2>{label(period)}</h2>")
    if start < 0:
        ck.fail(f"no section for {label(period)}")
        return
    end = html.find("<h2>", start + 4)
    sec = html[start:end if end > 0 else len(html)]
    ck.eq(re.search(r"[0-9a-f]{64}", sec) is None, True, "no hash on the page", 0)
    # Every published file (SHA256SUMS too), linked with a download name saying what and when.
    mon, yy = int(period[5:]), int(period[:4])
    prefix = f"khuyen-cong-phia-nam-nam{yy}-" if mon == 12 else f"khuyen-cong-phia-nam-{mon}t{yy}-"
    links = re.findall(r'<a href="([^"]+)" download="([^"]+)">([^<]+)</a>', sec)
    hrefs = {h: (dl, what) for h, dl, what in links}
    for rel in [x for x in files if not x.startswith(".") and not x.startswith("provinces/")] + \
            ["SHA256SUMS"]:
        got = hrefs.get(f"{period}/{rel}")
        ck.eq(bool(got) and got[0].startswith(prefix) and bool(got[1].strip()), True,
              f"{rel} linked, described, downloaded as {prefix}…", 0)
    # Every province's page (its HTML), linked by the province's name.
    for i, (c, name) in enumerate(m.names.items()):
        href = f"{period}/{page_name(c, i)}.html"
        texts = re.findall(r'<a href="' + re.escape(href) + r'">([^<]*)</a>', sec)
        ck.eq([squash(unescape_html(t)) for t in texts], [name], f"a link to {href}", 0)
    ck.eq(links and links[0][0] == f"{period}/briefing.html", True, "the briefing first", 0)
    # The headline figures, computed here from the submissions.
    r, cc, cp = m.region, m.ccur, m.cprev
    ck.eq(f"Kế hoạch năm: <strong>{ty(r.plan)} tỷ đồng</strong>" in sec, True, "headline plan", 1)
    ck.eq(f"Đã thực hiện: <strong>{ty(r.done)} tỷ đồng</strong>, đạt <strong>{pct(r.done, r.plan, 1)}"
          f"</strong>" in sec, True, "headline executed, rate", 2)
    if m.comparable:
        against = "so với năm trước" if mon == 12 else "cùng kỳ năm trước"
        ck.eq(f"kế hoạch năm {change_words(cc.plan, cp.plan)}; thực hiện bằng "
              f"<strong>{pct(cc.done, cp.done, 1)}</strong> {against}" in sec, True,
              "headline plan change and same-period ratio", 2)
    ck.eq(f"báo cáo hợp lệ của {m.valid}/{m.N} tỉnh" in sec, True, "headline coverage", 2)


# ------------------------------------------------------------------------------ stderr


def check_stderr(ck, m, path):
    ck.doc = "stderr"
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if not l.startswith("gen:")]
    got = []
    for l in lines:
        mm = re.match(r"(.*?):(?:(\d+):(\d+):)? (error|warning): ", l)
        if mm:
            got.append((os.path.basename(mm.group(1)), int(mm.group(2)) if mm.group(2) else None,
                        int(mm.group(3)) if mm.group(3) else None, mm.group(4)))
        else:
            ck.fail(f"line not a diagnostic: {l!r}")
    entries = m.reference_diags + [e for f in m.cur["files"] for e in m.cur["file_diags"][f]]
    entries += _extra.context_diagnostics(m.input_dir, m.period)
    if m.prev:
        entries += [e for f in m.prev["files"] for e in m.prev["file_diags"][f]]
    want = [(os.path.basename(e[0]), e[1], e[2], e[3]) for e in entries]
    ck.eq(sorted(got, key=str), sorted(want, key=str), "diagnostics (file, line, column, level)",
          max(1, 2 * len(want)))


# ------------------------------------------------------------------------------ main


def check_case(out_dir, input_dir, period=None, stderr=None):
    if period is None:
        have = sorted(n for n in os.listdir(out_dir) if re.fullmatch(PERIOD_RE, n))
        if len(have) == 1:
            period = have[0]
        else:
            period = max(n for n in os.listdir(input_dir) if re.fullmatch(PERIOD_RE, n)
                         and os.path.isdir(os.path.join(input_dir, n)))
    m = Model(input_dir, period)
    pdir = os.path.join(out_dir, period)
    ck = Checker()
    ck.doc = "briefing.md"
    check_briefing(ck, m, read_md(os.path.join(pdir, "briefing.md")))
    ck.doc = "briefing.html"
    check_briefing(ck, m, read_html(os.path.join(pdir, "briefing.html")))
    check_docx(ck, pdir)
    check_province_pages(ck, m, pdir)
    check_page_links(ck, m, pdir)
    check_charts(ck, m, pdir)
    check_opendata(ck, m, pdir)
    check_datapackage(ck, pdir)
    check_annex(ck, m, pdir)
    check_index(ck, m, out_dir, period)
    if stderr:
        check_stderr(ck, m, stderr)
    return ck, period


def main(argv):
    args, period, stderr, verbose = [], None, None, False
    it = iter(argv[1:])
    for a in it:
        if a in ("-p", "--period"):
            period = next(it, None)
        elif a == "--stderr":
            stderr = next(it, None)
        elif a == "-v":
            verbose = True
        else:
            args.append(a)
    if len(args) != 2 or (period is not None and not re.fullmatch(PERIOD_RE, period)):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        ck, period = check_case(args[0], args[1], period, stderr)
    except (OSError, KeyError, IndexError, ValueError, ET.ParseError) as e:
        print(f"MISMATCH {args[0]}: cannot check: {type(e).__name__}: {e}")
        return 1
    if verbose:
        for doc, n in ck.per_doc.items():
            print(f"  {doc}: {n}")
    for b in ck.bad:
        print("MISMATCH " + b)
    if ck.bad:
        print(f"{args[0]} ({period}): {ck.n} figures checked, {len(ck.bad)} mismatch(es)")
        return 1
    print(f"{args[0]} ({period}): {ck.n} figures checked, all match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
