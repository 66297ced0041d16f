"""A clinician's workspace: a home with a line per shared area, the patient's name, a menu of what they may do."""

from __future__ import annotations

import re

from fastapi import FastAPI
from tests.app.conftest import Personas

from fibrokit.services.accounts.sharing import access_words


def _menu(page: str) -> list[str]:
    found = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S)
    assert found, "the page has no main menu"
    return re.findall(r">([^<>]+)</a>", found.group(1))


def test_the_clinician_home_sums_up_each_shared_area_in_a_line(app: FastAPI, personas: Personas) -> None:
    owner, clinician = personas.owner, personas.clinician
    home = clinician.client.get("/")
    assert home.status_code == 200
    card = home.text.split('class="card patient"')[1]
    assert ">owner</h2>" in card  # the name the owner gave, not a number
    lines = re.findall(r"<li><span class=\"area\">(.*?)</li>", card, re.S)
    assert len(lines) == 2  # tests and diary are shared; treatments and pacing are not
    assert "morning reading" in lines[0].lower()
    assert "pain 6.0/10 on 1 of the last 7 days" in lines[1]
    assert "trial" not in card  # the trial is not shared
    assert f"/p/{owner.user_id}/report" in card
    assert _menu(home.text) == ["Patients", "My own records", "Account"]
    assert _menu(owner.client.get(f"/p/{owner.user_id}").text)[:2] == ["Dashboard", "Recordings"]


def test_the_read_only_banner_names_the_patient_and_the_log_says_what_was_seen(
    app: FastAPI, personas: Personas
) -> None:
    owner, clinician = personas.owner, personas.clinician
    clinician.client.get("/")
    page = clinician.client.get(f"/p/{owner.user_id}/recordings")
    assert page.status_code == 200
    assert '<strong class="wrap">owner</strong>: data shared with you, read-only' in page.text
    assert f"person {owner.user_id}" not in page.text
    log = owner.client.get(f"/p/{owner.user_id}/sharing/log").text
    assert "viewed your list of recordings" in log
    assert "saw the one-line summary of your symptom diary on their list of patients" in log
    assert f">/p/{owner.user_id}/recordings<" not in log  # words, not addresses


def test_access_words_name_the_page_not_its_address() -> None:
    assert access_words(3, "tests", "/p/3") == "viewed your dashboard"
    assert access_words(3, "pacing", "/p/3/pacing/activities/9") == "viewed the pacing of one activity"
    assert access_words(3, "treatments", "/p/3/trials/4/costs") == "viewed one of your treatment trials"
