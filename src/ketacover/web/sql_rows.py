"""Model instances from rows read with plain SQL, built as Django's ORM builds them.

The reads made on every page (the logged-in user, the case page's record) are written as SQL
with parameters, because the ORM spent longer building those statements than the database spent
answering them (bench/README.md). A row read that way still becomes the instance the ORM would
have made: each value passes the database backend's converters and then the field's own (dates
from SQLite's text, booleans from integers, ...), and ``Model.from_db`` builds the instance, the
columns not read left deferred.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connections
from django.db.models import Model

M = TypeVar("M", bound=Model)


def model_from_row(
    model: type[M], attnames: Sequence[str], row: Sequence[Any], *, alias: str = "default"
) -> M:
    """An instance of ``model`` from ``row``, whose values are the columns of ``attnames`` in
    that order (further values in the row are ignored), read on the connection ``alias``."""
    connection = connections[alias]
    fields = {field.attname: field for field in model._meta.concrete_fields}
    table = model._meta.db_table
    values = list(row[: len(attnames)])
    for index, attname in enumerate(attnames):
        column = fields[attname].get_col(table)
        for converter in [
            *connection.ops.get_db_converters(column),
            *column.get_db_converters(connection),
        ]:
            values[index] = converter(values[index], column, connection)
    # ``Model.from_db`` takes the values in the model's field order (it places them by position
    # when every field is given).
    given = dict(zip(attnames, values, strict=True))
    order = [attname for attname in fields if attname in given]
    return model.from_db(alias, order, [given[attname] for attname in order])
