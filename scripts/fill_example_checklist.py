"""Fills the example county's audit checklist as verifiers would (fictional results).

Input: the checklist `pingyi audit select` wrote for the example (run `pingyi run` with
audit_results commented out in data/pingyi.toml, or `pingyi audit select` by hand);
output: data/county_audit_filled.xlsx. Most records are genuine; a few in 马坪镇, 青石镇
and 城关镇 are false recipients, two could not be reached.

Run: python3 scripts/fill_example_checklist.py CHECKLIST.xlsx   (needs openpyxl)
"""

import sys
from pathlib import Path

from openpyxl import load_workbook

OUT = Path(__file__).resolve().parent.parent / "data" / "county_audit_filled.xlsx"
# (unit, how many of its checked records are false, how many unverifiable)
FINDINGS = {"马坪镇": (4, 1), "青石镇": (2, 0), "城关镇": (1, 1)}


def main():
    wb = load_workbook(sys.argv[1])
    ws = wb.active
    header = [c.value for c in ws[1]]
    unit_col = header.index("乡镇")
    result_col = header.index("核查结果")
    verifier_col = header.index("核查人")
    date_col = header.index("核查日期")
    notes_col = header.index("备注")
    seen = {}
    for row in ws.iter_rows(min_row=2):
        unit = row[unit_col].value
        k = seen.get(unit, 0)
        seen[unit] = k + 1
        false_n, unverifiable_n = FINDINGS.get(unit, (0, 0))
        if k < false_n:
            result, note = "虚假", "本人不在册，系代填"
        elif k < false_n + unverifiable_n:
            result, note = "无法核实", "电话无人接听，三次"
        else:
            result, note = "真实", None
        row[result_col].value = result
        row[verifier_col].value = "李华" if k % 2 else "周敏"
        row[date_col].value = "2026-07-0%d" % (1 + k % 5)
        row[notes_col].value = note
    wb.save(OUT)


if __name__ == "__main__":
    main()
