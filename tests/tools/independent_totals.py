#!/usr/bin/env python3
"""Independent reference calculator for `gen`'s totals and briefing figures.

    python3 tests/tools/independent_totals.py INPUT_DIR PERIOD [--json]

Reads INPUT_DIR/roster.csv, INPUT_DIR/contents.csv and the submissions of PERIOD (YYYY-MM) and
of the same month one year earlier, exactly as shared/contract.md describes them, and prints
for both periods the plan and executed amounts per province and source, per content, the
region totals, then the briefing figures in the contract's number style. With --json it
prints the same figures as one JSON object instead (for tests to compare against).

It is written from the contract alone, with the standard library only, and shares no code
with gen (C) or with make_demo.py: a second opinion, not a copy. Amounts are kept as integers
in thousandths of a million VND (thousand đồng); rates and roundings use integer arithmetic
(half away from zero, from the exact values): no floating point touches a figure.

Diagnostics go to standard error as FILE:LINE:COLUMN: error|warning: MESSAGE. Exit status as
gen's: 0 all roster provinces valid in PERIOD, 3 some missing or rejected, 2 nothing usable,
1 usage error.
"""
import json
import os
import re
import sys
import unicodedata

# ------------------------------------------------------------------------------ diagnostics


class Diag:
    """Counts and records every diagnostic: `entries` holds (path, line, col, level, msg) in the
    order found; line and col are None for a diagnostic about a whole file (a duplicate, a file
    read as Windows-1258), which is then printed as FILE: level: MESSAGE."""

    def __init__(self):
        self.errors = 0
        self.warnings = 0
        self.entries = []

    def _emit(self, path, line, col, level, msg):
        self.entries.append((path, line, col, level, msg))
        where = f"{path}:{line}:{col}" if line is not None else path
        print(f"{where}: {level}: {msg}", file=sys.stderr)

    def error(self, path, line, col, msg):
        self.errors += 1
        self._emit(path, line, col, "error", msg)

    def warning(self, path, line, col, msg):
        self.warnings += 1
        self._emit(path, line, col, "warning", msg)


class FileError(Exception):
    def __init__(self, line, col, msg):
        super().__init__(msg)
        self.line, self.col, self.msg = line, col, msg


# ------------------------------------------------------------------------------ decoding


def decode(data):
    """Bytes of a file -> (text, encoding). UTF-8 with or without BOM, UTF-16 with BOM, or, for
    bytes without a BOM that are not UTF-8, Windows-1258 (in NFC) when Python's codec takes them
    and they hold no NUL; simpler than gen's test, which the golden cases do not reach."""
    if data.startswith(b"\xef\xbb\xbf"):
        enc, body, codec = "UTF-8 with BOM", data[3:], "utf-8"
    elif data.startswith(b"\xff\xfe"):
        enc, body, codec = "UTF-16LE", data[2:], "utf-16-le"
    elif data.startswith(b"\xfe\xff"):
        enc, body, codec = "UTF-16BE", data[2:], "utf-16-be"
    else:
        enc, body, codec = "UTF-8", data, "utf-8"
    try:
        text = body.decode(codec, errors="strict")
    except UnicodeDecodeError as e:
        if enc == "UTF-8" and b"\x00" not in body:
            try:
                return unicodedata.normalize("NFC", body.decode("cp1258")), "Windows-1258"
            except UnicodeDecodeError:
                pass
        # Position of the bad byte in characters of the text decoded so far.
        good = body[: e.start].decode(codec, errors="replace")
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
        raise FileError(line, col, f"invalid {enc} byte sequence ({e.reason}); expected {enc} text")
    if "\x00" in text:
        before = text[: text.index("\x00")]
        raise FileError(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1,
                        "NUL character in the text; expected UTF-8 or UTF-16 with a BOM")
    return text, enc


# ------------------------------------------------------------------------------ RFC 4180


