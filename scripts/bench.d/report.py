"""Turns WORK/results.csv into WORK/results.md and prints the target checks.

    python3 report.py WORK PINGYI

results.csv has one row per (size, tool): rows, file_mb, key, tool, wall_s, inner_s,
peak_rss_mb, sample_rows, runs, wall_runs_s, rss_runs_mb (the last two: every run's
figure, separated by "/"). Ratios are the tool's figure divided by pingyi's (`pingyi
draw`) at the same size: a wall ratio of 4.0 means four times pingyi's time. The
fastest peer at a size is the tool that draws a sample (not `cat`, not a bare read, not
pingyi) with the smallest median wall time.
"""

import csv
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

PINGYI_KEY = "pingyi"
TARGET_RSS_MB = 256
TARGET_SPEEDUP = 1.5
NOT_PEERS = {"cat", "pingyi", "pingyi-1t", "polars-read"}


def run(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip() or "?"
    except (OSError, subprocess.SubprocessError):
        return "not available"


def py_version(module):
    try:
        return __import__(module).__version__
    except ImportError:
        return "not installed"


def machine(pingyi):
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, TypeError):
        pass
    osname = platform.platform()
    try:
        m = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text())
        osname = f"{m[1]} (kernel {platform.release()})"
    except (OSError, TypeError):
        pass
    r = run(["Rscript", "-e", "cat(R.version.string)"])
    sampling = run(["Rscript", "-e", 'cat(as.character(packageVersion("sampling")))'])
    dt = run(["Rscript", "-e", 'cat(as.character(packageVersion("data.table")))'])
    return [
        ("CPUs (nproc)", str(os.cpu_count())),
        ("CPU", cpu),
        ("RAM", ram),
        ("OS", osname),
        ("pingyi", run([pingyi, "--version"])),
        ("Python", platform.python_version()),
        ("polars", py_version("polars")),
        ("pandas", py_version("pandas")),
        ("pyarrow", py_version("pyarrow")),
        ("duckdb", py_version("duckdb")),
        ("R", r),
        ("R sampling", sampling if "rror" not in sampling else "not installed"),
        ("R data.table", dt if "rror" not in dt else "not installed"),
    ]


def fmt(x, digits=2):
    return "" if x is None else f"{x:.{digits}f}"


def main():
    work, pingyi = Path(sys.argv[1]), sys.argv[2]
    with open(work / "results.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["rows"] = int(r["rows"])
        for k in ("file_mb", "wall_s", "peak_rss_mb"):
            r[k] = float(r[k])
        r["cpu_s"] = float(r["cpu_s"]) if r.get("cpu_s") else None
        r["inner_s"] = float(r["inner_s"]) if r["inner_s"] else None

    base = {r["rows"]: r for r in rows if r["key"] == PINGYI_KEY}
    fastest = {}
    for r in rows:
        if r["key"] not in NOT_PEERS:
            f = fastest.get(r["rows"])
            if f is None or r["wall_s"] < f["wall_s"]:
                fastest[r["rows"]] = r
    lines = [
        "# pingyi benchmark results",
        "",
        "Wall seconds, CPU seconds (user + system) and peak resident memory of each whole",
        "process (`/usr/bin/time -v`), the median of the runs (peak memory: the largest);",
        "\"in-process s\" is the time a peer measured inside itself,",
        "from reading the roster to the written sample (interpreter start-up and imports",
        "excluded). \"× pingyi\" divides the tool's figure by `pingyi draw`'s at the same size;",
        "\"runs\" lists every run's wall seconds and peak RSS.",
        "",
        "| N | file MB | tool | wall s | CPU s | in-process s | peak RSS MB | wall × pingyi | CPU × pingyi | RSS × pingyi | runs: wall s; RSS MB |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        b = base.get(r["rows"])
        wr = fmt(r["wall_s"] / b["wall_s"]) if b and b["wall_s"] > 0 else ""
        rr = fmt(r["peak_rss_mb"] / b["peak_rss_mb"]) if b and b["peak_rss_mb"] > 0 else ""
        cr = fmt(r["cpu_s"] / b["cpu_s"]) if b and r["cpu_s"] and b["cpu_s"] else ""
        lines.append(
            f"| {r['rows']:,} | {r['file_mb']:.1f} | {r['tool']} | {r['wall_s']:.3f} | "
            f"{fmt(r['cpu_s'])} | {fmt(r['inner_s'], 3)} | {r['peak_rss_mb']:.1f} | {wr} | {cr} | {rr} | "
            f"{r.get('wall_runs_s') or ''}; {r.get('rss_runs_mb') or ''} |"
        )
    for n, f in sorted(fastest.items()):
        b = base.get(n)
        if b and b["wall_s"] > 0:
            lines.append("")
            lines.append(
                f"At N = {n:,} the fastest peer is {f['tool']} ({f['wall_s']:.3f} s): "
                f"pingyi is {f['wall_s'] / b['wall_s']:.2f}x its speed"
                + (f" ({f['cpu_s'] / b['cpu_s']:.2f}x by CPU seconds)." if f["cpu_s"] and b["cpu_s"] else ".")
            )

    notes = work / "notes.txt"
    if notes.exists() and notes.read_text().strip():
        lines += ["", "Notes:", ""] + [f"- {n}" for n in notes.read_text().splitlines() if n.strip()]

    top = max(r["rows"] for r in rows)
    at = {r["key"]: r for r in rows if r["rows"] == top}
    p = at.get(PINGYI_KEY)
    checks = []
    if p:
        f = fastest.get(top)
        if f:
            ratio = f["wall_s"] / p["wall_s"]
            checks.append(
                f"pingyi at least {TARGET_SPEEDUP}x faster than the fastest peer ({f['tool']}): "
                f"{'met' if ratio >= TARGET_SPEEDUP else 'not met'} ({f['wall_s']:.2f} s / "
                f"pingyi {p['wall_s']:.2f} s = {ratio:.2f}x"
                + (f"; by CPU seconds {f['cpu_s']:.2f} / {p['cpu_s']:.2f} = {f['cpu_s'] / p['cpu_s']:.2f}x)"
                   if f["cpu_s"] and p["cpu_s"] else ")")
            )
        a = at.get("polars-read")
        if a:
            ratio = a["wall_s"] / p["wall_s"]
            inner = f"; polars in-process read {a['inner_s']:.2f} s" if a["inner_s"] is not None else ""
            checks.append(
                f"pingyi faster than a bare polars read (a): "
                f"{'met' if ratio > 1 else 'not met'} (polars {a['wall_s']:.2f} s / "
                f"pingyi {p['wall_s']:.2f} s = {ratio:.2f}x{inner})"
            )
        checks.append(
            f"pingyi peak RSS at most {TARGET_RSS_MB} MiB: "
            f"{'met' if p['peak_rss_mb'] <= TARGET_RSS_MB else 'not met'} "
            f"({p['peak_rss_mb']:.1f} MB = {p['peak_rss_mb'] / TARGET_RSS_MB:.2f} of {TARGET_RSS_MB} MB)"
        )
    lines += ["", f"## Targets at N = {top:,}", ""] + [f"- {c}" for c in checks]

    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in machine(pingyi)]
    (work / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")

    print(f"Targets at N = {top:,}:")
    for c in checks:
        print(f"  {c}")


if __name__ == "__main__":
    main()
