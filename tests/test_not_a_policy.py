"""A document that is not a privacy policy is reported as such, and genuine short policies in
every supported language are still read (scanner/policy/genre.py).

``privacyscan policy FILE`` exits 2 naming the file and the reason; in a scan the rejected
document is listed in report.json ``policy_rejected`` and TP-00 follows when data leaves the
site. All texts here are written for these tests.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from scanner.checks import run_checks
from scanner.cli import main
from scanner.model import PHASES, Attribution, PhaseResult, PolicyDocument, Scan, iso_utc
from scanner.options import ScanOptions
from scanner.pipelines import PolicyPipeline
from scanner.policy.genre import NotAPolicy, judge, precheck
from scanner.policy.read import read_policy
from scanner.report import write_reports
from tests.conftest import request_record, run_cli
from tests.fixtureweb import FixtureWeb

PASSWD = """root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
"""

SOURCE_CODE = '''import sys


def fibonacci(count: int) -> list[int]:
    """The first numbers of the sequence."""
    numbers = [0, 1]
    while len(numbers) < count:
        numbers.append(numbers[-1] + numbers[-2])
    return numbers[:count]


if __name__ == "__main__":
    print(fibonacci(int(sys.argv[1])))
'''

TERMS_OF_SALE = """Terms and conditions of sale

1. Scope
These terms apply to every order placed in the Harbour Kitchenware web shop. By placing an order
you accept these terms. Deviations are only valid when we confirm them in writing.

2. Prices and payment
All prices are in euros and include VAT. Shipping costs are shown before you pay. You pay by
iDEAL, credit card or bank transfer. An order is shipped once payment has been received.

3. Delivery
We deliver within five working days in the Netherlands and Belgium. If a delivery is late, we
tell you by email. The risk of loss passes to you when the parcel is delivered.

4. Right of withdrawal
You may withdraw from the purchase within fourteen days of delivery without giving a reason.
Return the product unused and in its original packaging. We refund the purchase price within
fourteen days of receiving the return. The cost of returning the product is yours.

5. Warranty and complaints
Our products come with the statutory warranty. Report defects within two months of discovering
them. Complaints are handled within fourteen days.

6. Liability
Our liability is limited to the amount of the order. We are not liable for indirect damage.

7. Personal data
We handle your personal data as described in our privacy statement.

8. Applicable law
Dutch law applies. Disputes go to the competent court in Rotterdam.
"""

NEWS_ARTICLE = """Brug over de Vecht maand langer dicht

De brug over de Vecht bij Weesp blijft een maand langer dicht dan gepland. Bij de renovatie
bleek het stalen val meer roest te hebben dan verwacht, meldt de gemeente. Fietsers en
voetgangers kunnen de pont gebruiken, die tot tien uur 's avonds vaart. Automobilisten worden
omgeleid via de A1. Ondernemers aan de kade maken zich zorgen over hun omzet. "In de zomer
leven we van de dagjesmensen", zegt de eigenaar van een ijssalon. De gemeente belooft in
september een informatieavond te houden over de planning van de werkzaamheden.
"""

#: Short but genuine policies, one per supported language: these must never be rejected.
SHORT_POLICIES = {
    "nl": """Privacyverklaring

Bakkerij De Korenaar verwerkt je persoonsgegevens alleen om je bestelling af te handelen.
We bewaren je gegevens twee jaar. Je hebt recht op inzage en verwijdering van je gegevens:
mail naar info@korenaar.nl. Een klacht kun je indienen bij de Autoriteit Persoonsgegevens.
""",
    "de": """Datenschutzerklärung

Verantwortlich für die Verarbeitung Ihrer Daten ist die Tischlerei Brandt, Hauptstraße 4,
Lübeck. Wir verarbeiten Ihre personenbezogenen Daten nur zur Bearbeitung Ihrer Anfrage.
Sie haben das Recht auf Auskunft, Berichtigung und Löschung. Wir verwenden nur technisch
notwendige Cookies.
""",
    "fr": """Politique de confidentialité

La boulangerie Martin traite vos données personnelles pour gérer vos commandes. Vos données
sont conservées trois ans. Vous disposez d'un droit d'accès, de rectification et
d'effacement. Vous pouvez introduire une réclamation auprès de la CNIL.
""",
    "en": """Privacy notice

