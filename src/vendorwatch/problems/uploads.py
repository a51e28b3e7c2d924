"""Files attached to a problem: which kinds are accepted, and the fields that take them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vendorwatch.web.uploads import (
    max_upload_bytes,
    validate_upload_kind,
    validate_upload_size,
    with_upload_limit,
)

# The configured limit (VENDORWATCH_MAX_UPLOAD_MB); the form checks the setting itself.
MAX_UPLOAD_BYTES = max_upload_bytes()
ALLOWED_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".log": "text/plain",
    ".csv": "text/csv",
    ".eml": "message/rfc822",
    ".zip": "application/zip",
}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented way); each is checked like a single
    attachment, and every file refused is named."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        uploads = [u for u in (data if isinstance(data, list | tuple) else [data]) if u]
        cleaned, errors = [], []
        for upload in uploads:
            try:
                cleaned.append(checked_upload(super().clean(upload, initial), named=True))
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        if self.required and not cleaned:
            raise ValidationError(self.error_messages["required"], code="required")
        return cleaned


def checked_upload(upload: Any, *, named: bool = False) -> Any:
    """The upload if it may be attached (size, and kind of file by its ending and its
    content), its content type set from its ending; otherwise the reason (``named``: with the
    file's name, for a field that takes several)."""
    try:
        validate_upload_size(upload)
        suffix = validate_upload_kind(upload, ALLOWED_TYPES)
    except ValidationError as error:
        if not named:
            raise
        raise ValidationError(
            _("“%(name)s”: %(reason)s") % {"name": upload.name, "reason": " ".join(error.messages)}
        ) from error
    upload.content_type = ALLOWED_TYPES[suffix]
    return upload


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=with_upload_limit(_("Screenshots, logs, PDF or e-mails; at most %(limit)d MB.")),
        validators=[validate_upload_size],
    )

    def clean_file(self) -> Any:
        return checked_upload(self.cleaned_data["file"])
