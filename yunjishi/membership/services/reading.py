"""What the worker's membership page and ``/api/membership/me`` show."""

from yunjishi.people.models import MemberProfile, User
from yunjishi.people.services import member_profile

from ..models import JoinApplication, MembershipEvent, TransferRequest


def overview(user: User) -> dict:
    """The person's profile, pending requests and membership history."""
    profile = MemberProfile.objects.filter(user=user).select_related("org").first()
    if profile is None:
        profile = member_profile(user)
    application = (
        JoinApplication.objects.pending().filter(applicant=user).select_related("org").first()
    )
    transfer = (
        TransferRequest.objects.pending()
        .filter(member=user)
        .select_related("from_org", "to_org")
        .first()
    )
    events = (
        MembershipEvent.objects.visible_to(user)
        .filter(member=user)
        .select_related("org", "from_org")
    )
    return {
        "profile": profile,
        "application": application,
        "transfer": transfer,
        "events": list(events),
        "can_apply": not profile.is_member and application is None,
    }
