#!/usr/bin/env python3
"""Writes a copy of an inputs folder whose children counts are random, with many small ones:
every Jeugdigen row of every workbook gets benaderd, in ontwikkeling, vrijstelling 5 onder a and
absoluut verzuim drawn as 0 (one in ten), 1-4 (four in ten) or 5-40 (half), then made to obey
the rules between the counts (docs/invoer.md). For measuring protection on sets the sample does
not cover (docs/performance.md); the same seed gives the same set.

Usage: willekeurige_set.py INPUTS OUT SEED
"""

import random
import shutil
import sys
from pathlib import Path

import openpyxl


def count(rng):
    r = rng.random()
    if r < 0.1:
        return 0
    if r < 0.5:
        return rng.randint(1, 4)
    return rng.randint(5, 40)


def main():
    src, out, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(src, out)
    for book in sorted(out.rglob("*.xlsx")):
        wb = openpyxl.load_workbook(book)
        if "Jeugdigen" not in wb.sheetnames:
            continue
        ws = wb["Jeugdigen"]
        header = None
        for row in ws.iter_rows():
            values = [c.value for c in row]
            if header is None:
                if "code" in values:
                    header = {v: i for i, v in enumerate(values) if v}
                continue
            if not values[header["code"]]:
                continue
            b, o, v, a = (count(rng) for _ in range(4))
            o, v = min(o, b), min(v, b)
            a = min(a, b - v)
            for name, value in (("benaderd", b), ("in_ontwikkeling", o),
                                ("vrijstelling_5a", v), ("absoluut_verzuim", a)):
                row[header[name]].value = value
        wb.save(book)


if __name__ == "__main__":
    main()
