"""The observation and finding types every stage shares.

Data flows one way: ``collect`` fills the observation records, ``classify`` adds attribution
(owner, country, category, tracker) to them, ``checks`` turns them into :class:`Finding`
objects, and ``report`` renders a :class:`Scan`. The records are plain dataclasses so that Scrapy
can carry them as items and the JSON report can be rebuilt from them without a browser.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from scanner.policy.model import DeclaredPolicy
from scanner.timing import Stopwatch

PhaseName = Literal["pre-consent", "accept", "reject", "gpc"]
#: The three phases every scan runs; ``gpc`` is added on request (``--gpc``).
PHASES: tuple[PhaseName, ...] = ("pre-consent", "accept", "reject")

Severity = Literal["info", "low", "medium", "high"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3}


def value_digest(value: str) -> str:
    """What stands in for a cookie or storage value wherever one would be shown: a short
    SHA-256, the same in report.json and in the redacted HAR, so the two can be matched."""
    return hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:16]


def iso_utc(timestamp: float | None = None) -> str:
    """A Unix time (default: now) as the report writes times: ``2026-11-24T21:00:00Z``."""
    moment = time.time() if timestamp is None else timestamp
    return datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Attribution:
    """Who is behind a request, cookie or storage key, and why we think so."""

    owner: str | None = None
    country: str | None = None
    category: str | None = None
    tracker: bool = False
    reasons: list[str] = field(default_factory=list)


@dataclass
class PageVisit:
    """One page loaded in one phase."""

    phase: PhaseName
    url: str
    status: int | None
    final_url: str | None = None
    content_type: str | None = None
    error: str | None = None
    waited_ms: int = 0
    quiet: bool = True
    screenshot: str | None = None
    #: The main document's Strict-Transport-Security header (HTTPS pages; None when absent).
    hsts: str | None = None
    #: The page's forms: {"form": id or name, "action": resolved URL, "method"}.
    forms: list[dict] = field(default_factory=list)
    #: Mixed content Chromium reported: {"url" (http://), "resource_type", "resolution", "page"}.
    mixed_content: list[dict] = field(default_factory=list)
    #: Start page of pre-consent only: what http://<host>/ answered, redirect not followed
    #: ({"url", "status", "location", "error"}).
    http_redirect: dict | None = None
    #: Dialogs the page opened, by type (alert, confirm, prompt, beforeunload), all dismissed
    #: (scanner/collect/hostile.py), and the first few messages.
    dialogs: dict[str, int] = field(default_factory=dict)
    dialog_messages: list[str] = field(default_factory=list)
    #: The page opened more dialogs than any page needs, so the scanner closed it.
    closed_for_dialogs: bool = False
    #: Windows the page opened ({"url", "closed"}); each was closed, its own traffic unrecorded.
    popups: list[dict] = field(default_factory=list)
    #: What became of the visit (scanner/collect/bounds.py): loaded, http-error (4xx/5xx),
    #: timeout, error, off-site (redirected to another site), not-html, download, too-large
    #: (over the page size limit). Only loaded and http-error pages join the page set.
    outcome: str = "loaded"
    #: The page called window.close() on itself, or its window went away while recorded
    #: (Chromium refuses the call for a tab the scanner opened, so the page is still recorded).
    closed_by_page: bool = False
    #: Why this page's evidence is incomplete (the browser quit while it was recorded).
    lost: str | None = None
    #: Scripts that read navigator.webdriver ({"script", "properties": headless tells read}).
    automation_probes: list[dict] = field(default_factory=list)


@dataclass
class RequestRecord:
    """A network request the browser sent (one hop of a redirect chain each)."""

    phase: PhaseName
    page: str
    url: str
    host: str
    method: str
    resource_type: str
    frame: str | None
    initiator: str | None
    status: int | None = None
    remote_ip: str | None = None
    error: str | None = None
    third_party: bool = False
    set_cookies: list[dict] = field(default_factory=list)
    time: float = 0.0
    attribution: Attribution = field(default_factory=Attribution)


@dataclass
class CookieRecord:
    """A cookie held by the browser profile at the end of a phase.

    The value itself is never kept: only its length and a short hash, so that a report can show
    that a value changed without disclosing it.
    """

    phase: PhaseName
    name: str
    domain: str
    path: str
    expires: float | None
    secure: bool
    http_only: bool
    same_site: str | None
    value_length: int
    value_hash: str
    set_by: str | None = None
    set_by_kind: str | None = None  # "http" (Set-Cookie header) or "script" (document.cookie)
    page: str | None = None
    third_party: bool = False
    attribution: Attribution = field(default_factory=Attribution)


@dataclass
class StorageRecord:
    """A localStorage or sessionStorage key seen in a phase, with the origin holding it."""

    phase: PhaseName
    origin: str
    kind: Literal["localStorage", "sessionStorage"]
    key: str
    value_length: int
    written_by: str | None = None
    page: str | None = None
    third_party: bool = False
    attribution: Attribution = field(default_factory=Attribution)


@dataclass
class BehaviourRecord:
    """Tracking that needs no cookie, seen in the page: fingerprinting or session recording."""

    phase: PhaseName
    behaviour: Literal["fingerprinting", "session-recording", "keylogging"]
    api: str
    script: str
    page: str | None = None
    third_party: bool = False
    attribution: Attribution = field(default_factory=Attribution)


@dataclass
class BlockedRecord:
    """A request the private-address guard refused (``--deny-private-addresses``): it never
    left the browser. ``kind`` says what it was (request with its resource type, redirect
    hop, websocket); ``address`` is the refused address, None when the host did not resolve."""

    phase: str  # a phase name, or "policy" for the policy fetch
    page: str
    url: str
    host: str
    kind: str
    address: str | None
    reason: str


@dataclass
class ConsentDecision:
    """How one banner decision (accept or reject) went."""

    found: bool = False
    succeeded: bool = False
    first_layer: bool = False
    method: str | None = None
    clicks: int = 0
    control_text: str | None = None
    #: Why this decision is not possible on the banner at all (e.g. an information banner with
    #: only "J'ai compris" offers no refusal), as opposed to a control the engines missed.
    not_offered: str | None = None
    steps: list[str] = field(default_factory=list)
    screenshot_before: str | None = None
    screenshot_after: str | None = None


@dataclass
class BannerFacts:
    """The banner as first seen, before any decision (for the CB-*, CL-01 and NL-02 rules)."""

    text: str = ""
    #: False when a banner was seen but none of its controls could be classified.
    operable: bool = True
    controls: list[dict] = field(default_factory=list)
    first_layer_accept: bool = False
    first_layer_reject: bool = False
    settings_control: bool = False
    settings_opened: bool = False
    implied_consent: dict | None = None
    pre_ticked: list[str] = field(default_factory=list)
    coverage: float = 0.0
    cookie_wall: bool = False
    #: An information banner: its only answer acknowledges a notice ("J'ai compris", "Got it").
    information_only: bool = False
    #: Who established ``first_layer_reject``: "survey" (a reject control was classified),
    #: "decision" (a verified one-click reject on the first layer, the survey missed it), or
    #: None (neither: there is no first-layer reject). Set by ``consent.consensus``.
    first_layer_reject_source: str | None = None


@dataclass
class ConsentOutcome:
    """What the scan learned about the site's consent banner."""

    banner_detected: bool = False
    cmp: str | None = None
    engine: str = ""
    accept: ConsentDecision = field(default_factory=ConsentDecision)
    reject: ConsentDecision = field(default_factory=ConsentDecision)
    banner: BannerFacts | None = None
    #: After accepting: the persistent control found for withdrawing consent, if any.
    withdraw: dict | None = None


