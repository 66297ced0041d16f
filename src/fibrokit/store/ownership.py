"""Whose rows are whose: the tables holding a person's data, found by walking the schema's metadata.

A table holds a person's data when one of its columns names an account (a foreign key to ``users.id``, or a
column called ``user_id``, ``person_id`` or ``owner_id``), or when it refers by foreign key to a table that does:
a recording's data bundles belong to whoever owns the recording. Tables added later are covered as soon as they
exist, with no change here. Export, import and deletion of an account all use this map.

* **Deletion** (:mod:`fibrokit.store.erasure`) removes every row that names the account, in any such column,
  and every row hanging off one.
* **Export** carries the tables that name the account once (their *owner* column) or hang off carried tables.
  :data:`NOT_CARRIED` lists, each with its reason, the tables that name an account but stay on this server
  (they are deleted all the same); :data:`NOT_PERSONAL` the tables that name nobody. A test fails when a table
  is in none of these, so every new table gets a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    String,
    Table,
    false,
    or_,
    select,
)

from fibrokit.store.tables import Base

ACCOUNTS = "users"
OWNER_NAMES = ("user_id", "person_id", "owner_id")

NOT_CARRIED: dict[str, str] = {
    "sessions": "logins on this server; they mean nothing on another",
    "account_tokens": "one-time links (invitations, password resets) issued on this server",
    "shares": "permissions given to other accounts of this server; elsewhere they would name nobody, or the "
    "wrong person",
    "share_invitations": "invitations to accounts of this server, with links made with this server's secret",
    "share_links": "read-only links made with this server's secret; they open nothing elsewhere",
    "access_log": "who on this server looked at the person's data; it names this server's accounts and links",
    "readiness_queue": "this server's work still to do (mornings to judge again); the verdicts are exported",
    "import_jobs": "this server's import queue; the files and everything made of them are exported",
    "import_items": "this server's import queue; the files and everything made of them are exported",
}
NOT_PERSONAL: dict[str, str] = {
    "login_failures": "wrong passwords and sign-ups as keyed hashes of account, address or device, forgotten "
    "after an hour; they name no account",
}
# The account's own row: what travels as the person's profile, and what stays because it belongs to this server.
PROFILE_COLUMNS = ("email", "name", "birth_year", "sex")
ACCOUNT_COLUMNS_NOT_CARRIED: dict[str, str] = {
    "id": "this server's number for the account",
    "password_hash": "a secret; the account on the new server has its own password",
    "is_admin": "a role on this server",
    "is_active": "a state on this server",
    "created_at": "when the account was made on this server",
    "last_login_at": "when the account last logged in on this server",
    "data_version": "this server's marker of the last change to the account's data, for the pages it keeps",
}


@dataclass(frozen=True)
class Link:
    """A reference: this table's ``column`` refers to ``target.target_column``.

    ``nulled`` when the column is emptied, rather than its row deleted, as the target row goes
    (``ON DELETE SET NULL``).
    """

    column: str
    target: str
    target_column: str
    nulled: bool


@dataclass(frozen=True)
class PersonalTable:
    """A table holding people's data and how its rows belong to a person.

    Attributes
    ----------
    table : Table
        The table.
    accounts : tuple of Link
        Its columns naming an account.
    parents : tuple of Link
        Its foreign keys to other tables holding people's data.
    key : str or None
        Its integer surrogate key, which an import renumbers (None for natural or composite keys).
    """

    table: Table
    accounts: tuple[Link, ...]
    parents: tuple[Link, ...]
    key: str | None

    @property
    def name(self) -> str:
        """The table's name."""
        return self.table.name

    @property
    def owner(self) -> str | None:
        """The column naming the person when exactly one column names an account, else None."""
        if len(self.accounts) == 1 and not self.accounts[0].nulled:
            return self.accounts[0].column
        return None


def personal_tables(metadata: MetaData = Base.metadata) -> list[PersonalTable]:
    """Every table holding people's data, parents before the tables that refer to them.

    Examples
    --------
    >>> [t.name for t in personal_tables()][:3]
    ['account_tokens', 'daily_source_choice', 'daily_summaries']
    """
    found: dict[str, PersonalTable] = {}
    for table in metadata.sorted_tables:
        if table.name == ACCOUNTS:
            continue
        accounts = tuple(_account_links(table))
        links = [link for link in _links(table) if link.target in found or link.target == table.name]
        if accounts or any(link.target != table.name for link in links):
            found[table.name] = PersonalTable(table, accounts, tuple(links), _surrogate(table))
    return list(found.values())


