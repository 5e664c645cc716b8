"""Rules of the union tree: building it and moving branches."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yunjishi.core.db import write_service

from .models import Org


@write_service
def add_org(parent: Org | None, **fields) -> Org:
    if parent is None:
        return Org.objects.add_root(instance=Org(**fields))
    return Org.objects.add_child(parent, instance=Org(**fields))


@write_service
def move_org(org: Org, new_parent: Org) -> Org:
    """Move ``org`` and its whole branch under ``new_parent``.

    Every path in the branch is rewritten; it happens in one transaction so that no
    reader ever sees half a branch moved.
    """
    org.refresh_from_db()
    new_parent.refresh_from_db()
    if new_parent.path.startswith(org.path):
        raise ValidationError(_("An organisation cannot be moved under itself or its own branch."))
    Org.objects.move(org, new_parent, pos="sorted-child")
    org.refresh_from_db()
    return org
