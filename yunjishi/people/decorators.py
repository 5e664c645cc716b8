"""Page decorators for who may open a page: union staff (``staff_required``), or staff and
whoever else a test lets in (``staff_or``). Anyone else gets a 403 page; nobody logged in
goes to the login page first."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .scope import Person, is_staff_member


def staff_or(allowed):
    """A decorator for pages that union staff, and people for whom ``allowed(user)`` is
    true, may open (a station manager's own stations, say)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not (is_staff_member(request.user) or allowed(request.user)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # Marks a staff page wherever it is routed (outer decorators copy it): the test
        # that every staff page is reached from the staff home finds them by it.
        wrapper.staff_page = True  # type: ignore[attr-defined]
        return wrapper

    return decorator


def staff_required(view):
    """Pages for union staff only."""
    return staff_or(_nobody_else)(view)


def _nobody_else(user: Person) -> bool:
    return False
