"""``ketacover datakey`` and ``ketacover rekey``: the keys that encrypt stored files.

Rotating the data key (docs/web.md):

1. ``ketacover datakey`` prints a new key.
2. Put it in front of the old one, ``KETACOVER_DATA_KEY="NEW,OLD"`` (or the same two lines in the
   file named by ``KETACOVER_DATA_KEY_FILE``, or in the data directory's ``data_key``), and
   restart every server: new files are sealed with the new key, older ones still open.
3. ``ketacover rekey`` encrypts every stored file again with the new key; it can run while the
   servers run, and again after an interruption.
4. Drop the old key and restart.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ketacover.cli.edge import edge, stdout
from ketacover.cli.server import setup_django


@edge
def datakey() -> None:
    """Print a new random data key (for KETACOVER_DATA_KEY); nothing is stored."""
    from ketacover.web.crypto import new_key

    typer.echo(new_key())


@edge
def rekey(
    batch: Annotated[int, typer.Option(min=1, help="Files re-encrypted per transaction.")] = 50,
) -> None:
    """Encrypt every stored file again with the newest data key, then check that every file
    opens with the configured keys."""
    setup_django()
    from ketacover.web import crypto, sealed

    console = stdout()
    ring = crypto.keyring()
    console.print(f"re-encrypting with data key {ring.newest_id}")
    done = sealed.rekey(batch=batch)
    for purpose, count in done.items():
        console.print(f"{purpose}: {count} file(s) re-encrypted")
    sealed.stored_keys_check()
    in_use = sorted({key for counts in sealed.keys_in_use().values() for key in counts})
    console.print(
        f"every stored file now uses data key {ring.newest_id}; older keys can be removed"
        if in_use in ([], [ring.newest_id])
        else f"keys still in use: {', '.join(in_use)}"
    )
