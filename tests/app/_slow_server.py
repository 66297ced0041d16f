"""A fibrokit server whose importer stops for a minute after writing a recording, before committing it.

Only for the SIGKILL test: it patches the storage step to write a marker file and sleep, so the test can kill
the process while the import's transaction holds written but uncommitted rows.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import uvicorn

from fibrokit.services.imports import file as importing


def main() -> None:
    """Patch the importer (in this process only: pytest also imports this file, for doctests) and serve."""
    save = importing.save_recording

    def save_then_stall(session: Any, *args: Any, **kwargs: Any) -> Any:
        row = save(session, *args, **kwargs)
        session.flush()  # the rows are written inside the open transaction
        Path(os.environ["FIBROKIT_TEST_MARKER"]).write_text("stored, not committed")
        time.sleep(60)
        return row

    importing.save_recording = save_then_stall  # type: ignore[assignment]
    uvicorn.run("fibrokit.web.app:create_app", factory=True, port=int(sys.argv[1]), log_level="warning")


if __name__ == "__main__":
    main()
