"""From documents (fetched by the crawl, or given on the command line) to one declared policy."""

from __future__ import annotations

import mimetypes
from datetime import date
from pathlib import Path

from scanner.errors import UsageError
from scanner.policy.declared import load_declared
from scanner.policy.extract import extract
from scanner.policy.genre import NotAPolicy, precheck, require_policy
from scanner.policy.merge import apply_declared, combine
from scanner.policy.model import DeclaredPolicy
from scanner.policy.read import PolicyUnreadable, read_policy

DECLARED_SUFFIXES = (".yaml", ".yml")


def analyse_document(
    content: bytes,
    content_type: str,
    source: str,
    scan_date: date | None = None,
    genre: bool = False,
) -> DeclaredPolicy:
    """Read one policy document and extract what it declares.

    With ``genre``, a document that is not a privacy policy at all (a password file, terms of
    sale) raises :class:`~scanner.policy.genre.NotAPolicy` instead of yielding findings; callers
    that hand in known policy snippets (the tests) leave it off.
    """
    if genre:
        precheck(content, content_type, source)
    text = read_policy(content, content_type, source)
    return extract(require_policy(text) if genre else text, scan_date)


def analyse_file(path: Path, scan_date: date | None = None) -> DeclaredPolicy:
    """A local policy: HTML, text or PDF to read, or a YAML declared policy used as is.

    Raises :class:`UsageError` (exit 2) for a missing, unreadable or invalid file.
    """
    if path.suffix.lower() in DECLARED_SUFFIXES:
        return load_declared(path, scan_date)[0]
    try:
        content = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read the policy {path}: {error.strerror or error}") from None
    content_type = mimetypes.guess_type(path.name)[0] or "text/plain"
    try:
        return analyse_document(content, content_type, str(path), scan_date, genre=True)
    except NotAPolicy as error:
        raise UsageError(f"{path}: not a privacy policy: {error.reason}") from None
    except PolicyUnreadable as error:
        raise UsageError(f"cannot read the policy {path}: {error}") from None


def final_policy(
    read: list[DeclaredPolicy], declared: tuple[DeclaredPolicy, str] | None
) -> DeclaredPolicy | None:
    """What the checks hold the site to: the documents read, with the owner's declared policy
    (and its mode, from :func:`~scanner.policy.declared.load_declared`) over them."""
    policy = combine(read) if read else None
    return apply_declared(policy, *declared) if declared else policy
