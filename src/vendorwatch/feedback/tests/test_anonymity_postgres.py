"""On PostgreSQL every row carries the transaction that last wrote it (``xmin``): the stamp of
a response must never single out the invitation that was used for it."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.db import connection
from django.utils import timezone

from vendorwatch.feedback import services
from vendorwatch.feedback.models import QuestionKind
from vendorwatch.feedback.tests.factory import make_round, make_survey

pytestmark = pytest.mark.django_db(transaction=True)


def stamps(table: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT xmin::text, id::text FROM "{table}"')
        return list(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin exists on PostgreSQL only")
def test_no_response_shares_its_transaction_with_only_its_own_invitation(settings) -> None:
    settings.FEEDBACK_MIN_ANSWERS = 3
    survey = make_survey()
    _round, links = make_round(survey, emails=[f"p{i}@example.com" for i in range(4)])
    rating = survey.questions.filter(kind=QuestionKind.RATING).first()
    now = timezone.now()
    for email in ("p0@example.com", "p2@example.com"):
        invitation = services.survey_invitation_open(links[email], now=now)
        services.survey_answer_submit(invitation=invitation, answers={rating.pk: 4}, now=now)

    invitations_by_stamp: dict[str, set[str]] = defaultdict(set)
    for stamp, pk in stamps("feedback_surveyinvitation"):
        invitations_by_stamp[stamp].add(pk)
    every = {pk for _stamp, pk in stamps("feedback_surveyinvitation")}
    responses = stamps("feedback_surveyresponse")
    assert len(responses) == 2
    for stamp, _pk in responses:
        assert invitations_by_stamp.get(stamp, set()) in (set(), every)
