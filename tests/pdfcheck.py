#!/usr/bin/env python3
"""Independent publication checks of wel's PDFs with pikepdf (not typst, not wel).

Usage: python3 tests/pdfcheck.py FILE.pdf...   Prints one line per problem; exit 1 if any.
Checks: XMP declares PDF/UA-1 and PDF/A-2a; catalog /Lang nl, /MarkInfo /Marked true,
a StructTreeRoot, /ViewerPreferences /DisplayDocTitle true; a title; every Figure structure
element has /Alt; headings do not skip levels and start at H1; tables have header cells; every
font is embedded; the document ID is present.
"""
import sys

import pikepdf


def walk(elem, found, depth=0):
    if depth > 200:
        return
    if isinstance(elem, pikepdf.Array):
        for k in elem:
            walk(k, found, depth + 1)
        return
    if not isinstance(elem, pikepdf.Dictionary):
        return
    s = elem.get("/S")
    if s is not None:
        found.append(elem)
    kids = elem.get("/K")
    if kids is not None:
        walk(kids, found, depth + 1)


def check(path):
    problems = []
    pdf = pikepdf.open(path)
    root = pdf.Root
    with pdf.open_metadata() as meta:
        if meta.get("pdfuaid:part") != "1":
            problems.append("XMP lacks pdfuaid:part=1")
        if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") != "A":
            problems.append("XMP lacks pdfaid:part=2 / conformance=A")
        if not meta.get("dc:title"):
            problems.append("XMP lacks dc:title")
    lang = str(root.get("/Lang", ""))
    if lang.split("-")[0] != "nl":
        problems.append(f"/Lang is {lang!r}, expected nl")
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        problems.append("/MarkInfo /Marked is not true")
    if "/StructTreeRoot" not in root:
        problems.append("no StructTreeRoot")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        problems.append("/ViewerPreferences /DisplayDocTitle is not true")
    if "/ID" not in pdf.trailer:
        problems.append("no document ID")
    elems = []
    if "/StructTreeRoot" in root:
        walk(root.StructTreeRoot.get("/K"), elems)
    roles = root.StructTreeRoot.get("/RoleMap", {}) if "/StructTreeRoot" in root else {}
    def role(e):
        s = str(e.get("/S"))
        return str(roles.get(s, s))
    figures = [e for e in elems if role(e) == "/Figure"]
    for i, f in enumerate(figures):
        if not str(f.get("/Alt", "")).strip():
            problems.append(f"Figure #{i + 1} has no /Alt")
    levels = [int(role(e)[2:]) for e in elems if role(e).startswith("/H") and role(e)[2:].isdigit()]
    if levels and levels[0] != 1:
        problems.append(f"first heading is H{levels[0]}, expected H1")
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            problems.append(f"heading level skips from H{a} to H{b}")
            break
    tables = [e for e in elems if role(e) == "/Table"]
    for i, t in enumerate(tables):
        inner = []
        walk(t.get("/K"), inner)
        if not any(role(e) == "/TH" for e in inner):
            problems.append(f"Table #{i + 1} has no header cells")
    for n, page in enumerate(pdf.pages, 1):
        fonts = page.get("/Resources", {}).get("/Font", {})
        for name, font in fonts.items():
            descs = []
            if "/FontDescriptor" in font:
                descs.append(font.FontDescriptor)
            for d in font.get("/DescendantFonts", []):
                if "/FontDescriptor" in d:
                    descs.append(d.FontDescriptor)
            if font.get("/Subtype") == "/Type3":
                continue
            if not any(k in d for d in descs for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"page {n}: font {name} is not embedded")
    return problems


def main():
    failed = False
    for path in sys.argv[1:]:
        for p in check(path):
            print(f"{path}: {p}")
            failed = True
    print(f"checked {len(sys.argv) - 1} PDF(s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
