"""A public CDN serving a session recorder anyone could publish, and two data collectors.

Other tools' test pages load recorders from jsDelivr and post to a collector of their own: the
CDN only hosts the file, so a scanner must report the recording, not jsDelivr, as the tracker.
The lead collector receives form input that a site's own script sends (keylogging through a
first-party script). None of these hosts is in the entity table: what they are shows only in
what the scripts do.
"""

from __future__ import annotations

import re

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response, credentialed_cors, javascript, no_content, text
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_script

#: npm packages the CDN emulation serves: ``/npm/<package>@<version>/<file>`` -> asset.
PACKAGES = {("pagetape", "dist/pagetape.min.js"): "cdn_pagetape.js"}


@emulates("cdn.jsdelivr.net", r"/npm/(?P<package>[\w.-]+)@(?P<version>[\w.-]+)/(?P<file>.+)")
def npm_file(request: LoggedRequest, match: re.Match[str]) -> Response:
    """A file of a known package at any version; anything else is jsDelivr's 404."""
    asset = PACKAGES.get((match["package"], match["file"]))
    if asset is None:
        return text(f"Couldn't find the requested file {match['file']}.\n", 404)
    return javascript(vendor_script(asset))


@emulates("ingest.pagetape-fixture.io", r"/v1/batch")
def recorder_batch(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Where the recorder posts its batches (the site owner's own collector)."""
    return no_content(headers=credentialed_cors(request))


@emulates("api.leadvang-fixture.com", r"/v1/lead")
def lead(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Receives whatever a site's lead-capture script sends it."""
    return no_content(headers=credentialed_cors(request))
