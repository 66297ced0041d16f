"""Guided tests in headless Chromium with the fake strap (tests/app/fake_strap.js).

A simulated deep-breathing test is played 20 times faster as Heart Rate Measurement notifications into the guided
page, which marks its phases by the clock; the server stores it through the import and scores it with those phases
as given. The stored score must equal the score of the same beats analysed with the same phases typed by hand.
A test stopped early is kept and labelled as stopped early. An exercise test runs to the limit the person chooses
(they press "I have stopped") and recovers in the posture chosen before it; a Valsalva and an exercise test start
only once their safety notes are confirmed as read. A strap that drops out during a test is reported, reconnected,
and the stored beats are exactly the ones received. Muscle oxygen, which a strap cannot record, is not guided.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from tests.app.test_browser import _csp_watch, _sign_up, browser, server  # noqa: F401
from tests.app.test_live_pacing_browser import _rr_packets

from fibrokit import read
from fibrokit.pipeline import AnalysisSettings, Person, analyse_recording, parse_phases
from fibrokit.protocols import PROTOCOLS
from fibrokit.services.pacing.live import session_csv
from fibrokit.services.recordings.analysis import ARTIFACT_METHOD, from_pipeline
from fibrokit.services.recordings.guided_steps import GUIDED
from fibrokit.services.recordings.results import protocol_json
from fibrokit.simulate import (
    simulate_deep_breathing,
    simulate_exercise_test,
    simulate_rest,
    simulate_stand,
    simulate_valsalva,
    typical,
)

FAKE = Path(__file__).with_name("fake_strap.js").read_text()
# A voice that writes down what it is asked to say.
SPEECH = (
    "window.__spoken = [];"
    "Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {"
    "cancel: function () {}, speak: function (u) { window.__spoken.push(u.text); }}});"
)
SPEED = 40.0
BIRTH_YEAR = 1980


def _packets(kind: str) -> list[tuple[float, list[int]]]:
    """A simulated test that lasts longer than the guided one (the playback must reach the test's end)."""
    if kind == "deep-breathing":  # a minute's rest, then paced cycles
        beats = simulate_deep_breathing(typical(age=45.0), cycles=9, seed=5).recording.beats
    elif kind == "morning-reading":
        beats = simulate_rest(typical(age=45.0), duration_s=330.0, seed=5).recording.beats
    elif kind == "valsalva":  # a minute's rest, a 15-s strain, a minute after release
        beats = simulate_valsalva(typical(age=45.0), seed=5).recording.beats
    elif kind == "exercise-test":  # 3 minutes' rest, a ramp to exhaustion ending at 780 s, recovery
        beats = simulate_exercise_test(typical(age=45.0), recovery_s=360.0, seed=5).recording.beats
    else:  # five minutes lying, then standing
        beats = simulate_stand(typical(age=45.0), supine_s=300.0, standing_s=300.0, seed=5).recording.beats
    assert beats is not None
    return _rr_packets([round(float(rr) * 1024 / 1000) for rr in beats.rr_ms])


@pytest.fixture(scope="module")
def owner(server: str, browser: Browser) -> Iterator[tuple[BrowserContext, str]]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    _sign_up(page, server, "guided@example.org")
    person = page.url
    page.goto(server + "/account")
    page.get_by_label("Year of birth").fill(str(BIRTH_YEAR))
    page.get_by_role("button", name="Save", exact=True).click()
    page.close()
    yield context, person
    context.close()


def _guided_page(
    owner: tuple[BrowserContext, str],
    kind: str,
    violations: list[str],
    query: str = "",
    dropout: tuple[float, float] | None = None,
) -> Page:
    context, person = owner
    page = context.new_page()
    plan = {"speed": SPEED, "packets": _packets(kind), "dropout": dropout}
    page.add_init_script(script=f"window.__strapPlan = {json.dumps(plan)};\n" + FAKE + SPEECH)
    _csp_watch(page, violations)
    page.goto(f"{person}/guided/{kind}{query}")
    return page


def _wait_virtual(page: Page, seconds: float) -> None:
    """Wait until the strap's playback clock passes ``seconds`` (polled: the page forbids evaluated waits)."""
    for _ in range(900):
        if page.evaluate(f"performance.now() > {seconds * 1000}"):
            return
        page.wait_for_timeout(100)
    pytest.fail(f"the fake strap did not reach {seconds} s")


def _scored_by_hand(
    body: dict[str, Any], tmp_path: Path, kind: str, typed: str, **options: Any
) -> tuple[dict[str, Any], Any]:
    """The same beats read from the same file and scored with the same phases (and options) typed by hand."""
    name, data = session_csv(body)
    path = tmp_path / name
    path.write_bytes(data)
    recording = read(path)
    start = recording.start
    age = float((start.year if start else 2026) - BIRTH_YEAR)
    settings = AnalysisSettings(
        kind=kind,
        phases=dict(parse_phases(typed, kind)),
        artifact_method=ARTIFACT_METHOD,
        pacing=False,
        **options,
    )
    done = from_pipeline(analyse_recording(recording, Person(age=age), settings))
    assert done.kind == kind
    assert done.protocol is not None
    return {f["symbol"]: f["value"] for f in protocol_json(done.protocol)["findings"]}, done


def _stored_protocol(page: Page, person: str, kind: str) -> dict[str, Any]:
    """The one stored protocol result of ``kind``, read from the person's own export."""
    answer = page.request.get(person + "/export.zip")
    assert answer.ok
    with zipfile.ZipFile(io.BytesIO(answer.body())) as archive:
        rows = json.loads(archive.read("tables/results.json"))["rows"]
    data = [r["data"] for r in rows if r["kind"] == "protocol"]
    found = [d for d in data if d.get("protocol") == kind]
    assert len(found) == 1, data
    return dict(found[0])


GIVEN = {
    "morning-reading": ({"reading": [0, 300]}, "reading=0-300", "rmssd_ms"),
    "deep-breathing": ({"rest": [0, 60], "breathing": [60, 120]}, "rest=0-60,breathing=60-120", "ei_ratio"),
    "active-stand": (
        {"lying": [0, 300], "standing": [300, 480]},
        "lying=0-300,standing=300-480",
        "ratio_30_15",
    ),
    "valsalva": ({"rest": [0, 60], "strain": [60, 75]}, "rest=0-60,strain=60-75", "valsalva_ratio"),
}


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["deep-breathing", "active-stand", "morning-reading", "valsalva"])
def test_a_guided_test_is_stored_with_its_phases_and_scored_as_by_hand(
    owner: tuple[BrowserContext, str], tmp_path: Path, kind: str
) -> None:
    marked, typed, symbol = GIVEN[kind]
    violations: list[str] = []
    page = _guided_page(owner, kind, violations)
    start = page.get_by_role("button", name="Connect a strap and start")
    if kind == "valsalva":  # the safety notes come first, and must be confirmed as read
        assert start.is_disabled()
        assert "proliferative retinopathy" in page.locator("#guided-safety").inner_text()
        page.get_by_label("I have read this").check()
    with page.expect_request(re.compile(f".*/guided/{kind}$")) as posted:
        start.click()
        if kind == "deep-breathing":
            page.locator("#guided-breath").wait_for(timeout=60_000)  # the pacer shows while breathing
        page.wait_for_url("**/recordings/*", timeout=90_000)
    body = posted.value.post_data_json
    assert body["stopped_at_s"] is None
    assert body["phases"] == marked
    assert body["read_safety"] is (kind == "valsalva")
    assert "Recorded as a guided" in page.locator("#guided-note").inner_text()
    stored = _stored_protocol(page, owner[1], kind)

    values, by_hand = _scored_by_hand(body, tmp_path, kind, typed)
    assert by_hand.phases is not None
    if kind != "morning-reading":  # a reading's one phase only trims its beats; it lists no phases used
        assert {p.origin for p in by_hand.phases} == {"given"}
    shown = {f["symbol"]: f["value"] for f in stored["findings"]}
    assert values == shown
    assert values[symbol] is not None
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_a_guided_exercise_test_runs_to_the_chosen_limit_recovers_as_chosen_and_scores_as_by_hand(
    owner: tuple[BrowserContext, str], tmp_path: Path
) -> None:
    violations: list[str] = []
    page = _guided_page(owner, "exercise-test", violations)
    assert page.locator("#guided-start").count() == 0  # no test before the recovery posture is chosen
    page.get_by_label("Lie down").check()
    page.get_by_role("button", name="choose", exact=True).click()
    page.wait_for_url("**posture=supine")
    assert "in the first days after a heart attack" in page.locator("#guided-safety").inner_text()
    start = page.get_by_role("button", name="Connect a strap and start")
    assert start.is_disabled()
    page.get_by_label("I have read this").check()
    start.click()
    page.get_by_text("Sit still where you will exercise").first.wait_for()
    page.get_by_role("button", name="I have stopped").wait_for(timeout=60_000)  # the exercise has begun
    _wait_virtual(page, 781.0)  # the simulated ramp ends at 780 s: the person stops there
    page.get_by_role("button", name="I have stopped").click()
    page.get_by_label("I could not go on").check()
    with page.expect_request(re.compile(r".*/guided/exercise-test$")) as posted:
        page.wait_for_url("**/recordings/*", timeout=90_000)
    body = posted.value.post_data_json
    rest, exercise, recovery = (body["phases"][k] for k in ("rest", "exercise", "recovery"))
    assert rest == [0, 180]
    assert exercise[0] == 180
    assert exercise[1] > 780
    assert recovery == [exercise[1], exercise[1] + 300]
    assert (body["options"], body["stopped_because"]) == ({"cool_down": "supine"}, "limit")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d", body["started_at"])
    stored = _stored_protocol(page, owner[1], "exercise-test")
    assert (stored["settings"]["cool_down"], stored["settings"]["test_kind"]) == ("supine", "symptom-limited")

    typed = ",".join(f"{k}={a:.4f}-{b:.4f}" for k, (a, b) in body["phases"].items())
    values, _ = _scored_by_hand(body, tmp_path, "exercise-test", typed, cool_down="supine", peak_effort=True)
    assert values == {f["symbol"]: f["value"] for f in stored["findings"]}
    assert values["hrr_60s_bpm"] is not None
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_a_strap_dropping_out_during_a_guided_test_is_reported_reconnected_and_the_beats_kept_are_those_received(
    owner: tuple[BrowserContext, str],
) -> None:
    violations: list[str] = []
    dropout = (200.0, 230.0)  # while lying (the page retries every 2 s, 80 s of playback at this speed)
    page = _guided_page(owner, "active-stand", violations, dropout=dropout)
    with page.expect_request(re.compile(r".*/guided/active-stand$")) as posted:
        page.get_by_role("button", name="Connect a strap and start").click()
        page.get_by_text(re.compile("The strap dropped out at 3:2")).wait_for(timeout=60_000)
        page.get_by_text(re.compile(r"Reconnected after \d+ s without the strap")).wait_for(timeout=60_000)
        page.wait_for_url("**/recordings/*", timeout=90_000)
    body = posted.value.post_data_json
    (gap,) = body["dropouts"]
    assert dropout[0] <= gap[0] < dropout[1] <= gap[1]
    # The strap sent nothing from the dropout until the page reconnected: the beats kept are the packets before
    # and after, in order, none filled in (the test's end cuts the playback short).
    packets = _packets("active-stand")
    delivered = [p for p in packets if p[0] < dropout[0] or p[0] > gap[1]]
    assert len(delivered) < len(packets)
    values = [value for _, data in delivered for value in data[2:]]
    expected_rr = [lo + 256 * hi for lo, hi in zip(values[::2], values[1::2], strict=True)]
    received = [round(r * 1024 / 1000) for _, r in body["beats"]]
    assert len(received) > len(expected_rr) // 2
    assert received == expected_rr[: len(received)]
    assert "dropped out 1 time(s)" in page.locator("#guided-note").inner_text()
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_a_guided_active_stand_stopped_early_is_kept_and_labelled(owner: tuple[BrowserContext, str]) -> None:
    violations: list[str] = []
    page = _guided_page(owner, "active-stand", violations)
    page.get_by_role("button", name="Connect a strap and start").click()
    page.get_by_text("Lie on your back").first.wait_for()
    for _ in range(300):  # the strap's clock reaches a minute in about 3 s (polled: no evaluated waits)
        if page.evaluate("performance.now() > 60000"):
            break
        page.wait_for_timeout(100)
    with page.expect_request(re.compile(r".*/guided/active-stand$")) as posted:
        page.get_by_role("button", name="Stop").click()
    body = posted.value.post_data_json
    assert body["stopped_at_s"] > 0
    assert set(body["phases"]) == {"lying"}
    page.get_by_text("stopped before its standing phase").wait_for()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0].startswith("Lie on your back")
    assert spoken[-1].startswith("Stopped at")
    assert body["phases"]["lying"][1] == body["stopped_at_s"]  # the phase under way ends at the stop
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # the test fits a phone
    page.get_by_role("link", name="See the result").click()
    page.wait_for_url("**/recordings/*")
    note = page.locator("#guided-note").inner_text()
    assert "stopped early" in note
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_a_strap_that_never_comes_back_ends_the_test_honestly_with_only_the_beats_received(
    owner: tuple[BrowserContext, str],
) -> None:
    violations: list[str] = []
    page = _guided_page(owner, "active-stand", violations, dropout=(200.0, 10_000.0))
    with page.expect_request(re.compile(r".*/guided/active-stand$")) as posted:
        page.get_by_role("button", name="Connect a strap and start").click()
        page.get_by_text(re.compile("The strap dropped out at 3:2")).wait_for(timeout=60_000)
    body = posted.value.post_data_json
    assert max(t for t, _ in body["beats"]) < 200.0  # nothing after the dropout, nothing filled in
    (gap,) = body["dropouts"]
    assert gap[1] == body["phases"]["standing"][1]  # away until the test's end
    # Standing had no beats, so the test is kept but not scored, and the page says why instead of a result.
    saved = page.locator("#guided-saved")
    page.get_by_role("link", name="See the result").wait_for(timeout=30_000)
    assert "Saved and scored" not in saved.inner_text()
    page.get_by_role("link", name="See the result").click()
    page.wait_for_url("**/recordings/*")
    assert "for 2" in page.locator("#guided-note").inner_text()  # away for about 280 s, said in seconds
    assert violations == [], "\n".join(violations)
    page.close()


