"""The options every ``fibrokit trial`` command shares, declared once, and the session they open.

A trial command is written as ``body(call, *its own options*)`` and registered with :func:`trial_command`,
which adds ``--trial`` (when the command acts on one trial), ``--format``, ``--user``, ``--data-dir`` and
``--database-url`` after its own options: the same options, in the same order, as when each command listed them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Concatenate, ParamSpec

import typer

from fibrokit.cli._trial_json import FormatOption, TrialFormat
from fibrokit.cli.db import DatabaseUrl, DataDir, User
from fibrokit.cli.diary import person
from fibrokit.errors import FibrokitError

if TYPE_CHECKING:
    from fibrokit.store.db import Session

P = ParamSpec("P")

TrialId = Annotated[
    int, typer.Option("--trial", help="The trial's id (default: the trial you planned most recently).")
]


@dataclass(frozen=True)
class TrialCall:
    """What every trial command is given: whose trials, which trial, and how to print."""

    output: TrialFormat
    user: str
    data_dir: Path | None
    database_url: str | None
    trial: int = 0

    @property
    def json(self) -> bool:
        """Whether to print JSON (``--format json``)."""
        return self.output is TrialFormat.json

    @contextmanager
    def session(self) -> Iterator[tuple[Session, int]]:
        """One transaction on the app's database and the id of the account it acts for."""
        with person(self.user, self.data_dir, self.database_url) as (session, user_id):
            yield session, user_id

    @contextmanager
    def trial_session(self) -> Iterator[tuple[Session, int, int]]:
        """:meth:`session` and the trial's id (``--trial``, or the trial planned most recently)."""
        with self.session() as (session, user_id):
            yield session, user_id, trial_id_of(session, user_id, self.trial)


def trial_id_of(session: Session, user_id: int, trial: int) -> int:
    """The trial given, or the person's most recently planned one."""
    from fibrokit.services import trials

    if trial:
        return trial
    latest = trials.latest_trial(session, user_id)
    if latest is None:
        raise FibrokitError("there is no trial yet: plan one with fibrokit trial plan")
    return latest.id


def _shared(with_trial: bool) -> list[inspect.Parameter]:
    keyword = inspect.Parameter.KEYWORD_ONLY
    chosen: list[tuple[str, Any, object]] = [
        ("trial", TrialId, 0),
        ("output", FormatOption, TrialFormat.text),
        ("user", User, ""),
        ("data_dir", DataDir, None),
        ("database_url", DatabaseUrl, None),
    ]
    return [
        inspect.Parameter(name, keyword, default=default, annotation=annotation)
        for name, annotation, default in chosen
        if with_trial or name != "trial"
    ]


def trial_command(
    app: typer.Typer, name: str, *, with_trial: bool = True
) -> Callable[[Callable[Concatenate[TrialCall, P], None]], Callable[Concatenate[TrialCall, P], None]]:
    """Register ``body(call, ...)`` as ``fibrokit trial NAME`` with the shared options after its own."""

    def register(
        body: Callable[Concatenate[TrialCall, P], None],
    ) -> Callable[Concatenate[TrialCall, P], None]:
        own = list(inspect.signature(body, eval_str=True).parameters.values())[1:]

        def command(**given: Any) -> None:
            call = TrialCall(
                given.pop("output"),
                given.pop("user"),
                given.pop("data_dir"),
                given.pop("database_url"),
                given.pop("trial", 0),
            )
            run: Callable[..., None] = body  # Typer passes the command's own options by name
            run(call, **given)

        command.__signature__ = inspect.Signature([*own, *_shared(with_trial)])  # type: ignore[attr-defined]
        command.__doc__ = body.__doc__
        command.__name__ = body.__name__
        # Where the command is written: the CLI's command table names that module.
        command.__module__ = body.__module__
        app.command(name)(command)
        return body

    return register
