"""The interface every output format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from scanner.report.i18n import Translator


@dataclass(frozen=True)
class RenderContext:
    """What a format may know besides the document: nothing about the scan that wrote it."""

    #: Report language (en, nl, de, fr), already resolved.
    lang: str = "en"
    #: The folder holding report.json and its evidence/ (screenshots to inline), if any.
    source_dir: Path | None = None
    #: The gate's threshold: formats that pass or fail (JUnit) fail findings at or above it.
    fail_on: str | None = None

    def translator(self, document: dict) -> Translator:
        """The texts of this report in this context's language."""
        return Translator(self.lang, document)


class OutputFormat(ABC):
    """One output: a name for ``--format`` and a pure render from the document."""

    #: The name used in ``--format`` (``html``, ``sarif``, ...).
    name: ClassVar[str]
    #: One line for ``--help``.
    description: ClassVar[str]

    @abstractmethod
    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        """File name -> content; several files for formats that have several (CSV)."""