@dataclass
class PhaseResult:
    """Everything observed in one phase; ``skipped`` holds the reason a phase could not run."""

    name: PhaseName
    pages: list[PageVisit] = field(default_factory=list)
    requests: list[RequestRecord] = field(default_factory=list)
    cookies: list[CookieRecord] = field(default_factory=list)
    storage: list[StorageRecord] = field(default_factory=list)
    behaviours: list[BehaviourRecord] = field(default_factory=list)
    skipped: str | None = None
    har: str | None = None
    #: Times the phase's browser quit (killed or crashed) and a new one took over.
    browser_restarts: int = 0


@dataclass
class PolicyDocument:
    """A policy page or file as fetched: the reader turns it into a declared policy."""

    url: str
    kind: str
    found_via: str
    content: bytes
    content_type: str
    status: int | None = None


@dataclass
class Finding:
    """One rule's verdict with the evidence that triggered it."""

    id: str
    name: str
    severity: Severity
    title: str
    phase: PhaseName | None
    evidence: list[dict]
    advice: str
    sources: list[str]
    #: The rule's severity for this case, before any configuration changed it.
    default_severity: Severity | None = None
    #: Where ``severity`` came from: "rule default", or the configuration file and key.
    severity_source: str = "rule default"
    #: The title's catalogue key (``EP-01`` or ``EP-01.<variant>``) and its values, so every
    #: output can render the title again in another language from report.json alone.
    title_key: str = ""
    title_params: dict = field(default_factory=dict)
    #: Rule, phase and subjects: the same problem on the next scan has the same fingerprint.
    fingerprint: str = ""


