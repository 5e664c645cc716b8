"""Surveys on the staff home: the questionnaires, their 一企一码 links and the demand list
(the market's matching is linked from the survey pages). Workers reach a survey by its
enterprise's link or QR code, not from the home."""

from django.utils.translation import gettext_lazy as _

from yunjishi.core.home import STAFF, Entry

worker_entries: list[Entry] = []

staff_entries = [
    Entry(
        title=_("Demand surveys"),
        text=_("Surveys, demand list and matching"),
        url="surveys:staff_surveys",
        roles=STAFF,
        order=23,
    ),
]
