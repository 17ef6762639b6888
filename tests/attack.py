#!/usr/bin/env python3
"""An attacker who holds everything one build publishes, and nothing of wel's own data.

Reads an output folder after `wel bundle`: the per-SWV CSVs inside bundels/*.zip, the national
table and the table per province of every rapportage-fase-*.pdf (which SWV lies in which
province it reads from the report's annex), the key figures of brochure.pdf, and the prose of
every PDF: a sentence that names a school year and puts a number beside a measure
("vrijstelling 5 onder a (17)", "20 benaderd", "minder dan 5 absoluut verzuim") is read as that
measure's total of the year, for the province the sentence names, or for the whole country
(text via pdftotext).
Every published figure becomes a linear constraint over the (SWV, school year, measure) cells,
and so do the rules between the counts of one row that docs/invoer.md publishes (in
ontwikkeling, vrijstelling and verzuim each at most benaderd; vrijstelling + verzuim at most
benaderd). For every cell published as "<N" the attacker computes the smallest and largest
integer value it can still take (scipy's MILP solver, HiGHS). A cell that can take only one value
is a disclosure (recovered); one whose range is smaller than 1..N-1 is narrowed.

Several output folders are several editions (oldest first): a cell printed the same in two of
them is one unknown, a cell printed differently (a correction) one unknown per edition, and a
PDF that is byte for byte a file of an earlier edition (a document the edition took over)
counts for the edition it came from.

Usage: attack.py OUTPUT_DIR [OUTPUT_DIR ...] [--threshold N] [--strict]
           prints one line per recovered (AFGELEID) and narrowed (INGEPERKT) count; exits 1 if
           any count is recovered, or with --strict if any is narrowed
       attack.py --self-test                      the attacker finds planted disclosures
"""

import csv
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

MEASURES = ["Benaderd", "In ontwikkeling", "Vrijstelling 5 onder a", "Absoluut verzuim", "Casussen"]
# Columns of the national table after the school year and the number of SWVs.
TABLE = ["Benaderd", "In ontwikkeling", "Vrijstelling 5 onder a", "Absoluut verzuim"]
BIG = 10**7


def number(text):
    """A printed count: ('exact', n), ('small', None) for <N, or None (not shown)."""
    text = text.strip()
    if text.startswith("<"):
        return ("small", None)
    if re.fullmatch(r"\d{1,3}(\.\d{3})*", text):
        return ("exact", int(text.replace(".", "")))
    return None


def read_csvs(out):
    """{(code, year, measure): ('exact', n) | ('small', None)} from every SWV bundle."""
    cells = {}
    for z in sorted((out / "bundels").glob("*.zip")):
        with zipfile.ZipFile(z) as f:
            for name in f.namelist():
                if not name.endswith("-cijfers.csv"):
                    continue
                code = name[: -len("-cijfers.csv")]
                text = f.read(name).decode("utf-8-sig")
                rows = list(csv.reader(io.StringIO(text), delimiter=";"))
                header = rows[0]
                for row in rows[1:]:
                    year = row[0]
                    for h, v in zip(header[1:], row[1:]):
                        # Empty or "–": not reported (no cell); "×": withheld (unknown).
                        if h in MEASURES and v.strip() not in ("", "–"):
                            cells[(code, year, h)] = number(v)
    return cells


# PDFs (by SHA-256) an earlier edition already holds: a document an edition took over counts
# for the edition it came from, so a later edition's reading skips it.
SEEN_PDFS = set()


def own_pdfs(folder, pattern):
    """The PDFs of `folder` matching `pattern` that no earlier edition holds."""
    return [p for p in sorted(folder.glob(pattern))
            if hashlib.sha256(p.read_bytes()).hexdigest() not in SEEN_PDFS]


