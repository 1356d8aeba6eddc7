#!/usr/bin/env python3
"""Generates the 2025 part of the shipped demo data of `gen`: input/roster.csv over time (the
20 provinces until 30/6/2025, the 8 from 1/7/2025, Resolution 202/2025/QH15) and one submission
per province of the new region for the period 2025-09.

    python3 tests/tools/make_demo_2025.py [INPUT_DIR]   (default: input, beside tests/)

make_demo.py (2023-09, 2024-09) calls it last, so that its roster is the one over time; it
leaves 2023-09 and 2024-09 alone. Deterministic (random.Random with fixed seeds).

Every figure of 2025-09 is illustrative, and every file's `note` column says so: the region
totals below are ours, not from any report. Amounts are integers in thousand đồng.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_demo as demo  # noqa: E402

M = 1000
CHANGE_UNTIL = "2025-06-30"
CHANGE_FROM = "2025-07-01"

# The provinces from 1/7/2025 (codes of the list in force from that day), in code order, with
# the provinces they were formed from (the contract's table).
NEW_PROVINCES = [
    ("75", "Đồng Nai", ["Tỉnh Đồng Nai"], ["75", "70"]),
    ("79", "Thành phố Hồ Chí Minh", ["TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "TP HCM", "TP. HCM",
                                     "Hồ Chí Minh", "HCM", "TP Hồ Chí Minh"], ["79", "74", "77"]),
    ("80", "Tây Ninh", ["Tỉnh Tây Ninh"], ["72", "80"]),
    ("82", "Đồng Tháp", ["Tỉnh Đồng Tháp"], ["87", "82"]),
    ("86", "Vĩnh Long", ["Tỉnh Vĩnh Long"], ["86", "83", "84"]),
    ("91", "An Giang", ["Tỉnh An Giang"], ["89", "91"]),
    ("92", "Cần Thơ", ["TP. Cần Thơ", "Thành phố Cần Thơ", "TP Cần Thơ"], ["92", "93", "94"]),
    ("96", "Cà Mau", ["Tỉnh Cà Mau"], ["96", "95"]),
]
NEW_NAME = {c: n for c, n, _, _ in NEW_PROVINCES}
NEW_ALIASES = {c: a for c, _, a, _ in NEW_PROVINCES}
NEW_CODES = [c for c, _, _, _ in NEW_PROVINCES]
SUCCESSOR = {old: new for new, _, _, olds in NEW_PROVINCES for old in olds}
# Bình Thuận went into Lâm Đồng (68), outside the southern region.
LEFT = {"60": ("68", "Lâm Đồng")}

PERIOD = "2025-09"
# Region totals of 2025-09 (illustrative), thousand đồng: (plan, executed) per source.
TARGETS = {"KCQG": (30456 * M + 500, 5123 * M + 750), "KCĐP": (63210 * M + 250, 23987 * M + 500)}
ABSORBER = {"KCQG": "75", "KCĐP": "79"}

# One style per file, every style the contract accepts (see make_demo.PROFILES), and a spelling
# of the province people use: an alias, a code (82 is Đồng Tháp from 1/7/2025), ASCII, NFD.
STYLES = [
    # code, profile, header, province spelling
    ("75", "excel_vn", "vi", "Tỉnh Đồng Nai"),
    ("79", "en", "en", "TP. HCM"),
    ("80", "excel_en", "vi2", "Tỉnh Tây Ninh"),
    ("82", "tab", "snake", "82"),
    ("86", "u16le", "vi", "Vĩnh Long"),
    ("91", "u16be", "vi", "AN GIANG"),
    ("92", "libre_semi", "snake_l", "TP Cần Thơ"),
    ("96", "nfd", "vi", "Cà Mau"),
]
FILE_NAMES = {
    "75": "SCT Đồng Nai - KC 9T2025.csv",
    "79": "79-tp-hcm-9t2025.csv",
    "80": "KC_80_202509.csv",
    "82": "DongThap_9T2025.csv",
    "86": "bao-cao-khuyen-cong-vinh-long-9thang-2025.csv",
    "91": "AN_GIANG_KHUYENCONG_2025.csv",
    "92": "can-tho-9t2025.csv",
    "96": "CaMau_9T2025.csv",
}


def write_roster(input_dir):
    def line(fields):
        return ",".join(demo.quote(f, ",", False) for f in fields) + "\n"
    with open(os.path.join(input_dir, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(line(["code", "name", "aliases", "from", "until", "successor", "successor_name"]))
        for code, name, aliases in demo.PROVINCES:
            if code in LEFT:
                succ, succ_name = LEFT[code]
            else:
                succ, succ_name = SUCCESSOR[code], ""
            f.write(line([code, name, ";".join(aliases), "", CHANGE_UNTIL, succ, succ_name]))
        for code, name, aliases, _ in NEW_PROVINCES:
            f.write(line([code, name, ";".join(aliases), CHANGE_FROM, "", "", ""]))


def make_lines():
    rng = random.Random("khuyen-cong-lines-" + PERIOD)
    lines = {}
    for code, _, _, olds in NEW_PROVINCES:
        weight = sum(demo.WEIGHT[o] for o in olds)
        n = rng.randint(5, 9)
        contents = sorted(rng.sample([c for c, _ in demo.CONTENTS], n))
        srcs = ["KCQG" if rng.random() < demo.KCQG_BIAS[c] else "KCĐP" for c in contents]
        if "KCQG" not in srcs:
            srcs[0] = "KCQG"
        if "KCĐP" not in srcs:
            srcs[-1] = "KCĐP"
        rows, used = [], set()
        for c, s in zip(contents, srcs):
            old = rng.choice(olds)  # local colour from one of the provinces it was formed from
            t = rng.choice(demo.TITLES[c])
            if t in used:
                t = demo.TITLES[c][(demo.TITLES[c].index(t) + 1) % len(demo.TITLES[c])]
            used.add(t)
            title = t.format(year="2025", name=NEW_NAME[code], **demo.LOCAL[old])
            rows.append(dict(source=s, content=c, project=title,
                             w=rng.uniform(0.5, 1.5) * weight / n * 6, step=demo.decimal_step(rng),
                             xstep=demo.decimal_step(rng), rate=rng.random(), fixed=False))
        lines[code] = rows
    for source in ("KCQG", "KCĐP"):
        t_plan, t_exec = TARGETS[source]
        all_rows = [(code, r) for code in NEW_CODES for r in lines[code] if r["source"] == source]
        absorber = next(r for code, r in all_rows if code == ABSORBER[source])
        free = [r for _, r in all_rows if r is not absorber]
        wsum = sum(r["w"] for r in free)
        for r in free:
            r["plan"] = max(50 * M, demo.round_to(int(t_plan * 0.9 * r["w"] / wsum), r["step"]))
            r["rate"] = (0.0 if r["rate"] < 0.3 else 0.05 + 0.4 * r["rate"]) if source == "KCQG" \
                else 0.1 + 0.6 * r["rate"]
        raw = sum(r["plan"] * r["rate"] for r in free)
        scale = t_exec * 0.9 / raw
        for r in free:
            r["executed"] = min(demo.round_to(int(r["plan"] * r["rate"] * scale), r["xstep"]),
                                r["plan"])
        absorber["plan"] = t_plan - sum(r["plan"] for r in free)
        absorber["executed"] = t_exec - sum(r["executed"] for r in free)
        assert 0 <= absorber["executed"] <= absorber["plan"], (source, absorber)
    for code in NEW_CODES:
        for r in lines[code]:
            c = r["content"]
            r["establishments"] = None
            r["counterpart"] = None
            if c in demo.ESTABLISHMENTS and rng.random() < 0.9:
                r["establishments"] = rng.randint(*demo.ESTABLISHMENTS[c])
            if c in demo.COUNTERPART and rng.random() < 0.9:
                lo, hi = demo.COUNTERPART[c]
                r["counterpart"] = demo.round_to(int(r["plan"] * rng.uniform(lo, hi)), 1000)
            r["note"] = None
    return lines


def style_of(i, code, profile, header, spelling):
    p = demo.PROFILES[profile]
    st = dict(profile=profile, **p)
    st.update(header=header, order=demo.ORDERS[i % len(demo.ORDERS)], province_form="literal",
              province_text=spelling, sources=demo.SOURCE_FORMS[(i * 2) % len(demo.SOURCE_FORMS)],
              content_form=demo.CONTENT_FORMS[i % len(demo.CONTENT_FORMS)] if profile != "nfd"
              else "name", optional=demo.OPTIONALS[i % len(demo.OPTIONALS)], group=i % 3 != 1,
              fixed3=i == 3, quote_text=profile == "libre_semi", final_eol=i != 5,
              note=demo.NOTES[i % len(demo.NOTES)], file=FILE_NAMES[code])
    return st


def main(input_dir=None):
    if input_dir is None:
        here = os.path.dirname(os.path.abspath(__file__))
        input_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "input")
    input_dir = os.path.normpath(input_dir)
    write_roster(input_dir)
    pdir = os.path.join(input_dir, PERIOD)
    os.makedirs(pdir, exist_ok=True)
    for f in os.listdir(pdir):
        if f.lower().endswith(".csv"):
            os.remove(os.path.join(pdir, f))
    lines = make_lines()
    # render() spells the province from make_demo's tables: give it the new region's.
    saved = demo.province_text
    try:
        for i, (code, profile, header, spelling) in enumerate(STYLES):
            st = style_of(i, code, profile, header, spelling)
            demo.province_text = lambda c, form, rng, s=spelling: s
            data = demo.render(PERIOD, code, lines[code], st, random.Random(f"render-{code}"))
            with open(os.path.join(pdir, st["file"]), "wb") as f:
                f.write(data)
            print(f"{PERIOD} {code} {st['file']} | {st['desc']} | {header} | {spelling}")
    finally:
        demo.province_text = saved
    for source in ("KCQG", "KCĐP"):
        p = sum(r["plan"] for c in NEW_CODES for r in lines[c] if r["source"] == source)
        x = sum(r["executed"] for c in NEW_CODES for r in lines[c] if r["source"] == source)
        print(f"{PERIOD} {source}: plan {p / 1000:.3f}  executed {x / 1000:.3f} (million VND)")


if __name__ == "__main__":
    main()
