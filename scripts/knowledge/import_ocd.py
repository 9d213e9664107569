"""Regenerate the Open Cookie Database rows of scanner/knowledge/cookies.json.

The Open Cookie Database (OCD, github.com/jkwakman/Open-Cookie-Database, Apache-2.0) is not
committed. This script reads a local copy of its CSV, keeps the rows of the platforms listed in
``PLATFORMS`` (the common trackers, consent managers, CMS/e-commerce and infrastructure cookies),
re-expresses them in this project's format and vocabulary, and rewrites cookies.json:

* hand-curated rows (no ``"source"``) are kept as they are, first, and win over OCD rows;
* previous ``"source": "ocd"`` rows are dropped and regenerated;
* OCD "Data Controller"/"Platform" is mapped to a legal-entity key of entities.json (or null
  for a generic platform such as PHP or WordPress, and for first-party consent-state cookies);
* OCD categories map Functional/Necessary->functional, Personalization->personalization,
  Analytics->analytics, Marketing->marketing, Security->security; consent-manager cookies
  -> consent;
* a generic name (``id``, ``SID``, ``lang``...) is only kept bound to the vendor domain OCD
  names for it (``"domain"``), so it can never claim a site's own cookie of the same name;
  distinctive names are never bound (OCD's domain column is often the vendor's home domain
  although the cookie is first party, e.g. ``_shopify_y``);
* one row per exact name (the loader keys exact names by name), first platform in
  ``PLATFORMS`` wins; prefix patterns shorter than 4 characters are dropped as unsafe.

Usage::

    .venv/bin/python scripts/knowledge/import_ocd.py \
        [--csv /work/shared/data/open-cookie-database/open-cookie-database.csv]
    .venv/bin/python scripts/knowledge/format_tables.py --check
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from format_tables import COOKIES, ENTITIES, render

DEFAULT_CSV = Path("/work/shared/data/open-cookie-database/open-cookie-database.csv")
OCD_COMMIT = "0ee5a17fe1cb002943f89370d24fc26a4226061c"
OCD_DATE = "2026-01-21"

# OCD platform -> (entity key in entities.json or None, platform label, kind)
# kind: "vendor" (cookie belongs to the entity), "generic" (framework/CMS, entity null),
#       "cmp" (consent-state cookie: category consent, entity null - the site keeps it).
G, M, MS = "Google LLC", "Meta Platforms, Inc.", "Microsoft Corporation"
PLATFORMS: dict[str, tuple[str | None, str, str]] = {
    "Google Analytics": (G, "Google Analytics", "vendor"),
    "Google Ads": (G, "Google Ads", "vendor"),
    "Google AdSense": (G, "Google AdSense", "vendor"),
    "DoubleClick/Google Marketing": (G, "DoubleClick", "vendor"),
    "Google Tag Manager": (G, "Google Tag Manager", "vendor"),
    "Google Optimize": (G, "Google Optimize", "vendor"),
    "Google Maps": (G, "Google Maps", "vendor"),
    "Google reCAPTCHA": (G, "reCAPTCHA", "vendor"),
    "Google": (G, "Google", "vendor"),
    "Youtube": (G, "YouTube", "vendor"),
    "Facebook": (M, "Facebook", "vendor"),
    "Instagram": (M, "Instagram", "vendor"),
    "Bing / Microsoft": (MS, "Microsoft Advertising", "vendor"),
    "Microsoft": (MS, "Microsoft", "vendor"),
    "Azure / Microsoft": (MS, "Microsoft Azure", "vendor"),
    "Microsoft Azure App Insights": (MS, "Azure Application Insights", "vendor"),
    "Microsoft Dynamics": (MS, "Microsoft Dynamics 365", "vendor"),
    "Xandr": ("Xandr, Inc.", "Xandr", "vendor"),
    "LinkedIn": ("LinkedIn Corporation", "LinkedIn", "vendor"),
    "X": ("X Corp.", "X (Twitter)", "vendor"),
    "Pinterest": ("Pinterest, Inc.", "Pinterest", "vendor"),
    "TikTok": ("TikTok Technology Limited", "TikTok Pixel", "vendor"),
    "Snapchat": ("Snap Inc.", "Snap Pixel", "vendor"),
    "Reddit": ("Reddit, Inc.", "Reddit Pixel", "vendor"),
    "Hotjar": ("Hotjar Ltd", "Hotjar", "vendor"),
    "ContentSquare": ("Contentsquare SAS", "Contentsquare", "vendor"),
    "Heap Analytics": ("Heap Inc.", "Heap", "vendor"),
    "Crazy Egg": ("Crazy Egg, Inc.", "Crazy Egg", "vendor"),
    "Lucky Orange": ("Lucky Orange LLC", "Lucky Orange", "vendor"),
    "Yandex.Metrica": ("YANDEX LLC", "Yandex Metrica", "vendor"),
    "Baidu": ("Beijing Baidu Netcom Science and Technology Co., Ltd.", "Baidu Tongji", "vendor"),
    "Adobe Analytics": ("Adobe Inc.", "Adobe Analytics", "vendor"),
    "Adobe Audience Manager": ("Adobe Inc.", "Adobe Audience Manager", "vendor"),
    "Adobe Advertising": ("Adobe Inc.", "Adobe Advertising Cloud", "vendor"),
    "Marketo": ("Adobe Inc.", "Marketo Engage", "vendor"),
    "BlueKai": ("Oracle Corporation", "Oracle BlueKai", "vendor"),
    "Salesforce": ("Salesforce, Inc.", "Salesforce", "vendor"),
    "Hubspot": ("HubSpot, Inc.", "HubSpot", "vendor"),
    "HubSpot": ("HubSpot, Inc.", "HubSpot", "vendor"),
    "SAP": ("SAP SE", "SAP Customer Data Cloud (Gigya)", "vendor"),
    "Mailchimp": ("The Rocket Science Group LLC (Mailchimp)", "Mailchimp", "vendor"),
    "Active Campaign": ("ActiveCampaign, LLC", "ActiveCampaign", "vendor"),
    "Klaviyo": ("Klaviyo, Inc.", "Klaviyo", "vendor"),
    "Braze": ("Braze, Inc.", "Braze", "vendor"),
    "Customer.io": ("Peaberry Software, Inc.", "Customer.io", "vendor"),
    "Optinmonster": ("Retyp, LLC", "OptinMonster", "vendor"),
    "The Tradedesk": ("The Trade Desk, Inc.", "The Trade Desk", "vendor"),
    "Taboola": ("Taboola.com Ltd.", "Taboola", "vendor"),
    "Outbrain": ("Outbrain Inc.", "Outbrain", "vendor"),
    "Teads": ("Teads S.A.", "Teads", "vendor"),
    "Seedtag": ("Seedtag Advertising S.L.", "Seedtag", "vendor"),
    "Smartadserver": ("Equativ SAS", "Equativ (Smart AdServer)", "vendor"),
    "Adform": ("Adform A/S", "Adform", "vendor"),
    "PubMatic": ("PubMatic, Inc.", "PubMatic", "vendor"),
    "Magnite": ("Magnite, Inc.", "Magnite", "vendor"),
    "SpotX": ("Magnite, Inc.", "Magnite Streaming (SpotX)", "vendor"),
    "openx.net": ("OpenX Technologies, Inc.", "OpenX", "vendor"),
    "Casale Media": ("Index Exchange Inc.", "Index Exchange", "vendor"),
    "SOVRN": ("Sovrn Holdings, Inc.", "Sovrn", "vendor"),
    "Sharethrough": ("Sharethrough Inc.", "Sharethrough", "vendor"),
    "Media.net": ("Media.net Advertising FZ-LLC", "Media.net", "vendor"),
    "Ezoic": ("Ezoic Inc.", "Ezoic", "vendor"),
    "MediaVine": ("Mediavine, Inc.", "Mediavine", "vendor"),
    "Yieldmo": ("Yieldmo, Inc.", "Yieldmo", "vendor"),
    "Sonobi": ("Sonobi, Inc.", "Sonobi", "vendor"),
    "TripleLift": ("TripleLift, Inc.", "TripleLift", "vendor"),
    "GumGum": ("GumGum, Inc.", "GumGum", "vendor"),
    "33Across": ("33Across, Inc.", "33Across", "vendor"),
    "Bombora": ("Bombora, Inc.", "Bombora", "vendor"),
    "Tapad": ("Tapad, Inc.", "Tapad", "vendor"),
    "LiveIntent": ("LiveIntent, Inc.", "LiveIntent", "vendor"),
    "LiveRamp": ("LiveRamp, Inc.", "LiveRamp", "vendor"),
    "Rapleaf": ("LiveRamp, Inc.", "LiveRamp (Rapleaf)", "vendor"),
    "Lotame": ("Lotame Solutions, Inc.", "Lotame", "vendor"),
    "Zeotap": ("Zeotap GmbH", "zeotap", "vendor"),
    "ID5": ("ID5 Technology Ltd", "ID5", "vendor"),
    "Improve Digital": ("Improve Digital B.V.", "Improve Digital", "vendor"),
    "MediaMath": ("MediaMath, Inc.", "MediaMath", "vendor"),
    "Mediamath": ("MediaMath, Inc.", "MediaMath", "vendor"),
    "Mediarithmics": ("mediarithmics SAS", "mediarithmics", "vendor"),
    "Weborama": ("Weborama SA", "Weborama", "vendor"),
    "CreativeCDN": ("RTB House S.A.", "RTB House", "vendor"),
    "Dotomi": ("Epsilon Data Management, LLC", "Epsilon (Dotomi)", "vendor"),
    "Mediaplex": ("Epsilon Data Management, LLC", "Epsilon (Mediaplex)", "vendor"),
    "Awin": ("Awin AG", "Awin", "vendor"),
    "Yahoo": ("Yahoo Inc.", "Yahoo Advertising", "vendor"),
    "Quantcast": ("Quantcast Corporation", "Quantcast", "vendor"),
    "ComScore": ("comScore, Inc.", "comScore", "vendor"),
    "comScore": ("comScore, Inc.", "comScore", "vendor"),
    "Nielsen": ("The Nielsen Company (US), LLC", "Nielsen", "vendor"),
    "Chartbeat": ("Chartbeat, Inc.", "Chartbeat", "vendor"),
    "Parse.ly": ("Parse.ly, Inc.", "Parse.ly", "vendor"),
    "Gemius": ("Gemius SA", "Gemius", "vendor"),
    "infOnline": ("INFOnline GmbH", "INFOnline", "vendor"),
    "AT Internet": ("Piano Software Inc.", "Piano Analytics (AT Internet)", "vendor"),
    "Piano": ("Piano Software Inc.", "Piano", "vendor"),
    "Piwik": ("Piwik PRO S.A.", "Piwik PRO", "vendor"),
    "Matomo": (None, "Matomo (or Piwik PRO)", "generic"),
    "Plausible Analytics": ("Plausible Insights OÜ", "Plausible Analytics", "vendor"),
    "Fathom Analytics": ("Conva Ventures Inc.", "Fathom Analytics", "vendor"),
    "Amplitude": ("Amplitude, Inc.", "Amplitude", "vendor"),
    "Mixpanel": ("Mixpanel, Inc.", "Mixpanel", "vendor"),
    "Optimizely": ("Optimizely, Inc.", "Optimizely", "vendor"),
    "Visual Website Optimizer": ("Wingify Software Pvt. Ltd.", "VWO", "vendor"),
    "ABTasty": ("AB Tasty SAS", "AB Tasty", "vendor"),
    "Dynamic Yield": ("Dynamic Yield Ltd.", "Dynamic Yield", "vendor"),
    "Leadinfo": ("Leadinfo B.V.", "Leadinfo", "vendor"),
    "Leadfeeder": ("Leadfeeder Oy", "Leadfeeder", "vendor"),
    "Zendesk": ("Zendesk, Inc.", "Zendesk", "vendor"),
    "Intercom": ("Intercom, Inc.", "Intercom", "vendor"),
    "Drift": ("Drift.com, Inc.", "Drift", "vendor"),
    "Tawk.to": ("tawk.to inc.", "tawk.to", "vendor"),
    "Tawk.to Chat": ("tawk.to inc.", "tawk.to", "vendor"),
    "LiveChat": ("Text S.A.", "LiveChat", "vendor"),
    "Livechat": ("Text S.A.", "LiveChat", "vendor"),
    "Crisp": ("Crisp IM SAS", "Crisp", "vendor"),
    "ZOHO": ("Zoho Corporation Private Limited", "Zoho SalesIQ", "vendor"),
    "Qualtrics": ("Qualtrics, LLC", "Qualtrics", "vendor"),
    "SurveyMonkey": ("SurveyMonkey Inc.", "SurveyMonkey", "vendor"),
    "Usabilla": ("Usabilla B.V.", "Usabilla", "vendor"),
    "Typeform": ("Typeform S.L.", "Typeform", "vendor"),
    "Mopinion.com": ("Mopinion B.V.", "Mopinion", "vendor"),
    "Trustpilot": ("Trustpilot A/S", "Trustpilot", "vendor"),
    "Bazaar Voice": ("Bazaarvoice, Inc.", "Bazaarvoice", "vendor"),
    "Stripe": ("Stripe, Inc.", "Stripe", "vendor"),
    "PayPal": ("PayPal, Inc.", "PayPal", "vendor"),
    "Adyen": ("Adyen N.V.", "Adyen", "vendor"),
    "Vimeo": ("Vimeo.com, Inc.", "Vimeo", "vendor"),
    "Wistia": ("Wistia, Inc.", "Wistia", "vendor"),
    "Spotify": ("Spotify AB", "Spotify", "vendor"),
    "Disqus": ("Disqus, Inc.", "Disqus", "vendor"),
    "ShareThis": ("ShareThis, Inc.", "ShareThis", "vendor"),
    "Tripadvisor": ("Tripadvisor LLC", "Tripadvisor", "vendor"),
    "Issuu": ("Issuu, Inc.", "Issuu", "vendor"),
    "Twitch": ("Twitch Interactive, Inc.", "Twitch", "vendor"),
    "Cloudflare": ("Cloudflare, Inc.", "Cloudflare", "vendor"),
    "CloudFlare": ("Cloudflare, Inc.", "Cloudflare", "vendor"),
    "Amazon Web Services": ("Amazon Web Services, Inc.", "AWS Elastic Load Balancing", "vendor"),
    "Amazon": ("Amazon.com, Inc.", "Amazon", "vendor"),
    "Akamai": ("Akamai Technologies, Inc.", "Akamai", "vendor"),
    "Akamai Botmanager": ("Akamai Technologies, Inc.", "Akamai Bot Manager", "vendor"),
    "Imperva": ("Imperva, Inc.", "Imperva Incapsula", "vendor"),
    "Dynatrace": ("Dynatrace LLC", "Dynatrace RUM", "vendor"),
    "Command Act": ("Commanders Act SAS", "Commanders Act", "vendor"),
    "Vercel": ("Vercel Inc.", "Vercel", "vendor"),
    "Auth0": ("Okta, Inc.", "Auth0", "vendor"),
    "Shopify": ("Shopify Inc.", "Shopify", "vendor"),
    "Wix.com": ("Wix.com Ltd.", "Wix", "vendor"),
    "Jimdo": ("Jimdo GmbH", "Jimdo", "vendor"),
    "Lightspeed": ("Lightspeed Commerce Inc.", "Lightspeed eCom", "vendor"),
    # generic platforms: the site runs them itself
    "WordPress": (None, "WordPress", "generic"),
    "Wordpress": (None, "WordPress", "generic"),
    "WooCommerce": (None, "WooCommerce", "generic"),
    "Magento": (None, "Magento / Adobe Commerce", "generic"),
    "Drupal CMS": (None, "Drupal", "generic"),
    "Joomla!": (None, "Joomla!", "generic"),
    "TYPO3": (None, "TYPO3", "generic"),
    "Kentico": (None, "Kentico", "generic"),
    "CraftCMS": (None, "Craft CMS", "generic"),
    "Processwire": (None, "ProcessWire", "generic"),
    "nopCommerce": (None, "nopCommerce", "generic"),
    "Polylang": (None, "Polylang (WordPress)", "generic"),
    "WPML": (None, "WPML (WordPress)", "generic"),
    "PHP.net": (None, "PHP", "generic"),
    "ASP.net": (None, "ASP.NET", "generic"),
    "Django": (None, "Django", "generic"),
    "Laravel": (None, "Laravel", "generic"),
    "Ruby on Rails": (None, "Ruby on Rails", "generic"),
    "Devise (Ruby on Rails)": (None, "Devise (Ruby on Rails)", "generic"),
    "CakePHP": (None, "CakePHP", "generic"),
    "CodeIgniter": (None, "CodeIgniter", "generic"),
    "J2EE": (None, "Java EE", "generic"),
    "Next.js": (None, "Next.js", "generic"),
    "NextAuth.js": (None, "NextAuth.js", "generic"),
    "Xenforo": (None, "XenForo", "generic"),
    "vBulletin": (None, "vBulletin", "generic"),
    "f5 BIG-IP": (None, "F5 BIG-IP load balancer", "generic"),
    "Citrix": (None, "Citrix NetScaler / ADC", "generic"),
    "HAproxy": (None, "HAProxy", "generic"),
    "Snowplow": (None, "Snowplow (self-hosted)", "generic"),
    "Umami": (None, "Umami (self-hosted)", "generic"),
    # consent managers: consent-state cookies, controlled by the site
    "Cookiebot": (None, "Cookiebot", "cmp"),
    "OneTrust": (None, "OneTrust", "cmp"),
    "CookieYes": (None, "CookieYes", "cmp"),
    "Cookie Law Info": (None, "CookieYes / Cookie Law Info (WordPress)", "cmp"),
    "Complianz": (None, "Complianz", "cmp"),
    "Didomi": (None, "Didomi", "cmp"),
    "Osano": (None, "Osano", "cmp"),
    "Termly": (None, "Termly", "cmp"),
    "Iubenda": (None, "iubenda", "cmp"),
    "Axeptio": (None, "Axeptio", "cmp"),
    "Consentmanager.net": (None, "consentmanager.net", "cmp"),
    "Civic": (None, "Civic Cookie Control", "cmp"),
    "Cookie First": (None, "CookieFirst", "cmp"),
    "Cookie Script": (None, "Cookie-Script", "cmp"),
    "Borlabs": (None, "Borlabs Cookie", "cmp"),
    "Moove": (None, "Moove GDPR Cookie Compliance (WordPress)", "cmp"),
    "CookieConsent.io": (None, "CookieConsent.io", "cmp"),
}

CATEGORY = {
    "Functional": "functional",
    "Necessary": "functional",
    "Personalization": "personalization",
    "Analytics": "analytics",
    "Marketing": "marketing",
    "Security": "security",
}

#: Names OCD lists under a vendor but which the site's own web framework sets.
FRAMEWORK = {
    "ASPSESSIO": "ASP (IIS)",
    "__RequestVerificationToken": "ASP.NET",
    ".AspNetCore.Antiforgery.": "ASP.NET Core",
    "ORA_WWV_APP_": "Oracle APEX",
    "JSESSIONID": "Java",
}
#: Rows left out: a vendor's own-site or admin cookies, misfiled rows, names another row owns.
SKIP_NAME = re.compile(
    r"^(_Knowledge|_spring_|_KMPage|amplitude_id$|_pk_id\.$|_pk_ses\.$|__Host-ERIC_PROD-|Host-ERIC_PROD-"
    r"|ASP\.NET_Sessio$|ASP\.NET_Sessio_Fallback$|1\.gif$|cb-currency$|userlang$|__asc$|__auc$"
    r"|FunctionalCookie$|__Secure-fgpt$|utm_key$|HAAPPLB$|HACIVIC|receive-cookie-deprecation$"
    r"|TS01$|cookieJartestCookie$|criteo$|lantern$|tearsheet$|algoliasearch-client-js$|sentry_device_id$"
    r"|(?=.*\d)[a-z0-9]{8}$|.*NNN)"
)
#: Names OCD files under a platform other than the one that sets them: name -> (entity, platform).
NAME_OWNER = {
    "_mkto_trk": ("Adobe Inc.", "Marketo Engage"),
    "ajs_user_id": ("Twilio Inc.", "Segment"),
    "ajs_anonymous_id": ("Twilio Inc.", "Segment"),
    "ajs_group_id": ("Twilio Inc.", "Segment"),
    "tbla_id": ("Taboola.com Ltd.", "Taboola"),
    "trc_cookie_storage": ("Taboola.com Ltd.", "Taboola"),
    "vglnk.Agent.p": ("Sovrn Holdings, Inc.", "Sovrn Commerce (VigLink)"),
    "vglnk.PartnerRfsh.p": ("Sovrn Holdings, Inc.", "Sovrn Commerce (VigLink)"),
    "consentUUID": (None, "Sourcepoint"),
}
NAME_OWNER_PREFIX = {
    "_hp2_": ("Heap Inc.", "Heap"),
    "_hp5_": ("Heap Inc.", "Heap"),
    "_hj": ("Hotjar Ltd", "Hotjar"),
}
#: Names OCD lists as exact that are really prefixes (a site or property id follows).
AS_PREFIX = {"Hm_lvt_", "Hm_lpvt_", "_hp2_id", "_hp2_ses_props"}
#: Category corrections (OCD files bot-management cookies under Functional).
CATEGORY_OVERRIDE = {
    "__cf_bm": "security",
    "cf_clearance": "security",
    "cf_chl_2": "security",
    "__cfruid": "security",
    "incap_ses_": "security",
    "visid_incap_": "security",
    "nlbi_": "security",
    "_abck": "security",
    "bm_sz": "security",
    "ak_bmsc": "security",
    "bm_sv": "security",
    "bm_mi": "security",
    "_mkto_trk": "marketing",
}
#: Consent-state names OCD files under a non-CMP platform.
CONSENT_NAMES = {
    "euconsent",
    "usprivacy",
    "pubconsent",
    "CookieConsentPolicy",
    "__hs_cookie_cat_pref",
    "ppms_privacy_",
    "ppms_privacy_bar_",
    "_iub_cs-",
}
#: Words that make up generic cookie names. A name made only of these words (``api_token``,
#: ``device_id``, ``appLang``, ``SERVERID``) says nothing about who set it.
_COMMON_TEXT = """
a ab accepted account active anon api app audience auth autocomplete banner blur c callback
campaign cart checked checkout click client comp connect consent contact conversion cookie
cookies count counter country csrf culture currency current customer d data device dismissed
durable e enable enabled europe expid external f feed first flag flash focus frontend gdpr geo
has hash hide history id ids in integration interstitial is js key l label landing lang language
last level loc local locale logged login m message messages mode name nonce notice oauth of on
open opt optout orig out p page partner player policy pool pref preferred prefs presence recs
redirect ref referer referrer reg remember removed rules s search secret server serverid session
sess sessionid shown show sid site sort source src state status storage store sync t term test
the theme time to token track tracking ts type u uid unique url user userid users utm uuid v ver
version view visit visitor visits welcome widget x xsrf y sig sharing settings keep alive me
localization discount code previous step preview master payment method analytics identity number
new digest pay intent update verification card bar lookup queue worker prefill start started
tracked profile agreement shop editor unconfirmed finalize guid query string recent info help
center pid cid gid did fid bid ad ads privacy enforce sidebar pinned warning redirection prompt
mod ctx render use standby child
"""
COMMON_WORDS = set(_COMMON_TEXT.split())


def words(name: str) -> list[str]:
    """``appLang`` -> ["app", "lang"]; ``server_session_id`` -> ["server", "session", "id"]."""
    return [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)]


def is_generic(name: str) -> bool:
    """A name too common to attribute without the vendor's domain."""
    tokens = words(name)
    if len(name.strip("_.-")) <= 2:
        return True
    if not name.startswith("_") and len(name) <= 4 and name.isalnum():
        return True
    return all(t in COMMON_WORDS or len(t) <= 1 or t.isdigit() for t in tokens)