def remember_pdfs(out):
    for p in out.rglob("*.pdf"):
        SEEN_PDFS.add(hashlib.sha256(p.read_bytes()).hexdigest())


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def read_national_tables(out):
    """[(year, swvs, {measure: shown})] from the national table of every phase report."""
    rows = []
    pattern = re.compile(r"^\s*(\d{4}-\d{4})\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$")
    for pdf in own_pdfs(out, "rapportage-fase-*.pdf"):
        for line in pdf_text(pdf).splitlines():
            m = pattern.match(line)
            if not m:
                continue
            year, swvs = m.group(1), number(m.group(2))
            shown = {h: number(m.group(3 + i)) for i, h in enumerate(TABLE)}
            rows.append((year, swvs[1] if swvs and swvs[0] == "exact" else None, shown))
    return rows


PROVINCES = ["Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
             "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"]


def read_province_tables(out):
    """[(year, province, codes, {measure: shown})] from the table per province of every report,
    with the SWV codes of each province from the same report's annex."""
    rows = []
    names = "|".join(PROVINCES)
    row = re.compile(r"(?:^|\s)(" + names + r")\s+(\S+)\s+(\S+)\s+(\S+)\s*$")
    heading = re.compile(r"^\s*(" + names + r") \(\d+\)\s*$")
    code = re.compile(r"^\s*([A-Z]{2}) (\d{2})-(\d{2})\s")
    caption = re.compile(r"Per provincie, (\d{4}-\d{4})")
    for pdf in own_pdfs(out, "rapportage-fase-*.pdf"):
        text = pdf_text(pdf)
        years = caption.findall(text)
        if not years:
            continue
        members, current = {}, None
        for line in text.splitlines():
            h = heading.match(line)
            if h:
                current = h.group(1)
                continue
            c = code.match(line)
            if c and current:
                members.setdefault(current, []).append(c.group(1) + c.group(2) + c.group(3))
        for line in text.splitlines():
            m = row.search(line)
            if not m or number(m.group(2)) is None:
                continue
            shown = {"Benaderd": number(m.group(3)), "In ontwikkeling": number(m.group(4))}
            rows.append((years[0], m.group(1), members.get(m.group(1), []), shown))
    return rows


def read_brochure_totals(out):
    """{measure: shown} of the brochure's key figures that total a child count over all years."""
    path = out / "brochure.pdf"
    if not own_pdfs(out, "brochure.pdf"):
        return {}
    lines = pdf_text(path).splitlines()
    found = {}
    for i, line in enumerate(lines):
        tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", line)]
        if len(tokens) < 2 or not all(number(t) or t in ("×", "–") for _, t in tokens):
            continue
        # The labels under the numbers, by column, over the next lines.
        starts = [s for s, _ in tokens] + [10**6]
        labels = ["" for _ in tokens]
        for below in lines[i + 1: i + 5]:
            for k in range(len(tokens)):
                labels[k] += " " + below[starts[k]: starts[k + 1]]
        for (_, value), label in zip(tokens, labels):
            label = re.sub(r"\s+", " ", label.replace("\u00ad ", "").replace("\u00ad", "")).lower()
            for measure, words in [("Benaderd", "benaderd"), ("In ontwikkeling", "in ontwikkeling"),
                                   ("Casussen", "casussen")]:
                if words in label:
                    found[measure] = number(value)
        break
    return found


# Measure words in running text, and the CSV column they mean.
PROSE_MEASURES = [
    (r"vrijstelling(?:en)? 5 onder a", "Vrijstelling 5 onder a"),
    (r"absoluut verzuim", "Absoluut verzuim"),
    (r"(?:jeugdigen )?(?:en ouders )?benaderd", "Benaderd"),
    (r"(?:weer )?in ontwikkeling", "In ontwikkeling"),
    (r"casussen", "Casussen"),
]
ANY_MEASURE = "|".join(words for words, _ in PROSE_MEASURES)
# The 5 of "vrijstelling 5 onder a" is part of a name.
PROSE_NUMBER = r"(?<!vrijstelling )(?<!vrijstellingen )(minder dan \d+|<\s?\d+|(?<![<\d.,])(?:\d{1,3}(?:\.\d{3})+|\d+))"


