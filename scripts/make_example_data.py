"""Regenerates the bundled example tables in data/ (fictional units and counts).

The counts are invented but shaped like real ones: rural minimum-living-guarantee
recipients dominate, urban ones concentrate in the county seat, five-guarantee and
charity strata are small. The example county (青石县) is one of the city's county
bureaus, and its township table adds up to that bureau's row in the city table.

Run: python3 scripts/make_example_data.py   (needs openpyxl; the outputs are committed)
"""

import csv
import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DATA = Path(__file__).resolve().parent.parent / "data"
CATEGORIES = ["农村低保", "城市低保", "五保", "优抚", "慈善"]

TOWNSHIPS = [
    "城关镇", "青石镇", "白沙镇", "柳河乡", "龙泉乡", "马坪镇", "石桥乡", "桃源乡",
    "新集镇", "高庙乡", "双河镇", "凤凰乡", "杨柳乡", "东岗镇", "西岭林场",
]
COUNTIES = [
    "东湖区民政局", "西山区民政局", "青石县民政局", "白水县民政局", "柳林县民政局",
    "安平县民政局", "丰源县民政局", "河口县民政局",
]


def township_counts(rng):
    rows = []
    for name in TOWNSHIPS:
        seat = name == "城关镇"
        farm = name.endswith("场")
        rural = rng.randint(120, 360) if farm else rng.randint(540, 2580)
        urban = rng.randint(1260, 1920) if seat else rng.randint(0, 135)
        five = rng.randint(9, 36) if farm else rng.randint(54, 330)
        care = rng.randint(75, 570)
        charity = rng.randint(6, 165)
        rows.append([name, rural, urban, five, care, charity])
    return rows


def county_counts(rng, qingshi_total):
    rows = []
    for name in COUNTIES:
        if name == "青石县民政局":
            rows.append([name] + qingshi_total)
            continue
        district = name.endswith("区民政局")
        rural = rng.randint(4500, 12000) if district else rng.randint(15600, 35400)
        urban = rng.randint(7800, 15600) if district else rng.randint(1800, 5700)
        five = rng.randint(450, 1200) if district else rng.randint(1800, 4500)
        care = rng.randint(2700, 7800)
        charity = rng.randint(360, 2400)
        rows.append([name, rural, urban, five, care, charity])
    return rows


def totals(rows):
    return [sum(r[i] for r in rows) for i in range(1, 6)]


def write_csv(path, unit_header, rows):
    """The wide form as an office fills it in: 序号, unit, categories, 合计, then a totals row."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["序号", unit_header] + CATEGORIES + ["合计"])
        for i, r in enumerate(rows, 1):
            w.writerow([i, r[0]] + r[1:] + [sum(r[1:])])
        t = totals(rows)
        w.writerow(["", "合计"] + t + [sum(t)])


def write_xlsx(path, title, filler, unit_header, rows):
    """The same table as a workbook: a title row, a 填报单位 line, header, totals row, notes."""
    wb = Workbook()
    ws = wb.active
    ws.title = "类别和数量表"
    width = 3 + len(CATEGORIES)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f"填报单位：{filler}", None, None, None, "单位：人"])
    ws.append(["序号", unit_header] + CATEGORIES + ["合计"])
    for i, r in enumerate(rows, 1):
        ws.append([i, r[0]] + r[1:] + [sum(r[1:])])
    t = totals(rows)
    # Values, not formulas: a workbook saved by a script has no cached formula results.
    ws.append([None, "合计"] + t + [sum(t)])
    ws.append([])
    ws.append(["注：人数为截至5月底在册服务对象人数。"])
    ws.append(["填表人：王丽    审核人：张建国    联系电话：0000-1234567"])
    for col, w in zip("ABCDEFGH", [6, 16, 10, 10, 8, 8, 8, 10]):
        ws.column_dimensions[col].width = w
    wb.save(path)


def main():
    rng = random.Random(20260601)
    towns = township_counts(rng)
    cities = county_counts(rng, totals(towns))
    write_csv(DATA / "county_counts.csv", "乡镇", towns)
    write_csv(DATA / "city_counts.csv", "被评单位", cities)
    write_xlsx(
        DATA / "county_counts.xlsx",
        "青石县民政服务对象类别和数量表",
        "青石县民政局",
        "乡镇",
        towns,
    )
    write_xlsx(
        DATA / "city_counts.xlsx",
        "示例市民生工程、服务对象类别和数量表",
        "示例市民政局",
        "被评单位",
        cities,
    )


if __name__ == "__main__":
    main()
