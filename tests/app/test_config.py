"""The settings object: typed, loud about bad values and placeholder secrets, and fully documented."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from fibrokit.config import ConfigError, Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_it_documents_every_setting_on_the_configuration_page() -> None:
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`(FIBROKIT_[A-Z_]+)`", page))
    expected = {f"FIBROKIT_{name.upper()}" for name in Settings.model_fields}
    assert expected <= documented
    for name, field in Settings.model_fields.items():
        assert field.description, f"{name} has no description"


def test_it_reads_typed_values_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("FIBROKIT_PORT", "9001")
    monkeypatch.setenv("FIBROKIT_SIGNUP", "invite")
    settings = load_settings()
    assert (settings.port, settings.signup, settings.data_dir) == (9001, "invite", tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'fibrokit.db'}"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("FIBROKIT_PORT", "eighty", "FIBROKIT_PORT"),
        ("FIBROKIT_SIGNUP", "sometimes", "FIBROKIT_SIGNUP"),
        ("FIBROKIT_DATABASE_URL", "mysql://x", "sqlite:// or postgresql://"),
        ("FIBROKIT_SECRET_KEY", "change-me", "placeholder"),
        ("FIBROKIT_SECRET_KEY", "short", "placeholder"),
    ],
)
def test_it_refuses_bad_values_in_one_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv("FIBROKIT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings()
    assert "\n" not in str(caught.value)


def test_it_allows_a_placeholder_secret_only_in_development(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FIBROKIT_SECRET_KEY", "change-me")
    assert load_settings(data_dir=tmp_path, env="development").secret() == "change-me"


def test_it_generates_a_private_secret_on_first_run(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path / "data", env="production")
    secret = settings.secret()
    assert len(secret) >= 32
    assert secret == settings.secret()
    assert (os.stat(tmp_path / "data" / "secret_key").st_mode & 0o777) == 0o600


def test_it_reads_the_secret_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_text("s" * 40 + "\n")
    assert load_settings(data_dir=tmp_path, secret_key_file=path).secret() == "s" * 40
    with pytest.raises(ConfigError, match="FIBROKIT_SECRET_KEY_FILE cannot be read"):
        load_settings(data_dir=tmp_path, secret_key_file=tmp_path / "missing")
