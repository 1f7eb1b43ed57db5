#!/usr/bin/env python3
"""The season in a real browser (headless Chromium through selenium), against a running
`ictindex serve` with demo accounts:

  the public page shows last year's report; a province signs in, fills the form with one invalid answer, sees the Vietnamese error, fixes
  it, submits and sees its score; a reviewer returns the submission with a comment; the province
  sees the comment and resubmits; the reviewer accepts; the admin computes and publishes; the
  public page shows the ranking.

Screenshots of every step at 390 px and 1366 px go to --shots. Exits 0 when every step passed;
otherwise prints the failed step, the page's URL and text, and exits 1.

Usage: season_flow.py --base http://127.0.0.1:PORT --shots DIR --accounts FILE.json
  FILE.json: {"submitter": {"email": ..., "password": ..., "unit": ...},
              "reviewer": {...}, "admin": {...}}   (the demo accounts the server printed)
The answers come from Examples/vn-it-application/survey-2019.csv (the unit's own row).
"""
import argparse
import csv
import json
import os
import pathlib
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "Examples/vn-it-application/survey-2019.csv"
WIDTHS = (390, 1366)


class StepFailed(Exception):
    pass


class Flow:
    def __init__(self, base, shots, accounts):
        self.base = base.rstrip("/")
        self.shots = pathlib.Path(shots)
        self.shots.mkdir(parents=True, exist_ok=True)
        self.accounts = accounts
        self.step = "start"
        self.count = 0
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--lang=vi", "--window-size=1366,900"):
            options.add_argument(flag)
        # A Vietnamese official's browser: Accept-Language vi (--lang alone does not set it in
        # headless mode, and the server follows Accept-Language until the vi/en switch is used).
        options.add_experimental_option("prefs", {"intl.accept_languages": "vi,vi-VN"})
        binary = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
        if os.path.exists(binary):
            options.binary_location = binary
        service = None
        driver_path = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
        if os.path.exists(driver_path):
            service = webdriver.ChromeService(executable_path=driver_path)
        self.driver = webdriver.Chrome(options=options, service=service)
        # Publishing writes the national report twice (vi, en): seconds in a release build, a
        # minute or more in a loaded debug build.
        self.driver.set_page_load_timeout(240)

    # ── helpers ──────────────────────────────────────────────────────────────────────────
    def go(self, path):
        self.driver.get(self.base + path)

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def expect(self, condition, message):
        if not condition:
            raise StepFailed(message)

    def expect_text(self, *needles):
        body = self.text()
        for needle in needles:
            self.expect(needle in body, f"the page does not show {needle!r}")

    def shoot(self, name):
        """A full-page screenshot at each width; also checks the page is not wider than the
        window (no horizontal scrolling) at 390 px."""
        self.count += 1
        for width in WIDTHS:
            self.driver.set_window_size(width, 900)
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(width, min(max(height, 600), 6000))
            path = self.shots / f"{self.count:02d}-{name}-{width}.png"
            self.driver.save_screenshot(str(path))
            if width == 390:
                wide = self.driver.execute_script(
                    "return [document.documentElement.scrollWidth, window.innerWidth]")
                self.expect(wide[0] <= wide[1], f"{name}: the page is {wide[0]} px wide in a {wide[1]} px window")
        self.driver.set_window_size(1366, 900)
        # The page itself, beside the stylesheet, for /work/shared/tools/narrow_probe.py-style
        # checks of the HTML at 390 px from a file.
        html = self.driver.page_source.replace('href="/static/site.css"', 'href="site.css"')
        html = html.replace('<script src="/static/app.js" defer=""></script>', "")
        (self.shots / f"{self.count:02d}-{name}.html").write_text(html, encoding="utf-8")

    def fill(self, name, value):
        element = self.driver.find_element(By.NAME, name)
        if element.tag_name == "select":
            for option in element.find_elements(By.TAG_NAME, "option"):
                if option.get_attribute("value") == value or option.text == value:
                    option.click()
                    return
            raise StepFailed(f"{name}: no option {value!r}")
        element.clear()
        element.send_keys(value)

    def settled(self):
        """Waits until the current page has finished loading."""
        WebDriverWait(self.driver, 240).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete")

    def click(self, css):
        """Clicks a form's button and waits for the page it leads to (every button here submits
        a form): without the wait, the next step may find elements of the page being left.

        Chromedriver sometimes reports "Node with given id does not belong to the document" for
        a click on a page that has only just been committed; the click was then not delivered
        (the page is unchanged), so it is tried again on freshly found elements. A click that
        did lead away (the old page is gone) is never repeated: that would submit twice."""
        for attempt in range(3):
            self.settled()
            old = self.driver.find_element(By.TAG_NAME, "html")
            try:
                self.driver.find_element(By.CSS_SELECTOR, css).click()
            except WebDriverException:
                # Was the click delivered after all? Give a navigation it started time to begin.
                time.sleep(2)
                if expected_conditions.staleness_of(old)(self.driver):
                    self.settled()
                    return
                if attempt == 2:
                    raise
                continue
            WebDriverWait(self.driver, 240).until(expected_conditions.staleness_of(old))
            self.settled()
            return

    def sign_in(self, role):
        account = self.accounts[role]
        self.driver.delete_all_cookies()
        self.go("/sign-in")
        self.fill("email", account["email"])
        self.fill("password", account["password"])
        self.click("#signin")
        self.expect("/sign-in" not in self.driver.current_url, f"{role} could not sign in: {self.text()[:300]}")

    def sign_out(self):
        self.click("#signout")

    # ── the season ───────────────────────────────────────────────────────────────────────
    def run(self):
        unit = self.accounts["submitter"]["unit"]
        answers = example_answers(unit)
        with urllib.request.urlopen(self.base + "/static/site.css", timeout=10) as response:
            (self.shots / "site.css").write_bytes(response.read())

        self.step = "the public page shows last year's published report"
        self.go("/")
        self.expect_text("năm 2018")
        self.expect(not self.driver.find_elements(By.XPATH, "//h1[contains(., 'năm 2019')]"), "2019 is public before it is published")

        self.step = "the province signs in"
        self.sign_in("submitter")
        self.go("/season/form")
        self.expect_text("Phiếu khảo sát", "Lưu nháp")

        self.step = "the province fills the form with one invalid answer"
        staff_total = int(answers["staff_total"])
        for field, value in answers.items():
            if self.driver.find_elements(By.NAME, "a." + field):
                self.fill("a." + field, value)
        # More staff with a computer than staff: the methodology's constraint computers_le_staff.
        self.fill("a.staff_with_computer", str(staff_total + 5))
        self.click("#save")
        self.expect_text("Số người có máy tính không vượt quá tổng số cán bộ")
        errors = self.driver.find_elements(By.CSS_SELECTOR, ".q.has-error")
        self.expect(errors, "no question is marked as wrong")
        self.expect(not self.driver.find_elements(By.CSS_SELECTOR, "#submit:not([disabled])"),
                    "Nộp is offered while the draft is invalid")
        self.driver.execute_script("document.querySelector('.q.has-error').scrollIntoView()")
        self.shoot("form-invalid")

        self.step = "the province fixes the answer and submits"
        self.fill("a.staff_with_computer", answers["staff_with_computer"])
        self.click("#save")
        self.expect(not self.driver.find_elements(By.CSS_SELECTOR, ".q.has-error"), "the error is still shown after the fix")
        self.click("#submit")
        self.expect_text("Đã nộp")

        self.step = "the province sees its score"
        self.go("/season/self-assessment")
        score = self.driver.find_element(By.ID, "index").text
        self.expect(score.startswith("0,"), f"the index shown is {score!r}, not a number on 0–1 in Vietnamese style")
        self.shoot("self-assessment")
        self.sign_out()

        self.step = "the reviewer sees the dashboard and returns the submission with a comment"
        self.sign_in("reviewer")
        self.go("/season/dashboard")
        self.expect_text("Đã nộp")
        self.shoot("dashboard")
        self.go(f"/season/review/{unit}")
        self.fill("c.staff_with_computer", "Đề nghị kiểm tra lại số cán bộ có máy tính")
        self.shoot("review")
        self.click("#return")
        self.expect_text("Đã trả lại")
        self.sign_out()

        self.step = "the province sees the comment and resubmits"
        self.sign_in("submitter")
        self.go("/season/form")
        self.expect_text("Đề nghị kiểm tra lại số cán bộ có máy tính")
        self.shoot("form-returned")
        self.click("#submit")
        self.expect_text("Đã nộp")
        self.sign_out()

        self.step = "the reviewer accepts"
        self.sign_in("reviewer")
        self.go(f"/season/review/{unit}")
        self.click("#accept")
        self.expect_text("Đã chấp nhận")
        self.sign_out()

        self.step = "the admin computes and publishes"
        self.sign_in("admin")
        self.go("/season/admin")
        self.click("#compute")
        self.expect_text("Đã tính")
        self.click("#publish")
        self.expect_text("Đã công bố")
        self.shoot("admin")
        self.sign_out()

        self.step = "the public page shows the ranking"
        self.driver.delete_all_cookies()
        self.go("/")
        self.expect_text("năm 2019", "Tỉnh, thành phố trực thuộc Trung ương")
        name = self.accounts["submitter"].get("unitName")
        if name:
            self.expect_text(name)
        self.shoot("public-ranking")
        self.go("/en/")
        self.expect_text("year 2019", "Provinces and centrally-run cities")


def example_answers(unit):
    """The unit's 2019 answers from the bundled example, by field id (non-empty only)."""
    with open(EXAMPLE, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["id"] == unit:
                skip = {"period", "block", "id", "name"}
                return {key: value for key, value in row.items() if key not in skip and value != ""}
    raise StepFailed(f"unit {unit} is not in {EXAMPLE}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--shots", required=True)
    parser.add_argument("--accounts", required=True)
    args = parser.parse_args()
    accounts = json.loads(pathlib.Path(args.accounts).read_text(encoding="utf-8"))
    started = time.monotonic()
    flow = Flow(args.base, args.shots, accounts)
    try:
        flow.run()
    except (StepFailed, WebDriverException) as error:
        print(f"FAILED at step: {flow.step}\n  {type(error).__name__}: {error}")
        try:
            print(f"  URL: {flow.driver.current_url}\n  page text:\n{flow.text()[:3000]}")
            flow.shoot("failure")
        except Exception:  # the browser may be gone
            pass
        return 1
    finally:
        flow.driver.quit()
    print(f"season flow passed in {time.monotonic() - started:.1f} s; {flow.count} screenshots in {args.shots}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
