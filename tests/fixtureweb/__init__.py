"""Offline "fixture web": first-party test sites and emulated third parties over TLS.

See README.md in this folder for what is served and how to run it.
"""

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.server import FixtureWeb

__all__ = ["FixtureWeb", "LoggedRequest"]