def pdf_flow(path):
    """A PDF's text in reading order, one line, words joined across hyphenation."""
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    text = text.replace("\u00ad\n", "").replace("\u00ad", "")
    return " ".join(text.split())


def prose_readings(text, owner):
    """[(year, scope, measure, shown)] of one document's prose: `scope` is the province the
    sentence names, else `owner` (the SWV of a one-pager, None for a national document)."""
    found = []
    # The programme's name is no statement about children in development.
    text = re.sub(r"WEL in Ontwikkeling", "WEL", text)
    names = "|".join(PROVINCES)
    for sentence in re.split(r"(?<=[.;!?])\s+", text):
        # wel's own listings ("2021-2022: 5 jeugdigen benaderd, ...") repeat the tables.
        if re.match(r"\s*20\d\d-20\d\d:", sentence):
            continue
        years = set(re.findall(r"\b(20\d\d-20\d\d)\b", sentence))
        if len(years) != 1:
            continue
        year = years.pop()
        province = re.search(r"\b(" + names + r")\b", sentence)
        scope = ("province", province.group(1)) if province else owner
        for words, measure in PROSE_MEASURES:
            # "casussen 29 benaderd" is a label and the next figure's number (key figures
            # read in flow order), not "29 casussen".
            next_label = r"(?!\s+(?:\w+\s+){0,2}?(?:" + ANY_MEASURE + r"))"
            patterns = [words + r"\s*\(" + PROSE_NUMBER + r"\)",
                        # "29 benaderd 5 in ontwikkeling": 5, not 29.
                        PROSE_NUMBER + r"\s+(?:(?!\d)\w+\s+){0,2}?" + words,
                        words + r"\s*:?\s+" + PROSE_NUMBER + r"\b" + next_label]
            for pattern in patterns:
                for m in re.finditer(pattern, sentence, flags=re.IGNORECASE):
                    raw = m.group(1)
                    shown = ("small", None) if raw.startswith(("minder", "<")) else number(raw)
                    if shown:
                        found.append((year, scope, measure, shown))
    return found


def one_pager_prose(text):
    """The SWV's own texts on a one-pager: from its summary to the chart, and its quotes (the
    key figures, chart and table are the CSV's figures again)."""
    parts = []
    start = text.find("Samenvatting (")
    if start >= 0:
        # The activities table follows the summary when there is no chart.
        ends = [i for i in (text.find("Verloop per schooljaar", start), text.find(" Waar ", start),
                            text.find(" Activiteiten Schooljaar ", start))
                if i >= 0]
        parts.append(text[start:min(ends) if ends else len(text)])
    quotes = text.find("Wat mensen zeggen")
    if quotes >= 0:
        end = text.find("WEL in Ontwikkeling · Regio-overzicht", quotes)
        parts.append(text[quotes:end if end >= 0 else len(text)])
    return " ".join(parts)


def read_prose(out):
    """The prose readings of every PDF (see `prose_readings`)."""
    found = []
    for pdf in own_pdfs(out, "*.pdf"):
        found += prose_readings(pdf_flow(pdf), None)
    for pdf in own_pdfs(out / "regio", "*.pdf"):
        found += prose_readings(one_pager_prose(pdf_flow(pdf)), ("swv", pdf.stem))
    return found


def prose_sums(prose, names, extra, members_of, threshold):
    """The sums the prose states, as rows of (cells, lo, hi)."""
    sums = []
    for year, scope, measure, value in prose:
        codes = None
        if scope and scope[0] == "province":
            codes = members_of.get(scope[1])
            if codes is None:
                continue
        elif scope:
            codes = [scope[1]]
        members = [n for n in names if n[1] == year and n[2] == measure
                   and (codes is None or n[0] in codes)]
        if codes is None:
            members += [e for e in extra if e[1] == year and e[2] == measure]
        lo, hi = (value[1], value[1]) if value[0] == "exact" else (1, threshold - 1)
        if members:
            sums.append((members, lo, hi))
    return sums


