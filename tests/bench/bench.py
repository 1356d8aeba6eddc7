#!/usr/bin/python3
"""make bench: gen beside the reference an analyst would write (reference.py, pandas and
openpyxl) and the floor (floor.c, libxlsxwriter alone), at three scales.

    bench.py [--scales demo,63x1000,63x20000] [--runs N] [--check-only]

Scales: "demo" is the shipped input/ (20 provinces); "PxL" is P provinces of roster63.csv with
L project lines each, in both periods 2023-09 and 2024-09, made by make_data.py into
tests/bench/data/PxL (git-ignored; remade only when the generator or the roster changes).

For each scale: gen runs once and the reference once, and every figure of the region, province
and content tables (data/region.csv, provinces.csv, contents.csv) must be the same byte for
byte, or the benchmark stops; then gen, the reference and the floor each run several times and
the table shows medians: wall time, user+system CPU, peak RSS (wait4), input MB/s (the bytes of
every file gen reads, over the wall time), gen's own phases (--timings), the annex over the
floor, and gen against the reference. The reference's annex at the largest scale would take
many minutes and gigabytes (openpyxl keeps every cell): there it only checks the figures
(--no-annex), untimed, unless BENCH_REFERENCE_ALL=1.

--check-only: one run of each at the given scales, agreement checked, no table (the smoke test
of make check uses it at the demo scale). Exit status 0, or 1 when the two disagree or a program
fails.
"""
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(HERE, "data")
PYTHON = "/usr/bin/python3"  # Debian's, with python3-pandas and python3-openpyxl
GEN = os.path.abspath(os.environ.get("GEN") or os.path.join(ROOT, "gen", "gen"))
FLOOR = os.path.abspath(os.environ.get("FLOOR") or os.path.join(ROOT, "build", "bench-floor"))
MEASURE = os.path.abspath(os.environ.get("MEASURE") or os.path.join(ROOT, "build", "bench-measure"))
PERIOD = "2024-09"
TABLES = ("region.csv", "provinces.csv", "contents.csv")
RUNS = {"demo": 11, "63x1000": 5, "63x20000": 3}
REFERENCE_RUNS = {"demo": 5, "63x1000": 3, "63x20000": 1}
TIMED = True  # False with --check-only
PHASES = ("read", "aggregate", "render", "pages", "annex", "fingerprint", "publish", "total")


class Failure(Exception):
    pass


def run_measured(argv, stdout=subprocess.DEVNULL, cwd=ROOT):
    """Runs argv through the stopwatch (measure.c); returns (status, wall s, CPU s, peak RSS MB,
    stdout, stderr)."""
    os.makedirs(DATA, exist_ok=True)
    out_path = os.path.join(DATA, ".stdout")
    err_path = os.path.join(DATA, ".stderr")
    result_path = os.path.join(DATA, ".measure")
    with open(out_path if stdout is subprocess.PIPE else os.devnull, "wb") as out, \
            open(err_path, "wb") as err:
        if not TIMED:  # --check-only: nothing is timed, the stopwatch need not be built
            code = subprocess.run(argv, stdout=out, stderr=err, cwd=cwd).returncode
            wall = cpu = rss = 0
        else:
            # Untimed: the previous run's writes (up to gigabytes at the largest scale) reach
            # the disk before this one starts, so that their flushing does not slow it.
            os.sync()
            subprocess.run([MEASURE, result_path] + argv, stdout=out, stderr=err, cwd=cwd,
                           check=True)
            with open(result_path) as f:
                code, wall, cpu, rss = f.read().split()
    with open(err_path, "rb") as f:
        errors = f.read().decode("utf-8", "replace")
    output = b""
    if stdout is subprocess.PIPE:
        with open(out_path, "rb") as f:
            output = f.read()
    return int(code), float(wall), float(cpu), int(rss) / 1024, output, errors


# ----------------------------------------------------------------------------- data

