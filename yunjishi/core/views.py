"""What every app's pages do with a service's answer: run it, and say how it went.

A service refuses with a ``ValidationError`` (field by field) or a ``ServiceError`` (one
message); pages show either in the service's own words, as a message on the next page
(``act``) or as the errors of the form that was sent (``submit``, ``errors_into``).
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError

from .errors import ServiceError, first_message, validation_fields


def message_of(error: ServiceError | ValidationError) -> str:
    """The one sentence to show for a service's refusal."""
    if isinstance(error, ValidationError):
        return first_message(error)
    return str(error.page_message or error.message)


def act(request, action, *args, done: str | Callable[[Any], str] | None, **kwargs):
    """Run a one-button service; say on the next page how it went. Returns its result
    (None when it refused).

    ``done``: what to say when it worked, or a function of the result that says it; None
    where the next page shows the outcome itself."""
    try:
        result = action(*args, **kwargs)
    except (ServiceError, ValidationError) as error:
        messages.error(request, message_of(error))
        return None
    if done is not None:
        messages.success(request, done(result) if callable(done) else done)
    return result


def errors_into(form, error: ServiceError | ValidationError) -> None:
    """A service's refusal as the form's errors: each on its field when the form has it."""
    if isinstance(error, ValidationError):
        for field, found in validation_fields(error).items():
            for message in found:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, str(error.message))


def submit(form, action, *args, **kwargs):
    """Run a service with a valid form's data; its refusals become the form's errors.
    Returns its result (None when it refused)."""
    try:
        return action(*args, **kwargs)
    except (ServiceError, ValidationError) as error:
        errors_into(form, error)
    return None
