"""Stations on the homes: finding a station, a station manager's own station, and the
staff's stations; the count is today's activities, whose attendance code someone shows."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yunjishi.core.home import ANYONE, STAFF, STATION_MANAGER, Entry, end_of_today

from .models import Activity, Station


def my_station_url(user) -> str:
    """A manager's station when they run one, else the list of theirs."""
    pks = list(Station.objects.filter(manager__user=user).values_list("pk", flat=True)[:2])
    if len(pks) == 1:
        return reverse("stations:staff_detail", args=[pks[0]])
    return reverse("stations:staff_list")


def activities_today(user) -> int:
    """Activities still to come or under way today at the stations ``user`` sees as staff
    or runs as manager: each needs its attendance code shown (一键参与)."""
    return (
        Activity.objects.visible_to(user)
        .filter(is_cancelled=False, starts_at__lt=end_of_today(), ends_at__gte=timezone.now())
        .count()
    )


worker_entries = [
    Entry(
        title=_("Stations"),
        text=_("Find the nearest open station"),
        url="stations:home",
        roles={ANYONE},
        order=20,
    ),
    Entry(
        title=_("My station"),
        text=_("Hours, services and activities of the station I run"),
        url=my_station_url,
        roles={STATION_MANAGER},
        count=activities_today,
        count_text=_("%(count)d activities today"),
        order=21,
    ),
]

staff_entries = [
    Entry(
        title=_("Stations"),
        text=_("Stations, six standards, evaluation and visits"),
        url="stations:staff_list",
        roles=STAFF,
        count=activities_today,
        count_text=_("%(count)d activities today"),
        order=40,
    ),
]
