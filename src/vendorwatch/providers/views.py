from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vendorwatch.providers.forms import ContactForm, ProviderForm
from vendorwatch.providers.models import Contact, Provider
from vendorwatch.web.crud import confirm_delete, form_page, paginate, perm


@require_safe
@perm("providers.view_provider")
def provider_list(request: HttpRequest) -> HttpResponse:
    providers = Provider.objects.annotate(contact_count=Count("contacts")).order_by("name")
    status = request.GET.get("status", "")
    if status in Provider.Status.values:
        providers = providers.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        providers = providers.filter(
            Q(name__icontains=query) | Q(city__icontains=query) | Q(notes__icontains=query)
        )
    context = {
        "page": paginate(request, providers),
        "status": status,
        "query": query,
        "statuses": Provider.Status.choices,
    }
    return render(request, "providers/provider_list.html", context)


@require_safe
@perm("providers.view_provider")
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    context = {"provider": provider, "contacts": provider.contacts.all()}
    if request.user.has_perm("contracts.view_contract"):
        context["contracts"] = provider.contracts.order_by("title")
    return render(request, "providers/provider_detail.html", context)


@require_http_methods(["GET", "POST"])
@perm("providers.add_provider")
def provider_add(request: HttpRequest) -> HttpResponse:
    form = ProviderForm(request.POST or None)
    return form_page(
        request,
        form=form,
        template="web/form_page.html",
        success_url=reverse("providers-list"),
        success_message=_("The provider was saved."),
        save=lambda f: f.save(),
        context={
            "title": _("New provider"),
            "back_url": reverse("providers-list"),
            "back_label": _("Providers"),
        },
    )


@require_http_methods(["GET", "POST"])
@perm("providers.change_provider")
def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    detail = reverse("providers-detail", args=[pk])
    return form_page(
        request,
        form=ProviderForm(request.POST or None, instance=provider),
        template="web/form_page.html",
        success_url=detail,
        success_message=_("The provider was saved."),
        context={"title": _("Edit provider"), "back_url": detail, "back_label": provider.name},
    )


@require_http_methods(["GET", "POST"])
@perm("providers.delete_provider")
def provider_delete(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    return confirm_delete(
        request,
        obj=provider,
        success_url=reverse("providers-list"),
        cancel_url=reverse("providers-detail", args=[pk]),
        consequence=_("Its contacts are deleted with it."),
    )


@require_http_methods(["GET", "POST"])
@perm("providers.add_contact")
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    detail = reverse("providers-detail", args=[pk])
    form = ContactForm(request.POST or None, instance=Contact(provider=provider))
    return form_page(
        request,
        form=form,
        template="web/form_page.html",
        success_url=detail,
        success_message=_("The contact was saved."),
        context={
            "title": _("New contact at %(provider)s") % {"provider": provider.name},
            "back_url": detail,
            "back_label": provider.name,
        },
    )


@require_http_methods(["GET", "POST"])
@perm("providers.change_contact")
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.select_related("provider"), pk=pk)
    detail = reverse("providers-detail", args=[contact.provider_id])
    return form_page(
        request,
        form=ContactForm(request.POST or None, instance=contact),
        template="web/form_page.html",
        success_url=detail,
        success_message=_("The contact was saved."),
        context={
            "title": _("Edit contact"),
            "back_url": detail,
            "back_label": contact.provider.name,
        },
    )


@require_http_methods(["GET", "POST"])
@perm("providers.delete_contact")
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact, pk=pk)
    detail = reverse("providers-detail", args=[contact.provider_id])
    return confirm_delete(request, obj=contact, success_url=detail, cancel_url=detail)
