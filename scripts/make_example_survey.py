"""Makes the example county's survey data (fictional): the call log, the answers and
the inspection scores, from the sample `pingyi run` draws (out/county/sample.csv).

Each main respondent is called in rank order; most are reached, a few refuse, do not
answer or turn out not to be recipients (非服务对象, mostly in 马坪镇), and each one lost is
replaced by the stratum's next reserve, in rank order. Township offices differ in how
satisfied their recipients are.

Run: python3 scripts/make_example_survey.py   (after `cargo run --release -- run`)
"""

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SATISFACTION = ["满意", "基本满意", "不太满意", "不满意"]
MISCONDUCT = ["不存在", "不严重", "严重"]


def main():
    rng = random.Random(20260801)
    with open(ROOT / "out/county/sample.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    strata = {}
    for r in rows:
        strata.setdefault((r["乡镇"], r["类别"]), []).append(r)
    units = sorted({r["乡镇"] for r in rows})
    mood = {u: rng.uniform(0.45, 0.9) for u in units}
    calls, answers = [], []
    for (unit, category), recs in sorted(strata.items()):
        recs.sort(key=lambda r: int(r["stratum_rank"]))
        mains = [r for r in recs if r["role"] == "main"]
        reserves = [r for r in recs if r["role"] == "reserve"]
        for m in mains:
            who = m
            while True:
                p = rng.random()
                not_recipient = 0.06 if unit == "马坪镇" else 0.004
                if p < not_recipient:
                    disposition = "非服务对象"
                elif p < not_recipient + 0.05:
                    disposition = "拒访"
                elif p < not_recipient + 0.08:
                    disposition = "无人接听"
                else:
                    disposition = "接通"
                if who["role"] == "reserve" and disposition != "非服务对象":
                    disposition = "接通"
                calls.append((who["编号"], disposition))
                q1 = q2 = ""
                if disposition == "接通":
                    good = mood[unit]
                    q1 = rng.choices(SATISFACTION, [good, (1 - good) * 0.6, (1 - good) * 0.3, (1 - good) * 0.1])[0]
                    q2 = rng.choices(MISCONDUCT, [0.5 + good / 2, (1 - good) * 0.4, (1 - good) * 0.1])[0]
                    if rng.random() < 0.02:
                        q2 = ""  # declined to answer the second question
                answers.append((who["编号"], unit, category, disposition, q1, q2))
                if disposition == "接通" or not reserves:
                    break
                who = reserves.pop(0)
    with open(ROOT / "data/county_calls.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["编号", "通话结果"])
        w.writerows(calls)
    with open(ROOT / "data/county_responses.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["编号", "乡镇", "类别", "通话结果", "总体满意度", "不良行为"])
        w.writerows(answers)
    with open(ROOT / "data/county_inspection.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["乡镇", "检查评估"])
        for u in units:
            w.writerow([u, round(rng.uniform(21, 29.5) * 2) / 2])


if __name__ == "__main__":
    main()
