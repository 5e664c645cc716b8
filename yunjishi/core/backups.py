"""Backups that restore: one archive (.tar.gz) with the database and the media files.

``manage.py backup <path>`` writes it, ``manage.py restore <archive>`` puts it back into a
new database (see README, "Backups"). Inside the archive (format 1):

    manifest.json   the engine, when, the row count of every table, the media files
    db.sqlite3      SQLite: a copy by SQLite's online backup API
    db.pgdump       PostgreSQL: ``pg_dump --format=custom``
    media/...       MEDIA_ROOT (appeal photos, ...)

Both copies are consistent while the app writes: SQLite's backup API copies one snapshot
(it starts again if a write slips in between its steps), and pg_dump reads the snapshot
of a transaction that also counts the rows, so the manifest's counts are those of the
dump. The database is copied before the media files: a photo is stored before the row
that names it commits, so every photo a copied row names is on disk when the files are
read. A restore checks the restored tables against the manifest's counts.

The archive holds personal data: it is written readable by its owner only (0600).
Secrets (SECRET_KEY, PII_HASH_KEY) are not in it; keep them in the secrets store.
"""

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "db.sqlite3"
PG_FILE = "db.pgdump"
MEDIA = "media"
# libpq settings that Django's OPTIONS may carry and the client tools read from the env.
PG_OPTION_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


@dataclass(frozen=True)
class Done:
    path: Path
    tables: dict[str, int]
    media_files: int

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def engine_of(db: dict) -> str:
    """``sqlite`` or ``postgresql``, from a Django DATABASES entry."""
    engine = str(db.get("ENGINE", ""))
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise CommandError(
        _("Backups support SQLite and PostgreSQL, not %(engine)s.") % {"engine": engine}
    )


# --- Backing up -------------------------------------------------------------------------


def backup(path: Path, *, db: dict, media_root: Path) -> Done:
    """Write the archive to ``path`` (or, for a directory, to a file named by the time
    inside it). It appears only when complete: written beside, then renamed."""
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    target = path / f"yunjishi-{stamp}.tar.gz" if path.is_dir() else path
    if not target.parent.is_dir():
        raise CommandError(_("No such directory: %(path)s") % {"path": target.parent})
    engine = engine_of(db)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".yunjishi-backup-") as work:
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "engine": engine,
            "created_at": timezone.now().isoformat(),
        }
        if engine == "sqlite":
            db_file = Path(work) / SQLITE_FILE
            _copy_sqlite(_sqlite_path(db, must_exist=True), db_file)
            manifest["tables"] = _sqlite_counts(db_file)
        else:
            db_file = Path(work) / PG_FILE
            manifest["tables"], manifest["pg_dump_major"] = _dump_postgres(db, db_file)
        media = _media_files(media_root)
        manifest["media_files"] = len(media)
        partial = target.with_name(target.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
                tar.add(db_file, arcname=db_file.name)
                for file in media:
                    tar.add(file, arcname=f"{MEDIA}/{file.relative_to(media_root).as_posix()}")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return Done(target, manifest["tables"], len(media))


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
    tar.addfile(info, fileobj=io.BytesIO(data))


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())


# --- SQLite ------------------------------------------------------------------------------


def _sqlite_path(db: dict, *, must_exist: bool) -> Path:
    path = Path(str(db["NAME"]))
    if str(db["NAME"]) == ":memory:" or (must_exist and not path.is_file()):
        raise CommandError(_("No SQLite database file at %(path)s.") % {"path": db["NAME"]})
    return path


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup API: one consistent copy while others write. The copy is
    left in rollback-journal mode, one self-contained file."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return sorted(name for (name,) in rows)


def _sqlite_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            for table in _sqlite_tables(conn)
        }
    finally:
        conn.close()


# --- PostgreSQL --------------------------------------------------------------------------


def client_tool(name: str) -> tuple[str, int]:
    """The path and major version of a PostgreSQL client tool (pg_dump, pg_restore)."""
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            _(
                "%(tool)s is not installed: install the PostgreSQL client of the server's "
                "version (Debian: postgresql-client-15)."
            )
            % {"tool": name}
        )
    found = re.search(
        r"(\d+)\.\d+",
        subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout,
    )
    if found is None:
        raise CommandError(_("Cannot read the version of %(tool)s.") % {"tool": path})
    return path, int(found.group(1))


def _pg_params(db: dict, dbname: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"dbname": dbname or db["NAME"]}
    for key, name in (
        ("USER", "user"),
        ("PASSWORD", "password"),
        ("HOST", "host"),
        ("PORT", "port"),
    ):
        if db.get(key):
            params[name] = db[key]
    options = db.get("OPTIONS") or {}
    params.update({k: options[k] for k in PG_OPTION_ENV if k in options})
    return params


