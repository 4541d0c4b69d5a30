"""``ketacover backup``: a consistent SQLite copy taken while another connection writes."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from ketacover.cli import backup as backup_module

ROWS = 5_000
WRITES = 200


def _database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        connection.executemany(
            "INSERT INTO note (body) VALUES (?)", ((f"note {n} " + "x" * 200,) for n in range(ROWS))
        )
    connection.close()


def _write_while_copying(path: Path, started: threading.Event) -> None:
    connection = sqlite3.connect(path, timeout=20)
    try:
        started.set()
        for n in range(WRITES):
            with connection:
                connection.execute("INSERT INTO note (body) VALUES (?)", (f"late {n}",))
    finally:
        connection.close()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "ketacover.sqlite3"
    path.parent.mkdir()
    _database(path)
    monkeypatch.setenv("KETACOVER_DATA_DIR", str(path.parent))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return path


def test_it_copies_a_database_consistently_while_another_connection_writes(
    run, database, tmp_path, monkeypatch
):
    monkeypatch.setattr(backup_module, "PAGES_PER_STEP", 8)
    started = threading.Event()
    writer = threading.Thread(target=_write_while_copying, args=(database, started))
    writer.start()
    started.wait(5)
    destination = tmp_path / "copies" / "ketacover-backup.sqlite3"
    result = run("backup", str(destination))
    writer.join(30)

    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output
    copy = sqlite3.connect(destination)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = copy.execute("SELECT count(*) FROM note").fetchone()[0]
        first = copy.execute("SELECT body FROM note WHERE id = 1").fetchone()[0]
    finally:
        copy.close()
    assert ROWS <= count <= ROWS + WRITES
    assert first.startswith("note 0 ")


def test_it_uses_the_sqlite_file_named_by_database_url(run, database, tmp_path, monkeypatch):
    monkeypatch.delenv("KETACOVER_DATA_DIR")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    destination = tmp_path / "copy.sqlite3"
    assert run("backup", str(destination)).exit_code == 0
    with sqlite3.connect(destination) as copy:
        assert copy.execute("SELECT count(*) FROM note").fetchone()[0] == ROWS
    copy.close()


def test_it_refuses_postgresql_and_names_pg_dump(run, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://clinic@db.example.org:5432/ketacover")
    destination = tmp_path / "copy.dump"
    result = run("backup", str(destination))
    assert result.exit_code == 2
    assert "PostgreSQL" in result.output
    assert "pg_dump --format=custom" in result.output
    assert not destination.exists()


def test_it_never_overwrites_an_existing_file(run, database, tmp_path):
    destination = tmp_path / "taken.sqlite3"
    destination.write_text("keep me")
    result = run("backup", str(destination))
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert destination.read_text() == "keep me"


def test_it_says_when_there_is_no_database_yet(run, tmp_path, monkeypatch):
    monkeypatch.setenv("KETACOVER_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = run("backup", str(tmp_path / "copy.sqlite3"))
    assert result.exit_code == 2
    assert "ketacover migrate" in result.output


def test_the_copy_function_refuses_a_missing_source_and_a_taken_destination(tmp_path):
    with pytest.raises(FileNotFoundError):
        backup_module.backup_sqlite(tmp_path / "missing.sqlite3", tmp_path / "copy.sqlite3")
    source = tmp_path / "source.sqlite3"
    _database(source)
    taken = tmp_path / "taken.sqlite3"
    taken.write_bytes(b"")
    with pytest.raises(FileExistsError):
        backup_module.backup_sqlite(source, taken)
