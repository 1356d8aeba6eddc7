#!/usr/bin/python3
"""Checks the Word briefing (out/PERIOD/briefing.docx) with python-docx (Debian's
python3-docx), which shares no code with gen.

    check_docx.py briefing DOCX SVG_DIR   the demo's briefing: opens; every XML part is
                                          well-formed; states the ten figures; A4 and the
                                          margins of Nghị định 30; Normal in Times New Roman
                                          13-14 pt; the named styles; the national name,
                                          motto and issuer; page numbers from page 2; two
                                          tables or more, header rows repeated; each chart
                                          as a PNG whose aspect ratio is its SVG's (1%)
    check_docx.py pdf TEXT                pdftotext's text of its PDF states the ten figures
    check_docx.py numbers DOCX MARKDOWN   opens; well-formed; every figure of briefing.md
                                          (its numbers and percentages) is in the text
    check_docx.py wellformed DOCX TEXT... opens; every XML part is well-formed; the text
                                          holds each TEXT (and not a TEXT written !TEXT)

Prints what it checked; exits 1 with the failures."""
import os
import re
import sys
import zipfile
import zlib
import xml.dom.minidom

import docx
from docx.shared import Mm

FIGURES = ["91,301", "giảm 8,1%", "99,354", "25,297", "27,7%", "74,5%", "3,933", "12,18%",
           "21,364", "36,21%"]
ISSUER = "BAN TỔ CHỨC HỘI NGHỊ"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

failures = []


def expect(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def all_text(document):
    """Every paragraph's text, the tables' cells included, a line each."""
    body = document.element.body
    return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in body.iter(W + "p"))


def check_parts(path):
    with zipfile.ZipFile(path) as z:
        expect(z.testzip() is None, "%s: every zip entry reads back (CRC)" % path)
        names = z.namelist()
        expect(names[0] == "[Content_Types].xml", "[Content_Types].xml is the first entry")
        for name in names:
            if name.endswith(".xml") or name.endswith(".rels"):
                try:
                    xml.dom.minidom.parseString(z.read(name))
                except Exception as e:  # noqa: BLE001 - any parser error is the failure
                    expect(False, "%s is well-formed XML: %s" % (name, e))
        dates = {info.date_time for info in z.infolist()}
        expect(dates == {(1980, 1, 1, 0, 0, 0)}, "every entry is dated 1980-01-01: %s" % dates)
        return names


def within(value, low, high):
    return low - 0.05 <= value <= high + 0.05


def check_layout(d):
    s = d.sections[0]
    expect(abs(s.page_width.mm - 210) < 0.1 and abs(s.page_height.mm - 297) < 0.1,
           "A4: %.1f x %.1f mm" % (s.page_width.mm, s.page_height.mm))
    for name, value, low, high in (("top", s.top_margin, 20, 25), ("bottom", s.bottom_margin, 20, 25),
                                   ("left", s.left_margin, 30, 35), ("right", s.right_margin, 15, 20)):
        expect(within(value.mm, low, high), "%s margin %.2f mm in %d-%d" % (name, value.mm, low, high))
    normal = d.styles["Normal"]
    expect(normal.font.name == "Times New Roman", "Normal font: %s" % normal.font.name)
    size = normal.font.size.pt if normal.font.size else 0
    expect(13 <= size <= 14, "Normal size: %s pt" % size)
    pf = normal.paragraph_format
    expect(pf.first_line_indent is not None and 9.9 <= pf.first_line_indent.mm <= 12.8,
           "Normal first-line indent 1-1.27 cm: %s" % (pf.first_line_indent and pf.first_line_indent.mm))
    expect(pf.alignment is not None and "JUSTIFY" in str(pf.alignment), "Normal justified: %s" % pf.alignment)
    for style_name in ("Title", "Heading 1", "Heading 2", "Caption", "Table Grid"):
        try:
            d.styles[style_name]
            expect(True, "style %r" % style_name)
        except KeyError:
            expect(False, "style %r" % style_name)
    expect(s.different_first_page_header_footer, "title page different (no number on page 1)")
    header = s.header.paragraphs[0]
    alignment = header.alignment or header.style.paragraph_format.alignment
    expect(" PAGE " in s.header._element.xml and "CENTER" in str(alignment),
           "the header of pages 2 on holds a centred PAGE field: %s" % alignment)


def check_tables(d):
    grids = [t for t in d.tables if t.style is not None and t.style.name == "Table Grid"]
    expect(len(grids) >= 2, "%d bordered tables (2 or more)" % len(grids))
    for t in grids:
        tr_pr = t.rows[0]._tr.trPr
        expect(tr_pr is not None and tr_pr.find(W + "tblHeader") is not None,
               "table %r: header row repeats on each page" % t.rows[0].cells[1].text)
    head = d.tables[0]
    expect(ISSUER in head.cell(0, 0).text, "header block, left: the issuer")
    right = head.cell(0, 1).text
    expect(NATIONAL_NAME in right and MOTTO in right, "header block, right: national name and motto")
    bold = [r.bold for p in head.cell(0, 1).paragraphs for r in p.runs]
    expect(bold and all(bold), "national name and motto in bold")


