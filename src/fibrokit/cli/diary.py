"""``fibrokit diary …``: check in, see the history, and fill in the FIQR, the ACR criteria and the PGIC.

The commands write to the app's database (the same store as ``fibrokit serve``), into the account named by
``--user`` (or the only account that is not an admin), each command in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fibrokit.choices import ItemKind
from fibrokit.cli import _appdb
from fibrokit.cli._app import app, console_note, out
from fibrokit.cli.db import DatabaseUrl, DataDir, User
from fibrokit.errors import FibrokitError

if TYPE_CHECKING:
    from fibrokit.store.db import Session

diary_app = typer.Typer(
    help="The symptom diary: check-ins, history, FIQR, ACR criteria and PGIC (in the app's database).",
    no_args_is_help=True,
)
app.add_typer(diary_app, name="diary")

On = Annotated[str, typer.Option("--on", help="Day answered, YYYY-MM-DD (default today).")]


@contextmanager
def person(user: str, data_dir: Path | None, database_url: str | None) -> Iterator[tuple[Session, int]]:
    """One transaction on the app's database and the id of the account it acts for."""
    from fibrokit.services.imports.cli import resolve_account
    from fibrokit.store.db import transaction

    with _appdb.open_database(_appdb.settings(data_dir, database_url)) as (_, factory):
        user_id = resolve_account(factory, user)
        with transaction(factory) as session:
            yield session, user_id


def _pairs(values: list[str], what: str) -> dict[str, str]:
    found = {}
    for value in values:
        key, sep, number = value.partition("=")
        if not sep or not key.strip():
            raise FibrokitError(f"{what} {value!r}: write it as item=number, such as pain=6")
        found[key.strip()] = number.strip()
    return found


@diary_app.command("checkin")
def checkin_command(
    rate: Annotated[
        list[str], typer.Option("--rate", "-r", help="A rating, item=0-10 (repeat: -r pain=6 -r fatigue=7).")
    ] = [],  # noqa: B006 (Typer reads the default)
    factor: Annotated[
        list[str], typer.Option("--factor", "-f", help="A trigger or exposure present (repeat).")
    ] = [],  # noqa: B006
    ongoing: Annotated[
        list[str], typer.Option("--ongoing", help="A factor still going on: ticked again next time (repeat).")
    ] = [],  # noqa: B006
    note: Annotated[str, typer.Option("--note", help="A note.")] = "",
    at: Annotated[str, typer.Option("--at", help="When, YYYY-MM-DDTHH:MM (default now).")] = "",
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record a check-in (as many a day as you like); items not rated are left out."""
    from fibrokit.services import diary

    try:
        when = dt.datetime.fromisoformat(at) if at else dt.datetime.now()
    except ValueError:
        raise FibrokitError(f"--at {at!r} is not a date and time (use YYYY-MM-DDTHH:MM)") from None
    with person(user, data_dir, database_url) as (session, user_id):
        row = diary.save_checkin(session, user_id, when, _pairs(rate, "--rate"), factor, ongoing, note)
        saved = f"check-in saved for {row.local_day.isoformat()} at {row.at_local:%H:%M}"
    out.print(saved, markup=False)


@diary_app.command("items")
def items_command(
    add: Annotated[str, typer.Option("--add", help="Track an item of your own, by its name.")] = "",
    kind: Annotated[ItemKind, typer.Option("--kind", help="What your own item is (with --add).")] = "symptom",
    remove: Annotated[str, typer.Option("--remove", help="Stop offering an item, by its key.")] = "",
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """List the items your check-ins offer; add your own or remove one."""
    from fibrokit.services import diary

    with person(user, data_dir, database_url) as (session, user_id):
        if add:
            diary.add_item(session, user_id, add, kind)
        if remove:
            diary.remove_item(session, user_id, remove)
        items = diary.current_items(session, user_id)
    for item in items:
        out.print(f"{item.key:<16} {item.kind:<9} {item.label}", markup=False)


class Format(StrEnum):
    """Output formats of the history."""

    table = "table"
    csv = "csv"


@diary_app.command("history")
def history_command(
    days: Annotated[int, typer.Option("--days", help="30, 90 or 365.")] = 30,
    output: Annotated[Format, typer.Option("--format", help="table or csv.")] = Format.table,
    user: User = "",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Each day's average rating of each symptom, and the weekly averages."""
    from fibrokit.services.diary import views as diary_views

    if days not in diary_views.PERIODS:
        raise FibrokitError(f"--days must be one of {', '.join(map(str, diary_views.PERIODS))}")
    with person(user, data_dir, database_url) as (session, user_id):
        view = diary_views.diary_history(session, user_id, days, dt.date.today())
    keys = [key for key, _ in view.symptoms]
    names = [name for _, name in view.symptoms]
    if output is Format.csv:
        out.print(",".join(["day", "checkins", *keys, "factors"]), markup=False)
        for day in view.days:
            cells = [f"{day.symptoms[k].mean:.2f}" if k in day.symptoms else "" for k in keys]
            out.print(
                ",".join([day.day.isoformat(), str(day.checkins), *cells, " ".join(sorted(day.factors))]),
                markup=False,
            )
        return
    out.print(f"{'week of':<12}{'days':>5}  " + "  ".join(f"{n[:12]:>12}" for n in names), markup=False)
    for week in view.weeks:
        cells = [f"{week.means[k]:>12.1f}" if week.means[k] is not None else f"{'-':>12}" for k in keys]
        out.print(f"{week.start.isoformat():<12}{week.days:>5}  " + "  ".join(cells), markup=False)
    console_note(
        f"{len(view.days)} day(s) with check-ins since {view.since.isoformat()}; each day is the mean of its check-ins"
    )
