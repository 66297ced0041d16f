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


def test_the_accounts_area_is_in_the_shape() -> None:
    accounts = SERVICES / "accounts"
    assert accounts in AREAS
    modules = {p.name for p in accounts.glob("*.py")}
    assert {"queries.py", "actions.py", "views.py"} <= modules
    # Sign-up and the admin's changes are actions now; no module of the old flat names is left beside them.
    assert not {"admin.py", "signup.py"} & modules


def test_the_portability_area_is_in_the_shape() -> None:
    portability = SERVICES / "portability"
    assert portability in AREAS
    modules = {p.name for p in portability.glob("*.py")}
    assert {"queries.py", "actions.py", "views.py", "spreadsheets.py"} <= modules
    # The export's CSV files are "spreadsheets"; "views" means the typed results pages and commands show.
    assert "write_views" not in (portability / "views.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("area", ["accounts", "portability"])
def test_accounts_and_portability_hand_no_untyped_dicts_on(area: str) -> None:
    # Pages and commands read attributes of typed results; a row's values are `dict[str, object]` at most.
    web = SERVICES.parent / "web"
    routes = {"accounts": ("auth", "account", "admin", "sharing", "shared"), "portability": ("portability",)}
    modules = [*(SERVICES / area).glob("*.py"), *(web / "routes" / f"{name}.py" for name in routes[area])]
    untyped = [p.name for p in modules if "dict[str, Any]" in p.read_text(encoding="utf-8")]
    assert untyped == []


@pytest.mark.parametrize("name", ["diary", "nightly", "demo"])
def test_the_diary_nightly_and_demo_areas_are_in_the_shape(name: str) -> None:
    area = SERVICES / name
    assert area in AREAS
    assert {"queries.py", "actions.py", "views.py"} <= {p.name for p in area.glob("*.py")}
    assert not list(SERVICES.glob(f"{name}*.py")), f"the {name} area lives in services/{name}/ only"


def test_no_two_modules_of_the_diary_nightly_and_demo_areas_are_called_diary() -> None:
    # "diary.py" meant four different things; in these areas each module's name now says what it holds.
    assert not [name for name in ("diary", "nightly", "demo") if (SERVICES / name / "diary.py").exists()]


@pytest.mark.parametrize("name", ["diary", "nightly", "demo"])
def test_the_diary_nightly_and_demo_areas_return_no_untyped_dicts(name: str) -> None:
    # Pages and commands get the core's result types and frozen page models, never a dict read back by key.
    found = [
        f"{path.name}:{number}"
        for path in sorted((SERVICES / name).glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "dict[str, Any]" in line
    ]
    assert found == []


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return modules


def test_the_pacing_area_is_in_the_shape() -> None:
    pacing = SERVICES / "pacing"
    assert pacing in AREAS
    assert {"queries.py", "actions.py", "views.py", "forms.py"} <= {p.name for p in pacing.glob("*.py")}
    # The statements that lived in the store moved into the area; the settings form no longer saves.
    assert not (SERVICES.parent / "store" / "pacing_queries.py").exists()
    forms = (pacing / "forms.py").read_text(encoding="utf-8")
    assert "def save_" not in forms
    actions = (pacing / "actions.py").read_text(encoding="utf-8")
    for step in (
        "def save_lines",
        "def save_budget",
        "def save_plan",
        "def review_stored",
        "def refresh_stale",
    ):
        assert step in actions


def test_the_home_area_is_in_the_shape() -> None:
    home = SERVICES / "home"
    assert home in AREAS
    assert {"queries.py", "actions.py", "views.py", "daily.py"} <= {p.name for p in home.glob("*.py")}
    # The day summaries' statements moved from the store into the area (and the recordings' into theirs):
    # the store keeps tables, the engine, ownership and migrations, and no statements of an area.
    store = SERVICES.parent / "store"
    assert not (store / "queries.py").exists()
    assert not (store / "pacing_queries.py").exists()
    actions = (home / "actions.py").read_text(encoding="utf-8")
    for step in ("def refresh_day_summary", "def diary_changed", "def queue_diary_change", "def settle"):
        assert step in actions


def test_stored_recordings_and_diary_days_run_the_home_and_pacing_steps_by_name() -> None:
    # A cross-area effect is a step the caller runs, seen where it starts, not an import deep in a chain.
    calls = {
        "recordings": ("refresh_day_summary(", "review_stored("),
        "diary": ("diary_changed(",),
        "imports": ("settle(", "refresh_stale("),
    }
    for area, steps in calls.items():
        text = "".join(path.read_text(encoding="utf-8") for path in (SERVICES / area).glob("*.py"))
        for step in steps:
            assert step in text, f"the {area} area runs {step}"
    for area in ("recordings", "diary", "imports"):
        for path in (SERVICES / area).glob("*.py"):
            if path.name == "after_store.py":
                continue  # the recordings' one named step after a store: it reads the beats the review needs
            imported = _imported_modules(path)
            assert "fibrokit.services.pacing.reviews" not in imported, path.name
            assert "fibrokit.services.home.daily.refresh" not in imported, path.name


def test_no_dict_results_in_the_pacing_and_home_areas() -> None:
    routes = SERVICES.parent / "web" / "routes"
    paths = [
        *(SERVICES / "pacing").glob("*.py"),
        *(SERVICES / "home").glob("*.py"),
        *(routes / name for name in ("pacing.py", "pacing_live.py", "home.py", "reports.py", "research.py")),
    ]
    found = [path.name for path in paths if "dict[str, Any]" in path.read_text(encoding="utf-8")]
    assert found == []


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


def _imported_names(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == module
        for alias in node.names
    }


def test_in_accounts_only_actions_change_data() -> None:
    # Logging in, sessions, passwords, one-time links, shares, invitations and the access log are all actions;
    # the modules beside actions.py only read, so none of them calls a query that writes.
    writing = {
        "add",
        "add_failures",
        "forget_failures_before",
        "forget_expired_sessions",
        "end_session",
        "end_sessions_of",
        "mark_results_stale",
    }
    accounts = SERVICES / "accounts"
    writers = {
        f"{path.name}: queries.{node.attr}"
        for path in accounts.glob("*.py")
        if path.name not in ("actions.py", "queries.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "queries"
        and node.attr in writing
    }
    assert writers == set()
    assert {"create_user", "start_session", "reset_password", "grant", "create_link"}.isdisjoint(
        name
        for module in ("auth", "sharing", "links")
        for name in vars(__import__(f"fibrokit.services.accounts.{module}", fromlist=["_"]))
    )


def test_the_export_reads_in_its_callers_snapshot() -> None:
    # The caller owns every transaction, the export's read snapshot too; the area reaches the store's
    # transaction and engine helpers through its queries.py only (the list of known migrations is no statement).
    portability = SERVICES / "portability"
    helpers = {"transaction", "snapshot", "session_revision", "empty_log", "write_turn"}
    reaching = {
        path.name
        for path in portability.glob("*.py")
        if path.name != "queries.py" and helpers & _imported_names(path, "fibrokit.store.db")
    }
    assert reaching == set()


def test_write_turn_has_one_home() -> None:
    # Defined with the engine in store/db.py, imported by everyone from fibrokit.services.
    source = SERVICES.parent
    importers = {
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if "write_turn" in _imported_names(path, "fibrokit.store.db")
    }
    assert importers == {"services/__init__.py"}


# The whole of services and web, as issue 17's "done when" states it (the tests above check each area).
SRC = SERVICES.parent


def test_services_has_no_module_at_its_top_but_its_init() -> None:
    assert sorted(path.name for path in SERVICES.glob("*.py")) == ["__init__.py"]


def test_every_services_area_has_queries_actions_and_views() -> None:
    areas = [path for path in SERVICES.iterdir() if (path / "__init__.py").exists()]
    assert len(areas) >= 10
    for area in areas:
        assert {"queries.py", "actions.py", "views.py"} <= {p.name for p in area.glob("*.py")}, area.name


def test_sqlalchemy_is_named_only_in_the_store_and_the_areas_queries() -> None:
    # Imports inside functions and under TYPE_CHECKING count too: annotations take the store's re-exports.
    offending = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "store" not in path.relative_to(SRC).parts[:1]
        and path.name != "queries.py"
        and _imports_sqlalchemy(path)
    ]
    assert offending == []


def test_no_untyped_dict_results_in_services_or_web() -> None:
    # The one allowed is `Json`, the stored JSON form of a result, written and read back by recordings/results.py
    # and never handed to a page (pages get the core's result types).
    allowed = {"services/recordings/results.py": 1}
    found: dict[str, int] = {}
    for package in ("services", "web"):
        for path in (SRC / package).rglob("*.py"):
            count = path.read_text(encoding="utf-8").count("dict[str, Any]")
            if count:
                found[str(path.relative_to(SRC))] = count
    assert found == allowed


def test_the_plotly_figures_are_typed_in_one_module() -> None:
    # One set of chart types for every area, so the recordings', pacing and diary charts cannot drift apart.
    figure_types = {"Figure", "Trace", "Layout", "AxisLayout", "Shape", "Line", "Marks", "Margin", "Legend"}
    declared: dict[str, list[str]] = {}
    for package in ("services", "web"):
        for path in (SRC / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef) and node.name in figure_types:
                    declared.setdefault(str(path.relative_to(SRC)), []).append(node.name)
    assert list(declared) == ["services/home/figures.py"], declared
    assert set(declared["services/home/figures.py"]) == figure_types