def detect_delimiter(text):
    """Most frequent of tab, ';' and ',' outside quotes in the first record; ties go to the
    earlier in that order. None when the first record holds none of them."""
    counts = {"\t": 0, ";": 0, ",": 0}
    in_quotes = False
    i = 0
    while i < len(text):
        ch = text[i]
        if in_quotes:
            if ch == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    i += 1
                else:
                    in_quotes = False
        elif ch == '"':
            in_quotes = True
        elif ch in "\r\n":
            break
        elif ch in counts:
            counts[ch] += 1
        i += 1
    best = max(counts.values())
    if best == 0:
        return None
    for d in ("\t", ";", ","):
        if counts[d] == best:
            return d


class Field:
    __slots__ = ("text", "quoted", "line", "col")

    def __init__(self, text, quoted, line, col):
        self.text, self.quoted, self.line, self.col = text, quoted, line, col


def parse_records(text, delim):
    """RFC 4180 records. Each record is (line, end_col, [Field]); a blank line gives []."""
    records = []
    i, n = 0, len(text)
    line, col = 1, 1
    while i < n:
        rec_line = line
        fields = []
        if text[i] in "\r\n":  # blank line
            if text.startswith("\r\n", i):
                i += 2
            else:
                i += 1
            records.append((rec_line, 1, []))
            line, col = line + 1, 1
            continue
        while True:
            f_line, f_col = line, col
            if i < n and text[i] == '"':
                i += 1
                col += 1
                buf = []
                while True:
                    if i >= n:
                        raise FileError(f_line, f_col, "quoted field not closed before the end of the file")
                    ch = text[i]
                    if ch == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            col += 2
                            continue
                        i += 1
                        col += 1
                        break
                    if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                        buf.append("\r\n")
                        i += 2
                        line, col = line + 1, 1
                        continue
                    if ch in "\r\n":
                        buf.append(ch)
                        i += 1
                        line, col = line + 1, 1
                        continue
                    buf.append(ch)
                    i += 1
                    col += 1
                if i < n and text[i] not in (delim, "\r", "\n"):
                    raise FileError(line, col, f"unexpected {text[i]!r} after a closing quote; "
                                    "expected the delimiter or the end of the line")
                fields.append(Field("".join(buf), True, f_line, f_col))
            else:
                start = i
                while i < n and text[i] not in (delim, "\r", "\n"):
                    if text[i] == '"':
                        raise FileError(line, col, "'\"' inside an unquoted field; quote the whole "
                                        "field and double the quote")
                    i += 1
                    col += 1
                fields.append(Field(text[start:i], False, f_line, f_col))
            if i < n and text[i] == delim:
                i += 1
                col += 1
                continue
            end_col = col
            if i < n:
                i += 2 if text.startswith("\r\n", i) else 1
                line, col = line + 1, 1
            records.append((rec_line, end_col, fields))
            break
    return records


# ------------------------------------------------------------------------------ folding


