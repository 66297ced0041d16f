"""The self-hosted web app: ``create_app`` builds it; ``fibrokit serve`` runs it."""

from fibrokit.web.app import create_app

__all__ = ["create_app"]
