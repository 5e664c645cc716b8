"""Publishing a batch makes its listings live and tells followers (上新); bad input changes
nothing."""

from django.urls import reverse

from yunjishi.market import listings
from yunjishi.market.models import Batch, ListingStatus
from yunjishi.notify.models import Notification

BATCHES = reverse("market:staff_batches")


def approved(make_listing, provider, admin_a, **fields):
    listing = listings.submit(provider, make_listing(places=5, live=False, **fields))
    return listings.approve(admin_a, listing)


def test_a_batch_goes_live_and_followers_hear_of_it(
    make_listing, provider, admin_a, worker, tree, client_for, django_capture_on_commit_callbacks
):
    listings.follow(worker, "education")
    first = approved(make_listing, provider, admin_a, title="书法培训", domain="education")
    second = approved(make_listing, provider, admin_a, title="少儿编程", domain="education")
    client = client_for(admin_a)
    page = client.get(BATCHES).content.decode()
    assert "书法培训" in page and "少儿编程" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            BATCHES,
            {"title": "2024年第二批", "org": tree.street_a.pk, "listings": [first.pk, second.pk]},
        )
    assert response.status_code == 302
    batch = Batch.objects.get(title="2024年第二批")
    for listing in (first, second):
        listing.refresh_from_db()
        assert listing.status == ListingStatus.LIVE and listing.batch == batch
    notice = Notification.objects.get(user=worker, kind="market.batch")
    assert "2024年第二批" in notice.title and "书法培训" in notice.body
    assert "2024年第二批" in client.get(BATCHES).content.decode()


def test_an_empty_batch_is_refused_and_nothing_changes(
    make_listing, provider, admin_a, tree, client_for
):
    listing = approved(make_listing, provider, admin_a)
    response = client_for(admin_a).post(
        BATCHES, {"title": "空批次", "org": tree.street_a.pk, "listings": []}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Batch.objects.filter(title="空批次").exists()
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED


def test_a_batch_needs_a_title(make_listing, provider, admin_a, tree, client_for):
    listing = approved(make_listing, provider, admin_a)
    response = client_for(admin_a).post(
        BATCHES, {"title": "", "org": tree.street_a.pk, "listings": [listing.pk]}
    )
    assert "title" in response.context["form"].errors
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED


def test_street_b_staff_cannot_publish_street_a_listings(
    make_listing, provider, admin_a, tree, client_for
):
    from yunjishi.people.models import User
    from yunjishi.people.services import assign_staff

    admin_b = User.objects.create_user("13900000009", "Gonghui#2024", display_name="乙管理员")
    assign_staff(admin_b, tree.street_b, "org_admin")
    listing = approved(make_listing, provider, admin_a, title="书法培训")
    client = client_for(admin_b)
    assert "书法培训" not in client.get(BATCHES).content.decode()
    response = client.post(
        BATCHES, {"title": "越权", "org": tree.street_b.pk, "listings": [listing.pk]}
    )
    assert response.status_code == 200 and response.context["form"].errors
    listing.refresh_from_db()
    assert listing.status == ListingStatus.APPROVED


def test_a_handler_may_not_publish(handler_a, client_for):
    assert client_for(handler_a).get(BATCHES).status_code == 403
