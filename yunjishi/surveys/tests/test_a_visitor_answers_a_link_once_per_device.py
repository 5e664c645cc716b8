"""An anonymous survey takes one answer per link and device: the page and the API refuse a
second answer from the same browser (its signed device cookie) with a clear message, and
an answer without the cookie."""

from django.test import Client

from yunjishi.surveys.device import COOKIE
from yunjishi.surveys.models import Response

from .fixtures import answer_url, choice, post_answers

ALREADY = "您已填写过本问卷"


def _body(link, text):
    picked = choice(link.survey, text)
    return {"answers": [{"question_id": picked.question_id, "choice_ids": [picked.pk]}]}


def test_the_page_gives_a_visitor_a_signed_long_lived_device_cookie(links, client):
    page = client.get(answer_url(links["a"]))
    cookie = page.cookies[COOKIE]
    assert cookie["httponly"] and cookie["max-age"] >= 365 * 24 * 3600
    assert ":" in cookie.value  # value:signature
    again = client.get(answer_url(links["a"]))
    assert COOKIE not in again.cookies  # kept, not replaced


def test_a_second_answer_from_the_same_phone_is_refused_with_a_clear_message(links, client):
    assert post_answers(client, links["a"], "子女托管").status_code == 302

    again = post_answers(client, links["a"], "书法培训")

    assert again.status_code == 409
    assert ALREADY in again.content.decode()
    assert Response.objects.count() == 1
    # Coming back to the page shows the thank-you page and says so.
    back = client.get(answer_url(links["a"]), follow=True)
    assert back.redirect_chain and ALREADY in back.content.decode()


def test_another_phone_and_another_enterprise_link_each_take_their_answer(links, client):
    post_answers(client, links["a"], "子女托管")
    assert post_answers(Client(), links["a"], "书法培训").status_code == 302
    assert post_answers(client, links["b"], "书法培训").status_code == 302
    assert Response.objects.count() == 3


def test_an_answer_sent_without_the_cookie_is_refused_and_the_next_one_is_taken(links):
    phone = Client()
    needs = choice(links["a"].survey, "子女托管")
    data = {f"q{needs.question_id}": str(needs.pk)}

    refused = phone.post(answer_url(links["a"]), data)  # never opened the page

    assert refused.status_code == 400 and "Cookie" in refused.content.decode()
    assert not Response.objects.exists()
    assert COOKIE in refused.cookies  # given now: sending the form again works
    assert phone.post(answer_url(links["a"]), data).status_code == 302
    assert Response.objects.count() == 1


def test_a_forged_device_cookie_counts_as_none(links, client):
    post_answers(client, links["a"], "子女托管")
    forger = Client()
    forger.cookies[COOKIE] = "my-own-device-id"
    needs = choice(links["a"].survey, "书法培训")

    response = forger.post(answer_url(links["a"]), {f"q{needs.question_id}": str(needs.pk)})

    assert response.status_code == 400
    assert Response.objects.count() == 1


def test_the_api_answers_a_second_answer_from_the_same_device_with_a_409(links):
    phone = Client()
    url = f"/api/surveys/s/{links['a'].token}"
    assert COOKIE in phone.get(url).cookies
    first = phone.post(url, _body(links["a"], "子女托管"), content_type="application/json")
    assert first.status_code == 201

    again = phone.post(url, _body(links["a"], "书法培训"), content_type="application/json")

    assert again.status_code == 409
    body = again.json()
    assert body["code"] == "answered" and ALREADY in body["message"]
    assert Response.objects.count() == 1


def test_the_api_refuses_a_visitor_without_a_device_cookie(links):
    url = f"/api/surveys/s/{links['a'].token}"
    response = Client().post(url, _body(links["a"], "子女托管"), content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "device_unknown"
    assert not Response.objects.exists()


def test_a_logged_in_person_answering_twice_on_the_page_gets_the_message(links, worker, client_for):
    client = client_for(worker)
    post_answers(client, links["a"], "子女托管", signed=True)
    needs = choice(links["a"].survey, "书法培训")

    again = client.post(answer_url(links["b"]), {f"q{needs.question_id}": str(needs.pk)})

    assert again.status_code == 409 and ALREADY in again.content.decode()
    assert Response.objects.count() == 1


def test_one_phone_cannot_be_followed_from_one_link_to_another(links, client):
    post_answers(client, links["a"], "子女托管")
    post_answers(client, links["b"], "子女托管")
    first, second = Response.objects.order_by("pk")
    cookie = client.cookies[COOKIE].value
    assert first.device_key and second.device_key
    assert first.device_key != second.device_key
    assert cookie.split(":")[0] not in (first.device_key, second.device_key)
