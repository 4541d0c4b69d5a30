"""Finding 9: the data directory is 0700, the SQLite database and its -wal/-shm files 0600, on
a new install and on an existing one at start-up."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from ketacover.web.data_files import secure_sqlite


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _start(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """Start Django with the real settings on ``data_dir`` under a lax umask, write a row (so
    SQLite makes its -wal and -shm files) and print the journal mode and, while the connection
    is open (SQLite removes the -wal file when the last one closes), each file's mode."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KETACOVER_", "DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="ketacover.web.settings",
        KETACOVER_DATA_DIR=str(data_dir),
        KETACOVER_SECRET_KEY="data-files-test-key-" + "x" * 40,
    )
    code = (
        "import os\nos.umask(0o022)\nimport django\ndjango.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('CREATE TABLE IF NOT EXISTS t (x int)')\n"
        "    c.execute('INSERT INTO t VALUES (1)')\n"
        "    print(c.execute('PRAGMA journal_mode').fetchone()[0])\n"
        "import stat\nfrom django.conf import settings\n"
        "name = settings.DATABASES['default']['NAME']\n"
        "for path in (name, f'{name}-wal', f'{name}-shm'):\n"
        "    print(oct(stat.S_IMODE(os.stat(path).st_mode)))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_finding_9_a_new_install_keeps_its_database_to_its_owner(tmp_path):
    data_dir = tmp_path / "var"
    result = _start(data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "0o600", "0o600", "0o600"]
    assert _mode(data_dir) == 0o700
    assert _mode(data_dir / "ketacover.sqlite3") == 0o600


def test_finding_9_an_existing_install_is_narrowed_at_start_up(tmp_path):
    data_dir = tmp_path / "var"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    database = data_dir / "ketacover.sqlite3"
    sqlite3.connect(database).close()
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        path.touch()
        path.chmod(0o644)
    result = _start(data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wal", "0o600", "0o600", "0o600"]
    assert _mode(data_dir) == 0o700
    assert _mode(database) == 0o600


def test_securing_leaves_modes_already_right_and_creates_an_empty_database(tmp_path):
    data = tmp_path / "data"
    database = data / "ketacover.sqlite3"
    secure_sqlite(data, database)
    assert database.read_bytes() == b""
    assert _mode(database) == 0o600
    assert _mode(database.parent) == 0o700
    secure_sqlite(data, database)
    assert _mode(database) == 0o600


def test_a_database_in_a_folder_that_does_not_exist_is_not_created(tmp_path):
    database = tmp_path / "no" / "such" / "folder" / "db.sqlite3"
    secure_sqlite(tmp_path, database)
    assert not database.parent.exists()
