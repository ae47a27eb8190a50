"""Shuffles a CSV's data rows into a fixed random order, keeping the header first.

`pingyi synth` writes rosters sorted by unit and category; real rosters arrive in no
useful order, and sorted input flatters every tool. Python's seeded shuffle gives the
same order on any machine (unlike `shuf --random-source`, whose use of the bytes
depends on the coreutils version).

Usage: python3 shuffle.py IN OUT SEED
"""

import random
import sys


def main():
    src, dst, seed = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(src, "rb") as f:
        header = f.readline()
        lines = f.readlines()
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += b"\n"
    random.Random(seed).shuffle(lines)
    with open(dst, "wb") as f:
        f.write(header)
        f.writelines(lines)


if __name__ == "__main__":
    main()
