"""Single sources: every named option is declared once (fibrokit.choices) and the core, the command line and the
app offer exactly it.

The forms of the app are checked in tests/app/test_choices_forms.py (they need a running app).
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterator
from typing import Any, Literal, Union, get_args, get_origin

import pytest
import typer.main

from fibrokit import choices
from fibrokit.cli import _choices
from fibrokit.cli import app as cli_app
from fibrokit.evidence import FACTS

# Each option of the command line that offers a core list, and the list it must offer.
OPTION_SOURCES: dict[str, tuple[str, ...]] = {
    "--hrmax": choices.HRMAX_FORMULAS,
    "--hrmax-rule": choices.HRMAX_FORMULAS,
    "--cool-down": choices.COOL_DOWNS,
    "--artifacts": choices.ARTIFACT_METHODS,
    "--rule": choices.THRESHOLD_RULES,
    "--ceiling-rule": choices.CEILING_RULES,
    "--protocol": ("auto", *choices.PROTOCOL_SHORT_NAMES.values(), "activity"),
    "--analysis": ("hrv", "windows", *choices.PROTOCOL_SHORT_NAMES.values()),
    "--activity": choices.PLAN_ACTIVITIES,
    "--correction": choices.CORRECTIONS,
    "--scenario": choices.COHORT_SCENARIOS,
    "--preset": choices.HRV_PRESETS,
    "--sex": choices.SEXES,
}
# ``--kind`` offers a diary item's kind (diary items) or a stored recording's kind (import, in any order).
KIND_SOURCES: dict[str, frozenset[str]] = {
    "fibrokit diary items": frozenset(choices.ITEM_KINDS),
    "fibrokit import": frozenset({"auto", *choices.PROTOCOL_SHORT_NAMES, "activity"}),
}
# The options whose choices are the command line's own (how it prints), not a list of the core.
OUTPUT_OPTIONS = {"--format"}


def _options() -> Iterator[tuple[str, Any]]:
    """(command path, option) for every option of every command."""
    stack: list[tuple[str, Any]] = [("fibrokit", typer.main.get_command(cli_app))]
    while stack:
        path, command = stack.pop()
        for name, sub in getattr(command, "commands", {}).items():
            stack.append((f"{path} {name}", sub))
        for param in getattr(command, "params", ()):
            yield path, param


def _offered(param: Any) -> tuple[str, ...] | None:
    """The values an option offers (a Literal or an enum annotation), or None for a free value."""
    annotation = param.type_descriptor.annotation
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if get_origin(annotation) is Literal:
        return tuple(get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple(str(member.value) for member in annotation)
    return None


def test_every_command_line_choice_of_a_core_list_offers_exactly_that_list() -> None:
    seen = set()
    for path, param in _options():
        name = param.opts[0]
        if name == "--kind":
            offered = _offered(param)
            assert offered is not None
            assert frozenset(offered) == KIND_SOURCES[path], path
            assert len(offered) == len(KIND_SOURCES[path])
            seen.add(path)
        if name not in OPTION_SOURCES:
            continue
        seen.add(name)
        assert _offered(param) == OPTION_SOURCES[name], f"{path} {name}"
    assert seen == {*OPTION_SOURCES, *KIND_SOURCES}


def test_every_command_line_choice_comes_from_a_single_source() -> None:
    # An option that offers choices and is in neither list restates a list by hand (or is new: add it above).
    unlisted = {
        f"{path} {param.opts[0]}"
        for path, param in _options()
        if _offered(param) is not None and param.opts[0] not in {*OPTION_SOURCES, *OUTPUT_OPTIONS, "--kind"}
    }
    assert unlisted == set()


def test_the_core_reads_the_presets_sexes_and_item_kinds_from_the_choices() -> None:
    from fibrokit.cohort.settings import CohortSettings
    from fibrokit.diary.items import DiaryItem
    from fibrokit.hrv import PRESETS, HrvSettings
    from fibrokit.protocols import KINDS as KIND_OF_RECORDINGS
    from fibrokit.services.accounts.people import SEXES
    from fibrokit.services.diary.checkins import KINDS
    from fibrokit.simulate.profiles import typical

    assert PRESETS == choices.HRV_PRESETS
    assert [HrvSettings.preset_named(name).preset for name in choices.HRV_PRESETS] == list(
        choices.HRV_PRESETS
    )
    assert CohortSettings().preset in choices.HRV_PRESETS
    assert tuple(SEXES) == choices.SEXES
    assert {typical(sex=sex).sex for sex in choices.SEXES} == set(choices.SEXES)
    assert KINDS == choices.ITEM_KINDS
    assert set(choices.PROTOCOL_SHORT_NAMES) | {"activity"} == set(KIND_OF_RECORDINGS)
    for kind in choices.ITEM_KINDS:
        assert DiaryItem("mine", "Mine", kind).kind == kind
    with pytest.raises(ValueError, match="kind"):
        DiaryItem("mine", "Mine", "mood")  # type: ignore[arg-type]


def test_the_hrmax_formulas_are_the_evidence_registry_s_equations() -> None:
    registered = {key.removeprefix("protocols.hrmax.") for key in FACTS if key.startswith("protocols.hrmax.")}
    assert registered == set(choices.HRMAX_FORMULAS)
    assert set(choices.HRMAX_NAMED_AFTER) == set(choices.HRMAX_FORMULAS)


def test_the_exercise_test_and_pacing_evaluate_the_same_equations() -> None:
    from fibrokit.pacing import pace_thresholds
    from fibrokit.protocols import hrmax_predicted

    for formula in choices.HRMAX_FORMULAS:
        lines = pace_thresholds(60, 50, ceiling_rule="age_0.55", hrmax_rule=formula)
        assert str(round(hrmax_predicted(50, formula))) in lines.ceiling.explanation
    with pytest.raises(ValueError, match="hrmax_formula"):
        hrmax_predicted(50, "astrand")  # type: ignore[arg-type]


def test_the_protocol_short_names_cover_the_protocol_registry() -> None:
    from fibrokit.protocols import PROTOCOLS

    assert set(choices.PROTOCOL_SHORT_NAMES) == set(PROTOCOLS)
    assert set(_choices.KIND_OF.values()) == {*PROTOCOLS, "auto", "activity"}


def test_the_cohort_analyses_are_the_command_line_s() -> None:
    from fibrokit.cohort import ANALYSES
    from fibrokit.cohort.settings import ANALYSIS_SETTINGS

    assert tuple(ANALYSES) == _choices.COHORT_ANALYSES
    assert set(ANALYSIS_SETTINGS) == set(_choices.COHORT_ANALYSES)


def test_the_core_s_tables_cover_the_choices() -> None:
    from fibrokit.pacing.pace_plan import ACTIVITIES
    from fibrokit.protocols._recovery_norms import COOL_DOWN_TEXT
    from fibrokit.services.pacing.forms import rule_labels

    assert set(COOL_DOWN_TEXT) == set(choices.COOL_DOWNS)
    assert tuple(ACTIVITIES) == choices.PLAN_ACTIVITIES
    named = {*choices.THRESHOLD_RULES, *choices.CEILING_RULES, *choices.HRMAX_FORMULAS}
    assert set(rule_labels()) == named


def test_the_areas_are_named_once() -> None:
    from fibrokit.report import REPORT_AREAS
    from fibrokit.services.accounts.sharing import AREA_NAMES
    from fibrokit.store.tables import AREAS

    assert AREAS == REPORT_AREAS == choices.AREAS
    assert tuple(AREA_NAMES) == choices.AREAS