def constraints(cells, national, brochure, threshold, provinces=(), prose=()):
    """Variables (cells), their bounds, and the published sums as rows of (cells, lo, hi)."""
    names = sorted(cells)
    sums = []
    for year, _, codes, shown in provinces:
        for measure, value in shown.items():
            if value is None:
                continue
            members = [n for n in names if n[1] == year and n[2] == measure and n[0] in codes]
            lo, hi = (value[1], value[1]) if value[0] == "exact" else (1, threshold - 1)
            if members:
                sums.append((members, lo, hi))
    years_of = {}
    for (code, year, measure) in names:
        years_of.setdefault((year, measure), []).append((code, year, measure))
    extra = []
    for year, swvs, shown in national:
        published = {c for (c, y, _) in names if y == year}
        # SWVs counted nationally but without a bundle: unknown cells of any size.
        missing = max(0, (swvs or 0) - len(published))
        for measure, value in shown.items():
            if value is None:
                continue
            members = list(years_of.get((year, measure), []))
            for k in range(missing):
                var = ("?", year, measure, k)
                if var not in extra:
                    extra.append(var)
                members.append(var)
            lo, hi = (value[1], value[1]) if value[0] == "exact" else (1, threshold - 1)
            sums.append((members, lo, hi))
    for measure, value in brochure.items():
        if value is None:
            continue
        members = [n for n in names if n[2] == measure] + [e for e in extra if e[2] == measure]
        lo, hi = (value[1], value[1]) if value[0] == "exact" else (1, threshold - 1)
        sums.append((members, lo, hi))
    members_of = {p: codes for _, p, codes, _ in provinces}
    sums += prose_sums(prose, names, extra, members_of, threshold)
    variables = names + extra
    lo = np.zeros(len(variables))
    hi = np.full(len(variables), BIG, dtype=float)
    for i, v in enumerate(variables):
        shown = cells.get(v)
        if shown and shown[0] == "exact":
            lo[i] = hi[i] = shown[1]
        elif shown and shown[0] == "small":
            lo[i], hi[i] = 1, threshold - 1
    return variables, lo, hi, sums


# The rules between the counts of one row (docs/invoer.md): each of these is at most benaderd.
RULES = [("In ontwikkeling",), ("Vrijstelling 5 onder a",), ("Absoluut verzuim",),
         ("Vrijstelling 5 onder a", "Absoluut verzuim")]


def row_rules(names):
    """The rules over the cells `names` (code, year, measure), as ({var: coef}, lo, hi)."""
    rows = {}
    for n in names:
        rows.setdefault((n[0], n[1]), {})[n[2]] = n
    out = []
    for row in rows.values():
        b = row.get("Benaderd")
        if b is None:
            continue
        for parts in RULES:
            if all(p in row for p in parts):
                terms = {row[p]: 1 for p in parts}
                terms[b] = -1
                out.append((terms, -BIG, 0))
    return out


def matrix(keys, rows):
    index = {k: i for i, k in enumerate(keys)}
    a = np.zeros((max(1, len(rows)), len(keys)))
    bl, bh = [0.0], [0.0]
    if rows:
        bl, bh = [], []
        for r, (terms, lo, hi) in enumerate(rows):
            for k, coef in terms.items():
                a[r, index[k]] += coef
            bl.append(lo)
            bh.append(hi)
    return [LinearConstraint(a, bl, bh)]


def feasible(keys, lo, hi, rows):
    """Whether the constraints can all hold at once (integers within the bounds)."""
    res = milp(np.zeros(len(keys)), constraints=matrix(keys, rows),
               integrality=np.ones(len(keys)), bounds=Bounds(lo, hi))
    return res.status == 0