def fold(s):
    """Case, diacritics (đ read as d), NFC/NFD, surrounding spaces ignored; space, '_' and '-'
    alike (runs of them count as one)."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    s = s.lower().replace("đ", "d")
    s = re.sub(r"[\s_\-]+", " ", s)
    return s.strip()


HEADER_KEYS = {
    "province": ["province", "tinh", "ma_tinh"],
    "source": ["source", "nguon", "nguon_kinh_phi"],
    "content": ["content", "noi_dung"],
    "project": ["project", "de_an", "ten_de_an"],
    "plan": ["plan", "ke_hoach"],
    "executed": ["executed", "thuc_hien"],
    "establishments": ["establishments", "so_co_so"],
    "counterpart": ["counterpart", "von_doi_ung"],
    "note": ["note", "ghi_chu"],
}
REQUIRED = ["province", "source", "content", "project", "plan", "executed"]
HEADER_LOOKUP = {fold(alias): key for key, aliases in HEADER_KEYS.items() for alias in aliases}
SOURCE_LOOKUP = {fold(s): "KCQG" for s in ("KCQG", "quốc gia", "national")}
SOURCE_LOOKUP.update({fold(s): "KCĐP" for s in ("KCĐP", "KCDP", "địa phương", "local")})
SOURCES = ["KCQG", "KCĐP"]

# ------------------------------------------------------------------------------ numbers

EN_PLAIN = re.compile(r"^(\d+)(?:\.(\d{1,3}))?$")
EN_GROUPED = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,3}))?$")
VN_PLAIN = re.compile(r"^(\d+)(?:,(\d{1,3}))?$")
VN_GROUPED = re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,3}))?$")


def parse_amount(field, delim, whole=False):
    """Field -> thousandths (int), or raises ValueError with the form expected."""
    t = field.text
    if t.startswith("-") and len(t) > 1:
        raise ValueError(f"{t!r} is negative; expected an amount of zero or more")
    if delim == ";":
        m = VN_PLAIN.match(t) or VN_GROUPED.match(t)
        form = ("a whole number such as 1.234 or 12" if whole else
                "a number with ',' as decimal mark and '.' grouping thousands, at most three "
                "decimals, such as 2.675,5 or 1234,567")
        if m:
            ip, fp = m.group(1).replace(".", ""), m.group(2) or ""
    else:
        m = EN_PLAIN.match(t)
        if not m and field.quoted:
            m = EN_GROUPED.match(t)
        form = ("a whole number such as 12" if whole else
                "a number with '.' as decimal mark, at most three decimals, such as 2675.5 "
                "(',' groups thousands only inside quotes: \"2,675.5\")")
        if m:
            ip, fp = m.group(1).replace(",", ""), m.group(2) or ""
    if not m or (whole and fp):
        raise ValueError(f"{t!r} is not {form}")
    return int(ip) * 1000 + int(fp.ljust(3, "0") or 0)


# ------------------------------------------------------------------------------ reference data


def read_table(path, diag, keys):
    """Roster or catalogue: a comma (or detected) CSV with a header naming `keys`."""
    try:
        with open(path, "rb") as f:
            text, enc = decode(f.read())
        if enc == "Windows-1258":
            diag.warning(path, None, None, "not UTF-8: read as Windows-1258")
        delim = detect_delimiter(text) or ","
        records = parse_records(text, delim)
    except OSError as e:
        diag.error(path, 1, 1, f"cannot read: {e.strerror}")
        return None
    except FileError as e:
        diag.error(path, e.line, e.col, e.msg)
        return None
    if not records:
        diag.error(path, 1, 1, "empty file; expected a header " + ",".join(keys))
        return None
    header = [fold(f.text) for f in records[0][2]]
    idx = {}
    for k in keys:
        if k not in header:
            diag.error(path, 1, 1, f"no column {k!r}; expected a header " + ",".join(keys))
            return None
        idx[k] = header.index(k)
    rows = []
    for line, _, fields in records[1:]:
        if not fields:
            continue
        row = {k: (fields[i].text if i < len(fields) else "") for k, i in idx.items()}
        row["_line"] = line
        rows.append(row)
    return rows


def load_roster(input_dir, diag):
    path = os.path.join(input_dir, "roster.csv")
    rows = read_table(path, diag, ["code", "name", "aliases"])
    if rows is None:
        return None
    roster, lookup = {}, {}
    ok = True
    for r in rows:
        code = r["code"].strip()
        if not re.fullmatch(r"\d\d", code):
            diag.error(path, r["_line"], 1, f"province code {code!r} is not two digits")
            ok = False
            continue
        roster[code] = r["name"].strip()
        spellings = [code, r["name"]] + [a for a in r["aliases"].split(";") if a.strip()]
        for s in spellings:
            k = fold(s)
            if lookup.setdefault(k, code) != code:
                diag.error(path, r["_line"], 1, f"{s!r} of {code} folds like a spelling of {lookup[k]}")
                ok = False
    return (roster, lookup) if ok else None


def load_contents(input_dir, diag):
    path = os.path.join(input_dir, "contents.csv")
    rows = read_table(path, diag, ["code", "name"])
    if rows is None:
        return None
    contents, lookup = {}, {}
    for r in rows:
        code = r["code"].strip()
        contents[code] = r["name"].strip()
        lookup[code] = code
        k = fold(r["name"])
        if lookup.setdefault(k, code) != code:
            diag.error(path, r["_line"], 1, f"content name {r['name']!r} folds like that of {lookup[k]}")
            return None
    return contents, lookup


# ------------------------------------------------------------------------------ submissions


def read_submission(path, roster_lookup, content_lookup, diag):
    """Returns (province, rows, info) or None when the file is rejected (errors printed)."""
    errors_before = diag.errors
    try:
        with open(path, "rb") as f:
            text, enc = decode(f.read())
        if enc == "Windows-1258":
            diag.warning(path, None, None, "not UTF-8: read as Windows-1258")
        delim = detect_delimiter(text)
        if delim is None:
            raise FileError(1, 1, "no delimiter in the header; expected ',', ';' or tab between column names")
        records = parse_records(text, delim)
    except OSError as e:
        diag.error(path, 1, 1, f"cannot read: {e.strerror}")
        return None
    except FileError as e:
        diag.error(path, e.line, e.col, e.msg)
        return None
    if not records or not records[0][2]:
        diag.error(path, 1, 1, "no header; expected the column names on the first line")
        return None
    _, _, header = records[0]
    cols = {}
    for i, f in enumerate(header):
        key = HEADER_LOOKUP.get(fold(f.text))
        if key is None:
            diag.warning(path, f.line, f.col, f"unknown column {f.text!r}: ignored")
        elif key in cols:
            diag.error(path, f.line, f.col, f"column {f.text!r} repeats {key!r}")
        else:
            cols[key] = i
    for k in REQUIRED:
        if k not in cols:
            diag.error(path, 1, 1, f"no column {k!r} (or " + ", ".join(HEADER_KEYS[k][1:]) + ")")
    if diag.errors > errors_before:
        return None
    province = None
    rows = []
    for line, end_col, fields in records[1:]:
        if not fields:
            diag.error(path, line, 1, "blank row; expected a project line")
            continue
        if len(fields) != len(header):
            where = fields[-1] if len(fields) > len(header) else None
            diag.error(path, line, where.col if where else end_col,
                       f"{len(fields)} fields; expected {len(header)} as in the header")
            continue
        val = {k: fields[i] for k, i in cols.items()}
        for k in REQUIRED:
            if k != "project" and not val[k].text.strip():
                diag.error(path, val[k].line, val[k].col, f"empty {k}; a value is required")
        if not val["project"].text.strip():
            f = val["project"]
            diag.error(path, f.line, f.col, "empty project title; a title is required")
        row = {"line": line, "project": val["project"].text,
               "note": val["note"].text if "note" in val else ""}
        f = val["province"]
        if f.text.strip():
            code = roster_lookup.get(fold(f.text))
            if code is None:
                diag.error(path, f.line, f.col, f"province {f.text!r} is not in the roster "
                           "(expected a code, name or alias from roster.csv)")
            elif province is None:
                province = code
            elif code != province:
                diag.error(path, f.line, f.col, f"province {f.text!r} is {code}, but earlier rows "
                           f"name {province}; one file is one province's submission")
        f = val["source"]
        if f.text.strip():
            row["source"] = SOURCE_LOOKUP.get(fold(f.text))
            if row["source"] is None:
                diag.error(path, f.line, f.col, f"source {f.text!r}; expected KCQG (quốc gia, national) "
                           "or KCĐP (KCDP, địa phương, local)")
        f = val["content"]
        if f.text.strip():
            row["content"] = content_lookup.get(f.text.strip()) or content_lookup.get(fold(f.text))
            if row["content"] is None:
                diag.error(path, f.line, f.col, f"content {f.text!r}; expected a code or name from contents.csv")
        for k in ("plan", "executed", "counterpart", "establishments"):
            if k not in val or (k in ("counterpart", "establishments") and val[k].text == ""):
                row[k] = None
                continue
            if not val[k].text.strip():
                continue  # already reported as required
            try:
                row[k] = parse_amount(val[k], delim, whole=(k == "establishments"))
                if k == "establishments":
                    row[k] //= 1000
            except ValueError as e:
                diag.error(path, val[k].line, val[k].col, f"{k}: {e}")
        rows.append(row)
    if not rows and diag.errors == errors_before:
        diag.error(path, 2, 1, "no project line after the header")
    if diag.errors > errors_before:
        return None
    info = {"file": os.path.basename(path), "encoding": enc,
            "delimiter": {"\t": "tab", ";": ";", ",": ","}[delim],
            "crlf": "\r\n" in text, "nfd": text != unicodedata.normalize("NFC", text),
            "columns": [k for k, _ in sorted(cols.items(), key=lambda kv: kv[1])], "rows": len(rows)}
    return province, rows, info


def read_period(input_dir, period, roster, contents, diag):
    """Returns dict with accepted submissions, rejected and missing provinces; None if no folder."""
    roster_names, roster_lookup = roster
    _, content_lookup = contents
    pdir = os.path.join(input_dir, period)
    if not os.path.isdir(pdir):
        return None
    files = sorted(f for f in os.listdir(pdir)
                   if f.lower().endswith(".csv") and not f.startswith(".")
                   and os.path.isfile(os.path.join(pdir, f)))
    by_province = {}
    rejected_files = []
    file_diags = {}
    for f in files:
        path = os.path.join(pdir, f)
        first = len(diag.entries)
        got = read_submission(path, roster_lookup, content_lookup, diag)
        file_diags[f] = diag.entries[first:]
        if got is None:
            rejected_files.append(f)
            continue
        code, rows, info = got
        by_province.setdefault(code, []).append((path, rows, info))
    accepted = {}
    rejected = set()
    for code, subs in by_province.items():
        if len(subs) > 1:
            for path, _, _ in subs:
                diag.error(path, None, None, f"a second submission for {code} {roster_names[code]} in "
                           f"{period}; both are rejected")
                file_diags[os.path.basename(path)].append(diag.entries[-1])
            rejected.add(code)
        else:
            accepted[code] = subs[0]
    missing = [c for c in roster_names if c not in accepted and c not in rejected]
    return {"accepted": accepted, "rejected": sorted(rejected), "rejected_files": rejected_files,
            "missing": missing, "files": files, "file_diags": file_diags,
            "by_province": {c: [os.path.basename(p) for p, _, _ in subs] for c, subs in by_province.items()}}


# ------------------------------------------------------------------------------ arithmetic


def round_half_away(num, den, decimals):
    """num/den rounded half away from zero to `decimals`, as an integer count of 10^-decimals."""
    if den < 0:
        num, den = -num, -den
    a = abs(num) * 10 ** decimals
    q = (2 * a + den) // (2 * den)
    return -q if num < 0 else q


def vn_number(scaled, decimals):
    """Integer count of 10^-decimals -> Vietnamese style: '.' groups thousands, ',' decimal mark."""
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(scaled), 10 ** decimals)
    digits = f"{whole:,}".replace(",", ".")
    return sign + digits + ("," + str(frac).zfill(decimals) if decimals else "")


def ty(th):
    """Thousandths of a million VND -> tỷ đồng with three decimals."""
    return vn_number(round_half_away(th, 10 ** 6, 3), 3)


def million(th):
    return vn_number(th, 3)


def pct(num, den, decimals):
    if den == 0:
        return None
    return vn_number(round_half_away(num * 100, den, decimals), decimals) + "%"


def change_words(new, old):
    if old == 0:
        return None
    scaled = round_half_away((new - old) * 100, old, 1)
    if new == old:
        return "không đổi (0,0%)"
    return ("tăng " if new > old else "giảm ") + vn_number(abs(scaled), 1) + "%"


def period_label(period):
    y, m = period.split("-")
    return f"năm {y}" if m == "12" else f"{int(m)} tháng năm {y}"


def totals(data, roster_names, contents_names):
    prov = {c: {s: [0, 0] for s in SOURCES} for c in roster_names}
    cont = {c: {"plan": 0, "executed": 0, "establishments": 0, "counterpart": 0, "lines": 0}
            for c in contents_names}
    region = {s: [0, 0] for s in SOURCES}
    for code, (_, rows, _) in data["accepted"].items():
        for r in rows:
            prov[code][r["source"]][0] += r["plan"]
            prov[code][r["source"]][1] += r["executed"]
            region[r["source"]][0] += r["plan"]
            region[r["source"]][1] += r["executed"]
            c = cont[r["content"]]
            c["plan"] += r["plan"]
            c["executed"] += r["executed"]
            c["establishments"] += r["establishments"] or 0
            c["counterpart"] += r["counterpart"] or 0
            c["lines"] += 1
    return prov, cont, region


# ------------------------------------------------------------------------------ output


def print_period(period, data, roster_names, contents_names):
    print(f"== {period} ({period_label(period)})")
    if data is None:
        print("   no folder: no submissions for this period")
        print()
        return
    acc = data["accepted"]
    print(f"   {len(data['files'])} file(s); {len(acc)} of {len(roster_names)} provinces counted")
    if data["rejected"] or data["rejected_files"]:
        print("   rejected: " + ", ".join(
            [f"{c} {roster_names[c]}" for c in data["rejected"]] + data["rejected_files"]))
    if data["missing"]:
        print("   missing: " + ", ".join(f"{c} {roster_names[c]}" for c in data["missing"]))
    print()
    for code in sorted(acc):
        _, _, info = acc[code]
        flags = [info["encoding"], "delimiter " + info["delimiter"], "CRLF" if info["crlf"] else "LF"]
        if info["nfd"]:
            flags.append("NFD")
        print(f"   {code} {info['file']}: {', '.join(flags)}; {info['rows']} rows; columns "
              + ",".join(info["columns"]))
    print()
    prov, cont, region = totals(data, roster_names, contents_names)
    print("   Per province (triệu đồng)")
    print(f"   {'':26} {'KCQG kế hoạch':>14} {'KCQG th.hiện':>14} {'KCĐP kế hoạch':>14} "
          f"{'KCĐP th.hiện':>14} {'Tổng kế hoạch':>14} {'Tổng th.hiện':>14}")
    for code in roster_names:
        if code not in acc:
            print(f"   {code} {roster_names[code]:23} (not counted)")
            continue
        q, d = prov[code]["KCQG"], prov[code]["KCĐP"]
        print(f"   {code} {roster_names[code]:23} {million(q[0]):>14} {million(q[1]):>14} "
              f"{million(d[0]):>14} {million(d[1]):>14} {million(q[0] + d[0]):>14} {million(q[1] + d[1]):>14}")
    q, d = region["KCQG"], region["KCĐP"]
    print(f"   {'Toàn vùng':26} {million(q[0]):>14} {million(q[1]):>14} {million(d[0]):>14} "
          f"{million(d[1]):>14} {million(q[0] + d[0]):>14} {million(q[1] + d[1]):>14}")
    print()
    print("   Per content (triệu đồng; establishments and counterpart as given, blank cells as 0)")
    for code, name in contents_names.items():
        c = cont[code]
        print(f"   {code} {name[:48]:48} lines {c['lines']:>3}  kế hoạch {million(c['plan']):>12}  "
              f"thực hiện {million(c['executed']):>12}  cơ sở {c['establishments']:>4}  "
              f"vốn đối ứng {million(c['counterpart']):>12}")
    print()
    plan, ex = q[0] + d[0], q[1] + d[1]
    print(f"   Region totals: kế hoạch {million(plan)} triệu đồng = {ty(plan)} tỷ đồng; "
          f"thực hiện {million(ex)} triệu đồng = {ty(ex)} tỷ đồng")
    for s in SOURCES:
        print(f"     {s}: kế hoạch {ty(region[s][0])} tỷ đồng, thực hiện {ty(region[s][1])} tỷ đồng")
    print()


def figures(period, prev, data, prev_data, roster_names, contents_names):
    _, _, region = totals(data, roster_names, contents_names)
    plan = sum(region[s][0] for s in SOURCES)
    ex = sum(region[s][1] for s in SOURCES)
    fig = {
        "period": period,
        "provinces_counted": len(data["accepted"]),
        "provinces_in_roster": len(roster_names),
        "missing": data["missing"], "rejected": data["rejected"],
        "plan_million": million(plan), "executed_million": million(ex),
        "plan": ty(plan), "executed": ty(ex),
        "execution_rate": pct(ex, plan, 1),
        "sources": {s: {"plan": ty(region[s][0]), "executed": ty(region[s][1]),
                        "execution_rate": pct(region[s][1], region[s][0], 2)} for s in SOURCES},
        "previous": None,
    }
    if prev_data is not None and prev_data["accepted"]:
        _, _, pregion = totals(prev_data, roster_names, contents_names)
        pplan = sum(pregion[s][0] for s in SOURCES)
        pex = sum(pregion[s][1] for s in SOURCES)
        fig["previous"] = {"period": prev, "provinces_counted": len(prev_data["accepted"]),
                           "plan": ty(pplan), "executed": ty(pex),
                           "plan_change": change_words(plan, pplan),
                           "executed_vs_same_period": pct(ex, pex, 1)}
    return fig


def print_figures(fig):
    y = fig["period"][:4]
    print(f"== Briefing figures for {fig['period']} ({period_label(fig['period'])})")
    print(f"   made from {fig['provinces_counted']} of {fig['provinces_in_roster']} provinces")
    p = fig["previous"]
    line = f"   Kế hoạch năm {y}: {fig['plan']} tỷ đồng"
    if p:
        line += f", {p['plan_change']} so với kế hoạch năm {p['period'][:4]} ({p['plan']} tỷ đồng)"
    else:
        line += " (không có số liệu năm trước để so sánh)"
    print(line)
    line = (f"   Thực hiện {period_label(fig['period'])}: {fig['executed']} tỷ đồng, "
            f"đạt {fig['execution_rate']} kế hoạch năm")
    if p:
        line += f", bằng {p['executed_vs_same_period']} cùng kỳ năm {p['period'][:4]} ({p['executed']} tỷ đồng)"
    else:
        line += " (không có số liệu cùng kỳ để so sánh)"
    print(line)
    names = {"KCQG": "khuyến công quốc gia", "KCĐP": "khuyến công địa phương"}
    for s in SOURCES:
        f = fig["sources"][s]
        print(f"   {s} ({names[s]}): thực hiện {f['executed']} tỷ đồng, đạt {f['execution_rate']} "
              f"kế hoạch năm ({f['plan']} tỷ đồng)")


def main(argv):
    args = [a for a in argv[1:] if a != "--json"]
    as_json = "--json" in argv[1:]
    if len(args) != 2 or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args[1]):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 1
    input_dir, period = args
    prev = f"{int(period[:4]) - 1:04d}-{period[5:]}"
    diag = Diag()
    roster = load_roster(input_dir, diag)
    contents = load_contents(input_dir, diag)
    if roster is None or contents is None:
        return 2
    roster_names, contents_names = roster[0], contents[0]
    data = read_period(input_dir, period, roster, contents, diag)
    prev_data = read_period(input_dir, prev, roster, contents, diag)
    if data is None or not data["accepted"]:
        print(f"{input_dir}/{period}: no valid submission", file=sys.stderr)
        return 2
    fig = figures(period, prev, data, prev_data, roster_names, contents_names)
    if as_json:
        print(json.dumps(fig, ensure_ascii=False, indent=2))
    else:
        print_period(period, data, roster_names, contents_names)
        print_period(prev, prev_data, roster_names, contents_names)
        print_figures(fig)
        print(f"\n   {diag.errors} error(s), {diag.warnings} warning(s)")
    return 0 if not data["missing"] and not data["rejected"] else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv))
