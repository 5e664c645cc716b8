"""What the market API reads and writes: workers' and providers' side (``api``), staff side
(``api_staff``) and the demand matching (``api_demand``). Phones never appear; a provider
sees a worker's name masked."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator

from yunjishi.core.fields import MAX_INT, Bool, DateTime, Id, Line, Number, Text
from yunjishi.orgs.schemas import OrgRef
from yunjishi.surveys.schemas import DemandRow

from . import listings, queries
from .models import Domain, Eligibility, Format

# --- Workers and providers -------------------------------------------------------------

# What the pages take too (``forms.ListingForm``).
MAX_DESCRIPTION = 5000
MAX_PER_PERSON = 100


def _url(value: str) -> str:
    """An http(s) link or nothing (Django's validator, as the pages' URLField uses)."""
    if value:
        try:
            URLValidator(schemes=("http", "https"))(value)
        except ValidationError:
            raise ValueError(_("Enter a valid link.")) from None
    return value


OnlineUrl = Annotated[str, Line(200), AfterValidator(_url)]


class ProviderRef(Schema):
    id: int
    name: str
    title: str

    @staticmethod
    def resolve_title(obj) -> str:
        return str(obj.get_title_display())


class SessionOut(Schema):
    id: int
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    places: int
    places_left: int


class ListingOut(Schema):
    id: int
    title: str
    domain: str
    domain_label: str
    for_new_employment_form: bool
    format: str
    format_label: str
    provider: ProviderRef
    status: str
    places_left: int

    @staticmethod
    def resolve_domain_label(obj) -> str:
        return str(obj.get_domain_display())

    @staticmethod
    def resolve_format_label(obj) -> str:
        return str(obj.get_format_display())

    @staticmethod
    def resolve_places_left(obj) -> int:
        left = getattr(obj, "left", None)
        return listings.places_left(obj) if left is None else left


class ListingDetailOut(ListingOut):
    description: str
    place: str
    eligibility: str
    eligibility_text: str
    occupations: list[str]
    per_person_limit: int
    repeatable: bool
    sessions: list[SessionOut]
    average_stars: float | None
    review_count: int

    @staticmethod
    def resolve_eligibility_text(obj) -> str:
        return queries.eligibility_words(obj)

    @staticmethod
    def resolve_occupations(obj) -> list[str]:
        return [o.name for o in obj.occupations.all()]

    @staticmethod
    def resolve_per_person_limit(obj) -> int:
        return obj.pool.per_person_limit

    @staticmethod
    def resolve_sessions(obj) -> list:
        return list(listings.upcoming_slots(obj))

    @staticmethod
    def resolve_average_stars(obj) -> float | None:
        average = queries.rating(obj)["average"]
        return None if average is None else round(average, 2)

    @staticmethod
    def resolve_review_count(obj) -> int:
        return queries.rating(obj)["count"]


class ProviderListingOut(ListingDetailOut):
    online_url: str
    reject_reason: str
    order_count: int


class ListingRef(Schema):
    id: int
    title: str


class ReviewOut(Schema):
    stars: int
    text: str
    created_at: dt.datetime


class ProviderReviewOut(ReviewOut):
    listing: ListingRef
    worker_name: str

    @staticmethod
    def resolve_worker_name(obj) -> str:
        return queries.worker_name(obj.order.worker)


class OrderEventOut(Schema):
    at: dt.datetime
    who: str
    from_status: str
    to_status: str
    to_label: str
    note: str


class OrderOut(Schema):
    id: int
    status: str
    status_label: str
    listing: ListingRef
    provider_name: str
    session_starts_at: dt.datetime | None
    scheduled_at: dt.datetime | None
    place: str
    online_url: str
    assignee: str
    cancel_reason: str
    placed_at: dt.datetime
    delivered_at: dt.datetime | None
    reorder_of: int | None = Field(None, alias="reorder_of_id")
    review: ReviewOut | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_provider_name(obj) -> str:
        return obj.listing.provider.name

    @staticmethod
    def resolve_session_starts_at(obj) -> dt.datetime | None:
        return obj.slot.starts_at

    @staticmethod
    def resolve_review(obj):
        return getattr(obj, "review", None)


class OrderDetailOut(OrderOut):
    events: list[OrderEventOut]

    @staticmethod
    def resolve_events(obj, context) -> list[dict]:
        return queries.timeline(obj, context["request"].auth)


class ProviderOrderOut(OrderOut):
    worker_name: str

    @staticmethod
    def resolve_worker_name(obj) -> str:
        return queries.worker_name(obj.worker)


class ProviderOrderDetailOut(ProviderOrderOut):
    events: list[OrderEventOut]

    @staticmethod
    def resolve_events(obj, context) -> list[dict]:
        return queries.timeline(obj, context["request"].auth)


class ListingFilters(Schema):
    domain: Domain | None = None
    q: Annotated[str, Line(100)] = ""
    nef: bool = False


class OrderIn(Schema):
    slot_id: Id | None = None


class ReviewIn(Schema):
    stars: Annotated[int, Number(1, 5)]
    text: Annotated[str, Text(2000)] = ""


class MarketReasonIn(Schema):
    """Why a worker cancels, a provider delists or cancels, a reviewer rejects; at most as
    long as the pages take."""

    reason: Annotated[str, Text(500)] = ""


class SessionIn(Schema):
    starts_at: DateTime
    ends_at: DateTime | None = None
    places: Annotated[int, Number(1, MAX_INT)]


class ListingIn(Schema):
    title: Annotated[str, Line(100)] = ""
    description: Annotated[str, Text(MAX_DESCRIPTION)] = ""
    domain: Domain
    for_new_employment_form: Bool = False
    format: Format
    online_url: OnlineUrl = ""
    place: Annotated[str, Line(200)] = ""
    eligibility: Eligibility = Eligibility.ALL
    occupation_ids: list[Id] = Field([], max_length=200)
    per_person_limit: Annotated[int, Number(1, MAX_PER_PERSON)] = 1
    repeatable: Bool = True
    places: Annotated[int, Number(1, MAX_INT)] | None = None
    sessions: list[SessionIn] = Field([], max_length=50)


class AllocateIn(Schema):
    scheduled_at: DateTime | None = None
    place: Annotated[str, Line(200)] = ""
    online_url: OnlineUrl = ""
    assignee: Annotated[str, Line(100)] = ""


# --- Staff -----------------------------------------------------------------------------


class StaffProviderRef(Schema):
    """A provider as staff read it (a listing under review, the demand matching): ``title``
    is the title's code (``ProviderRef``, for workers, says it in words)."""

    id: int
    name: str
    title: str


