#!/usr/bin/env python3
"""Independent check of a briefing across a change of provinces (the contract's "Provinces over
time"), standard library only, exact fractions; shares no code with gen.

    python3 tests/oracle/over_time.py INPUT_DIR PERIOD BRIEFING.md

Reads input/roster.csv with its from/until/successor/successor_name columns, resolves the
provinces of PERIOD and of the same period a year earlier on their last days, reads both
periods' submissions with the project's independent reader (tests/tools/independent_totals.py,
itself independent of gen), carries the earlier figures onto today's provinces by following
successors, and checks that BRIEFING.md states every figure: the region's plan, executed, rates,
per-source figures, plan change and same-period ratio over the comparable provinces (and their
count), each province's row of Bảng 1 (its own same-period ratio included), every province
formed from others with its predecessors, and every province that left the region with where it
went. Prints "every figure matches" or the mismatches (exit 1).
"""
import calendar
import csv
import datetime
import importlib.util
import io
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "independent_totals", os.path.join(HERE, "..", "tools", "independent_totals.py"))
reader = importlib.util.module_from_spec(spec)
spec.loader.exec_module(reader)


def half_away(q, decimals):
    scaled = Fraction(q) * 10 ** decimals
    sign = -1 if scaled < 0 else 1
    a = abs(scaled)
    n = int(a)
    if a - n >= Fraction(1, 2):
        n += 1
    return sign * n


def vn(scaled, decimals):
    neg = scaled < 0
    s = str(abs(scaled)).rjust(decimals + 1, "0")
    whole, frac = (s[:-decimals], s[-decimals:]) if decimals else (s, "")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if neg else "") + out


def ty(thousands):  # thousand đồng -> tỷ đồng, 3 decimals
    return vn(half_away(Fraction(thousands, 10 ** 6), 3), 3)


def pct(num, den, decimals):
    if den == 0:
        return "—"
    return vn(half_away(Fraction(num * 100, den), decimals), decimals) + "%"


def change_words(new, old):
    v = half_away(Fraction((new - old) * 100, old), 1)
    if v == 0:
        return "không đổi"
    return ("tăng " if v > 0 else "giảm ") + vn(abs(v), 1) + "%"


def ty_cell(thousands):  # a table cell: a zero amount is "0", not "0,000"
    return "0" if thousands == 0 else ty(thousands)


def signed_change(new, old):  # for a table: "−8,1%", "+3,2%" (Markdown-escaped "\\+"), "0,0%"
    v = half_away(Fraction((new - old) * 100, old), 1)
    return ("−" if v < 0 else "\\+" if v > 0 else "") + vn(abs(v), 1) + "%"


def vn_date(d):
    return f"{d.day}/{d.month}/{d.year}"


def parse_day(s, default):
    s = s.strip()
    return datetime.date.fromisoformat(s) if s else default


def last_day(period):
    y, m = int(period[:4]), int(period[5:])
    return datetime.date(y, m, calendar.monthrange(y, m)[1])


