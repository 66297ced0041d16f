"""The installable app: manifest, icons and service worker are served, and every page links them."""

from __future__ import annotations

import json

from fastapi import FastAPI
from tests.app.conftest import Personas


def test_the_manifest_names_the_app_and_its_icons_exist(app: FastAPI, personas: Personas) -> None:
    client = personas.owner.client
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["name"] == "fibrokit"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    sizes = set()
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200
        assert image.content.startswith(b"\x89PNG\r\n\x1a\n")
        sizes.add(icon["sizes"])
    assert {"192x192", "512x512"} <= sizes


def test_the_service_worker_keeps_static_files_only(app: FastAPI, personas: Personas) -> None:
    client = personas.owner.client
    worker = client.get("/sw.js")
    assert worker.status_code == 200
    assert worker.headers["content-type"].startswith("text/javascript")
    files = json.loads(worker.text.split("const FILES = ", 1)[1].split(";\n", 1)[0])
    assert any(f.startswith("/static/app.css?v=") for f in files)
    assert "/static/icons/icon-512.png" in files
    assert all(f.startswith(("/static/", "/vendor/")) for f in files)
    for path in files:
        assert client.get(path).status_code == 200, path


def test_every_page_links_the_manifest_and_the_offline_script(app: FastAPI, personas: Personas) -> None:
    for path in ("/account", f"/p/{personas.owner.user_id}", f"/p/{personas.owner.user_id}/diary/checkin"):
        page = personas.owner.client.get(path).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page
        assert "/static/offline.js" in page
