#!/usr/bin/env python3
"""Independent check of a programme report (the contract's "Programme reports"), standard
library only, exact fractions; shares no code with gen and never reads gen's figures as truth.

    python3 tests/oracle/programme.py INPUT_DIR CODE BRIEFING.md

Reads input/programmes.csv for CODE's years, picks each year's period the contract's way (its
year-end folder YYYY-12, else its latest YYYY-MM; none: the year is missing), reads every
submission with the project's independent reader (tests/tools/independent_totals.py) on the
roster of the period's last day (tests/oracle/over_time.py's reading of roster.csv over time),
and checks that BRIEFING.md states: the span (*2021–2025*, or *2021 – 9 tháng năm 2025*), each
missing year named, each partial year said; the programme's plan, executed and rate in total
and per source (with each source's share of the executed); establishments and counterpart;
every row of the year table (plan, executed, rate, changes against the year before like for
like, KCQG figures and share); every row of the province table on the provinces of the latest
period (earlier years carried through the successors; one row per territory that left), each
merged province's predecessors, and the table's total; every content row; the leaders and
laggards. Prints "every figure matches" or the mismatches (exit 1).
"""
import contextlib
import csv
import io
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import over_time as ot  # noqa: E402  (the roster over time, formatting; itself independent)

reader = ot.reader
ty, pct, vn, half_away, vn_date = ot.ty, ot.pct, ot.vn, ot.half_away, ot.vn_date


def label(period):
    y, m = int(period[:4]), int(period[5:])
    return f"năm {y}" if m == 12 else ("tháng 1 năm %d" % y if m == 1 else f"{m} tháng năm {y}")


def change(new, old):
    if old == 0:
        return "—"
    v = half_away(Fraction((new - old) * 100, old), 1)
    if v == 0:
        return "không đổi"
    return ("tăng " if v > 0 else "giảm ") + vn(abs(v), 1) + "%"


def zero():
    return {"KCQG": [0, 0], "KCĐP": [0, 0], "est": 0, "cp": 0}


def add(into, rows):
    for r in rows:
        into[r["source"]][0] += r["plan"]
        into[r["source"]][1] += r["executed"]
        into["est"] += r["establishments"] or 0
        into["cp"] += r["counterpart"] or 0


def tot(f, k):
    return f["KCQG"][k] + f["KCĐP"][k]


