"""Structure and known facts of the bundled knowledge tables (entities.json, cookies.json)."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources

import pytest

from scanner.classify.knowledge import (
    COOKIE_CATEGORIES,
    DOMAIN_CATEGORIES,
    DPF_STATUSES,
    entity_country,
    lookup_cookie,
    lookup_host,
)

ISO_ALPHA2 = re.compile(r"^[A-Z]{2}$")
#: ISO 3166-1 alpha-2 codes in use (assigned), to catch typos such as "UK" or "EL".
_ASSIGNED_TEXT = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ "
    "BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM "
    "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS "
    "GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
    "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
    "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM "
    "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
    "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
    "VN VU WF WS YE YT ZA ZM ZW"
)
ASSIGNED = set(_ASSIGNED_TEXT.split())


def _table(name: str) -> dict:
    return json.loads(resources.files("scanner.knowledge").joinpath(name).read_text())


@pytest.fixture(scope="module")
def entities() -> dict:
    return _table("entities.json")


@pytest.fixture(scope="module")
def cookies() -> dict:
    return _table("cookies.json")


# --- provenance -------------------------------------------------------------------------------


def test_tables_carry_version_source_licence_and_coverage(entities: dict, cookies: dict) -> None:
    for table in (entities, cookies):
        assert table["version"] == "2026-11-24"
        for key in ("source", "licence", "coverage"):
            assert isinstance(table[key], str) and table[key], key
    assert "CC BY 4.0" in entities["licence"] and "WhoTracks.me" in entities["licence"]
    assert "Open Cookie Database" in cookies["licence"] and "Apache-2.0" in cookies["licence"]
    assert "dataprivacyframework.gov" in entities["dpf_note"]


def test_every_row_source_is_declared_at_table_level(entities: dict, cookies: dict) -> None:
    for table, rows in ((entities, entities["domains"].values()), (cookies, cookies["cookies"])):
        declared = {source["id"] for source in table["sources"] if "id" in source}
        used = {row["source"] for row in rows if "source" in row}
        assert used <= declared, used - declared
    ocd = next(s for s in cookies["sources"] if s.get("id") == "ocd")
    assert ocd["licence"] == "Apache-2.0" and len(ocd["commit"]) == 40


# --- entities ---------------------------------------------------------------------------------


def test_every_domain_row_names_a_known_entity(entities: dict) -> None:
    known = entities["entities"]
    missing = {
        d: row["entity"] for d, row in entities["domains"].items() if row["entity"] not in known
    }
    assert not missing


def test_domain_rows_are_well_formed(entities: dict) -> None:
    for domain, row in entities["domains"].items():
        assert row["category"] in DOMAIN_CATEGORIES, domain
        assert isinstance(row["tracker"], bool), domain
        assert row["service"], domain
        assert domain == domain.lower().strip(".") and "/" not in domain and "." in domain, domain


def test_countries_are_iso_alpha2_or_null(entities: dict) -> None:
    for name, row in entities["entities"].items():
        country = row["country"]
        assert country is None or (ISO_ALPHA2.match(country) and country in ASSIGNED), name
        assert "parent" in row, name


def test_every_us_entity_has_a_dpf_block(entities: dict) -> None:
    for name, row in entities["entities"].items():
        if row["country"] != "US":
            assert "dpf" not in row, name
            continue
        dpf = row["dpf"]
        assert dpf["status"] in DPF_STATUSES, name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dpf["checked"]), name
        assert dpf["source"], name


def test_dpf_participant_only_with_a_stated_source(entities: dict) -> None:
    rows = entities["entities"]
    participants = {n for n, r in rows.items() if r.get("dpf", {}).get("status") == "participant"}
    assert {"Google LLC", "Meta Platforms, Inc.", "Microsoft Corporation"} <= participants
    for name in participants:
        assert "not verified" in rows[name]["dpf"]["source"], name


def test_at_least_150_entities_own_a_tracker_domain(entities: dict) -> None:
    owners = {row["entity"] for row in entities["domains"].values() if row["tracker"]}
    assert len(owners) >= 150, len(owners)


def test_parents_and_eu_entities_are_strings(entities: dict) -> None:
    for name, row in entities["entities"].items():
        assert row["parent"] is None or (isinstance(row["parent"], str) and row["parent"] != name)
        if "eu_representative" in row:
            assert isinstance(row["eu_representative"], str) and row["eu_representative"], name


# --- cookies ----------------------------------------------------------------------------------


def test_at_least_300_cookie_rows(cookies: dict) -> None:
    assert len(cookies["cookies"]) >= 300


def test_cookie_entities_exist_or_are_null(entities: dict, cookies: dict) -> None:
    known = entities["entities"]
    for row in cookies["cookies"]:
        assert row["entity"] is None or row["entity"] in known, row["name"]


def test_cookie_rows_are_well_formed(cookies: dict) -> None:
    for row in cookies["cookies"]:
        assert row["category"] in COOKIE_CATEGORIES, row["name"]
        assert row["name"] and row["platform"] and row["lifetime"], row
        assert set(row) <= {
            "name",
            "prefix",
            "entity",
            "platform",
            "category",
            "lifetime",
            "domain",
            "storage",
            "source",
        }, row["name"]
        if row.get("prefix"):
            assert len(row["name"]) >= 3, row["name"]


def test_no_duplicate_cookie_names(cookies: dict) -> None:
    keys = Counter((r["name"], r.get("domain"), bool(r.get("prefix"))) for r in cookies["cookies"])
    assert not [key for key, count in keys.items() if count > 1]
    # the loader keys exact names by name alone, so an exact name may appear only once
    exact = Counter(r["name"] for r in cookies["cookies"] if not r.get("prefix"))
    assert not [name for name, count in exact.items() if count > 1]


def test_consent_cookies_are_not_attributed_to_a_vendor(cookies: dict) -> None:
    for row in cookies["cookies"]:
        if row["category"] == "consent":
            assert row["entity"] is None, row["name"]


@pytest.mark.parametrize(
    "name",
    [
        "session",
        "id",
        "uid",
        "lang",
        "token",
        "sessionid",
        "user_id",
        "device_id",
        "api_token",
        "connect.sid",
        "session_pref",
        "cart",
    ],
)
def test_generic_names_never_claim_a_sites_own_cookie(name: str) -> None:
    assert lookup_cookie(name, "kleineporties.nl") is None


# --- known facts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "entity", "category"),
    [
        ("_ga", "Google LLC", "analytics"),
        ("_ga_ABC123", "Google LLC", "analytics"),
        ("_gcl_au", "Google LLC", "marketing"),
        ("_fbp", "Meta Platforms, Inc.", "marketing"),
        ("_clck", "Microsoft Corporation", "analytics"),
        ("_uetvid", "Microsoft Corporation", "marketing"),
        ("_ttp", "TikTok Technology Limited", "marketing"),
        ("_pin_unauth", "Pinterest, Inc.", "marketing"),
        ("li_fat_id", "LinkedIn Corporation", "functional"),
        ("_hjSessionUser_123", "Hotjar Ltd", "analytics"),
        ("__hstc", "HubSpot, Inc.", "marketing"),
        ("hubspotutk", "HubSpot, Inc.", "marketing"),
        ("__cf_bm", "Cloudflare, Inc.", "security"),
        ("cf_clearance", "Cloudflare, Inc.", "security"),
        ("AWSALB", "Amazon Web Services, Inc.", "functional"),
        ("_shopify_y", "Shopify Inc.", "analytics"),
        ("ajs_anonymous_id", "Twilio Inc.", "analytics"),
        ("cto_bundle", "Criteo SA", "marketing"),
        ("_pk_id.1.abcd", None, "analytics"),
        ("PHPSESSID", None, "functional"),
        ("wp_woocommerce_session_abc", None, "functional"),
        ("OptanonConsent", None, "consent"),
        ("CookieConsent", None, "consent"),
    ],
)
def test_known_cookie_facts(name: str, entity: str | None, category: str) -> None:
    fact = lookup_cookie(name, "kleineporties.nl")
    assert fact is not None, name
    assert (fact.entity, fact.category) == (entity, category)


def test_domain_bound_cookie_needs_the_vendor_domain() -> None:
    assert lookup_cookie("SID", "google.com") is not None
    assert lookup_cookie("SID", "kleineporties.nl") is None
    uid = lookup_cookie("uid", "track.adform.net")
    assert uid is not None and uid.entity == "Adform A/S"


@pytest.mark.parametrize(
    ("host", "entity", "country", "category", "tracker"),
    [
        ("stats.g.doubleclick.net", "Google LLC", "US", "advertising", True),
        ("www.google-analytics.com", "Google LLC", "US", "analytics", True),
        ("fonts.gstatic.com", "Google LLC", "US", "fonts", False),
        ("connect.facebook.net", "Meta Platforms, Inc.", "US", "advertising", True),
        ("analytics.tiktok.com", "TikTok Technology Limited", "IE", "advertising", True),
        ("static.criteo.net", "Criteo SA", "FR", "advertising", True),
        ("script.hotjar.com", "Hotjar Ltd", "MT", "session-recording", True),
        ("cdn.matomo.cloud", "InnoCraft Ltd", "NZ", "analytics", True),
        ("plausible.io", "Plausible Insights OÜ", "EE", "analytics", True),
        ("consent.cookiebot.com", "Usercentrics A/S", "DK", "consent", False),
        ("app.usercentrics.eu", "Usercentrics GmbH", "DE", "consent", False),
        ("s2.adform.net", "Adform A/S", "DK", "advertising", True),
        ("ced.sascdn.com", "Equativ SAS", "FR", "advertising", True),
        ("checkoutshopper-live.adyen.com", "Adyen N.V.", "NL", "payment", True),
        ("js.mollie.com", "Mollie B.V.", "NL", "payment", False),
        ("api.laposta.nl", "Laposta B.V.", "NL", "email-marketing", False),
        ("tc.tradetracker.net", "TradeTracker.com B.V.", "NL", "advertising", True),
        ("cdn.jsdelivr.net", "jsDelivr", None, "cdn", False),
        ("d1234.cloudfront.net", "Amazon Web Services, Inc.", "US", "cdn", False),
        ("newassets.hcaptcha.com", "Intuition Machines, Inc.", "US", "captcha", True),
    ],
)
def test_known_domain_facts(
    host: str, entity: str, country: str | None, category: str, tracker: bool
) -> None:
    fact = lookup_host(host)
    assert fact is not None, host
    assert (fact.entity, fact.country, fact.category, fact.tracker) == (
        entity,
        country,
        category,
        tracker,
    )


def test_known_entity_seats() -> None:
    assert entity_country("Laposta B.V.") == "NL"
    assert entity_country("Piwik PRO S.A.") == "PL"
    assert entity_country("Sendinblue SAS") == "FR"
    assert entity_country("Commanders Act SAS") == "FR"
    assert entity_country("Google LLC") == "US"


def test_formatter_accepts_the_committed_tables() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "knowledge" / "format_tables.py"
    spec = importlib.util.spec_from_file_location("format_tables", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    assert module.problems(_table("entities.json"), _table("cookies.json")) == []
    assert module.ENTITIES.read_text() == module.render(_table("entities.json"))
    assert module.COOKIES.read_text() == module.render(_table("cookies.json"))
