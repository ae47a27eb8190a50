"""Runs the Spark form of pingyi's draw (`pingyi draw ... --emit-sql spark`) in Spark's
local mode and compares it with the samples that `pingyi draw` wrote.

Every case is run in one SparkSession (starting one takes most of the time). A case
is one line on standard input, its fields separated by tabs:

  NAME  SAMPLE.csv  QUERY.sql  FRAME.csv|-  ROSTER.csv  [ROSTER.csv ...]

The rosters are registered together as the view `roster`, each read as the query's
header says (`header 'true'`, `escape '"'`, `multiLine 'true'`) and joined by column
name. The query's rows are compared with the sample record for record (every roster
column, rank, role, the first 18 ticket digits and the order; sql_check.py's compare).
Where a case has several rosters and a frame, the query is also run on each roster
alone and the shards' rows merged as docs/ALGORITHM.md says (per stratum, the n + r
smallest by ticket prefix and id, ranked again), which must give the same sample.

Prints one line per case; exits 1 when any case differs, 0 when all match.

usage:
  python3 spark_check.py < CASES.tsv

Spark is the `pyspark` package (pip install pyspark) with a Java 17 runtime.
"""

import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sql_check import SQL_COLUMNS, category_key, compare  # noqa: E402

# The CSV options of the view, as the query's header gives them.
CSV_OPTIONS = {"header": "true", "escape": '"', "multiLine": "true"}


def session():
    """A small local Spark: two cores, little memory, few shuffle partitions, no UI,
    bound to the loopback address."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("pingyi-spark-check")
        .config("spark.driver.memory", "1g")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def register(spark, rosters):
    """The view `roster`: the roster files read alike and joined by column name."""
    frames = [spark.read.options(**CSV_OPTIONS).csv(path) for path in rosters]
    view = frames[0]
    for more in frames[1:]:
        view = view.unionByName(more)
    view.createOrReplaceTempView("roster")


def run(spark, sql, rosters):
    register(spark, rosters)
    df = spark.sql(sql.strip().rstrip(";"))
    return df.columns, [tuple(r) for r in df.collect()]


def read_frame(path):
    """(unit, category key) -> (order, n, r) of a frame written by `pingyi frame`."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return {
            (r["unit"], category_key(r["category"])): (i, int(r["sample"]), int(r["reserve"]))
            for i, r in enumerate(csv.DictReader(f))
        }


def merge_shards(names, shards, frame):
    """The draw of the union from the draws of its shards: per stratum, the n + r
    smallest by (ticket prefix, id), ranked again."""
    k = len(SQL_COLUMNS)
    at = {name: len(names) - k + i for i, name in enumerate(SQL_COLUMNS)}
    strata = {}
    for rows in shards:
        for row in rows:
            key = (row[at["stratum_unit"]], row[at["stratum_category"]])
            strata.setdefault(key, []).append(row)
    merged = []
    for key, rows in sorted(strata.items(), key=lambda kv: frame[kv[0]][0]):
        _, n, r = frame[key]
        rows.sort(key=lambda row: (row[at["ticket_prefix"]], row[at["normalized_id"]]))
        for rank, row in enumerate(rows[: n + r], start=1):
            row = list(row)
            row[at["stratum_rank"]] = rank
            row[at["role"]] = "main" if rank <= n else "reserve"
            merged.append(tuple(row))
    return merged


def report(name, what, problems, rows, ties):
    for p in problems[:50]:
        print(f"{name}: {p}")
    if ties:
        print(f"{name}: note: {ties} drawn records share their first 18 ticket digits")
    if problems:
        print(f"{name}: MISMATCH: Spark {what} gave {rows} rows; {len(problems)} differences")
        return False
    print(f"{name}: match: Spark {what} gave the sample's {rows} rows, in order, with their tickets")
    return True


def check_case(spark, fields):
    name, sample, query, frame, *rosters = fields
    with open(query, encoding="utf-8") as f:
        sql = f.read()
    names, result = run(spark, sql, rosters)
    ok = report(name, "(one view)", *compare_counted(sample, names, result))
    if len(rosters) > 1 and frame != "-":
        shards = []
        for roster in rosters:
            shard_names, rows = run(spark, sql, [roster])
            if shard_names != names:
                print(f"{name}: MISMATCH: the shard {roster} gave columns {shard_names}")
                return False
            shards.append(rows)
        merged = merge_shards(names, shards, read_frame(frame))
        what = f"({len(rosters)} shards merged)"
        ok = report(name, what, *compare_counted(sample, names, merged)) and ok
    return ok


def compare_counted(sample, names, rows):
    problems, ties = compare(sample, names, rows)
    return problems, len(rows), ties


def main():
    sys.stdout.reconfigure(encoding="utf-8")
    cases = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
    if not cases or any(len(c) < 5 for c in cases):
        sys.exit(__doc__)
    spark = session()
    try:
        results = [check_case(spark, case) for case in cases]
    finally:
        spark.stop()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
