"""Who is responsible for a policy: the controller's name, address, registration and e-mails.

Split from :mod:`scanner.policy.extract` because finding the controller is its own concern: the
name must come from the controller's own sentences (or the opening and contact block), never
from a sentence that names a recipient, and a third party's address (privacy@google.com) is not
a contact of the controller.
"""

from __future__ import annotations

import re

from scanner.classify.knowledge import lookup_host
from scanner.policy import lexicon
from scanner.policy.lexicon_context import PROCESSED_AT, PROCESSED_BY
from scanner.policy.lexicon_parties import FORM_FIRST_NAME
from scanner.policy.model import Controller, Email
from scanner.policy.parties import HOSTED_BY, LEGAL_NAME, RECIPIENT_CONTEXT, trim_name
from scanner.policy.segment import Sentence

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:[.,][\w-]+)*")
WELL_FORMED_EMAIL = re.compile(r"^[\w.+-]+@(?:[\w-]+\.)+[A-Za-z]{2,}$")
CONTACT = re.compile(
    r"contact|kontakt|impressum|colofon|mentions l[ée]gales|contatt|wie zijn wij|wer (wir|ist)"
    r"|qui sommes|who (we are|is)|about us|over ons",
    re.IGNORECASE,
)
REGISTRATION = re.compile(
    r"\b(?:KvK|KVK|Kamer van Koophandel|Handelsregister|HRB|HRA|SIREN|SIRET|RCS|Company number"
    r"|Company No\.?|Registernummer|Registergericht|Chamber of Commerce)\b"
    r"[^.;\n]{0,40}?\d[\d ]{4,}\d",
)
ADDRESS = re.compile(
    r"[A-Z][\w.'-]*(?:\s[\w.'-]+){0,3}\s\d+[a-zA-Z]?(?:[-/]\d+)?,?\s+(?:\d{4}\s?[A-Z]{2}|\d{4,5})"
    r"\s+[A-Z][\w'-]+"
    r"|\d+(?:bis|ter)?,?\s+(?:rue|avenue|boulevard|place|chemin|all[ée]e|quai|impasse)\s[^,]{2,40},"
    r"\s*\d{5}\s+[A-Z][\w'-]+",
)


def read_controller(sentences: list[Sentence]) -> Controller:
    """Who is responsible: a legal name in the controller's sentences or section, else the name
    those sentences open with ("Fietsenmakerij Bosman, gevestigd te ..."), else a legal name in
    the opening or contact sentences. Never a legal name from elsewhere: that is a recipient."""
    controller = Controller()
    # The controller's sentences, and the two after each ("Wer ist verantwortlich? Die ...").
    marked = [
        i
        for i, s in enumerate(sentences)
        if lexicon.CONTROLLER.search(s.text) or lexicon.CONTROLLER.search(s.section or "")
    ]
    named = [
        sentences[i]
        for i in sorted({j for i in marked for j in (i, i + 1, i + 2) if j < len(sentences)})
        if sentences[i].kind != "heading" and not sentences[i].text.endswith("?")
    ]
    opening = [
        s
        for s in sentences[:6] + [s for s in sentences if CONTACT.search(s.section or "")]
        if s.kind != "row"  # a table row lists recipients or cookies, not the controller
        and not any(
            p.search(s.text) for p in (RECIPIENT_CONTEXT, HOSTED_BY, PROCESSED_BY, PROCESSED_AT)
        )
    ]
    found = next(
        ((m, s) for s in [*named, *opening] for m in [LEGAL_NAME.search(s.text)] if m), None
    )
    form_first = next(((m, s) for s in named for m in [FORM_FIRST_NAME.search(s.text)] if m), None)
    if found:
        match, sentence = found
        controller.name = " ".join([*trim_name(match.group(1)).split(), match.group(2)])
        controller.evidence = sentence.text
    elif form_first:  # "Le responsable du traitement est la SARL Atelier Lune."
        match, sentence = form_first
        controller.name, controller.evidence = match.group(0), sentence.text
    else:
        leading = next(((n, s.text) for s in named for n in [_leading_name(s.text)] if n), None)
        leading = leading or _name_above_contact(sentences)
        if leading:
            controller.name, controller.evidence = leading
    for sentence in sentences:
        if controller.address is None and (found := ADDRESS.search(sentence.text)):
            controller.address = found.group(0)
        if controller.registration is None and (found := REGISTRATION.search(sentence.text)):
            controller.registration = found.group(0)
    seen: set[str] = set()
    for sentence in sentences:
        for raw in EMAIL.findall(sentence.text):
            address = raw.rstrip(".,")
            domain = address.split("@", 1)[1].replace(",", ".")
            if address in seen or lookup_host(domain) is not None:
                continue  # a third party's address (privacy@google.com) is not a contact
            seen.add(address)
            controller.emails.append(check_email(address, sentence.text))
    return controller


def _name_above_contact(sentences: list[Sentence]) -> tuple[str, str] | None:
    """The name line heading a contact block: "Fietsenmakerij Bosman / Langestraat 112 / ..."."""
    first = next((i for i, s in enumerate(sentences) if EMAIL.search(s.text)), None)
    for sentence in reversed(sentences[max(0, (first or 0) - 4) : first or 0]):
        name = None if re.search(r"\d", sentence.text) else _leading_name(sentence.text)
        if name and len(name.split()) <= 6:
            return name, sentence.text
    return None


def _leading_name(text: str) -> str | None:
    """The name a controller sentence opens with, up to the first comma: "X, gevestigd ..."."""
    head = text.split(":", 1)[1] if ":" in text[:80] else text
    name = re.split(r",|\s\(|\s(?:gevestigd|is|ist|est|with|mit|met|avec|con|sede)\s", head)[0]
    name = trim_name(name.strip())
    words = name.split()
    lowercase = [w for w in words if not w[:1].isupper() and not w[:1].isdigit()]
    if 0 < len(words) <= 8 and name[:1].isupper() and len(lowercase) <= 2:
        return name
    return None


def check_email(address: str, evidence: str) -> Email:
    """The address, and why mail to it would bounce if it would (TP-01)."""
    if WELL_FORMED_EMAIL.match(address):
        return Email(address, True, None, evidence)
    # A declared policy's YAML may hold any string here, not only what the email regex found.
    local, at, domain = address.partition("@")
    if not at or not local:
        problem = "not an email address (no name@domain)"
    elif "," in domain:
        problem = "a comma where the domain needs a dot"
    elif "." not in domain:
        problem = "no top-level domain (nothing after the name)"
    else:
        problem = "not a deliverable address"
    return Email(address, False, problem, evidence)
