from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vendorwatch.accounts.client_address import client_address
from vendorwatch.accounts.forms import (
    LAST_ADMINISTRATOR_ROLE,
    PasswordResetRequestForm,
    UserCreateForm,
    UserForm,
)
from vendorwatch.accounts.middleware import allowed_read_only
from vendorwatch.accounts.password_reset import ResetRequest, password_reset_request
from vendorwatch.accounts.roles import Role, active_administrator_ids, role_of
from vendorwatch.accounts.services import (
    LastAdministratorError,
    user_create,
    user_set_active,
    user_update,
)

manage_users = permission_required("auth.change_user", raise_exception=True)


def _site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")[:-1]


@login_not_required
@allowed_read_only
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a link; the answer never tells whether an account has the address."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        recorded = password_reset_request(
            request=ResetRequest(
                email=form.cleaned_data["email"],
                client_address=client_address(request),
                language=get_language(),
                site_url=_site_url(request),
            )
        )
        if recorded:
            return redirect("accounts-password-reset-sent")
        context = {"form": form, "limited": True}
        return render(request, "accounts/password_reset.html", context, status=429)
    return render(request, "accounts/password_reset.html", {"form": form})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts-password-reset-done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # The link proved that the mailbox is the user's: failed log-ins by someone else must
        # not keep them out with their new password, from any address.
        if self.user is not None:
            axes_reset(username=self.user.get_username())
        return response


@manage_users
def user_list(request: HttpRequest) -> HttpResponse:
    users = User.objects.prefetch_related("groups").order_by("-is_active", "username")
    page = Paginator(users, 25).get_page(request.GET.get("page"))
    rows = [(user, role_of(user)) for user in page]
    return render(request, "accounts/user_list.html", {"page": page, "rows": rows})


@manage_users
@require_http_methods(["GET", "POST"])
def user_add(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = user_create(
            username=data["username"],
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            role=Role(data["role"]),
            password=data["password1"] or None,
            site_url=_site_url(request),
            created_by=request.user,
        )
        if data["password1"]:
            messages.success(request, _("User %(name)s was created.") % {"name": user.username})
        else:
            messages.success(
                request,
                _("User %(name)s was created and receives an e-mail to choose a password.")
                % {"name": user.username},
            )
        return redirect("accounts-users")
    return render(request, "accounts/user_form.html", {"form": form, "is_new": True})


@manage_users
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            user_update(user=form.save(commit=False), role=Role(form.cleaned_data["role"]))
        except LastAdministratorError:
            form.add_error("role", str(LAST_ADMINISTRATOR_ROLE))
        else:
            messages.success(
                request, _("Changes to %(name)s were saved.") % {"name": user.username}
            )
            return redirect("accounts-users")
    return render(
        request, "accounts/user_form.html", {"form": form, "is_new": False, "subject": user}
    )


@manage_users
@require_http_methods(["GET", "POST"])
def user_set_active_view(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    """Deactivate (after a confirmation page) or reactivate a user; users are never deleted."""
    user = get_object_or_404(User, pk=pk)
    refused = _("The last active administrator cannot be deactivated.")
    if not active and active_administrator_ids() == {user.pk}:
        messages.error(request, refused)
        return redirect("accounts-users")
    if request.method == "POST":
        try:
            user_set_active(user=user, active=active)
        except LastAdministratorError:
            # Another administrator was deactivated or demoted a moment ago.
            messages.error(request, refused)
            return redirect("accounts-users")
        text = _("%(name)s can log in again.") if active else _("%(name)s can no longer log in.")
        messages.success(request, text % {"name": user.username})
        return redirect("accounts-users")
    return render(request, "accounts/user_confirm_active.html", {"subject": user, "active": active})
