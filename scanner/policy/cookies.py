"""The cookies a policy declares: from cookie tables (names, providers, purposes, durations)
and cookie names met in running prose, with durations turned into seconds.

Split from :mod:`scanner.policy.extract`: tables and prose need different readers, and the
duration arithmetic is shared with the declared-policy (YAML) loader.
"""

from __future__ import annotations

import re

from scanner.classify.knowledge import lookup_cookie
from scanner.policy import lexicon
from scanner.policy.model import DeclaredCookie
from scanner.policy.read import PolicyText

#: Cookie names in prose: "_ga", "PHPSESSID", "wordpress_test_cookie".
COOKIE_NAME = re.compile(r"(?<![\w-])(_[\w-]{2,}|[A-Z][A-Z_]{3,}[A-Z0-9]|[a-z]+_[a-z_]+)(?![\w-])")


def read_cookies(policy: PolicyText) -> list[DeclaredCookie]:
    """Cookies from tables first (they carry durations), then cookie names met in prose."""
    cookies: dict[str, DeclaredCookie] = {}
    for table in policy.tables:
        for cookie in _cookie_table(table):
            cookies.setdefault(cookie.name, cookie)
    for sentence in policy.sentences:
        if " | " in sentence.text:
            continue  # table rows are read above, column by column
        names = list(COOKIE_NAME.finditer(sentence.text))
        for index, match in enumerate(names):
            name = match.group(1)
            fact = lookup_cookie(name)
            if fact is None or fact.domain is not None or name in cookies:
                continue
            # The duration stated after this name and before the next one: "_ga: 2 jaar".
            end = names[index + 1].start() if index + 1 < len(names) else len(sentence.text)
            window = sentence.text[match.end() : end]
            found = lexicon.DURATION.search(window) or lexicon.SESSION.search(window)
            duration = found.group(0) if found else None
            cookies[name] = DeclaredCookie(
                name=name,
                provider=fact.platform,
                category=fact.category,
                duration=duration,
                duration_seconds=duration_seconds(duration) if duration else None,
                evidence=sentence.text,
            )
    return list(cookies.values())


def _cookie_table(rows: list[list[str]]) -> list[DeclaredCookie]:
    """Rows of a table whose header names a cookie column and a duration or purpose column."""
    header = rows[0]
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        for column, pattern in lexicon.COOKIE_TABLE_COLUMNS.items():
            if column not in columns and pattern.search(cell.strip()):
                columns[column] = index
                break
    if "name" not in columns or not ({"duration", "purpose"} & columns.keys()):
        return []
    cookies = []
    for row in rows[1:]:

        def cell(column: str, row: list[str] = row) -> str | None:
            index = columns.get(column)
            return row[index].strip() or None if index is not None and index < len(row) else None

        name = cell("name")
        if not name:
            continue
        duration = cell("duration")
        fact = lookup_cookie(name)
        cookies.append(
            DeclaredCookie(
                name=name,
                provider=cell("provider"),
                purpose=cell("purpose"),
                category=_category(cell("purpose")) or (fact.category if fact else None),
                duration=duration,
                duration_seconds=duration_seconds(duration) if duration else None,
                evidence=" | ".join(row),
            )
        )
    return cookies


def _category(purpose: str | None) -> str | None:
    if not purpose:
        return None
    for category, pattern in lexicon.COOKIE_CATEGORY_TERMS.items():
        if pattern.search(purpose + " cookies"):
            return category
    return None


def duration_seconds(text: str) -> int | None:
    """Seconds in "2 jaar", "13 Monate", "30 jours"; 0 for a session cookie; None if unknown."""
    match = lexicon.DURATION.search(text)
    if match is None:
        return 0 if lexicon.SESSION.search(text) else None
    if match.group("n") is not None:
        amount = float(match.group("n").replace(",", "."))
    else:
        word = match.group("word")
        amount = next(v for v, pattern in lexicon.NUMBER_WORDS if pattern.fullmatch(word))
    unit = match.group("unit").lower()
    for pattern, seconds in lexicon.UNIT_SECONDS:
        if re.match(pattern, unit):
            return int(amount * seconds)
    return None
