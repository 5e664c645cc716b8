"""Before submitting, similar open appeals in the same org are suggested (jieba terms); the
worker may follow one instead of filing the same thing again."""

import pytest
from django.urls import reverse

from yunjishi.appeals import following, services, similar
from yunjishi.appeals.models import Appeal, Follower
from yunjishi.core.errors import ServiceError


@pytest.fixture
def colleague(other_worker, tree):
    """Another member of the worker's union: the appeals there are offered to them."""
    from yunjishi.people.models import MemberProfile

    MemberProfile.objects.filter(user=other_worker).update(org=tree.enterprise_a)
    return other_worker


@pytest.fixture
def open_appeals(make_appeal, categories):
    return [
        make_appeal(),  # 食堂饭菜太咸
        make_appeal(
            category=categories["安全生产"],
            title="车间照明灯坏了",
            text="二号车间东侧的照明灯坏了三盏，夜班巡检看不清，存在安全隐患。",
        ),
    ]


def test_a_similar_draft_finds_the_open_appeal_and_an_unrelated_one_does_not(open_appeals, tree):
    found = similar.similar_open(
        tree.enterprise_a, "食堂的菜太咸了", "公司食堂饭菜很咸，希望少放盐。"
    )
    assert [a.pk for a in found] == [open_appeals[0].pk]
    assert similar.similar_open(tree.enterprise_a, "宿舍没有热水", "宿舍楼热水器坏了。") == []
    assert similar.similar_open(tree.enterprise_b, "食堂的菜太咸了", "食堂饭菜很咸。") == []


def test_closed_appeals_are_not_suggested(open_appeals, tree, handler_a, worker):
    appeal = services.resolve(handler_a, services.accept(handler_a, open_appeals[0]), "已改进")
    services.rate(worker, appeal, "satisfied")
    assert similar.similar_open(tree.enterprise_a, "食堂的菜太咸了", "食堂饭菜很咸。") == []


def test_the_submit_page_suggests_them_as_the_worker_types(open_appeals, colleague, client_for):
    response = client_for(colleague).post(
        reverse("appeals:similar"), {"title": "食堂太咸", "text": "食堂饭菜太咸了，吃不下。"}
    )
    page = response.content.decode()
    assert open_appeals[0].tracking_number in page and "车间照明" not in page
    assert "王职工" not in page  # who sent it stays private


def test_following_instead_of_filing(open_appeals, colleague, client_for):
    appeal = open_appeals[0]
    client = client_for(colleague)
    response = client.post(reverse("appeals:follow", args=[appeal.pk]))
    assert response.status_code == 302
    assert Follower.objects.filter(appeal=appeal, user=colleague).exists()
    assert Appeal.objects.count() == 2
    page = client.get(reverse("appeals:detail", args=[appeal.pk])).content.decode()
    assert appeal.title in page and appeal.text not in page  # the sender's words stay theirs
    assert appeal.tracking_number in client.get(reverse("appeals:home")).content.decode()
    # following twice changes nothing; one's own appeal cannot be followed
    assert following.follow(colleague, appeal) is False
    with pytest.raises(ServiceError):
        following.follow(appeal.submitter, appeal)


def test_the_api_suggests_and_follows(open_appeals, colleague, tree, client_for):
    client = client_for(colleague)
    found = client.post(
        "/api/appeals/similar",
        {"title": "食堂太咸", "text": "食堂饭菜太咸了。", "org_id": tree.enterprise_a.pk},
        content_type="application/json",
    ).json()
    assert [item["id"] for item in found] == [open_appeals[0].pk]
    followed = client.post(f"/api/appeals/{open_appeals[0].pk}/follow").json()
    assert followed["mine"] is False and followed["text"] == "" and followed["followers"] == 1
    assert client.delete(f"/api/appeals/{open_appeals[0].pk}/follow").status_code == 204
