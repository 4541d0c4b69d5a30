"""Forms of the import pages: they check what was uploaded by its content, not its name."""

from __future__ import annotations

import json
from typing import Any, Final

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from ketacover.interop.nesting import NestingError, load_json
from ketacover.web.accounts.models import Membership

BUNDLE_LIMIT: Final = 10 * 1024 * 1024
"""Largest FHIR bundle accepted (10 MB)."""
REMITTANCE_LIMIT: Final = 20 * 1024 * 1024
"""Largest 835 file accepted (20 MB)."""


def _read(form: forms.Form, name: str, limit: int, what: str) -> bytes | None:
    upload = form.cleaned_data.get(name)
    if upload is None:
        return None
    if upload.size > limit:
        form.add_error(name, f"The file is larger than {limit // (1024 * 1024)} MB; {what}.")
        return None
    data: bytes = upload.read()
    if not data.strip():
        form.add_error(name, "The file is empty.")
        return None
    return data


class BundleForm(forms.Form):
    """Upload a FHIR R4 bundle (JSON) to merge into a case."""

    file = forms.FileField(label="FHIR R4 bundle (JSON)")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        data = _read(self, "file", BUNDLE_LIMIT, "split the export into smaller bundles")
        if data is None:
            return cleaned
        try:
            text = data.decode("utf-8-sig")
            parsed = load_json(text)
        except UnicodeDecodeError:
            self.add_error("file", "The file is not UTF-8 text; a FHIR JSON bundle is.")
            return cleaned
        except json.JSONDecodeError as error:
            self.add_error("file", f"The file is not JSON (line {error.lineno}).")
            return cleaned
        except NestingError as error:
            self.add_error("file", f"The file {error}; a FHIR bundle is far shallower.")
            return cleaned
        except ValueError:
            self.add_error("file", "The file is not JSON: a number has too many digits.")
            return cleaned
        kind = parsed.get("resourceType") if isinstance(parsed, dict) else None
        if kind != "Bundle":
            found = f'a "{kind}" resource' if isinstance(kind, str) else "not a FHIR resource"
            self.add_error("file", f"The file is {found}; upload a FHIR Bundle.")
            return cleaned
        cleaned["text"] = text
        return cleaned


class WorkspaceChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A workspace the user may import into, shown by its name."""

    def label_from_instance(self, obj: Membership) -> str:
        return obj.workspace.name


class RemittanceForm(forms.Form):
    """Upload an X12 835 remittance for one of the user's workspaces."""

    workspace = WorkspaceChoice(queryset=Membership.objects.none(), label="Workspace")
    file = forms.FileField(label="835 remittance file")

    def __init__(
        self,
        data: QueryDict | None = None,
        files: MultiValueDict[str, UploadedFile] | None = None,
        *,
        memberships: QuerySet[Membership],
    ) -> None:
        super().__init__(data, files)
        field = self.fields["workspace"]
        assert isinstance(field, WorkspaceChoice)
        field.queryset = memberships
        if len(memberships) == 1:
            field.initial = memberships[0].pk

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        data = _read(self, "file", REMITTANCE_LIMIT, "ask the payer for smaller files")
        if data is None:
            return cleaned
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        if not text.lstrip("\ufeff \t\r\n").startswith("ISA"):
            self.add_error("file", "This is not an X12 835 file: it does not start with ISA.")
            return cleaned
        cleaned["text"] = text
        cleaned["name"] = self.cleaned_data["file"].name or "remittance.835"
        return cleaned


ELIGIBILITY_LIMIT: Final = 1024 * 1024
"""Largest 271 accepted (1 MB; one patient's answer is a few kilobytes)."""


class EligibilityForm(forms.Form):
    """Upload an X12 271 eligibility response to merge into a case's plan."""

    file = forms.FileField(label="271 eligibility response")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        data = _read(self, "file", ELIGIBILITY_LIMIT, "one patient's response is far smaller")
        if data is None:
            return cleaned
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        if not text.lstrip("\ufeff \t\r\n").startswith("ISA"):
            self.add_error("file", "This is not an X12 271 file: it does not start with ISA.")
            return cleaned
        cleaned["text"] = text
        return cleaned


class PendingForm(forms.Form):
    """Confirm a preview: the signed token of the upload and what it was made from."""

    token = forms.CharField(widget=forms.HiddenInput)
