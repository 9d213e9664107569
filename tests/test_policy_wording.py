"""The policy reader on the wording small sites really use: one test per pattern that broke it.

Every company, product and sentence here is invented for the test. Each test names a wording that
the reader used to miss (a recipient named outside the tables, a transfer basis wrapped over
three lines, a retention duty phrased as "we keep invoices for seven years") or to misread (an
example, a referrer list or the site's own profile taken for a recipient).
"""

from __future__ import annotations

from scanner.model import Attribution
from scanner.policy.analyse import analyse_document
from scanner.policy.model import DeclaredPolicy
from tests.test_policy_rules import cookie_record, request, scan_with, scan_with_cookies


def read_text(text: str, source: str = "policy.txt") -> DeclaredPolicy:
    return analyse_document(text.encode(), "text/plain", source)


def read_html(body: str, title: str = "Privacy", lang: str = "nl") -> DeclaredPolicy:
    page = f"<!doctype html><html lang='{lang}'><head><title>{title}</title></head>"
    return analyse_document(f"{page}<body><main>{body}</main></body></html>".encode(), "text/html",
                            "policy.html")  # fmt: skip


def party_names(policy: DeclaredPolicy) -> set[str]:
    return {p.name for p in policy.parties}


# -- 1. recipients the tables do not know ---------------------------------------------------


def test_services_listed_under_a_lead_in_are_recipients() -> None:
    policy = read_html(
        "<h2>Tools</h2><p>For the club we use the following services:</p>"
        "<ul><li>Ledgerkite</li><li>Rosterbird (training schedules)</li>"
        "<li>Mailharbour for the newsletter</li></ul>",
        lang="en",
    )
    assert {"Ledgerkite", "Rosterbird", "Mailharbour"} <= party_names(policy)


def test_data_stored_by_a_named_helpdesk_tool() -> None:
    nl = read_text("Vragen die je ons stuurt worden opgeslagen bij Vraagbaak Desk.")
    de = read_text("Ihre Anfragen werden bei Ticketkiste gespeichert und nach Abschluss gelöscht.")
    en = read_text("Support e-mails are stored by Helpnook and deleted after a year.")
    assert "Vraagbaak Desk" in party_names(nl)
    assert "Ticketkiste" in party_names(de)
    assert "Helpnook" in party_names(en)


def test_data_sent_or_passed_on_to_a_named_service() -> None:
    nl = read_text("Voor een beoordeling geven we je naam door aan Beoordeelhuis.")
    en = read_text("Your delivery address is shared with Parcelwing.")
    fr = read_text("Votre adresse est communiquée à Colisroute pour la livraison.")
    de = read_text("Ihre Daten werden nicht an Dritte weitergegeben, nur an Server in der EU.")
    assert "Beoordeelhuis" in party_names(nl)
    assert "Parcelwing" in party_names(en)
    assert "Colisroute" in party_names(fr)
    assert party_names(de) == set()


def test_bookkeeping_service_named_in_brackets() -> None:
    policy = read_text("Facturen maken we in onze boekhouding (Kasboek Online).")
    assert "Kasboek Online" in party_names(policy)


def test_firm_named_after_its_role() -> None:
    nl = read_text("De facturen gaan naar ons administratiekantoor Veldkamp & Zn. in Zwolle.")
    de = read_text("Die Lohnabrechnung erstellt unsere Steuerberaterin Hollweg & Kranz.")
    assert "Administratiekantoor Veldkamp & Zn" in party_names(nl)
    assert "Hollweg & Kranz" in party_names(de)


def test_banks_that_process_payments() -> None:
    policy = read_text("Betalingen worden verwerkt door Zilverbank, Kustspaar en Noorderkas.")
    assert {"Zilverbank", "Kustspaar", "Noorderkas"} <= party_names(policy)


def test_small_analytics_tool_named_once() -> None:
    en = read_text("We count visits with Kliktal, which sets no cookies.")
    nl = read_text("Bezoeken tellen we met Teller Tuin, zonder cookies.")
    assert "Kliktal" in party_names(en)
    assert "Teller Tuin" in party_names(nl)


