"""The app in headless Chromium: sign up, log in, upload a FIT and an RR file, see the recording and its chart;
check in, fill in the FIQR, plan an LDN trial and log two weeks of doses; share the diary (and only the diary)
with a clinician, revoke it, and print a report; share pacing and revoke; export and delete.

Chromium is the system's (``/usr/bin/chromium``, installed by ``scripts/services``), driven by Playwright.
Screenshots of the main pages are checked not to be blank, the pages to fit a phone's 375-pixel width, and
the browser to report no Content-Security-Policy violation.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from tests.app.conftest import PASSWORD, free_port
from tests.conftest import shared_file

CHROMIUM = "/usr/bin/chromium"
# Root in a container: no sandbox; a closed network: no background connections (see the machine notes).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("browser-data")
    port = free_port()
    environment = {
        **os.environ,
        "FIBROKIT_DATA_DIR": str(data),
        "FIBROKIT_ENV": "development",
        "FIBROKIT_SIGNUP": "open",
        "FIBROKIT_SIGNUPS_PER_HOUR": "100",  # every test signs up from 127.0.0.1
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "fibrokit", "serve", "--port", str(port)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        import httpx2 as httpx

        for _ in range(300):
            try:
                httpx.get(url + "/login", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run the tests through scripts/check, which installs Chromium")
    with sync_playwright() as playwright:  # Playwright gives Chromium a new, empty profile itself
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield instance
        instance.close()


def not_blank(path: Path) -> float:
    """Standard deviation of the screenshot's pixel values (a blank page is about 0)."""
    pixmap = pymupdf.Pixmap(str(path))
    pixels = np.frombuffer(pixmap.samples, dtype=np.uint8)
    return float(pixels.std())


def _sign_up_and_log_in(page: Page, server: str, email: str = "browser@example.org") -> None:
    page.goto(server + "/signup")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password (at least 10 characters)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_text("log in with the password you chose").wait_for()  # sign-up never signs in by itself
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/p/*")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/p/*")


@pytest.mark.slow
def test_a_person_signs_up_uploads_files_and_sees_the_recording_chart(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_up_and_log_in(page, server)

    page.get_by_role("link", name="Import").first.click()
    files = tmp_path / "upload"
    files.mkdir()
    shutil.copy(shared_file("fit/garmin-fenix-5-run.fit"), files / "garmin-fenix-5-run.fit")
    # An RR file states no date: named by its day, it is that day's morning reading (and fills the weekly chart).
    shutil.copy(shared_file("polar/rest_rri.txt"), files / "2025-03-19.txt")
    page.get_by_label("Files (one or many").set_input_files(
        [files / "garmin-fenix-5-run.fit", files / "2025-03-19.txt"]
    )
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url("**/imports/*")
    page.get_by_text("2 of 2 files done").wait_for(timeout=60_000)
    shots = {"import": tmp_path / "import.png"}
    page.screenshot(path=shots["import"], full_page=True)

    page.get_by_role("link", name="garmin-fenix-5-run.fit: imported as").click()
    page.wait_for_url("**/recordings/*")
    page.locator("#chart-hr .main-svg").first.wait_for(timeout=30_000)
    assert page.locator("#chart-hr .scatterlayer .trace").count() >= 1
    shots["recording"] = tmp_path / "recording.png"
    page.screenshot(path=shots["recording"], full_page=True)

    page.get_by_text("Rename this recording").click()
    page.get_by_label(re.compile("^Name")).fill("Park run <with> Ana")
    page.get_by_role("button", name="Rename").click()
    page.get_by_role("heading", name="Park run <with> Ana").wait_for()

    page.get_by_role("link", name="Recordings").first.click()
    page.get_by_text("2 recordings").wait_for()
    assert page.get_by_role("link", name="Park run <with> Ana").count() == 1  # the list shows the new name
    shots["recordings"] = tmp_path / "recordings.png"
    page.screenshot(path=shots["recordings"], full_page=True)

    page.get_by_role("link", name="Dashboard").first.click()
    page.locator("[data-chart-key=weekly] .main-svg").first.wait_for(timeout=30_000)
    shots["dashboard"] = tmp_path / "dashboard.png"
    page.screenshot(path=shots["dashboard"], full_page=True)

    for name, path in shots.items():
        assert not_blank(path) > 10, f"the {name} page looks blank"
    assert violations == [], "\n".join(violations)

    phone = browser.new_context(viewport={"width": 375, "height": 800}, storage_state=context.storage_state())
    small = phone.new_page()
    for url in (page.url, page.url + "/recordings"):
        small.goto(url)
        width = small.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url} is {width} px wide on a phone"
    small.keyboard.press("Tab")
    assert small.evaluate("document.activeElement.textContent") == "Skip to content"
    phone.close()
    context.close()


def _check_in(page: Page, ratings: dict[str, int], factor: str) -> None:
    for legend, value in ratings.items():
        group = page.get_by_role("group", name=re.compile("^" + legend))
        group.locator("label", has_text=re.compile(f"^{value}$")).click()
    page.locator("label", has_text=re.compile(f"^{factor}$")).click()
    page.get_by_label("Note (optional)").fill("a short walk")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url("**/diary/checkin?saved=1")