def system(editions, threshold, link_small=True):
    """The unknowns of every edition, their bounds, the constraints (published sums and the
    rules of every row), the sums stated in prose, and the unknowns published as "<N".

    A cell printed the same as in the edition before is the same unknown (with link_small
    False only when printed exactly: a correction within 1..N-1 is invisible)."""
    lo, hi, rows, stated, small = {}, {}, [], [], set()
    latest = {}
    for e, ed in enumerate(editions):
        variables, l, h, sums = constraints(ed["cells"], ed["national"], ed["brochure"],
                                            threshold, ed["provinces"])
        _, _, _, with_prose = constraints(ed["cells"], ed["national"], ed["brochure"],
                                          threshold, ed["provinces"], ed["prose"])
        key_of = {}
        for i, v in enumerate(variables):
            shown = ed["cells"].get(v) if v[0] != "?" else None
            k = (e,) + tuple(v)
            prev = latest.get(v)
            if (prev and shown is not None and prev[0] == shown
                    and (link_small or shown[0] == "exact")):
                k = prev[1]
            if v[0] != "?":
                latest[v] = (shown, k)
            key_of[v] = k
            lo[k] = max(lo.get(k, 0), l[i])
            hi[k] = min(hi.get(k, BIG), h[i])
            if shown and shown[0] == "small":
                small.add(k)
        rows += [({key_of[m]: 1 for m in members}, a, b) for members, a, b in sums]
        cells = [v for v in variables if v[0] != "?"]
        rows += [({key_of[v]: c for v, c in t.items()}, a, b) for t, a, b in row_rules(cells)]
        stated += [({key_of[m]: 1 for m in members}, a, b)
                   for members, a, b in with_prose[len(sums):]]
    keys = sorted(lo, key=str)
    return keys, lo, hi, rows, stated, small


def solve(editions, threshold):
    """[(key, lowest, highest)] of every unknown published as "<N" whose range is narrower
    than 1..N-1."""
    keys, lo, hi, rows, stated, small = system(editions, threshold)
    lows = np.array([lo[k] for k in keys], dtype=float)
    highs = np.array([hi[k] for k in keys], dtype=float)
    if not feasible(keys, lows, highs, rows):
        # A correction that stays under N looks like no change: count such cells apart.
        keys, lo, hi, rows, stated, small = system(editions, threshold, link_small=False)
        lows = np.array([lo[k] for k in keys], dtype=float)
        highs = np.array([hi[k] for k in keys], dtype=float)
    # A number read from a sentence may be misread (a number beside a word it does not count):
    # the attacker keeps every reading that fits what is published, and drops the others.
    for extra in stated:
        if feasible(keys, lows, highs, rows + [extra]):
            rows.append(extra)
    found = []
    index = {k: i for i, k in enumerate(keys)}
    constraint = matrix(keys, rows)
    for k in sorted(small, key=str):
        i = index[k]
        values = []
        for sign in (1, -1):
            c = np.zeros(len(keys))
            c[i] = sign
            res = milp(c, constraints=constraint, integrality=np.ones(len(keys)),
                       bounds=Bounds(lows, highs))
            if res.status != 0:
                raise SystemExit(f"the published figures contradict each other ({res.message})")
            values.append(round(res.x[i]))
        if values[0] > 1 or values[1] < threshold - 1:
            found.append((k, values[0], values[1]))
    return found


def disclosures(cells, national, brochure, threshold, provinces=(), prose=()):
    """[(cell, value)] of the cells of one edition that only one value fits."""
    edition = dict(cells=cells, national=national, brochure=brochure, provinces=provinces,
                   prose=prose)
    return [(k[1:], a) for k, a, b in solve([edition], threshold) if a == b]


def narrowed(cells, national, brochure, threshold, provinces=(), prose=()):
    """[(cell, lowest, highest)] of the cells of one edition narrowed below 1..N-1."""
    edition = dict(cells=cells, national=national, brochure=brochure, provinces=provinces,
                   prose=prose)
    return [(k[1:], a, b) for k, a, b in solve([edition], threshold)]