def scale_input(scale):
    if scale == "demo":
        return os.path.join(ROOT, "input")
    provinces, lines = (int(x) for x in scale.split("x"))
    folder = os.path.join(DATA, scale)
    stamp = hashlib.sha256()
    for name in ("make_data.py", "roster63.csv"):
        with open(os.path.join(HERE, name), "rb") as f:
            stamp.update(f.read())
    stamp.update(("%d %d" % (provinces, lines)).encode())
    stamp_path = os.path.join(folder, ".stamp")
    if os.path.exists(stamp_path) and open(stamp_path).read() == stamp.hexdigest():
        return folder
    print("bench: generating %s (%d provinces x %d lines, two periods)..." %
          (scale, provinces, lines), flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([PYTHON, os.path.join(HERE, "make_data.py"), folder, str(provinces),
                    str(lines)], check=True)
    with open(stamp_path, "w") as f:
        f.write(stamp.hexdigest())
    return folder


def input_bytes(folder):
    total = 0
    for name in ("roster.csv", "contents.csv"):
        total += os.path.getsize(os.path.join(folder, name))
    for period in (PERIOD, "2023-09"):
        d = os.path.join(folder, period)
        total += sum(os.path.getsize(os.path.join(d, n)) for n in os.listdir(d))
    return total


# ----------------------------------------------------------------------------- runs

def gen_argv(folder, out):
    return [GEN, "--input", folder, "--out", out, "--templates", os.path.join(ROOT, "templates"),
            "--period", PERIOD, "--force", "--quiet", "--timings"]


def parse_timings(stderr):
    m = re.search(r"^gen: timings \(s\):(.*)$", stderr, re.M)
    if not m:
        raise Failure("gen printed no timings:\n" + stderr)
    return {k: float(v) for k, v in re.findall(r"([a-z]+) ([0-9.]+)", m.group(1))}


def run_gen(folder, out):
    code, wall, cpu, rss, _, err = run_measured(gen_argv(folder, out))
    if code != 0:
        raise Failure("gen exited with %d:\n%s" % (code, err[-3000:]))
    return dict(wall=wall, cpu=cpu, rss=rss, phases=parse_timings(err))


def run_reference(folder, out, annex=True):
    argv = [PYTHON, os.path.join(HERE, "reference.py"), folder, PERIOD, out]
    if not annex:
        argv.append("--no-annex")
    code, wall, cpu, rss, _, err = run_measured(argv)
    if code != 0:
        raise Failure("the reference exited with %d:\n%s" % (code, err[-3000:]))
    return dict(wall=wall, cpu=cpu, rss=rss)


def run_floor(gen_out, out):
    code, wall, cpu, rss, output, err = run_measured(
        [FLOOR, os.path.join(gen_out, PERIOD, "data"), os.path.join(out, "floor.xlsx")],
        stdout=subprocess.PIPE)
    if code != 0:
        raise Failure("the floor exited with %d:\n%s" % (code, err[-3000:]))
    return dict(seconds=float(output.decode().strip()), rss=rss)


def check_agreement(scale, gen_out, ref_out):
    for name in TABLES:
        a = os.path.join(gen_out, PERIOD, "data", name)
        b = os.path.join(ref_out, "data", name)
        with open(a, "rb") as f, open(b, "rb") as g:
            mine, theirs = f.read(), g.read()
        if mine != theirs:
            diff = subprocess.run(["diff", a, b], capture_output=True, text=True).stdout
            raise Failure("%s: gen and the reference disagree on %s:\n%s" %
                          (scale, name, diff[:3000]))
    with open(os.path.join(gen_out, PERIOD, "data", "region.csv"), encoding="utf-8-sig") as f:
        rows = f.read().splitlines()
    print("bench: %s: gen and the reference agree on every figure of %s" %
          (scale, ", ".join(TABLES)), flush=True)
    return rows


def lines_per_period(scale, gen_out):
    if "x" in scale:
        provinces, lines = (int(x) for x in scale.split("x"))
        return provinces * lines
    import csv
    with open(os.path.join(gen_out, PERIOD, "data", "projects.csv"), encoding="utf-8-sig",
              newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def median(values):
    return statistics.median(values) if values else float("nan")


def bench_scale(scale, runs, check_only):
    folder = scale_input(scale)
    out = os.path.join(DATA, "out", scale)
    gen_out, ref_out = os.path.join(out, "gen"), os.path.join(out, "reference")
    os.makedirs(out, exist_ok=True)
    # The first run publishes into an empty folder, so every chart is drawn; the others replace
    # that publication, whose unchanged charts they take from it (the nightly case).
    shutil.rmtree(gen_out, ignore_errors=True)
    first = run_gen(folder, gen_out)
    big = scale == "63x20000" and not os.environ.get("BENCH_REFERENCE_ALL")
    shutil.rmtree(ref_out, ignore_errors=True)
    reference_first = run_reference(folder, ref_out, annex=not big)
    check_agreement(scale, gen_out, ref_out)
    if check_only:
        return None
    n = runs or RUNS.get(scale, 3)
    gens = [first] + [run_gen(folder, gen_out) for _ in range(n - 1)]
    refs = []
    if not big:
        m = runs or REFERENCE_RUNS.get(scale, 1)
        refs = [reference_first] + [run_reference(folder, ref_out) for _ in range(m - 1)]
    floors = [run_floor(gen_out, out) for _ in range(n)]
    lines = lines_per_period(scale, gen_out)
    return dict(scale=scale, lines=lines, mb=input_bytes(folder) / 1e6, gens=gens, refs=refs,
                floors=floors, first_wall=first["wall"])


# ----------------------------------------------------------------------------- table

def summarise(r):
    g = r["gens"]
    s = dict(scale=r["scale"], mb=r["mb"], lines=r["lines"])
    s["wall"] = median([x["wall"] for x in g])
    s["cpu"] = median([x["cpu"] for x in g])
    s["rss"] = median([x["rss"] for x in g])
    s["rss_max"] = max(x["rss"] for x in g)
    s["first_wall"] = r["first_wall"]
    s["mbps"] = r["mb"] / s["wall"]
    for p in PHASES:
        s[p] = median([x["phases"].get(p, 0.0) for x in g])
    s["briefings"] = median([x["phases"]["read"] + x["phases"]["aggregate"] +
                             x["phases"]["render"] for x in g])
    s["floor"] = median([x["seconds"] for x in r["floors"]])
    s["annex_ratio"] = s["annex"] / s["floor"]
    if r["refs"]:
        s["ref_wall"] = median([x["wall"] for x in r["refs"]])
        s["ref_cpu"] = median([x["cpu"] for x in r["refs"]])
        s["ref_rss"] = median([x["rss"] for x in r["refs"]])
        s["ratio"] = s["ref_wall"] / s["wall"]
    s["runs"] = (len(g), len(r["refs"]), len(r["floors"]))
    return s


def fmt(v, digits=3):
    if v is None:
        return "—"
    return "%.*f" % (digits, v)


def print_table(rows):
    print()
    print("| scale | lines a period | input MB | wall s | CPU s | peak RSS MB | input MB/s | "
          "reference wall s | reference CPU s | reference peak RSS MB | reference / gen |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for s in rows:
        print("| %s | %s | %.1f | %s | %s | %.0f | %.0f | %s | %s | %s | %s |" % (
            s["scale"], "{:,}".format(s["lines"]), s["mb"], fmt(s["wall"]), fmt(s["cpu"]),
            s["rss"], s["mbps"], fmt(s.get("ref_wall")), fmt(s.get("ref_cpu")),
            fmt(s.get("ref_rss"), 0), ("%.1f×" % s["ratio"]) if "ratio" in s else "—"))
    print()
    print("| scale | read | aggregate | render | read→briefings | fingerprint | annex | "
          "publish beyond the annex | floor | annex / floor |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for s in rows:
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f× |" % (
            s["scale"], fmt(s["read"]), fmt(s["aggregate"]), fmt(s["render"]),
            fmt(s["briefings"]), fmt(s["fingerprint"]), fmt(s["annex"]),
            fmt(s["publish"] - s["annex"]), fmt(s["floor"]), s["annex_ratio"]))
    print()
    runs = ", ".join("%s %d/%d/%d" % ((s["scale"],) + s["runs"]) for s in rows)
    print("Medians (runs of gen/reference/floor: %s). Times in seconds of wall time; CPU is user "
          "+ system; peak RSS from wait4. Phases are gen's own (--timings): read includes "
          "validation of both periods; read→briefings is read + aggregate + render (both "
          "briefings, charts, open-data tables); the annex is written on its own thread beside "
          "the other files, and 'publish beyond the annex' is what publishing adds to it "
          "(flushing, hashing, swapping in). floor: libxlsxwriter alone writing the same cells "
          "(tests/bench/floor.c)." % runs)


def print_targets(rows):
    by = {s["scale"]: s for s in rows}
    checks = []
    if "demo" in by:
        d = by["demo"]
        checks.append(("demo, every output, under 50 ms wall (median of the runs replacing a "
                       "publication)", d["wall"] < 0.050, "%.1f ms" % (d["wall"] * 1e3)))
        checks.append(("demo, first run into an empty out folder (every chart drawn) under 50 ms",
                       d["first_wall"] < 0.050, "%.1f ms" % (d["first_wall"] * 1e3)))
        if "ratio" in d:
            checks.append(("demo: >= 30x faster than the reference", d["ratio"] >= 30,
                           "%.1fx" % d["ratio"]))
    if "63x1000" in by and "ratio" in by["63x1000"]:
        s = by["63x1000"]
        checks.append(("63x1000: >= 8x faster than the reference", s["ratio"] >= 8,
                       "%.1fx" % s["ratio"]))
    if "63x20000" in by:
        s = by["63x20000"]
        checks.append(("63x20000: read, validate, aggregate, both briefings under 1.5 s",
                       s["briefings"] < 1.5, "%.2f s" % s["briefings"]))
        checks.append(("63x20000: annex within 1.3x of the floor", s["annex_ratio"] <= 1.3,
                       "%.2fx" % s["annex_ratio"]))
        checks.append(("63x20000: peak RSS under 200 MB", s["rss_max"] < 200,
                       "%.0f MB (largest of the runs)" % s["rss_max"]))
        if "63x1000" in by:
            k = s["wall"] / by["63x1000"]["wall"]
            checks.append(("linear: 63x20000 within 25x of 63x1000", k <= 25, "%.1fx" % k))
    print()
    for what, ok, value in checks:
        print("%-4s %s: %s" % ("met" if ok else "NOT", what, value))


def main():
    args = sys.argv[1:]
    scales = ["demo", "63x1000", "63x20000"]
    runs = None
    check_only = "--check-only" in args
    global TIMED
    TIMED = not check_only
    for i, a in enumerate(args):
        if a == "--scales":
            scales = args[i + 1].split(",")
        if a == "--runs":
            runs = int(args[i + 1])
    os.makedirs(DATA, exist_ok=True)
    try:
        results = [bench_scale(s, runs, check_only) for s in scales]
    except (Failure, subprocess.CalledProcessError) as e:
        print("bench: %s" % e, file=sys.stderr)
        return 1
    if check_only:
        return 0
    rows = [summarise(r) for r in results]
    print("bench: %s, %d cores, %s" % (cpu_model(), os.cpu_count(), time.strftime("%Y-%m-%d")))
    print_table(rows)
    print_targets(rows)
    return 0


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


if __name__ == "__main__":
    sys.exit(main())
