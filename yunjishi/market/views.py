"""Market pages: helpers shared by the worker's pages (``worker_views``) and the
provider's (``provider_views``). Views only translate between HTTP and the services in
``listings`` and ``orders``; a refusal comes back as the service's own message."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from . import queries


def form_error(form) -> str:
    """The first of a form's errors, for a message on the next page."""
    for errors in form.errors.values():
        return str(errors[0])
    return ""


def provider_required(view):
    """Provider pages: only a person with an active provider profile (403 otherwise)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        provider = queries.provider_profile(request.user)
        if provider is None:
            raise PermissionDenied
        request.provider = provider
        return view(request, *args, **kwargs)

    return wrapper
