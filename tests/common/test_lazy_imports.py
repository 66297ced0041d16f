"""Start-up stays light: the package and the command line import heavy libraries only when a command needs them."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import shared_file

import fibrokit

HEAVY = ("scipy", "matplotlib", "sqlalchemy", "fastapi", "plotly", "pandas")
SOURCE = str(Path(fibrokit.__file__).resolve().parent.parent)


def _imported(*args: str) -> set[str]:
    """Top-level packages a fresh interpreter imports to run ``args``, from ``-X importtime``."""
    env = {**os.environ, "PYTHONPATH": SOURCE, "COLUMNS": "120"}
    env.pop("FIBROKIT_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "fibrokit" in names, "importtime printed nothing: the check would pass vacuously"
    return names


@pytest.mark.parametrize(
    "args",
    [("-c", "import fibrokit"), ("-m", "fibrokit", "--help"), ("-m", "fibrokit", "--version")],
    ids=["import fibrokit", "fibrokit --help", "fibrokit --version"],
)
def test_start_up_imports_no_heavy_library(args: tuple[str, ...]) -> None:
    assert _imported(*args) & set(HEAVY) == set()


def test_import_fibrokit_does_not_even_import_numpy() -> None:
    assert "numpy" not in _imported("-c", "import fibrokit")


def test_inspecting_a_file_needs_no_scipy_or_plotting() -> None:
    fit = str(shared_file("fit/activity-large-fenxi2-multisport.fit"))
    assert _imported("-m", "fibrokit", "inspect", fit) & set(HEAVY) == set()


def test_public_names_still_resolve_and_are_kept() -> None:
    hrv = fibrokit.hrv
    importlib.import_module("fibrokit.hrv.registry")  # the subpackage must not replace the function

    assert fibrokit.hrv is hrv
    assert callable(fibrokit.hrv)
    assert "hrv" in vars(fibrokit)
    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        _ = fibrokit.not_a_name  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("package", "name", "module"),
    [
        ("fibrokit.beats", "rr_series", "fibrokit.beats.rr_series"),
        ("fibrokit.readers", "read_edf", "fibrokit.readers.edf"),
    ],
)
def test_each_lazy_package_keeps_its_functions_and_names_itself(package: str, name: str, module: str) -> None:
    # The packages share one helper (fibrokit._lazy); each must still keep a function whose module is imported.
    found = importlib.import_module(package)
    function = getattr(found, name)
    importlib.import_module(module)
    assert getattr(found, name) is function
    assert callable(function)
    assert name in dir(found)
    with pytest.raises(AttributeError, match=f"module '{package}' has no attribute 'not_a_name'"):
        _ = found.not_a_name


def test_a_protocol_function_is_kept_when_its_module_is_imported_again() -> None:
    protocols = importlib.import_module("fibrokit.protocols")
    function = protocols.ppg_reading
    saved = sys.modules.pop("fibrokit.protocols.ppg_reading")
    try:
        importlib.import_module(
            "fibrokit.protocols.ppg_reading"
        )  # sets the package's attribute to the module
        assert protocols.ppg_reading is function
        assert callable(protocols.ppg_reading)
    finally:
        sys.modules["fibrokit.protocols.ppg_reading"] = saved


def _loaded_by_command(*args: str) -> set[str]:
    """Every module loaded (``sys.modules`` at exit) when a fresh interpreter runs ``fibrokit ARGS``."""
    env = {**os.environ, "PYTHONPATH": SOURCE, "COLUMNS": "120"}
    # Read-only commands end with os._exit (no atexit handlers), so the list is written from both exits.
    code = (
        "import atexit, os, sys\n"
        "def modules():\n    sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
        "atexit.register(modules)\n"
        "real_exit = os._exit\n"
        "def end(code):\n    modules()\n    sys.stderr.flush()\n    real_exit(code)\n"
        "os._exit = end\n"
        "from fibrokit.cli import main\nmain()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


def test_inspecting_a_fit_file_loads_only_the_fit_reader_and_no_pydantic_or_rich() -> None:
    fit = str(shared_file("fit/activity-large-fenxi2-multisport.fit"))
    modules = _loaded_by_command("inspect", fit)
    assert "fibrokit.readers.fit.read_fit" in modules, "the check would pass vacuously"
    assert {m.split(".")[0] for m in modules} & {"pydantic", "rich"} == set()
    other_readers = {"apple_health", "edf", "tcx", "wfdb", "polar_hrm", "nirs", "rr_text", "daily_apple"}
    assert {m for m in modules if m.rsplit(".", 1)[-1] in other_readers} == set()
    other_commands = {
        m for m in modules if m.startswith("fibrokit.cli.") and not m.startswith("fibrokit.cli._")
    }
    assert other_commands == {"fibrokit.cli.inspect"}
    assert "fibrokit.beats.ppg_beats" not in modules


def test_the_command_table_names_every_command_and_the_modules_that_define_it() -> None:
    from fibrokit.cli import AREAS, app

    found: dict[str, set[str]] = {}
    for command in app.registered_commands:
        assert command.name is not None
        assert command.callback is not None
        found.setdefault(command.name, set()).add(command.callback.__module__)
    for group in app.registered_groups:
        assert group.name is not None
        assert group.typer_instance is not None
        for sub in group.typer_instance.registered_commands:
            assert sub.callback is not None
            found.setdefault(group.name, set()).add(sub.callback.__module__)
    assert {name: {f"fibrokit.cli.{m}" for m in modules} for name, modules in AREAS.items()} == found
