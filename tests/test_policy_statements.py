"""Transfer bases, consent model, retention, EU-only claims and segmentation on unseen wording.

Every sentence is invented for these tests. They add to tests/test_policy_wording.py the variants
that a blind corpus showed: art. 49(1)(a) written out in words, adequacy decisions naming a
country, the Privacy Shield told as history in Dutch, "we don't ask for your consent", continued
use worded as in a banner, records archived for a legal duty, "au sein de l'EEE et du
Royaume-Uni", and markup a CMS escaped or wrapped.
"""

from __future__ import annotations

import pytest

from scanner.policy.analyse import analyse_document
from scanner.policy.model import DeclaredPolicy


def read_text(text: str, source: str = "policy.txt") -> DeclaredPolicy:
    return analyse_document(text.encode(), "text/plain", source)


def read_html(body: str, lang: str) -> DeclaredPolicy:
    page = f"<!doctype html><html lang='{lang}'><head><title>Privacy</title></head>"
    html = f"{page}<body><main>{body}</main></body></html>"
    return analyse_document(html.encode(), "text/html", "policy.html")


def mechanisms(text: str) -> list[tuple[str, bool]]:
    return sorted((t.mechanism, t.current) for t in read_text(text).transfers)


# -- transfer mechanisms --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Met uw uitdrukkelijke toestemming, zoals bedoeld in artikel 49, eerste lid, onder a, "
        "van de AVG, geven wij uw boeking door aan ons partnerhotel in de VS.",
        "Nous transférons votre réservation aux États-Unis sur la base de votre consentement "
        "explicite (article 49, paragraphe 1, point a du RGPD).",
        "Wenn Sie auf „Weiter“ klicken, willigen Sie gemäß Art. 49 Abs. 1 lit. a DSGVO ein, dass "
        "Ihre Anfrage an unseren Partner in Kanada geht.",
        "By pressing the button you explicitly consent, under Art. 49(1)(a) GDPR, to our booking "
        "partner in the US receiving your name.",
    ],
)
def test_art49_consent_written_out(text: str) -> None:
    assert mechanisms(text) == [("art49-consent", True)]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Voor Zwitserland bestaat een adequaatheidsbesluit van de Europese Commissie.", "CH"),
        ("Für das Vereinigte Königreich liegt ein Angemessenheitsbeschluss vor.", "GB"),
        ("Le Japon bénéficie d'une décision d'adéquation de la Commission européenne.", "JP"),
        ("Canada is covered by an adequacy decision of the European Commission.", "CA"),
    ],
)
def test_adequacy_decision_names_its_country(text: str, country: str) -> None:
    transfers = read_text(text).transfers
    assert [(t.mechanism, t.countries) for t in transfers] == [("adequacy", [country])]


def test_privacy_shield_as_history_or_as_current_basis() -> None:
    history = (
        "Vroeger gebruikte Mailkite het Privacy Shield; nu gebruiken zij "
        "standaardcontractbepalingen voor de doorgifte naar de VS."
    )
    assert mechanisms(history) == [("privacy-shield", False), ("scc", True)]
    french = (
        "Précédemment, Mailkite était certifiée Privacy Shield ; le transfert repose désormais "
        "sur les clauses contractuelles types."
    )
    assert mechanisms(french) == [("privacy-shield", False), ("scc", True)]
    assert mechanisms("Mailkite is certified under the EU-US Privacy Shield.") == [
        ("privacy-shield", True)
    ]


# -- consent model --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We don't ask for your consent before these cookies are set.",
        "Wij vragen geen toestemming voordat deze cookies worden geplaatst.",
        "Wir fragen nicht nach Ihrer Einwilligung, bevor diese Cookies gesetzt werden.",
        "Nous ne demandons pas votre consentement avant le dépôt de ces cookies.",
        "For the use of these cookies no prior consent of the user of our website is needed.",
        "Pour ces cookies, aucun consentement de la part des visiteurs de notre site n'est requis.",
    ],
)
def test_consent_not_asked_is_model_none(text: str) -> None:
    policy = read_text(text)
    assert policy.consent_model == "none"
    assert policy.claim("consent-before-cookies") is None


