"""Writing to the audit trail: ``record(...)``, called wherever personal data is viewed,
exported or changed, a role is granted or removed, a password is set or an identity revealed.

``record`` writes one row in the caller's transaction when there is one (a change and its
audit entry commit or roll back together), else on its own. It never raises for a missing
part: an audit entry with fewer details is better than a refused request.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from yunjishi.core.db import write_service
from yunjishi.core.masking import mask_name, mask_text

from .models import Action, Entry

__all__ = ["Action", "record", "purge_expired", "retention_days"]

MIN_RETENTION_DAYS = 180  # 等保 2.0: audit records kept at least six months


def retention_days() -> int:
    return max(MIN_RETENTION_DAYS, int(getattr(settings, "AUDIT_RETENTION_DAYS", 365)))


def _label(person: Any) -> str:
    """A person's masked name (or masked phone): never the clear phone or ID number."""
    if person is None:
        return ""
    name = str(getattr(person, "display_name", "") or "")
    if name:
        return mask_text(mask_name(name))[:80]
    masked = getattr(person, "masked_phone", "")
    return str(masked or f"#{getattr(person, 'pk', '')}")[:80]


def _client_ip(request: Any) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record(
    actor: Any,
    action: Action | str,
    *,
    subject: Any = None,
    org: Any = None,
    target: str = "",
    detail: str = "",
    request: Any = None,
) -> Entry:
    """Write one audit entry. ``actor`` and ``subject`` are users (or None), ``org`` anything
    with ``path`` and ``name`` (an Org), ``target`` what was touched, ``detail`` a short text
    (masked before it is stored)."""
    if actor is not None and not getattr(actor, "is_authenticated", True):
        actor = None
    return Entry.objects.create(
        actor=actor,
        actor_label=_label(actor),
        action=str(action),
        subject=subject,
        subject_label=_label(subject),
        org_path=str(getattr(org, "path", "") or "")[:255],
        org_label=mask_text(str(getattr(org, "name", "") or ""))[:120],
        target=mask_text(target)[:120],
        detail=mask_text(detail)[:500],
        ip=_client_ip(request),
    )


@write_service
def purge_expired(now: dt.datetime | None = None) -> int:
    """Delete entries older than the retention period (the daily task); returns how many
    went. The only way an entry ever leaves the trail."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=retention_days())
    deleted, _ = Entry.objects.filter(at__lt=cutoff).delete()
    return deleted
