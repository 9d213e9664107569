"""The private-address guard (``--deny-private-addresses``, scanner/collect/netguard.py).

The browser test scans ``www.prive-adressen-fixture.nl``, whose page loads a script, images,
fetches, a redirect hop and a WebSocket from loopback, private, IPv4-mapped, link-local
metadata and IPv6 addresses. The injected resolver (tests/netguard_dns.py) gives the site's own
host a public address, so the guard lets the page load while Chromium still reaches the fixture
web through the host rules. With the guard on, each of those requests must be refused, recorded
in report.json and absent from the fixture web's log; with it off, each must arrive.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from scrapy.settings import Settings

from scanner.collect.netguard import (
    NetGuard,
    Verdict,
    classify,
    refuse_private_target,
    system_resolve,
)
from scanner.errors import UsageError
from tests.conftest import run_cli, scan_logged
from tests.fixtureweb import FixtureWeb
from tests.fixtureweb.dns import FixtureDNS
from tests.netguard_dns import GUARDED_HOST, PUBLIC_ADDRESS, RESOLVER_PATH

GUARDED_URL = f"https://{GUARDED_HOST}/"

#: (address, why it is refused; None: a public address that passes).
ADDRESSES = [
    ("127.0.0.1", "loopback"),
    ("127.0.0.2", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.5.4", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "cloud metadata"),
    ("169.254.170.2", "cloud metadata"),
    ("169.254.1.1", "link-local"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("100.127.255.254", "carrier-grade NAT"),
    ("100.100.100.200", "cloud metadata"),
    ("224.0.0.251", "multicast"),
    ("0.0.0.0", "unspecified"),
    ("::", "unspecified"),
    ("::1", "loopback"),
    ("[::1]", "loopback"),
    ("fe80::1", "link-local"),
    ("fe80::1%eth0", "link-local"),
    ("fc00::1", "private"),
    ("fd12:3456::1", "private"),
    ("fd00:ec2::254", "cloud metadata"),
    ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback (IPv4 127.0.0.1 inside IPv6)"),
    ("::ffff:10.0.0.1", "private (IPv4 10.0.0.1 inside IPv6)"),
    ("::ffff:169.254.169.254", "cloud metadata (IPv4 169.254.169.254 inside IPv6)"),
    ("2002:a9fe:a9fe::1", "cloud metadata (IPv4 169.254.169.254 inside IPv6)"),  # 6to4
    ("64:ff9b::a00:1", "private (IPv4 10.0.0.1 inside IPv6)"),  # NAT64
    ("93.184.216.34", None),
    ("8.8.8.8", None),
    ("2606:4700:4700::1111", None),
    ("::ffff:8.8.8.8", None),
    ("not an address", "not an IP address"),
]
#: Addresses Python counts as not global (documentation, benchmarking, reserved): refused,
#: whatever the reason is called.
NOT_GLOBAL = ["192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1", "240.0.0.1", "2001:db8::1"]

#: What the fixture page tries to reach: URL -> (kind, refused address, reason).
EXPECTED_BLOCKS = {
    "https://10.0.0.1/tracker.js": ("request (script)", "10.0.0.1", "private"),
    "https://127.0.0.2/pixel.gif": ("request (image)", "127.0.0.2", "loopback"),
    "https://[::ffff:a00:4]/mapped.gif": (
        "request (image)",
        "::ffff:a00:4",
        "private (IPv4 10.0.0.4 inside IPv6)",
    ),
    "https://169.254.169.254/latest/meta-data/": (
        "request (xhr)",
        "169.254.169.254",
        "cloud metadata",
    ),
    "https://[::1]/api/status": ("request (xhr)", "::1", "loopback"),
    "https://[fd00:ec2::254]/latest/meta-data/": (
        "request (xhr)",
        "fd00:ec2::254",
        "cloud metadata",
    ),
    "wss://10.0.0.3/socket": ("websocket", "10.0.0.3", "private"),
    "https://192.168.1.1/admin/": ("popup request (document)", "192.168.1.1", "private"),
    # /naar-metadata.gif on the site itself answers 302 to here: a redirect hop.
    "https://169.254.169.254/computeMetadata/v1/": (
        "redirect (image)",
        "169.254.169.254",
        "cloud metadata",
    ),
}
#: The hosts of those URLs as the fixture web logs them (no brackets, no port).
PRIVATE_HOSTS = {address for _kind, address, _reason in EXPECTED_BLOCKS.values()}
#: A refused start URL is a usage error found before any browser starts: well under this.
REFUSAL_CAP_SECONDS = 30.0


@pytest.mark.parametrize(("address", "reason"), ADDRESSES)
def test_address_classification(address: str, reason: str | None) -> None:
    assert classify(address) == reason


@pytest.mark.parametrize("address", NOT_GLOBAL)
def test_documentation_and_reserved_ranges_are_refused(address: str) -> None:
    assert classify(address) is not None


def test_a_host_is_refused_when_any_of_its_addresses_is_private() -> None:
    """The browser may connect to any address a name has, so one private one is enough; a
    host that does not resolve is refused too (fail closed); each host is looked up once."""
    asked: list[str] = []

    async def resolver(host: str) -> list[str]:
        asked.append(host)
        await asyncio.sleep(0)  # concurrent checks of one host must share the look-up
        return {"mixed.example": ["93.184.216.34", "10.1.2.3"], "ok.example": ["8.8.8.8"]}.get(
            host, []
        )

    async def checks() -> list:
        guard = NetGuard(resolver)
        urls = ["https://mixed.example/a", "https://mixed.example/b", "http://ok.example/"]
        urls += ["https://nowhere.example/", "https://metadata.google.internal/", "data:,x"]
        return await asyncio.gather(*(guard.check(url) for url in urls))

    mixed_a, mixed_b, ok, nowhere, metadata, data = asyncio.run(checks())
    assert (mixed_a.address, mixed_a.reason) == ("10.1.2.3", "private")
    assert mixed_b == mixed_a
    assert ok is None and data is None
    assert (nowhere.address, nowhere.reason) == (None, "does not resolve")
    assert metadata.reason == "cloud metadata"
    assert sorted(asked) == ["mixed.example", "nowhere.example", "ok.example"]


def test_default_resolver_asks_the_configured_dns_server(fixture_dns: FixtureDNS) -> None:
    """Without an injected resolver the guard asks ``PRIVACYSCAN_DNS`` (here the tests' DNS
    server on loopback, which holds no addresses): the name does not resolve, so it is refused,
    and the look-up never left the machine."""
    assert os.environ["PRIVACYSCAN_DNS"] == fixture_dns.address
    assert asyncio.run(system_resolve("metrics.shop-fixture.nl")) == []
    verdict = asyncio.run(NetGuard().check("https://metrics.shop-fixture.nl/b/ss/"))
    assert verdict == Verdict("metrics.shop-fixture.nl", None, "does not resolve")


def test_start_url_check_is_off_by_default() -> None:
    settings = Settings({"PRIVACYSCAN_DENY_PRIVATE_ADDRESSES": False})
    refuse_private_target("https://127.0.0.1/", settings)  # local use: nothing refused
    settings.set("PRIVACYSCAN_DENY_PRIVATE_ADDRESSES", True)
    with pytest.raises(UsageError, match=r"127\.0\.0\.1 is loopback"):
        refuse_private_target("https://127.0.0.1/", settings)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is cloud metadata"),
        ("http://[::ffff:192.168.0.1]:8080/", "private (IPv4 192.168.0.1 inside IPv6)"),
        ("https://intranet.prive-adressen-fixture.nl/", "does not resolve"),
    ],
)
def test_private_start_url_is_refused_before_the_browser(
    url: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRIVACYSCAN_RESOLVER", RESOLVER_PATH)
    started = time.monotonic()
    done = run_cli("scan", url, "--out", str(tmp_path), "--deny-private-addresses")
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "--deny-private-addresses" in lines[0]
    assert not (tmp_path / "report.json").exists()
    assert time.monotonic() - started < REFUSAL_CAP_SECONDS


def test_guard_refuses_and_records_every_private_subresource(
    web: FixtureWeb, scan_site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRIVACYSCAN_RESOLVER", RESOLVER_PATH)
    run, logged = scan_logged(
        web, scan_site, GUARDED_URL, "--deny-private-addresses", "--max-pages", "1"
    )
    report = run.report
    assert report["options"]["deny_private_addresses"] is True
    start = report["phases"]["pre-consent"]["pages"][0]
    assert start["status"] == 200, "the site's own host (public address) must load"
    blocked = {b["url"]: b for b in report["blocked"] if b["phase"] == "pre-consent"}
    assert set(blocked) == set(EXPECTED_BLOCKS)
    for url, (kind, address, reason) in EXPECTED_BLOCKS.items():
        record = blocked[url]
        assert (record["kind"], record["address"], record["reason"]) == (kind, address, reason)
        assert record["page"] == GUARDED_URL
    arrived = sorted({r.url for r in logged if r.host in PRIVATE_HOSTS})
    assert arrived == [], "refused requests reached the fixture web"
    assert any(r.host == GUARDED_HOST and r.path == "/naar-metadata.gif" for r in logged)
    refused = [r for r in report["phases"]["pre-consent"]["requests"] if r["url"] in blocked]
    assert refused and all("ERR_BLOCKED_BY_CLIENT" in (r["error"] or "") for r in refused)
    assert PUBLIC_ADDRESS not in {b["address"] for b in report["blocked"]}
    html = (run.out_dir / "report.html").read_text(encoding="utf-8")
    assert 'id="blocked"' in html and "https://192.168.1.1/admin/" in html


def test_without_the_guard_the_same_page_reaches_every_address(web: FixtureWeb, scan_site) -> None:
    run, logged = scan_logged(web, scan_site, GUARDED_URL, "--max-pages", "1")
    assert run.report["blocked"] == []
    assert run.report["options"]["deny_private_addresses"] is False
    arrived = {r.host for r in logged}
    assert arrived >= PRIVATE_HOSTS, f"missing: {PRIVATE_HOSTS - arrived}"
