"""What the appeals API modules share: the org reference in their answers and the check
that the caller is union staff. Imports nothing of theirs, so both may import it."""

from django.utils.translation import gettext as _
from ninja import Schema

from yunjishi.core.errors import NotAllowed
from yunjishi.people.scope import is_staff_member


class AppealOrgRef(Schema):
    id: int
    code: str
    name: str


def staff_user(request):
    """The caller, if they are union staff; else 403."""
    if not is_staff_member(request.auth):
        raise NotAllowed(_("Only union staff may do this."))
    return request.auth