# -- 2. names that are not recipients -------------------------------------------------------


def test_locally_installed_font_is_no_recipient() -> None:
    nl = read_text(
        "De lettertypen van Google Fonts zijn lokaal geïnstalleerd, zodat er geen verbinding "
        "met de servers van Google wordt gemaakt. Bezoeken tellen we met Kliktal."
    )
    fr = read_text(
        "Les polices Google Fonts sont installées localement : aucune connexion aux serveurs de "
        "Google n'est établie."
    )
    assert party_names(nl) == {"Kliktal"}
    assert party_names(fr) == set()


def test_social_account_without_plugins_is_no_recipient() -> None:
    nl = read_text(
        "Wij hebben geen social plugins op de site, al hebben we wel een account op Instagram."
    )
    en = read_text("We have no social plugins, although we do have an account on Pinterest.")
    assert party_names(nl) == set()
    assert party_names(en) == set()


def test_examples_and_referrers_are_no_recipients() -> None:
    en = read_text(
        "We count visits with Kliktal. "
        "Articles may include embedded content, e.g. YouTube videos. "
        "Visitors reach us via Google, Bing, Facebook etc."
    )
    assert party_names(en) == {"Kliktal"}


def test_own_social_profiles_are_no_recipients() -> None:
    nl = read_text("Clubnieuws vind je op onze Facebookpagina en ons Instagram-account.")
    de = read_text("Folgen Sie uns auf LinkedIn.")
    assert party_names(nl) == set()
    assert party_names(de) == set()


def test_controller_named_in_the_title_is_no_recipient() -> None:
    policy = read_html(
        "<p>Je gegevens worden opgeslagen bij Spaarnestroom zelf en bij Ledenwolk.</p>",
        title="Privacyverklaring | Spaarnestroom",
    )
    assert party_names(policy) == {"Ledenwolk"}


# -- 3. segmentation that follows paragraphs ------------------------------------------------


GERMAN_WRAPPED = (
    "Die Übermittlung Ihrer Buchungsdaten an unseren Partner in den USA erfolgt auf Grundlage\n"
    "Ihrer ausdrücklichen Einwilligung nach Art. 49 Abs. 1\n"
    "lit. a DSGVO, die Sie jederzeit widerrufen können.\n"
)


def test_hard_wrapped_plain_text_keeps_its_transfer_basis() -> None:
    policy = read_text(GERMAN_WRAPPED)
    assert [t.mechanism for t in policy.transfers] == ["art49-consent"]
    assert policy.sentences == 1


def test_line_breaks_inside_a_paragraph_are_joined() -> None:
    with_br = read_html(f"<p>{GERMAN_WRAPPED.replace(chr(10), '<br>')}</p>", lang="de")
    raw = read_html(f"<p>{GERMAN_WRAPPED}</p>", lang="de")
    for policy in (with_br, raw):
        assert [t.mechanism for t in policy.transfers] == ["art49-consent"]
        assert policy.sentences == 1


def test_entity_escaped_paragraphs_are_repaired() -> None:
    paragraphs = [f"Abschnitt {n}: Wir speichern Ihre Daten {n} Monate lang." for n in range(40)]
    body = "<p>" + "&lt;/p&gt;&lt;p&gt;".join(paragraphs) + "</p>"
    policy = read_html(body, lang="de")
    assert policy.sentences >= 40


def test_markdown_headings_bullets_and_links() -> None:
    text = (
        "# Privacy\n\n## Who receives your data\n\n"
        "We use the following services:\n\n"
        "- [Rosterbird](https://rosterbird.example/) for schedules\n"
        "* Ledgerkite for the accounts\n"
    )
    policy = read_text(text, "privacy.md")
    assert {"Rosterbird", "Ledgerkite"} <= party_names(policy)
    assert not any("](" in (p.evidence or "") for p in policy.parties)


# -- 4. mechanism wording -------------------------------------------------------------------


