"""Every command shown in README.md and docs/cli.md runs as written, so the examples cannot drift from the program.

The examples name a person's own files; here they stand for files of the shared data, put where the examples
expect them (fibrokit recognises a format by its content, not its name). The installation lines of the README
(``pip install …``) are not fibrokit commands and are left out. The account that ``fibrokit serve --demo``
creates in the README's first step is made with ``fibrokit user add`` instead of starting a server.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ROOT, shared_file

import fibrokit

SOURCE = str(Path(fibrokit.__file__).resolve().parent.parent)
PAGES = (ROOT / "README.md", ROOT / "docs" / "cli.md")
# What each example's file name stands for in the shared data.
STAND_INS = {
    "my-exercise-test.fit": "polar/exercise_rri.hrm",
    "my-exercise-test.hrm": "polar/exercise_rri.hrm",
    "overnight.txt": "rr/healthy-000-ms.txt",
    "run.fit": "fit/garmin-fenix-5-run.fit",
    "ride.fit": "fit/garmin-edge-500-activity.fit",
    "home/Downloads/garmin/walk.fit": "fit/garmin-fenix-5-walk.fit",
}


def _fingertip_video(path: Path) -> None:
    """A simulated fingertip video of a real resting RR record (what ``fingertip.y4m`` stands for).

    The stretch is in sinus rhythm (as in tests/cli/test_ppg_command.py): the record's first beats hold
    borderline intervals that a camera reading rightly refuses, since a strap could class them otherwise.
    """
    from fibrokit.readers import read
    from fibrokit.simulate import ppg_video_y4m, simulate_ppg_video

    beats = read(shared_file("polar/rest_rri.txt")).beats
    assert beats is not None
    rr = beats.rr_ms[130:260]
    path.write_bytes(ppg_video_y4m(simulate_ppg_video(rr, jitter_ms=0.0, drop_share=0.0, seed=3)))


def documented_commands() -> list[str]:
    """The ``fibrokit …`` lines inside the code blocks of the pages, without their trailing comments."""
    commands = []
    for page in PAGES:
        for block in re.findall(r"^```[a-z]*\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M):
            for line in block.splitlines():
                if line.startswith("fibrokit "):
                    commands.append(re.split(r"\s+# ", line)[0].strip())
    return commands


def documented_python() -> list[str]:
    """The Python examples of the README."""
    return re.findall(r"^```python\n(.*?)^```", PAGES[0].read_text(encoding="utf-8"), re.S | re.M)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("examples")
    for name, shared in STAND_INS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shared_file(shared), folder / name)
    _fingertip_video(folder / "fingertip.y4m")
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "fibrokit"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m fibrokit "$@"\n')
    launcher.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": SOURCE, "HOME": str(folder / "home"), "COLUMNS": "160"}
    env |= {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "FIBROKIT_DATA_DIR": str(folder / "data"),
    }
    for name in ("FIBROKIT_DATABASE_URL", "FIBROKIT_DEBUG"):
        env.pop(name, None)
    account = subprocess.run(
        ["fibrokit", "user", "add", "me@example.org", "--password-stdin"],
        input="a long enough passphrase\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=False,
    )
    assert account.returncode == 0, account.stderr
    return folder, env


def test_the_pages_show_commands() -> None:
    assert len(documented_commands()) >= 8


@pytest.mark.parametrize("command", documented_commands())
def test_documented_command_runs_as_written(command: str, workspace: tuple[Path, dict[str, str]]) -> None:
    folder, env = workspace
    done = subprocess.run(
        ["/bin/sh", "-c", command],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("code", documented_python())
def test_documented_python_runs(code: str, workspace: tuple[Path, dict[str, str]]) -> None:
    folder, env = workspace
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=folder,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
