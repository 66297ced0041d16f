"""What the app holds while it runs: settings, database, templates and the background importer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi.templating import Jinja2Templates

from fibrokit.config import Settings
from fibrokit.services import Engine, Session, sessionmaker
from fibrokit.services.imports.worker import ImportWorker

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "fibrokit_session"
ANON_CSRF_COOKIE = "fibrokit_csrf"
# A read-only link's token, scoped to the path of the person who shared it (/p/<id>).
LINK_COOKIE = "fibrokit_link"


@dataclass
class AppState:
    """Shared, read-only after start-up (the worker manages its own threads)."""

    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]
    templates: Jinja2Templates
    worker: ImportWorker
    secret: str

    @property
    def staging(self) -> Path:
        """Folder where uploads wait for the importer (beside the database for SQLite)."""
        return self.settings.data_dir / "staging"
