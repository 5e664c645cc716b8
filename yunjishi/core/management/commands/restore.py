"""``manage.py restore <archive>``: put a backup back into a new database (see
``yunjishi.core.backups`` and README, "Backups")."""

from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.translation import gettext as _

from yunjishi.core import backups


class Command(BaseCommand):
    help = (
        "Restore a backup of manage.py backup into a new database (refuses one that holds "
        "tables unless --force) and the media folder, and check every table's rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a .tar.gz written by manage.py backup")
        parser.add_argument(
            "--into",
            metavar="DATABASE_URL",
            help="the database to restore into, as DATABASE_URL (sqlite:////path/db.sqlite3, "
            "postgres://user@host/name; created if missing); default: the configured one",
        )
        parser.add_argument("--media-root", help="where the media files go; default: MEDIA_ROOT")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that holds tables"
        )

    def handle(self, *args, **options):
        db: dict
        if options["into"]:
            db = dict(dj_database_url.parse(options["into"]))
        else:
            db = dict(connections["default"].settings_dict)
            connections.close_all()  # nothing of ours holds the database while it is replaced
        done = backups.restore(
            Path(options["archive"]),
            db=db,
            media_root=Path(options["media_root"] or settings.MEDIA_ROOT),
            force=options["force"],
        )
        self.stdout.write(
            _(
                "Restored %(rows)d rows in %(tables)d tables and %(files)d media files; every table has the rows of the backup."
            )
            % {"rows": done.rows, "tables": len(done.tables), "files": done.media_files}
        )
