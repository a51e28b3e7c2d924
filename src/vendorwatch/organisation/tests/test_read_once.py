import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vendorwatch.organisation.models import Organisation, read_once
from vendorwatch.testing.factory import make_organisation

pytestmark = pytest.mark.django_db


def organisation_queries(queries: CaptureQueriesContext) -> int:
    return sum('FROM "organisation_organisation"' in q["sql"] for q in queries.captured_queries)


def test_a_request_reads_the_organisation_once(client: Client, viewer) -> None:
    make_organisation()
    client.force_login(viewer)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert organisation_queries(queries) == 1


def test_outside_a_request_each_look_reads_the_database() -> None:
    make_organisation()
    with CaptureQueriesContext(connection) as queries:
        Organisation.load()
        Organisation.current_name()
    assert organisation_queries(queries) == 2


def test_a_change_not_saved_does_not_show_elsewhere_on_the_page() -> None:
    make_organisation(name="Muster GmbH")
    with read_once():
        Organisation.load().name = "Tippfehler"  # a form with invalid input
        assert Organisation.current_name() == "Muster GmbH"


def test_a_saved_change_shows_on_the_rest_of_the_page() -> None:
    make_organisation(name="Muster GmbH")
    with read_once():
        organisation = Organisation.load()
        organisation.name = "Muster AG"
        organisation.save()
        assert Organisation.current_name() == "Muster AG"
