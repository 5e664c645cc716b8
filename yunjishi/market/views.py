"""Market pages: helpers shared by the worker's pages (``views_worker``) and the
provider's (``views_provider``). Views only translate between HTTP and the services in
``listings`` and ``orders``; a refusal comes back as the service's own message."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError

from yunjishi.core.errors import ServiceError, first_message, validation_fields

from . import queries


def message_of(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return first_message(error)
    return str(error.message)


def act(request, action, *args, done: str, **kwargs):
    """Run a one-button service; say on the next page how it went. Returns its result."""
    try:
        result = action(*args, **kwargs)
    except (ServiceError, ValidationError) as error:
        messages.error(request, message_of(error))
        return None
    messages.success(request, done)
    return result


def submit(form, action, *args, **kwargs):
    """Run a service with a valid form's data; its refusals become the form's errors."""
    try:
        return action(*args, **kwargs)
    except ValidationError as error:
        for field, errors in validation_fields(error).items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    except ServiceError as error:
        form.add_error(None, str(error.message))
    return None


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
