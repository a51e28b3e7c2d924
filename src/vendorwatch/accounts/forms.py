from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from vendorwatch.accounts.roles import (
    ROLE_HELP,
    ROLE_LABELS,
    Role,
    active_administrator_ids,
    role_of,
)
from vendorwatch.accounts.services import USER_FIELDS

LAST_ADMINISTRATOR_ROLE = _(
    "At least one active administrator must remain. Make someone else one first."
)
# Lazy: the choices are read in the language of each request, not of the import.
ROLE_CHOICES = [
    (role.value, format_lazy("{} – {}", ROLE_LABELS[role], ROLE_HELP[role])) for role in Role
]


if TYPE_CHECKING:
    UserModelForm = forms.ModelForm[User]
else:
    UserModelForm = forms.ModelForm


class UserForm(UserModelForm):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect)

    class Meta:
        model = User
        fields = list(USER_FIELDS)
        labels = {
            "username": _("User name"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "email": _("E-mail"),
        }
        help_texts = {"username": _("Used to log in. Letters, digits and @ . + - _ only.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        if self.instance.pk:
            current = role_of(self.instance)
            self.initial.setdefault("role", current.value if current else Role.VIEWER.value)
        else:
            self.initial.setdefault("role", Role.EDITOR.value)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip().lower()
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another user already has this e-mail address."))
        return email

    def clean_role(self) -> str:
        # A first check for a quick answer next to the field; the service checks again under a
        # lock, where it counts when two administrators change each other at the same moment.
        role: str = self.cleaned_data["role"]
        if (
            self.instance.pk
            and role != Role.ADMINISTRATOR
            and active_administrator_ids() == {self.instance.pk}
        ):
            raise forms.ValidationError(LAST_ADMINISTRATOR_ROLE)
        return role


class UserCreateForm(UserForm):
    password1 = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to send the new user an e-mail with a link to choose a password."),
    )
    password2 = forms.CharField(
        label=_("Repeat password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first or second:
            if first != second:
                self.add_error("password2", _("The two passwords differ."))
            else:
                candidate = User(
                    username=cleaned.get("username", ""), email=cleaned.get("email", "")
                )
                try:
                    password_validation.validate_password(first or "", candidate)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
