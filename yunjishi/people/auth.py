"""Who is calling the API: a bearer token (mini-program, other clients) or the pages' session."""

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken
from .security import token_hash


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: for the mini-program and other clients. An expired
    or revoked token (logout, password change) opens nothing: 401."""

    def authenticate(self, request, token):
        now = timezone.now()
        row = (
            ApiToken.objects.select_related("user")
            .active(now)
            .filter(key_hash=token_hash(token), user__is_active=True)
            .first()
        )
        if row is None:
            return None
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        request.api_token = row  # the token of this call: logout revokes it
        return row.user


class SessionUserAuth(SessionAuth):
    """The pages' session cookie (CSRF checked for unsafe methods)."""
