"""Docstring examples make their data inline: they run in a clone without ../shared."""

from __future__ import annotations

from pathlib import Path

import fibrokit

SOURCE = Path(fibrokit.__file__).parent


def test_no_module_of_the_package_reads_the_shared_data_folder() -> None:
    offenders = [
        str(path.relative_to(SOURCE))
        for path in sorted(SOURCE.rglob("*.py"))
        if "shared/data" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_no_docstring_example_names_the_shared_folder() -> None:
    # Any path into ../shared (data, sources, references) in an example line would fail in a clone.
    offenders = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.lstrip().startswith((">>>", "...")) and "shared/" in line
    ]
    assert offenders == []