class Roster:
    def __init__(self, input_dir):
        with open(os.path.join(input_dir, "roster.csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(io.StringIO(f.read())))
        self.rows = []
        for r in rows:
            self.rows.append(dict(
                code=r["code"].strip(), name=r["name"].strip(),
                aliases=[a for a in (r.get("aliases") or "").split(";") if a.strip()],
                start=parse_day(r.get("from") or "", datetime.date.min),
                end=parse_day(r.get("until") or "", datetime.date.max),
                successor=(r.get("successor") or "").strip(),
                successor_name=(r.get("successor_name") or "").strip()))

    def on(self, day):
        return [i for i, r in enumerate(self.rows) if r["start"] <= day <= r["end"]]

    def row_with_code(self, code, day):
        for i in self.on(day):
            if int(self.rows[i]["code"]) == int(code):
                return i
        return None

    def follow(self, i, day):
        """(holder row or None, day it passed, the last row before it)."""
        since, last = None, i
        while not (self.rows[i]["start"] <= day <= self.rows[i]["end"]):
            r = self.rows[i]
            since, last = r["end"] + datetime.timedelta(days=1), i
            nxt = self.row_with_code(r["successor"], since) if r["successor"] else None
            if nxt is None:
                return None, since, last
            i = nxt
        return i, since, last

    def view(self, day):
        """(names by code, lookup folded spelling -> code) as independent_totals reads them."""
        names, lookup = {}, {}
        for i in self.on(day):
            r = self.rows[i]
            names[r["code"]] = r["name"]
            for s in [r["code"], r["name"]] + r["aliases"]:
                lookup[reader.fold(s)] = r["code"]
        return names, lookup


def formed_provinces(roster, day, prev_day):
    """The provinces of `day` formed since `prev_day` from other provinces (merged, renamed or
    given another code): {code: (verb, [(earlier code, earlier name)], day it took effect or None)},
    the predecessors in the earlier roster's order. A province whose only predecessor is itself
    (the same roster row) is not formed, nor is one with no predecessor at all."""
    now_rows = {roster.rows[i]["code"]: i for i in roster.on(day)}
    then_rows = {roster.rows[i]["code"]: i for i in roster.on(prev_day)}
    holder_of, since_of = {}, {}
    for code, i in then_rows.items():
        h, since, _ = roster.follow(i, day)
        if h is not None:
            holder_of[code] = roster.rows[h]["code"]
            since_of[code] = since
    out = {}
    for code, i in now_rows.items():
        preds = [c for c, h in holder_of.items() if h == code]
        if not preds or (preds == [code] and then_rows[code] == i):
            continue
        preds.sort(key=lambda c: list(then_rows).index(c))
        verb = "hợp nhất từ" if len(preds) > 1 else "trước đây là"
        days = {since_of[c] for c in preds if since_of[c] is not None}
        out[code] = (verb, [(c, roster.rows[then_rows[c]]["name"]) for c in preds],
                     days.pop() if len(days) == 1 else None)
    return out


def formed_words(verb, preds, since):
    """"hợp nhất từ Tây Ninh (72), Long An (80), kể từ ngày 1/7/2025"."""
    text = f"{verb} " + ", ".join(f"{name} ({c})" for c, name in preds)
    return text + (f", kể từ ngày {vn_date(since)}" if since else "")


def sums(sub):
    out = {"KCQG": [0, 0], "KCĐP": [0, 0]}
    for row in sub[1]:
        out[row["source"]][0] += row["plan"]
        out[row["source"]][1] += row["executed"]
    return out


def main(argv):
    input_dir, period, briefing = argv[1:4]
    text = open(briefing, encoding="utf-8").read()
    roster = Roster(input_dir)
    diag = reader.Diag()
    contents = reader.load_contents(input_dir, diag)
    prev_period = f"{int(period[:4]) - 1:04d}{period[4:]}"
    day, prev_day = last_day(period), last_day(prev_period)
    now_names, now_lookup = roster.view(day)
    then_names, then_lookup = roster.view(prev_day)
    import contextlib
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        now = reader.read_period(input_dir, period, (now_names, now_lookup), contents, diag)
        then = reader.read_period(input_dir, prev_period, (then_names, then_lookup), contents, diag)
    problems = []

    def expect(s, what):
        if s not in text:
            problems.append(f"{what}: expected {s!r}")

    now_rows = {roster.rows[i]["code"]: i for i in roster.on(day)}
    then_rows = {roster.rows[i]["code"]: i for i in roster.on(prev_day)}
    fig = {c: sums(now["accepted"][c]) for c in now["accepted"]}
    region = {"KCQG": [0, 0], "KCĐP": [0, 0]}
    for c in fig:
        for s in region:
            region[s][0] += fig[c][s][0]
            region[s][1] += fig[c][s][1]
    plan = sum(v[0] for v in region.values())
    executed = sum(v[1] for v in region.values())
    expect(f"**{ty(plan)} tỷ đồng**", "region plan")
    expect(f"**{ty(executed)} tỷ đồng**, đạt **{pct(executed, plan, 1)}**", "region executed, rate")
    for s in ("KCQG", "KCĐP"):
        p, x = region[s]
        words = "Khuyến công quốc gia" if s == "KCQG" else "Khuyến công địa phương"
        expect(f"{words}: thực hiện **{ty(x)} tỷ đồng**, đạt **{pct(x, p, 2)}** kế hoạch năm "
               f"({ty(p)} tỷ đồng)", f"{s}")
    # Carry the earlier period onto today's provinces.
    holder_of, since_of, left = {}, {}, []
    for code, i in then_rows.items():
        h, since, last = roster.follow(i, day)
        if h is None:
            left.append((code, roster.rows[last], since))
        else:
            holder_of[code] = roster.rows[h]["code"]
            since_of[code] = since
    comparable, prev_plan, prev_exec, cur_plan, cur_exec = [], 0, 0, 0, 0
    prev_fig = {c: sums(then["accepted"][c]) for c in then["accepted"]} if then else {}
    per_province_ratio, per_province_change = {}, {}
    for code in now_rows:
        preds = [c for c, h in holder_of.items() if h == code]
        if code in fig and preds and all(c in prev_fig for c in preds):
            comparable.append(code)
            pp = sum(prev_fig[c][s][0] for c in preds for s in prev_fig[c])
            px = sum(prev_fig[c][s][1] for c in preds for s in prev_fig[c])
            cp = sum(v[0] for v in fig[code].values())
            cx = sum(v[1] for v in fig[code].values())
            prev_plan += pp
            prev_exec += px
            cur_plan += cp
            cur_exec += cx
            per_province_ratio[code] = pct(cx, px, 1)
            per_province_change[code] = signed_change(cp, pp) if pp else "—"
        else:
            per_province_ratio[code] = "—"
            per_province_change[code] = "—"
    changed = bool(left) or any(roster.rows[then_rows[c]] is not roster.rows[now_rows[h]]
                                for c, h in holder_of.items())
    if then is not None and comparable:
        ratio = pct(cur_exec, prev_exec, 1)
        # A whole year is compared with the year before, never with "the same period".
        than = (f"so với năm {prev_period[:4]}" if period.endswith("-12")
                else f"cùng kỳ năm {prev_period[:4]}")
        words = change_words(cur_plan, prev_plan)
        if len(comparable) == len(now_rows):
            expect(f"{words} so với kế hoạch năm {prev_period[:4]} ({ty(prev_plan)} tỷ đồng",
                   "plan change")
            expect(f"bằng **{ratio}** {than} ({ty(prev_exec)} tỷ đồng", "same-period ratio")
        else:
            expect(f"Tính riêng {len(comparable)} tỉnh, thành phố có số liệu cả hai năm, kế hoạch năm "
                   f"nay là {ty(cur_plan)} tỷ đồng, {words} so với năm {prev_period[:4]} "
                   f"({ty(prev_plan)} tỷ đồng", "plan change")
            expect(f"kinh phí thực hiện là {ty(cur_exec)} tỷ đồng, bằng **{ratio}** {than} "
                   f"({ty(prev_exec)} tỷ đồng", "same-period ratio")
            expect(f"chỉ tính trên {len(comparable)}/{len(now_rows)} tỉnh, thành phố",
                   "comparable count")
        if changed:
            expect("quy đổi theo địa giới mới", "quy đổi")
    # Bảng 1, one row per province of the period.
    for code, i in now_rows.items():
        name = roster.rows[i]["name"]
        if code in fig:
            f = fig[code]
            p = f["KCQG"][0] + f["KCĐP"][0]
            x = f["KCQG"][1] + f["KCĐP"][1]
            row = (f"| {code} | {name} | {ty_cell(f['KCQG'][0])} | {ty_cell(f['KCĐP'][0])} | "
                   f"{ty_cell(p)} | {per_province_change[code]} | {ty_cell(f['KCQG'][1])} | "
                   f"{ty_cell(f['KCĐP'][1])} | {ty_cell(x)} | {pct(x, p, 1)} | "
                   f"{per_province_ratio[code]} | đã nộp |")
        else:
            state = "đã nhận, chưa tổng hợp được" if code in now["rejected"] else "chưa nộp"
            row = f"| {code} | {name} | — | — | — | — | — | — | — | — | — | {state} |"
        expect(row, f"Bảng 1 {code}")
    # The change: every province formed from others, every one that left.
    if then is not None and changed:
        for code, (verb, preds, since) in formed_provinces(roster, day, prev_day).items():
            line = f"- {now_names[code]} ({code}): {formed_words(verb, preds, since)}"
            expect(line, f"formed {code}")
        for code, last, since in left:
            to = last["successor_name"] + (f" ({last['successor']})" if last["successor"] else "")
            expect(f"- {then_names[code]} ({code}) đã nhập vào {to} kể từ ngày {vn_date(since)}",
                   f"left {code}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"every figure matches ({period}: {len(now_rows)} provinces, {len(comparable)} comparable, "
          f"{len(left)} left the region)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
