"""Markdown that page-controlled text cannot escape from: for the pull-request summary and the
cookie declaration.

A cookie name, storage key, banner text or host ends up in finding titles and evidence. In a PR
comment, unescaped, it could close a table cell (``|``), open a code span, a link (``[x](y)``),
raw HTML (``<img>``), become a clickable autolink (``www.evil.example``, ``https://...``,
``a@b.example``) or a reference that links or notifies (``@someone``, ``#12``, GitLab's ``!12``,
``~label``, ``%milestone``, ``&epic``). :func:`md_text` makes such text inert: inline Markdown
punctuation is backslash-escaped, ``<``, ``>`` and ``&`` become entities, line breaks become
spaces, and a zero-width space goes into ``://``, after ``www`` and after a reference sigil, so
neither GitHub's nor GitLab's renderer sees a link, a mention or a reference. :func:`md_code`
shows a value verbatim in a code span, where nothing is interpreted.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: What means something inside a line (emphasis, code, links, table cells, strike, maths).
_PUNCTUATION = set("\\`*_[]|~$")
#: Autolinks (scheme, www.) and references (@user, #12, !12, ~label, %milestone, &epic, $snip).
_LINKISH = re.compile(r"(?i)(:(?=//)|www(?=\.)|[@#!~%&$](?=\w))")


def _one_line(value: object) -> str:
    return " ".join(str(value).split())


def md_text(value: object, limit: int = 300) -> str:
    """``value`` as inert Markdown inline text on one line, cut at ``limit`` characters."""
    text = _one_line(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = _LINKISH.sub(lambda match: match.group(1) + ZWSP, text)
    out = []
    for char in text:
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _PUNCTUATION:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def md_code(value: object, limit: int = 300) -> str:
    """``value`` verbatim in a code span (long enough a fence for any backticks inside); a pipe
    is still escaped, since GFM splits table cells before it sees code spans."""
    text = _one_line(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    text = text.replace("|", "\\|")
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_table(
    header: list[str], rows: list[list[str]], budget: int, more: str, max_rows: int = 10**9
) -> str:
    """A GFM table of ``rows`` (cells already escaped): at most ``max_rows`` rows and
    ``budget`` characters; ``more`` (formatted with ``count``) says how many were left out."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    used = sum(len(line) + 1 for line in lines)
    shown = 0
    for row in rows[:max_rows]:
        line = "| " + " | ".join(row) + " |"
        if used + len(line) + 1 > budget:
            break
        lines.append(line)
        used += len(line) + 1
        shown += 1
    text = "\n".join(lines) + "\n"
    if shown < len(rows):
        text += "\n" + more.format(count=len(rows) - shown) + "\n"
    return text
