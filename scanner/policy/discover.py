"""Find a site's privacy and cookie policies among the links the crawl saw.

Links are judged by their text and their URL, in nl, de, fr, en, es and it, and by where they
sit: a footer or banner link labelled "Privacyverklaring" is the policy; a body link to a
partner's privacy page is not. A privacy and a separate cookie policy are both read. Sites
without any such link get a short list of common paths tried instead (rules.md section 11).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from scanner.classify.domains import registrable_domain
from scanner.vocabulary import alternatives

#: Link words of a privacy policy (``discover.privacy-link`` in the vocabulary files).
PRIVACY_TERMS = re.compile(
    "|".join(alternatives("discover.privacy-link", "en+de+fr+es+it+nl")), re.IGNORECASE
)
COOKIE_TERMS = re.compile(
    r"cookie[- ]?(beleid|verklaring|policy|statement|richtlinie|erkl[äa]rung|hinweise|notice)"
    r"|politique[- ](de[- ])?cookies|cookies?[- ]policy|pol[íi]tica[- ]de[- ]cookies|informativa"
    r"[- ]cookie|gestion[- ]des[- ]cookies|cookies?$",
    re.IGNORECASE,
)
#: Links that open settings dialogs or opt-outs, not a policy.
NOT_A_POLICY = re.compile(
    "|".join(alternatives("discover.not-a-policy", "nl+de+en+fr+nl+en+nl+de+fr+en")),
    re.IGNORECASE,
)
PLACE_RANK = {"footer": 0, "banner": 1, "menu": 2, "body": 3}
COMMON_PATHS = (
    "/privacy",
    "/privacyverklaring",
    "/privacy-policy",
    "/datenschutz",
    "/politique-de-confidentialite",
    "/cookies",
)


@dataclass(frozen=True)
class PolicyLink:
    """A link as the page showed it: where it points, what it says, where it sits."""

    href: str
    text: str
    place: str


@dataclass(frozen=True)
class Candidate:
    """A URL believed to be a policy, what kind, and why."""

    url: str
    kind: str
    found_via: str


def policy_candidates(links: list[PolicyLink], site_url: str) -> list[Candidate]:
    """The best privacy-policy link and the best separate cookie-policy link, if any."""
    site = registrable_domain(urlsplit(site_url).hostname or "")
    ranked: dict[str, list[tuple[tuple[int, int, int], Candidate]]] = {"privacy": [], "cookie": []}
    for link in links:
        url, _ = urldefrag(urljoin(site_url, link.href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or NOT_A_POLICY.search(link.text):
            continue
        same_site = registrable_domain(parts.hostname or "") == site
        text, path = link.text.strip(), parts.path
        for kind, pattern in (("cookie", COOKIE_TERMS), ("privacy", PRIVACY_TERMS)):
            by_text = bool(pattern.search(text))
            if not (by_text or pattern.search(path)):
                continue
            score = (0 if same_site else 1, PLACE_RANK.get(link.place, 3), 0 if by_text else 1)
            via = f"{link.place} link '{text[:60]}'" if text else f"{link.place} link {url}"
            ranked[kind].append((score, Candidate(url, kind, via)))
            break
    chosen: list[Candidate] = []
    for kind in ("privacy", "cookie"):
        for _score, candidate in sorted(ranked[kind], key=lambda item: item[0]):
            if all(candidate.url != c.url for c in chosen):
                chosen.append(candidate)
                break
    return chosen


def common_path_candidates(site_url: str) -> list[Candidate]:
    """Where policies usually live, for a site that links none."""
    return [
        Candidate(urljoin(site_url, path), "privacy", f"common path {path}")
        for path in COMMON_PATHS
    ]
