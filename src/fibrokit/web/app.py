"""The app factory: settings → database (migrated) → routers, middleware, templates and the importer."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from fibrokit._version import __version__
from fibrokit.config import Settings, load_settings
from fibrokit.errors import FibrokitError
from fibrokit.services.accounts.server import open_server
from fibrokit.services.imports.worker import ImportWorker
from fibrokit.services.recordings.title import TITLE_MAX, default_title, recording_title
from fibrokit.web.areas import api_routes as api_routes  # where the persona and CSRF tests find it
from fibrokit.web.assets import plotly_bundle, plotly_style_hashes, plotly_version
from fibrokit.web.deps import LoginRequired, verify_csrf
from fibrokit.web.render import number, page, redirect
from fibrokit.web.routes import (
    account,
    admin,
    auth,
    camera,
    diary,
    guided,
    home,
    imports,
    install,
    instruments,
    pacing,
    pacing_live,
    portability,
    protocols,
    recordings,
    reports,
    research,
    shared,
    sharing,
    trials,
    trials_other,
)
from fibrokit.web.security import BodyLimit, SecurityHeaders, content_security_policy
from fibrokit.web.state import HERE, AppState

log = logging.getLogger("fibrokit.web")
# Areas whose routes hold health data, under /p/{person_id}; the persona tests walk every route below them.
HEALTH_PREFIX = "/p/"


def create_app(settings: Settings | None = None, *, run_worker: bool = True) -> FastAPI:
    """Build the app: migrate the database, then wire routers, middleware and the background importer.

    Parameters
    ----------
    settings : Settings, optional
        Defaults to the environment (``FIBROKIT_*``).
    run_worker : bool
        Start import threads (tests pass False and run the queue themselves).
    """
    chosen = settings or load_settings()
    server = open_server(chosen)
    if server.tightened:
        log.warning(
            "made %d files and folders of the data owner-only (0600/0700); they were readable by others",
            server.tightened,
        )
    engine, factory = server.engine, server.factory
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["number"] = number
    templates.env.globals["recording_title"] = recording_title
    templates.env.globals["default_title"] = default_title
    templates.env.globals["title_max"] = TITLE_MAX
    templates.env.globals.update(version=__version__, plotly_url=f"/vendor/plotly-{plotly_version()}.min.js")
    worker = ImportWorker(
        factory, chosen.data_dir / "staging", threads=chosen.import_threads if run_worker else 0
    )
    state = AppState(chosen, engine, factory, templates, worker, chosen.secret())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if run_worker:
            worker.start()
        yield
        worker.stop()
        engine.dispose()

    app = FastAPI(
        title="fibrokit",
        version=__version__,
        lifespan=lifespan,
        dependencies=[Depends(verify_csrf)],
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.fibrokit = state
    for module in (
        auth,
        account,
        admin,
        home,
        recordings,
        protocols,
        camera,
        imports,
        install,
        diary,
        instruments,
        trials_other,
        trials,
        reports,
        pacing,
        pacing_live,
        research,
        guided,
        sharing,
        shared,
        portability,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount(f"/vendor/plotly-{plotly_version()}.min.js", plotly_bundle, name="plotly")
    _handlers(app)
    app.add_middleware(BodyLimit, max_bytes=chosen.max_upload_mb * 2**20)
    csp = content_security_policy(plotly_style_hashes())
    app.add_middleware(SecurityHeaders, hsts=chosen.secure_cookies, csp=csp)
    return app


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, error: LoginRequired) -> Response:
        return redirect("/login")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = (
            error.detail if error.status_code != 404 else "There is nothing here, or it is not yours to see."
        )
        return page(request, "error.html", error.status_code, message=message, status=error.status_code)

    @app.exception_handler(FibrokitError)
    async def refused(request: Request, error: FibrokitError) -> Response:
        return page(request, "error.html", 400, message=str(error), status=400)
