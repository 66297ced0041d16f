"""Importing files from the command line: the same per-file transaction and job records as uploads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from fibrokit.errors import FibrokitError, InsufficientData, UnsupportedFormat
from fibrokit.services.imports import actions, queries
from fibrokit.services.imports.file import FAILED, SKIPPED, Outcome, import_file
from fibrokit.services.imports.queries import Session, sessionmaker
from fibrokit.services.imports.uploads import Staged
from fibrokit.store.db import transaction


def resolve_account(factory: sessionmaker[Session], email: str) -> int:
    """The account meant: the one named, or the only account that is not an admin."""
    with transaction(factory) as session:
        if email:
            found = queries.user_id_by_email(session, email.strip().lower())
            if found is None:
                raise FibrokitError(f"there is no account {email!r}: add it with fibrokit user add")
            return found
        people = queries.non_admin_accounts(session)
    if not people:
        raise FibrokitError(
            "there is no account yet: create yours with `fibrokit user add you@example.org` "
            "(it asks for a password), then run this again"
        )
    if len(people) > 1:
        raise FibrokitError(
            f"this database holds {len(people)} accounts: say whose this is with --user EMAIL "
            f"(for example --user {people[0][1]})"
        )
    return people[0][0]


def import_paths(
    factory: sessionmaker[Session],
    user_id: int,
    files: Sequence[Path],
    *,
    kind_hint: str = "auto",
    day: dt.date | None = None,
    skip_unknown: bool = False,
) -> Iterator[Outcome]:
    """Import files one by one, each in its own transaction; yield each file's outcome.

    With ``skip_unknown`` (a vendor's export folder, full of files that are not health data) a file in no format
    fibrokit reads is ``skipped``, not ``failed``.
    """
    with transaction(factory) as session:
        job = actions.create_job(
            session,
            user_id,
            [Staged(f.name, f, f.stat().st_size) for f in files],
            origin="cli",
            kind_hint=kind_hint,
        )
        items = queries.items_of_job(session, job.id)
        item_ids = [item.id for item in items]
        # The command imports the files itself; they are not left for a server's importer to claim.
        # No staged path: a server must never pick these up (nor delete the person's own files).
        for item in items:
            item.status, item.worker, item.staged_path = actions.RUNNING, actions.worker_name(), ""
    for item_id, path in zip(item_ids, files, strict=True):
        try:
            with transaction(factory) as session:
                outcome = import_file(session, user_id, path, kind_hint=kind_hint, day=day)
                actions.finish(session, item_id, outcome)
        except FibrokitError as error:
            unknown = isinstance(error, UnsupportedFormat | InsufficientData)
            outcome = Outcome(SKIPPED if skip_unknown and unknown else FAILED, str(error))
            with transaction(factory) as session:
                actions.finish(session, item_id, outcome)
        yield outcome
