"""Alerts a person notices: the terminal bell and, where the desktop offers one, a notification."""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import TextIO


class Notifier:
    """Ring the bell and post a desktop notification (``notify-send`` on Linux, ``osascript`` on macOS).

    A missing notification tool is not an error: the bell and the terminal line still tell the person.
    """

    def __init__(self, *, bell: bool = True, desktop: bool = True, stream: TextIO | None = None) -> None:
        self.bell = bell
        self.stream = stream or sys.stderr
        self.command = _desktop_command() if desktop else None
        self.sent = 0
        self._running: list[subprocess.Popen[bytes]] = []

    def alert(self, message: str) -> None:
        """Tell the person, without blocking the pipeline."""
        self.sent += 1
        if self.bell:
            self.stream.write("\a")
            self.stream.flush()
        # Reap notifications that have finished, so none is left as a zombie.
        self._running = [process for process in self._running if process.poll() is None]
        if self.command is not None:
            try:
                process = subprocess.Popen(
                    [*self.command, message],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                self._running.append(process)
            except OSError:
                self.command = None  # the tool went away: keep the bell, stop trying


def _desktop_command() -> list[str] | None:
    if sys.platform.startswith("linux") and shutil.which("notify-send"):
        return ["notify-send", "--app-name=fibrokit", "fibrokit pacing"]
    if sys.platform == "darwin" and shutil.which("osascript"):
        return [
            "osascript",
            "-e",
            'on run argv\ndisplay notification (item 1 of argv) with title "fibrokit"\nend run',
        ]
    return None
