"""``manage.py backup <path>``: the database and the media files in one .tar.gz (see
``yunjishi.core.backups`` and README, "Backups")."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.translation import gettext as _

from yunjishi.core import backups


class Command(BaseCommand):
    help = "Back up the database and the media files into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="the archive to write, or a directory to write yunjishi-<time>.tar.gz in"
        )

    def handle(self, *args, **options):
        done = backups.backup(
            Path(options["path"]),
            db=connections["default"].settings_dict,
            media_root=Path(settings.MEDIA_ROOT),
        )
        self.stdout.write(
            _("Backed up %(rows)d rows in %(tables)d tables and %(files)d media files to %(path)s.")
            % {
                "rows": done.rows,
                "tables": len(done.tables),
                "files": done.media_files,
                "path": done.path,
            }
        )
