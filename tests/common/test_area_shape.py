"""The services' areas keep their shape: in an area package, only ``queries.py`` speaks SQLAlchemy.

An area of the app's services (``services/trials/`` first; the others follow as they move) is a package with
``queries.py`` (the only SQLAlchemy statements), ``actions.py`` (takes a session, never commits) and ``views.py``
(typed, frozen page models). Every package under ``services/`` that has a ``queries.py`` is checked, so an area
moved into this shape is guarded from its first commit. See docs/design.md, "The shape of a services area".
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import fibrokit.services

SERVICES = Path(fibrokit.services.__file__).parent
AREAS = sorted(p.parent for p in SERVICES.glob("*/queries.py"))


def _imports_sqlalchemy(path: Path) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name == "sqlalchemy" or name.startswith("sqlalchemy.") for name in names):
            found.append(node.lineno)
    return found


def test_the_trials_area_is_in_the_shape() -> None:
    trials = SERVICES / "trials"
    assert trials in AREAS
    assert {"queries.py", "actions.py", "views.py"} <= {p.name for p in trials.glob("*.py")}
    assert not list(SERVICES.glob("trial*.py")), "the trials area lives in services/trials/ only"


@pytest.mark.parametrize("area", AREAS, ids=lambda p: p.name)
def test_only_queries_speaks_sqlalchemy(area: Path) -> None:
    offending = {
        f"{path.relative_to(SERVICES)}:{line}"
        for path in area.rglob("*.py")
        if path.name != "queries.py"
        for line in _imports_sqlalchemy(path)
    }
    assert offending == set()
    assert _imports_sqlalchemy(area / "queries.py"), "queries.py holds the area's statements"


def test_actions_never_commit() -> None:
    # The caller owns the transaction: an action that committed would make a refusal half-stored.
    for area in AREAS:
        text = (area / "actions.py").read_text(encoding="utf-8") if (area / "actions.py").exists() else ""
        assert ".commit(" not in text, area.name
        assert ".rollback(" not in text, area.name


def _area_imports(area: Path) -> dict[str, set[str]]:
    """Each module of an area with the fibrokit modules it imports (absolute imports only)."""
    found: dict[str, set[str]] = {}
    for path in area.glob("*.py"):
        names = found.setdefault(path.stem, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return found


def test_the_recordings_area_is_in_the_shape() -> None:
    recordings = SERVICES / "recordings"
    assert recordings in AREAS
    assert {"queries.py", "actions.py", "views.py"} <= {p.name for p in recordings.glob("*.py")}
    imports = _area_imports(recordings)
    # A stored recording's effects on other areas are one explicit step (after_store.py) that callers run:
    # no other module of the area reaches into the day summary or the pacing reviews.
    reaching = {
        module
        for module, names in imports.items()
        if module != "after_store"
        and names & {"fibrokit.services.home.daily", "fibrokit.services.pacing.reviews"}
    }
    assert reaching == set()
    assert "fibrokit.store.queries.get_recording" not in set().union(*imports.values())


def test_the_imports_area_is_in_the_shape() -> None:
    imports_area = SERVICES / "imports"
    assert imports_area in AREAS
    assert {"queries.py", "actions.py", "views.py"} <= {p.name for p in imports_area.glob("*.py")}
    assert not (imports_area / "jobs.py").exists(), "the queue's changes are actions.py, its pages views.py"


def test_a_recording_result_is_typed_and_frozen() -> None:
    # The services' analysis is built once from the pipeline's result and never changed afterwards.
    import dataclasses

    from fibrokit.services.recordings.analysis import Analysis, analyse
    from fibrokit.simulate import simulate_rest, typical

    result = analyse(simulate_rest(typical(), duration_s=300, seed=1).recording)
    assert isinstance(result, Analysis)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.kind = "activity"  # type: ignore[misc]
    assert result.protocol is not None
    assert result.protocol.findings