@pytest.mark.parametrize(
    "text",
    [
        "Als u onze website blijft gebruiken, gaan wij ervan uit dat u instemt met cookies.",
        "Wenn Sie weiter auf dieser Website surfen, stimmen Sie der Nutzung von Cookies zu.",
        "En poursuivant votre navigation, vous acceptez le dépôt de cookies.",
        "By continuing to browse this site you agree to our use of cookies.",
    ],
)
def test_continued_use_is_implied_consent(text: str) -> None:
    assert read_text(text).consent_model == "implied"


def test_continued_use_of_a_changed_policy_is_no_cookie_consent() -> None:
    text = "If you continue to use the site after we change this policy, you accept the change."
    assert read_text(text).consent_model == "unknown"


# -- retention ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wir archivieren Buchungsbelege zehn Jahre lang, wie es das Handelsgesetzbuch verlangt.",
        "Nous gardons les factures pendant dix ans, conformément à nos obligations légales.",
        "Orderbevestigingen archiveren wij zeven jaar vanwege de fiscale bewaarplicht.",
        "We archive payroll records for six years, as the tax authority requires.",
    ],
)
def test_records_archived_for_a_legal_duty_state_retention(text: str) -> None:
    assert read_text(text).elements["retention"].present


# -- EU-only claims -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Vos données restent au sein de l'EEE et du Royaume-Uni.",
        "Vos données sont stockées uniquement au sein de l'Union européenne.",
        "Je gegevens blijven binnen de EER en het VK.",
        "Your data stays within the EEA and the UK.",
    ],
)
def test_eu_only_claim_with_articles_and_the_uk(text: str) -> None:
    assert read_text(text).claim("no-transfer-outside-eu"), text


# -- segmentation ---------------------------------------------------------------------------


def test_wrapped_markdown_paragraph_is_one_sentence() -> None:
    text = (
        "## Doorgifte\n\n"
        "Voor de doorgifte naar onze partner in de VS gebruiken wij de\n"
        "modelcontractbepalingen die de Europese Commissie heeft\n"
        "vastgesteld.\n"
    )
    policy = read_text(text, "privacy.md")
    assert policy.sentences == 2  # the heading and one sentence
    assert [t.mechanism for t in policy.transfers] == ["scc"]


def test_escaped_headings_are_repaired_into_sections() -> None:
    body = (
        "<div>Inleiding.&lt;/p&gt;&lt;h2&gt;Hosting&lt;/h2&gt;&lt;p&gt;De site wordt gehost "
        "bij Serverhuis.&lt;/p&gt;&lt;h2 class=&quot;kop&quot;&gt;Rechten&lt;/h2&gt;&lt;p&gt;"
        "U kunt uw gegevens inzien.</div>"
    )
    policy = read_html(body, "nl")
    assert [p.name for p in policy.parties] == ["Serverhuis"]
    assert policy.sentences == 5


def test_a_tool_that_keeps_invoices_states_retention() -> None:
    text = "Our bookkeeping (Ledgerfox) keeps invoices for six years, as the tax office requires."
    assert read_text(text).elements["retention"].present


