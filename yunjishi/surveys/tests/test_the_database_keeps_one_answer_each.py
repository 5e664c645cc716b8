"""Unique constraints are the last line of defence: a second answer from the same device
through the same link, or a second signed answer of the same person to the same survey,
never gets in, even when two submits pass the service's check at the same moment."""

import pytest
from django.db import IntegrityError, transaction

from yunjishi.core.errors import Conflict
from yunjishi.surveys import services
from yunjishi.surveys.models import Response

from .fixtures import choice


def _answers(survey, text):
    picked = choice(survey, text)
    return {picked.question_id: [str(picked.pk)]}


def test_the_database_refuses_a_second_response_from_a_device_through_a_link(links):
    link = links["a"]
    Response.objects.create(survey=link.survey, link=link, device_key="k" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=link.survey, link=link, device_key="k" * 64)
    # The same device key through another link is another row.
    Response.objects.create(survey=link.survey, link=links["b"], device_key="k" * 64)


def test_the_database_refuses_a_second_signed_response_of_a_person(links, worker):
    survey = links["a"].survey
    Response.objects.create(survey=survey, link=links["a"], user=worker, signed=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        # Another respondent key (after SECRET_KEY changed, say) does not get past it.
        Response.objects.create(
            survey=survey, link=links["b"], user=worker, signed=True, respondent_key="x" * 64
        )


@pytest.mark.parametrize("who", ["visitor", "worker"])
def test_two_submits_that_both_pass_the_check_leave_one_answer(links, worker, monkeypatch, who):
    link = links["a"]
    user = worker if who == "worker" else None
    services.submit_response(link, user, _answers(link.survey, "子女托管"), device="phone-1")
    # The second submit checked before the first one was written.
    monkeypatch.setattr(services, "already_answered", lambda *args, **kwargs: False)

    with pytest.raises(Conflict) as refused:
        services.submit_response(link, user, _answers(link.survey, "书法培训"), device="phone-1")

    assert refused.value.code == "answered" and refused.value.status == 409
    assert Response.objects.count() == 1
