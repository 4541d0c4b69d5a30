"""The form to attach a file to a case; its content is checked again by the service."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from ketacover.web.uploads.content import MAX_UPLOAD_BYTES


class UploadForm(forms.Form):
    """A PDF, PNG or JPEG of at most 10 MB."""

    file = forms.FileField(label="File (PDF, PNG or JPEG, up to 10 MB)")

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB.")
        return upload
