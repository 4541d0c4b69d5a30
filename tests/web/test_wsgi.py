"""The WSGI application refuses to start when stored files cannot be decrypted with the
configured data keys, and starts when they can."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ketacover.web import crypto

OLD = crypto.new_key()
NEW = crypto.new_key()
STORE = """
from django.core.management import call_command
call_command("migrate", verbosity=0)
from ketacover.web.accounts.models import Workspace
from ketacover.web.cases.models import CaseRecord
from ketacover.web.uploads.models import Upload
space = Workspace.objects.create(name="Test Clinic")
case = CaseRecord.objects.create(workspace=space, case_id="c-1", data={}, patient_name="Avery Q")
Upload.objects.create(
    case=case, name="n.pdf", content_type="application/pdf", size=9, sha256="0" * 64,
    content=b"%PDF-1.4 Avery Q", version=1,
)
"""


def _python(code: str, tmp_path: Path, key: str) -> subprocess.CompletedProcess[str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("KETACOVER_", "DJANGO_", "DATABASE_URL"))
    }
    environment.update(
        KETACOVER_DATA_DIR=str(tmp_path),
        KETACOVER_SECRET_KEY="wsgi-test-key-" + "x" * 50,
        KETACOVER_DATA_KEY=key,
        DJANGO_SETTINGS_MODULE="ketacover.web.settings",
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_the_server_refuses_to_start_without_the_key_that_sealed_the_files(tmp_path):
    stored = _python("import django\ndjango.setup()\n" + STORE, tmp_path, OLD)
    assert stored.returncode == 0, stored.stderr

    refused = _python("import ketacover.web.wsgi", tmp_path, NEW)
    assert refused.returncode != 0
    last = refused.stderr.strip().splitlines()[-1]
    old_id = crypto.keyring_from_text(OLD).newest_id
    assert last.startswith("ketacover.web.crypto.DataKeyError: stored files cannot be decrypted")
    assert f"uploads.upload.content: 1 row(s) encrypted with data key {old_id}" in last
    assert "Avery" not in refused.stderr

    started = _python("import ketacover.web.wsgi\nprint('ready')", tmp_path, f"{NEW},{OLD}")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "ready"


def test_loading_the_application_leaves_no_database_connection_for_the_workers_to_share(
    tmp_path,
):
    stored = _python("import django\ndjango.setup()\n" + STORE, tmp_path, OLD)
    assert stored.returncode == 0, stored.stderr
    loaded = _python(
        "import ketacover.web.wsgi\nfrom django.db import connection\n"
        "print(connection.connection is None)",
        tmp_path,
        OLD,
    )
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "True"
