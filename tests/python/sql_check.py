"""Checks the SQL form of pingyi's draw against a sample that `pingyi draw` wrote.

The SQL (from `pingyi draw ... --emit-sql duckdb`) is run in DuckDB, and its rows are
compared with the sample, record for record: every roster column, the rank and the
role, the first 18 ticket digits, and the order of the rows. Differences are printed
and the exit code is 1; a match exits 0.

usage:
  python3 sql_check.py SAMPLE.csv [QUERY.sql | -]
      run the query (read from a file, or from standard input) and compare
  python3 sql_check.py --spark roster=ROSTER.csv SAMPLE.csv [QUERY.sql | -]
      the same in Spark (pyspark, local mode), the roster registered as the view
      roster as the query's header says (spark_check.py runs several cases at once)
  python3 sql_check.py --emit duckdb|spark FRAME.csv SEED ROSTER.csv [ID UNIT CATEGORY]
      print the SQL as pingyi emits it (a twin of src/draw/sql.rs, from
      docs/ALGORITHM.md), for a frame written by `pingyi frame` with English headers
      and a roster whose header is its first row; the id, unit and category columns
      default to 编号, 乡镇 and 类别

DuckDB is the `duckdb` Python package (pip install duckdb), Spark the `pyspark` package
on Java 17; the rest is the standard library.
"""

import csv
import hashlib
import pathlib
import sys

# ---------------------------------------------------------------------------------
# The SQL, as src/draw/sql.rs writes it.

ALGORITHM = "pingyi-bottom-k/1 (consistent_sampler SHA-256 tickets)"
ID_NORMALIZATION = "pingyi-id/1"

# The plan's five categories: (key, aliases), as src/io/alias.rs names them.
KNOWN_CATEGORIES = [
    (
        "rural_dibao",
        [
            "农村低保",
            "农村最低生活保障",
            "农村最低生活保障对象",
            "农村低保对象",
            "农村低保户",
            "rural_dibao",
            "rural minimum living guarantee",
        ],
    ),
    (
        "urban_dibao",
        [
            "城市低保",
            "城市最低生活保障",
            "城市最低生活保障对象",
            "城市低保对象",
            "城市低保户",
            "城镇低保",
            "城镇最低生活保障",
            "urban_dibao",
            "urban minimum living guarantee",
        ],
    ),
    (
        "five_guarantee",
        [
            "五保",
            "农村五保",
            "农村五保供养",
            "五保供养",
            "五保户",
            "五保对象",
            "特困供养",
            "特困人员",
            "特困供养人员",
            "农村五保(特困)供养",
            "five_guarantee",
        ],
    ),
    (
        "special_care",
        ["优抚", "优抚对象", "优待抚恤", "优待抚恤对象", "special_care"],
    ),
    (
        "charity",
        ["慈善", "慈善救助", "社会慈善", "社会慈善事业受益对象", "慈善受益对象", "charity"],
    ),
]