def ocd_domain(value: str) -> str | None:
    """OCD's domain column as a bare host, or None (``.bing.com (3rd party) or ...``)."""
    value = value.lower().split(" or ")[0].replace("(3rd party)", "").strip().lstrip(".")
    return value if re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", value) else None


def lifetime(value: str) -> str:
    low = value.strip().lower()
    if not low or low in {"unknown", "varies", "n/a"}:
        return "unknown"
    if "session" in low:
        return "session"
    if low in {"forever", "unlimited", "persistent", "local storage"}:
        return "persistent"
    return re.sub(r"\s+", " ", low)


def convert(rows: list[dict], taken: set[tuple[str, bool]]) -> list[dict]:
    out: list[dict] = []
    order = {platform: index for index, platform in enumerate(PLATFORMS)}
    rows = sorted(
        (r for r in rows if r["Platform"] in PLATFORMS),
        key=lambda r: (order[r["Platform"]], r["Cookie / Data Key name"]),
    )
    for r in rows:
        name = r["Cookie / Data Key name"].strip()
        prefix = r["Wildcard match"].strip() == "1"
        prefix = prefix or name in AS_PREFIX
        if not name or " " in name or SKIP_NAME.search(name) or (name, prefix) in taken:
            continue
        if prefix and (len(name) < 4 or is_generic(name) or (name, False) in taken):
            continue
        entity, platform, kind = PLATFORMS[r["Platform"]]
        owner = NAME_OWNER.get(name) or next(
            (v for k, v in NAME_OWNER_PREFIX.items() if name.startswith(k)), None
        )
        if owner is not None:
            entity, platform = owner
            kind = "cmp" if entity is None else "vendor"
        category = CATEGORY.get(r["Category"].strip())
        if category is None:
            continue
        if name in FRAMEWORK:
            entity, platform, kind = None, FRAMEWORK[name], "generic"
        if kind == "cmp" or name in CONSENT_NAMES:
            category, entity = "consent", None
        category = CATEGORY_OVERRIDE.get(name, category)
        row: dict = {"name": name}
        if prefix:
            row["prefix"] = True
        row.update(
            entity=entity,
            platform=platform,
            category=category,
            lifetime=lifetime(r["Retention period"]),
        )
        if is_generic(name):
            domain = ocd_domain(r["Domain"])
            if domain is None:
                continue
            row["domain"] = domain
        row["source"] = "ocd"
        taken.add((name, prefix))
        out.append(row)
    return out


