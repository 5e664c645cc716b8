"""Shared fixtures: a small union tree and named people, one for every access rule.

    全国总工会 (national)
    └─ 测试省总工会 (province)
       └─ 测试市总工会 (city)
          └─ 测试区总工会 (district, "county")
             ├─ 街道A总工会 (street_a) ─ A街道某公司工会 (enterprise_a)
             └─ 街道B总工会 (street_b) ─ B街道某公司工会 (enterprise_b)

worker: a member of enterprise_a.   other_worker: a member of enterprise_b.
handler_a / handler_b: handlers of street A / B (B must see nothing of A).
admin_a: org admin of street A.     supervisor: supervisor of the district.
provider, merchant: under street A. superuser: sees everything.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests

PASSWORD = "Gonghui#2024"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test starts with no rate-limit counters (the cache is local memory in tests)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def tree(db):
    from yunjishi.orgs.services import add_org

    national = add_org(None, code="T-ACFTU", name="全国总工会", level="national")
    province = add_org(
        national, code="T-P", name="测试省总工会", level="province", region_code="350000"
    )
    city = add_org(province, code="T-C", name="测试市总工会", level="city", region_code="350200")
    district = add_org(city, code="T-D", name="测试区总工会", level="county", region_code="350203")
    street_a = add_org(district, code="T-SA", name="街道A总工会", level="street")
    street_b = add_org(district, code="T-SB", name="街道B总工会", level="street")
    enterprise_a = add_org(
        street_a, code="T-EA", name="A街道某公司工会", level="grassroots", employer_name="甲公司"
    )
    enterprise_b = add_org(
        street_b, code="T-EB", name="B街道某公司工会", level="grassroots", employer_name="乙公司"
    )
    from yunjishi.orgs.models import Org

    names = dict(
        national=national,
        province=province,
        city=city,
        district=district,
        street_a=street_a,
        street_b=street_b,
        enterprise_a=enterprise_a,
        enterprise_b=enterprise_b,
    )
    # add_child may shift sibling paths; hand out fresh rows.
    return type("Tree", (), {k: Org.objects.get(pk=v.pk) for k, v in names.items()})


def _user(phone, name, **fields):
    from yunjishi.people.models import User

    return User.objects.create_user(phone, PASSWORD, display_name=name, **fields)


def _member(user, org, real_name):
    from yunjishi.people.models import MemberProfile

    return MemberProfile.objects.create(
        user=user,
        real_name=real_name,
        org=org,
        membership_status="member",
        membership_number=f"T{user.pk:08d}",
    )


@pytest.fixture
def worker(tree):
    user = _user("13800000001", "王职工", email="worker@example.com")
    _member(user, tree.enterprise_a, "王职工")
    return user


@pytest.fixture
def other_worker(tree):
    user = _user("13800000002", "赵职工")
    _member(user, tree.enterprise_b, "赵职工")
    return user


def _staff(phone, name, org, role):
    from yunjishi.people.services import assign_staff

    user = _user(phone, name, email=f"{phone}@example.com")
    assign_staff(user, org, role)
    return user


@pytest.fixture
def handler_a(tree):
    return _staff("13900000001", "甲办理员", tree.street_a, "handler")


@pytest.fixture
def handler_b(tree):
    return _staff("13900000002", "乙办理员", tree.street_b, "handler")


@pytest.fixture
def admin_a(tree):
    return _staff("13900000003", "甲管理员", tree.street_a, "org_admin")


@pytest.fixture
def supervisor(tree):
    return _staff("13900000004", "区督办员", tree.district, "supervisor")


@pytest.fixture
def provider(tree):
    from yunjishi.people.models import ProviderProfile

    user = _user("13700000001", "李劳模")
    ProviderProfile.objects.create(
        user=user,
        name="李劳模",
        title="provincial_model",
        org=tree.street_a,
        service_domains=["health"],
    )
    return user


@pytest.fixture
def merchant(tree):
    from yunjishi.people.models import MerchantProfile

    user = _user("13700000002", "好味餐馆")
    MerchantProfile.objects.create(user=user, business_name="好味餐馆", org=tree.street_a)
    return user


@pytest.fixture
def superuser(db):
    from yunjishi.people.models import User

    return User.objects.create_superuser("13600000000", PASSWORD, display_name="超级管理员")


@pytest.fixture
def client_for(client):
    """``client_for(user)``: a test client logged in as ``user``."""

    def login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


# --- Browser tests: headless Debian Chromium driven by Playwright ------------------------
# Playwright's own browser downloads are never used; `make test` installs Chromium.
CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; make test installs it")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-quic",
                # The machine's network is closed: no calls home at start-up.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_as(browser, live_server, password):
    """``open_as(user, **context_options)``: a page on a Chinese phone, logged in as
    ``user`` (``None``: not logged in). Options go to Playwright's ``new_context``
    (``geolocation=...``, ``permissions=[...]``)."""
    contexts = []

    def open_as(user, **options):
        context = browser.new_context(viewport=PHONE, locale="zh-CN", is_mobile=True, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if user is not None:
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("input[name=username]", user.phone)
            page.fill("input[name=password]", password)
            page.click("form button[type=submit]")
            page.wait_for_load_state()
        return page

    yield open_as
    for context in contexts:
        context.close()


@pytest.fixture
def shots():
    """Where browser tests leave their screenshots (``BROWSER_SCREENSHOTS``, else /tmp)."""
    return Path(os.environ.get("BROWSER_SCREENSHOTS", "/tmp"))


# --- E-mail through a real SMTP server (aiosmtpd on 127.0.0.1) --------------------------


class Mailbox:
    """What a local SMTP server (aiosmtpd) received."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"

    def to(self, address: str) -> list:
        return [e for e in self.envelopes if address in e.rcpt_tos]

    def subjects(self) -> list[str]:
        import email
        import email.policy

        return [
            email.message_from_bytes(e.content, policy=email.policy.default)["Subject"]
            for e in self.envelopes
        ]


@pytest.fixture
def smtp_server():
    """A local SMTP server for the test, with Django set to send to it; yields the
    ``Mailbox`` of what it received."""
    import socket

    from aiosmtpd.controller import Controller
    from django.test import override_settings

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            yield mailbox
    finally:
        controller.stop()
