"""The statistics page shows the figures of the orders in the chosen subtree."""

from django.urls import reverse

from yunjishi.market import orders

STATS = reverse("market:staff_stats")


def test_two_delivered_and_one_cancelled_show_a_two_thirds_completion_rate(
    make_listing, worker, provider, admin_a, supervisor, tree, tomorrow, client_for
):
    listing = make_listing(places=10, per_person_limit=3, domain="education", title="书法培训")
    for stars in (5, 4):
        order, _ = orders.place_order(worker, listing)
        orders.allocate(provider, order, scheduled_at=tomorrow, place="二楼")
        orders.deliver(provider, order)
        orders.review(worker, order, stars)
    cancelled, _ = orders.place_order(worker, listing)
    orders.cancel(worker, cancelled)

    page = client_for(admin_a).get(STATS)
    assert page.status_code == 200
    figures = page.context["figures"]
    assert figures["served"] == 2 and figures["total"] == 3
    assert page.context["completion_percent"] == 66.7
    html = page.content.decode()
    assert '<strong id="completion">66.7%</strong>' in html
    assert '<strong id="rating">4.5</strong>' in html
    assert '<strong id="served">2</strong>' in html
    education = next(row for row in page.context["rows"] if row["total"])
    assert education["total"] == 3

    # The district supervisor may look at street A; street B shows none of it.
    client = client_for(supervisor)
    assert client.get(STATS, {"org": tree.street_a.pk}).context["figures"]["total"] == 3
    assert client.get(STATS, {"org": tree.street_b.pk}).context["figures"]["total"] == 0


def test_an_org_outside_the_staffers_scope_is_not_found(handler_b, tree, client_for):
    assert client_for(handler_b).get(STATS, {"org": tree.street_a.pk}).status_code == 404
