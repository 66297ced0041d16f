"""The posted form as a dependency, for handlers whose fields are not known in advance (one per item, say).

Shared by the diary, home, pacing, questionnaire, recording, sharing and trial routes; it lives here, not in a
route module, so that no route imports another.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from starlette.datastructures import FormData

T = TypeVar("T")


async def posted_form(request: Request) -> FormData:
    """The posted form (already read, and cached, by the CSRF check), for handlers with fields by item."""
    return await request.form()


Posted = Annotated[FormData, Depends(posted_form)]


async def text_fields(request: Request) -> dict[str, str]:
    """The posted form's text fields by name (the last value of a repeated one; uploads left out)."""
    form = await request.form()
    return {name: value for name, value in form.items() if isinstance(value, str)}


TextFields = Annotated[dict[str, str], Depends(text_fields)]


async def listed_fields(request: Request) -> dict[str, list[str]]:
    """The posted form's text fields by name, every value of each (boxes ticked, say)."""
    form = await request.form()
    return {name: [v for v in form.getlist(name) if isinstance(v, str)] for name in form}


ListedFields = Annotated[dict[str, list[str]], Depends(listed_fields)]


def text_of(form: FormData, name: str) -> str:
    """The posted text of field ``name``, empty when it was not sent."""
    return str(form.get(name) or "")


def filled(kind: type[T], form: FormData) -> T:
    """The form dataclass ``kind`` with each of its fields taken as posted text (empty when not sent)."""
    assert dataclasses.is_dataclass(kind)
    values = {field.name: text_of(form, field.name) for field in dataclasses.fields(kind)}
    return kind(**values)
