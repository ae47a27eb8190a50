"""Opens pingyi's HTML report in Debian's chromium (headless, never a downloaded browser)
from disk with the network blocked, and checks what a reader sees.

usage: report_browser.py REPORT.html OUTDIR EXPECT.json

EXPECT.json: {"charts": {"<svg id>": [<selector inside it>, <count>], ...},
              "ranking": {"<svg id>": ["unit", ...]}}
Fails on any non-file request, console error, page error or failed request; writes
report.png (full page) and report.pdf (A4 print) into OUTDIR and prints their paths.
"""

import json
import sys

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]


def main(report, outdir, expect_path):
    with open(expect_path, encoding="utf-8") as f:
        expect = json.load(f)
    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        blocked = []

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and problems.append("console: " + m.text))
        page.on("pageerror", lambda e: problems.append("page error: %s" % e))
        page.on("requestfailed", lambda r: problems.append("request failed: " + r.url))
        page.goto("file://" + report, wait_until="load")
        problems += ["network request: " + u for u in blocked]
        if page.locator("script").count():
            problems.append("the page holds a script")
        for chart, (selector, count) in expect["charts"].items():
            got = page.locator("svg#%s %s" % (chart, selector)).count()
            if got != count:
                problems.append("%s: %d × %s, expected %d" % (chart, got, selector, count))
        for chart, units in expect["ranking"].items():
            labels = page.locator("svg#%s text.label" % chart).all_text_contents()
            got = [l.split(". ", 1)[-1] for l in labels]
            if got != units:
                problems.append("%s: ranking %s, expected %s" % (chart, got, units))
        png, pdf = outdir + "/report.png", outdir + "/report.pdf"
        page.screenshot(path=png, full_page=True)
        page.pdf(path=pdf, format="A4", print_background=True)
        browser.close()
    print("screenshot: " + png)
    print("print (A4 PDF): " + pdf)
    for p in problems:
        print("PROBLEM: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
