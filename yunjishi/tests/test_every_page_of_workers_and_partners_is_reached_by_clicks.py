"""Every page of workers, providers, merchants, station managers and representatives is
reached by clicking, from the home page.

On the demo data (``seed_demo``), a visitor, workers, a provider, a merchant, the demo
station manager and a representative follow every link they are shown (to staff pages
too: a manager's own station is one), from the home page. Together they must reach every
page that is not a staff page (see ``crawl.py``), except the few that a QR code, a link
handed out, a typed search or a page's script opens (``NOT_BY_CLICKS``); and no link any
of them is shown may refuse them. (Unlike staff pages, many of these open for anyone
logged in and say there what does not apply to them, so "opens for them" is no test of
"meant for them" here.) Django's test client stands in for the browser (the same links,
read from the HTML); the staff test drives the browser.
"""

from io import StringIO
from pprint import pformat

from django.core.management import call_command
from django.test import Client

from yunjishi.demo.people import ADMIN, MERCHANTS, PROVIDERS, STATION_MANAGERS

from .crawl import actions, crawl, staff_url_names, url_names, with_client

BASE = "http://testserver"
# Opened by something other than a link on our pages.
NOT_BY_CLICKS = {
    "stations:checkin": "the station's QR code",
    "stations:activity_attend": "the activity's QR code at the station",
    "surveys:answer": "a survey's 一企一码 link or QR code",
    "surveys:answered": "the page after answering a survey",
    "notify:badge": "the header's unread count, refreshed by htmx",
    "stations:export": "the GeoJSON feed for other map apps",
    "health": "probes and benchmarks",
    "people:login": "where a page for logged-in people sends a visitor",
    "people:otp_verify": "where the login sends staff for their one-time code",
    "people:otp_enrol": "where the login sends staff who have no authenticator yet",
    "appeals:public_org": "found by typing a union's name into the public figures' search",
    "appeals:photo": "an appeal's photo, shown on its page (the demo appeals have none)",
}
PEOPLE = [
    None,  # a visitor
    "13800002001",  # a rider, member: orders and stations
    "13800002004",  # a driver who is not a member yet: joins
    "13800002005",  # a member of Guangzhou Petrochemical: appeals
    "13800002009",  # a representative: proposals
    PROVIDERS[0].phone,
    MERCHANTS[0].phone,
    STATION_MANAGERS[0].phone,  # their home links their station
]


def test_every_page_of_workers_and_partners_is_reached_by_clicks_from_home(
    db, django_capture_on_commit_callbacks
):
    from yunjishi.people.models import User

    with django_capture_on_commit_callbacks(execute=True):  # the demo's orders
        call_command("seed_demo", "--no-logins", stdout=StringIO())
    everything = Client()
    everything.force_login(User.objects.get(phone=ADMIN.phone))
    names = set(url_names()) - staff_url_names()
    pages = names - actions(names, everything) - set(NOT_BY_CLICKS)

    crawled = {}
    for phone in PEOPLE:
        client = Client()
        if phone is not None:
            client.force_login(User.objects.get(phone=phone))
        crawled[phone] = crawl(with_client(client), BASE, "/", set(url_names()))

    reached = set().union(*(found.names for found in crawled.values()))
    missing = sorted(pages - reached)
    assert missing == [], f"pages that no click reaches: {missing}"

    refused = {phone: found.refused for phone, found in crawled.items()}
    assert refused == dict.fromkeys(PEOPLE, []), pformat(refused)
