"""``fibrokit user add`` and ``fibrokit user delete``: create an account, or delete one with all its data."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from fibrokit.cli import _appdb
from fibrokit.cli._app import app, out
from fibrokit.cli.db import DatabaseUrl, DataDir

user_app = typer.Typer(help="Accounts of the web app.", no_args_is_help=True)
app.add_typer(user_app, name="user")


@user_app.command("add")
def add_command(
    email: Annotated[str, typer.Argument(help="E-mail address, used to log in.")],
    admin: Annotated[
        bool, typer.Option("--admin", help="Manages accounts (never sees health data).")
    ] = False,
    name: Annotated[str, typer.Option("--name", help="Name shown in the app.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input (for scripts).")
    ] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Add an account; the password is asked for (twice), or read from standard input."""
    from fibrokit.services.accounts.actions import create_user
    from fibrokit.store.db import transaction

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with _appdb.open_database(_appdb.settings(data_dir, database_url)) as (_, factory):
        with transaction(factory) as session:
            user = create_user(session, email, password, name=name, is_admin=admin)
            role = "admin" if user.is_admin else "account"
        out.print(f"added {role} {user.email} (id {user.id})")


@user_app.command("delete")
def delete_command(
    email: Annotated[str, typer.Argument(help="E-mail address of the account to delete.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Delete without asking to type the address again.")
    ] = False,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Delete an account and every byte of its data (backups made earlier are not touched)."""
    from fibrokit.errors import FibrokitError
    from fibrokit.services.portability import actions, deletion
    from fibrokit.store.db import transaction

    chosen = _appdb.settings(data_dir, database_url)
    with _appdb.open_database(chosen) as (engine, factory):
        with transaction(factory) as session:
            address = deletion.find_account(session, email).email
        if not yes:
            typed = typer.prompt(
                f"This deletes {address} and all its data for good. Type the address to go on"
            )
            if typed.strip().lower() != address:
                raise FibrokitError("the address typed is not the account's: nothing was deleted")
        with transaction(factory) as session:
            leftovers = actions.delete_account(
                session, deletion.find_account(session, address).id, chosen.data_dir
            )
        deletion.remove_leftovers(leftovers, engine)
    out.print(f"deleted {address} and {leftovers.rows - 1} rows of its data")