def main(argv):
    input_dir, code, briefing = argv[1:4]
    text = open(briefing, encoding="utf-8").read()
    with open(os.path.join(input_dir, "programmes.csv"), encoding="utf-8-sig", newline="") as f:
        prog = next(r for r in csv.DictReader(f) if r["code"].strip() == code)
    first, last = int(prog["first_year"]), int(prog["last_year"])
    folders = sorted(d for d in os.listdir(input_dir)
                     if len(d) == 7 and d[4] == "-" and d[:4].isdigit() and d[5:].isdigit())
    roster = ot.Roster(input_dir)
    diag = reader.Diag()
    contents = reader.load_contents(input_dir, diag)
    content_names = contents[0] if isinstance(contents, tuple) else contents
    years = {}
    for y in range(first, last + 1):
        mine = [d for d in folders if int(d[:4]) == y and 1 <= int(d[5:]) <= 12]
        if not mine:
            years[y] = None
            continue
        period = f"{y}-12" if f"{y}-12" in mine else max(mine, key=lambda d: int(d[5:]))
        day = ot.last_day(period)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            data = reader.read_period(input_dir, period, roster.view(day), contents, diag)
        rows_on_day = {roster.rows[i]["code"]: i for i in roster.on(day)}
        fig = {}
        for c, sub in data["accepted"].items():
            fig[c] = zero()
            add(fig[c], sub[1])
        years[y] = dict(period=period, day=day, rows=rows_on_day, fig=fig, data=data)
    present = [y for y in years if years[y]]
    problems = []

    def expect(s, what):
        if s not in text:
            problems.append(f"{what}: expected {s!r}")

    # The span and the coverage.
    latest = years[present[-1]]
    if present[-1] == present[0]:
        span = label(latest["period"])
    elif latest["period"].endswith("-12"):
        span = f"{present[0]}–{present[-1]}"
    else:
        span = f"{present[0]} – {label(latest['period'])}"
    expect(f"kết quả khu vực phía Nam {span}", "span")
    missing = [y for y in years if not years[y]]
    if missing:
        expect(f"chưa có số liệu năm {', '.join(map(str, missing))}**", "missing years")
        for y in missing:
            expect(f"| {y} | chưa có số liệu |", f"missing year {y} row")
    for y in present:
        if not years[y]["period"].endswith("-12"):
            expect(f"**Năm {y} tính đến hết {label(years[y]['period'])}**", f"partial year {y}")
    # Totals.
    total = zero()
    for y in present:
        for c, f in years[y]["fig"].items():
            for s in ("KCQG", "KCĐP"):
                total[s][0] += f[s][0]
                total[s][1] += f[s][1]
            total["est"] += f["est"]
            total["cp"] += f["cp"]
    plan, executed = tot(total, 0), tot(total, 1)
    expect(f"các năm {span} là **{ty(plan)} tỷ đồng**; kinh phí đã thực hiện **{ty(executed)} tỷ "
           f"đồng**, đạt **{pct(executed, plan, 1)}** kế hoạch", "programme totals")
    for s, name in (("KCQG", "quốc gia"), ("KCĐP", "địa phương")):
        p, x = total[s]
        expect(f"Nguồn khuyến công {name} ({s}): kế hoạch {ty(p)} tỷ đồng, thực hiện **{ty(x)} tỷ "
               f"đồng**, đạt **{pct(x, p, 2)}** kế hoạch, chiếm {pct(x, executed, 1)} kinh phí đã "
               f"thực hiện", f"programme {s}")
    expect(f"hỗ trợ {vn(total['est'], 0)} cơ sở công nghiệp nông thôn, thu hút {ty(total['cp'])} "
           f"tỷ đồng vốn đối ứng", "establishments, counterpart")
    # The year table.
    prev = None
    for y in range(first, last + 1):
        Y = years[y]
        if not Y:
            prev = None
            continue
        f = zero()
        for c in Y["fig"]:
            for s in ("KCQG", "KCĐP"):
                f[s][0] += Y["fig"][c][s][0]
                f[s][1] += Y["fig"][c][s][1]
        p, x = tot(f, 0), tot(f, 1)
        pc = xc = "—"
        mark = ""
        if prev and prev["period"][5:] == Y["period"][5:]:
            # Like for like: today's provinces valid whose every predecessor was valid then.
            holder = {}
            for c, i in prev["rows"].items():
                h, _, _ = roster.follow(i, Y["day"])
                if h is not None:
                    holder.setdefault(roster.rows[h]["code"], []).append(c)
            cp_now = cx_now = cp_then = cx_then = 0
            n = 0
            for c in Y["rows"]:
                preds = holder.get(c, [])
                if c in Y["fig"] and preds and all(d in prev["fig"] for d in preds):
                    n += 1
                    cp_now += tot(Y["fig"][c], 0)
                    cx_now += tot(Y["fig"][c], 1)
                    cp_then += sum(tot(prev["fig"][d], 0) for d in preds)
                    cx_then += sum(tot(prev["fig"][d], 1) for d in preds)
            if n:
                pc, xc = change(cp_now, cp_then), change(cx_now, cx_then)
                mark = " (\\*)" if n < len(Y["rows"]) else ""
        valid = len(Y["fig"])
        expect(f"| {y} | {label(Y['period'])} | {valid}/{len(Y['rows'])} | {ty(p)} | {ty(x)} | "
               f"{pct(x, p, 1)} | {pc}{mark} | {xc}{mark} | {ty(f['KCQG'][0])} | {ty(f['KCQG'][1])} | "
               f"{pct(f['KCQG'][1], f['KCQG'][0], 2)} | {pct(f['KCQG'][1], x, 1)} |", f"year {y}")
        prev = Y
    expect(f"| **Cả giai đoạn** | {span} | | **{ty(plan)}** | **{ty(executed)}** | "
           f"**{pct(executed, plan, 1)}** | | | **{ty(total['KCQG'][0])}** | **{ty(total['KCQG'][1])}** | "
           f"**{pct(total['KCQG'][1], total['KCQG'][0], 2)}** | **{pct(total['KCQG'][1], executed, 1)}** |",
           "year table total")
    # The province table: every year's provinces carried to the latest period's.
    now_rows = latest["rows"]
    prov = {c: zero() for c in now_rows}
    left = {}  # last row index -> figures
    preds_of = {c: set() for c in now_rows}
    gaps = {}
    for y in present:
        Y = years[y]
        for c, i in Y["rows"].items():
            h, since, lastrow = roster.follow(i, latest["day"])
            if h is not None:
                key = roster.rows[h]["code"]
                if i != h:
                    preds_of[key].add(i)
                target = prov[key]
            else:
                key = ("left", lastrow)
                target = left.setdefault(lastrow, zero())
            if c in Y["fig"]:
                f = Y["fig"][c]
                for s in ("KCQG", "KCĐP"):
                    target[s][0] += f[s][0]
                    target[s][1] += f[s][1]
            else:
                gaps.setdefault(key, []).append(y)
    years_of = {c: 0 for c in now_rows}
    for y in present:
        for c, i in years[y]["rows"].items():
            h, _, _ = roster.follow(i, latest["day"])
            if h is not None:
                years_of[roster.rows[h]["code"]] = years_of.get(roster.rows[h]["code"], 0)
    complete = {}
    for c in now_rows:
        seen = sum(1 for y in present
                   if any(roster.follow(i, latest["day"])[0] == now_rows[c]
                          for i in years[y]["rows"].values()))
        complete[c] = c not in gaps and seen == len(present)

    def row(code, name, f, ok):
        p, x = tot(f, 0), tot(f, 1)
        return (f"| {code} | {name} | {ty(f['KCQG'][0])} | {ty(f['KCĐP'][0])} | {ty(p)} | "
                f"{ty(f['KCQG'][1])} | {ty(f['KCĐP'][1])} | {ty(x)} | {pct(x, p, 1)} | "
                f"{'đủ' if ok else 'thiếu'} |")
    sum_p = sum_x = 0
    for c, i in now_rows.items():
        expect(row(c, roster.rows[i]["name"], prov[c], complete[c]), f"province {c}")
        sum_p += tot(prov[c], 0)
        sum_x += tot(prov[c], 1)
        if preds_of[c]:
            names = ", ".join(f"{roster.rows[j]['name']} ({roster.rows[j]['code']})"
                              for j in sorted(preds_of[c]))
            expect(f"- {roster.rows[i]['name']} ({c}): gồm số liệu của {names}", f"predecessors {c}")
    for lastrow, f in left.items():
        r = roster.rows[lastrow]
        expect(row(r["code"], f"{r['name']} (nay thuộc {r['successor_name']})", f,
                   ("left", lastrow) not in gaps), f"left {r['code']}")
        expect(f"- {r['name']} ({r['code']}) đã nhập vào {r['successor_name']}", f"left {r['code']} line")
        sum_p += tot(f, 0)
        sum_x += tot(f, 1)
    if (sum_p, sum_x) != (plan, executed):
        problems.append(f"the province table adds up to {sum_p}/{sum_x}, not {plan}/{executed}")
    expect(f"| | **Toàn vùng** | **{ty(total['KCQG'][0])}** | **{ty(total['KCĐP'][0])}** | "
           f"**{ty(plan)}** | **{ty(total['KCQG'][1])}** | **{ty(total['KCĐP'][1])}** | "
           f"**{ty(executed)}** | **{pct(executed, plan, 1)}** | |", "province table total")
    # Leaders and laggards: provinces with every year, by exact rate, ties in roster order.
    order = list(now_rows)
    ranked = [c for c in order if complete[c] and tot(prov[c], 0) > 0]
    ranked.sort(key=lambda c: (-Fraction(tot(prov[c], 1), tot(prov[c], 0)), order.index(c)))
    top = 3 if len(ranked) >= 6 else len(ranked) // 2

    def ranked_text(k):
        c = ranked[k]
        return (f" {k + 1}. {roster.rows[now_rows[c]]['name']} {pct(tot(prov[c], 1), tot(prov[c], 0), 1)} "
                f"({ty(tot(prov[c], 1))}/{ty(tot(prov[c], 0))} tỷ đồng);")
    if top:
        expect("- Cao nhất:" + "".join(ranked_text(k) for k in range(top)), "leaders")
        expect("- Thấp nhất:" + "".join(ranked_text(k) for k in range(len(ranked) - 1, len(ranked) - 1 - top, -1)),
               "laggards")
    # Contents.
    cont = {}
    for y in present:
        for c, sub in years[y]["data"]["accepted"].items():
            for r in sub[1]:
                k = cont.setdefault(r["content"], zero())
                add(k, [r])
    for cc, name in content_names.items():
        f = cont.get(cc, zero())
        p, x = tot(f, 0), tot(f, 1)
        expect(f"| {cc} | {name} | {ty(f['KCQG'][0])} | {ty(f['KCĐP'][0])} | {ty(p)} | {ty(x)} | "
               f"{pct(x, p, 1)} | {vn(f['est'], 0)} | {ty(f['cp'])} |", f"content {cc}")
    if problems:
        print("\n".join(problems))
        return 1
    print(f"every figure matches ({code}: {span}; {len(present)} years counted, "
          f"{len(missing)} missing; plan {ty(plan)}, executed {ty(executed)} tỷ đồng)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
