#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets from the demo data and the test fixtures.

    python3 tests/fuzz/make_corpus.py [SHARED]        (from the project root; SHARED: ../shared)

Writes tests/fuzz/corpus/TARGET/SHA1 files (libFuzzer's naming), replacing the seeds made
before; inputs the fuzzers found and that were kept live in tests/fuzz/regressions instead.

- submission: every CSV file of input/ and of tests/golden/*/input (submissions, rosters,
  catalogues: all styles and encodings), plus the same demo file in Windows-1258.
- number: every plan/executed/counterpart/establishments cell of the demo data, as the number
  target reads it (a first byte for the style: odd for ';' files), and a few ratio inputs.
- fold: every code, name and alias of the roster and catalogue, every header and source
  spelling, in NFC and NFD.
- mustache: the project's templates and every template of the Mustache spec, after a first
  byte that picks the escaping.
"""
import csv
import glob
import hashlib
import io
import json
import os
import shutil
import struct
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")


def write_all(target, inputs):
    folder = os.path.join(OUT, target)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    seen = set()
    for data in inputs:
        name = hashlib.sha1(data).hexdigest()
        if name in seen or len(data) > 8192:
            continue
        seen.add(name)
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    print(f"{target}: {len(seen)} seeds")


def csv_files():
    paths = glob.glob(os.path.join(ROOT, "input", "**", "*.csv"), recursive=True)
    paths += glob.glob(os.path.join(ROOT, "tests", "golden", "*", "input", "**", "*.csv"),
                       recursive=True)
    return sorted(paths)


def decode(data):
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                       (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace")


def rows(path):
    with open(path, "rb") as f:
        text = decode(f.read())
    first = text.split("\n", 1)[0]
    delimiter = max("\t;,", key=first.count)
    return delimiter, list(csv.reader(io.StringIO(text), delimiter=delimiter))


def submissions():
    out = []
    for path in csv_files():
        with open(path, "rb") as f:
            out.append(f.read())
    demo = os.path.join(ROOT, "input", "2024-09")
    first = sorted(os.listdir(demo))[0]
    _, table = rows(os.path.join(demo, first))
    text = "\r\n".join(",".join('"%s"' % c.replace('"', '""') for c in r) for r in table) + "\r\n"
    out.append(unicodedata.normalize("NFD", text).encode("cp1258", errors="replace"))
    return out


NUMERIC = {"plan", "ke hoach", "executed", "thuc hien", "counterpart", "von doi ung",
           "establishments", "so co so"}


def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return " ".join(s.replace("_", " ").replace("-", " ").split())


def numbers():
    out = []
    for path in csv_files():
        if os.path.basename(path) in ("roster.csv", "contents.csv"):
            continue
        delimiter, table = rows(path)
        if not table:
            continue
        columns = [i for i, h in enumerate(table[0]) if fold(h) in NUMERIC]
        style = b"\x01" if delimiter == ";" else b"\x00"
        for r in table[1:]:
            for i in columns:
                if i < len(r):
                    out.append(style + r[i].encode("utf-8"))
    for num, den, scale in ((25297, 91301, 3), (-8053, 99354, 3), (5, 10, 1), (-5, 10, 1),
                            (1 << 44, 3, 4), (7, -2, 0)):
        out.append(b"R" + struct.pack("<qq", num, den) + bytes([scale, scale, scale]) + b"\0" * 5)
    return out


def names():
    out = []
    for name in ("roster.csv", "contents.csv"):
        _, table = rows(os.path.join(ROOT, "input", name))
        for r in table:
            for cell in r:
                out.extend(a.strip() for a in cell.split(";"))
    out += ["Nguồn kinh phí", "NGUON_KINH_PHI", "ten_de_an", "von-doi-ung", "KCĐP", "quốc gia",
            "địa phương", "national", "local", "04", "4", "Ｂình　Dương", "ǅ", "ﬁ", "ẞ"]
    seeds = []
    for s in out:
        for form in ("NFC", "NFD"):
            seeds.append(unicodedata.normalize(form, s).encode("utf-8"))
    return seeds


def templates():
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "templates", "*"))):
        if os.path.isfile(path) and not path.endswith("README.md"):
            with open(path, "rb") as f:
                for escape in (b"\x00", b"\x01", b"\x06"):
                    out.append(escape + f.read()[:8000])
                    f.seek(0)
    for path in sorted(glob.glob(os.path.join(SHARED, "mustache-spec", "*.json"))):
        with open(path, encoding="utf-8") as f:
            for test in json.load(f)["tests"]:
                out.append(b"\x02" + test["template"].encode("utf-8"))
    out += [b"\x01{{>self}}", b"\x00{{#provinces}}{{>row}}{{/provinces}}", b"\x05{{>bad}}",
            b"\x01{{markup}} {{title}} {{#a}}{{b.c}}{{/a}}"]
    return out


write_all("submission", submissions())
write_all("number", numbers())
write_all("fold", names())
write_all("mustache", templates())
