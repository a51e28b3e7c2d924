from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vendorwatch.accounts.forms import UserCreateForm, UserForm, active_administrators
from vendorwatch.accounts.roles import Role, role_of, set_role
from vendorwatch.accounts.services import user_create, user_send_password_link

manage_users = permission_required("auth.change_user", raise_exception=True)


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
        )
        if data["password1"]:
            messages.success(request, _("User %(name)s was created.") % {"name": user.username})
        else:
            user_send_password_link(user=user, site_url=request.build_absolute_uri("/")[:-1])
            messages.success(
                request,
                _("User %(name)s was created and received an e-mail to choose a password.")
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
        form.save()
        set_role(user, Role(form.cleaned_data["role"]))
        messages.success(request, _("Changes to %(name)s were saved.") % {"name": user.username})
        return redirect("accounts-users")
    return render(
        request, "accounts/user_form.html", {"form": form, "is_new": False, "subject": user}
    )


@manage_users
@require_http_methods(["GET", "POST"])
def user_set_active(request: HttpRequest, pk: int, active: bool) -> HttpResponse:
    """Deactivate (after a confirmation page) or reactivate a user; users are never deleted."""
    user = get_object_or_404(User, pk=pk)
    last_admin = [u.pk for u in active_administrators()] == [user.pk]
    if not active and last_admin:
        messages.error(request, _("The last active administrator cannot be deactivated."))
        return redirect("accounts-users")
    if request.method == "POST":
        user.is_active = active
        user.save(update_fields=["is_active"])
        text = _("%(name)s can log in again.") if active else _("%(name)s can no longer log in.")
        messages.success(request, text % {"name": user.username})
        return redirect("accounts-users")
    return render(request, "accounts/user_confirm_active.html", {"subject": user, "active": active})
