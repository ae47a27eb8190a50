"""Fails loudly unless a sample file holds exactly the frame's n in every stratum.

    python3 check_sample.py FRAME SAMPLE

SAMPLE is any tool's output CSV with the roster's columns (编号, 乡镇, 类别, ...). For
pingyi's output only main-sample rows count (role/样本类型), not reserves. Also checks
that no recipient (编号) appears twice. Prints one line: the rows checked.
"""

import sys
from collections import Counter

import polars as pl

from peers import read_frame

MAIN_ROLE = {"main", "正式样本"}


def main():
    frame, sample = sys.argv[1], sys.argv[2]
    need = {(u, c): n for u, c, n in read_frame(frame) if n > 0}
    df = pl.read_csv(sample, infer_schema=False)
    df = df.rename({c: c.lstrip("\ufeff").strip() for c in df.columns})
    for role in ("role", "样本类型"):
        if role in df.columns:
            df = df.filter(pl.col(role).is_in(list(MAIN_ROLE)))
    missing = [c for c in ("编号", "乡镇", "类别") if c not in df.columns]
    if missing:
        sys.exit(f"check {sample}: columns {missing} missing (has {df.columns})")
    got = Counter(
        {
            (r["乡镇"], r["类别"]): r["len"]
            for r in df.group_by("乡镇", "类别").len().iter_rows(named=True)
        }
    )
    wrong = [(k, need.get(k, 0), got.get(k, 0)) for k in set(need) | set(got) if need.get(k, 0) != got.get(k, 0)]
    if wrong:
        wrong.sort()
        shown = "; ".join(f"{u}/{c}: frame {n}, sample {g}" for (u, c), n, g in wrong[:10])
        sys.exit(f"check {sample}: {len(wrong)} strata with the wrong count: {shown}")
    dup = df.height - df["编号"].n_unique()
    if dup:
        sys.exit(f"check {sample}: {dup} recipients drawn twice")
    print(f"ok {df.height} rows in {len(need)} strata")


if __name__ == "__main__":
    main()
