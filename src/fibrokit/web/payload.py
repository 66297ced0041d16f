"""A request's JSON body, as the pages' scripts post it (a live session's beats, a guided test's phases)."""

from __future__ import annotations

from fastapi import Request


async def json_payload(request: Request) -> object:
    """The posted JSON, or None when the request is not JSON or not valid JSON (the service then says why)."""
    if not request.headers.get("content-type", "").startswith("application/json"):
        return None
    try:
        payload: object = await request.json()
    except ValueError:
        return None
    return payload