@pytest.mark.slow
def test_a_person_checks_in_fills_the_fiqr_and_runs_an_ldn_trial(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    _sign_up_and_log_in(page, server, "diary@example.org")
    shots: dict[str, Path] = {}

    page.get_by_role("link", name="Check in").first.click()
    _check_in(page, {"Pain": 6, "Tiredness": 7, "Brain fog": 4}, "Stress")
    page.get_by_text("Saved. Thank you.").wait_for()
    assert page.get_by_text(re.compile(r"Pain 6, Tiredness 7, Brain fog 4 · Stress")).count() == 1
    shots["checkin"] = tmp_path / "checkin.png"
    page.screenshot(path=shots["checkin"], full_page=True)

    page.get_by_role("link", name="FIQR").first.click()
    for domain, count, value in (("function", 9, "5"), ("overall", 2, "6"), ("symptoms", 10, "8")):
        for index in range(1, count + 1):
            page.locator(f"#{domain}-{index}").fill(value)
    page.get_by_role("button", name="Score it").click()
    page.wait_for_url("**/diary/results/*")
    page.get_by_text("67.0 of 100: severe").wait_for()
    assert page.get_by_role("row", name=re.compile("severe \\(yours\\)")).count() == 1
    shots["fiqr"] = tmp_path / "fiqr.png"
    page.screenshot(path=shots["fiqr"], full_page=True)

    today = dt.date.today()
    first = today - dt.timedelta(days=13)
    page.goto(server + page.url.split(server)[1].split("/diary")[0] + "/trials")
    page.get_by_role("link", name="Plan a low-dose naltrexone (LDN) trial").click()
    page.get_by_label("No", exact=True).check()
    page.get_by_label(re.compile("then 4.5 mg, a week each")).check()
    page.get_by_label("Day of the first dose").fill(first.isoformat())
    page.get_by_label("Your US state (or DC or VI), for the price comparison (optional)").select_option("NJ")
    page.get_by_role("button", name="Plan the trial").click()
    page.wait_for_url(re.compile(r".*/trials/\d+$"))
    for offset in range(7):  # the first week day by day, as taken
        page.get_by_label("Day taken").fill((first + dt.timedelta(days=offset)).isoformat())
        page.get_by_role("button", name="Log", exact=True).click()
        page.wait_for_load_state()
    page.get_by_label("Day taken").fill((first + dt.timedelta(days=7)).isoformat())
    page.get_by_label("Through (optional, the same every day)").fill(today.isoformat())
    page.get_by_role("button", name="Log", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("Doses logged").locator("xpath=following-sibling::dd[1]").inner_text() == "14"
    assert page.get_by_role("cell", name="7 of 7 so far").count() == 2
    shots["trial"] = tmp_path / "trial.png"
    page.screenshot(path=shots["trial"], full_page=True)
    page.get_by_role("link", name="Prescription request").click()
    page.get_by_text("1.5 mg capsules, quantity 21").first.wait_for()
    page.get_by_role("link", name="Costs").click()
    page.get_by_text("does not ship to NJ").wait_for()

    for name, path in shots.items():
        assert not_blank(path) > 10, f"the {name} page looks blank"
    assert violations == [], "\n".join(violations)
    trial_url = page.url.rsplit("/", 1)[0]
    person = trial_url.split("/trials")[0]
    phone = browser.new_context(viewport={"width": 375, "height": 800}, storage_state=context.storage_state())
    small = phone.new_page()
    for url in (person + "/diary/checkin", person + "/diary", person + "/diary/acr", trial_url):
        small.goto(url)
        width = small.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url} is {width} px wide on a phone"
    small.goto(person + "/diary/checkin")
    small.keyboard.press("Tab")
    assert small.evaluate("document.activeElement.textContent") == "Skip to content"
    phone.close()
    context.close()


@pytest.mark.slow
def test_a_person_plans_logs_and_evaluates_a_magnesium_trial(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    _sign_up_and_log_in(page, server, "magnesium@example.org")
    page.get_by_role("link", name="Check in").first.click()
    _check_in(page, {"Pain": 6}, "Stress")
    page.get_by_text("Saved. Thank you.").wait_for()
    today = dt.date.today()
    first = today - dt.timedelta(days=9)
    page.goto(server + page.url.split(server)[1].split("/diary")[0] + "/trials")
    page.get_by_role("link", name="Plan a trial of another treatment").click()
    page.get_by_label("Treatment").fill("magnesium glycinate")
    page.get_by_label(re.compile("^Schedule: amounts a day")).fill("150x7, 300")
    page.get_by_label("Day of the first dose (blank: the earliest day with room for the baseline)").fill(
        first.isoformat()
    )
    page.get_by_role("button", name="Plan the trial").click()
    page.wait_for_url(re.compile(r".*/trials/\d+$"))
    page.get_by_text("magnesium glycinate: 150 mg for 7 days, then 300 mg").first.wait_for()
    page.get_by_label("Day taken").fill(first.isoformat())
    page.get_by_label("Through (optional, the same every day)").fill(today.isoformat())
    page.get_by_role("button", name="Log", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("Doses logged").locator("xpath=following-sibling::dd[1]").inner_text() == "10"
    page.get_by_label("Side effect", exact=True).select_option("other")
    page.get_by_label("Note (optional)").fill("loose stools")
    page.get_by_role("button", name="Record").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Prescription request").count() == 0
    page.get_by_role("link", name="Evaluation").click()
    page.get_by_text(re.compile("Interim: 1 of 13 weeks so far")).wait_for()
    shot = tmp_path / "magnesium.png"
    page.screenshot(path=shot, full_page=True)
    assert not_blank(shot) > 10
    context.close()


def _sign_up(page: Page, server: str, email: str) -> None:
    page.goto(server + "/signup")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password (at least 10 characters)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_text("log in with the password you chose").wait_for()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/p/*")


def _csp_watch(page: Page, violations: list[str]) -> None:
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )


def _import_one(page: Page, tmp_path: Path, name: str) -> None:
    """Upload one shared data file on the Import page and wait until it is imported."""
    page.get_by_role("link", name="Import").first.click()
    upload = tmp_path / "upload"
    upload.mkdir(exist_ok=True)
    copy = upload / Path(name).name
    shutil.copy(shared_file(name), copy)
    page.get_by_label("Files (one or many").set_input_files([copy])
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_text("1 of 1 file done").wait_for(timeout=60_000)


def _invite(owner: Page, email: str, area: str) -> str:
    """The owner invites ``email`` to one area on the Sharing page; the invitation link."""
    owner.get_by_role("link", name="Sharing").first.click()
    owner.get_by_label("Their e-mail address").fill(email)
    owner.locator(f"#invite-{area}").check()
    owner.get_by_role("button", name="Get an invitation link").click()
    return owner.locator("#new-link").inner_text().strip()


def _accept(page: Page, invitation: str, name: str) -> None:
    """A clinician without an account opens the invitation, signs up through it, logs in and accepts."""
    page.goto(invitation)
    page.get_by_label("Name (shown to the people who share with you)").fill(name)
    page.get_by_label("Password (at least 10 characters)").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    page.get_by_text("log in with the password you chose").wait_for()  # as for an address in use
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(invitation)  # back to the invitation
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("People who share their data with you").wait_for()


@pytest.mark.slow
def test_an_owner_shares_pacing_with_a_clinician_who_sees_it_and_not_the_tests_until_revoked(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    violations: list[str] = []
    owner_context = browser.new_context(viewport={"width": 1200, "height": 900})
    owner = owner_context.new_page()
    _csp_watch(owner, violations)
    _sign_up(owner, server, "sharer@example.org")
    owner_home = owner.url
    owner.get_by_role("link", name="Pacing").first.click()
    owner.get_by_role("link", name="Change your pacing settings").click()
    owner.get_by_label("Exertion threshold set by hand, bpm").fill("100")
    owner.get_by_label("Ceiling set by hand, bpm").fill("120")
    owner.get_by_role("button", name="Save the lines").click()
    owner.get_by_text("Saved.").wait_for()

    _import_one(owner, tmp_path, "polar/exercise_rri.hrm")
    invitation = _invite(owner, "gp@example.org", "pacing")
    shots = {"sharing": tmp_path / "sharing.png"}
    owner.screenshot(path=shots["sharing"], full_page=True)

    gp_context = browser.new_context(viewport={"width": 1200, "height": 900})
    gp = gp_context.new_page()
    _csp_watch(gp, violations)
    _accept(gp, invitation, "Dr Gee")
    gp.get_by_role("link", name="Pacing").last.click()
    gp.get_by_text("Heart-rate lines today").wait_for()
    assert "Exertion threshold" in gp.content()
    assert gp.get_by_role("link", name="Change your pacing settings").count() == 0  # read-only
    gp.get_by_role("link", name="Every activity with its zones and load").click()
    gp.get_by_role("link", name=re.compile(r"\d{4}-\d\d-\d\d")).first.click()
    gp.locator("#chart-zones .main-svg").first.wait_for(timeout=30_000)
    shots["clinician-activity"] = tmp_path / "clinician-activity.png"
    gp.screenshot(path=shots["clinician-activity"], full_page=True)
    pacing_url = gp.url.split("/activities/")[0]

    tests_url = owner_home  # the owner's dashboard belongs to the tests area, not shared
    assert gp.goto(tests_url).status == 404  # type: ignore[union-attr]
    gp.get_by_text("There is nothing here, or it is not yours to see.").wait_for()
    shots["clinician-not-tests"] = tmp_path / "clinician-not-tests.png"
    gp.screenshot(path=shots["clinician-not-tests"], full_page=True)

    owner.get_by_role("link", name="Sharing").first.click()
    owner.get_by_role("button", name="Revoke Dr Gee").click()
    owner.get_by_text("Revoked: they cannot see your data any more.").wait_for()
    assert gp.goto(pacing_url).status == 404  # type: ignore[union-attr]

    owner.get_by_role("link", name="access log").click()
    owner.get_by_text("gp@example.org").first.wait_for()
    shots["access-log"] = tmp_path / "access-log.png"
    owner.screenshot(path=shots["access-log"], full_page=True)
    assert "/activities/" in owner.content()

    for name, path in shots.items():
        assert not_blank(path) > 10, f"the {name} page looks blank"
    assert violations == [], "\n".join(violations)
    phone = browser.new_context(
        viewport={"width": 375, "height": 800}, storage_state=owner_context.storage_state()
    )
    small = phone.new_page()
    for url in (owner_home + "/sharing", owner_home + "/pacing", owner_home + "/pacing/settings", owner.url):
        small.goto(url)
        width = small.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url} is {width} px wide on a phone"
    phone.close()
    gp_context.close()
    owner_context.close()


@pytest.mark.slow
def test_a_person_downloads_an_export_and_deletes_their_account(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    _sign_up_and_log_in(page, server, "leaving@example.org")
    page.get_by_role("link", name="Import").first.click()
    original = tmp_path / "rest_rri.txt"
    shutil.copy(shared_file("polar/rest_rri.txt"), original)
    page.get_by_label("Files (one or many").set_input_files([original])
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_text("1 of 1 file done").wait_for(timeout=60_000)

    page.get_by_role("link", name="Account").first.click()
    shots = {"account": tmp_path / "account.png"}
    page.screenshot(path=shots["account"], full_page=True)
    with page.expect_download() as started:
        page.get_by_role("link", name="Export my data").click()
    download = started.value
    assert download.suggested_filename.startswith("fibrokit-export-")
    export = tmp_path / "export.zip"
    download.save_as(export)
    with zipfile.ZipFile(export) as archive:
        assert json.loads(archive.read("manifest.json"))["rows"]["recordings"] == 1
        assert archive.read("files/000001-rest_rri.txt") == original.read_bytes()

    page.get_by_label("Type your e-mail address").fill("leaving@example.org")
    page.get_by_label("Your password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    page.get_by_role("heading", name="Your account is deleted").wait_for()
    shots["deleted"] = tmp_path / "deleted.png"
    page.screenshot(path=shots["deleted"], full_page=True)
    assert page.get_by_role("link", name="Dashboard").count() == 0

    page.goto(server + "/login")
    page.get_by_label("E-mail address").fill("leaving@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("wrong e-mail address or password").wait_for()
    for name, path in shots.items():
        assert not_blank(path) > 10, f"the {name} page looks blank"
    assert violations == [], "\n".join(violations)
    context.close()


@pytest.mark.slow
def test_the_diary_alone_is_shared_then_revoked_and_the_owner_prints_a_report(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    violations: list[str] = []
    owner_context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
    owner = owner_context.new_page()
    _csp_watch(owner, violations)
    _sign_up(owner, server, "diarist@example.org")
    home = owner.url
    owner.get_by_role("link", name="Check in").first.click()
    _check_in(owner, {"Pain": 5, "Tiredness": 6}, "Cold or damp exposure")
    _import_one(owner, tmp_path, "polar/rest_rri.txt")
    invitation = _invite(owner, "rheum@example.org", "diary")

    clinician_context = browser.new_context(viewport={"width": 1200, "height": 900})
    clinician = clinician_context.new_page()
    _csp_watch(clinician, violations)
    _accept(clinician, invitation, "Dr Rheum")
    clinician.get_by_role("link", name="Diary").last.click()
    clinician.get_by_role("heading", name="Diary", exact=True).wait_for()
    clinician.locator(".main-svg").first.wait_for(timeout=30_000)  # the trend chart is drawn
    assert clinician.get_by_text("listed in its owner's access log").count() == 1
    assert clinician.get_by_role("link", name="Treatment trials").count() == 0  # not shared, not offered
    diary_url = clinician.url
    assert "Cold or damp exposure" in clinician.content()
    owner_path = diary_url.removeprefix(server)
    assert clinician.locator(f'a[href="{owner_path}/checkin"]').count() == 0  # read-only: no check-in
    shots = {"clinician-diary": tmp_path / "clinician-diary.png"}
    clinician.screenshot(path=shots["clinician-diary"], full_page=True)
    assert clinician.goto(home + "/report").status == 200  # a report of the diary, the one area shared
    assert clinician.locator("input[name=area]").count() == 1
    for area_page in (home, home + "/recordings", home + "/trials", home + "/pacing"):
        assert clinician.goto(area_page).status == 404, area_page  # type: ignore[union-attr]
    clinician.get_by_text("There is nothing here, or it is not yours to see.").wait_for()

    owner.get_by_role("link", name="Sharing").first.click()
    owner.get_by_role("button", name="Revoke Dr Rheum").click()
    owner.get_by_text("Revoked: they cannot see your data any more.").wait_for()
    assert clinician.goto(diary_url).status == 404  # type: ignore[union-attr]

    owner.goto(home + "/report")
    owner.get_by_label("A web page, to read here or print").check()
    owner.get_by_role("button", name="Make the report").click()
    owner.get_by_role("heading", name="Symptom diary").wait_for()
    shots["report"] = tmp_path / "report.png"
    owner.screenshot(path=shots["report"], full_page=True)
    owner.go_back()
    owner.get_by_label("PDF, to print or send").check()
    with owner.expect_download() as started:
        owner.get_by_role("button", name="Make the report").click()
    pdf = tmp_path / "report.pdf"
    started.value.save_as(pdf)
    document = pymupdf.open(pdf)
    text = " ".join(page.get_text() for page in document)
    assert "Symptom diary" in text
    assert "does not diagnose" in text
    shots["report-page-1"] = tmp_path / "report-page-1.png"
    document[0].get_pixmap(dpi=60).save(shots["report-page-1"])
    for name, path in shots.items():
        assert not_blank(path) > 10, f"the {name} page looks blank"
    assert violations == [], "\n".join(violations)
    clinician_context.close()
    owner_context.close()


@pytest.mark.slow
def test_the_research_page_renders_each_finding_cites_it_and_links_to_the_persons_numbers(
    server: str, browser: Browser, tmp_path: Path
) -> None:
    from fibrokit.evidence import RESEARCH

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    _sign_up_and_log_in(page, server, "research@example.org")
    page.get_by_role("link", name="Import").first.click()
    shutil.copy(shared_file("polar/rest_rri.txt"), tmp_path / "rest_rri.txt")
    page.get_by_label("Files (one or many").set_input_files([tmp_path / "rest_rri.txt"])
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_url("**/imports/*")
    page.get_by_text("1 of 1 file done").wait_for(timeout=60_000)

    page.get_by_role("link", name="Dashboard").first.click()
    page.get_by_role("link", name="What the research says").click()
    page.wait_for_url("**/research")
    entries = page.locator("section.research-entry")
    assert entries.count() == len(RESEARCH)
    for index, finding in enumerate(RESEARCH):
        entry = entries.nth(index)
        assert entry.get_by_role("heading", name=finding.topic).is_visible()
        assert f"Tag {finding.tag}:" in entry.inner_text()
        if finding.sources:
            assert entry.locator("ul.sources li").count() == len(finding.sources)
    assert page.locator("#blunted_rise").get_by_role("link", name="No exercise test yet").is_visible()
    shot = tmp_path / "research.png"
    page.screenshot(path=shot, full_page=True)
    assert not_blank(shot) > 5
    page.locator("#severity_independent").get_by_role("link", name=re.compile("Your latest rmssd")).click()
    page.wait_for_url("**/recordings/*")
    context.close()
