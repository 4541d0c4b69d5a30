"""``ketacover backup DEST``: a consistent copy of the SQLite database, taken while it runs.

The copy uses SQLite's online backup API (Python's ``sqlite3.Connection.backup``), which copies
the database page by page under SQLite's own locking, so the copy is a consistent snapshot even
while the web app keeps writing. PostgreSQL is backed up with its own tool, ``pg_dump``; this
command refuses and prints the command to use.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer

from ketacover.cli.edge import fail, stdout

PAGES_PER_STEP = 1024
"""Pages copied per step; between steps other connections may read and write."""


def _database_url() -> str:
    return os.environ.get("DATABASE_URL", "").strip()


def _is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in {"postgres", "postgresql", "pgsql", "postgis"}


def _source_path(url: str) -> Path:
    """The SQLite file the web app uses: from ``DATABASE_URL`` or the data directory."""
    if url:
        import dj_database_url

        name = dj_database_url.parse(url).get("NAME")
        return Path(str(name)).resolve()
    data_dir = Path(os.environ.get("KETACOVER_DATA_DIR") or Path.cwd() / "var")
    return (data_dir / "ketacover.sqlite3").resolve()


def backup_sqlite(source: Path, destination: Path) -> int:
    """Copy the SQLite database at ``source`` into a new file ``destination`` with the online
    backup API; returns the number of pages copied. The destination must not exist yet."""
    if not source.is_file():
        raise FileNotFoundError(source)
    if destination.exists():
        raise FileExistsError(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    reader = sqlite3.connect(source, timeout=20)
    try:
        writer = sqlite3.connect(destination)
        try:
            reader.backup(writer, pages=PAGES_PER_STEP)
            pages = int(writer.execute("PRAGMA page_count").fetchone()[0])
            check = writer.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            writer.close()
    finally:
        reader.close()
    if check != "ok":
        destination.unlink()
        raise RuntimeError(f"backup: integrity check of the copy failed ({check})")
    return pages


def backup(
    destination: Annotated[
        Path, typer.Argument(help="The new file to write the copy to (must not exist).")
    ],
) -> None:
    """Copy the SQLite database to DEST, consistently, even while the server runs."""
    url = _database_url()
    if _is_postgres(url):
        typer.echo(
            "ketacover: backup copies SQLite databases; DATABASE_URL points to PostgreSQL.\n"
            "Back it up with pg_dump instead, for example:\n"
            f'  pg_dump --format=custom --file="{destination}" "$DATABASE_URL"',
            err=True,
        )
        raise typer.Exit(2)
    source = _source_path(url)
    if not source.is_file():
        raise fail(f"no database at {source} (run `ketacover migrate` first)")
    if destination.exists():
        raise fail(f"{destination} already exists; choose a new file")
    try:
        pages = backup_sqlite(source, destination)
    except (sqlite3.Error, RuntimeError, OSError) as error:
        raise fail(f"backup of {source.name} failed: {error}") from None
    stdout().print(f"Backed up {source} to {destination} ({pages} pages, integrity check ok).")
