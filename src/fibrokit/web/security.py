"""Security middleware: response headers (a strict Content-Security-Policy) and a request-body size limit.

Both are plain ASGI middleware so they apply to every response, static files and errors included. The policy
allows scripts, styles and connections only from this server: there are no inline scripts (charts read their
data from JSON endpoints in static scripts), Plotly is served from the installed Python package, and the only
inline styles allowed are the few Plotly creates, each by its hash.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def content_security_policy(style_hashes: tuple[str, ...] = ()) -> str:
    """The policy: everything from this server only; inline styles only those whose hashes are given."""
    styles = " ".join(("'self'", *style_hashes))
    return (
        f"default-src 'self'; script-src 'self'; style-src {styles}; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(self), microphone=(), geolocation=(), interest-cohort=()"),
)


class SecurityHeaders:
    """Add the security headers to every HTTP response (and HSTS when cookies are secure)."""

    def __init__(self, app: ASGIApp, *, hsts: bool, csp: str) -> None:
        self.app = app
        headers = (*HEADERS, (b"content-security-policy", csp.encode()))
        self.headers = (*headers, (b"strict-transport-security", b"max-age=31536000")) if hsts else headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: D102
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in self.headers if name not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by Content-Length or while they stream in."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: D102
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await _too_large(send, self.max_bytes)
                return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise HTTPException(413, _message(self.max_bytes))
            return message

        await self.app(scope, counted, send)


def _message(max_bytes: int) -> str:
    return f"The upload is larger than this server accepts ({max_bytes // 2**20} MB)."


async def _too_large(send: Send, max_bytes: int) -> None:
    body = _message(max_bytes).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
