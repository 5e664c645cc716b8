"""The JSON API under /api/: one NinjaAPI, one error shape, session or token auth."""

import functools
import logging

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.middleware.common import CommonMiddleware
from django.urls import Resolver404, re_path, resolve
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from yunjishi.core.errors import ServiceError, error_response, first_message, validation_fields
from yunjishi.core.fields import MESSAGES as BOUNDARY_MESSAGES
from yunjishi.people.auth import SessionUserAuth, TokenAuth

security_log = logging.getLogger("django.security")


class YunjishiAPI(NinjaAPI):
    """NinjaAPI whose answers outside the handlers keep the error shape too: a method a path
    does not take (ninja answers plain text) and a path nobody serves (Django's HTML page)."""

    def _get_urls(self):
        urls = super()._get_urls()
        for pattern in urls:
            pattern.callback = _shaped_not_allowed(pattern.callback)
        return [*urls, re_path(r"^", _unknown_path)]


def _shaped_not_allowed(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        shaped = error_response(405, "method_not_allowed", _("This method is not allowed here."))
        shaped["Allow"] = response["Allow"]
        return shaped

    return wrapper


@csrf_exempt
def _unknown_path(request):
    # Catching every path would stop CommonMiddleware's APPEND_SLASH redirect: do it here.
    if settings.APPEND_SLASH and not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not _unknown_path:
            middleware = CommonMiddleware(lambda request: None)
            return middleware.response_redirect_class(middleware.get_full_path_with_slash(request))
    return error_response(404, "not_found", _("Not found, or not visible to you."))


class ObjectBodyParser(Parser):
    """Every JSON body the API takes is an object; anything else is refused as unreadable
    (400). ninja's schemas read their fields with getattr from whatever they are given, so
    ``null`` and ``[null]`` passed as bodies of defaults (``null`` marked the whole inbox
    read) and ``"AAA"`` as a survey titled "Aaa" (``str.title``). An optional body is
    left out, not sent as ``null``."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValueError("a JSON body must be an object")
        return data


api = YunjishiAPI(
    title="云集市 API",
    version="1",
    description="Yunjishi platform API. Errors: {code, message, fields}.",
    # Bearer token first: it answers None without an Authorization header, so pages fall
    # through to the session (with its CSRF check); a client's token POST never meets CSRF.
    auth=[TokenAuth(), SessionUserAuth()],
    urls_namespace="api",
    docs_url="/docs",
    parser=ObjectBodyParser(),
)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc: NinjaValidationError):
    fields: dict[str, list[str]] = {}
    for item in exc.errors:
        location = [
            str(part)
            for part in item.get("loc", [])
            if part not in ("body", "query", "path", "header", "payload", "form")
        ]
        fields.setdefault(".".join(location) or "__all__", []).append(_schema_message(item))
    return error_response(
        422, "validation_error", _("Some fields are missing or not valid."), fields
    )


def _schema_message(item: dict) -> str:
    kind = item.get("type", "")
    if kind in BOUNDARY_MESSAGES:
        return str(BOUNDARY_MESSAGES[kind])
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("int") or kind.startswith("float"):
        return _("Enter a number.")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return _("Enter a number within the allowed range.")
    if kind.startswith("string"):
        return _("Enter text of the right length.")
    if kind.startswith("bool"):
        return _("Enter true or false.")
    if kind in (
        "date_from_datetime_parsing",
        "date_parsing",
        "datetime_parsing",
        "datetime_from_date_parsing",
    ):
        return _("Enter a valid date.")
    if kind in ("enum", "literal_error"):
        return _("Choose one of the allowed values.")
    return _("This value is not valid.")


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    return error_response(422, "validation_error", first_message(exc), validation_fields(exc))


@api.exception_handler(ServiceError)
def on_service_error(request, exc: ServiceError):
    return error_response(exc.status, exc.code, exc.message, exc.fields)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return error_response(401, "unauthenticated", _("Please log in first."))


@api.exception_handler(PermissionDenied)
def on_forbidden(request, exc):
    return error_response(403, "forbidden", _("You may not do this."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(404, "not_found", _("Not found, or not visible to you."))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    codes = {
        400: "bad_request",
        401: "unauthenticated",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        409: "conflict",
    }
    return error_response(
        exc.status_code, codes.get(exc.status_code, "error"), _own_words(str(exc))
    )


def _own_words(message: str) -> str:
    """ninja raises a few HttpErrors of its own, in English: say them as we do."""
    if message.startswith("Cannot parse request body"):
        return _("The request body could not be read: send JSON.")
    if message == "CSRF check Failed":
        return _("The security check (CSRF) failed; reload the page.")
    return message


@api.exception_handler(RequestDataTooBig)
def on_too_big(request, exc):
    security_log.warning("%s", exc)
    return error_response(413, "too_large", _("The request is too large."))


@api.exception_handler(SuspiciousOperation)
@api.exception_handler(MultiPartParserError)
def on_unreadable(request, exc):
    """A body Django will not parse (read by a handler, or by a login signal on request.POST)."""
    if isinstance(exc, SuspiciousOperation):
        security_log.warning("%s", exc)
    return error_response(400, "bad_request", _("The request body could not be read: send JSON."))


def _register_routers() -> None:
    from yunjishi.appeals.api import router as appeals_router
    from yunjishi.market.api import router as market_router
    from yunjishi.market.api_demand import router as demand_router
    from yunjishi.membership.api import router as membership_router
    from yunjishi.notify.api import router as notify_router
    from yunjishi.orgs.api import router as orgs_router
    from yunjishi.people.api import router as people_router
    from yunjishi.people.members_api import router as members_router
    from yunjishi.proposals.api import router as proposals_router
    from yunjishi.stations.api import router as stations_router
    from yunjishi.surveys.api import legacy_router as surveys_legacy_router
    from yunjishi.surveys.api import router as surveys_router

    api.add_router("/auth", people_router)
    api.add_router("/orgs", orgs_router)
    api.add_router("/members", members_router)
    api.add_router("/inbox", notify_router)
    api.add_router("/membership", membership_router)
    api.add_router("/market", market_router)
    api.add_router("/market/demand", demand_router)
    api.add_router("/market/demand", surveys_legacy_router)  # surveys' address before their app
    api.add_router("/stations", stations_router)
    api.add_router("/appeals", appeals_router)
    api.add_router("/proposals", proposals_router)
    api.add_router("/surveys", surveys_router)


_register_routers()
