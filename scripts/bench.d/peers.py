"""The Python peers of `pingyi draw`, one per run so each is timed as its own process.

    python3 peers.py MODE ROSTER FRAME OUT

MODE is one of
  polars-read    pl.read_csv(ROSTER) and nothing else (OUT is not written)
  polars-sample  the idiomatic Polars stratified draw: a random key, its rank within
                 each (乡镇, 类别), the stratum's n joined from the frame, rank <= n
  polars-lazy    the same draw as one lazy query: scan_csv, the random key, the rank
                 over the stratum, the join, rank <= n, collect, then write_csv
  duckdb         the same draw in SQL: row_number() over (partition by 乡镇, 类别
                 order by hash(编号 || seed)) <= n, COPY ... TO OUT
  pandas         pd.read_csv, then groupby([乡镇, 类别]).apply(g.sample(n=n of the
                 stratum)), to_csv

The frame is the CSV written by `pingyi frame` (Chinese or English headers); its 样本量
(sample) column is the n of each stratum. Reserves are ignored. The last line printed
is JSON: {"inner_s": seconds inside the process from reading to written output,
"rows": rows drawn}.
"""

import csv
import json
import sys
import time

KEYS = ["乡镇", "类别"]
SEED = "bench"


def read_frame(path):
    """(unit, category, n) for every stratum of a pingyi frame CSV."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip() for h in rows[0]]

    def col(*names):
        for n in names:
            if n in header:
                return header.index(n)
        sys.exit(f"frame {path}: none of the columns {names} in {header}")

    u, c, n = col("单位", "unit"), col("类别", "category"), col("样本量", "sample")
    return [(r[u], r[c], int(r[n])) for r in rows[1:] if r and r[u]]


def polars_read(roster, frame, out):
    import polars as pl

    t = time.perf_counter()
    df = pl.read_csv(roster)
    return time.perf_counter() - t, df.height


def polars_sample(roster, frame, out):
    import polars as pl

    t = time.perf_counter()
    need = pl.DataFrame(
        read_frame(frame), schema={"乡镇": pl.String, "类别": pl.String, "_n": pl.Int64},
        orient="row",
    )
    # ID numbers end in X now and then: read them as text, not by inference.
    df = pl.read_csv(roster, schema_overrides={"身份证号": pl.String})
    sample = (
        df.with_columns(_key=pl.int_range(pl.len()).shuffle(seed=1))
        .with_columns(_rank=pl.col("_key").rank("ordinal").over(KEYS))
        .join(need, on=KEYS)
        .filter(pl.col("_rank") <= pl.col("_n"))
        .drop("_key", "_rank", "_n")
    )
    sample.write_csv(out)
    return time.perf_counter() - t, sample.height


def polars_lazy(roster, frame, out):
    import polars as pl

    t = time.perf_counter()
    need = pl.LazyFrame(
        read_frame(frame), schema={"乡镇": pl.String, "类别": pl.String, "_n": pl.Int64},
        orient="row",
    )
    sample = (
        pl.scan_csv(roster, schema_overrides={"身份证号": pl.String})
        .with_columns(_key=pl.int_range(pl.len()).shuffle(seed=1))
        .with_columns(_rank=pl.col("_key").rank("ordinal").over(KEYS))
        .join(need, on=KEYS)
        .filter(pl.col("_rank") <= pl.col("_n"))
        .drop("_key", "_rank", "_n")
        .collect()
    )
    sample.write_csv(out)
    return time.perf_counter() - t, sample.height


def duckdb_sample(roster, frame, out):
    import duckdb

    t = time.perf_counter()
    con = duckdb.connect()
    quote = lambda v: "'" + v.replace("'", "''") + "'"
    values = ", ".join(f"({quote(u)}, {quote(c)}, {n})" for u, c, n in read_frame(frame))
    con.execute(f"CREATE TABLE need AS SELECT * FROM (VALUES {values}) AS t(乡镇, 类别, _n)")
    con.execute(
        f"""
        COPY (
          WITH ranked AS (
            SELECT *, row_number() OVER (
                PARTITION BY 乡镇, 类别 ORDER BY hash(编号 || '{SEED}')) AS _rank
            FROM read_csv(?, header = true, types = {{'身份证号': 'VARCHAR'}})
          )
          SELECT ranked.* EXCLUDE (_rank)
          FROM ranked JOIN need USING (乡镇, 类别)
          WHERE _rank <= _n
        ) TO '{out.replace("'", "''")}' (HEADER, DELIMITER ',')
        """,
        [roster],
    )
    rows = con.execute(f"SELECT count(*) FROM read_csv(?, header = true)", [out]).fetchone()[0]
    inner = time.perf_counter() - t
    return inner, rows


def pandas_sample(roster, frame, out):
    import pandas as pd

    t = time.perf_counter()
    need = {(u, c): n for u, c, n in read_frame(frame)}
    df = pd.read_csv(roster, dtype={"身份证号": str})
    # Each stratum draws its own fixed n, which groupby().sample() cannot take (it has
    # one n or one frac for all groups), so apply a per-group sample.
    sample = (
        df.groupby(KEYS, sort=False)
        .apply(lambda g: g.sample(n=need.get(g.name, 0), random_state=1), include_groups=False)
        .reset_index(level=KEYS)
        .reset_index(drop=True)[list(df.columns)]
    )
    sample.to_csv(out, index=False)
    return time.perf_counter() - t, len(sample)


MODES = {
    "polars-read": polars_read,
    "polars-sample": polars_sample,
    "polars-lazy": polars_lazy,
    "duckdb": duckdb_sample,
    "pandas": pandas_sample,
}


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in MODES:
        sys.exit(__doc__)
    mode, roster, frame, out = sys.argv[1:]
    inner, rows = MODES[mode](roster, frame, out)
    print(json.dumps({"inner_s": round(inner, 4), "rows": rows}))


if __name__ == "__main__":
    main()