Saltmarsh Studio uses your personal data only to answer your questions and send invoices.
We keep invoices for seven years, as the law requires. You have the right to access and
erase your data; write to hello@saltmarsh.example.
""",
    "es": """Política de privacidad

Taller Ruiz trata sus datos personales para gestionar sus pedidos. Conservamos sus datos
durante cinco años. Puede ejercer sus derechos de acceso, rectificación y supresión
escribiendo a hola@tallerruiz.example.
""",
    "it": """Informativa sulla privacy

La Trattoria Bruni tratta i dati personali dei clienti solo per gestire le prenotazioni.
I dati sono conservati per un anno. Potete chiedere l'accesso e la cancellazione dei vostri
dati scrivendo a info@trattoriabruni.example.
""",
}

COOKIE_NOTICE = """Cookies

We only use functional cookies that keep your shopping basket. They are deleted when you
close your browser.
"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("passwd", PASSWD.encode(), "not running text"),
        ("fibonacci.py", SOURCE_CODE.encode(), "never mentions personal data"),
        ("terms.txt", TERMS_OF_SALE.encode(), "titled as another document"),
        ("nieuws.txt", NEWS_ARTICLE.encode(), "never mentions personal data"),
        ("photo.jpg", bytes(range(256)) * 40, "not running text"),
    ],
)
def test_policy_command_rejects_other_documents(
    name: str, content: bytes, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    code, err = run(["policy", str(source), "--out", str(tmp_path / "out")], capsys)
    assert code == 2
    [line] = err.strip().splitlines()
    assert f"{source}: not a privacy policy: " in line
    assert reason in line
    assert not (tmp_path / "out" / "report.json").exists()


def test_empty_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    code, err = run(["policy", str(source), "--out", str(tmp_path / "out")], capsys)
    assert code == 2
    assert err.count("\n") == 1 and "no text found" in err


@pytest.mark.parametrize("language", sorted(SHORT_POLICIES))
def test_short_genuine_policies_are_read(
    language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / f"privacy-{language}.txt"
    source.write_text(SHORT_POLICIES[language], encoding="utf-8")
    code, err = run(["policy", str(source), "--out", str(tmp_path / "out")], capsys)
    assert code == 0, err
    assert (tmp_path / "out" / "report.json").is_file()


@pytest.mark.parametrize(
    "text",
    [COOKIE_NOTICE, *SHORT_POLICIES.values()],
    ids=["cookie-notice", *sorted(SHORT_POLICIES)],
)
def test_short_policies_as_html_pages_are_read(text: str) -> None:
    """The same texts as a page with a title and paragraphs, as a site serves them."""
    title, body = text.split("\n", 1)
    page = f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1>"
    page += "".join(f"<p>{para}</p>" for para in body.split("\n\n")) + "</main></body></html>"
    verdict = judge(read_policy(page.encode(), "text/html", "https://www.example.nl/privacy"))
    assert verdict.is_policy, verdict


def test_a_long_policy_is_not_rejected_for_a_low_share() -> None:
    """Many sentences on other things (a shop's story) do not hide a real policy part."""
    story = "Our bakery opened in 1932 and still bakes bread every morning. " * 60
    text = f"About us\n\n{story}\n\n{SHORT_POLICIES['en']}\n{COOKIE_NOTICE}" * 3
    verdict = judge(read_policy(text.encode(), "text/plain", "about.txt"))
    assert verdict.is_policy, verdict


def test_terms_of_sale_in_dutch_are_rejected() -> None:
    text = TERMS_OF_SALE.replace("Terms and conditions of sale", "Algemene voorwaarden")
    verdict = judge(read_policy(text.encode(), "text/plain", "voorwaarden.txt"))
    assert not verdict.is_policy
    assert "Algemene voorwaarden" in verdict.reason


def scan_reading(content: bytes, content_type: str) -> Scan:
    """A scan with a third-party tracker whose policy link led to ``content``."""
    phases = {name: PhaseResult(name=name) for name in PHASES}
    tracker = Attribution(owner="Google LLC", country="US", category="analytics", tracker=True)
    phases["pre-consent"].requests.append(
        request_record("www.google-analytics.com", third_party=True, attribution=tracker)
    )
    scan = Scan(target="https://www.example.nl/", started_at=iso_utc(), phases=phases)
    pipeline = PolicyPipeline(SimpleNamespace(spider=SimpleNamespace(scan=scan)))  # type: ignore[arg-type]
    document = PolicyDocument(
        url="https://www.example.nl/privacy",
        kind="privacy",
        found_via="footer link",
        content=content,
        content_type=content_type,
        status=200,
    )
    pipeline.process_item(document)
    scan.findings = run_checks(scan)
    return scan


def test_scan_reports_the_rejected_document_and_tp00(tmp_path: Path) -> None:
    page = f"<html><head><title>Terms</title></head><body><pre>{PASSWD}</pre></body></html>"
    scan = scan_reading(page.encode(), "text/html")
    assert scan.policy is None
    [rejected] = scan.policy_rejected
    assert rejected["url"] == "https://www.example.nl/privacy"
    assert "not running text" in rejected["reason"]
    assert "TP-00" in {finding.id for finding in scan.findings}
    options = ScanOptions(url=scan.target, out_dir=tmp_path, formats=("json", "html"), lang="en")
    document = write_reports(scan, options)
    assert document["policy"] is None
    assert document["policy_rejected"] == [rejected]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Not read as a privacy policy:" in html
    assert '<span class="url">https://www.example.nl/privacy</span> (it is not running' in html


def test_scan_reads_a_genuine_policy_without_rejection() -> None:
    scan = scan_reading(SHORT_POLICIES["nl"].encode(), "text/plain")
    assert scan.policy is not None
    assert scan.policy_rejected == []
    assert "TP-00" not in {finding.id for finding in scan.findings}


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="needs /etc/passwd")
def test_the_issue_example_etc_passwd(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The report in the issue: ``privacyscan policy /etc/passwd`` gave five medium findings."""
    code, err = run(["policy", "/etc/passwd", "--out", str(tmp_path)], capsys)
    assert code == 2
    assert err.startswith("privacyscan: error: /etc/passwd: not a privacy policy")
    assert os.listdir(tmp_path) == []


TERMS_URL = "https://www.kleineporties.nl/algemene-voorwaarden/"


def test_policy_command_on_a_terms_page_url_exits_2(web: FixtureWeb, tmp_path: Path) -> None:
    """Through the browser: the demo site's terms page is fetched, read and refused."""
    done = run_cli(
        "policy", TERMS_URL, "--out", str(tmp_path), "--host-rules", web.host_rules,
        "--ignore-https-errors",
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert f"{TERMS_URL}: not a privacy policy: it is titled as another document" in line


def test_scan_given_a_terms_page_as_policy_reports_it_rejected(scan_site) -> None:
    """A whole scan of a shop with trackers: the rejected document is in report.json, there is
    no policy block, and TP-00 is raised."""
    run = scan_site("https://www.shop-fixture.nl/", "--max-pages", "1", "--policy", TERMS_URL)
    assert run.exit_code == 0, run.stderr
    assert run.report["policy"] is None
    [rejected] = run.report["policy_rejected"]
    assert rejected["url"] == TERMS_URL
    assert "titled as another document" in rejected["reason"]
    assert "TP-00" in {finding["id"] for finding in run.report["findings"]}


def test_large_non_policies_are_refused_before_reading() -> None:
    """Reading is slow (seconds per 100 KB): binary and large vocabulary-free files are refused
    first, while large genuine policies, in cp1252 or with HTML entities, pass on."""
    with pytest.raises(NotAPolicy, match="not running text"):
        precheck(bytes(range(256)) * 8000, "text/plain", "big.bin")
    with pytest.raises(NotAPolicy, match="never mentions"):
        precheck((NEWS_ARTICLE * 600).encode(), "text/plain", "big.txt")
    precheck((SHORT_POLICIES["fr"] * 800).encode("cp1252"), "text/plain", "big-fr.txt")
    filler = "<p>" + "Het weer is mooi vandaag. " * 40 + "</p>"
    page = filler * 300 + "<p>Vos donn&eacute;es sont trait&eacute;es par nous.</p>"
    precheck(page.encode(), "text/html", "big.html")
    precheck(b"%PDF-1.7" + bytes(300_000), "application/pdf", "big.pdf")  # only the reader knows
