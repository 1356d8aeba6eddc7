#!/usr/bin/env python3
"""Generates the year-end part of the shipped demo data of `gen`: the periods 2021-12 ... 2025-12
(the years of the programme 2021-2025, input/programmes.csv) and input/programmes.csv itself.

    python3 tests/tools/make_demo_years.py [INPUT_DIR]   (default: input, beside tests/)

make_demo.py calls it last (after make_demo_2025.py, whose roster over time it needs): 2021-12
... 2024-12 hold one file per province of the 20, 2025-12 one per province of the 8.
Deterministic (random.Random with fixed seeds).

A year has one plan: 2023-12, 2024-12 and 2025-12 carry the lines (and so the plans) of
2023-09, 2024-09 and 2025-09, with the amount executed raised to the year's end; 2021-12 and
2022-12 have lines of their own. Only the 2023 totals come from a report, those reported for
the southern region for 2023: executed 81,725 tỷ đồng of a plan of 99,354 (82,3%), of which
KCQG 30,680 of 32,010 (95,85%). Every other figure is illustrative, and every file's `note`
column says so ("minh hoạ"). Amounts are integers in thousand đồng.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_demo as demo  # noqa: E402
import make_demo_2025 as demo25  # noqa: E402

M = 1000
PROGRAMMES = ("code,name,first_year,last_year\n"
              "2021-2025,Chương trình khuyến công giai đoạn 2021-2025,2021,2025\n")

# Year-end totals, thousand đồng: (plan, executed) per source. The plans of 2023, 2024 and 2025
# are those of their 9-month periods (one plan a year); 2023's executed is the report's.
YEAR_END = {
    "2021-12": {"KCQG": (30150 * M, 27845 * M + 500), "KCĐP": (54370 * M + 500, 43210 * M + 750)},
    "2022-12": {"KCQG": (31240 * M + 250, 29102 * M), "KCĐP": (64520 * M, 50377 * M + 500)},
    "2023-12": {"KCQG": (32010 * M, 30680 * M), "KCĐP": (67344 * M, 51045 * M)},
    "2024-12": {"KCQG": (32301 * M, 30118 * M + 750), "KCĐP": (59000 * M, 48902 * M + 250)},
    "2025-12": {"KCQG": (30456 * M + 500, 28790 * M + 500), "KCĐP": (63210 * M + 250, 52406 * M)},
}
# 2021 and 2022 have no 9-month period in the demo: their lines are made as make_demo makes a
# 9-month period's (these executed amounts are only a start), then raised to the year's end.
NINE_MONTH_START = {
    "2021-12": {"KCQG": (30150 * M, 6120 * M), "KCĐP": (54370 * M + 500, 19870 * M)},
    "2022-12": {"KCQG": (31240 * M + 250, 6540 * M), "KCĐP": (64520 * M, 22105 * M)},
}
NINE_MONTH_OF = {"2023-12": "2023-09", "2024-12": "2024-09", "2025-12": "2025-09"}

# Year-end file names, one pattern per index (as provinces name their files).
def file_name(code, year, i, name):
    slug = demo.ascii_fold(name).lower().replace(" ", "-")
    camel = demo.ascii_fold(name).replace(" ", "").replace("-", "")
    patterns = [
        f"KC_{code}_{year}12.csv",
        f"{camel}_Nam{year}.csv",
        f"bao-cao-khuyen-cong-{slug}-nam-{year}.csv",
        f"SCT {name} - KC nam {year}.csv",
        f"{code}-{slug}-ca-nam-{year}.csv",
        f"{slug.upper().replace('-', '_')}_KHUYENCONG_NAM_{year}.csv",
    ]
    return patterns[i % len(patterns)]


def raise_to_year_end(lines, codes, period, rng):
    """Raises each line's executed amount towards its plan so that the sources hit YEAR_END."""
    for source in ("KCQG", "KCĐP"):
        t_plan, t_exec = YEAR_END[period][source]
        rows = [r for c in codes for r in lines[c] if r["source"] == source]
        assert sum(r["plan"] for r in rows) == t_plan, (period, source)
        base = sum(r["executed"] for r in rows)
        room = sum(r["plan"] - r["executed"] for r in rows)
        assert base <= t_exec <= base + room, (period, source)
        f = (t_exec - base) / room if room else 0.0
        for r in rows:
            u = min(1.0, f * rng.uniform(0.8, 1.2))
            step = r.get("xstep", 1000)
            extra = demo.round_to(int((r["plan"] - r["executed"]) * u), step)
            r["executed"] = min(r["plan"], r["executed"] + extra)
        diff = t_exec - sum(r["executed"] for r in rows)
        # Spread what is left (either way) over the lines that have room, largest room first.
        order = sorted(rows, key=lambda r: -(r["plan"] - r["executed"]) if diff > 0 else -r["executed"])
        for r in order:
            if diff == 0:
                break
            if diff > 0:
                d = min(diff, r["plan"] - r["executed"])
            else:
                d = -min(-diff, r["executed"])
            r["executed"] += d
            diff -= d
        assert diff == 0, (period, source)
        assert sum(r["executed"] for r in rows) == t_exec
        assert all(0 <= r["executed"] <= r["plan"] for r in rows)
    for c in codes:
        for r in lines[c]:
            r["note"] = None  # every line says the file's note: illustrative


