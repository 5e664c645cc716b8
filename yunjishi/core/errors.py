"""Errors raised by services and turned into one shape by the API:
``{"code": str, "message": str, "fields": {field: [messages]}}``.
"""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    """A rule refused the request. ``status`` is the HTTP status the API answers with."""

    status = 400
    code = "invalid"
    # How a page says it, when the API's words do not fit a person at a form (None: the same).
    page_message: str | Promise | None = None

    def __init__(
        self,
        message,
        *,
        code: str | None = None,
        fields: dict | None = None,
        status: int | None = None,
    ):
        super().__init__(str(message))
        self.message = message
        self.fields = fields or {}
        if code:
            self.code = code
        if status:
            self.status = status


class Conflict(ServiceError):
    """The request clashes with the current state (already done, full, changed meanwhile)."""

    status = 409
    code = "conflict"


class NotAllowed(ServiceError):
    status = 403
    code = "forbidden"

    def __init__(self, message=None, **kwargs):
        super().__init__(message or _("You may not do this."), **kwargs)


def validation_fields(error: ValidationError) -> dict[str, list[str]]:
    """Django's ValidationError as ``{field: [messages]}``; errors without a field under ``__all__``."""
    if hasattr(error, "error_dict"):
        return {
            field: [str(m) for e in errors for m in e.messages]
            for field, errors in error.error_dict.items()
        }
    return {"__all__": [str(m) for m in error.messages]}


def first_message(error: ValidationError) -> str:
    fields = validation_fields(error)
    for messages in fields.values():
        if messages:
            return messages[0]
    return str(_("The data is not valid."))


def error_response(status: int, code: str, message, fields: dict | None = None) -> JsonResponse:
    """The API's one error shape, for answers given outside a handler too (a lockout, an
    unknown path): ``{"code", "message", "fields"}``."""
    return JsonResponse(
        {"code": code, "message": str(message), "fields": fields or {}}, status=status
    )
