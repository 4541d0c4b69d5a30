"""The form that makes a calendar feed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from ketacover.web.accounts.models import Workspace
from ketacover.web.cases.models import CaseRecord


class FeedForm(forms.Form):
    """A feed of one case, or of every case of the workspace."""

    case = forms.ModelChoiceField(
        label="Deadlines of",
        queryset=CaseRecord.objects.none(),
        required=False,
        empty_label="Every case of the workspace",
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, workspace: Workspace) -> None:
        super().__init__(data)
        case_field = self.fields["case"]
        assert isinstance(case_field, forms.ModelChoiceField)
        case_field.queryset = CaseRecord.objects.filter(workspace=workspace).order_by("case_id")
        case_field.label_from_instance = _case_label  # type: ignore[assignment,method-assign]


def _case_label(record: CaseRecord) -> str:
    return f"case {record.case_id}"