def style(i, code, year, name, spelling=None):
    names = list(demo.PROFILES)
    profile = names[i % len(names)]
    p = demo.PROFILES[profile]
    st = dict(profile=profile, **p)
    st.update(header=p["headers"][(i // len(names)) % len(p["headers"])],
              order=demo.ORDERS[(i * 3) % len(demo.ORDERS)],
              province_form="name" if profile == "nfd" else demo.PROVINCE_FORMS[(i * 5) % len(demo.PROVINCE_FORMS)],
              sources=demo.SOURCE_FORMS[(i * 7) % len(demo.SOURCE_FORMS)],
              content_form="name" if profile == "nfd" else demo.CONTENT_FORMS[(i * 5 + 1) % len(demo.CONTENT_FORMS)],
              optional=demo.OPTIONALS[(i * 3) % len(demo.OPTIONALS)], group=i % 3 != 1,
              fixed3=i % 7 == 3, quote_text=profile == "libre_semi" or i % 11 == 5,
              final_eol=i % 13 != 6, note=demo.NOTES[i % len(demo.NOTES)],
              file=file_name(code, year, i, name))
    if spelling is not None:
        st["province_form"] = "literal"
    return st


def write_period(input_dir, period, lines, codes, names, spellings=None):
    pdir = os.path.join(input_dir, period)
    os.makedirs(pdir, exist_ok=True)
    for f in os.listdir(pdir):
        if f.lower().endswith(".csv"):
            os.remove(os.path.join(pdir, f))
    year = period[:4]
    saved = demo.province_text
    try:
        for i, code in enumerate(codes):
            k = i + int(year) * 3
            spelling = spellings.get(code) if spellings else None
            st = style(k, code, year, names[code], spelling)
            if spelling is not None:
                demo.province_text = lambda c, form, rng, s=spelling: s
            else:
                demo.province_text = saved
            data = demo.render(period, code, lines[code], st, random.Random(f"render-{period}-{code}"))
            with open(os.path.join(pdir, st["file"]), "wb") as f:
                f.write(data)
    finally:
        demo.province_text = saved
    for source in ("KCQG", "KCĐP"):
        p = sum(r["plan"] for c in codes for r in lines[c] if r["source"] == source)
        x = sum(r["executed"] for c in codes for r in lines[c] if r["source"] == source)
        print(f"{period} {source}: plan {p / 1000:.3f}  executed {x / 1000:.3f} (million VND)")


def main(input_dir=None):
    if input_dir is None:
        here = os.path.dirname(os.path.abspath(__file__))
        input_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "input")
    input_dir = os.path.normpath(input_dir)
    with open(os.path.join(input_dir, "programmes.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(PROGRAMMES)
    for period in ("2021-12", "2022-12", "2023-12", "2024-12"):
        rng = random.Random("khuyen-cong-year-end-" + period)
        if period in NINE_MONTH_START:
            demo.TARGETS[period] = NINE_MONTH_START[period]
            demo.ABSORBER[(period, "KCQG")] = "75"
            demo.ABSORBER[(period, "KCĐP")] = "79"
            demo.NO_KCQG[period] = {"79"}
            lines = demo.make_lines(period)
        else:
            lines = demo.make_lines(NINE_MONTH_OF[period])
        raise_to_year_end(lines, demo.CODES, period, rng)
        write_period(input_dir, period, lines, demo.CODES, demo.NAME)
    period = "2025-12"
    lines = demo25.make_lines()
    raise_to_year_end(lines, demo25.NEW_CODES, period, random.Random("khuyen-cong-year-end-" + period))
    spellings = {code: spelling for code, _, _, spelling in demo25.STYLES}
    write_period(input_dir, period, lines, demo25.NEW_CODES, demo25.NEW_NAME, spellings)


if __name__ == "__main__":
    main()
