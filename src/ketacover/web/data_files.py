"""Who may read the data directory: its owner only.

The embedded SQLite database holds every case; SQLite creates its database file with the
process's umask (often 0644, readable by every account on the machine) and its ``-wal`` and
``-shm`` files with the database file's mode. So before the first connection the data
directory is made 0700 and the database file is created (empty, which SQLite accepts as a new
database) or narrowed to 0600, and so are existing ``-wal``/``-shm`` files: new installs and
existing ones alike, at every start (HIPAA 45 CFR 164.312(a)(1), access control; the key files
are created 0600 the same way).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

DIRECTORY_MODE: Final = 0o700
FILE_MODE: Final = 0o600
SIDE_FILES: Final = ("-wal", "-shm", "-journal")
"""Files SQLite keeps beside the database, named by suffix."""


def _narrow(path: Path, mode: int) -> None:
    """Set ``path``'s permission bits to ``mode`` unless they already are (no-op if missing)."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if current != mode:
        path.chmod(mode)


def secure_sqlite(data_dir: Path, database: Path) -> None:
    """Make ``data_dir`` 0700 and ``database`` (created empty if missing, in a folder that
    exists) with its side files 0600. Only files the process owns are changed; others are left
    to the operator."""
    data_dir.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    if data_dir.stat().st_uid == os.geteuid():
        _narrow(data_dir, DIRECTORY_MODE)
    if not database.parent.is_dir():
        # A DATABASE_URL naming a folder that does not exist is a mistake to report (the
        # start-up check says so), not a new empty database to create.
        return
    try:
        descriptor = os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        pass
    else:
        os.close(descriptor)
    for path in (database, *(Path(f"{database}{suffix}") for suffix in SIDE_FILES)):
        if path.exists() and path.stat().st_uid == os.geteuid():
            _narrow(path, FILE_MODE)
