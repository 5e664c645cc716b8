"""Visits to key contact persons (重点联系人员): recorded by a representative with the
person described; the person's phone is never shown in clear, their name only masked to
others; bad input changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from yunjishi.proposals import services
from yunjishi.proposals.models import ContactVisit

PHONE = "13912345678"


@pytest.fixture
def visit(representative):
    return services.record_visit(
        representative,
        person_name="夏小明",
        person_situation="父母接连患重病，房屋年久失修",
        person_phone=PHONE,
        visited_on=timezone.localdate(),
        notes="房子需要修缮，母亲需要护理指导",
        follow_up="联系企业工会帮助修缮",
    )


def test_a_visit_is_recorded_with_an_open_follow_up_then_followed_up(
    visit, representative, client_for
):
    assert visit.follow_up_status == "open" and visit.org == representative.member_profile.org
    client = client_for(representative)
    client.post(reverse("proposals:follow_up", args=[visit.pk]), {"note": "物业公司工会负责修缮"})
    visit.refresh_from_db()
    assert visit.follow_up_status == "done" and visit.followed_up_at is not None


def test_the_phone_is_never_shown_in_clear(visit, representative, admin_a, superuser, client_for):
    rep = client_for(representative)
    page = rep.get(reverse("proposals:visit", args=[visit.pk])).content.decode()
    assert PHONE not in page and "139****5678" in page
    data = rep.get(f"/api/proposals/visits/{visit.pk}").json()
    assert PHONE not in str(data) and data["person_phone_masked"] == "139****5678"
    staff = client_for(admin_a).get("/api/proposals/staff/visits").json()
    assert staff["count"] == 1 and PHONE not in str(staff) and "夏小明" not in str(staff)
    assert staff["items"][0]["person"] == "夏**"
    admin = client_for(superuser)
    for url in (
        reverse("admin:proposals_contactvisit_changelist"),
        reverse("admin:proposals_contactvisit_change", args=[visit.pk]),
    ):
        html = admin.get(url).content.decode()
        assert PHONE not in html and "夏小明" not in html, url


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(representative, client_for):
    client = client_for(representative)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page = client.post(
        reverse("proposals:new_visit"),
        {
            "person_name": "",
            "person_situation": "",
            "person_phone": "12345",
            "visited_on": tomorrow.isoformat(),
            "notes": "",
        },
    )
    html = page.content.decode()
    assert page.status_code == 200 and html.count('class="errorlist"') >= 4
    response = client.post(
        "/api/proposals/visits",
        {
            "person_name": "小夏",
            "person_situation": "困难",
            "notes": "x",
            "visited_on": tomorrow.isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 422 and "visited_on" in response.json()["fields"]
    assert not ContactVisit.objects.exists()


def test_a_follow_up_can_be_closed_once_and_only_by_its_representative(
    visit, representative, other_worker, client_for
):
    from yunjishi.core.errors import Conflict

    services.complete_follow_up(representative, visit, "已办")
    with pytest.raises(Conflict):
        services.complete_follow_up(representative, visit, "再办一次")
    profile = other_worker.member_profile
    profile.is_representative = True
    profile.save()
    client = client_for(other_worker)
    assert client.get(reverse("proposals:visit", args=[visit.pk])).status_code == 404
    assert (
        client.post(
            f"/api/proposals/visits/{visit.pk}/follow-up",
            {"note": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
