"""Store a trial plan from its posted form, or show the form again with the reason.

The LDN and other-treatment plan routes both answer this way; it lives here, not in a route module, so that no
route imports another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Protocol, TypeVar

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from fibrokit.errors import FibrokitError
from fibrokit.web.deps import Access, DbSession
from fibrokit.web.forms import filled
from fibrokit.web.render import redirect

PlanT = TypeVar("PlanT")


class _Stored(Protocol):
    @property
    def id(self) -> int: ...


class _PlanPage(Protocol):
    def __call__(
        self, request: Request, access: Access, db: DbSession, status: int = 200, **context: object
    ) -> Response: ...


def plan_saved(
    request: Request,
    access: Access,
    db: DbSession,
    form: FormData,
    kind: type[PlanT],
    store: Callable[[DbSession, int, PlanT, dt.date], _Stored],
    shown: _PlanPage,
) -> Response:
    """Store the plan ``kind`` read from ``form`` and go to the trial's page, or show the plan page again.

    On a refusal nothing is kept and the plan page comes back (400) with the reason and what was typed.
    """
    fields = filled(kind, form)
    try:
        row = store(db, access.person_id, fields, dt.date.today())
    except FibrokitError as error:
        db.rollback()
        return shown(request, access, db, 400, error=str(error), kept=fields)
    return redirect(f"/p/{access.person_id}/trials/{row.id}")
