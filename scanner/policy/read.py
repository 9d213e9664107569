"""Read a policy document (HTML, plain text or PDF) into sections, sentences and tables.

HTML pages carry menus, footers and cookie banners around the policy; only the main content is
read, so a footer link to "Google Maps" is not mistaken for a declared recipient. Tables are kept
as rows of cells, because cookie tables are where policies state names and durations.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from scanner.policy.language import detect_language
from scanner.policy.segment import (
    BULLET,
    Sentence,
    continues,
    is_heading,
    normalise,
    split_sentences,
)

#: Elements that are never policy content.
SKIPPED = {
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
    "form", "iframe", "button", "select", "input", "head", "title", "meta", "link",
}  # fmt: skip
SKIPPED_ROLES = {"navigation", "banner", "contentinfo", "dialog", "alertdialog", "search"}
#: id/class values of cookie banners and consent dialogs (not of cookie *policies*).
BANNER = re.compile(
    r"(cookie|consent|gdpr|privacy)[-_ ]?(banner|notice|bar|popup|modal|wall|dialog|overlay)"
    r"|\bcmp\b|onetrust-banner|CybotCookiebotDialog|usercentrics|didomi-popup",
    re.IGNORECASE,
)
MAIN_CANDIDATES = ("main", "[role=main]", "article", "#content", ".entry-content", ".content")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {
    "p", "div", "section", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "address", "pre",
    "article", "main", "figure", "figcaption", "caption", "details", "summary", "body", "html",
}  # fmt: skip
#: A CMS export that escaped its own markup: "&lt;/p&gt;&lt;p&gt;" shown as text.
ESCAPED_TAG = re.compile(
    rb"&lt;(/?(?:p|br|h[1-6]|li|ul|ol|div|strong|em|b|i)\b[^&<>]{0,80}?)/?&gt;"
)
#: Paragraph markup left in a text export: closing block tags only, since Markdown may use a
#: ``<br>`` or two and stays Markdown.
MARKUP_BLOCK = re.compile(rb"</(?:p|h[1-6]|li|ul|ol|div)>", re.IGNORECASE)
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
#: A table row written with pipes, and the rule under its header ("|---|:--:|").
TABLE_ROW = re.compile(r"^\|.*\|$")
TABLE_RULE = re.compile(r":?-{3,}:?")
MARKDOWN_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|`)")


class PolicyUnreadable(ValueError):
    """The document is empty, not a policy format we read, or a broken PDF."""


@dataclass
class PolicyText:
    """A policy as the extractor sees it."""

    source: str
    sentences: list[Sentence]
    tables: list[list[list[str]]] = field(default_factory=list)
    language: str | None = None
    html_lang: str | None = None
    #: The HTML page's <title>, which usually names the site (and so the controller).
    title: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(s.text for s in self.sentences)


def read_policy(content: bytes, content_type: str, source: str) -> PolicyText:
    """Dispatch on the content type (or the file name when the type is unknown)."""
    kind = content_type.split(";")[0].strip().lower()
    lowered = source.lower()
    if kind == "application/pdf" or content.startswith(b"%PDF") or lowered.endswith(".pdf"):
        policy = _read_pdf(content, source)
    elif (
        "html" in kind
        or lowered.endswith((".html", ".htm"))
        or _looks_like_html(content)
        or _has_markup(content)
    ):
        policy = _read_html(content, source)
    elif kind == "text/markdown" or lowered.endswith((".md", ".markdown")):
        policy = _read_plain(_decode(content), source, markdown=True)
    else:
        policy = _read_plain(_decode(content), source)
    if not policy.sentences:
        raise PolicyUnreadable(f"no text found in {source}")
    policy.language, _share = detect_language(policy.text)
    if policy.language is None and policy.html_lang:
        policy.language = policy.html_lang
    return policy


def _decode(content: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _has_markup(content: bytes) -> bool:
    """A text or Markdown export that still carries its paragraph markup, raw or escaped
    ("<p>...</p><h2>", "&lt;/p&gt;&lt;h2&gt;"): read as HTML so its blocks become sentences."""
    text = _unescape_twice(content)
    return len(MARKUP_BLOCK.findall(text)) + len(ESCAPED_TAG.findall(text)) >= 2


def _unescape_twice(content: bytes) -> bytes:
    """Markup escaped twice over (``&amp;lt;p&amp;gt;``) back to escaped once (``&lt;p&gt;``)."""
    return re.sub(rb"&amp;(lt|gt|quot|amp);", rb"&\1;", content)


def _looks_like_html(content: bytes) -> bool:
    head = content[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


# -- plain text and PDF ------------------------------------------------------------------------


def _read_plain(text: str, source: str, markdown: bool = False) -> PolicyText:
    """Blank lines separate paragraphs; short unpunctuated lines are headings (in Markdown, the
    ``#`` lines); bullets are items. A line that continues a wrapped one joins it, even when it
    looks like a heading ("Ihrer ausdrücklichen Einwilligung nach Art. 49 Abs. 1")."""
    sentences: list[Sentence] = []
    section: str | None = None
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            sentences.extend(split_sentences(" ".join(paragraph), section))
            paragraph.clear()

    item: list[str] = []

    def flush_item() -> None:
        if item:
            sentences.extend(split_sentences(" ".join(item), section, "item"))
            item.clear()

    tables: list[list[list[str]]] = []
    table: list[list[str]] = []
    table_end = -1
    for raw in text.splitlines():
        line = normalise(raw)
        heading = MARKDOWN_HEADING.match(line) if markdown else None
        if markdown and not heading:
            line = MARKDOWN_EMPHASIS.sub("", MARKDOWN_LINK.sub(r"\1", line))
            line = MARKDOWN_BREAK.sub(" ", line).strip()  # the line ends there anyway
        if not line:
            flush()
            flush_item()
        elif TABLE_ROW.match(line):  # "| Cloudbarn | hosting |", in Markdown or plain text
            flush()
            flush_item()
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not all(TABLE_RULE.fullmatch(cell) for cell in cells):
                if not table or table_end != len(sentences):
                    table = []
                    tables.append(table)
                table.append(cells)
                sentences.append(Sentence(" | ".join(cells), section, "row"))
            table_end = len(sentences)
        elif item and not BULLET.match(line) and continues(item[-1], line):
            item.append(line)
        elif paragraph and continues(paragraph[-1], line):
            paragraph.append(line)
        elif BULLET.match(line):
            flush()
            flush_item()
            item.append(BULLET.sub("", line))
        elif heading or (not markdown and is_heading(line)):
            flush()
            flush_item()
            line = heading.group(1) if heading else line
            section = line.rstrip(":")
            sentences.append(Sentence(line, section, "heading"))
        else:
            flush_item()
            paragraph.append(line)
    flush()
    flush_item()
    return PolicyText(source=source, sentences=sentences, tables=tables)


def _read_pdf(content: bytes, source: str) -> PolicyText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(content))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise PolicyUnreadable(f"cannot read the PDF {source}: {error}") from None
    # PDF text has a line break wherever the page wrapped; a line that does not end a sentence
    # continues in the next one, unless the next starts a bullet.
    lines: list[str] = []
    for line in "\n".join(pages).splitlines():
        line = line.strip()
        wrapped = lines and lines[-1] and line and not re.search(r"[.:;!?]$", lines[-1])
        if wrapped and not BULLET.match(line) and not (is_heading(lines[-1]) or is_heading(line)):
            lines[-1] += " " + line
            continue
        lines.append(line)
    return _read_plain("\n".join(lines), source)


# -- HTML -------------------------------------------------------------------------------------


def _read_html(content: bytes, source: str) -> PolicyText:
    soup = BeautifulSoup(ESCAPED_TAG.sub(rb"<\1>", _unescape_twice(content)), "lxml")
    title = normalise(soup.title.get_text(" ")) if soup.title else None
    html = soup.find("html")
    html_lang = html.get("lang") if isinstance(html, Tag) else None
    for element in soup.find_all(_is_chrome):
        element.decompose()
    main = _main_content(soup)
    walker = _Walker()
    walker.walk(main)
    walker.flush(None)
    return PolicyText(
        source=source,
        sentences=walker.sentences,
        tables=walker.tables,
        html_lang=str(html_lang).split("-")[0].lower() if html_lang else None,
        title=title or None,
    )


def _is_chrome(tag: Tag) -> bool:
    """Navigation, banners and scripts: everything around the policy text."""
    if tag.name in SKIPPED or tag.get("role") in SKIPPED_ROLES:
        return True
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    marks = " ".join([str(tag.get("id", "")), *tag.get("class", [])])
    return bool(marks.strip()) and bool(BANNER.search(marks))


def _main_content(soup: BeautifulSoup) -> Tag:
    """The element holding the policy: ``<main>``, an article, or the body."""
    for selector in MAIN_CANDIDATES:
        found = soup.select(selector)
        if found:
            return max(found, key=lambda tag: len(tag.get_text(" ", strip=True)))
    return soup.body or soup


class _Walker:
    """Turns the main element into sentences in document order, with section headings."""

    def __init__(self) -> None:
        self.sentences: list[Sentence] = []
        self.tables: list[list[list[str]]] = []
        self.section: str | None = None
        self.buffer: list[str] = []

    def flush(self, tag_name: str | None) -> None:
        text = normalise("".join(self.buffer))
        self.buffer.clear()
        if not text:
            return
        if tag_name in HEADINGS:
            self.section = text.rstrip(":")
            self.sentences.append(Sentence(text, self.section, "heading"))
        else:
            kind = "item" if tag_name in ("li", "dt") else "text"
            self.sentences.extend(split_sentences(text, self.section, kind))

    def walk(self, element: Tag) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment or CDATA
                    # A raw newline in HTML source is a space, except in <pre>.
                    text = str(child)
                    if "\n" in text and child.find_parent("pre") is None:
                        text = text.replace("\n", " ")
                    self.buffer.append(text)
            elif not isinstance(child, Tag):
                continue
            elif child.name == "br":
                self.buffer.append("\n")
            elif child.name == "table":
                self.flush(element.name)
                self._table(child)
            elif child.name in BLOCKS:
                self.flush(element.name)
                self.walk(child)
                self.flush(child.name)
            else:
                self.buffer.append(child.get_text(" ") if child.name != "a" else child.get_text())
        # Text after the last block child belongs to this element.

    def _table(self, table: Tag) -> None:
        rows = []
        for row in table.find_all("tr"):
            cells = [normalise(cell.get_text(" ")) for cell in row.find_all(["th", "td"])]
            if any(cells):
                rows.append(cells)
                self.sentences.append(Sentence(" | ".join(cells), self.section, "row"))
        if rows:
            self.tables.append(rows)
