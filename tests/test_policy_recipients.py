"""Recipients the reader must find, and names it must not take for recipients, in nl, de, fr, en.

Every company, product and sentence is invented for these tests. They extend
tests/test_policy_wording.py with the variants that broke the reader on unseen text: other verbs
and word orders for "stored by", role nouns with the product in brackets, lists after a colon,
a tool named with "we use" in a sentence about statistics; and, on the other side, referrer
lists, the owner's own profiles, courts, chambers and professional bodies.
"""

from __future__ import annotations

import pytest

from scanner.policy.analyse import analyse_document
from scanner.policy.model import DeclaredPolicy


def read_text(text: str) -> DeclaredPolicy:
    return analyse_document(text.encode(), "text/plain", "policy.txt")


def names(text: str) -> set[str]:
    return {p.name for p in read_text(text).parties}


# -- recipients the tables do not know ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vos données sont hébergées par Nuagix.", {"Nuagix"}),
        ("Your account data is hosted with Cloudbarn.", {"Cloudbarn"}),
        ("Die Mitgliederdaten werden bei der Vereinsfux GmbH gespeichert.", {"Vereinsfux GmbH"}),
        ("Uw gegevens worden opgeslagen in Ledenwolk, ons ledensysteem.", {"Ledenwolk"}),
    ],
)
def test_stored_or_hosted_by_a_named_tool(text: str, expected: set[str]) -> None:
    assert names(text) == expected


def test_stored_at_a_company_is_no_controller() -> None:
    policy = read_text("Die Mitgliederdaten werden bei der Vereinsfux GmbH gespeichert.")
    assert policy.controller.name != "Vereinsfux GmbH"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rechnungen erstellen wir mit unserer Buchhaltungssoftware (Zahlwerk).", "Zahlwerk"),
        ("Nous facturons avec notre logiciel de comptabilité (Comptaboo).", "Comptaboo"),
        ("Facturen versturen we vanuit ons boekhoudprogramma (Kasboek.nu).", "Kasboek.nu"),
        ("Invoices come from our bookkeeping (Ledgerkite).", "Ledgerkite"),
    ],
)
def test_product_in_brackets_after_its_role(text: str, expected: str) -> None:
    assert names(text) == {expected}


def test_bracket_after_a_name_is_a_description_and_an_abbreviation_no_name() -> None:
    listed = read_text("Wir nutzen folgende Dienste:\n\n- Vereinsfux\n- Kassenheld (Buchhaltung)\n")
    assert {p.name for p in listed.parties} == {"Vereinsfux", "Kassenheld"}
    assert names("We keep your data in our customer relationship system (CRM).") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Betalingen lopen via Zilverbank, Kustspaar of Noorderkas.", 3),
        ("Payments are processed by our banks: Harbour Bank, Northkas and Tillbank.", 3),
        ("Les paiements sont traités par Banque Littorale et Crédit Dunes.", 2),
        ("Zahlungen laufen über die Kreissparkasse Ulm und die Volksbank Alb.", 2),
    ],
)
def test_every_bank_of_a_payment_list(text: str, expected: int) -> None:
    assert len(names(text)) == expected, names(text)


def test_list_of_recipients_ends_at_an_apposition_or_address() -> None:
    text = (
        "Der Versand erfolgt über Postfalke, einen Dienst der Falke Logistik AG, Hafenweg 5, "
        "Suite 12, Bremen, DE 28195."
    )
    assert names(text) == {"Postfalke", "Falke Logistik AG"}


def test_legal_form_keeps_its_stop_inside_a_list() -> None:
    found = names("Onze declaraties lopen via Declaratiehuis Oost B.V., die de nota's verstuurt.")
    assert found == {"Declaratiehuis Oost B.V."}


@pytest.mark.parametrize(
    "text",
    [
        "We use Pagecount to see which pages are read.",
        "Voor statistieken gebruiken we Pagecount.",
        "Wij gebruiken Pagecount om bezoeken te tellen.",
        "Wir verwenden Pagecount, um Besuche zu zählen.",
        "Nous utilisons Pagecount pour mesurer l'audience.",
    ],
)
def test_small_analytics_tool_named_with_we_use(text: str) -> None:
    assert names(text) == {"Pagecount"}


