"""Typed helpers that read settings from the environment and fail loudly.

A secret can come from the variable itself or from a file named by ``<NAME>_FILE`` (as container
secrets are mounted), never from a default outside debug mode.
"""

from __future__ import annotations

import os
from pathlib import Path


class SettingError(RuntimeError):
    """A setting is missing or malformed; the message names the variable."""


def text(name: str, default: str | None = None) -> str:
    """A string setting; ``<NAME>_FILE`` wins when set; missing with no default is an error."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise SettingError(f"{name}_FILE: cannot read {path} ({error.strerror})") from None
    value = os.environ.get(name)
    if value is not None and value != "":
        return value
    if default is None:
        raise SettingError(f"{name} is not set")
    return default


def flag(name: str, default: bool = False) -> bool:
    """A yes/no setting: 1/true/yes/on or 0/false/no/off (any case)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"{name}: {value!r} is not a yes/no value (use 1 or 0)")


def words(name: str, default: tuple[str, ...] = ()) -> list[str]:
    """A comma-separated list setting."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def number(name: str, default: int) -> int:
    """A whole-number setting."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingError(f"{name}: {value!r} is not a whole number") from None
