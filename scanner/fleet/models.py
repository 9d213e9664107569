"""The history store's tables (SQLAlchemy 2.x declarative models).

The schema itself is owned by the Alembic migrations in ``migrations/versions``; these models
must match the head revision (tests/test_history.py compares them). Everything a worker pool
needs to share one database is here: sites are unique by key (two workers storing the first
scan of one site at once meet on the unique constraint, and one retries), every scan is one
row with its children, and alert deliveries are rows too, so any worker can see what was sent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of the history tables."""


class SiteRow(Base):
    """A watched site, by its key (the watch list's ``name``, or the host name)."""

    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    scans: Mapped[list[ScanRow]] = relationship(back_populates="site")


class ScanRow(Base):
    """One stored scan: when, with which tool and data, the verdict and where its reports are."""

    __tablename__ = "scans"
    __table_args__ = (
        UniqueConstraint("site_id", "target", "started_at", name="uq_scans_site_target_started"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True, nullable=False)
    target: Mapped[str] = mapped_column(Text, nullable=False)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    tool_version: Mapped[str] = mapped_column(String(50), nullable=False)
    data_versions: Mapped[dict] = mapped_column(JSON, nullable=False)
    verdict: Mapped[str] = mapped_column(String(20), nullable=False)
    incomplete: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    report_json: Mapped[str | None] = mapped_column(Text)
    report_html: Mapped[str | None] = mapped_column(Text)
    report_sha256: Mapped[str | None] = mapped_column(String(64))
    site: Mapped[SiteRow] = relationship(back_populates="scans")
    findings: Mapped[list[FindingRow]] = relationship(cascade="all, delete-orphan")
    third_parties: Mapped[list[ThirdPartyRow]] = relationship(cascade="all, delete-orphan")
    cookies: Mapped[list[CookieRow]] = relationship(cascade="all, delete-orphan")
    banner: Mapped[list[BannerRow]] = relationship(cascade="all, delete-orphan")


class FindingRow(Base):
    """A finding of a scan, matched across scans by its fingerprint."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), index=True, nullable=False)
    rule_id: Mapped[str] = mapped_column(String(20), nullable=False)
    severity: Mapped[str] = mapped_column(String(10), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(200), nullable=False)
    phase: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text, nullable=False)


class ThirdPartyRow(Base):
    """A third-party host the scan saw requests to, and in which phases."""

    __tablename__ = "third_parties"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), index=True, nullable=False)
    host: Mapped[str] = mapped_column(Text, nullable=False)
    owner: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(10))
    tracker: Mapped[bool] = mapped_column(Boolean, nullable=False)
    phases: Mapped[list] = mapped_column(JSON, nullable=False)


class CookieRow(Base):
    """A cookie the scan found (name and domain; never its value), and in which phases."""

    __tablename__ = "cookies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), index=True, nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    domain: Mapped[str] = mapped_column(Text, nullable=False)
    owner: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(50))
    third_party: Mapped[bool] = mapped_column(Boolean, nullable=False)
    phases: Mapped[list] = mapped_column(JSON, nullable=False)


class BannerRow(Base):
    """The banner outcome of one phase (detected / found / succeeded / method / skipped)."""

    __tablename__ = "banner_outcomes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), index=True, nullable=False)
    phase: Mapped[str] = mapped_column(String(20), nullable=False)
    outcome: Mapped[dict] = mapped_column(JSON, nullable=False)


class DeliveryRow(Base):
    """One alert delivery (webhook or e-mail) with its attempts: added in revision 0002."""

    __tablename__ = "alert_deliveries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scan_id: Mapped[int] = mapped_column(ForeignKey("scans.id"), index=True, nullable=False)
    channel: Mapped[str] = mapped_column(String(10), nullable=False)
    target: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False)
    last_error: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