def test_we_use_without_a_statistics_purpose_names_nobody() -> None:
    assert names("Wir verwenden Cookies, um Besuche zu zählen.") == set()
    assert names("Diese Website nutzt Funktionen des Statistikdienstes.") == set()
    assert names("We use Pagecount for the layout of our pages.") == set()


# -- names that are not recipients ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Our server logs record the referring site, such as Google or Bing, etc.",
        "Le serveur enregistre le site référent, par exemple Google ou Bing.",
        "Onze logbestanden bevatten de herkomst van uw bezoek, zoals Google of Bing enz.",
        "Gespeichert wird die zuvor besuchte Seite (z. B. Google oder Bing).",
    ],
)
def test_referrer_examples_are_no_recipients(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Wij zijn te vinden op Facebook en Instagram.",
        "Retrouvez-nous sur Facebook et Instagram.",
        "We have a Facebook page and an Instagram account.",
        "Wir sind auch auf Instagram und Facebook vertreten.",
        "Es werden keine Daten an Instagram übertragen, solange Sie den Link nicht anklicken.",
    ],
)
def test_own_profiles_and_links_are_no_recipients(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Geschillen worden voorgelegd aan de Rechtbank Gelderland.",
        "Wij zijn lid van de Orde van Advocaten Arnhem.",
        "Zuständige Kammer ist die Rechtsanwaltskammer Celle.",
        "Membre de l'Ordre des Experts-Comptables de Lyon.",
        "You may complain to the Data Protection Commission in Dublin.",
        "Sie können sich bei der Landesbeauftragten für Datenschutz beschweren.",
    ],
)
def test_courts_chambers_and_authorities_are_no_recipients(text: str) -> None:
    assert names(text) == set()


def test_controller_by_its_short_name_is_no_recipient() -> None:
    text = (
        "Verantwortlich ist die Rotorfix Technik GmbH, Mühlweg 3, 89073 Ulm.\n\n"
        "Ihre Anfragen werden bei Rotorfix gespeichert und bei Ticketkiste bearbeitet.\n"
    )
    found = names(text)
    assert "Rotorfix" not in found
    assert read_text(text).controller.name == "Rotorfix Technik GmbH"


# -- a tool named by what it does for the site ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Voor het versturen van de nieuwsbrief gebruiken wij Briefduif.", "Briefduif"),
        ("Onze webshop maakt gebruik van Betaalzeker voor de betalingen.", "Betaalzeker"),
        ("Für den Newsletter nutzen wir Postkasten Pro.", "Postkasten Pro"),
        ("Pour l'envoi de notre lettre d'information, nous utilisons Courrielo.", "Courrielo"),
        ("We use Bookly to take table reservations.", "Bookly"),
        ("Afspraken maak je via Knipagenda.", "Knipagenda"),
        ("Termine vereinbaren Sie über Terminfix.", "Terminfix"),
        ("Les rendez-vous sont pris via Agendo.", "Agendo"),
        ("Appointments are booked through Slotwise.", "Slotwise"),
        ("Die Mitgliederverwaltung erfolgt mit Vereinsfux.", "Vereinsfux"),
        ("Onze ledenadministratie doen we met Ledenwolk.", "Ledenwolk"),
        ("Onze website is gebouwd met Sitebouwer en wordt daar ook gehost.", "Sitebouwer"),
        ("Kurse buchen Sie über die Buchungsplattform Yogaslot.", "Yogaslot"),
    ],
)
def test_tool_named_with_its_purpose(text: str, expected: str) -> None:
    assert names(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Cloudbarn verzorgt de hosting van onze website.",
        "Cloudbarn ist unser Hoster.",
        "Cloudbarn est notre hébergeur.",
        "Cloudbarn is our hosting provider.",
        "Cloudbarn hosts our website in Frankfurt.",
    ],
)
def test_name_that_does_the_service(text: str) -> None:
    assert names(text) == {"Cloudbarn"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We work with Parcelwing to deliver your order.", "Parcelwing"),
        ("Wij werken samen met Pakketpost voor de bezorging.", "Pakketpost"),
        ("Nous faisons appel à Colisroute pour la livraison.", "Colisroute"),
        ("Wir arbeiten mit Paketblitz zusammen, um Ihre Bestellung zu liefern.", "Paketblitz"),
    ],
)
def test_partner_we_work_with(text: str, expected: str) -> None:
    assert names(text) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Wir verwenden Double-Opt-In für den Newsletter.",
        "Wir verwenden SSL-Verschlüsselung für die Übertragung der Buchung.",
        "Sie werden über das Setzen von Cookies für die Statistik informiert.",
        "Sie können den Newsletter über den Abmeldelink abbestellen.",
        "Mit Hilfe des Zählpixels messen wir Besuche.",
        "Wir nutzen Newsletter-Software für den Versand.",
        "We rely on the Standard Contractual Clauses for the hosting.",
        "Dit is onze hostingprovider.",
        "Wij werken samen met de Belastingdienst.",
        "Anreise mit Hund ist nach Reservierung möglich.",
    ],
)
def test_nouns_and_pronouns_around_a_purpose_are_no_names(text: str) -> None:
    assert names(text) == set()