@pytest.mark.parametrize(
    ("content", "content_type", "source"),
    [
        (
            "<div>&amp;lt;p&amp;gt;Our site is hosted by Cloudbarn.&amp;lt;/p&amp;gt;&amp;lt;h2"
            "&amp;gt;Rights&amp;lt;/h2&amp;gt;&amp;lt;p&amp;gt;You may ask us.</div>",
            "text/html",
            "policy.html",
        ),
        (
            "&lt;p&gt;Our site is hosted by Cloudbarn.&lt;/p&gt;&lt;h2&gt;Rights&lt;/h2&gt;"
            "&lt;p&gt;You may ask us.&lt;/p&gt;",
            "text/plain",
            "policy.txt",
        ),
        (
            "<p>Our site is hosted by Cloudbarn.</p><h2>Rights</h2><p>You may ask us.</p>",
            "text/markdown",
            "policy.md",
        ),
    ],
)
def test_markup_escaped_twice_or_left_in_a_text_export_is_repaired(
    content: str, content_type: str, source: str
) -> None:
    policy = analyse_document(content.encode(), content_type, source)
    assert policy.sentences == 3
    assert [p.name for p in policy.parties] == ["Cloudbarn"]


def test_markdown_with_a_line_break_tag_stays_markdown() -> None:
    text = "# Privacy\n\n## Hosting\n\nOur site is hosted by Cloudbarn.<br>\nAsk us anything.<br>\n"
    policy = read_text(text, "privacy.md")
    assert policy.sentences == 4  # two headings, two sentences


@pytest.mark.parametrize(
    "text",
    [
        "Door op 'Akkoord' te klikken geeft u, overeenkomstig de AVG, uitdrukkelijk toestemming "
        "voor het doorgeven van uw reserveringsgegevens aan onze partner in de Verenigde Staten.",
        "Mit dem Klick auf „Buchen“ willigen Sie ausdrücklich ein, dass Ihre Buchungsdaten, die "
        "wir für die Reservierung benötigen, an unseren Partner in den USA übermittelt werden.",
        "En cliquant sur « Réserver », vous consentez expressément au transfert de vos données "
        "vers notre partenaire aux États-Unis.",
        "By ticking the box, you expressly agree that your booking details may be transferred to "
        "our partner in the United States.",
    ],
)
def test_explicit_consent_to_a_transfer_across_a_long_sentence(text: str) -> None:
    assert mechanisms(text) == [("art49-consent", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Bis zum Urteil des EuGH im Juli 2020 stützte sich der Transfer auf das Privacy Shield.",
        "Jusqu'en 2020, le transfert reposait sur le Privacy Shield.",
        "Tot 2020 was Mailkite aangesloten bij het Privacy Shield.",
        "Mailkite relied on the Privacy Shield.",
    ],
)
def test_privacy_shield_told_in_the_past_tense_is_history(text: str) -> None:
    assert mechanisms(text) == [("privacy-shield", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Cookies can be disabled in your browser; we do not use a cookie banner.",
        "Wij gebruiken geen cookiebanner; cookies kunt u uitzetten in uw browser.",
        "Wir zeigen keinen Cookie-Banner, weil wir nur notwendige Cookies setzen.",
        "Nous n'affichons pas de bandeau cookies.",
        "Analytics cookies are set on an opt-out basis.",
        "Statistiekcookies plaatsen we op basis van opt-out.",
    ],
)
def test_no_banner_or_opt_out_basis_is_model_none(text: str) -> None:
    assert read_text(text).consent_model == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Ihre Daten werden ausschließlich auf Servern im Europäischen Wirtschaftsraum gespeichert.",
        "Wir übermitteln keine Daten in Länder außerhalb der EU.",
        "Nous ne transférons pas vos données en dehors de l'Union européenne.",
        "Wij geven geen gegevens door naar landen buiten de Europese Unie.",
    ],
)
def test_eu_only_claim_with_the_eea_spelled_out_or_the_data_negated(text: str) -> None:
    assert read_text(text).claim("no-transfer-outside-eu"), text


@pytest.mark.parametrize(
    "text",
    [
        "There is no adequacy decision for countries outside the EU such as the US.",
        "Es gibt keinen Angemessenheitsbeschluss für Länder außerhalb der EU.",
    ],
)
def test_a_negation_about_something_else_is_no_eu_only_claim(text: str) -> None:
    assert read_text(text).claim("no-transfer-outside-eu") is None
