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


def _section(title: str) -> str:
    text = DESIGN.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(.*?)^## ", text, flags=re.MULTILINE | re.DOTALL)
    assert found is not None, f"docs/design.md has no '## {title}' section"
    return found.group(1)


def _contract_layers() -> list[set[str]]:
    import tomllib

    config = tomllib.loads((DESIGN.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c["layers"] for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [{name.strip().removeprefix("fibrokit.") for name in layer.split("|")} for layer in layers]


def test_the_layers_drawn_are_the_import_contract_s() -> None:
    drawing = re.search(r"```\n(.*?)```", _section("Layers"), flags=re.DOTALL)
    assert drawing is not None, "the Layers section has no drawing"
    drawn = [
        {name.strip() for name in re.split(r"\s{2,}", line.strip())[0].split("|")}
        for line in drawing.group(1).splitlines()
        if line.strip()
    ]
    assert drawn == _contract_layers(), (
        "redraw the layers in docs/design.md from pyproject.toml (or the reverse)"
    )


def test_the_design_says_how_to_add_a_reader_a_metric_a_protocol_and_a_page() -> None:
    howto = _section("How to add …")
    assert re.findall(r"^### (.+)$", howto, flags=re.MULTILINE) == [
        "a reader",
        "a metric",
        "a protocol",
        "a page",
    ]
