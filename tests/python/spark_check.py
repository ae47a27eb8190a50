"""Runs the Spark form of pingyi's draw (`pingyi draw ... --emit-sql spark`) in Spark's
local mode and compares it with the samples that `pingyi draw` wrote.

Every case is run in one SparkSession (starting one takes most of the time). A case
is one line on standard input, its fields separated by tabs:

  NAME  SAMPLE.csv  QUERY.sql  FRAME.csv|-  ROSTER.csv  [ROSTER.csv ...]

The rosters are registered as the view `roster` as the query's header says: the
statement it gives for one roster is run as it stands (so pingyi must have been given
the roster's absolute path); several rosters are each read with the options it gives
and joined by column name. The query's rows are compared with the sample record for
record (every roster column, rank, role, the first 18 ticket digits and the order;
sql_check.py's compare).
Where a case has several rosters and a frame, the query is also run on each roster
alone and the shards' rows merged as docs/ALGORITHM.md says (per stratum, the n + r
smallest by ticket prefix and id, ranked again), which must give the same sample.

Prints one line per comparison and each case's time; exits 1 when any case differs or
Spark fails, 0 when all match.

usage:
  python3 spark_check.py < CASES.tsv

Spark is the `pyspark` package (pip install pyspark) with a Java 17 runtime.
"""

import csv
import os
import re
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from sql_check import SQL_COLUMNS, category_key, compare, literal  # noqa: E402

# The query's header line that tells how to register the view `roster`: one roster
# is one statement to run as it stands; several are each read with the options given
# and joined by column name.
REGISTER = re.compile(r"^-- first register the roster as the view roster: (CREATE .*)$", re.M)
REGISTER_EACH = re.compile(
    r"^-- first register the rosters .* read each with (.*) and join them by column name", re.M
)


# The seconds all the cases may take together.
LIMIT = 600


def session():
    """A small local Spark: two cores, little memory, few shuffle partitions, no UI,
    bound to the loopback address. For rosters this small, compiling is most of the
    work: the JVM stops at its quick compiler and Spark interprets rather than generates
    whole stages, which halves the time."""
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
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def register(spark, sql, rosters):
    """The view `roster`, registered as the query's header says: its statement for one
    roster, or each file read with its options and the files joined by column name
    (also for one shard of several rosters)."""
    one = REGISTER.search(sql)
    if one and len(rosters) == 1:
        spark.sql(one.group(1))
        return
    each = REGISTER_EACH.search(sql)
    if each is None:
        raise SystemExit(f"the query's header does not say how to register {rosters}")
    options = each.group(1)
    view = None
    for i, path in enumerate(rosters, start=1):
        part = f"roster_part_{i}"
        spark.sql(
            f"CREATE OR REPLACE TEMPORARY VIEW {part} USING csv "
            f"OPTIONS (path {literal('spark', path)}, {options})"
        )
        view = spark.table(part) if view is None else view.unionByName(spark.table(part))
    view.createOrReplaceTempView("roster")


def run(spark, sql, rosters):
    register(spark, sql, rosters)
    df = spark.sql(sql)
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
    print(f"{name}: match: Spark {what} gave the sample's {rows} rows, in order, with tickets")
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
    # A hung JVM must fail the test, not hold it: the cases take about a minute.
    signal.signal(signal.SIGALRM, lambda *_: sys.exit(f"Spark took over {LIMIT} s; stopped"))
    signal.alarm(LIMIT)
    started = time.monotonic()
    spark = session()
    print(f"Spark {spark.version} started in {time.monotonic() - started:.1f} s")
    try:
        results = []
        for case in cases:
            began = time.monotonic()
            results.append(check_case(spark, case))
            print(f"{case[0]}: {time.monotonic() - began:.1f} s")
    finally:
        spark.stop()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
