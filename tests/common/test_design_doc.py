"""docs/design.md describes the tree as it is: every package and top-level module of fibrokit is in its layout."""

from __future__ import annotations

import pkgutil
import re
from pathlib import Path

import fibrokit

DESIGN = Path(__file__).parents[2] / "docs" / "design.md"


def _layout() -> str:
    text = DESIGN.read_text(encoding="utf-8")
    found = re.search(r"^## Layout\n(.*?)^## ", text, flags=re.MULTILINE | re.DOTALL)
    assert found is not None, "docs/design.md has no '## Layout' section"
    return found.group(1)


def _entries() -> list[str]:
    return sorted(
        f"{name}/" if is_package else f"{name}.py"
        for _, name, is_package in pkgutil.iter_modules(fibrokit.__path__)
    )


def test_every_package_and_module_of_fibrokit_is_in_the_layout() -> None:
    layout = _layout()
    missing = [
        entry for entry in _entries() if not re.search(rf"^\s+{re.escape(entry)}\s", layout, re.MULTILINE)
    ]
    assert missing == [], f"describe {missing} under '## Layout' in docs/design.md"


def test_the_layout_names_nothing_that_does_not_exist() -> None:
    described = re.findall(r"^  ([a-z_]+(?:/|\.py))\s", _layout(), flags=re.MULTILINE)
    assert described, "the layout lists no package"
    assert sorted(set(described) - {*_entries(), "__init__.py"}) == []


def test_contributing_and_readme_point_to_the_design() -> None:
    root = DESIGN.parents[1]
    assert "(design.md)" in (root / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert "(docs/design.md)" in (root / "README.md").read_text(encoding="utf-8")
