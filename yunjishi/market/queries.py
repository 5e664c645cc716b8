"""Read-side helpers for the market's pages and API: what a person may browse, annotated
lists, and how people are named to each other (never a phone; workers masked)."""

from django.db.models import Avg, Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from yunjishi.booking.models import Slot
from yunjishi.core.masking import mask_name
from yunjishi.people.models import ProviderProfile

from .listings import LISTING_LIFECYCLE
from .models import Eligibility, Listing, Order, OrderStatus, Review
from .orders import ORDER_LIFECYCLE

S = OrderStatus
REORDERABLE = {S.DELIVERED, S.CONFIRMED, S.REVIEWED}
REVIEWABLE = {S.DELIVERED, S.CONFIRMED}


def provider_profile(user) -> ProviderProfile | None:
    if not user.is_authenticated:
        return None
    return ProviderProfile.objects.filter(user=user, is_active=True).first()


def with_places_left(listings):
    """Annotate ``left``: places still open in sessions that have not started (one query)."""
    open_slots = (
        Slot.objects.filter(pool=OuterRef("pool"), is_open=True)
        .filter(Q(starts_at__isnull=True) | Q(starts_at__gt=timezone.now()))
        .values("pool")
        .annotate(left=Sum(F("places") - F("taken")))
        .values("left")
    )
    return listings.annotate(left=Coalesce(Subquery(open_slots, output_field=IntegerField()), 0))


def browsable(user):
    """Live listings for everyone; a provider or union staff also reach what they may see."""
    listings = Listing.objects.live()
    if user.is_authenticated:
        listings = listings | Listing.objects.visible_to(user)
    return listings.select_related("provider", "pool")


def market(domain: str = "", nef: bool = False):
    """Live listings to browse, newest first, with places left."""
    listings = Listing.objects.live().select_related("provider")
    if domain:
        listings = listings.filter(domain=domain)
    if nef:
        listings = listings.filter(for_new_employment_form=True)
    return with_places_left(listings)


def rating(listing: Listing) -> dict:
    return Review.objects.filter(listing=listing).aggregate(average=Avg("stars"), count=Count("id"))


def provider_listings(user):
    """A provider's own listings with places left, number of orders and average rating."""
    orders = (
        Order.objects.filter(listing=OuterRef("pk"))
        .values("listing")
        .annotate(n=Count("id"))
        .values("n")
    )
    stars = (
        Review.objects.filter(listing=OuterRef("pk"))
        .values("listing")
        .annotate(a=Avg("stars"))
        .values("a")
    )
    listings = Listing.objects.visible_to(user).filter(provider__user=user)
    return with_places_left(listings).annotate(
        order_count=Coalesce(Subquery(orders, output_field=IntegerField()), 0),
        average_stars=Subquery(stars),
    )


def worker_orders(user):
    """The worker's own orders (union staff see others' in their own desk, not here)."""
    return (
        Order.objects.visible_to(user)
        .filter(worker=user)
        .select_related("listing__provider", "slot", "review")
    )


def provider_orders(user):
    """Orders of the provider's own listings."""
    return (
        Order.objects.visible_to(user)
        .filter(listing__provider__user=user)
        .select_related("listing__provider", "slot", "worker__member_profile")
    )


def provider_reviews(user):
    return (
        Review.objects.filter(listing__provider__user=user)
        .select_related("listing", "order__worker__member_profile")
        .order_by("-created_at")
    )


def worker_name(user) -> str:
    """How a worker is named to a provider: masked real name, never the phone."""
    profile = getattr(user, "member_profile", None)
    if profile is not None and profile.real_name:
        return profile.masked_name
    return mask_name(user.display_name) or _("Worker")


def _named(viewer, provider: ProviderProfile, worker_id: int | None = None):
    """How the people who act on an order or a listing are named to ``viewer``."""

    def who(user) -> str:
        if user is None:
            return _("System")
        if viewer is not None and user.pk == viewer.pk:
            return _("You")
        if worker_id is not None and user.pk == worker_id:
            return worker_name(user)
        if user.pk == provider.user_id:
            return provider.name
        return _("Union staff")

    return who


def timeline(order: Order, viewer) -> list[dict]:
    """The order's history (who, when, from → to, note), oldest first."""
    return ORDER_LIFECYCLE.steps(
        order.events.select_related("actor__member_profile"),
        _named(viewer, order.listing.provider, order.worker_id),
    )


def listing_timeline(listing: Listing, viewer) -> list[dict]:
    """The listing's history for its provider's page, oldest first: the reviewers are
    "union staff", as on an order."""
    return LISTING_LIFECYCLE.steps(
        listing.events.select_related("actor"), _named(viewer, listing.provider)
    )


def eligibility_words(listing: Listing) -> str:
    if listing.eligibility == Eligibility.OCCUPATIONS:
        names = "、".join(o.name for o in listing.occupations.all())
        return _("Only these occupations: %(names)s") % {"names": names}
    return str(listing.get_eligibility_display())


def may_reorder(order: Order) -> bool:
    return order.status in REORDERABLE and order.listing.repeatable


def may_review(order: Order) -> bool:
    return order.status in REVIEWABLE and not Review.objects.filter(order=order).exists()