# Rust's char::is_whitespace (Unicode White_Space).
WHITESPACE = (
    [chr(c) for c in range(0x09, 0x0E)]
    + [" ", "\x85", "\xa0", "\u1680"]
    + [chr(c) for c in range(0x2000, 0x200B)]
    + ["\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
)
# What pingyi trims: white space and the byte order mark.
TRIMMED = "".join(WHITESPACE) + "\ufeff"
# What a match key drops: white space, underscores and hyphens.
DROPPED = "".join(WHITESPACE) + "_-"
# Full-width ASCII forms and the ideographic space, and their half-width forms.
FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000"
HALF_WIDTH = "".join(chr(c) for c in range(0x21, 0x7F)) + " "

TEN_18 = 10**18

# How Spark reads a roster as pingyi does (the query's header says so).
SPARK_CSV_OPTIONS = "header 'true', escape '\"', multiLine 'true'"


def invisible(c):
    """Characters written as escapes in SQL and comments: controls, white space other
    than the space, and invisible format characters."""
    o = ord(c)
    return (
        o < 0x20
        or 0x7F <= o <= 0x9F
        or (c in WHITESPACE and c != " ")
        or o in (0xAD, 0x61C, 0x180E, 0xFEFF)
        or 0x200B <= o <= 0x200F
        or 0x202A <= o <= 0x202E
        or 0x2060 <= o <= 0x206F
        or 0xFFF9 <= o <= 0xFFFB
    )


def literal(dialect, s):
    """A string literal: DuckDB doubles quotes and writes invisible characters as
    chr(n); Spark escapes quotes and backslashes and writes them as \\uXXXX."""
    if dialect == "spark":
        out = []
        for c in s:
            if c == "\\":
                out.append("\\\\")
            elif c == "'":
                out.append("\\'")
            elif invisible(c):
                b = c.encode("utf-16-be")
                out.extend(f"\\u{b[i] << 8 | b[i + 1]:04X}" for i in range(0, len(b), 2))
            else:
                out.append(c)
        return "'" + "".join(out) + "'"
    parts, run = [], None
    for c in s:
        if invisible(c):
            if run is not None:
                parts.append("'" + run + "'")
                run = None
            parts.append(f"chr({ord(c)})")
        else:
            run = (run or "") + ("''" if c == "'" else c)
    if run is not None:
        parts.append("'" + run + "'")
    if not parts:
        return "''"
    if len(parts) == 1:
        return parts[0]
    return "(" + " || ".join(parts) + ")"


def ident(dialect, name):
    q = "`" if dialect == "spark" else '"'
    return q + name.replace(q, q + q) + q


def comment(s):
    """Text for a comment line: invisible characters written as \\u{XXXX}."""
    return "".join(f"\\u{{{ord(c):04X}}}" if invisible(c) else c for c in s)


def rust_trim(s):
    return s.strip(TRIMMED)


def clean(s):
    t = "".join(
        " " if c == "\u3000" else chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c
        for c in rust_trim(s)
    )
    return rust_trim(t)


def match_key(s):
    return "".join(c for c in clean(s) if c not in DROPPED).lower()


def category_key(label):
    k = match_key(label)
    for key, aliases in KNOWN_CATEGORIES:
        if any(match_key(a) == k for a in aliases):
            return key
    return clean(label)


# The same sets as regular-expression classes (RE2 in DuckDB, Java in Spark).
WHITESPACE_CLASS = (
    r"\x{9}-\x{D}\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}"
    r"\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"
)
TRIM_RE = rf"\A[{WHITESPACE_CLASS}\x{{FEFF}}]+|[{WHITESPACE_CLASS}\x{{FEFF}}]+\z"
DROP_RE = rf"[{WHITESPACE_CLASS}_\-]"
# What a unit or category name loses anywhere: characters that print as nothing
# (zero-width spaces and joiners, direction marks, soft hyphen, variation selectors, BOM).
INVISIBLE_RE = (
    r"[\x{AD}\x{34F}\x{61C}\x{180E}\x{200B}-\x{200F}\x{202A}-\x{202E}"
    r"\x{2060}-\x{2064}\x{2066}-\x{206F}\x{FE00}-\x{FE0F}\x{FEFF}]"
)
# A unit's inner runs of white space become one space.
SPACE_RUN_RE = rf"[{WHITESPACE_CLASS}]+"
FULL_WIDTH_RE = r"[\x{FF01}-\x{FF5E}\x{3000}]"
# A resident ID number whose check character is a lower-case x.
ID_NUMBER_X_RE = r"\A[0-9]{17}x\z"


def replace_sql(dialect, expr, pattern):
    """Removes every match of `pattern` from `expr`."""
    if dialect == "spark":
        return f"regexp_replace({expr}, {literal(dialect, pattern)}, '')"
    return f"regexp_replace({expr}, {literal(dialect, pattern)}, '', 'g')"


def collapse_space_sql(dialect, expr):
    """Inner runs of white space made one space (the last step of a unit's key)."""
    if dialect == "spark":
        return f"regexp_replace({expr}, {literal(dialect, SPACE_RUN_RE)}, ' ')"
    return f"regexp_replace({expr}, {literal(dialect, SPACE_RUN_RE)}, ' ', 'g')"


def half_width_sql(dialect, expr):
    """to_half_width and a second trim, only where a full-width form occurs."""
    if dialect == "spark":
        test = f"{expr} RLIKE {literal(dialect, FULL_WIDTH_RE)}"
    else:
        test = f"regexp_matches({expr}, {literal(dialect, FULL_WIDTH_RE)})"
    full, half = literal(dialect, FULL_WIDTH), literal(dialect, HALF_WIDTH)
    return (
        f"CASE WHEN {test}\n"
        f"      THEN {replace_sql(dialect, f'translate({expr}, {full}, {half})', TRIM_RE)}\n"
        f"      ELSE {expr} END"
    )


# Traditional characters and their simplified forms, the table src/io/traditional.txt
# that pingyi reads (comment lines, then pairs), sorted by the traditional character.
TRADITIONAL_TABLE = pathlib.Path(__file__).resolve().parents[2] / "src/io/traditional.txt"


def traditional_pairs():
    text = TRADITIONAL_TABLE.read_text(encoding="utf-8")
    chars = "".join(l for l in text.splitlines() if not l.startswith("#"))
    return sorted(zip(chars[0::2], chars[1::2]))


def char_class(chars):
    """A regular-expression class of `chars`: runs of three or more as ranges."""
    out, i = [], 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        if j - i >= 2:
            out.append(f"\\x{{{ord(chars[i]):X}}}-\\x{{{ord(chars[j]):X}}}")
            i = j + 1
        else:
            out.append(f"\\x{{{ord(chars[i]):X}}}")
            i += 1
    return "".join(out)


def simplified_sql(dialect, expr):
    """The table's traditional characters made simplified, only where one occurs."""
    pairs = traditional_pairs()
    traditional = "".join(t for t, _ in pairs)
    simplified = "".join(s for _, s in pairs)
    pattern = literal(dialect, f"[{char_class(traditional)}]")
    if dialect == "spark":
        test = f"{expr} RLIKE {pattern}"
    else:
        test = f"regexp_matches({expr}, {pattern})"
    fro, to = literal(dialect, traditional), literal(dialect, simplified)
    return (
        f"CASE WHEN {test}\n"
        f"      THEN translate({expr}, {fro}, {to})\n"
        f"      ELSE {expr} END"
    )


def limb_factors():
    """2^192, 2^128 and 2^64 modulo 10^18."""
    c1 = (1 << 64) % TEN_18
    c2 = c1 * c1 % TEN_18
    c3 = c2 * c1 % TEN_18
    return c3, c2, c1


def relation(dialect, files):
    if dialect == "spark":
        return "roster"
    readers = []
    for f in files:
        path = literal("duckdb", f)
        lower = f.lower()
        if lower.endswith(".xlsx"):
            readers.append(f"read_xlsx({path}, header = true, all_varchar = true)")
        elif lower.endswith(".parquet"):
            readers.append(f"read_parquet({path})")
        else:
            readers.append(f"read_csv({path}, header = true, all_varchar = true)")
    if len(readers) == 1:
        return readers[0]
    return "(" + " UNION ALL BY NAME ".join(f"SELECT * FROM {r}" for r in readers) + ")"


def emit_sql(dialect, frame, seed, files, id_col, unit_col, category_col, columns):
    """frame: [(unit, category key, n, r)] in the frame's order."""
    seed = rust_trim(seed)
    s = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    sample = sum(f[2] for f in frame)
    reserve = sum(f[3] for f in frame)
    lit = lambda x: literal(dialect, x)
    q = lambda x: ident(dialect, x)
    name = "Spark" if dialect == "spark" else "DuckDB"
    rel = relation(dialect, files)
    lines = [
        f"-- pingyi's draw in SQL ({name}).",
        f"-- algorithm: {ALGORITHM}; ids: {ID_NORMALIZATION}",
        f"-- seed (as typed): {comment(seed)}",
        f"-- s = SHA-256 of the seed, in hex: {s}",
        f"-- roster: {comment(rel)}; id {comment(id_col)}, unit {comment(unit_col)}, "
        f"category {comment(category_col)}",
    ]
    if dialect == "spark" and len(files) == 1:
        lines.append(
            "-- first register the roster as the view roster: CREATE OR REPLACE TEMPORARY VIEW "
            f"roster USING csv OPTIONS (path {comment(lit(files[0]))}, {SPARK_CSV_OPTIONS})"
        )
    elif dialect == "spark":
        names = ", ".join(comment(f) for f in files)
        lines.append(
            f"-- first register the rosters {names} together as the view roster: read each "
            f"with {SPARK_CSV_OPTIONS} and join them by column name (unionByName)"
        )
    lines += [
        f"-- frame: {len(frame)} strata, sample {sample}, reserves {reserve}",
        "-- This is pingyi's draw record for record, except where two records of a stratum",
        "-- share the first 18 ticket digits (prefix_ties > 0): pingyi then compares the",
        "-- further digits and this query the ids. It does not repeat pingyi's checks",
        "-- (duplicate or empty ids, roster rows outside the frame, which are left out",
        "-- here, and roster counts that differ from the frame). docs/ALGORITHM.md.",
        "WITH",
        "quota AS (",
        "  SELECT * FROM (VALUES",
    ]
    quota = [
        f"    ({i}, {lit(unit)}, {lit(cat)}, {n}, {r})"
        for i, (unit, cat, n, r) in enumerate(frame, start=1)
    ]
    lines.append(",\n".join(quota))
    lines += [
        "  ) AS q (ord, unit, category, n, r)",
        "),",
        "category_alias AS (",
        "  SELECT * FROM (VALUES",
    ]
    seen, aliases = set(), []
    for key, names in KNOWN_CATEGORIES:
        for a in names:
            k = match_key(a)
            if k not in seen:
                seen.add(k)
                aliases.append(f"    ({lit(k)}, {lit(key)})")
    lines.append(",\n".join(aliases))
    lines += [
        "  ) AS a (label_key, category)",
        "),",
        "trimmed AS (",
        "  SELECT",
        "    r.*,",
        f"    {replace_sql(dialect, 'r.' + q(id_col), TRIM_RE)} AS _trimmed_id,",
        f"    {replace_sql(dialect, replace_sql(dialect, 'r.' + q(unit_col), INVISIBLE_RE), TRIM_RE)} AS _trimmed_unit,",
        f"    {replace_sql(dialect, replace_sql(dialect, 'r.' + q(category_col), INVISIBLE_RE), TRIM_RE)} AS _trimmed_category",
        f"  FROM {rel} AS r",
        "),",
        "cleaned AS (",
        "  SELECT",
        "    t.*,",
        f"    {half_width_sql(dialect, 't._trimmed_id')} AS _clean_id,",
        f"    {collapse_space_sql(dialect, simplified_sql(dialect, half_width_sql(dialect, 't._trimmed_unit')))} AS _unit,",
        f"    {half_width_sql(dialect, 't._trimmed_category')} AS _clean_category",
        "  FROM trimmed AS t",
        "),",
        "keyed AS (",
        "  SELECT",
        "    c.*,",
    ]
    if dialect == "spark":
        is_id_number = f"c._clean_id RLIKE {lit(ID_NUMBER_X_RE)}"
    else:
        is_id_number = f"regexp_matches(c._clean_id, {lit(ID_NUMBER_X_RE)})"
    drop = replace_sql(dialect, "c._clean_category", DROP_RE)
    lines += [
        f"    CASE WHEN {is_id_number} THEN substr(c._clean_id, 1, 17) || 'X'",
        "      ELSE c._clean_id END AS _id,",
        "    coalesce(a.category, c._clean_category) AS _category",
        "  FROM cleaned AS c",
        f"  LEFT JOIN category_alias AS a ON a.label_key = lower({drop})",
        "),",
        "hashed AS (",
        "  SELECT",
        "    k.*,",
        "    q.ord AS _ord,",
        "    q.n AS _n,",
        "    q.r AS _r,",
    ]
    if dialect == "spark":
        lines.append(f"    sha2(concat({lit(s)}, k._id), 256) AS _h")
    else:
        lines.append(f"    sha256({lit(s)} || k._id) AS _h")
    lines += [
        "  FROM keyed AS k",
        "  JOIN quota AS q ON q.unit = k._unit AND q.category = k._category",
        "),",
        "ticketed AS (",
        "  SELECT",
        "    h.*,",
        "    reverse(lpad(CAST((",
    ]
    factors = list(limb_factors()) + [None]
    terms = []
    for i, f in enumerate(factors):
        if dialect == "spark":
            limb = f"CAST(conv(substr(h._h, {16 * i + 1}, 16), 16, 10) AS DECIMAL(20, 0))"
        else:
            limb = f"CAST(CAST(('0x' || substr(h._h, {16 * i + 1}, 16)) AS UBIGINT) AS HUGEINT)"
        terms.append(f"      {limb} * {f}" if f is not None else f"      {limb}")
    lines.append(" +\n".join(terms))
    text_type = "STRING" if dialect == "spark" else "VARCHAR"
    lines += [
        f"    ) % {TEN_18} AS {text_type}), 18, '0')) AS _prefix",
        "  FROM hashed AS h",
        "),",
        "ranked AS (",
        "  SELECT",
        "    t.*,",
        "    row_number() OVER (PARTITION BY t._ord ORDER BY t._prefix, t._id) AS _rank,",
        "    count(*) OVER (PARTITION BY t._ord, t._prefix) - 1 AS _ties",
        "  FROM ticketed AS t",
        ")",
        "SELECT",
    ]
    select = [f"  {q(c)}" for c in columns] + [
        "  _unit AS stratum_unit",
        "  _category AS stratum_category",
        "  _id AS normalized_id",
        "  _rank AS stratum_rank",
        "  CASE WHEN _rank <= _n THEN 'main' ELSE 'reserve' END AS role",
        "  _prefix AS ticket_prefix",
        "  _ties AS prefix_ties",
    ]
    lines.append(",\n".join(select))
    lines += [
        "FROM ranked",
        "WHERE _rank <= _n + _r",
        "ORDER BY _ord, _rank",
    ]
    return "\n".join(lines) + ";\n"


def emit_main(args):
    dialect, frame_path, seed, roster = args[:4]
    id_col, unit_col, category_col = (args[4:7] + ["编号", "乡镇", "类别"][len(args[4:7]) :])[:3]
    with open(frame_path, encoding="utf-8-sig", newline="") as f:
        frame = [
            (r["unit"], category_key(r["category"]), int(r["sample"]), int(r["reserve"]))
            for r in csv.DictReader(f)
        ]
    with open(roster, encoding="utf-8-sig", newline="") as f:
        columns = [rust_trim(c) for c in next(csv.reader(f))]
    columns = [c for c in columns if c]
    sys.stdout.write(
        emit_sql(dialect, frame, seed, [roster], id_col, unit_col, category_col, columns)
    )


# ---------------------------------------------------------------------------------
# Running the SQL and comparing with pingyi's sample.

DRAW_COLUMNS = {
    "stratum_rank": "stratum_rank",
    "层内序号": "stratum_rank",
    "role": "role",
    "样本类型": "role",
    "ticket": "ticket",
    "随机票号": "ticket",
    "inclusion_prob": "inclusion_prob",
    "入样概率": "inclusion_prob",
    "weight": "weight",
    "权数": "weight",
}
ROLES = {"main": "main", "正式样本": "main", "reserve": "reserve", "备用样本": "reserve"}
# The columns the SQL adds after the roster's, in order.
SQL_COLUMNS = [
    "stratum_unit",
    "stratum_category",
    "normalized_id",
    "stratum_rank",
    "role",
    "ticket_prefix",
    "prefix_ties",
]


def read_sample(path):
    """The sample's roster columns and its rows as (roster cells, rank, role, ticket)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        at = {DRAW_COLUMNS[h]: i for i, h in enumerate(header) if h in DRAW_COLUMNS}
        roster = [i for i, h in enumerate(header) if h not in DRAW_COLUMNS]
        rows = [
            (
                tuple(r[i] for i in roster),
                int(r[at["stratum_rank"]]),
                ROLES[r[at["role"]]],
                r[at["ticket"]],
            )
            for r in reader
        ]
    return [header[i] for i in roster], rows


def run_duckdb(sql):
    import duckdb

    con = duckdb.connect()
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return names, cur.fetchall()


def run_spark(sql, views):
    """The query in a local Spark (spark_check.py's session), each VIEW=ROSTER.csv
    registered as the query's header says."""
    from spark_check import register, session

    spark = session()
    for view, path in views:
        if view != "roster":
            sys.exit(f"the query reads the view roster, not {view}")
        register(spark, sql, [path])
    df = spark.sql(sql)
    return df.columns, [tuple(r) for r in df.collect()]


def text(v):
    return "" if v is None else str(v)


def compare(sample_path, names, result):
    columns, sample = read_sample(sample_path)
    problems = []
    k = len(SQL_COLUMNS)
    if names[-k:] != SQL_COLUMNS:
        problems.append(f"the query ends in columns {names[-k:]}, expected {SQL_COLUMNS}")
        return problems, 0
    if names[:-k] != columns:
        problems.append(f"the query's roster columns {names[:-k]} are not the sample's {columns}")
        return problems, 0
    # (roster cells, rank, role, ticket prefix, prefix ties)
    ours = [
        (
            tuple(text(v) for v in row[:-k]),
            int(row[-4]),
            text(row[-3]),
            text(row[-2]),
            int(row[-1]),
        )
        for row in result
    ]
    theirs = {(cells, rank, role) for cells, rank, role, _ in sample}
    mine = {(cells, rank, role) for cells, rank, role, _, _ in ours}
    for cells, rank, role in sorted(theirs - mine):
        problems.append(f"only in the sample: rank {rank} {role} {','.join(cells)}")
    for cells, rank, role in sorted(mine - theirs):
        problems.append(f"only in the query:  rank {rank} {role} {','.join(cells)}")
    if not problems:
        for (cells, rank, _, ticket), (_, _, _, prefix, _) in zip(sample, ours):
            if ticket[2:20] != prefix:
                row = ",".join(cells)
                problems.append(f"ticket {ticket} has the prefix {prefix} in the query ({row})")
        if len(ours) != len(sample):
            problems.append(f"{len(ours)} rows in the query, {len(sample)} in the sample")
        elif [(c, r) for c, r, *_ in ours] != [(c, r) for c, r, *_ in sample]:
            problems.append("the query's rows are not in the sample's order")
    ties = sum(1 for row in ours if row[4] > 0)
    return problems, ties


def main(argv):
    sys.stdout.reconfigure(encoding="utf-8")
    views = []
    if argv[:1] == ["--emit"]:
        return emit_main(argv[1:])
    if argv[:1] == ["--spark"]:
        view, _, path = argv[1].partition("=")
        views.append((view, path))
        argv = argv[2:]
    if not argv or argv[0].startswith("-") and argv[0] != "-":
        sys.exit(__doc__)
    sample_path = argv[0]
    source = argv[1] if len(argv) > 1 else "-"
    if source == "-":
        sql = sys.stdin.buffer.read().decode("utf-8")
    else:
        with open(source, encoding="utf-8") as f:
            sql = f.read()
    names, result = run_spark(sql, views) if views else run_duckdb(sql)
    problems, ties = compare(sample_path, names, result)
    engine = "Spark" if views else "DuckDB"
    for p in problems[:50]:
        print(p)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more differences")
    if ties:
        print(f"note: {ties} drawn records share their first 18 ticket digits with another")
    if problems:
        print(f"MISMATCH: {engine} gave {len(result)} rows; {len(problems)} differences")
        return 1
    print(f"match: {engine} gave the sample's {len(result)} rows, in order, with their tickets")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
