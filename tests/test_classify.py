"""Attribution from the bundled knowledge tables: owner, country, category, first/third party."""

from __future__ import annotations

import json
import os
from importlib import resources

import pytest

from scanner.classify.attribute import attribute_cookie, attribute_request, attribute_storage
from scanner.classify.domains import registrable_domain
from scanner.classify.knowledge import data_sources, data_versions, lookup_cookie, lookup_host
from scanner.classify.lists import installed_lists, list_versions
from scanner.model import CookieRecord, RequestRecord, StorageRecord
from tests.conftest import cookie_record, request_record

SITE = "kleineporties.nl"


def request(url: str, host: str) -> RequestRecord:
    return request_record(host, url)


def cookie(name: str, domain: str, set_by: str | None = None) -> CookieRecord:
    return cookie_record(name, domain, set_by=set_by)


def test_registrable_domain_uses_the_public_suffix_list() -> None:
    assert registrable_domain("region1.google-analytics.com") == "google-analytics.com"
    assert registrable_domain("www.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("someone.github.io") == "someone.github.io"


def test_most_specific_host_entry_wins() -> None:
    fonts = lookup_host("fonts.googleapis.com")
    assert fonts is not None and fonts.category == "fonts" and not fonts.tracker
    assert lookup_host("unknown-cdn.example") is None


def test_request_to_google_analytics_is_a_us_analytics_tracker() -> None:
    record = request(
        "https://region1.google-analytics.com/g/collect?v=2", "region1.google-analytics.com"
    )
    attribute_request(record, SITE)
    assert record.third_party
    assert (record.attribution.owner, record.attribution.country) == ("Google LLC", "US")
    assert record.attribution.category == "analytics" and record.attribution.tracker


def test_first_party_subdomain_is_not_third_party() -> None:
    record = request("https://cdn.kleineporties.nl/app.js", "cdn.kleineporties.nl")
    attribute_request(record, SITE)
    assert not record.third_party and record.attribution.owner is None


def test_the_sites_own_other_domains_are_not_third_party() -> None:
    record = request("https://i.ytimg.com/vi/x/hqdefault.jpg", "i.ytimg.com")
    attribute_request(record, "youtube.com")
    assert not record.third_party
    attribute_request(record, SITE)
    assert record.third_party


def test_first_party_ga_cookie_belongs_to_google() -> None:
    record = cookie("_ga_ABC123", ".kleineporties.nl")
    attribute_cookie(record, SITE)
    assert not record.third_party
    assert record.attribution.owner == "Google LLC" and record.attribution.category == "analytics"
    assert record.attribution.tracker


def test_unknown_cookie_written_by_a_tracker_script_goes_to_the_script_owner() -> None:
    record = cookie(
        "mystery", ".kleineporties.nl", set_by="https://connect.facebook.net/en_US/fbevents.js"
    )
    attribute_cookie(record, SITE)
    assert record.attribution.owner == "Meta Platforms, Inc."


def test_unknown_stays_unknown() -> None:
    record = cookie(
        "session_pref", ".kleineporties.nl", set_by="https://www.kleineporties.nl/app.js"
    )
    attribute_cookie(record, SITE)
    assert record.attribution.owner is None and record.attribution.country is None
    assert not record.attribution.tracker


def test_domain_bound_cookie_entry_needs_its_domain() -> None:
    assert lookup_cookie("csrftoken", "instagram.com") is not None
    assert lookup_cookie("csrftoken", "kleineporties.nl") is None


def test_storage_key_by_name() -> None:
    item = StorageRecord(
        phase="pre-consent",
        origin="https://www.youtube-nocookie.com",
        kind="localStorage",
        key="yt-remote-device-id",
        value_length=10,
    )
    attribute_storage(item, SITE)
    assert item.third_party and item.attribution.owner == "Google LLC"


def test_every_table_names_source_version_and_licence() -> None:
    versions, sources = data_versions(), data_sources()
    assert set(versions) == set(sources) == {"entities", "cookies", "party-names"}
    for name in versions:
        assert sources[name]["source"] and sources[name]["licence"]
    table = json.loads(resources.files("scanner.knowledge").joinpath("entities.json").read_text())
    for domain, row in table["domains"].items():
        assert row["entity"] in table["entities"], domain


def tracker_lists():
    """The installed lists; CI must have them (set-up installs them), elsewhere skip."""
    lists = installed_lists()
    if lists is None:
        if os.environ.get("CI"):
            pytest.fail("tracker lists missing: scripts/setup.sh should have installed them")
        pytest.skip("tracker lists not installed (see README: set-up)")
    return lists


def test_easyprivacy_match_is_kept_as_evidence() -> None:
    lists = tracker_lists()
    record = request(
        "https://region1.google-analytics.com/g/collect?v=2&tid=G-1", "region1.google-analytics.com"
    )
    record.resource_type = "ping"
    attribute_request(record, SITE, lists)
    assert record.attribution.tracker
    assert any(reason.startswith("EasyPrivacy: ") for reason in record.attribution.reasons)


def test_list_match_makes_an_unknown_host_a_tracker_without_inventing_an_owner() -> None:
    lists = tracker_lists()
    record = request("https://unknown-cdn.example/js/fbevents.js", "unknown-cdn.example")
    attribute_request(record, SITE, lists)
    assert record.attribution.tracker and record.attribution.owner is None
    assert record.attribution.reasons == ["EasyPrivacy: /fbevents.js"]


def test_fonts_are_not_trackers_by_list() -> None:
    lists = tracker_lists()
    record = request("https://fonts.googleapis.com/css?family=Lato", "fonts.googleapis.com")
    record.resource_type = "stylesheet"
    attribute_request(record, SITE, lists)
    assert not record.attribution.tracker


def test_list_versions_name_the_debian_package() -> None:
    tracker_lists()
    versions = list_versions()
    assert set(versions) == {"EasyPrivacy", "EasyList"}
    assert all("sha256" in version for version in versions.values())
