"""The web app's settings: one typed object read from ``FIBROKIT_*`` environment variables.

Every setting is a field of :class:`Settings` with a description; ``docs/configuration.md`` is generated from
these fields (``scripts/gen_docs.py``) and a test checks each variable is documented. Bad values are refused at
start-up with a sentence naming the variable. Outside development, a placeholder secret (``change-me``,
``secret``, anything shorter than 32 characters) is refused; when no secret is given at all, one is generated
on first run and kept in the data folder, readable only by its owner.

Examples
--------
>>> settings = Settings(data_dir="/tmp/fibrokit-doc", env="development")
>>> settings.database_url
'sqlite:////tmp/fibrokit-doc/fibrokit.db'
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from fibrokit._private import private_folder
from fibrokit.errors import FibrokitError

_PLACEHOLDERS = frozenset(
    {"", "change-me", "changeme", "change_me", "secret", "secret-key", "your-secret-key", "password", "xxx"}
)
_MIN_SECRET = 32


class ConfigError(FibrokitError):
    """A setting has a value fibrokit cannot use."""


def default_data_dir() -> Path:
    """The per-user data folder: XDG on Linux, Application Support on macOS, APPDATA on Windows."""
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "fibrokit"
    if os.name == "nt":
        return Path(os.environ.get("APPDATA", home / "AppData" / "Roaming")) / "fibrokit"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "fibrokit"


class Settings(BaseSettings):
    """Settings of the self-hosted app, from ``FIBROKIT_<NAME>`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="FIBROKIT_", extra="ignore", validate_default=True)

    env: Literal["development", "production"] = Field(
        "production",
        description="`production` (secure cookies, placeholder secrets refused) or `development` (plain-HTTP "
        "cookies for a local test server).",
    )
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder for the SQLite database, upload staging and the generated secret. Default: the "
        "per-user data folder (`~/.local/share/fibrokit` on Linux).",
    )
    database_url: str = Field(
        "",
        description="SQLAlchemy URL of the database, e.g. `postgresql+psycopg://user:pass@host/fibrokit`. "
        "Empty: a SQLite file `fibrokit.db` in the data folder (WAL mode).",
    )
    secret_key: str = Field(
        "",
        description="Key that makes stored session and throttling keys unlinkable to their inputs (at least "
        "32 characters). Empty: generated on first run and kept in the data folder.",
    )
    secret_key_file: Path | None = Field(
        None, description="File holding the secret key (e.g. a Docker secret); takes precedence."
    )
    signup: Literal["open", "invite", "closed"] = Field(
        "open",
        description="`open` (the default, for a computer of your own): anyone who reaches the server can "
        "create an account; `invite` (for a clinic): only with an invitation link from an admin or a "
        "patient's invitation to share; `closed`: admins add accounts (`fibrokit user add`).",
    )
    signups_per_hour: int = Field(
        5, ge=1, le=1000, description="Sign-ups accepted per hour from one address; more get 429."
    )
    max_upload_mb: int = Field(
        256, ge=1, le=4096, description="Largest request body accepted, in MB (uploads above it get 413)."
    )
    session_days: int = Field(14, ge=1, le=365, description="Days a login lasts without activity.")
    login_free_attempts: int = Field(
        5,
        ge=1,
        le=1000,
        description="Wrong passwords within an hour, per account and per address, before each further one "
        "doubles the wait before the next try (1 s, 2 s, 4 s … up to 15 minutes; a try during the wait gets "
        "429). A device where the account logged in before is judged by its own count only.",
    )
    password_checks_at_once: int = Field(
        2,
        ge=1,
        le=64,
        description="Password hashes and checks (argon2) run at once per server process; more wait their "
        "turn, so a flood of logins queues instead of taking every core. About the number of cores.",
    )
    host: str = Field("127.0.0.1", description="Address `fibrokit serve` listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port `fibrokit serve` listens on.")
    workers: int = Field(1, ge=1, le=64, description="Server processes `fibrokit serve` starts.")
    forwarded_allow_ips: str = Field(
        "",
        description="Reverse proxies whose X-Forwarded-For/-Proto headers are trusted (comma-separated "
        "addresses, e.g. `127.0.0.1` for nginx on the same machine). Empty (the default): no proxy is trusted "
        "and throttling counts the address that connects. Set it only to your proxy's address: a trusted "
        "header decides which address a login is counted against.",
    )
    import_threads: int = Field(1, ge=0, le=16, description="Background import threads per server process.")
    log_level: Literal["debug", "info", "warning", "error"] = Field("info", description="Server log level.")

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:// or postgresql:// URL")
        return value

    @model_validator(mode="after")
    def _resolve(self) -> Settings:
        if self.secret_key_file is not None:
            try:
                self.secret_key = self.secret_key_file.read_text(encoding="utf-8").strip()
            except OSError as error:
                raise ValueError(f"FIBROKIT_SECRET_KEY_FILE cannot be read ({error.strerror})") from None
        if self.env != "development" and self.secret_key and _placeholder(self.secret_key):
            raise ValueError(
                f"FIBROKIT_SECRET_KEY looks like a placeholder: use at least {_MIN_SECRET} random characters "
                "(or leave it empty to have one generated)"
            )
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'fibrokit.db'}"
        return self

    @property
    def secure_cookies(self) -> bool:
        """Cookies carry the Secure flag except in development (plain HTTP on localhost)."""
        return self.env != "development"

    def secret(self) -> str:
        """The secret key, generating and storing one in the data folder the first time when none is set."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
        private_folder(path.parent)
        key = secrets.token_urlsafe(48)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            stream.write(key)
        return key


def _placeholder(value: str) -> bool:
    return value.strip().lower() in _PLACEHOLDERS or len(value) < _MIN_SECRET


def load_settings(**overrides: object) -> Settings:
    """Read the settings from the environment (and ``overrides``), as one sentence on a bad value.

    Raises
    ------
    ConfigError
        Naming the variable and what is wrong with it.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        problem = error.errors()[0]
        where = "_".join(str(part) for part in problem["loc"]).upper()
        name = f"FIBROKIT_{where}" if where else "the settings"
        message = str(problem["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{name}: {message}") from None
