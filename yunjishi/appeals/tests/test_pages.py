"""The pages, from the outside: a worker submits and rates; a handler works the queues,
acts on one appeal and on several at once; the statistics page reads the subtree."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yunjishi.appeals import services
from yunjishi.appeals.models import Appeal, Status

from .test_photos import png_with_text


def test_a_worker_submits_an_appeal_and_gets_a_tracking_number(
    worker, logistics, handler_a, client_for, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(worker)
    form = client.get(reverse("appeals:new")).content.decode()
    assert "A街道某公司工会" in form and 'hx-post="/appeals/new/similar/"' in form
    png = png_with_text()
    response = client.post(
        reverse("appeals:new"),
        {
            "category": logistics.pk,
            "title": "澡堂热水不够",
            "text": "下夜班后澡堂经常没有热水，冬天很冷，希望延长供水时间。",
            "anonymous": "on",
            "photos": [SimpleUploadedFile("bath.png", png, "image/png")],
        },
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "appeals:detail", args=[appeal.pk]
    )
    assert appeal.is_anonymous and appeal.photos.count() == 1 and appeal.handler == handler_a
    page = client.get(response.url).content.decode()
    assert appeal.tracking_number in page and "澡堂热水不够" in page
    assert appeal.tracking_number in client.get(reverse("appeals:home")).content.decode()


def test_a_bad_submission_keeps_the_form_with_errors(worker, logistics, client_for):
    response = client_for(worker).post(
        reverse("appeals:new"), {"category": logistics.pk, "title": "短", "text": "太短"}
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Appeal.objects.exists()


def test_the_worker_answers_and_rates_on_the_page(make_appeal, worker, handler_a, client_for):
    appeal = services.request_info(handler_a, services.accept(handler_a, make_appeal()), "哪天？")
    client = client_for(worker)
    assert "answer-form" in client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    client.post(reverse("appeals:answer", args=[appeal.pk]), {"text": "3月4日午饭。"})
    appeal.refresh_from_db()
    appeal = services.resolve(handler_a, appeal, "已要求食堂少放盐。")
    assert "rate-form" in client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    client.post(reverse("appeals:rate", args=[appeal.pk]), {"satisfaction": "satisfied"})
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED


def test_the_handler_works_an_appeal_from_the_workbench(make_appeal, handler_a, client_for):
    appeal = make_appeal()
    client = client_for(handler_a)
    todo = client.get(reverse("appeals:staff_home")).content.decode()
    assert appeal.tracking_number in todo
    detail = client.get(reverse("appeals:staff_detail", args=[appeal.pk])).content.decode()
    assert appeal.text in detail and "王职工" in detail  # not anonymous: the handler may know
    act = lambda name, **data: client.post(  # noqa: E731
        reverse("appeals:staff_action", args=[appeal.pk, name]), data
    )
    act("accept", complexity="difficult")
    act("start")
    act("resolve", outcome="resolved", answer="已处理")
    appeal.refresh_from_db()
    assert (appeal.status, appeal.complexity) == (Status.RESOLVED, "difficult")
    assert (
        client.post(reverse("appeals:staff_action", args=[appeal.pk, "nonsense"])).status_code
        == 404
    )


def test_bulk_actions_on_the_selected_appeals(make_appeal, handler_a, tree, client_for):
    appeals = [make_appeal(title=f"第{n}个诉求的标题") for n in range(3)]
    client = client_for(handler_a)
    client.post(
        reverse("appeals:staff_bulk"),
        {"action": "accept", "ids": [a.pk for a in appeals[:2]], "back": "queue=todo"},
    )
    statuses = dict(Appeal.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in appeals] == ["accepted", "accepted", "submitted"]
    client.post(
        reverse("appeals:staff_bulk"),
        {
            "action": "reassign",
            "ids": [appeals[2].pk],
            "org": tree.street_a.pk,
            "reason": "街道统一处理",
        },
    )
    assert Appeal.objects.get(pk=appeals[2].pk).handling_org == tree.street_a
    progress = client.get(reverse("appeals:staff_home"), {"queue": "in_progress"}).content.decode()
    assert appeals[0].tracking_number in progress and appeals[2].tracking_number not in progress


def test_the_queue_counts_and_filters(make_appeal, handler_a, categories, client_for):
    make_appeal()
    make_appeal(category=categories["安全生产"], title="照明灯坏了需要维修")
    client = client_for(handler_a)
    page = client.get(
        reverse("appeals:staff_home"), {"queue": "todo", "category": categories["安全生产"].pk}
    )
    text = page.content.decode()
    assert "照明灯坏了需要维修" in text and "食堂饭菜太咸" not in text
    assert re.search(r"待办|To do", text)


def test_the_statistics_page_moves_through_the_subtree(make_appeal, supervisor, tree, client_for):
    make_appeal()
    client = client_for(supervisor)
    page = client.get(reverse("appeals:staff_stats"), {"org": tree.street_a.pk}).content.decode()
    assert "街道A总工会" in page and 'id="by-category"' in page


def test_pages_need_a_login(client, make_appeal):
    appeal = make_appeal()
    for name, args in (("home", []), ("new", []), ("detail", [appeal.pk]), ("staff_home", [])):
        response = client.get(reverse(f"appeals:{name}", args=args))
        assert response.status_code == 302 and "/accounts/login" in response.url
    assert client.get(reverse("appeals:public")).status_code == 200
