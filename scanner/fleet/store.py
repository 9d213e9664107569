"""The history store: every stored scan of every watched site, in SQLite or PostgreSQL.

SQLite is the default (one file in the user's data folder, the same place the imported cookie
table goes), PostgreSQL is for a team (``--db postgresql://...``, driven by psycopg 3). Opening
a store applies the Alembic migrations up to head first, so a database written by an older
privacyscan is brought up to date and a new one is created; on PostgreSQL the upgrade holds an
advisory lock, so several workers opening one database at once migrate it once.

Storing is one transaction: a scan is there with all its rows or not at all. Alerts are sent
after the commit (scanner/fleet/alerts.py), so a failed alert never costs the history.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from scanner.errors import ScanFailed, UsageError
from scanner.fleet.models import (
    BannerRow,
    CookieRow,
    DeliveryRow,
    FindingRow,
    ScanRow,
    SiteRow,
    ThirdPartyRow,
)
from scanner.fleet.snapshot import Snapshot, from_report, severity_counts

#: PostgreSQL advisory lock key held while migrating ("prvcyscn" in ASCII, as a bigint).
_MIGRATION_LOCK = 0x70727663797363
TREND_LENGTH = 12


def data_dir() -> Path:
    """The user's data folder for privacyscan (as scanner/classify/imported.py uses)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "privacyscan"


def database_url(value: str | None) -> str:
    """``--db`` as an SQLAlchemy URL: a URL as given (``postgresql://`` means psycopg 3), a
    plain path as an SQLite file, nothing as ``$PRIVACYSCAN_DB`` or the default file."""
    value = value or os.environ.get("PRIVACYSCAN_DB") or str(data_dir() / "history.sqlite")
    if "://" not in value:
        path = Path(value).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path.resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


def parse_time(text: str | None) -> datetime | None:
    """A report's ``2026-11-24T21:00:00Z`` as an aware datetime."""
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def utc(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive: they were stored as UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def iso(moment: datetime | None) -> str | None:
    """A stored time as the report writes times."""
    value = utc(moment)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


@dataclass
class StoredScan:
    """A row of ``privacyscan history``."""

    id: int
    started_at: str | None
    verdict: str
    counts: dict[str, int]
    third_parties: int
    cookies: int
    tool_version: str
    report_json: str | None
    incomplete: bool


def migration_config(connection: object | None = None) -> Config:
    """Alembic's configuration for the packaged migrations, on ``connection``."""
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("scanner.fleet").joinpath("migrations"))
    )
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration shipped with this privacyscan."""
    head = ScriptDirectory.from_config(migration_config()).get_current_head()
    assert head is not None
    return head


class HistoryStore:
    """An open history database, migrated to head."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        try:
            self.engine = _engine(self.url)
            self.migrate()
        except (ArgumentError, NoSuchModuleError) as error:
            raise UsageError(f"--db: not a usable database URL ({error})") from None
        except OperationalError as error:
            reason = str(error.orig or error).strip().splitlines()[0]
            raise ScanFailed(f"cannot open the history database: {reason}") from None
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self, revision: str = "head") -> None:
        """Apply the migrations up to ``revision``, one migrator at a time: under an advisory
        lock on PostgreSQL, a lock file beside an SQLite database."""
        with _file_lock(self.engine), self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            command.upgrade(migration_config(connection), revision)

    def revision(self) -> str | None:
        """The revision the database is at."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on an error."""
        with self.sessions.begin() as session:
            yield session

    def add_scan(self, site_key: str, document: dict, report_json: Path | None = None) -> int:
        """Store one report.json under ``site_key`` (created on first use); the new scan's id."""
        snapshot = from_report(document)
        self._site(site_key, document["target"])
        started = parse_time(document["started_at"])
        with self.session() as session:
            site = session.scalars(select(SiteRow).where(SiteRow.key == site_key)).one()
            # Storing is idempotent: a worker that retries after a crash stores nothing twice.
            twin = session.scalars(
                select(ScanRow.id).where(
                    ScanRow.site_id == site.id,
                    ScanRow.target == document["target"],
                    ScanRow.started_at == started,
                )
            ).first()
            if twin is not None:
                raise UsageError(
                    f"this scan ({document['target']}, {document['started_at']}) is already "
                    f"stored for {site_key!r} as scan {twin}"
                )
            row = ScanRow(
                site=site,
                target=document["target"],
                started_at=started,
                finished_at=parse_time(document.get("finished_at")),
                stored_at=datetime.now(UTC),
                tool_version=str(document["tool"].get("version", "")),
                data_versions=document["tool"].get("data_versions") or {},
                verdict=snapshot.verdict,
                incomplete=bool(document.get("incomplete")),
                report_json=str(report_json.resolve()) if report_json else None,
                report_html=_beside(report_json, "report.html"),
                report_sha256=_sha256(report_json),
            )
            _add_children(row, snapshot)
            session.add(row)
            try:
                session.flush()
            except IntegrityError:  # a concurrent worker stored the same scan a moment ago
                raise UsageError(
                    f"this scan ({document['target']}, {document['started_at']}) is already "
                    f"stored for {site_key!r}"
                ) from None
            return row.id

    def _site(self, key: str, url: str) -> None:
        """Create the site row unless it exists; a concurrent worker may win the race."""
        with self.session() as session:
            if session.scalars(select(SiteRow.id).where(SiteRow.key == key)).first():
                return
        try:
            with self.session() as session:
                session.add(SiteRow(key=key, url=url, created_at=datetime.now(UTC)))
        except IntegrityError:
            pass  # another worker created it between our look and our insert

    def sites(self) -> list[str]:
        """Every site key, sorted."""
        with self.session() as session:
            return list(session.scalars(select(SiteRow.key).order_by(SiteRow.key)))

    def _scans(self, session: Session, site_key: str) -> list[ScanRow]:
        query = (
            select(ScanRow)
            .join(SiteRow)
            .where(SiteRow.key == site_key)
            .options(
                selectinload(ScanRow.findings),
                selectinload(ScanRow.third_parties),
                selectinload(ScanRow.cookies),
                selectinload(ScanRow.banner),
            )
            .order_by(ScanRow.started_at, ScanRow.id)
        )
        return list(session.scalars(query))

    def history(self, site_key: str) -> list[StoredScan]:
        """The site's stored scans, oldest first; UsageError for a site never stored."""
        with self.session() as session:
            rows = self._scans(session, site_key)
            if not rows:
                raise UsageError(f"no stored scans for site {site_key!r}{self._known()}")
            return [_summary(row) for row in rows]

    def _known(self) -> str:
        keys = self.sites()
        return f" (stored sites: {', '.join(keys[:10])})" if keys else " (the store is empty)"

    def snapshot(self, site_key: str, scan_id: int) -> tuple[StoredScan, Snapshot]:
        """One stored scan of the site and its comparable facts."""
        with self.session() as session:
            row = next((r for r in self._scans(session, site_key) if r.id == scan_id), None)
            if row is None:
                raise UsageError(f"site {site_key!r} has no stored scan {scan_id}")
            return _summary(row), _snapshot(row)

    def previous(self, site_key: str, scan_id: int) -> int | None:
        """The scan stored for the site just before ``scan_id`` (by scan time), if any."""
        ids = [scan.id for scan in self.history(site_key)]
        index = ids.index(scan_id)
        return ids[index - 1] if index > 0 else None

    def trend(self, site_key: str, scan_id: int, length: int = TREND_LENGTH) -> list[dict]:
        """Findings per severity and the verdict of the last ``length`` scans up to ``scan_id``."""
        scans = self.history(site_key)
        upto = [scan for scan in scans if scan.id == scan_id]
        scans = scans[: scans.index(upto[0]) + 1] if upto else scans
        return [
            {
                "scan_id": scan.id,
                "started_at": scan.started_at,
                "verdict": scan.verdict,
                "findings": scan.counts,
            }
            for scan in scans[-length:]
        ]

    def record_delivery(
        self, scan_id: int, channel: str, target: str, ok: bool, attempts: int, error: str | None
    ) -> None:
        """Log one alert delivery (sent or failed after its retries)."""
        with self.session() as session:
            session.add(
                DeliveryRow(
                    scan_id=scan_id,
                    channel=channel,
                    target=target,
                    status="sent" if ok else "failed",
                    attempts=attempts,
                    last_error=error,
                    at=datetime.now(UTC),
                )
            )

    def deliveries(self, scan_id: int) -> list[DeliveryRow]:
        """The alert deliveries logged for a scan."""
        with self.session() as session:
            query = select(DeliveryRow).where(DeliveryRow.scan_id == scan_id)
            return list(session.scalars(query.order_by(DeliveryRow.id)))


