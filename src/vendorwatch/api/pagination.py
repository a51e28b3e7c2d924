from __future__ import annotations

from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """``?page=2``; ``?page_size=`` up to 200; the default is the pages' own list length."""

    page_size = settings.PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = 200