def carried_tables(metadata: MetaData = Base.metadata) -> list[PersonalTable]:
    """The personal tables an export carries, parents first (see the module's description)."""
    carried: dict[str, PersonalTable] = {}
    for entry in personal_tables(metadata):
        if entry.name in NOT_CARRIED or len(entry.accounts) > 1 or (entry.accounts and entry.owner is None):
            continue
        if all(link.target in carried or link.target == entry.name for link in entry.parents):
            carried[entry.name] = entry
    return list(carried.values())


def unclassified(metadata: MetaData = Base.metadata) -> dict[str, str]:
    """Tables with no decision yet (neither carried, nor listed as not carried or not personal), and why."""
    personal = {entry.name: entry for entry in personal_tables(metadata)}
    carried = {entry.name for entry in carried_tables(metadata)}
    open_: dict[str, str] = {}
    for table in metadata.sorted_tables:
        name = table.name
        if name == ACCOUNTS or name in carried or name in NOT_CARRIED or name in NOT_PERSONAL:
            continue
        if name not in personal:
            open_[name] = "names no account: give it a user_id, or list it in NOT_PERSONAL with a reason"
        else:
            columns = ", ".join(link.column for link in personal[name].accounts) or "none"
            open_[name] = (
                f"names other accounts (columns: {columns}) or hangs off a table that is not carried: "
                "list it in NOT_CARRIED with a reason, or give it a single owner column"
            )
    return open_


def owned(entry: PersonalTable, user_id: int, tables: dict[str, PersonalTable]) -> ColumnElement[bool]:
    """Rows of a carried table that are the person's: by its owner column, else through its parents' rows."""
    if entry.owner is not None:
        return entry.table.c[entry.owner] == user_id
    ways = [
        entry.table.c[link.column].in_(
            select(tables[link.target].table.c[link.target_column]).where(
                owned(tables[link.target], user_id, tables)
            )
        )
        for link in entry.parents
        if link.target != entry.name
    ]
    return or_(false(), *ways)


def key_order(table: Table, dialect: str) -> list[ColumnElement[Any]]:
    """The table's primary key for ORDER BY, text compared byte by byte on every database (same order anywhere)."""
    columns: list[ColumnElement[Any]] = []
    for column in table.primary_key.columns:
        text_like = isinstance(column.type, String)
        columns.append(column.collate("C") if text_like and dialect == "postgresql" else column)
    return columns


def naming(entry: PersonalTable, user_id: int, tables: dict[str, PersonalTable]) -> ColumnElement[bool]:
    """Rows that name the account, or hang off such rows, other than through an ``ON DELETE SET NULL`` column."""
    ways: list[ColumnElement[bool]] = [
        entry.table.c[link.column] == user_id for link in entry.accounts if not link.nulled
    ]
    for link in entry.parents:
        if link.nulled or link.target == entry.name:
            continue
        parent = tables[link.target]
        ways.append(
            entry.table.c[link.column].in_(
                select(parent.table.c[link.target_column]).where(naming(parent, user_id, tables))
            )
        )
    return or_(false(), *ways)


def _account_links(table: Table) -> list[Link]:
    links = []
    for column in table.columns:
        to_accounts = [fk for fk in column.foreign_keys if fk.column.table.name == ACCOUNTS]
        if to_accounts:
            nulled = (to_accounts[0].ondelete or "").upper() == "SET NULL"
            links.append(Link(column.name, ACCOUNTS, to_accounts[0].column.name, nulled))
        elif column.name in OWNER_NAMES and not column.foreign_keys:
            links.append(Link(column.name, ACCOUNTS, "id", False))
    return links


def _links(table: Table) -> list[Link]:
    return [
        Link(fk.parent.name, fk.column.table.name, fk.column.name, (fk.ondelete or "").upper() == "SET NULL")
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name)
        if fk.column.table.name != ACCOUNTS
    ]


def _surrogate(table: Table) -> str | None:
    keys: list[Column[Any]] = list(table.primary_key.columns)
    if len(keys) == 1 and isinstance(keys[0].type, Integer) and not keys[0].foreign_keys:
        return keys[0].name
    return None
