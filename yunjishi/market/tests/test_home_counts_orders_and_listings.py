"""The homes count what waits in the market: a worker's served orders to confirm, a
provider's new orders to arrange, and the submitted listings a reviewer may decide, in
their own subtrees only."""

from yunjishi.market import home, listings, orders
from yunjishi.market.models import Order, OrderStatus
from yunjishi.people.services import assign_staff


def test_a_worker_counts_served_orders_and_a_provider_new_ones(
    make_listing, worker, other_worker, provider
):
    listing = make_listing(places=5)
    served, _ = orders.place_order(worker, listing)
    orders.place_order(other_worker, listing)
    Order.objects.filter(pk=served.pk).update(status=OrderStatus.DELIVERED)

    assert home.orders_to_confirm(worker) == 1
    assert home.orders_to_confirm(other_worker) == 0
    assert home.orders_to_arrange(provider) == 1
    assert home.orders_to_arrange(worker) == 0


def test_reviewers_count_submitted_listings_of_their_subtree_only(
    make_listing, provider, admin_a, supervisor, handler_a, tree, other_worker
):
    listing = make_listing(places=5, live=False)
    listings.submit(provider, listing)
    assign_staff(other_worker, tree.street_b, "org_admin")

    assert home.listings_to_review(admin_a) == 1
    assert home.listings_to_review(supervisor) == 1  # the district, above street A
    assert home.listings_to_review(handler_a) == 0  # sees the queue, may not decide
    assert home.listings_to_review(other_worker) == 0  # the org admin of street B


def test_reviewers_count_approved_listings_waiting_for_a_batch(
    make_listing, provider, admin_a, handler_a, other_worker, tree
):
    listing = make_listing(places=5, live=False)
    listings.submit(provider, listing)
    listings.approve(admin_a, listing)
    assign_staff(other_worker, tree.street_b, "org_admin")

    assert home.listings_to_review(admin_a) == 0
    assert home.listings_to_publish(admin_a) == 1
    assert home.listings_to_publish(handler_a) == 0
    assert home.listings_to_publish(other_worker) == 0