def test_a_name_read_twice_is_one_party() -> None:
    text = "Zahlungen werden über die Kreissparkasse Ulm und die Volksbank Alb abgewickelt."
    assert names(text) == {"Kreissparkasse Ulm", "Volksbank Alb"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orders are shipped by Gullpost or Quaycourier.", {"Gullpost", "Quaycourier"}),
        ("Pakketten worden bezorgd door Fietskoerier Noord.", {"Fietskoerier Noord"}),
        ("Ihre Bestellung wird durch Paketblitz zugestellt.", {"Paketblitz"}),
        ("Vos colis sont expédiés par Colisroute.", {"Colisroute"}),
    ],
)
def test_carriers_that_deliver(text: str, expected: set[str]) -> None:
    assert names(text) == expected


def test_a_bank_named_by_one_word_in_a_payment_sentence() -> None:
    assert names("Betalingen lopen via de pinautomaat van Zeeuwbank.") == {"Zeeuwbank"}
    assert names("Die Zahlung per Lastschrift erfolgt über die Stadtsparkasse.") == {
        "Stadtsparkasse"
    }
    assert names("Zahlungsdaten werden in unserer Datenbank gespeichert.") == set()
    assert names("Die Zahlung per Lastschrift wickelt Ihre Sparkasse ab.") == set()


def test_own_profile_in_dutch_word_order_and_a_tax_office_we_work_with() -> None:
    assert names("Op Facebook en Instagram zijn we ook te vinden.") == set()
    found = names("Für die Buchhaltung arbeiten wir mit dem Steuerbüro Keller zusammen.")
    assert found == {"Steuerbüro Keller"}


@pytest.mark.parametrize(
    "text",
    [
        "Wenn Sie über eine Suchmaschine wie Google auf unsere Seite kommen, sehen wir das.",
        "If you arrive from a search engine such as Google or Bing, your browser tells us.",
        "Als u via een zoekmachine als Google of Bing op onze site komt, zien wij dat.",
        "Si vous arrivez depuis un moteur de recherche comme Google ou Qwant, nous le voyons.",
    ],
)
def test_search_engines_given_as_examples_are_no_recipients(text: str) -> None:
    assert names(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Wir verzichten auf Google Analytics und das Facebook-Pixel.",
        "Nous avons renoncé à Google Analytics.",
        "Wij hebben Google Analytics verwijderd en gebruiken het niet meer.",
        "We no longer use Hotjar.",
    ],
)
def test_a_tool_given_up_is_no_recipient(text: str) -> None:
    assert names(text) == set()


def test_french_controller_with_its_form_first_is_no_recipient() -> None:
    text = (
        "Le responsable du traitement est la SARL Atelier Lune, 12 rue des Lilas, 69003 Lyon.\n\n"
        "Les commandes sont stockées par Atelier Lune et hébergées par Nuagix.\n"
    )
    policy = read_text(text)
    assert policy.controller.name == "SARL Atelier Lune"
    assert {p.name for p in policy.parties} == {"Nuagix"}


# -- lists of recipients --------------------------------------------------------------------


