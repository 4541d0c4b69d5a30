"""A model field whose bytes are encrypted at rest, and what keeps its keys honest: the start-up
check, re-encryption with the newest key, and the data migration of older plain rows.

:class:`SealedBinaryField` encrypts whatever bytes are assigned to it when the row is saved
(:mod:`ketacover.web.crypto`). Read back, the value is a :class:`Sealed`: still encrypted, with no
way to be turned into bytes by accident (``bytes(value)`` fails). Only code that serves the file
after its access check calls :meth:`Sealed.decrypt` (45 CFR 164.312(a)(2)(iv); OWASP ASVS 4.0
V6.1, data classification: health data is encrypted at rest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps as global_apps
from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.functions import Substr

from ketacover.web import crypto
from ketacover.web.crypto import DataKeyError

if TYPE_CHECKING:
    from django.apps.registry import Apps
    from django.db.backends.base.schema import BaseDatabaseSchemaEditor


class Sealed:
    """Stored bytes as the database holds them: encrypted. :meth:`decrypt` gives the file."""

    __slots__ = ("blob", "purpose")

    def __init__(self, blob: bytes, purpose: str) -> None:
        self.blob = blob
        self.purpose = purpose

    def decrypt(self) -> bytes:
        """The file's bytes; :class:`~ketacover.web.crypto.DecryptionError` if no configured key
        opens them or they were changed."""
        return crypto.unseal(self.blob, purpose=self.purpose)

    @property
    def key_id(self) -> str | None:
        """The id of the key that sealed the value (None for a row not yet encrypted)."""
        return crypto.sealed_key_id(self.blob)

    def __len__(self) -> int:
        return len(self.blob)

    def __repr__(self) -> str:
        return f"<Sealed {self.purpose}: {len(self.blob)} bytes, key {self.key_id}>"


if TYPE_CHECKING:
    _Base = models.BinaryField[bytes | Sealed, Sealed]
else:
    _Base = models.BinaryField


class SealedBinaryField(_Base):
    """Bytes encrypted at rest with the newest data key, bound to the column they belong to."""

    description = "Binary data encrypted at rest"
    _pyi_private_set_type: bytes | Sealed
    _pyi_private_get_type: Sealed  # type: ignore[assignment]  # what reads give back

    @property
    def purpose(self) -> str:
        """What the value is for, authenticated with it: ``<app>.<model>.<field>``."""
        return f"{self.model._meta.label_lower}.{self.name}"

    def seal(self, value: object) -> Sealed:
        """``value`` as a sealed value: plain bytes are encrypted, a sealed one is kept."""
        if isinstance(value, Sealed):
            return value
        if isinstance(value, bytes | bytearray | memoryview):
            return Sealed(crypto.seal(bytes(value), purpose=self.purpose), self.purpose)
        raise TypeError(f"{self.purpose}: expected bytes, not {type(value).__name__}")

    def pre_save(self, model_instance: models.Model, add: bool) -> Sealed | None:
        value = getattr(model_instance, self.attname)
        if value is None:
            return None
        sealed = self.seal(value)
        setattr(model_instance, self.attname, sealed)
        return sealed

    def get_db_prep_value(
        self, value: object, connection: BaseDatabaseWrapper, prepared: bool = False
    ) -> object:
        if value is None:
            return None
        return super().get_db_prep_value(self.seal(value).blob, connection, prepared)

    def from_db_value(
        self, value: bytes | memoryview | None, expression: object, connection: object
    ) -> Sealed | None:
        return None if value is None else Sealed(bytes(value), self.purpose)

    def value_to_string(self, obj: models.Model) -> str:
        """The stored (encrypted) bytes in base64, for Django's serializers."""
        import base64

        value = self.value_from_object(obj)
        return "" if value is None else base64.b64encode(self.seal(value).blob).decode("ascii")


@dataclass(frozen=True, slots=True)
class SealedColumn:
    """One model field of :class:`SealedBinaryField` type."""

    model: type[models.Model]
    field: SealedBinaryField

    @property
    def purpose(self) -> str:
        return self.field.purpose

    def heads(self) -> models.QuerySet[models.Model]:
        """Rows annotated with ``head``: the magic and key id of the stored value."""
        head = Substr(self.field.name, 1, crypto.HEADER_BYTES, output_field=models.BinaryField())
        rows: models.QuerySet[models.Model] = self.model._default_manager.annotate(head=head)
        return rows


def sealed_columns(registry: Apps = global_apps) -> list[SealedColumn]:
    """Every encrypted column of the installed models."""
    return [
        SealedColumn(model, field)
        for model in registry.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, SealedBinaryField)
    ]


