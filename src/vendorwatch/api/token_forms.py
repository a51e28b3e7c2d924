"""The form that creates a personal API token."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vendorwatch.accounts.roles import may_change
from vendorwatch.api.models import ApiToken

DUPLICATE_NAME = _("You already have a token with this name. Please choose another name.")
READ_ONLY_ROLE = _(
    "Your role may only look at data, so your tokens can only read. "
    "An administrator can give you a role that may change data."
)


class TokenForm(forms.Form):
    # Tells a form sent twice (the browser reloading the page that showed the token) from a
    # new one; see token_views.token_add.
    once = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Monthly figures in Excel” or “Adviser Meier”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_(
            "Read only: the tool can look at the data. Read and write: it can also record and "
            "change data, as far as your role allows."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["once"].initial = secrets.token_urlsafe(16)
        if not may_change(user):
            # Offered: read only. A posted "write" still reaches clean_scope, which says why.
            scope = self.fields["scope"]
            scope.widget.choices = [(ApiToken.Scope.READ, ApiToken.Scope.READ.label)]
            scope.help_text = READ_ONLY_ROLE

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        if self.user.api_tokens.filter(name=name, revoked_at__isnull=True).exists():
            raise forms.ValidationError(DUPLICATE_NAME, code="duplicate")
        return name

    def clean_scope(self) -> str:
        scope: str = self.cleaned_data["scope"]
        if scope == ApiToken.Scope.WRITE and not may_change(self.user):
            raise forms.ValidationError(READ_ONLY_ROLE, code="read_only_role")
        return scope
