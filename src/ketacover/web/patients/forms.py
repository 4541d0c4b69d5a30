"""The patient's forms: attach a letter from the plan, and ask for one of their documents."""

from __future__ import annotations

from typing import Final

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ketacover.web.uploads.content import MAX_UPLOAD_BYTES

LETTER_KINDS: Final = (
    ("eob", _("An explanation of benefits (EOB)")),
    ("denial-letter", _("A letter saying no (denial letter)")),
    ("plan-letter", _("Another letter from my plan")),
)
"""What a letter the patient attaches can be, with its name in their language."""


class PatientUploadForm(forms.Form):
    """A letter the patient received: what it is, and the file (PDF, PNG or JPEG, 10 MB)."""

    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=LETTER_KINDS,
        widget=forms.RadioSelect,
        initial="eob",
    )
    file = forms.FileField(
        label=_("The file"),
        help_text=_("A PDF, or a photo (PNG or JPEG), up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class PatientDocumentForm(forms.Form):
    """Which document to write: its kind, the denial it answers, and the letter or its note."""

    kind = forms.CharField(max_length=40)
    denial = forms.CharField(max_length=100, required=False)
    note = forms.BooleanField(required=False)
