"""Validation of mainland phone numbers, resident ID numbers and list paging."""

from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError


def normalize_phone(value: str) -> str:
    """Return the 11-digit mainland mobile number, or raise ValidationError."""
    raw = (value or "").strip().replace(" ", "").replace("-", "")
    if not raw:
        raise ValidationError(_("Enter a mobile phone number."), code="required")
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("Enter a valid mainland mobile number of 11 digits, such as 13812345678."),
            code="invalid_phone",
        ) from None
    kind = phonenumbers.number_type(number)
    if (
        number.country_code != 86
        or not phonenumbers.is_valid_number(number)
        or kind
        not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )
    ):
        raise ValidationError(
            _("Enter a valid mainland mobile number of 11 digits, such as 13812345678."),
            code="invalid_phone",
        )
    return str(number.national_number)


def validate_phone(value: str) -> None:
    normalize_phone(value)


def normalize_id_number(value: str) -> str:
    """Return the 18-character resident ID number in upper case, or raise ValidationError."""
    raw = (value or "").strip().upper()
    try:
        return ric.validate(raw)
    except StdnumError:
        raise ValidationError(
            _("The ID number is not valid: check the 18 characters and the last check digit."),
            code="invalid_id_number",
        ) from None


# Paging. A database refuses an OFFSET or LIMIT past 2**63 (a server error, not a clear
# answer), so an offset is bounded far below that and a limit is capped by each list.
MAX_OFFSET = 1_000_000_000


# A row id that reaches a lookup Django does not guard against overflow (``pk__in``, a foreign
# key's ``user_id=``): SQLite refuses an integer past 2**63 - 1 there (a server error).
MAX_ROW_ID = 2**63 - 1


class Paging(LimitOffsetPagination):
    """ninja's limit/offset paging with a bounded offset and a limit capped at ``max_limit``."""

    class Input(Schema):
        limit: int = Field(100, ge=1)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, max_limit: int = 500, **kwargs: Any) -> None:
        super().__init__(max_limit=max_limit, **kwargs)