def coverage(rows: list[dict]) -> str:
    ocd = sum(1 for row in rows if row.get("source") == "ocd")
    prefixes = sum(1 for row in rows if row.get("prefix"))
    bound = sum(1 for row in rows if row.get("domain"))
    return (
        f"{len(rows)} cookie/storage names ({len(rows) - ocd} hand-curated, {ocd} from the "
        f"Open Cookie Database; {prefixes} prefix patterns, {bound} bound to a vendor domain): "
        "Google, Meta, Microsoft, LinkedIn, X, Pinterest, TikTok, Snap, Reddit, the common "
        "ad-tech, analytics, session-recording, chat, email and consent-manager vendors, and "
        "CMS/e-commerce/infrastructure platforms (WordPress, WooCommerce, Shopify, Magento, "
        "Drupal, Joomla, TYPO3, Wix, Cloudflare, AWS ELB, Akamai, Imperva, F5, ASP.NET, PHP, "
        "Java, Laravel, Django, Rails)."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = parser.parse_args()
    table = json.loads(COOKIES.read_text())
    entities = json.loads(ENTITIES.read_text())["entities"]
    hand = [row for row in table["cookies"] if row.get("source") != "ocd"]
    taken = {(row["name"], bool(row.get("prefix"))) for row in hand}
    with args.csv.open(newline="", encoding="utf-8") as handle:
        ocd = convert(list(csv.DictReader(handle)), taken)
    missing = sorted(
        {row["entity"] for row in ocd if row["entity"] and row["entity"] not in entities}
    )
    if missing:
        print(f"entities missing from entities.json: {missing}", file=sys.stderr)
        return 1
    rows = hand + ocd
    head = {k: v for k, v in table.items() if k != "cookies"}
    head["coverage"] = coverage(rows)
    COOKIES.write_text(render({**head, "cookies": rows}))
    print(f"{len(hand)} hand rows + {len(ocd)} OCD rows = {len(rows)} cookies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
