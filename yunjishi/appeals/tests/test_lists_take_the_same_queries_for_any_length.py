"""The API lists answer in a fixed number of queries, however many appeals they hold:
followers counted in the query, the people and unions loaded with the appeals, the
identities a supervisor was shown read once, the union shown for a hidden sender counted
once per union, the worker's timelines prefetched."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yunjishi.appeals import identity, services
from yunjishi.appeals.models import Appeal, Follower


@pytest.fixture
def fill(make_appeal, worker, other_worker, supervisor, tracker_a, handler_a):
    """``fill(n)``: n more appeals of the worker, every third anonymous (half of those
    shown to the supervisor), every other one accepted and followed by another worker,
    the rest reopened and past their deadline; and n // 3 appeals of another worker that the worker follows."""

    def fill(n: int) -> None:
        for i in range(n):
            appeal = make_appeal(anonymous=i % 3 == 0, title=f"食堂饭菜太咸第{i}次")
            if i % 2:
                services.accept(handler_a, appeal)
                Follower.objects.create(appeal=appeal, user=other_worker)
            else:  # on both boards
                Appeal.objects.filter(pk=appeal.pk).update(
                    reopened=True, due_at=timezone.now() - dt.timedelta(hours=1)
                )
            if i % 6 == 3:  # the first anonymous one stays hidden: its union is coarsened
                identity.reveal(supervisor, appeal, "核实是否需要慰问。")
        for i in range(n // 3):
            theirs = make_appeal(other_worker, title=f"宿舍热水不够第{i}次")
            Follower.objects.create(appeal=theirs, user=worker)

    return fill


def counted(client, url: str, params: dict) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(captured), response.json()["items"]


@pytest.mark.parametrize(
    ("viewer", "url", "params"),
    [
        ("supervisor", "/api/appeals/staff/appeals", {"queue": "all"}),
        ("handler_a", "/api/appeals/staff/appeals", {"queue": "all"}),
        ("supervisor", "/api/appeals/staff/board/reopened", {}),
        ("supervisor", "/api/appeals/staff/board/past-due", {}),
        ("worker", "/api/appeals", {}),
    ],
)
def test_a_list_of_twelve_takes_as_many_queries_as_a_list_of_three(
    request, fill, client_for, viewer, url, params
):
    client = client_for(request.getfixturevalue(viewer))
    fill(3)
    few, items = counted(client, url, params)
    fill(9)
    many, more_items = counted(client, url, params)
    assert len(items) < len(more_items)
    assert many == few


def test_the_counts_and_labels_in_the_lists_are_those_of_each_appeal(
    fill, client_for, supervisor, worker
):
    fill(6)
    staff = client_for(supervisor).get("/api/appeals/staff/appeals", {"queue": "all"}).json()
    for item in staff["items"]:
        appeal = Appeal.objects.get(pk=item["id"])
        assert item["followers"] == appeal.followers.count()
        assert item["submitter"] == identity.submitter_label(appeal, supervisor)
        assert item["tracker"] == str(appeal.tracker or "")
    mine = client_for(worker).get("/api/appeals").json()
    assert {item["followers"] for item in mine["items"]} == {0, 1}
    assert all(item["events"] for item in mine["items"])
