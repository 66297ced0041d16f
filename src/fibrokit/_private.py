"""Owner-only files: health data on disk readable by the account that runs fibrokit and nobody else.

The app, the command line and backups set the process's file-creation mask to ``077`` before they create
anything, so every file they (or SQLite, for its ``-wal`` and ``-shm``) create is ``0600`` and every folder
``0700``, whatever mask the shell or service manager started them with. :func:`tighten` brings an existing
data folder (made by an older version, or copied in) to the same modes; it reports how many it changed, and
never a file's name, so a log line about it holds no health data.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# What fibrokit writes in its data folder: the SQLite database and its companions, the generated secret, the
# upload staging and export folders.
OWN_NAMES = ("fibrokit.db", "secret_key", "staging", "exports")
FILE_MODE = 0o600
FOLDER_MODE = 0o700
_MASK = 0o077


def owner_only() -> None:
    """From now on, this process creates files ``0600`` and folders ``0700`` (POSIX; elsewhere nothing)."""
    if os.name == "posix":
        os.umask(_MASK)


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) as owner-only folders; folders that exist are left as they are."""
    missing = [parent for parent in (path, *path.parents) if not parent.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    for folder in missing:
        _restrict(folder, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty as an owner-only file (its folder too when missing); an existing file is tightened."""
    private_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(descriptor)
    _restrict(path, FILE_MODE)
    return path


def tighten(*places: Path) -> int:
    """Make every folder ``0700`` and file ``0600`` under each of ``places`` (or the file itself).

    Returns how many files and folders had looser modes. Symbolic links are left alone (never followed).
    """
    changed = 0
    for place in places:
        if place.is_symlink() or not place.exists():
            continue
        if place.is_file():
            changed += _restrict(place, FILE_MODE)
            continue
        changed += _restrict(place, FOLDER_MODE)
        for root, folders, files in os.walk(place):
            for name in folders:
                changed += _restrict(Path(root) / name, FOLDER_MODE)
            for name in files:
                changed += _restrict(Path(root) / name, FILE_MODE)
    return changed


def _restrict(path: Path, mode: int) -> int:
    if os.name != "posix":
        return 0
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or stat.S_IMODE(info.st_mode) & ~mode == 0:
        return 0
    os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    return 1


def secure_install(data_dir: Path, database: Path | None) -> int:
    """Owner-only from here on, the data folder made (or tightened), a SQLite database and its companions too.

    Returns how many existing files and folders were looser than owner-only and have been tightened.
    """
    owner_only()
    changed = 0
    if data_dir.is_dir():
        # Only what fibrokit keeps there, so a data folder pointed at a shared place changes nothing else in it.
        changed = _restrict(data_dir, FOLDER_MODE) + tighten(
            *(path for path in data_dir.iterdir() if path.name.startswith(OWN_NAMES))
        )
    private_folder(data_dir)
    if database is not None:
        companions = [
            database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", ".write-turn")
        ]
        outside = [path for path in (database, *companions) if data_dir not in path.parents]
        changed += tighten(*outside)
        private_folder(database.parent)
    return changed