def self_test():
    """A total minus its published parts: the attacker must find the planted disclosure."""
    cells = {("PO1001", "2021-2022", "Benaderd"): ("exact", 10),
             ("PO1002", "2021-2022", "Benaderd"): ("small", None),
             ("PO1003", "2021-2022", "Benaderd"): ("small", None)}
    national = [("2021-2022", 3, {"Benaderd": ("exact", 13)})]
    found = disclosures(cells, national, {}, 5)
    assert found == [], found  # 13 - 10 = 3 over two cells of 1..4: not unique
    national = [("2021-2022", 3, {"Benaderd": ("exact", 12)})]
    found = disclosures(cells, national, {}, 5)
    assert sorted(found) == [(("PO1002", "2021-2022", "Benaderd"), 1),
                             (("PO1003", "2021-2022", "Benaderd"), 1)], found
    # Over several years: the total of both years minus the second year's total.
    cells[("PO1001", "2022-2023", "Benaderd")] = ("exact", 20)
    cells[("PO1002", "2022-2023", "Benaderd")] = ("exact", 7)
    national = [("2021-2022", 3, {"Benaderd": None}), ("2022-2023", 2, {"Benaderd": ("exact", 27)})]
    # 40 - 27 - 10 = 3 over two small cells: not unique.
    assert disclosures(cells, national, {"Benaderd": ("exact", 40)}, 5) == []
    # 39 - 27 - 10 = 2 over two small cells: both are 1.
    found = disclosures(cells, national, {"Benaderd": ("exact", 39)}, 5)
    assert sorted(found) == [(("PO1002", "2021-2022", "Benaderd"), 1),
                             (("PO1003", "2021-2022", "Benaderd"), 1)], found
    # A province total: the national total leaves two small cells open (2 + 3), the total of
    # Utrecht (PO1001 and PO1002) pins PO1002 down, and with it PO1003.
    cells = {("PO1001", "2021-2022", "Benaderd"): ("exact", 10),
             ("PO1002", "2021-2022", "Benaderd"): ("small", None),
             ("PO1003", "2021-2022", "Benaderd"): ("small", None)}
    national = [("2021-2022", 3, {"Benaderd": ("exact", 15)})]
    assert disclosures(cells, national, {}, 5) == []
    provinces = [("2021-2022", "Utrecht", ["PO1001", "PO1002"], {"Benaderd": ("exact", 12)})]
    found = disclosures(cells, national, {}, 5, provinces)
    assert sorted(found) == [(("PO1002", "2021-2022", "Benaderd"), 2),
                             (("PO1003", "2021-2022", "Benaderd"), 3)], found
    # A total typed in a sentence, where the table withholds it (phase 1 of the sample once:
    # "vrijstelling 5 onder a (17)"): three small cells and one of 5 make 17, so each is 4.
    cells = {("PO1001", "2021-2022", "Vrijstelling 5 onder a"): ("exact", 5),
             ("PO1002", "2021-2022", "Vrijstelling 5 onder a"): ("small", None),
             ("PO1003", "2021-2022", "Vrijstelling 5 onder a"): ("small", None),
             ("PO1004", "2021-2022", "Vrijstelling 5 onder a"): ("small", None)}
    national = [("2021-2022", 4, {"Vrijstelling 5 onder a": None})]
    assert disclosures(cells, national, {}, 5) == []
    sentence = ("In schooljaar 2021-2022 hielden we 20 interviews met ouders over kinderen met "
                "een vrijstelling 5 onder a (17) of absoluut verzuim (3).")
    prose = prose_readings(sentence, None)
    assert ("2021-2022", None, "Vrijstelling 5 onder a", ("exact", 17)) in prose, prose
    found = disclosures(cells, national, {}, 5, (), prose)
    assert len(found) == 3 and all(v == 4 for _, v in found), found
    # The rules between the counts: benaderd 9, in ontwikkeling 9, vrijstelling <5 and
    # verzuim 8 leave vrijstelling 1 (vrijstelling + verzuim <= benaderd); without a verzuim of
    # 8 nothing is narrowed.
    row = {("PO1001", "2021-2022", "Benaderd"): ("exact", 9),
           ("PO1001", "2021-2022", "In ontwikkeling"): ("exact", 9),
           ("PO1001", "2021-2022", "Vrijstelling 5 onder a"): ("small", None),
           ("PO1001", "2021-2022", "Absoluut verzuim"): ("exact", 8)}
    assert disclosures(row, [], {}, 5) == [(("PO1001", "2021-2022", "Vrijstelling 5 onder a"), 1)]
    row[("PO1001", "2021-2022", "Absoluut verzuim")] = ("exact", 6)
    assert disclosures(row, [], {}, 5) == []
    assert narrowed(row, [], {}, 5) == [(("PO1001", "2021-2022", "Vrijstelling 5 onder a"), 1, 3)]
    row[("PO1001", "2021-2022", "Absoluut verzuim")] = None  # withheld
    assert narrowed(row, [], {}, 5) == []
    # Two editions: a national total of 15 over two small cells and a 10 (the small ones sum
    # to 5: neither is pinned), then one small cell corrected to 8 and the total 20.
    first = {("PO1001", "2021-2022", "Benaderd"): ("small", None),
             ("PO1002", "2021-2022", "Benaderd"): ("small", None),
             ("PO1003", "2021-2022", "Benaderd"): ("exact", 10)}
    one = dict(cells=first, national=[("2021-2022", 3, {"Benaderd": ("exact", 15)})],
               brochure={}, provinces=[], prose=[])
    assert solve([one], 5) == []
    second = dict(first)
    second[("PO1001", "2021-2022", "Benaderd")] = ("exact", 8)
    two = dict(cells=second, national=[("2021-2022", 3, {"Benaderd": ("exact", 20)})],
               brochure={}, provinces=[], prose=[])
    # Edition two gives PO1002 = 20 - 8 - 10 = 2 (printed <5 in both: one unknown); with
    # edition one as well, the old PO1001 is 15 - 10 - 2 = 3.
    found = {k: (a, b) for k, a, b in solve([one, two], 5)}
    assert found == {(0, "PO1002", "2021-2022", "Benaderd"): (2, 2),
                     (0, "PO1001", "2021-2022", "Benaderd"): (3, 3)}, found
    print("zelftest geslaagd")