@contextmanager
def _file_lock(engine: Engine) -> Iterator[None]:
    """An exclusive lock on ``<database>.lock`` for an SQLite file (nothing otherwise): two
    processes opening a new database at once must not both create its tables."""
    database = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    with open(f"{database}.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: object, _record: object) -> None:
        # WAL lets readers (history, diff) work while a worker writes; foreign keys on.
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _beside(report_json: Path | None, name: str) -> str | None:
    if report_json is None:
        return None
    return str((report_json.parent / name).resolve())


def _sha256(path: Path | None) -> str | None:
    if path is None or not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: Snapshot key -> column, per child table: one mapping serves storing and reading back.
_FINDING = {
    "fingerprint": "fingerprint",
    "rule": "rule_id",
    "severity": "severity",
    "phase": "phase",
    "title": "title",
}
_PARTY = {name: name for name in ("host", "owner", "country", "tracker", "phases")}
_COOKIE = {name: name for name in ("name", "domain", "owner", "category", "third_party", "phases")}


def _rows(table: type, columns: dict[str, str], items: dict[str, dict]) -> list:
    return [
        table(**{column: item[key] for key, column in columns.items()}) for item in items.values()
    ]


def _items(rows: list, columns: dict[str, str]) -> list[dict]:
    return [{key: getattr(row, column) for key, column in columns.items()} for row in rows]


def _add_children(row: ScanRow, snapshot: Snapshot) -> None:
    row.findings = _rows(FindingRow, _FINDING, snapshot.findings)
    row.third_parties = _rows(ThirdPartyRow, _PARTY, snapshot.third_parties)
    row.cookies = _rows(CookieRow, _COOKIE, snapshot.cookies)
    row.banner = [BannerRow(phase=phase, outcome=out) for phase, out in snapshot.banner.items()]


def _snapshot(row: ScanRow) -> Snapshot:
    return Snapshot(
        verdict=row.verdict,
        findings={f["fingerprint"]: f for f in _items(row.findings, _FINDING)},
        third_parties={p["host"]: p for p in _items(row.third_parties, _PARTY)},
        cookies={f"{c['name']}@{c['domain']}": c for c in _items(row.cookies, _COOKIE)},
        banner={b.phase: dict(b.outcome) for b in row.banner},
    )


def _summary(row: ScanRow) -> StoredScan:
    return StoredScan(
        id=row.id,
        started_at=iso(row.started_at),
        verdict=row.verdict,
        counts=severity_counts([{"severity": f.severity} for f in row.findings]),
        third_parties=len(row.third_parties),
        cookies=len(row.cookies),
        tool_version=row.tool_version,
        report_json=row.report_json,
        incomplete=row.incomplete,
    )
