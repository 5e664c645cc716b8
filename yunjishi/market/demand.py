"""The market's demand side: 精准匹配 of the demand classification list (需求分类清单, built
by ``surveys`` from its surveys' answers) to live listings and providers, and the list with
its matching as an Excel workbook.

Each demand row (``surveys.services.survey_classification`` / ``org_classification``) is a
service domain (``is_domain``) or a free name of a need; a row with no live listing is a
gap, shown with the providers who say they could serve it.
"""

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from yunjishi.core import spreadsheet
from yunjishi.people.models import ProviderProfile

from . import search
from .models import Listing

LISTINGS_PER_CATEGORY = 10
# A province has thousands of providers: a gap names the first ones, read in the database.
CANDIDATES_PER_CATEGORY = 20


def _matching_listings(row: dict) -> list[Listing]:
    live = Listing.objects.live().select_related("provider")
    if row["is_domain"]:
        return list(live.filter(domain=row["category"])[:LISTINGS_PER_CATEGORY])
    if not search.terms(row["label"]):
        return []
    return list(search.search(live, row["label"]))[:LISTINGS_PER_CATEGORY]


def _could_serve(row: dict) -> Q:
    """Providers who say they could serve the row: its domain among their service domains,
    or, for a free name, the name in their skills."""
    if not row["is_domain"]:
        return Q(skills__contains=row["label"])
    if connection.features.supports_json_field_contains:  # PostgreSQL: jsonb @> ["health"]
        return Q(service_domains__contains=[row["category"]])
    # SQLite keeps the list as JSON text; domain values are plain words, so the quoted
    # value is found only as a whole element.
    return Q(service_domains__icontains=f'"{row["category"]}"')


def candidates(row: dict) -> list[ProviderProfile]:
    """The first active providers who could serve a demand row, by name; one query."""
    return list(
        ProviderProfile.objects.filter(_could_serve(row), is_active=True)
        .only("id", "user_id", "name", "title")
        .order_by("name", "pk")[:CANDIDATES_PER_CATEGORY]
    )


def matching(rows: list[dict]) -> list[dict]:
    """精准匹配: each demand row with the live listings and providers that meet it; a row with
    no live listing is a gap, shown with the providers who say they could serve it."""
    matched = []
    for row in rows:
        found = _matching_listings(row)
        row = {
            **row,
            "listings": found,
            "providers": list(
                {listing.provider_id: listing.provider for listing in found}.values()
            ),
            "gap": not found,
            "candidates": [],
        }
        if row["gap"]:
            row["candidates"] = candidates(row)
        matched.append(row)
    return matched


def classification_xlsx(rows: list[dict], title: str) -> bytes:
    """The classification list with its matching, as an Excel workbook. The labels are
    what survey answerers typed: cells go through ``core.spreadsheet``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = spreadsheet.clean(_("Demand list"))[:31]
    spreadsheet.append(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=13)
    spreadsheet.append(
        sheet,
        [
            _("Category"),
            _("Answers"),
            _("Respondents"),
            _("Enterprises"),
            _("Matching live listings"),
            _("Gap"),
        ],
    )
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in matching(rows):
        spreadsheet.append(
            sheet,
            [
                row["label"],
                row["count"],
                row["respondents"],
                "、".join(f"{org['name']} ({org['count']})" for org in row["orgs"]),
                "、".join(listing.title for listing in row["listings"]),
                _("Yes") if row["gap"] else "",
            ],
        )
    for column, width in zip("ABCDEF", (18, 10, 10, 50, 50, 8), strict=True):
        sheet.column_dimensions[column].width = width
    return spreadsheet.xlsx_bytes(book)
