"""Optional enrichment: Ghostery's TrackerDB for hosts our own entity table does not know.

TrackerDB (npm ``@ghostery/trackerdb``) maps thousands of tracker domains to organisations with
their country. Its licence is CC-BY-NC-SA-4.0 (non-commercial), so the project never bundles or
installs it: a user who may use it installs it (``npm install --ignore-scripts
@ghostery/trackerdb``) and points the scanner at ``dist/trackerdb.json`` with ``--trackerdb``
or ``PRIVACYSCAN_TRACKERDB``. Every attribution drawn from it says so, and the report names its
version and licence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from scanner.classify.knowledge import DomainFact

LICENCE = "CC-BY-NC-SA-4.0 (non-commercial; enabled by the user, never bundled)"

#: TrackerDB categories -> the entity table's vocabulary.
CATEGORIES = {
    "advertising": "advertising",
    "site_analytics": "analytics",
    "social_media": "social",
    "audio_video_player": "embedded-content",
    "customer_interaction": "customer-support",
    "consent": "consent",
    "cdn": "cdn",
    "hosting": "hosting",
    "essential": "functional",
    "pornvertising": "advertising",
    "misc": "functional",
    "extensions": "functional",
}
TRACKING = {"advertising", "site_analytics", "social_media", "pornvertising"}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per file
class TrackerDB:
    """A loaded TrackerDB file."""

    path: Path
    version: str
    domains: dict[str, str]
    patterns: dict[str, dict]
    organizations: dict[str, dict]

    def lookup(self, host: str) -> DomainFact | None:
        """The organisation behind ``host`` (or a parent domain of it), if TrackerDB lists it."""
        return _lookup(self, host.lower().strip("."))


@lru_cache(maxsize=65536)
def _lookup(db: TrackerDB, host: str) -> DomainFact | None:
    labels = host.split(".")
    for start in range(len(labels) - 1):
        domain = ".".join(labels[start:])
        pattern_id = db.domains.get(domain)
        if pattern_id is None:
            continue
        pattern = db.patterns.get(pattern_id, {})
        organization = db.organizations.get(pattern.get("organization") or "", {})
        category = pattern.get("category") or "misc"
        return DomainFact(
            domain=domain,
            entity=organization.get("name") or pattern.get("name") or pattern_id,
            country=organization.get("country") or None,
            service=pattern.get("name") or pattern_id,
            category=CATEGORIES.get(category, "functional"),
            tracker=category in TRACKING,
        )
    return None


@cache
def load(path: Path) -> TrackerDB:
    """Read ``trackerdb.json``; its version comes from the package.json beside ``dist/``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    package = path.parent.parent / "package.json"
    version = "unknown version"
    if package.exists():
        version = json.loads(package.read_text(encoding="utf-8")).get("version", version)
    return TrackerDB(
        path=path,
        version=str(version),
        domains=dict(data.get("domains", {})),
        patterns=dict(data.get("patterns", {})),
        organizations=dict(data.get("organizations", {})),
    )
