"""The installable app: its manifest and the service worker that keeps the static files for instant starts.

Both live at the site's root so the worker may look after every page; neither holds health data. The worker
keeps the files under ``/static/`` (from the start) and the charting bundle (once first used); pages with health
data are never stored by it.
"""

from __future__ import annotations

import json

from fastapi import APIRouter
from fastapi.responses import Response

from fibrokit._version import __version__
from fibrokit.web.state import HERE

router = APIRouter()
_ICONS = [
    {
        "src": f"/static/icons/icon-{size}.png",
        "sizes": f"{size}x{size}",
        "type": "image/png",
        "purpose": "any",
    }
    for size in (192, 512)
]


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    """The web app manifest: name, start page, colours and icons, so the app can be added to a home screen."""
    body = {
        "name": "fibrokit",
        "short_name": "fibrokit",
        "description": "Your autonomic readings, pacing and diary, on your own server.",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#8c1d18",
        "icons": _ICONS,
    }
    return Response(json.dumps(body), media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker, with the list of this version's static files to keep."""
    static = sorted(
        f"/static/{p.relative_to(HERE / 'static').as_posix()}"
        for p in (HERE / "static").rglob("*")
        if p.is_file()
    )
    files = [f"{path}?v={__version__}" if path.endswith((".css", ".js")) else path for path in static]
    script = (HERE / "templates" / "sw.js").read_text(encoding="utf-8")
    script = script.replace("__VERSION__", json.dumps(__version__)).replace("__FILES__", json.dumps(files))
    return Response(
        script,
        media_type="text/javascript",
        headers={"cache-control": "no-cache", "service-worker-allowed": "/"},
    )