def _key_of(head: bytes | memoryview | None) -> str:
    raw = bytes(head or b"")
    if not raw.startswith(crypto.MAGIC) or len(raw) < crypto.HEADER_BYTES:
        return "plain"
    return raw[len(crypto.MAGIC) :].hex()


def keys_in_use() -> dict[str, dict[str, int]]:
    """For each encrypted column, how many stored values each key id sealed (``plain`` counts
    rows not yet encrypted). Reads only the first bytes of each value."""
    tables = set(connection.introspection.table_names())
    found: dict[str, dict[str, int]] = {}
    for column in sealed_columns():
        if column.model._meta.db_table not in tables:
            continue
        counts: dict[str, int] = {}
        for row in column.heads().values("head").annotate(n=models.Count("pk")).order_by():
            key = _key_of(row["head"])
            counts[key] = counts.get(key, 0) + int(row["n"])
        found[column.purpose] = counts
    return found


def stored_keys_check() -> None:
    """Refuse to run when something stored cannot be decrypted with the configured keys: raise
    :class:`~ketacover.web.crypto.DataKeyError` naming the column and the missing key id."""
    ring = crypto.keyring()
    problems = []
    for purpose, counts in keys_in_use().items():
        for key, count in sorted(counts.items()):
            if key == "plain":
                problems.append(
                    f"{purpose}: {count} row(s) not encrypted (run `ketacover migrate`)"
                )
            elif key not in ring.ids:
                problems.append(f"{purpose}: {count} row(s) encrypted with data key {key}")
    if problems:
        raise DataKeyError(
            "stored files cannot be decrypted with the configured data keys "
            f"({', '.join(ring.ids)}): " + "; ".join(problems)
        )


def _rows_to_rekey(column: SealedColumn, newest: bytes, batch: int) -> Iterator[list[int]]:
    pks = (
        column.heads()
        .exclude(head=crypto.MAGIC + newest)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    last = None
    while True:
        page = pks if last is None else pks.filter(pk__gt=last)
        chunk = [int(pk) for pk in page[:batch]]
        if not chunk:
            return
        yield chunk
        last = chunk[-1]


def rekey(*, batch: int = 50, progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Encrypt every stored value again with the newest key, ``batch`` rows per transaction; the
    number of values re-encrypted per column. Values already sealed with the newest key are
    left alone, so an interrupted run can simply be started again."""
    ring = crypto.keyring()
    newest = bytes.fromhex(ring.newest_id)
    done: dict[str, int] = {}
    for column in sealed_columns():
        name = column.field.name
        count = 0
        for chunk in _rows_to_rekey(column, newest, batch):
            with transaction.atomic():
                rows = column.model._default_manager.filter(pk__in=chunk).only("pk", name)
                for row in rows:
                    value: Sealed = getattr(row, name)
                    plain = ring.open(value.blob, purpose=column.purpose)
                    fresh = Sealed(ring.seal(plain, purpose=column.purpose), column.purpose)
                    column.model._default_manager.filter(pk=row.pk).update(**{name: fresh})
                    count += 1
            if progress is not None:
                progress(column.purpose, count)
        done[column.purpose] = count
    return done


def _each_row(model: type[models.Model], field_name: str, batch: int = 50) -> Iterator[Any]:
    """Every row of ``model`` with its ``field_name``, ``batch`` at a time, read by primary key so
    that writing a row does not disturb the reading."""
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch):
        chunk = pks[start : start + batch]
        yield from model._default_manager.filter(pk__in=chunk).only("pk", field_name).order_by("pk")


def seal_existing_rows(
    model_name: str, field_name: str, app_label: str
) -> tuple[Callable[[Apps, BaseDatabaseSchemaEditor], None], ...]:
    """The forward and backward functions of a data migration: encrypt the rows of a column
    that were stored in plain, and (backward) write them in plain again."""

    def forward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        model = apps.get_model(app_label, model_name)
        for row in _each_row(model, field_name):
            value: Sealed = getattr(row, field_name)
            if not crypto.is_sealed(value.blob):
                model._default_manager.filter(pk=row.pk).update(**{field_name: value.blob})

    def backward(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
        quote = schema_editor.quote_name
        sql = (
            f"UPDATE {quote(model._meta.db_table)} SET {quote(field.column)} = %s "
            f"WHERE {quote(model._meta.pk.column)} = %s"
        )
        with schema_editor.connection.cursor() as cursor:
            for row in _each_row(model, field_name):
                value: Sealed = getattr(row, field_name)
                if crypto.is_sealed(value.blob):
                    cursor.execute(sql, [value.decrypt(), row.pk])

    return forward, backward
