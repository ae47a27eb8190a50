"""Writes the benchmark's count table: about 200 fictional townships, N recipients.

Unit sizes are lognormal (sigma 1), so a few townships are ten times the median and
some are a tenth of it. Each township's split across the five categories starts from
skewed base shares (rural minimum living guarantee about half, charity a few percent)
and is perturbed per township. Whole numbers come from largest remainder, so the
table adds up to exactly N. The 样本量 column asks `pingyi frame` for 1% of each
township (largest remainder again, so the frame's total is exactly round(N / 100)).

Only the standard library is used, with a fixed seed: the same N gives the same table
on any machine.

Usage: python3 gen_counts.py --rows N --out counts.csv [--units 200] [--seed 20240601]
"""

import argparse
import csv
import math
import random

CATEGORIES = ["农村低保", "城市低保", "五保", "优抚", "慈善"]
BASE_SHARES = [0.52, 0.24, 0.09, 0.09, 0.06]
STEMS = [
    "城关", "青石", "白沙", "柳河", "龙泉", "马坪", "石桥", "桃源", "新集", "高庙",
    "双河", "凤凰", "杨柳", "东岗", "西岭", "南岔", "北坡", "黄土", "红岩", "金沙",
    "银杏", "松林", "竹园", "梅溪", "兰田", "荷塘", "沙坝", "李家", "王庄", "张湾",
]
KINDS = ["镇", "乡", "街道"]


def largest_remainder(total, weights):
    """Whole numbers proportional to weights that add up to total exactly."""
    s = sum(weights)
    exact = [total * w / s for w in weights]
    out = [math.floor(x) for x in exact]
    short = total - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[:short]:
        out[i] += 1
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--units", type=int, default=200)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--sample-fraction", type=float, default=0.01)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)

    names = []
    for i in range(a.units):
        stem = STEMS[rng.randrange(len(STEMS))]
        kind = KINDS[0] if rng.random() < 0.55 else KINDS[1] if rng.random() < 0.8 else KINDS[2]
        names.append(f"{stem}{kind}{i + 1:03d}")

    # Lognormal unit sizes, floored at a fifth of the median so no unit is empty.
    weights = [max(rng.lognormvariate(0.0, 1.0), 0.2) for _ in range(a.units)]
    unit_totals = largest_remainder(a.rows, weights)

    table = []
    for total in unit_totals:
        shares = [b * rng.lognormvariate(0.0, 0.5) for b in BASE_SHARES]
        table.append(largest_remainder(total, shares))

    # 1% of each unit, exactly round(N * fraction) in all; every unit at least 1.
    target = round(a.rows * a.sample_fraction)
    samples = largest_remainder(target, unit_totals)
    for i, n in enumerate(samples):
        if n == 0 and unit_totals[i] > 0:
            j = max(range(len(samples)), key=lambda k: (samples[k], -k))
            samples[j] -= 1
            samples[i] = 1
    assert sum(map(sum, table)) == a.rows and sum(samples) == target

    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["乡镇", *CATEGORIES, "样本量"])
        for name, row, n in zip(names, table, samples):
            w.writerow([name, *row, n])

    cat_totals = [sum(r[k] for r in table) for k in range(len(CATEGORIES))]
    srt = sorted(unit_totals)
    print(
        f"counts: {a.rows} rows, {a.units} units (smallest {srt[0]}, median "
        f"{srt[len(srt) // 2]}, largest {srt[-1]}); categories "
        + ", ".join(f"{c} {t / a.rows:.1%}" for c, t in zip(CATEGORIES, cat_totals))
        + f"; sample {target}"
    )


if __name__ == "__main__":
    main()