def svg_size(path):
    text = open(path, encoding="utf-8").read(2000)
    w = re.search(r'<svg[^>]*\swidth="([0-9.]+)"', text)
    h = re.search(r'<svg[^>]*\sheight="([0-9.]+)"', text)
    return float(w.group(1)), float(h.group(1))


def png_chunks_whole(data):
    at, last = 8, None
    while at + 12 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        body = data[at + 4:at + 8 + length]
        if zlib.crc32(body) != int.from_bytes(data[at + 8 + length:at + 12 + length], "big"):
            print("bad CRC in chunk %r" % kind)
            return False
        at, last = at + 12 + length, kind
    return at == len(data) and last == b"IEND"


def check_pictures(path, d, svg_dir):
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        expect(len(media) == 3, "three pictures: %s" % media)
        for name in media:
            data = z.read(name)
            expect(data[:8] == b"\x89PNG\r\n\x1a\n", "%s is a PNG" % name)
            expect(png_chunks_whole(data), "%s: every chunk's CRC is right, IEND last" % name)
            width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
            svg = "%s/%s.svg" % (svg_dir, name[len("word/media/"):-len(".png")])
            sw, sh = svg_size(svg)
            ratio, want = width / height, sw / sh
            expect(abs(ratio / want - 1) < 0.01,
                   "%s: %dx%d px, ratio %.4f; the SVG's %.4f" % (name, width, height, ratio, want))
            expect(width >= 900, "%s: print resolution (%d px across the text width)" % (name, width))
    shapes = d.inline_shapes
    expect(len(shapes) == 3, "three pictures in the text: %d" % len(shapes))
    for s in shapes:
        expect(s.width <= d.sections[0].page_width - d.sections[0].left_margin - d.sections[0].right_margin,
               "a picture within the text width")


def check_briefing(path, svg_dir):
    check_parts(path)
    d = docx.Document(path)
    text = all_text(d)
    for f in FIGURES:
        expect(f in text, "states %s" % f)
    for s in (ISSUER, NATIONAL_NAME, MOTTO):
        expect(s in text, "holds %r" % s)
    check_layout(d)
    check_tables(d)
    check_pictures(path, d, svg_dir)


def check_pdf(text_path):
    text = re.sub(r"\s+", " ", open(text_path, encoding="utf-8").read())
    for f in FIGURES:
        expect(f in text, "the PDF states %s" % f)
    expect(MOTTO in text, "the PDF holds the motto")


def check_wellformed(path, wanted):
    check_parts(path)
    text = all_text(docx.Document(path))
    print(text)
    for w in wanted:
        if w.startswith("!"):
            expect(w[1:] not in text, "does not hold %r" % w[1:])
        else:
            expect(w in text, "holds %r" % w)


def check_numbers(path, markdown):
    check_parts(path)
    d = docx.Document(path)
    text = all_text(d)
    md = open(markdown, encoding="utf-8").read()
    # The links' addresses are not text in Word; their labels are.
    md = re.sub(r"\]\([^)]*\)", "]", md)
    figures = sorted(set(re.findall(r"(?<![\w,.])[0-9][0-9.,]*[0-9]%?|(?<![\w,.])[0-9]%?", md)))
    missing = [f for f in figures if f not in text]
    expect(not missing, "%s: all %d figures of %s are in its text; missing: %s"
           % (path, len(figures), markdown, missing[:10]))
    expect(issuer_of(path) in text and MOTTO in text, "the header block")
    check_layout(d)


def issuer_of(path):
    """The issuer the header block names: context.md's co_quan/issuer of the case's period
    (tests/golden/CASE/input/PERIOD/context.md beside CASE/expected/PERIOD/briefing.docx), else
    the default."""
    period_dir = os.path.dirname(os.path.abspath(path))
    case = os.path.dirname(os.path.dirname(period_dir))
    context = os.path.join(case, "input", os.path.basename(period_dir), "context.md")
    if os.path.exists(context):
        block = open(context, encoding="utf-8-sig").read().split("\n---", 1)[0]
        m = re.search(r"^\s*(co_quan|issuer)\s*:\s*(.+?)\s*$", block, re.M)
        if m:
            return m.group(2)
    return ISSUER


def main(argv):
    if len(argv) == 4 and argv[1] == "briefing":
        check_briefing(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "numbers":
        check_numbers(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "pdf":
        check_pdf(argv[2])
    elif len(argv) >= 3 and argv[1] == "wellformed":
        check_wellformed(argv[2], argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
