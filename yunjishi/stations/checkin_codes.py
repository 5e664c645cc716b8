"""Check-in codes that change, so that 服务人次 counts people who were at the station.

A code is ``<period>.<mac>``: the period it is good for and an HMAC (the site's secret key,
salted with the station's own secret ``checkin_token``) of the station and that period.
Nothing is stored per code; a photo of a code stops working when its period ends.

Two kinds, one per way a station shows it:

- ``w<window>``: the station's screen (``staff/<pk>/screen/``) shows the code of the current
  window of ``STATIONS_CHECKIN_CODE_MINUTES`` and reloads itself. The code of the window
  before is still taken, so a code scanned just before the change can still be used: a
  code shown is good for at least one whole window, at most two.
- ``d<yyyymmdd>``: a station without a screen puts up a printed code of the day, good only
  on that date in Beijing time. A printed code cannot change during the day; a rotating
  PIN on paper would need someone to read it out from a device, which is a screen after
  all. A day is the shortest period paper allows (and the visit rule still counts a person
  at most once an hour); the sheet holds a week of codes, one card a day, so the station
  prints once a week and puts up each morning that day's card.

Codes are checked against the moment of the check-in (``at``), so tests move the clock.
"""

import base64
import datetime as dt
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from yunjishi.core.errors import NotAllowed

from .models import Station

SALT = "yunjishi.stations.checkin-code"
MAC_CHARS = 16  # 12 bytes of HMAC-SHA256, URL-safe: not guessable in the time a code lives
PRINT_DAYS = 7  # the printed sheet: today and the six days after
_CODE = re.compile(rf"^([wd])(\d{{1,12}})\.([A-Za-z0-9_-]{{{MAC_CHARS}}})$")


def window_seconds() -> int:
    return settings.STATIONS_CHECKIN_CODE_MINUTES * 60


def window_of(moment: dt.datetime) -> int:
    return int(moment.timestamp()) // window_seconds()


def _mac(station: Station, period: str) -> str:
    digest = salted_hmac(
        SALT, f"{station.pk}:{station.checkin_token}:{period}", algorithm="sha256"
    ).digest()
    return base64.urlsafe_b64encode(digest[: MAC_CHARS * 3 // 4]).decode()


def screen_code(station: Station, at: dt.datetime | None = None) -> str:
    """The code the station's screen shows at ``at`` (default now)."""
    period = f"w{window_of(at or timezone.now())}"
    return f"{period}.{_mac(station, period)}"


def screen_code_until(at: dt.datetime | None = None) -> dt.datetime:
    """When the code shown at ``at`` stops being taken: the end of the window after it."""
    window = window_of(at or timezone.now())
    return dt.datetime.fromtimestamp((window + 2) * window_seconds(), tz=dt.UTC)


def day_code(station: Station, day: dt.date) -> str:
    """The printed code for ``day`` (a date in Beijing time)."""
    period = f"d{day:%Y%m%d}"
    return f"{period}.{_mac(station, period)}"


def print_days(today: dt.date | None = None) -> list[dt.date]:
    today = today or timezone.localdate()
    return [today + dt.timedelta(days=n) for n in range(PRINT_DAYS)]


@dataclass(frozen=True)
class Verdict:
    ok: bool
    expired: bool = False


def judge(station: Station, code: str, at: dt.datetime) -> Verdict:
    """Whether ``code`` lets someone check in at ``station`` at ``at``."""
    if code and hmac.compare_digest(code.encode(), station.checkin_token.encode()):
        return Verdict(ok=False, expired=True)  # the fixed code printed before codes changed
    found = _CODE.match(code or "")
    if found is None:
        return Verdict(ok=False)
    kind, number, mac = found.groups()
    period = f"{kind}{number}"
    if not hmac.compare_digest(mac.encode(), _mac(station, period).encode()):
        return Verdict(ok=False)
    if kind == "w":
        now = window_of(at)
        good, past = int(number) in (now, now - 1), int(number) < now - 1
    else:
        today = int(f"{timezone.localdate(at):%Y%m%d}")
        good, past = int(number) == today, int(number) < today
    return Verdict(ok=good, expired=past)


def check(station: Station, code: str, at: dt.datetime) -> None:
    """Refuse a code that is not the station's current one, saying why."""
    verdict = judge(station, code, at)
    if verdict.ok:
        return
    if verdict.expired:
        raise NotAllowed(
            _("This code has expired; scan the latest QR code at the station."), code="expired"
        )
    raise NotAllowed(_("This code is not valid; scan the code at the station."))
