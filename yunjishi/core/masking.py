"""Masking of personal data (PIPL): what may be shown of a phone or ID number."""

import re


def mask_phone(phone: str | None) -> str:
    """'13812341234' -> '138****1234'. Anything that is not 11 digits is masked whole."""
    if not phone:
        return ""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) != 11:
        return "*" * len(phone)
    return f"{digits[:3]}****{digits[7:]}"


def mask_id_last4(last4: str | None) -> str:
    """An ID number of which only the last four characters are kept."""
    if not last4:
        return ""
    return "*" * 14 + last4


def mask_name(name: str | None) -> str:
    """'张三丰' -> '张**': enough for a worker to recognise themself, not for a stranger."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)


# Mainland mobile numbers (optionally +86, optionally grouped 3-4-4 by spaces or dashes as
# people type them) and 18-character resident ID numbers, where they stand alone (not inside
# a longer run of digits such as a timestamp or a hash).
_PHONE_RE = re.compile(r"(?<![\dA-Za-z])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")
_ID_RE = re.compile(r"(?<![\dA-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![\dA-Za-z])")


def mask_text(text: str) -> str:
    """Mask every phone and ID number found in free text (log lines, exports)."""
    text = _ID_RE.sub(lambda m: "*" * 14 + m.group(3)[-4:], text)
    return _PHONE_RE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
