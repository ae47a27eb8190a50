"""Walks pingyi's web workbench in Debian's chromium (headless, never a downloaded
browser) through the pages only: the bundled example from count table to ranking, a
count table with a bad total, and a returned checklist with an edited record.

usage: serve_browser.py BASE_URL DATA_DIR WORKSPACE SHOTS_DIR

Prints "download: <workspace path>\t<saved file>" for every download, so the caller can
compare them with what `pingyi run` writes; writes a screenshot of every page
(<step>.png) into SHOTS_DIR. Fails on any request off this machine, console error, page
error, or an expectation not met.
"""

import csv
import io
import os
import sys

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
DRAW_SEED = "20260615-青石-民主评议"
AUDIT_SEED = "20260701-青石-抽查"


class Walk:
    def __init__(self, page, base, data, workspace, shots):
        self.page, self.base, self.data = page, base, data
        self.workspace, self.shots = workspace, shots
        self.problems = []

    def check(self, ok, what):
        if not ok:
            self.problems.append(what)

    def go(self, step):
        self.page.goto(self.base + "/" + step)
        self.settle()

    def settle(self):
        """Waits until no work runs (the page reloads itself when it ends)."""
        self.page.wait_for_load_state("load")
        self.page.wait_for_selector("#running", state="detached", timeout=300000)
        self.page.wait_for_load_state("load")

    def submit(self, button):
        self.page.click(button)
        self.settle()

    def shot(self, step):
        self.page.screenshot(path=os.path.join(self.shots, step + ".png"), full_page=True)

    def download_all(self):
        links = self.page.locator("a[data-file]")
        for i in range(links.count()):
            link = links.nth(i)
            rel, shown = link.get_attribute("data-file"), link.inner_text()
            with self.page.expect_download() as d:
                link.click()
            saved = os.path.join(self.shots, "downloads", rel.replace("/", "_"))
            d.value.save_as(saved)
            self.check(d.value.suggested_filename == shown,
                       "download %s named %r, shown as %r" % (rel, d.value.suggested_filename, shown))
            print("download: %s\t%s" % (rel, saved))

    def inputs(self):
        folder = os.path.join(self.workspace, "inputs")
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []

    def counts(self):
        self.go("counts")
        self.check(self.page.locator("label[for=counts]").count() == 1, "counts: no label")
        # a bad 合计: refused at its cell, nothing stored
        bad = os.path.join(self.shots, "bad_total.csv")
        with open(os.path.join(self.data, "county_counts.csv"), encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        head = rows[0]
        col = next((i for i, h in enumerate(head) if "合计" in h), None)
        if col is None:
            head.append("合计")
            col = len(head) - 1
            for r in rows[1:]:
                r.append(str(sum(int(x) for x in r[1:col] if x.strip().isdigit())))
        rows[2][col] = str(int(rows[2][col]) + 7)
        with open(bad, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        self.page.set_input_files("#counts", bad)
        self.submit("form.step button[type=submit]")
        problem = self.page.locator("#problem-counts")
        self.check(problem.count() == 1, "counts: a bad total shows no problem")
        if problem.count():
            text = problem.locator("p.error").inner_text()
            self.check("第 3 行" in text, "counts: the problem names no row 3: " + text)
            self.check("bad_total.csv" in text, "counts: the problem names no file: " + text)
            cell = self.page.locator("#bad-cell")
            self.check(cell.count() == 1, "counts: the bad cell is not marked")
            if cell.count():
                self.check(cell.inner_text() == rows[2][col],
                           "counts: marked cell %r, expected %r" % (cell.inner_text(), rows[2][col]))
        self.shot("counts-bad-total")
        self.check(self.inputs() == [], "counts: a bad table stored %s" % self.inputs())
        self.check(not os.path.exists(os.path.join(self.workspace, "out")), "counts: out/ written")
        # the good table
        self.page.set_input_files("#counts", os.path.join(self.data, "county_counts.xlsx"))
        self.submit("form.step button[type=submit]")
        self.check(self.page.locator("#result-table-1 tfoot").count() == 1, "counts: no totals")
        self.check(self.page.locator("#problem-counts").count() == 0, "counts: refused")
        self.shot("counts")

    def frame(self):
        self.go("frame")
        for field, value in [("#margin", "0.1"), ("#confidence", "0.95"),
                             ("#min_per_stratum", "3"), ("#reserve_rate", "0.3")]:
            self.page.fill(field, value)
        self.submit("#preview")
        self.check(self.page.locator("svg#chart-frame").count() == 1, "frame: no preview chart")
        self.check(not os.path.exists(os.path.join(self.workspace, "out")), "frame: preview wrote")
        self.submit("#save")
        self.check(os.path.exists(os.path.join(self.workspace, "out/county/frame.xlsx")),
                   "frame: not saved")
        self.shot("frame")
        self.download_all()

    def draw(self):
        self.go("draw")
        self.page.set_input_files("#rosters", os.path.join(self.data, "county_roster.csv"))
        self.submit("form[action='/draw/rosters'] button")
        self.page.fill("#seed", DRAW_SEED)
        self.submit("#draw")
        self.check(self.page.locator("#problem-seed").count() == 1,
                   "draw: a seed before the commitment was taken")
        self.submit("#commit")
        self.check(self.page.locator("#notice").count() == 1, "draw: no commitment shown")
        self.page.fill("#seed", DRAW_SEED)
        self.submit("#draw")
        self.check(self.page.locator("#big-seed").inner_text() == DRAW_SEED, "draw: no big seed")
        self.check(self.page.locator("#problem-seed").count() == 0, "draw: refused")
        notice = self.page.locator("#notice").inner_text() if self.page.locator("#notice").count() else ""
        self.check("一致" in notice and "不一致" not in notice, "draw: the draw does not verify: " + notice)
        self.fits("#ws-table-1", "draw: the data-quality table")
        self.shot("draw")
        self.download_all()

    def fits(self, selector, what):
        """Every table `selector` finds ends within the page: on a 1280 px screen, and
        printed on A4 (794 px wide at 96 dpi)."""
        self.check(self.page.locator(selector).count() > 0, what + ": not shown")
        for width, media in ((1280, "screen"), (794, "print")):
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.emulate_media(media=media)
            right = self.page.evaluate(
                "s => Math.max(...[...document.querySelectorAll(s)]"
                ".map(t => t.getBoundingClientRect().right))", selector)
            self.check(right <= width, "%s: %d px wide on a %d px %s" % (what, right, width, media))
        self.page.emulate_media(media="screen")
        self.page.set_viewport_size({"width": 1200, "height": 900})

    def audit(self):
        self.go("audit")
        self.page.fill("#audit_seed", AUDIT_SEED)
        self.submit("#select")
        self.check(os.path.exists(os.path.join(self.workspace, "out/county/audit_checklist.xlsx")),
                   "audit: no checklist")
        # a returned checklist with an edited record: refused, naming the audit number
        edited = os.path.join(self.shots, "edited_checklist.csv")
        with open(os.path.join(self.workspace, "out/county/audit_checklist.csv"),
                  encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        number = rows[1][0]
        unit_col = next(i for i, h in enumerate(rows[0]) if h in ("unit", "单位", "乡镇"))
        rows[1][unit_col] = rows[1][unit_col] + "改"
        with open(edited, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        before = sorted(os.listdir(os.path.join(self.workspace, "out/county")))
        self.page.set_input_files("#checklist", edited)
        self.submit("#tally")
        problem = self.page.locator("#problem-checklist")
        text = problem.inner_text() if problem.count() else ""
        self.check("edited_checklist.csv" in text, "audit: the clerk's file is not named: " + text)
        self.check(number in text, "audit: the edited record's number %s is not named: %r"
                   % (number, text))
        self.check(sorted(os.listdir(os.path.join(self.workspace, "out/county"))) == before,
                   "audit: a refused checklist changed out/")
        self.check(self.returns() == [], "audit: a refused checklist was stored")
        self.shot("audit-edited")
        self.returned_checklists()
        self.check(self.page.locator("#ws-table-1").count() == 1, "audit: no tally table")
        self.shot("audit")
        self.download_all()

    def returns(self):
        folder = os.path.join(self.workspace, "inputs", "returns")
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []

    def tally(self):
        out = os.path.join(self.workspace, "out", "county")
        found = []
        for name in ("audit_tally.csv", "audit_tally.xlsx"):
            path = os.path.join(out, name)
            found.append(open(path, "rb").read() if os.path.exists(path) else None)
        return found

    def upload_returns(self, files, what):
        self.page.set_input_files("#checklist", files)
        self.submit("#tally")
        problem = self.page.locator("#problem-checklist")
        self.check(problem.count() == 0, "audit: %s refused: %s"
                   % (what, problem.inner_text() if problem.count() else ""))

    def returned_checklists(self):
        """Two townships' halves of the filled checklist (shots/returns_a.csv and
        returns_b.csv, split by the test): one, then the other, the first again, and
        both at once in the other order give the same tally; the townships of the half
        not yet returned are shown pending."""
        a, b = (os.path.join(self.shots, n) for n in ("returns_a.csv", "returns_b.csv"))
        units_of = lambda path: {r["乡镇"] for r in csv.DictReader(open(path, encoding="utf-8-sig"))}
        self.upload_returns(a, "the first half")
        pending = self.page.locator("#pending")
        text = pending.inner_text() if pending.count() else ""
        self.check(all(u in text for u in units_of(b)) and not any(u in text for u in units_of(a)),
                   "audit: pending shows %r, expected the townships of %s" % (text, units_of(b)))
        self.check("未返回" in text, "audit: pending is not called 未返回: " + text)
        self.shot("audit-pending")
        self.upload_returns(b, "the second half")
        self.check(self.page.locator("#pending-none").count() == 1, "audit: still pending")
        one_by_one = self.tally()
        self.upload_returns(a, "a half returned twice")
        self.check(len(self.returns()) == 2, "audit: a file returned twice is stored twice: %s"
                   % self.returns())
        self.check(self.tally() == one_by_one, "audit: a file returned twice changed the tally")
        # one return removed: its townships pending again; uploaded again: the same tally
        self.page.locator("#stored-returns li", has_text="returns_a.csv").locator("button").click()
        self.settle()
        pending = self.page.locator("#pending")
        text = pending.inner_text() if pending.count() else ""
        self.check(self.returns() != [] and all(u in text for u in units_of(a)),
                   "audit: removing a return left pending %r" % text)
        self.upload_returns(a, "the first half again")
        self.check(self.tally() == one_by_one, "audit: removed and uploaded again, another tally")
        self.submit("#clear-returns")
        self.check(self.returns() == [] and self.tally() == [None, None],
                   "audit: clearing left %s / a tally" % self.returns())
        self.upload_returns([b, a], "both at once")
        self.check(self.tally() == one_by_one and None not in one_by_one,
                   "audit: both at once in the other order tally differently")
        print("returns: tallied")

    def score(self):
        self.go("score")
        self.page.set_input_files("#responses", os.path.join(self.data, "county_responses.csv"))
        self.page.set_input_files("#inspection", os.path.join(self.data, "county_inspection.csv"))
        self.page.set_input_files("#call_log", os.path.join(self.data, "county_calls.csv"))
        self.submit("#score")
        self.check(self.page.locator("#problem-responses").count() == 0,
                   "score: refused: " + self.page.inner_text("main"))
        self.check(self.page.locator("#ranking-chart svg").count() == 1, "score: no chart")
        self.shot("score")
        self.download_all()
        self.table_speaks("score", ["总分", "排名"], "通报表扬", ["total", "rank"], "commended")
        self.table_speaks("audit", ["虚假率", "扣分"], "需全面复核", ["false_rate", "deduction"], "recheck")
        self.table_speaks("draw", ["问题", "说明"], "身份证号无效", ["issue", "detail"], "invalid_id_number")

    def table_speaks(self, step, zh_heads, zh_flag, en_heads, en_flag):
        """The step's table in Chinese, then with the English switch, then back."""
        for lang, heads, flag in (("en", en_heads, en_flag), ("zh", zh_heads, zh_flag)):
            self.page.goto(self.base + "/" + step + "?lang=" + lang)
            self.settle()
            table = self.page.locator("#ws-table-1")
            shown = [h.inner_text() for h in table.locator("thead th").all()] if table.count() else []
            cells = [c.inner_text() for c in table.locator("tbody td").all()] if table.count() else []
            self.check(all(h in shown for h in heads),
                       "%s (%s): headers %s lack %s" % (step, lang, shown, heads))
            self.check(any(flag in c for c in cells), "%s (%s): no flag %r" % (step, lang, flag))
            if lang == "en":
                self.shot(step + "-en")

    def verify(self):
        self.go("verify")
        self.submit("#verify")
        verdicts = self.page.locator("#verdicts")
        text = verdicts.inner_text() if verdicts.count() else ""
        self.check(text.count("一致") >= 5 and "不一致" not in text, "verify: " + text)
        self.dropped_alone()
        self.dropped_with_manifest()
        self.shot("verify")

    def drop(self, files):
        self.page.set_input_files("#dropped", files)
        self.submit("#verify")
        notice = self.page.locator("#notice")
        return notice.inner_text() if notice.count() else ""

    def dropped_alone(self):
        """The downloaded sample dropped without its manifest: untouched it is OK;
        with one name edited, NOT OK naming the cell and its column, the name masked."""
        downloaded = os.path.join(self.shots, "downloads", "out_county_sample.csv")
        with open(downloaded, encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        same = os.path.join(self.shots, "抽样名单.csv")
        with open(same, "wb") as f:
            f.write(open(downloaded, "rb").read())
        text = self.drop(same)
        self.check("一致" in text and "有改动" not in text, "verify: the untouched sample: " + text)
        name = rows[0].index("姓名")
        rows[3][name] = rows[3][name] + "甲"
        tampered = os.path.join(self.shots, "tampered", "抽样名单.csv")
        os.makedirs(os.path.dirname(tampered), exist_ok=True)
        with open(tampered, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(rows)
        text = self.drop(tampered)
        cell = "%s4" % chr(ord("A") + name)
        self.check("有改动" in text and cell in text and "姓名" in text and rows[3][name][0] + "*" in text,
                   "verify: the tampered sample does not name %s (姓名): %s" % (cell, text))
        self.check(rows[3][name] not in text, "verify: the edited name shown in clear: " + text)
        self.shot("verify-tampered")

    def dropped_with_manifest(self):
        """The frame dropped with its manifest and the count table it was made from:
        OK; edited, NOT OK with verify's own cell-level difference."""
        out = os.path.join(self.workspace, "out", "county")
        manifest = os.path.join(out, "frame.csv.manifest.json")
        counts = os.path.join(self.data, "county_counts.xlsx")
        text = self.drop([os.path.join(out, "frame.csv"), manifest, counts])
        self.check(text.startswith("一致") and "有改动" not in text and "county_counts" not in text
                   and "frame.csv.manifest.json" in text and ".pingyi" not in text,
                   "verify: the frame with its manifest: " + text)
        with open(os.path.join(out, "frame.csv"), encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        sample = rows[0].index("sample")
        rows[1][sample] = str(int(rows[1][sample]) + 1)
        edited = os.path.join(self.shots, "frame.csv")
        with open(edited, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\r\n").writerows(rows)
        text = self.drop([edited, manifest, counts])
        self.check("有改动" in text and "按输入重新生成的抽样框为" in text,
                   "verify: the edited frame with its manifest: " + text)

    def report(self):
        self.go("report")
        self.shot("report")
        self.download_all()


def main(base, data, workspace, shots):
    os.makedirs(os.path.join(shots, "downloads"), exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
        page = context.new_page()
        walk = Walk(page, base, data, workspace, shots)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                   else (walk.problems.append("off-machine request: " + r.request.url), r.abort()))
        page.on("console", lambda m: m.type == "error" and walk.problems.append("console: " + m.text))
        page.on("pageerror", lambda e: walk.problems.append("page error: %s" % e))
        for step in (walk.counts, walk.frame, walk.draw, walk.audit, walk.score, walk.verify, walk.report):
            try:
                step()
            except Exception as e:  # the page as it was, to see why
                walk.problems.append("%s: %s\npage:\n%s" % (step.__name__, e, page.inner_text("main")))
                break
        # keyboard only: the first Tab reaches the skip link, Enter follows it
        page.goto(base + "/counts")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        walk.check(focused == "skip", "keyboard: the first Tab lands on %r" % focused)
        # the header names the workspace by its folder's name, never its path on disk
        where = page.inner_text("header .where")
        walk.check(where.endswith(os.path.basename(workspace.rstrip("/")))
                   and os.path.dirname(os.path.abspath(workspace)) not in where,
                   "header: the workspace shown as %r" % where)
        browser.close()
    for p in walk.problems:
        print("PROBLEM: " + p, file=sys.stderr)
    return 1 if walk.problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
