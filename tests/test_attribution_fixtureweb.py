"""Every third party the fixture web emulates is attributed to its real owner, country, category.

The expected table is written out (not derived from the knowledge tables), so a wrong or missing
entity-table row fails here; a new emulated host must be added to it.
"""

from __future__ import annotations

import pytest

import tests.fixtureweb.thirdparty  # noqa: F401  registers the emulations
from scanner.classify.knowledge import lookup_host
from tests.fixtureweb.thirdparty.registry import emulated_hosts

EXPECTED = {
    "*.list-manage.com": ("The Rocket Science Group LLC (Mailchimp)", "US", "email-marketing"),
    "ad.doubleclick.net": ("Google LLC", "US", "advertising"),
    "api.fpjs.io": ("FingerprintJS, Inc.", "US", "fingerprinting"),
    "assets.pinterest.com": ("Pinterest, Inc.", "US", "social"),
    "c.clarity.ms": ("Microsoft Corporation", "US", "session-recording"),
    "cdn.jsdelivr.net": ("jsDelivr", None, "cdn"),
    "chimpstatic.com": ("The Rocket Science Group LLC (Mailchimp)", "US", "email-marketing"),
    "connect.facebook.net": ("Meta Platforms, Inc.", "US", "advertising"),
    "ct.pinterest.com": ("Pinterest, Inc.", "US", "social"),
    "fonts.googleapis.com": ("Google LLC", "US", "fonts"),
    "fonts.gstatic.com": ("Google LLC", "US", "fonts"),
    "fpjscdn.net": ("FingerprintJS, Inc.", "US", "fingerprinting"),
    "googleads.g.doubleclick.net": ("Google LLC", "US", "advertising"),
    "i.ytimg.com": ("Google LLC", "US", "cdn"),
    "in.hotjar.com": ("Hotjar Ltd", "MT", "session-recording"),
    "platform.twitter.com": ("X Corp.", "US", "social"),
    "px.ads.linkedin.com": ("LinkedIn Corporation", "US", "advertising"),
    "region1.google-analytics.com": ("Google LLC", "US", "analytics"),
    "s.pinimg.com": ("Pinterest, Inc.", "US", "advertising"),
    "s3.amazonaws.com": ("Amazon Web Services, Inc.", "US", "cdn"),
    "script.hotjar.com": ("Hotjar Ltd", "MT", "session-recording"),
    "scripts.clarity.ms": ("Microsoft Corporation", "US", "session-recording"),
    "snap.licdn.com": ("LinkedIn Corporation", "US", "advertising"),
    "static.hotjar.com": ("Hotjar Ltd", "MT", "session-recording"),
    "stats.g.doubleclick.net": ("Google LLC", "US", "advertising"),
    "syndication.twitter.com": ("X Corp.", "US", "social"),
    "www.clarity.ms": ("Microsoft Corporation", "US", "session-recording"),
    "www.facebook.com": ("Meta Platforms, Inc.", "US", "social"),
    "www.google-analytics.com": ("Google LLC", "US", "analytics"),
    "www.googletagmanager.com": ("Google LLC", "US", "tag-manager"),
    "www.instagram.com": ("Meta Platforms, Inc.", "US", "social"),
    "www.youtube-nocookie.com": ("Google LLC", "US", "embedded-content"),
    "www.youtube.com": ("Google LLC", "US", "embedded-content"),
    "z.clarity.ms": ("Microsoft Corporation", "US", "session-recording"),
}


#: Emulated hosts that are first party by name and a tracker by CNAME (see test_scan_e2e).
CLOAKED = {"metrics.shop-fixture.nl"}
#: Emulated collectors no table knows: they show only by what scripts send them
#: (see test_tracking_evidence).
UNKNOWN = {"ingest.pagetape-fixture.io", "api.leadvang-fixture.com"}


def test_every_emulated_host_is_in_the_expected_table() -> None:
    assert set(emulated_hosts()) == set(EXPECTED) | CLOAKED | UNKNOWN
    assert all(lookup_host(host) is None for host in UNKNOWN)


@pytest.mark.parametrize(("host", "expected"), sorted(EXPECTED.items()))
def test_emulated_third_party_attribution(host: str, expected: tuple[str, str | None, str]) -> None:
    fact = lookup_host(host.removeprefix("*."))
    assert fact is not None
    assert (fact.entity, fact.country, fact.category) == expected
