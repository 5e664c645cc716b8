"""Check-in counts (服务人次) per station and per union, over a period."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count

from yunjishi.orgs.models import Org

from .models import CheckIn, Station


def station_counts(stations, since: dt.datetime, until: dt.datetime) -> dict[int, int]:
    """Visits per station id, for the stations of a queryset."""
    return dict(
        CheckIn.objects.filter(station__in=stations, at__gte=since, at__lt=until)
        .values_list("station_id")
        .annotate(n=Count("id"))
        .values_list("station_id", "n")
    )


@dataclass(frozen=True)
class OrgCount:
    org: Org
    stations: int
    visits: int


def org_counts(org: Org, since: dt.datetime, until: dt.datetime) -> list[OrgCount]:
    """For ``org`` and each union directly under it: stations and visits in its subtree."""
    subtree = Org.objects.subtree(org)
    paths = dict(subtree.values_list("pk", "path"))
    visits_by_org = dict(
        CheckIn.objects.filter(station__org__in=subtree, at__gte=since, at__lt=until)
        .values_list("station__org_id")
        .annotate(n=Count("id"))
        .values_list("station__org_id", "n")
    )
    stations_by_org = dict(
        Station.objects.filter(org__in=subtree)
        .values_list("org_id")
        .annotate(n=Count("id"))
        .values_list("org_id", "n")
    )
    rows = [org, *Org.objects.get_children(org)]
    result = []
    for row in rows:

        def inside(org_id: int, row=row) -> bool:
            return paths.get(org_id, "").startswith(row.path)

        result.append(
            OrgCount(
                row,
                sum(n for pk, n in stations_by_org.items() if inside(pk)),
                sum(n for pk, n in visits_by_org.items() if inside(pk)),
            )
        )
    return result