class MatchedListing(Schema):
    """A live listing that meets a demand category (精准匹配)."""

    id: int
    title: str
    domain: str
    provider: StaffProviderRef


class MatchRow(DemandRow):
    """A row of the demand classification list with what the market has for it: live
    listings, their providers, and providers who could list such a service (a ``gap``:
    demand that no live listing meets)."""

    gap: bool
    listings: list[MatchedListing]
    providers: list[StaffProviderRef]
    candidates: list[StaffProviderRef]


class BatchListingRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.title


class StaffListingOut(Schema):
    id: int
    title: str
    description: str
    domain: str
    domain_label: str
    format: str
    place: str
    online_url: str
    eligibility: str
    for_new_employment_form: bool
    status: str
    status_label: str
    reject_reason: str
    provider: StaffProviderRef
    org: OrgRef
    updated_at: dt.datetime

    @staticmethod
    def resolve_domain_label(obj) -> str:
        return str(obj.get_domain_display())

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())


class BatchOut(Schema):
    id: int
    title: str
    org: OrgRef
    published_at: dt.datetime
    listings: list[BatchListingRef]


class BatchIn(Schema):
    title: Annotated[str, Line(100)] = ""
    listing_ids: list[Id] = Field([], max_length=500)
    org_id: Id | None = None


class DomainFigures(Schema):
    domain: str
    label: str
    total: int
    by_state: dict[str, int]

    @staticmethod
    def resolve_label(obj) -> str:
        return str(obj["label"])


class MarketFiguresOut(Schema):
    org: OrgRef
    total: int
    by_state: dict[str, int]
    by_domain: list[DomainFigures]
    served: int
    completion_rate: float | None
    average_rating: float | None
    reviews: int
