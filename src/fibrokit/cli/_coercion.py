"""Plain conversion of the simple option types, so running one command does not load Pydantic.

Typer (0.2x) converts every non-flag value with a Pydantic ``TypeAdapter``, built the first time the command
runs: importing Pydantic and building the adapters costs more CPU than reading a 1 MB FIT file. The command line
defines its commands with Typer as usual; :class:`LeanGroup`, the top-level group, gives the parameters of the
command being run a converter for paths, text, whole numbers, decimals and flags (and lists of them) that gives what
Typer gives, and hands every other type, every bounded number and every value it cannot read to Typer's own
converter, so messages about bad values stay Typer's. A test compares the two on examples of each type.
With a Typer whose internals differ, nothing is changed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core

try:  # Typer's conversion layer (typer >= 0.2x); without it, Typer converts as it always did.
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
except ImportError:  # pragma: no cover - another Typer
    RuntimeParam = None  # type: ignore[assignment,misc]

_PLAIN = (Path, str, int, float, bool)
_WHOLE = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class _Unread(ValueError):
    """A value this module leaves to Typer's converter."""


def _leaf(value: Any, kind: type, parameter: Any, param: Any, ctx: Any) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise _Unread(value)
    if kind is Path and isinstance(value, str | Path):
        return coerce_cli_path(Path(value), parameter, path_type=Path, param=param, ctx=ctx)
    if isinstance(value, kind) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        raise _Unread(value)
    if kind is str:
        return value
    if kind is int and _WHOLE.fullmatch(value):
        return int(value)
    if kind is float and _DECIMAL.fullmatch(value):
        return float(value)
    raise _Unread(value)


def _kind(annotation: Any) -> tuple[type, bool] | None:
    """The plain type of an annotation and whether it is a list of it, or None when Typer must convert it."""
    if annotation in _PLAIN:
        return annotation, False
    if (
        get_origin(annotation) is list
        and len(get_args(annotation)) == 1
        and get_args(annotation)[0] in _PLAIN
    ):
        return get_args(annotation)[0], True
    return None


if RuntimeParam is not None:

    class PlainParam(RuntimeParam):
        """Converts one parameter's value(s) to a path, text or number; anything else goes to Typer."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            kind = _kind(self.annotation)
            assert kind is not None
            try:
                if kind[1]:
                    items = value if isinstance(value, list | tuple) else [value]
                    return [_leaf(v, kind[0], self.parameter_info, param, ctx) for v in items]
                return _leaf(value, kind[0], self.parameter_info, param, ctx)
            except _Unread:
                typed = build_runtime_param(param.type_descriptor)
                return typed._coerce_value(value, param=param, ctx=ctx)


def plain_conversion(command: Any, ctx: Any) -> None:
    """Give the simple parameters of ``command`` (and of its subcommands) the plain converter.

    The ``--help`` flag is a parameter too, made once per command on first use; it is made here (as it would
    be) so that it is converted plainly as well.
    """
    if RuntimeParam is None:  # pragma: no cover - another Typer
        return
    help_option = command.get_help_option(ctx) if hasattr(command, "get_help_option") else None
    for param in [*getattr(command, "params", ()), help_option]:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", 0) is not None:
            continue
        info = descriptor.parameter_info
        kind = _kind(descriptor.annotation)
        if kind is None or info.parser is not None or (kind[0] in {int, float} and descriptor.is_ranged):
            continue
        param._runtime_param = PlainParam(parameter_info=info, annotation=descriptor.annotation)
    for sub in getattr(command, "commands", {}).values():
        plain_conversion(sub, ctx)


class LeanGroup(typer.core.TyperGroup):
    """The top-level group: it and its commands convert their simple values without Pydantic."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse as Typer does, once :func:`plain_conversion` has been applied to the whole command tree."""
        plain_conversion(self, ctx)
        rest: list[str] = super().parse_args(ctx, args)
        return rest
