"""In headless Chromium: a first week's dashboard, the phone layout of the busiest pages, a clinician's home.

The server's data are made first through the command line and the services (a patient with recordings, a
check-in, a trial and a share with her GP), then `fibrokit serve` runs on them as in the other browser tests.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from tests.app.conftest import PASSWORD, free_port
from tests.app.test_browser import browser, not_blank
from tests.conftest import shared_file

from fibrokit.services import diary, trials
from fibrokit.services.accounts import actions
from fibrokit.services.accounts import auth as accounts
from fibrokit.store.db import make_engine, session_factory, transaction, upgrade
from fibrokit.store.tables import User

__all__ = ["browser"]  # the Chromium fixture, shared with the other browser tests

PATIENT, GP = "maria@example.org", "gp@example.org"
LONG_NAME = "2024-12-03_morning_reading_polar_h10_chest_strap_export_from_the_phone_app.txt"
# Finds each word of the main content whose letters sit on more than one line (a word broken by the layout).
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.textContent.matchAll(/[^\\s\\-\\u2013\\u2014/]+/g)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def _run(environment: dict[str, str], *arguments: str, stdin: str = "") -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fibrokit", *arguments],
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _seed(data: Path, environment: dict[str, str], files: Path) -> None:
    """Maria with recordings, a check-in and a trial, sharing her tests and diary with her GP."""
    _run(
        environment,
        "user",
        "add",
        PATIENT,
        "--name",
        "Maria Lopez",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    _run(environment, "user", "add", GP, "--name", "Dr Gee", "--password-stdin", stdin=PASSWORD + "\n")
    files.mkdir()
    shutil.copy(shared_file("polar/rest_rri.txt"), files / LONG_NAME)
    shutil.copy(shared_file("fit/garmin-fenix-5-walk.fit"), files / "garmin-fenix-5-walk.fit")
    morning = ("import", "--user", PATIENT, "--kind", "morning-reading", str(files / LONG_NAME))
    _run(environment, *morning)
    _run(environment, "import", "--user", PATIENT, str(files / "garmin-fenix-5-walk.fit"))
    engine = make_engine(f"sqlite:///{data / 'fibrokit.db'}")
    upgrade(engine)
    today = dt.date.today()
    with transaction(session_factory(engine)) as session:
        maria = session.query(User).filter_by(email=PATIENT).one()
        gp = session.query(User).filter_by(email=GP).one()
        maria.birth_year, maria.sex = 1975, "f"
        diary.save_checkin(session, maria.id, dt.datetime.now() - dt.timedelta(hours=1), {"pain": "6"}, [])
        first = (today - dt.timedelta(days=10)).isoformat()
        plan = trials.PlanForm("weekly_1_5", first, "1.5", "capsule", "4.5", "capsule", "no", state="NJ")
        trials.plan_trial(session, maria.id, plan, today)
        actions.grant_share(session, maria.id, gp.id, ("tests", "diary"))
        assert accounts.normal_email(GP) == gp.email
    engine.dispose()


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("clinic-data")
    port = free_port()
    environment = {
        **os.environ,
        "FIBROKIT_DATA_DIR": str(data),
        "FIBROKIT_ENV": "development",
        "FIBROKIT_SIGNUP": "open",
    }
    environment.pop("FIBROKIT_DATABASE_URL", None)
    _seed(data, environment, tmp_path_factory.mktemp("clinic-files") / "files")
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


def _log_in(page: Page, server: str, email: str) -> None:
    page.goto(server + "/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_a_first_week_dashboard_says_what_to_do_and_draws_no_empty_chart(
    clinic: str, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(clinic + "/signup")
    page.get_by_label("E-mail address").fill("new@example.org")
    page.get_by_label("Password (at least 10 characters)").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.get_by_text("log in with the password you chose").wait_for()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/p/*")
    page.get_by_role("heading", name="Where to start").wait_for()
    assert page.locator(".chart").count() == 0  # no axes without data
    assert page.locator("svg").count() == 0
    start = page.locator("section.first", has_text="Where to start")
    assert start.get_by_role("link", name="check in", exact=True).count() == 1
    assert start.get_by_role("link", name="import the file", exact=True).count() == 1
    page.screenshot(path=tmp_path / "first-week.png", full_page=True)
    assert not_blank(tmp_path / "first-week.png") > 10
    page.get_by_label("Year of birth", exact=True).fill("1981")
    page.get_by_label("Sex", exact=True).select_option("f")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Where to start").wait_for()
    assert page.get_by_role("heading", name="First: your year of birth and sex").count() == 0  # asked once
    page.goto(clinic + "/account")
    assert page.get_by_label("Year of birth", exact=True).input_value() == "1981"
    assert (
        page.locator("link[rel=icon]").get_attribute("href", timeout=1000).startswith("/static/favicon.svg")
    )
    context.close()


def test_the_recordings_list_and_pacing_page_fit_a_phone_without_broken_words(
    clinic: str, browser: Browser, tmp_path: Path
) -> None:
    phone = browser.new_context(viewport={"width": 375, "height": 800})
    page = phone.new_page()
    _log_in(page, clinic, PATIENT)
    page.wait_for_url("**/p/*")
    person = page.url.rstrip("/")
    for url in (person + "/recordings", person + "/pacing", person):
        page.goto(url)
        assert page.evaluate(BROKEN_WORDS) == [], f"{url} breaks words across lines on a phone"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{url} is {width} px wide on a phone"
    page.goto(person + "/recordings")
    page.get_by_role("link", name=re.compile("^Morning reading, Tue 3 Dec")).click()  # named, not by its file
    page.wait_for_url("**/recordings/*")
    assert page.get_by_text(LONG_NAME).count() == 1  # the file is named on the recording's own page
    page.goto(person + "/pacing")
    folds = page.locator("details.sources-fold")
    assert folds.count() >= 1
    assert all(not folds.nth(n).evaluate("d => d.open") for n in range(folds.count()))  # sources folded
    first_heading = page.locator("main h2").first.bounding_box()
    first_sources = folds.first.bounding_box()
    assert first_heading is not None
    assert first_sources is not None
    assert first_heading["y"] < first_sources["y"]  # content first
    page.screenshot(path=tmp_path / "pacing-phone.png", full_page=True)
    assert not_blank(tmp_path / "pacing-phone.png") > 10
    phone.close()


def test_the_clinician_home_sums_up_each_patient_and_offers_only_what_a_clinician_may_do(
    clinic: str, browser: Browser, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    _log_in(page, clinic, GP)
    page.get_by_role("heading", name="People who share their data with you").wait_for()
    card = page.locator(".patient", has_text="Maria Lopez")
    assert card.count() == 1
    lines = card.locator("ul.summary li").all_inner_texts()
    assert len(lines) == 2
    assert lines[0].startswith("Tests and recordings: ")
    assert "morning reading" in lines[0].lower()  # the latest morning (or, undated, the latest test) is named
    assert lines[1].startswith("Symptom diary: pain 6.0/10")
    assert "trial" not in card.inner_text()  # treatments are not shared
    menu = page.get_by_role("navigation", name="Main").get_by_role("link").all_inner_texts()
    assert menu == ["Patients", "My own records", "Account"]
    page.screenshot(path=tmp_path / "clinician-home.png", full_page=True)
    assert not_blank(tmp_path / "clinician-home.png") > 10

    card.get_by_role("link", name="Tests and recordings").click()
    page.get_by_text("data shared with you, read-only").wait_for()
    assert page.locator("p.viewing strong").inner_text() == "Maria Lopez"
    page.get_by_role("link", name="Report").first.click()
    page.get_by_role("heading", name="A report of what Maria Lopez shares with you").wait_for()
    offered = page.locator("input[name=area]")
    assert sorted(offered.nth(n).get_attribute("value") or "" for n in range(offered.count())) == [
        "diary",
        "tests",
    ]
    page.get_by_label("A web page, to read here or print").check()
    page.get_by_role("button", name="Make the report").click()
    page.wait_for_load_state()
    assert "Maria Lopez" in page.content()
    context.close()