@pytest.mark.parametrize("source", ["policy.md", "policy.txt"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wie ontvangt uw gegevens?\n\n- Ledenwolk (leden)\n- Kassabon\n",
            {"Ledenwolk", "Kassabon"},
        ),
        ("Wer erhält Ihre Daten?\n\n- Vereinsfux\n- Kassenheld\n", {"Vereinsfux", "Kassenheld"}),
        (
            "Qui a accès à vos données ?\n\n- Nuagix (hébergement)\n- Comptaboo\n",
            {"Nuagix", "Comptaboo"},
        ),
        (
            "Our processors\n\n- Hosting \u2013 Cloudbarn, Frankfurt\n- Email \u2013 Briefduif\n",
            {"Cloudbarn", "Briefduif"},
        ),
        (
            "Wij delen gegevens met:\n\n- Hosting: Cloudbarn\n- Boekhouding: Kasboek Online\n",
            {"Cloudbarn", "Kasboek Online"},
        ),
        (
            "Nos sous-traitants\n\n- Nuagix, hébergeur, Roubaix\n- Comptaboo, logiciel\n",
            {"Nuagix", "Comptaboo"},
        ),
        ("Ontvangers\n\n- Onze medewerkers\n- De Belastingdienst\n- Uw verzekeraar\n", set()),
        ("Recipients\n\n- Banks\n- Couriers\n- Hosting\n", set()),
        ("Your rights\n\n- Access\n- Rectification\n- Erasure\n", set()),
    ],
)
def test_names_listed_under_a_recipients_heading_or_lead_in(
    text: str, expected: set[str], source: str
) -> None:
    policy = analyse_document(text.encode(), "text/plain", source)
    assert {p.name for p in policy.parties} == expected


def test_a_table_of_processors_names_its_recipients() -> None:
    markdown = (
        "## Verwerkers\n\n| Partij | Doel | Land |\n|---|---|---|\n"
        "| Cloudbarn B.V. | hosting | NL |\n| Briefduif | nieuwsbrief | NL |\n| Hosting | - | - |\n"
    )
    html = (
        "<!doctype html><html lang='de'><head><title>Datenschutz</title></head><body><main>"
        "<h2>Auftragsverarbeiter</h2><table><tr><th>Empfänger</th><th>Zweck</th></tr>"
        "<tr><td>Vereinsfux GmbH</td><td>Mitgliederverwaltung</td></tr>"
        "<tr><td>Kassenheld</td><td>Buchhaltung</td></tr></table></main></body></html>"
    )
    cookies = "| Name | Anbieter | Speicherdauer |\n|---|---|---|\n| sessid | Eigene | Sitzung |\n"
    assert names(markdown) == {"Cloudbarn B.V.", "Briefduif"}
    read = analyse_document(html.encode(), "text/html", "policy.html")
    assert {p.name for p in read.parties} == {"Vereinsfux GmbH", "Kassenheld"}
    assert names(cookies) == set()


def test_channels_named_beside_a_provider_are_no_names() -> None:
    assert names("Termine vereinbaren Sie via Telefon oder über Doctiplan.") == {"Doctiplan"}
    assert (
        names("Reservierungen sind über Formular, Telefon oder Kontaktformular möglich.") == set()
    )
    assert names("Newsletter-Anmeldung über Homepage und App.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Ihre Daten werden bei Zahlungsdienstleistern verarbeitet.",
        "Your data is shared with Payment Providers and Couriers.",
        "Uw gegevens worden gedeeld met Pakketdiensten en Betaaldienstverleners.",
    ],
)
def test_kinds_of_recipient_are_no_names(text: str) -> None:
    assert names(text) == set()


def test_a_brand_may_end_in_a_kind_of_recipient() -> None:
    assert names("Your data is shared with Cloudbarn Services.") == {"Cloudbarn Services"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Es werden keine Daten an Dritte gegeben, ausgenommen an Cloudbarn, unseren Hoster.",
            {"Cloudbarn"},
        ),
        ("Wij verstrekken geen gegevens aan derden, behalve aan Ledenwolk.", {"Ledenwolk"}),
        (
            "We do not share your data with anyone except Cloudbarn, which hosts our site.",
            {"Cloudbarn"},
        ),
        (
            "Nous ne transmettons aucune donnée à des tiers, sauf à Nuagix, notre hébergeur.",
            {"Nuagix"},
        ),
        ("Es werden keine Daten an Instagram übertragen, außer Sie klicken auf den Link.", set()),
    ],
)
def test_the_exception_to_sharing_nothing_is_a_recipient(text: str, expected: set[str]) -> None:
    assert names(text) == expected
