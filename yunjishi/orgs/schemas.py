"""What every app's API says about a union: ``OrgRef`` for an org inside another answer,
``OrgOut`` for the directory (/api/orgs/), and ``org_named(id)`` for an org a request names."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Schema

from .models import Org


class OrgRef(Schema):
    """An org inside another app's answer (an appeal's union, a batch's, a station's)."""

    id: int
    code: str
    name: str


class OrgOut(Schema):
    id: int
    code: str
    name: str
    level: str
    region_code: str
    region_name: str
    depth: int
    parent_id: int | None = None

    @staticmethod
    def resolve_parent_id(org) -> int | None:
        return getattr(org, "_parent_id", None)


def org_named(org_id: int | None, field: str = "org_id") -> Org | None:
    """The active org a request names by id (``None`` when it names none); an unknown or
    closed one is refused as a 422 on ``field``."""
    if org_id is None:
        return None
    org = Org.objects.filter(pk=org_id, is_active=True).first()
    if org is None:
        raise ValidationError({field: [_("No such union.")]})
    return org