@dataclass
class Scan:
    """A whole scan: the input, what each phase saw, and the findings."""

    target: str
    started_at: str
    phases: dict[str, PhaseResult]
    consent: ConsentOutcome = field(default_factory=ConsentOutcome)
    findings: list[Finding] = field(default_factory=list)
    finished_at: str | None = None
    browser: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    #: What the site's own policy declares (read from the site, ``--policy``, or policy-as-code).
    policy: DeclaredPolicy | None = None
    #: Where the policy was looked for, so "not found" (TP-00) says what was tried.
    policy_searched: list[str] = field(default_factory=list)
    #: Documents fetched as the policy but not read as one, each ``{"url", "reason"}``: an
    #: empty page, a broken PDF, or a text that is no privacy policy (scanner/policy/genre.py).
    policy_rejected: list[dict] = field(default_factory=list)
    #: The ids of the rules the findings were judged by (enabled, and text-only for a policy).
    rules_checked: list[str] = field(default_factory=list)
    #: Declared versus observed (parties, cookies, claims), computed after the checks
    #: (:func:`scanner.checks.compare.declared_vs_observed`) so outputs need no table.
    comparison: dict | None = None
    #: Per recipient: country, EU/EEA or not, DPF status, transfer basis
    #: (:func:`scanner.checks.compare.data_flows`).
    flows: list[dict] = field(default_factory=list)
    #: Seconds per stage (:mod:`scanner.timing`), for the progress line and the benchmarks.
    timings: Stopwatch = field(default_factory=Stopwatch)
    #: Set when the scan was interrupted or crashed (a partial report, scanner/partial.py):
    #: why, and per phase which pages are done and which are missing.
    incomplete: dict | None = None
    #: Set when the scan was finished with ``--resume`` (scanner/collect/resume.py): per phase,
    #: what it took over from the checkpoint and what it could not observe.
    resumed: dict | None = None
    #: Requests the private-address guard refused (scanner/collect/netguard.py).
    blocked: list[BlockedRecord] = field(default_factory=list)
    #: Why the crawl ended before its page set was complete (the scan time limit), or None.
    cut_short: str | None = None
    #: Links seen but not followed, ``{"url", "reason"}``: downloads by extension,
    #: ``--exclude`` matches, crawl traps (scanner/collect/bounds.py), capped.
    not_followed: list[dict] = field(default_factory=list)
