"""Data keys and sealed bytes: AES-256-GCM with a ring of keys, newest first."""

from __future__ import annotations

import base64
import stat
import threading
from pathlib import Path

import pytest
from django.test import override_settings

from ketacover.web import crypto
from ketacover.web.crypto import DataKeyError, DecryptionError, keyring_from_text

OLD = crypto.new_key()
NEW = crypto.new_key()
PURPOSE = "uploads.upload.content"
LETTER = b"%PDF-1.4 Letter for Avery Quinlan, member XKC000123456"


def test_a_sealed_value_opens_to_the_same_bytes_and_shows_none_of_them():
    ring = keyring_from_text(OLD)
    sealed = ring.seal(LETTER, purpose=PURPOSE)
    assert ring.open(sealed, purpose=PURPOSE) == LETTER
    assert sealed.startswith(crypto.MAGIC)
    assert b"%PDF" not in sealed
    assert b"Avery" not in sealed
    assert ring.seal(LETTER, purpose=PURPOSE) != sealed, "a fresh nonce each time"
    assert crypto.sealed_key_id(sealed) == ring.newest_id


def test_the_newest_key_seals_and_every_listed_key_opens():
    old_ring = keyring_from_text(OLD)
    rotated = keyring_from_text(f"{NEW}, {OLD}")
    from_before = old_ring.seal(LETTER, purpose=PURPOSE)
    assert rotated.open(from_before, purpose=PURPOSE) == LETTER
    fresh = rotated.seal(LETTER, purpose=PURPOSE)
    assert crypto.sealed_key_id(fresh) == keyring_from_text(NEW).newest_id
    assert rotated.ids == (keyring_from_text(NEW).newest_id, old_ring.newest_id)
    with pytest.raises(DecryptionError):
        old_ring.open(fresh, purpose=PURPOSE)


def test_a_missing_key_is_named_by_its_id_and_the_message_holds_no_content():
    sealed = keyring_from_text(OLD).seal(LETTER, purpose=PURPOSE)
    with pytest.raises(DecryptionError) as raised:
        keyring_from_text(NEW).open(sealed, purpose=PURPOSE)
    message = str(raised.value)
    assert message.startswith(f"{PURPOSE}: encrypted with data key {crypto.sealed_key_id(sealed)}")
    assert "KETACOVER_DATA_KEY" in message
    assert "Avery" not in message
    assert OLD not in message
    assert NEW not in message


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),
        lambda blob: blob[:20] + bytes([blob[20] ^ 1]) + blob[21:],
        lambda blob: blob[:40] + blob[41:],
    ],
)
def test_changed_bytes_fail_the_integrity_check(damage):
    ring = keyring_from_text(OLD)
    with pytest.raises(DecryptionError, match="fail their integrity check"):
        ring.open(damage(ring.seal(LETTER, purpose=PURPOSE)), purpose=PURPOSE)


def test_bytes_sealed_for_one_column_do_not_open_in_another():
    ring = keyring_from_text(OLD)
    sealed = ring.seal(LETTER, purpose=PURPOSE)
    with pytest.raises(DecryptionError, match="integrity check"):
        ring.open(sealed, purpose="cases.documentrecord.content")


def test_plain_bytes_are_not_mistaken_for_sealed_ones():
    with pytest.raises(DecryptionError, match="not encrypted"):
        keyring_from_text(OLD).open(LETTER, purpose=PURPOSE)
    assert crypto.sealed_key_id(LETTER) is None
    assert not crypto.is_sealed(crypto.MAGIC + b"short")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no data key given"),
        (" ,\n ", "no data key given"),
        ("not-base64-at-all!", "key 1 is not 32 bytes"),
        (f"{OLD},c2hvcnQ", "key 2 is not 32 bytes"),
        (f"{OLD}\n{OLD}", "key 2 is listed twice"),
    ],
)
def test_malformed_keys_are_refused_without_showing_them(text, message):
    with pytest.raises(DataKeyError, match=message) as raised:
        keyring_from_text(text, source="KETACOVER_DATA_KEY_FILE")
    assert str(raised.value).startswith("KETACOVER_DATA_KEY_FILE: ")
    assert OLD not in str(raised.value)


def test_keys_may_be_written_without_padding_and_one_per_line():
    ring = keyring_from_text(f"{NEW.rstrip('=')}\n{OLD}\n")
    assert ring.ids == (keyring_from_text(NEW).newest_id, keyring_from_text(OLD).newest_id)


def test_the_key_file_is_created_once_private_and_then_reused(tmp_path):
    path = tmp_path / "data" / "data_key"
    first = crypto.key_file_text(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert crypto.key_file_text(path) == first
    assert len(keyring_from_text(first).keys) == 1
    assert [p.name for p in path.parent.iterdir()] == ["data_key"]


def test_processes_starting_together_agree_on_one_generated_key(tmp_path):
    path = tmp_path / "data_key"
    found: list[str] = []
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        found.append(crypto.key_file_text(path))

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(found)) == 1
    assert found[0].strip()


def test_a_key_file_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(DataKeyError, match="cannot create the data key there"):
        crypto.key_file_text(blocked / "data_key")


def test_the_configured_key_wins_over_the_data_directory(tmp_path):
    with override_settings(DATA_KEY=f"{NEW},{OLD}", DATA_DIR=tmp_path):
        assert crypto.keyring().ids == keyring_from_text(f"{NEW},{OLD}").ids
    assert not (tmp_path / crypto.KEY_FILE_NAME).exists()


def test_without_a_configured_key_one_is_generated_in_the_data_directory(tmp_path: Path):
    with override_settings(DATA_KEY="", DATA_DIR=tmp_path):
        ring = crypto.keyring()
        sealed = crypto.seal(LETTER, purpose=PURPOSE)
        assert crypto.unseal(sealed, purpose=PURPOSE) == LETTER
    stored = (tmp_path / crypto.KEY_FILE_NAME).read_text(encoding="utf-8")
    assert keyring_from_text(stored).ids == ring.ids


def test_text_travels_sealed_and_comes_back_whole():
    text = '{"resourceType": "Bundle", "name": "Avery Quinlan"}' * 50
    with override_settings(DATA_KEY=OLD):
        token = crypto.seal_text(text, purpose="imports.pending")
        assert "Avery" not in token
        assert len(token) < len(text)
        assert crypto.unseal_text(token, purpose="imports.pending") == text
        with pytest.raises(DecryptionError, match="not sealed text"):
            crypto.unseal_text("***", purpose="imports.pending")
        damaged = crypto.seal(b"not compressed", purpose="imports.pending")
        with pytest.raises(DecryptionError, match="the sealed text is damaged"):
            crypto.unseal_text(
                base64.urlsafe_b64encode(damaged).decode(), purpose="imports.pending"
            )
    with override_settings(DATA_KEY=NEW), pytest.raises(DecryptionError):
        crypto.unseal_text(token, purpose="imports.pending")
