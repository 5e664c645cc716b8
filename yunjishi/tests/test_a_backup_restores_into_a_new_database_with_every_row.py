"""The restore drill: rows in several apps and a photo, ``manage.py backup``, then
``manage.py restore`` into a new database (a new SQLite file; on PostgreSQL a new
database), and every row of every model table is there, the same, with the photo.

Runs on whichever database the suite runs on (SQLite, PostgreSQL): the rows must be
committed for pg_dump to see them, hence a transactional test.
"""

import hashlib
import os
import stat
import struct
import subprocess
import sys
import zlib
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.utils import load_backend

from yunjishi.appeals import services as appeals
from yunjishi.appeals.models import Appeal, Category, Photo
from yunjishi.core import backups
from yunjishi.market import listings, orders
from yunjishi.market.models import Order
from yunjishi.membership import services as membership
from yunjishi.membership.models import JoinApplication
from yunjishi.people.models import MemberProfile, Occupation, User
from yunjishi.proposals import services as proposals
from yunjishi.proposals.models import Proposal
from yunjishi.stations import checkin_codes
from yunjishi.stations import services as stations
from yunjishi.stations.models import CheckIn, District, Station

pytestmark = pytest.mark.django_db(transaction=True)

# The rows compared value by value, besides the counts of every table.
CHECKED = [User, MemberProfile, Appeal, Photo, Order, JoinApplication, Proposal, Station, CheckIn]


