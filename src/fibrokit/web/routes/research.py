"""What the research says: the articles' findings beside the papers, linked to the person's own numbers."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from fibrokit.services.home.research import research_entries
from fibrokit.web.deps import DbSession, TestsAccess
from fibrokit.web.render import page

router = APIRouter(prefix="/p/{person_id}/research")


@router.get("")
def research(request: Request, access: TestsAccess, db: DbSession) -> Response:
    """Each finding of the three articles, what the cited paper found, its tag, and the person's numbers."""
    entries = research_entries(db, access.person_id, access.areas)
    return page(request, "research.html", access=access, entries=entries)