def test_scc_wording_variants() -> None:
    for wording in (
        "standaard contractuele bepalingen",
        "standaard-contractbepalingen",
        "standaardcontractbepalingen",
        "modelcontractbepalingen",
        "Standardvertragsklauseln (SCC)",
        "clauses contractuelles types",
        "clauses contractuelles standard",
    ):
        policy = read_text(f"Voor de doorgifte naar de VS gebruiken we {wording}.")
        assert [t.mechanism for t in policy.transfers] == ["scc"], wording
    versioned = read_text(
        "De doorgifte naar de VS baseren we op standaard contractuele bepalingen "
        "(Uitvoeringsbesluit C(2021) 3972)."
    )
    assert [t.mechanism for t in versioned.transfers] == ["scc-2021"]


# -- 5. consent model -----------------------------------------------------------------------


def test_consent_model_none_wordings() -> None:
    for text in (
        "Cookies kunt u alleen via de instellingen van uw browser weigeren.",
        "Sie können Cookies ausschließlich über die Einstellungen Ihres Browsers verwalten.",
        "For these cookies no prior consent of the user is needed.",
        "Pour ces cookies, aucun consentement préalable de l'utilisateur n'est requis.",
        "Toestemming is voor deze cookies niet vereist.",
        "Eine Einwilligung ist dafür nicht notwendig.",
        "Consent is not needed for the session cookie.",
    ):
        assert read_text(text).consent_model == "none", text


def test_implied_consent_by_using_the_website() -> None:
    for text in (
        "Door gebruik te maken van deze website geeft u toestemming voor het plaatsen van cookies.",
        "Durch die Nutzung dieser Website willigen Sie in die Verwendung von Cookies ein.",
        "En utilisant ce site, vous donnez votre accord au dépôt de cookies.",
        "By making use of this website, you give permission for cookies.",
    ):
        assert read_text(text).consent_model == "implied", text


def test_only_functional_cookies_stays_none_as_today() -> None:
    text = "Wij plaatsen alleen functionele cookies. Hiervoor is geen toestemming nodig."
    assert read_text(text).consent_model == "none"


# -- 6. retention for a legal duty ----------------------------------------------------------


def test_retention_for_a_legal_duty() -> None:
    for text in (
        "We keep invoices for seven years, as tax law requires.",
        "Rechnungen bewahren wir 10 Jahre auf (§ 147 AO).",
        "Les factures sont conservées 10 ans conformément au Code de commerce.",
    ):
        assert read_text(text).elements["retention"].present, text
    assert "TP-07" not in scan_with("We keep invoices for seven years, as tax law requires.")


# -- 7. EU-only claims with the United Kingdom ----------------------------------------------


def test_eu_only_claim_with_the_united_kingdom() -> None:
    for text in (
        "Your data stays within the EEA and the United Kingdom.",
        "Je gegevens blijven binnen de EER en het Verenigd Koninkrijk.",
        "Ihre Daten werden nur innerhalb des EWR und des Vereinigten Königreichs verarbeitet.",
    ):
        assert read_text(text).claim("no-transfer-outside-eu"), text
    ads = Attribution(owner="Adtrail Inc.", country="US", category="advertising", tracker=True)
    findings = scan_with(
        "Your data stays within the EEA and the United Kingdom.",
        request("px.adtrail.example", ads, "accept"),
    )
    assert "TR-06" in findings


# -- 8. CLM-08 tolerance --------------------------------------------------------------------


def test_cookie_lifetime_tolerance_follows_the_declared_unit() -> None:
    one_year = "Cookies\n\n_fbp: 1 jaar.\n"
    assert "CLM-08" in scan_with_cookies(one_year, cookie_record("_fbp", 400, "marketing"))
    assert "CLM-08" not in scan_with_cookies(one_year, cookie_record("_fbp", 366, "marketing"))
    months = "Cookies\n\n_fbp: 13 maanden.\n"
    assert "CLM-08" not in scan_with_cookies(months, cookie_record("_fbp", 395, "marketing"))
    two_years = "Cookies\n\n_ga: 2 jaar.\n"
    assert "CLM-08" not in scan_with_cookies(two_years, cookie_record("_ga", 400, "analytics"))
