"""What the demo shows the person who started it: how to log in to the demo account."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLogin:
    """How to log in to the demo account."""

    email: str
    password: str
