"""Following makes an appeal readable, so a worker may follow only what the similar-appeals
suggestion could offer them: an open appeal of a union they could file in. Any other id
is answered like an appeal they may not see (404), on the pages and over the API; and a
follower never learns who sent the appeal."""

import pytest
from django.urls import reverse

from yunjishi.appeals import following, services
from yunjishi.appeals.models import Follower
from yunjishi.core.errors import Conflict
from yunjishi.people.models import MemberProfile


@pytest.fixture
def appeal_a(make_appeal):
    return make_appeal()  # the worker's, in enterprise_a


@pytest.fixture
def colleague(other_worker, tree):
    MemberProfile.objects.filter(user=other_worker).update(org=tree.enterprise_a)
    return other_worker


def test_a_worker_of_another_branch_cannot_follow_it_by_id(appeal_a, other_worker, client_for):
    client = client_for(other_worker)  # a member in street B
    assert client.post(reverse("appeals:follow", args=[appeal_a.pk])).status_code == 404
    response = client.post(f"/api/appeals/{appeal_a.pk}/follow")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert not Follower.objects.exists()
    # so nothing of it can be read either
    assert client.get(reverse("appeals:detail", args=[appeal_a.pk])).status_code == 404
    assert client.get(f"/api/appeals/{appeal_a.pk}").status_code == 404
    assert client.get("/api/appeals").json()["count"] == 0


def test_someone_who_is_not_a_member_follows_nothing(appeal_a, password, client_for):
    from yunjishi.people.models import User

    stranger = User.objects.create_user("13800000099", password, display_name="陌生人")
    client = client_for(stranger)
    assert client.post(reverse("appeals:follow", args=[appeal_a.pk])).status_code == 404
    assert client.post(f"/api/appeals/{appeal_a.pk}/follow").status_code == 404
    assert not Follower.objects.exists()


def test_the_api_suggests_nothing_of_a_union_the_worker_could_not_file_in(
    appeal_a, other_worker, tree, client_for
):
    found = client_for(other_worker).post(
        "/api/appeals/similar",
        {"title": "食堂太咸", "text": "食堂饭菜太咸了。", "org_id": tree.enterprise_a.pk},
        content_type="application/json",
    )
    assert found.status_code == 200 and found.json() == []


def test_a_colleague_follows_it_but_not_once_it_is_answered(
    appeal_a, make_appeal, colleague, handler_a
):
    assert following.follow(colleague, appeal_a) is True
    answered = services.resolve(handler_a, services.accept(handler_a, make_appeal()), "已改进")
    with pytest.raises(Conflict):
        following.follow(colleague, answered)


def test_a_follower_reads_the_worker_not_the_senders_name(
    appeal_a, worker, colleague, handler_a, client_for
):
    services.request_info(handler_a, services.accept(handler_a, appeal_a), "哪个食堂？")
    services.answer_info(worker, appeal_a, "二号食堂。")
    following.follow(colleague, appeal_a)
    client = client_for(colleague)
    page = client.get(reverse("appeals:detail", args=[appeal_a.pk])).content.decode()
    assert "甲办理员" in page  # the staff who acted are named
    assert "王职工" not in page
    events = client.get(f"/api/appeals/{appeal_a.pk}").json()["events"]
    by_sender = [e["who"] for e in events if e["kind"] in ("submitted", "info_given")]
    assert by_sender and set(by_sender) <= {"职工", "The worker"}
    # staff still see who sent a named appeal
    staff_events = client_for(handler_a).get(f"/api/appeals/staff/appeals/{appeal_a.pk}").json()
    assert "王职工" in {e["who"] for e in staff_events["events"]}