def _pg_env(db: dict) -> dict[str, str]:
    """The client tools' connection settings, in the environment (never the password on a
    command line, where ``ps`` shows it)."""
    env = dict(os.environ)
    for key, name in (
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if db.get(key):
            env[name] = str(db[key])
    options = db.get("OPTIONS") or {}
    env.update({name: str(options[key]) for key, name in PG_OPTION_ENV.items() if key in options})
    return env


def _pg_connect(db: dict, dbname: str | None = None):
    import psycopg

    return psycopg.connect(**_pg_params(db, dbname), autocommit=True)


def _pg_counts(conn) -> dict[str, int]:
    tables = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    ).fetchall()
    from psycopg import sql

    return {
        name: conn.execute(
            sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(name))
        ).fetchone()[0]
        for (name,) in tables
    }


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise CommandError(
            _("%(tool)s failed: %(error)s")
            % {"tool": Path(command[0]).name, "error": done.stderr.strip()[-2000:]}
        )


def _dump_postgres(db: dict, target: Path) -> tuple[dict[str, int], int]:
    """pg_dump of the snapshot of a transaction that also counts the rows."""
    pg_dump, major = client_tool("pg_dump")
    with _pg_connect(db) as conn:
        server = conn.info.server_version // 10000
        if major < server:
            raise CommandError(
                _(
                    "pg_dump %(tool)s cannot dump a PostgreSQL %(server)s server: install postgresql-client-%(server)s."
                )
                % {"tool": major, "server": server}
            )
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        _run(
            [
                pg_dump,
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={db['NAME']}",
            ],
            _pg_env(db),
        )
        counts = _pg_counts(conn)
        conn.execute("COMMIT")
    return counts, major


# --- Restoring ---------------------------------------------------------------------------


def restore(archive: Path, *, db: dict, media_root: Path, force: bool = False) -> Done:
    """Put an archive back into ``db`` (a new database: created on PostgreSQL when it does
    not exist) and ``media_root``. A database that holds tables, or a media folder that
    holds files, is refused unless ``force``; the restored rows are counted against the
    manifest."""
    if not archive.is_file():
        raise CommandError(_("No such file: %(path)s") % {"path": archive})
    engine = engine_of(db)
    with tarfile.open(archive, "r:gz") as tar, tempfile.TemporaryDirectory() as work:
        manifest = _manifest(tar)
        if manifest["engine"] != engine:
            raise CommandError(
                _(
                    "This backup is of a %(backup)s database; it restores only into %(backup)s, not %(target)s."
                )
                % {"backup": manifest["engine"], "target": engine}
            )
        _check_empty(engine, db, media_root, force)
        db_name = SQLITE_FILE if engine == "sqlite" else PG_FILE
        tar.extract(db_name, path=work, filter="data")
        media = [m for m in tar.getmembers() if m.isfile() and m.name.startswith(f"{MEDIA}/")]
        tar.extractall(path=work, members=media, filter="data")
        if engine == "sqlite":
            target = _sqlite_path(db, must_exist=False)
            target.parent.mkdir(parents=True, exist_ok=True)
            _copy_sqlite(Path(work) / db_name, target)
            counts = _sqlite_counts(target)
        else:
            counts = _restore_postgres(db, Path(work) / db_name, manifest, force)
        if (Path(work) / MEDIA).is_dir():
            shutil.copytree(Path(work) / MEDIA, media_root, dirs_exist_ok=True)
    missing = {t: n for t, n in manifest["tables"].items() if counts.get(t) != n}
    if missing:
        raise CommandError(
            _("The restored database differs from the backup in %(tables)s.")
            % {"tables": ", ".join(sorted(missing))}
        )
    return Done(archive, counts, len(media))


def _manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member is not None else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CommandError(_("This is not a backup written by manage.py backup."))
    return manifest


def _check_empty(engine: str, db: dict, media_root: Path, force: bool) -> None:
    if force:
        return
    if engine == "sqlite":
        path = _sqlite_path(db, must_exist=False)
        tables = 0
        if path.is_file():
            conn = sqlite3.connect(path)
            try:
                tables = len(_sqlite_tables(conn))
            finally:
                conn.close()
        where = str(path)
    else:
        tables = _pg_table_count(db)
        where = str(db["NAME"])
    if tables:
        raise CommandError(
            _(
                "The database %(db)s is not empty (%(n)d tables): restore into a new database, "
                "or give --force to replace what it holds."
            )
            % {"db": where, "n": tables}
        )
    if _media_files(media_root):
        raise CommandError(
            _(
                "The media folder %(path)s is not empty: restore into a new one, or give "
                "--force to write over it."
            )
            % {"path": media_root}
        )


def _pg_table_count(db: dict) -> int:
    """Tables in the target database; 0 if it does not exist yet."""
    with _pg_connect(db, "postgres") as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone()
    if not exists:
        return 0
    with _pg_connect(db) as conn:
        return conn.execute(
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchone()[0]


def _restore_postgres(db: dict, dump: Path, manifest: dict, force: bool) -> dict[str, int]:
    from psycopg import sql

    pg_restore, major = client_tool("pg_restore")
    if major < int(manifest.get("pg_dump_major", 0)):
        raise CommandError(
            _("pg_restore %(tool)s cannot read a dump of pg_dump %(dump)s.")
            % {"tool": major, "dump": manifest["pg_dump_major"]}
        )
    with _pg_connect(db, "postgres") as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
        ).fetchone():
            conn.execute(
                sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(
                    sql.Identifier(db["NAME"])
                )
            )
    command = [
        pg_restore,
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, f"--dbname={db['NAME']}", str(dump)], _pg_env(db))
    with _pg_connect(db) as conn:
        return _pg_counts(conn)
