"""The posted form as a dependency, for handlers whose fields are not known in advance (one per item, say).

Shared by the diary, questionnaire, recording and trial routes; it lives here, not in a route module, so that
no route imports another.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData


async def posted_form(request: Request) -> FormData:
    """The posted form (already read, and cached, by the CSRF check), for handlers with fields by item."""
    return await request.form()


Posted = Annotated[FormData, Depends(posted_form)]
