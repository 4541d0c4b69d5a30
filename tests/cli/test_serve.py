"""``ketacover serve`` refuses to start, in one line, when it cannot reach its database."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_database_it_cannot_open_is_one_line_and_exit_2(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("KETACOVER_", "DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        KETACOVER_DATA_DIR=str(tmp_path),
        KETACOVER_SECRET_KEY="serve-test-key-" + "k3T4c0v3r-" * 5,
        DATABASE_URL=f"sqlite:///{tmp_path}/no/such/folder/db.sqlite3",
    )
    result = subprocess.run(
        [sys.executable, "-c", "from ketacover.cli import main; main()", "serve", "--port", "8129"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        "ketacover: database: unable to open database file (check DATABASE_URL)\n"
    )
    assert "serving" not in result.stdout
