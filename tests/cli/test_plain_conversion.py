"""The command line converts simple option values without Pydantic, exactly as Typer's own converter does."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
import typer
import typer.main
from typer._coercion import build_runtime_param
from typer.testing import CliRunner

from fibrokit.cli._coercion import LeanGroup, PlainParam, plain_conversion


def _demo() -> typer.Typer:
    app = typer.Typer(cls=LeanGroup, add_completion=False)

    @app.callback()
    def _group() -> None:
        pass

    @app.command("show")
    def show(
        files: Annotated[list[Path], typer.Argument()],
        count: int = 3,
        share: float = 0.5,
        label: str = "x",
        where: Path | None = None,
        flag: bool = False,
    ) -> None:
        typer.echo(repr((files, count, share, label, where, flag)))

    return app


EXAMPLES = [
    ("files", ["a.fit", "b/c.txt"]),
    ("count", "12"),
    ("count", "-4"),
    ("count", "+7"),
    ("share", "0.25"),
    ("share", "3"),
    ("share", "1e-3"),
    ("share", ".5"),
    ("label", "morning 1"),
    ("where", "out/x.csv"),
]


@pytest.mark.parametrize(("name", "value"), EXAMPLES)
def test_plain_conversion_gives_what_typer_gives(name: str, value: object) -> None:
    command = typer.main.get_command(_demo()).commands["show"]  # type: ignore[attr-defined]
    param = next(p for p in command.params if p.name == name)
    ctx = command.make_context("show", ["a.fit"], resilient_parsing=True)
    plain = PlainParam(
        parameter_info=param.type_descriptor.parameter_info, annotation=param.type_descriptor.annotation
    )
    typed = build_runtime_param(param.type_descriptor)
    assert plain._coerce_value(value, param, ctx) == typed._coerce_value(value, param=param, ctx=ctx)


def test_the_lean_group_converts_a_whole_command_line_and_leaves_bad_values_to_typer() -> None:
    app = _demo()
    done = CliRunner().invoke(
        app, ["show", "a.fit", "--count", "2", "--share", "0.1", "--where", "o.csv", "--flag"]
    )
    assert done.exit_code == 0, done.output
    assert repr(([Path("a.fit")], 2, 0.1, "x", Path("o.csv"), True)) in done.output
    bad = CliRunner(env={"COLUMNS": "200"}).invoke(app, ["show", "a.fit", "--count", "two"])
    assert bad.exit_code == 2
    assert "Invalid value for '--count'" in bad.output  # Typer's own message


def test_every_simple_parameter_of_the_command_line_is_converted_plainly() -> None:
    from fibrokit.cli import app

    group = typer.main.get_command(app)
    ctx = group.make_context("fibrokit", ["--version"], resilient_parsing=True)
    plain_conversion(group, ctx)
    inspect = group.commands["inspect"]  # type: ignore[attr-defined]
    assert all(isinstance(p._runtime_param, PlainParam) for p in inspect.params)