def png() -> bytes:
    """A real 1×1 PNG (any decoder reads it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xc8\x10\x2e")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def seeded(media, tree, worker, provider, admin_a, password):
    """Rows in stations, appeals (with a photo on disk), market, membership, proposals,
    people, orgs and notify, each written by its services."""
    district = District.objects.create(
        code="350203", name="思明区", city="厦门市", province="福建省", prefix="FJ-XM-SM",
        lat=24.4455, lon=118.0824,
    )  # fmt: skip
    stations.ensure_default_services()
    station = stations.create_station(
        None,
        tree.street_a,
        {
            "name": "测试驿站",
            "address": "厦门市思明区测试路1号",
            "lat": 24.45,
            "lon": 118.08,
            "weekly_hours": ["00:00-24:00"] * 7,
            "manager_name": "郑站长",
            "manager_phone": "13812345678",
            "services": ["热饭"],
        },
        district=district,
        status="running",
    )
    stations.check_in(worker, station, checkin_codes.screen_code(station))

    category = Category.objects.create(name="后勤保障", default_severity="minor")
    appeals.submit(
        worker,
        category=category,
        title="食堂饭菜太咸",
        text="最近一个月公司食堂的饭菜明显偏咸，希望改进。",
        photos=[SimpleUploadedFile("salt.png", png(), content_type="image/png")],
    )

    listing = listings.create_listing(
        provider,
        {
            "title": "免费健康检查",
            "description": "劳模医生为一线职工提供免费健康检查和用药咨询。",
            "domain": "health",
            "format": "offline",
            "place": "街道A职工服务中心",
        },
        places=5,
    )
    listings.submit(provider, listing)
    listings.approve(admin_a, listing)
    listings.publish_batch(admin_a, tree.street_a, "第一批", [listing])
    orders.place_order(worker, listing)

    newcomer = User.objects.create_user("13800000009", password, display_name="钱新人")
    MemberProfile.objects.create(user=newcomer, real_name="钱新人")
    cleaner = Occupation.objects.create(name="环卫工人")
    membership.apply(newcomer, real_name="钱新人", occupation=cleaner, area=tree.street_a)

    MemberProfile.objects.filter(user=worker).update(is_representative=True)
    proposals.submit_proposal(
        worker,
        title="关于加强对货车司机关心关爱的提案",
        text="建议在物流园区建设共享“司机之家”，解决货车司机休息、热饭难题。",
        category="living",
    )
    for model in CHECKED:
        assert model.objects.exists(), model


def model_tables() -> list[str]:
    return sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy
        }
    )


def counts(conn) -> dict[str, int]:
    with conn.cursor() as cursor:
        found = {}
        for table in model_tables():
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")
            found[table] = cursor.fetchone()[0]
        return found


def checksums(conn) -> dict[str, str]:
    found = {}
    with conn.cursor() as cursor:
        for model in CHECKED:
            table, pk = model._meta.db_table, model._meta.pk.column
            cursor.execute(f"SELECT * FROM {conn.ops.quote_name(table)} ORDER BY {pk}")
            found[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return found


def new_database(tmp_path: Path) -> tuple[str, dict]:
    """A URL for ``restore --into`` and the settings to open it with."""
    source = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        return f"sqlite:///{path}", {**source, "NAME": str(path)}
    name = f"{source['NAME']}_restored"
    drop_postgres(name)
    auth = quote(source["USER"], safe="")
    if source["PASSWORD"]:
        auth += ":" + quote(source["PASSWORD"], safe="")
    host = quote(source["HOST"] or "localhost", safe="")  # a socket directory too
    url = f"postgres://{auth}@{host}:{source['PORT'] or 5432}/{name}"
    return url, {**source, "NAME": name}


def drop_postgres(name: str) -> None:
    import psycopg
    from psycopg import sql

    source = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=source["USER"],
        password=source["PASSWORD"] or None,
        host=source["HOST"] or None,
        port=source["PORT"] or None,
        autocommit=True,
    ) as admin:
        statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        admin.execute(statement.format(sql.Identifier(name)))


def test_a_backup_restores_into_a_new_database_with_every_row_and_photo(seeded, media, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data

    url, restored_settings = new_database(tmp_path)
    restored_media = tmp_path / "restored-media"
    call_command(
        "restore", str(archive), into=url, media_root=str(restored_media), stdout=StringIO()
    )
    restored = load_backend(restored_settings["ENGINE"]).DatabaseWrapper(
        restored_settings, alias="restored"
    )
    try:
        assert counts(restored) == counts(connection)
        assert checksums(restored) == checksums(connection)
    finally:
        restored.close()
        if connection.vendor == "postgresql":
            drop_postgres(restored_settings["NAME"])

    photo = Photo.objects.get()
    with photo.file.open("rb") as stored:
        assert (restored_media / photo.file.name).read_bytes() == stored.read()


def test_the_restored_database_needs_no_migration(seeded, media, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    url, restored_settings = new_database(tmp_path)
    call_command(
        "restore", str(archive), into=url, media_root=str(tmp_path / "m"), stdout=StringIO()
    )
    try:
        env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": str(tmp_path / "data")}
        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=django_settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert check.returncode == 0, check.stdout + check.stderr
    finally:
        if connection.vendor == "postgresql":
            drop_postgres(restored_settings["NAME"])


def test_restore_refuses_a_database_that_holds_data(seeded, media, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    Appeal.objects.all().delete()  # a change after the backup, which a restore would undo
    before = counts(connection)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), media_root=str(tmp_path / "m"), stdout=StringIO())
    assert counts(connection) == before


def test_a_missing_postgresql_client_is_named(db, media, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump, no pg_restore on it
    with pytest.raises(CommandError, match="pg_restore"):
        backups.client_tool("pg_restore")
    if connection.vendor == "postgresql":
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("backup", str(tmp_path / "b.tar.gz"), stdout=StringIO())
        assert not list(tmp_path.glob("b.tar.gz*"))


def test_a_backup_taken_while_the_app_writes_is_consistent(db, media, tmp_path):
    """Rows are written all through the backup; the archive holds one moment: the
    restore finds, table by table, the counts the backup wrote down from that moment."""
    import json
    import tarfile
    import threading

    from django.db import connections

    stop, written = threading.Event(), []

    def write():
        try:
            while not stop.is_set():
                written.append(Occupation.objects.create(name=f"工种{len(written)}").pk)
        finally:
            connections.close_all()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 20:  # the writer is under way
            stop.wait(0.01)
        archive = tmp_path / "backup.tar.gz"
        call_command("backup", str(archive), stdout=StringIO())
    finally:
        stop.set()
        writer.join(60)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    in_backup = manifest["tables"][Occupation._meta.db_table]
    assert 20 <= in_backup <= len(written)

    url, restored_settings = new_database(tmp_path)
    try:
        call_command(
            "restore", str(archive), into=url, media_root=str(tmp_path / "m"), stdout=StringIO()
        )  # checks every table against the manifest
        restored = load_backend(restored_settings["ENGINE"]).DatabaseWrapper(
            restored_settings, alias="restored"
        )
        with restored.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {Occupation._meta.db_table} ORDER BY id")
            ids = [row[0] for row in cursor.fetchall()]
        restored.close()
        assert ids == sorted(written)[:in_backup]  # a prefix: no row missing in between
    finally:
        if connection.vendor == "postgresql":
            drop_postgres(restored_settings["NAME"])
