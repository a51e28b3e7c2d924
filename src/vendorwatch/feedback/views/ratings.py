"""The ratings of resolved problems: the mean of the last 90 days first, then every request
with its answer, the latest first."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from vendorwatch.core import feedback as fb
from vendorwatch.feedback.models import LOW_RATING, ProblemRating
from vendorwatch.providers.models import Provider
from vendorwatch.web.crud import paginate, perm
from vendorwatch.web.parsing import parse_int

# The lead's mean covers the ratings given in this many days up to now.
MEAN_DAYS = 90
MAX_ID = 2**31 - 1


class RatingFilterForm(forms.Form):
    """The list's filters, read from the address; anything unknown means "all"."""

    provider = forms.ChoiceField(label=_("Provider"), required=False)
    low = forms.BooleanField(label=_("Only low ratings (2 stars or fewer)"), required=False)

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ChoiceField)
        providers = Provider.objects.order_by("name", "pk").values_list("pk", "name")
        self.provider_names = {str(pk): name for pk, name in providers}
        provider.choices = [("", gettext("all providers")), *self.provider_names.items()]

    def values(self) -> dict[str, Any]:
        self.is_valid()
        clean = getattr(self, "cleaned_data", {})
        return {
            "provider": parse_int(clean.get("provider"), minimum=1, maximum=MAX_ID),
            "low": bool(clean.get("low")),
        }

    def provider_name(self, pk: int | None) -> str:
        return self.provider_names.get(str(pk), "") if pk else ""

    def querystring(self) -> str:
        values = self.values()
        pairs = [("provider", values["provider"] or ""), ("low", "on" if values["low"] else "")]
        return urlencode([(name, value) for name, value in pairs if value])


def mean_of(ratings: QuerySet[ProblemRating], since: Any) -> dict[str, Any]:
    """The mean of the ratings given since ``since`` (rounded like every feedback mean), how
    many there are and how many of them are low; one query."""
    given = ratings.filter(answered_at__gte=since, stars__isnull=False).aggregate(
        total=Sum("stars"), count=Count("pk"), low=Count("pk", filter=Q(stars__lte=LOW_RATING))
    )
    count = given["count"] or 0
    mean = fb.mean_of_sum(given["total"] or 0, count)
    return {"mean": mean, "count": count, "low": given["low"] or 0}


@require_safe
@perm("feedback.view_problemrating")
def rating_list(request: HttpRequest) -> HttpResponse:
    filters = RatingFilterForm(request.GET)
    values = filters.values()
    ratings = ProblemRating.objects.all()
    if values["provider"]:
        ratings = ratings.filter(problem__provider_id=values["provider"])
    summary = mean_of(ratings, timezone.now() - timedelta(days=MEAN_DAYS))
    if values["low"]:
        ratings = ratings.filter(stars__lte=LOW_RATING)
    listed = ratings.select_related("problem__provider").order_by("-requested_at", "-pk")
    page = paginate(request, listed, settings.PAGE_SIZE)
    querystring = filters.querystring()
    context = {
        "filters": filters,
        "page": page,
        "summary": summary,
        "mean_days": MEAN_DAYS,
        "low_rating": LOW_RATING,
        "provider_name": filters.provider_name(values["provider"]),
        "page_query": f"{querystring}&" if querystring else "",
        "filtered": bool(querystring),
    }
    return render(request, "feedback/ratings.html", context)