@pytest.mark.slow
def test_the_guided_list_is_the_registry_s_strap_tests_and_muscle_oxygen_says_why_not(
    owner: tuple[BrowserContext, str],
) -> None:
    context, person = owner
    page = context.new_page()
    answer = page.goto(f"{person}/guided/muscle-oxygen")
    assert answer is not None
    assert answer.status == 404
    assert "needs a muscle-oxygen sensor" in page.locator(".error").inner_text()
    page.goto(f"{person}/guided")
    for kind in GUIDED:
        assert page.get_by_role("link", name=PROTOCOLS[kind].name, exact=True).count() == 1
    assert set(GUIDED) == {k for k, spec in PROTOCOLS.items() if spec.needs != "smo2"}
    page.close()


@pytest.mark.slow
def test_without_web_bluetooth_the_guided_page_offers_the_camera_or_a_file(
    owner: tuple[BrowserContext, str],
) -> None:
    context, person = owner
    page = context.new_page()
    page.add_init_script(
        script="Object.defineProperty(Navigator.prototype, 'bluetooth', {configurable: true, value: undefined});"
    )
    page.goto(f"{person}/guided/active-stand")
    note = page.locator("#guided-unsupported")
    note.wait_for()
    assert "Chrome" in note.inner_text()
    assert (
        note.get_by_role("link", name="take a morning reading with the phone's camera").get_attribute("href")
        or ""
    ).endswith("/camera")
    assert (note.get_by_role("link", name="import a file").get_attribute("href") or "").endswith("/imports")
    assert page.get_by_role("button", name="Connect a strap and start").is_hidden()
    page.close()
