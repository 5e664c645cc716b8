"""The service market on the homes: the market and my orders for workers, a provider's
listings and orders, and for staff the review queue, batches and the figures."""

from django.utils.translation import gettext_lazy as _

from yunjishi.core.home import ANYONE, PROVIDER, STAFF, WORKER, Entry

from .listings import REVIEW_ROLES
from .models import Listing, ListingStatus, Order, OrderStatus


def orders_to_confirm(user) -> int:
    """The worker's orders that were served and wait for their 签收."""
    return Order.objects.filter(worker=user, status=OrderStatus.DELIVERED).count()


def orders_to_arrange(user) -> int:
    """The provider's new orders that wait for a time and place (配货)."""
    return Order.objects.filter(listing__provider__user=user, status=OrderStatus.PLACED).count()


def listings_to_review(user) -> int:
    """Submitted listings in the subtrees where ``user`` may approve them."""
    return (
        Listing.objects.managed_by(user, REVIEW_ROLES)
        .filter(status=ListingStatus.SUBMITTED)
        .count()
    )


def listings_to_publish(user) -> int:
    """Approved listings in the reviewer's subtrees that wait for a batch (批次上新)."""
    return (
        Listing.objects.managed_by(user, REVIEW_ROLES).filter(status=ListingStatus.APPROVED).count()
    )


worker_entries = [
    Entry(
        title=_("Service market"),
        text=_("Order services from model workers"),
        url="market:home",
        roles={ANYONE},
        order=10,
    ),
    Entry(
        title=_("My orders"),
        text=_("Services I ordered"),
        url="market:orders",
        roles={WORKER},
        count=orders_to_confirm,
        count_text=_("%(count)d to confirm"),
        order=11,
    ),
    Entry(
        title=_("My services"),
        text=_("My listings, incoming orders and reviews"),
        url="market:provider_home",
        roles={PROVIDER},
        count=orders_to_arrange,
        count_text=_("%(count)d orders to arrange"),
        order=12,
    ),
]

staff_entries = [
    Entry(
        title=_("Listing review"),
        text=_("Service market: review and batches"),
        url="market:staff_review",
        # Reviewers; other staff may follow the queue read-only from the market's pages.
        roles=REVIEW_ROLES,
        count=listings_to_review,
        count_text=_("%(count)d to review"),
        order=20,
    ),
    Entry(
        title=_("Batch publishing"),
        text=_("Put approved listings live together"),
        url="market:staff_batches",
        roles=REVIEW_ROLES,
        count=listings_to_publish,
        count_text=_("%(count)d to publish"),
        order=21,
    ),
    Entry(
        title=_("Market figures"),
        text=_("Orders, people served, ratings"),
        url="market:staff_stats",
        roles=STAFF,
        order=22,
    ),
]