def read_edition(out):
    edition = dict(cells=read_csvs(out), national=read_national_tables(out),
                   brochure=read_brochure_totals(out), provinces=read_province_tables(out),
                   prose=read_prose(out))
    remember_pdfs(out)
    return edition


def main():
    if "--self-test" in sys.argv:
        self_test()
        return 0
    args = sys.argv[1:]
    threshold = 5
    if "--threshold" in args:
        i = args.index("--threshold")
        threshold = int(args[i + 1])
        del args[i:i + 2]
    strict = "--strict" in args
    folders = [Path(a) for a in args if not a.startswith("--")]
    editions = [read_edition(out) for out in folders]
    for out, ed in zip(folders, editions):
        print(f"{out}: {len(ed['cells'])} cellen, {len(ed['national'])} landelijke rijen, "
              f"{len(ed['provinces'])} provinciale rijen, {len(ed['brochure'])} totalen in de "
              f"brochure, {len(ed['prose'])} cijfers in lopende tekst")
    found = solve(editions, threshold)
    recovered = [f for f in found if f[1] == f[2]]
    for k, a, b in found:
        where = f"editie {k[0] + 1}: " if len(editions) > 1 else ""
        code, year, measure = k[1:4]
        if a == b:
            print(f"AFGELEID: {where}{code} {year} {measure} = {a}")
        else:
            print(f"INGEPERKT: {where}{code} {year} {measure} tussen {a} en {b}")
    print(f"{len(recovered)} afgeleid, {len(found) - len(recovered)} ingeperkt")
    return 1 if recovered or (strict and found) else 0


if __name__ == "__main__":
    sys.exit(main())
