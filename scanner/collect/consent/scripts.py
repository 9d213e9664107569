"""The in-page JavaScript of the consent package, kept as .js files beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def script(name: str) -> str:
    """The source of ``name`` (e.g. ``survey.js``)."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
