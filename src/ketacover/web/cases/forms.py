"""Forms of the case pages: they parse and check input; services do the work."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from ketacover.core.letters.catalog import KINDS
from ketacover.web.form_choices import set_choices

MAX_UPLOAD = 1_000_000
"""A case file is a few kilobytes; anything above a megabyte is not one."""


class CaseImportForm(forms.Form):
    """Upload a case file (YAML or JSON), or paste its text."""

    file = forms.FileField(required=False, label="Case file (.yaml, .yml or .json)")
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        label="Or paste the case file",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        text = cleaned.get("text") or ""
        if upload is None and not text.strip():
            raise forms.ValidationError("Choose a case file or paste one.")
        if upload is not None:
            if upload.size > MAX_UPLOAD:
                raise forms.ValidationError("The file is larger than 1 MB; a case file is smaller.")
            name = upload.name.lower()
            if not name.endswith((".yaml", ".yml", ".json")):
                self.add_error("file", "Use a .yaml, .yml or .json case file.")
                return cleaned
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", "The file is not UTF-8 text.")
                return cleaned
            cleaned["fmt"] = "json" if name.endswith(".json") else "yaml"
        else:
            cleaned["fmt"] = "json" if text.lstrip().startswith("{") else "yaml"
        cleaned["source"] = text
        return cleaned


NOT_FOR_ORIGINAL_MEDICARE = frozenset({"pa-cover-sheet", "superbill"})
"""Documents Original Medicare has no use for: it has no prior authorization for these
treatments, and the clinic files the claim itself (Social Security Act section 1848(g)(4))."""


class DocumentForm(forms.Form):
    """Generate a document of the case."""

    kind = forms.ChoiceField(choices=[(k.name, k.title) for k in KINDS])
    fmt = forms.ChoiceField(
        choices=[("pdf", "PDF"), ("docx", "Word (DOCX)"), ("html", "HTML")], initial="pdf"
    )
    denial_id = forms.ChoiceField(label="Denial answered", required=False)
    variant = forms.CharField(required=False, max_length=64)

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        denials: list[tuple[str, str]] | None = None,
        initial: Mapping[str, Any] | None = None,
        original_medicare: bool = False,
    ) -> None:
        """``denials``: the case's denials as (id, label), newest first; the first is chosen.
        ``initial``: other fields' first values (the kind the case's request calls for).
        ``original_medicare``: leave out the documents Original Medicare has no use for."""
        choices = denials or []
        first = dict(initial or {})
        if choices:
            first["denial_id"] = choices[0][0]
        super().__init__(data, initial=first or None)
        set_choices(self, "denial_id", choices)
        if original_medicare:
            set_choices(
                self,
                "kind",
                [(k.name, k.title) for k in KINDS if k.name not in NOT_FOR_ORIGINAL_MEDICARE],
            )


class AssignForm(forms.Form):
    """Who the case is assigned to: a member of its workspace, or nobody."""

    assignee = forms.TypedChoiceField(
        label="Assigned to", required=False, coerce=int, empty_value=None
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        members: list[tuple[int, str]],
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        set_choices(
            self,
            "assignee",
            [
                ("", "Nobody"),
                *((str(pk), name) for pk, name in members),
            ],
        )
