"""An independent reimplementation of pingyi's draw, with the Python standard library only.

It follows docs/ALGORITHM.md, not pingyi's code: tickets as in Rivest's
consistent_sampler, ids normalised by pingyi-id/1, the n smallest tickets of each
stratum as the sample and the next r as reserves.

usage: python3 draw_check.py FRAME.csv SEED ID_COLUMN ROSTER.csv [ROSTER.csv ...]
prints: unit,category,rank,role,id,ticket  (one line per drawn record, sorted)
"""

import csv
import hashlib
import sys
import unicodedata

# The plan's five categories under their canonical keys (docs/ALGORITHM.md, "Strata").
CATEGORY_ALIASES = {
    "rural_dibao": ["农村低保", "农村最低生活保障", "rural_dibao"],
    "urban_dibao": ["城市低保", "城市最低生活保障", "城镇低保", "urban_dibao"],
    "five_guarantee": ["五保", "农村五保", "农村五保供养", "特困供养", "five_guarantee"],
    "special_care": ["优抚", "优抚对象", "优待抚恤", "special_care"],
    "charity": ["慈善", "慈善救助", "社会慈善事业受益对象", "charity"],
}
CATEGORY = {alias: key for key, aliases in CATEGORY_ALIASES.items() for alias in aliases}


def half_width(s):
    return "".join(
        " " if c == "\u3000" else chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c
        for c in s
    )


def normalize_id(raw):
    """pingyi-id/1: trim, full-width to half-width, trim, final x of an ID number to X."""
    s = half_width(raw.strip(" \t\r\n\u3000\ufeff")).strip()
    if len(s) == 18 and s[:17].isdigit() and s[17] == "x":
        s = s[:17] + "X"
    return s


def ticket(seed_hex, id_):
    digest = hashlib.sha256((seed_hex + id_).encode("utf-8")).hexdigest()
    return "0." + str(int(digest, 16)).zfill(64)[::-1]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def main():
    frame_path, seed, id_column, *rosters = sys.argv[1:]
    seed_hex = hashlib.sha256(seed.strip().encode("utf-8")).hexdigest()
    frame = {}
    for row in read_csv(frame_path):
        frame[(row["unit"], row["category"])] = (int(row["sample"]), int(row["reserve"]))
    strata = {}
    for path in rosters:
        for row in read_csv(path):
            unit = half_width(row["乡镇"]).strip()
            category = CATEGORY.get(row["类别"].strip(), row["类别"].strip())
            id_ = normalize_id(row[id_column])
            strata.setdefault((unit, category), []).append((ticket(seed_hex, id_), id_))
    out = []
    for key, (n, r) in sorted(frame.items()):
        records = sorted(strata.get(key, []), key=lambda t: (t[0].rstrip("0"), t[1]))
        for rank, (t, id_) in enumerate(records[: n + r], start=1):
            role = "main" if rank <= n else "reserve"
            out.append(f"{key[0]},{key[1]},{rank},{role},{id_},{t}")
    print("\n".join(sorted(out)))


if __name__ == "__main__":
    main()
